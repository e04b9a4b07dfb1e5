/** Single-table layout: one item per party state, plus sharded counters for statistics. */
export const partyKey = (partyId: string) => ({ pk: `PARTY#${partyId}`, sk: 'STATE' });

export const STATS_PK = 'STATS';
export const statsShardKey = (shard: number) => ({
  pk: STATS_PK,
  sk: `SHARD#${String(shard).padStart(2, '0')}`,
});

/** Spreads counter writes over several items so that no single item becomes a hot key. */
export function shardOf(partyId: string, shards: number): number {
  let hash = 2166136261;
  for (let index = 0; index < partyId.length; index++) {
    hash ^= partyId.charCodeAt(index);
    hash = Math.imul(hash, 16777619);
  }
  return (hash >>> 0) % shards;
}
