/**
 * Words with which a person takes back what they just said in the same input: "25 kids, make that
 * 30", "40 guests. Actually 45", "$500, no wait, $700", "20 kids, sorry, 22 kids". What follows one
 * is read as a later input would be, so that its values replace the ones before it instead of being
 * added to them ("20 kids ... 22 kids" is not 42).
 */
const CORRECTION =
  /(?:^|[\s,.;:!?(-])(?:make (?:that|it)|no wait|wait no|actually|sorry|i mean|or rather|scratch that|correction)(?=$|[\s,.;:!?)-])/gi;

/** The input cut before each correction word, oldest part first; one part when there is none. */
export function correctionParts(content: string): string[] {
  const starts = [...content.matchAll(CORRECTION)].map((match) => match.index);
  const cuts = [0, ...starts.filter((start) => start > 0), content.length];
  return cuts
    .slice(1)
    .map((end, index) => content.slice(cuts[index], end))
    .filter((part) => part.trim().length > 0);
}
