/**
 * Common English words (from SCOWL's size-35 list) that are one or two edits from a typo target and
 * share its first letter: real words, never to be "corrected" ("private" is not a misspelt "pirate",
 * "sport" not "sports"). Generated once against `TYPO_TARGETS`; regenerate it when targets are added
 * (for every common word of 5+ letters: keep it if `withinReach` would correct it to a target).
 */
export const REAL_WORDS: ReadonlySet<string> = new Set(
  (
    'adult attended babes babied babier babiest backhand backhands backward backwards ballroom ' +
    'ballrooms baptise baptised baptises barnyard barnyards bassoons billions boots booty bounces ' +
    'bounty broth broths budge budged budges calibration calibrations campaign campaigns cannibal ' +
    'cannibals capping cardinal cardinals carping casing casings caste castes castles casualty cattle ' +
    'causal celebrating champing chapping chastening christens circuits clamming clamping clapping ' +
    'clasping classical classify classing classmate clumping collages colleague colleges colourful ' +
    'commodity commotion commotions communing communism communist communists companion companions ' +
    'consigns constriction constrictions constructing constructive contraction contractions coursing ' +
    'cousin cramming cramping crown crowns discs discus dollar dozed dozes eighteenth eighteenths ' +
    'eighth eighths elegance elephant elephants eleventh elevenths employed employee employer ' +
    'employers enchants enhanced enlargement enlargements exchanged fairly fairs fiends fifteenth ' +
    'fifteenths fifth fifths flourish foothill foothills foray forays format formats forte fortes ' +
    'forth forts fourteenth fourteenths friend friended friendly froze gardenia gardenias glancing ' +
    'glassing gleaming glimpsing gradation gradations graduating grasping guess guest gusts hindered ' +
    'hundredth hundredths hungered industries industrious jangle jangles jingle jingles juggle juggles ' +
    'jungles lades ladles lavenders lazies marsh masquerades match minimalism minister ministers moans ' +
    'moister monastery monsters musician musicians nicety nineteenth nineteenths oranges paining ' +
    'painless painted panting parenting parity parsons partly parts paste pasted pastes pasty ' +
    'patenting patienter patty pensions peoples person persona personal personals photograph ' +
    'photographed photographers photographic photographs photography pirates planting pointer pointers ' +
    'pointing ponds pound princes printer printers printing printings purpler purples purplest ' +
    'refinement refinements relations relative relatively requirement requirements retry sciences ' +
    'seaports semen serenity seventeenth seventeenths seventh sevenths sever severity severs shorts ' +
    'showed showers showier silvers silvery sixteenth sixteenths sixth sixths sleepier sliver slivers ' +
    'slower snorts sorts spores sport spots spouts spurts student sundae sundaes sundry superber ' +
    'supports teemed teenager themes there these theses thirsty thirteenth thirteenths thousandth ' +
    'thousandths threes threw thyme toddler toddles topical turquoises twelves vegetation vintages wadding ' +
    'waddling weakened wedging weeding welding westerly wielding woodwind woodwinds ' +
    ''
  )
    .split(' ')
    .filter(Boolean),
);
