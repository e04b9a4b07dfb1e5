/**
 * What people actually type. Each script's inputs are chosen so that every one changes what some
 * agent or the budget works from: an input that changes nothing produces no new plan, and a
 * latency "to the plan" would then never end. The bench reports any input that still goes
 * unanswered rather than hiding it.
 */
const SCRIPTS: readonly (readonly string[])[] = [
  [
    'jungle theme party for 75 guests',
    'budget $1500',
    'nut-free chocolate cake',
    'a DJ and balloons',
    'vegan menu for the adults',
    'we need an outdoor venue in Austin',
    'colors should be green and gold',
    'actually make it 90 guests',
    'kosher catering too, please',
    'raise the budget to $2,200',
  ],
  [
    'space theme birthday for my 8 year old, about 30 kids',
    'budget is around 1.5k',
    'a rocket shaped vanilla cake',
    'pizza and fruit for the kids, gluten-free options please',
    'we would like a photographer',
    'looking for an indoor venue in Denver',
    'colors blue and silver',
    'make it 40 guests',
    'it is for her 9th birthday now',
    'under 2000 dollars total',
  ],
  [
    'elegant garden party for 50 people',
    'we can spend $3000',
    'lemon cake with fresh berries',
    'a string quartet and a florist',
    'vegetarian buffet with some halal dishes',
    'a venue in Seattle with a garden',
    'pastel pink and white colors',
    'now 65 guests',
    'it is for our 10th wedding anniversary',
    'budget $3,500',
  ],
  [
    'pirate theme party for 20 kids',
    'budget $800',
    'a treasure chest cake, dairy-free',
    'face painting and a balloon artist',
    'hot dogs and mac and cheese for lunch',
    'a park pavilion in Portland',
    'red and black decorations',
    'make that 25 kids',
    'my son is turning 10',
    'budget $950',
  ],
];

/** Inputs per party that the scripts can feed without repeating themselves. */
export const MAX_INPUTS_PER_PARTY = 10;

/** The n-th party's inputs, scripts taken in turn so that concurrent parties do different work. */
export function scriptFor(party: number, length: number): string[] {
  if (length > MAX_INPUTS_PER_PARTY) throw new RangeError(`at most ${MAX_INPUTS_PER_PARTY} inputs per party`);
  return (SCRIPTS[party % SCRIPTS.length] ?? []).slice(0, length);
}

/** One untimed input that makes every agent and the budget run, so that every function is warm. */
export const WARMUP_INPUT =
  'jungle theme party for 60 guests in Austin with a nut-free cake, vegan catering and a DJ, budget $2000';
