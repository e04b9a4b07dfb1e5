/**
 * Bounds that keep one party's item far below DynamoDB's 400 KB item limit, with room left for
 * agent results, budget and plan: 50 inputs of at most 1,000 characters are at most about 60 KB.
 */
export const LIMITS = {
  inputsPerParty: 50,
  inputLength: 1_000,
  tagsPerInput: 10,
  tagLength: 40,
  partyItemBytes: 160 * 1024,
} as const;

/** Party state lives this long after its last change, then DynamoDB's TTL removes it. */
export const PARTY_RETENTION_SECONDS = 180 * 24 * 60 * 60;
