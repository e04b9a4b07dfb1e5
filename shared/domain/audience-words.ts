// Who a party is for, as words and ages: the one vocabulary that the understanding (which reads the
// audience from text) and the agents (which decide whom their suggestions suit) share. Pure data.

/**
 * Occasions that are adults' parties whatever else is known: nobody wants a bounce house, a
 * children's sing-along or a play space at an engagement party.
 */
export const ADULT_OCCASIONS: readonly string[] = [
  'wedding',
  'engagement',
  'anniversary',
  'bachelor',
  'bachelorette',
  'hen',
  'stag',
  'bridal shower',
  'rehearsal dinner',
  'corporate',
  'office',
  'work',
  'company',
  'retirement',
  'gala',
  'cocktail',
  'reunion',
  'divorce',
];

// Occasions that say whom they are for ("a kids' birthday", "a teen disco", "an adults-only party").
// Not "baby": a baby shower is the parents' party.
export const KIDS_WORDS: readonly string[] = ['kid', 'child', 'children', 'toddler', 'preschool'];
export const TEENS_WORDS: readonly string[] = [
  'teen',
  'teenager',
  'sweet 16',
  'sweet sixteen',
  'quinceanera',
  'prom',
];
export const ADULTS_WORDS: readonly string[] = ['adult', 'grown up'];

/** Under this age a guest of honour is a child. */
export const KIDS_UNDER = 13;
/** From this age a guest of honour is an adult; in between, a teen. */
export const ADULTS_FROM = 18;
