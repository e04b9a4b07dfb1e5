/**
 * The three kinds of partition the table holds, told apart by the start of the partition key: the
 * functions' grants name them (`dynamodb:LeadingKeys`), so a key must never be spelled elsewhere.
 */
export const PARTY_PK_PREFIX = 'PARTY#';
export const CONNECTION_PK_PREFIX = 'CONN#';

/**
 * Single-table layout: a party's partition holds its state (a core item plus one per result, budget
 * and plan: see party-items.ts), its access hash, messages and quota; statistics are sharded counters.
 */
export const partyKey = (partyId: string) => ({ pk: `${PARTY_PK_PREFIX}${partyId}`, sk: 'STATE' });

/** The hash of the party's access token, apart from the state so that no state read ever returns it. */
export const accessKey = (partyId: string) => ({ pk: `${PARTY_PK_PREFIX}${partyId}`, sk: 'ACCESS' });

export const STATS_PK = 'STATS';
export const statsShardKey = (shard: number) => ({
  pk: STATS_PK,
  sk: `SHARD#${String(shard).padStart(2, '0')}`,
});

/** The index that finds a party's WebSocket connections without a scan. */
export const PARTY_INDEX = 'by_party';
