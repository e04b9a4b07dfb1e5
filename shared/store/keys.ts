/** Single-table layout: one item per party state, plus sharded counters for statistics. */
export const partyKey = (partyId: string) => ({ pk: `PARTY#${partyId}`, sk: 'STATE' });

export const STATS_PK = 'STATS';
export const statsShardKey = (shard: number) => ({
  pk: STATS_PK,
  sk: `SHARD#${String(shard).padStart(2, '0')}`,
});

/** The index that finds a party's WebSocket connections without a scan. */
export const PARTY_INDEX = 'by_party';
