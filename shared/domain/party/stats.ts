import type { PartyState, PartyStats, PartyStatus } from '#shared/contracts/party.ts';

/** Counter changes that one write makes to the global statistics. */
export interface StatsDelta {
  readonly total_parties: number;
  readonly total_inputs: number;
  readonly total_agent_results: number;
  readonly status_counts: Partial<Record<PartyStatus, number>>;
}

/**
 * As in the original store, every agent record counts, whatever its status: so the frequent
 * running-to-completed writes change no counter and need no transaction.
 */
function agentRecords(state: PartyState): number {
  return Object.keys(state.active_agents).length;
}

export function statsDelta(before: PartyState | null, after: PartyState): StatsDelta {
  const status_counts: Partial<Record<PartyStatus, number>> = {};
  if (before?.status !== after.status) {
    if (before) status_counts[before.status] = -1;
    status_counts[after.status] = 1;
  }
  return {
    total_parties: before ? 0 : 1,
    total_inputs: after.inputs.length - (before?.inputs.length ?? 0),
    total_agent_results: agentRecords(after) - (before ? agentRecords(before) : 0),
    status_counts,
  };
}

export function isEmptyDelta(delta: StatsDelta): boolean {
  return (
    delta.total_parties === 0 &&
    delta.total_inputs === 0 &&
    delta.total_agent_results === 0 &&
    Object.values(delta.status_counts).every((count) => count === 0)
  );
}

/** Sums counter shards into the statistics the original store reported. */
export function sumShards(shards: readonly Partial<Record<string, unknown>>[]): PartyStats {
  const stats: PartyStats = { total_parties: 0, total_inputs: 0, total_agent_results: 0, status_counts: {} };
  for (const shard of shards) {
    stats.total_parties += Number(shard.total_parties ?? 0);
    stats.total_inputs += Number(shard.total_inputs ?? 0);
    stats.total_agent_results += Number(shard.total_agent_results ?? 0);
    for (const [key, value] of Object.entries(shard)) {
      if (!key.startsWith('status_')) continue;
      const status = key.slice('status_'.length) as PartyStatus;
      stats.status_counts[status] = (stats.status_counts[status] ?? 0) + Number(value);
    }
  }
  return stats;
}
