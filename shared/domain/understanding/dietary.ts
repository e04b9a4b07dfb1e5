import type { DietaryNeed } from '#shared/contracts/understanding.ts';
import { type Mention, mentions, vocabulary } from './vocabulary.ts';

const NUT = '(?:pea|tree[\\s-]?)?nuts?';
const ALLERGY = '(?:allerg(?:y|ies|ic)|intoleran(?:t|ce)|sensitiv(?:e|ity))';

/** Needs named outright or through what rules a food out ("no nuts", "celiac", "lactose intolerant"). */
const DIETARY = vocabulary<DietaryNeed>([
  { name: 'vegan', sources: ['vegans?', 'plant[\\s-]based', 'no animal products'] },
  {
    name: 'vegetarian',
    sources: [
      'vegetarians?',
      'veggie[\\s-]friendly',
      'meatless',
      'meat[\\s-]?free',
      'no meat',
      'veg(?:gie)? options?',
    ],
  },
  {
    name: 'nut-free',
    sources: [
      `${NUT}[\\s-]?free`,
      `(?:no|without|zero) ${NUT}`,
      `${NUT} ${ALLERGY}`,
      `allergic to ${NUT}`,
      `${NUT}[\\s-]safe`,
    ],
  },
  {
    name: 'gluten-free',
    sources: [
      'gluten[\\s-]?free',
      '(?:no|without) gluten',
      `gluten ${ALLERGY}`,
      'co?eliacs?',
      'wheat[\\s-]?free',
      `(?:wheat|gluten) allerg(?:y|ies)`,
    ],
  },
  {
    name: 'dairy-free',
    sources: [
      'dairy[\\s-]?free',
      'non[\\s-]?dairy',
      '(?:no|without) dairy',
      'lactose(?:[\\s-]?(?:free|intolerant|intolerance))?',
      `(?:milk|dairy) ${ALLERGY}`,
      'allergic to (?:milk|dairy)',
    ],
  },
  {
    name: 'egg-free',
    sources: ['eggs?[\\s-]?free', 'eggless', '(?:no|without) eggs?', `eggs? ${ALLERGY}`, 'allergic to eggs?'],
  },
  { name: 'halal', sources: ['halal'] },
  { name: 'kosher', sources: ['kosher'] },
]);

export function findDietary(text: string): Mention<DietaryNeed>[] {
  return mentions(text, DIETARY);
}
