import { type Mention, mentions, vocabulary } from './vocabulary.ts';

/** What makes a cuisine's name a request for its food: "Indian food", "a Mexican buffet". */
const FARE = '\\s+(?:food|cuisine|dishes|buffet|catering|menu|meals?|dinner|lunch)';

/**
 * Dishes and cuisines asked for ("we want pizza", "Indian food", "a taco bar"), under the names the
 * catering agent matches against the caterers' cuisines and menus. A dietary need ("vegan food")
 * stays a dietary need.
 */
const FOODS = vocabulary([
  { name: 'pizza', sources: ['pizzas?'] },
  { name: 'tacos', sources: ['tacos?(?:\\s+(?:bar|truck)s?)?', 'burritos?'] },
  { name: 'bbq', sources: ['bbq', 'barbe(?:cue|que)s?'] },
  { name: 'sushi', sources: ['sushi'] },
  { name: 'indian', sources: [`indian${FARE}`, 'curry', 'curries'] },
  { name: 'mexican', sources: [`mexican${FARE}`] },
  { name: 'italian', sources: [`italian${FARE}`, 'pasta'] },
  { name: 'chinese', sources: [`chinese${FARE}`, 'dumplings?'] },
  {
    name: 'mediterranean',
    sources: [`(?:mediterranean|greek)${FARE}`, 'falafel'],
  },
  { name: 'burgers', sources: ['(?:ham|cheese)?burgers?'] },
  { name: 'sandwiches', sources: ['sandwich(?:es)?'] },
  {
    name: 'finger food',
    sources: ['finger[\\s-]+foods?', 'appeti[sz]ers?', "hors\\s+d'?oeuvres?", 'canapes?'],
  },
  { name: 'brunch', sources: ['brunch(?:es)?'] },
]);

/** A food naming a kind of place ("a sushi restaurant", "a pizza place") asks for the place only. */
const PLACE_AFTER = /^[\s-]+(?:restaurants?|places?|joints?|parlou?rs?)\b/;

export function findFoods(text: string): Mention[] {
  return mentions(text, FOODS).filter(({ end }) => !PLACE_AFTER.test(text.slice(end)));
}
