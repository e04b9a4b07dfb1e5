import { round } from './summary.ts';

/** What one input costs each resource that an AWS quota meters, as the bench counted it. */
export interface LoadPerInput {
  /** PutEvents requests (not entries: the quota counts requests). */
  readonly putEventsRequests: number;
  /** Rule deliveries to targets: the invocations of the functions the bus triggers. */
  readonly ruleInvocations: number;
  /** Lambda execution seconds, all functions: by Little's law, concurrency per input per second. */
  readonly lambdaSeconds: number;
  /** Requests API Gateway meters for one browser per party: HTTP calls, WebSocket messages and the `@connections` posts. */
  readonly gatewayRequests: number;
  /** `@connections` posts per input for each further browser on the same party. */
  readonly postsPerExtraBrowser: number;
  readonly tableReadUnits: number;
  readonly tableWriteUnits: number;
  /** Units on the party's own partition key (state, message log, quota windows). */
  readonly partyReadUnits: number;
  readonly partyWriteUnits: number;
  /** Write units on partition keys that every party shares (the statistics counters). */
  readonly sharedKeyWriteUnits: number;
}

/** How the capacity is read: what is assumed about the people using it. */
export interface UsageShape {
  /** Browsers open on one party (each gets every message). */
  readonly browsersPerParty: number;
  /** How often one active party adds or removes an input. */
  readonly inputsPerPartyPerSecond: number;
}

export const USAGE_SHAPE: UsageShape = { browsersPerParty: 2, inputsPerPartyPerSecond: 1 / 30 };

interface Quota {
  readonly name: string;
  /** AWS's default (us-east-1; several are lower in smaller Regions). */
  readonly limit: number;
  readonly unit: string;
  readonly adjustable: boolean;
  /** How much of the quota one input uses, for the whole account or for its party alone. */
  readonly scope: 'account' | 'party';
  use(load: LoadPerInput, shape: UsageShape): number;
}

/**
 * AWS's default quotas that the pipeline meets, with what one input uses of each. Sources: the
 * EventBridge, Lambda, API Gateway and DynamoDB quota pages (December 2026).
 */
export const QUOTAS: readonly Quota[] = [
  {
    name: 'EventBridge PutEvents',
    limit: 10_000,
    unit: 'requests/s',
    adjustable: true,
    scope: 'account',
    use: (load) => load.putEventsRequests,
  },
  {
    name: 'EventBridge target invocations',
    limit: 18_750,
    unit: 'invocations/s',
    adjustable: true,
    scope: 'account',
    use: (load) => load.ruleInvocations,
  },
  {
    name: 'Lambda concurrent executions',
    limit: 1_000,
    unit: 'executions',
    adjustable: true,
    scope: 'account',
    use: (load) => load.lambdaSeconds,
  },
  {
    name: 'API Gateway requests (HTTP, WebSocket, @connections)',
    limit: 10_000,
    unit: 'requests/s',
    adjustable: true,
    scope: 'account',
    use: (load, shape) => load.gatewayRequests + (shape.browsersPerParty - 1) * load.postsPerExtraBrowser,
  },
  {
    name: 'DynamoDB on-demand table writes',
    limit: 40_000,
    unit: 'WCU/s',
    adjustable: true,
    scope: 'account',
    use: (load) => load.tableWriteUnits,
  },
  {
    name: 'DynamoDB on-demand table reads',
    limit: 40_000,
    unit: 'RCU/s',
    adjustable: true,
    scope: 'account',
    use: (load) => load.tableReadUnits,
  },
  {
    name: 'DynamoDB one partition, shared statistics key',
    limit: 1_000,
    unit: 'WCU/s',
    adjustable: false,
    scope: 'account',
    use: (load) => load.sharedKeyWriteUnits,
  },
  {
    name: "DynamoDB one partition, the party's key (writes)",
    limit: 1_000,
    unit: 'WCU/s',
    adjustable: false,
    scope: 'party',
    use: (load) => load.partyWriteUnits,
  },
  {
    name: "DynamoDB one partition, the party's key (reads)",
    limit: 3_000,
    unit: 'RCU/s',
    adjustable: false,
    scope: 'party',
    use: (load) => load.partyReadUnits,
  },
];

export interface QuotaCapacity {
  readonly quota: string;
  readonly limit: string;
  readonly per_input: number;
  readonly scope: 'account' | 'party';
  /** Inputs per second this quota alone allows: across all parties, or for one party. */
  readonly inputs_per_second: number;
  /** What raising it buys: up to the next quota in line, or nothing while a lower one binds. */
  readonly raising_it_buys: string;
}

export interface CapacityPlan {
  readonly shape: UsageShape;
  readonly quotas: readonly QuotaCapacity[];
  readonly binding: string;
  readonly inputs_per_second: number;
  readonly concurrent_parties: number;
  /** New parties per second the WebSocket API accepts (500 new connections a second per account). */
  readonly parties_opened_per_second: number;
}

const NEW_CONNECTIONS_PER_SECOND = 500;

/**
 * Which quota binds first, at how many inputs a second and how many parties typing at the assumed
 * pace, and what raising each quota buys: up to the next quota in line, and nothing while a lower one
 * still binds. A quota that is not adjustable ends the line.
 */
export function capacityPlan(load: LoadPerInput, shape: UsageShape = USAGE_SHAPE): CapacityPlan {
  const rated = QUOTAS.map((quota) => {
    const perInput = quota.use(load, shape);
    return { quota, perInput, rate: perInput > 0 ? quota.limit / perInput : Number.POSITIVE_INFINITY };
  });
  const account = rated.filter((entry) => entry.quota.scope === 'account').sort((a, b) => a.rate - b.rate);
  const [binding] = account;
  if (!binding) throw new Error('no account-wide quota');
  const nextAbove = (rate: number) => account.find((entry) => entry.rate > rate);
  const buys = (entry: (typeof rated)[number]): string => {
    if (entry.quota.scope === 'party') return 'one party alone: far above anyone typing';
    if (entry.rate > binding.rate) return 'raising it buys nothing while a lower one binds';
    if (!entry.quota.adjustable) return 'AWS does not raise it: only a change of design does';
    const next = nextAbove(entry.rate);
    return next
      ? `raising it buys up to ${round(next.rate, 0)} inputs/s, where ${next.quota.name} binds`
      : 'raising it buys as much as it is raised';
  };
  return {
    shape,
    quotas: rated.map((entry) => ({
      quota: entry.quota.name,
      limit: `${entry.quota.limit.toLocaleString('en-US')} ${entry.quota.unit}`,
      per_input: round(entry.perInput, 3),
      scope: entry.quota.scope,
      inputs_per_second: round(entry.rate, 0),
      raising_it_buys: buys(entry),
    })),
    binding: binding.quota.name,
    inputs_per_second: round(binding.rate, 0),
    concurrent_parties: Math.floor(binding.rate / shape.inputsPerPartyPerSecond),
    parties_opened_per_second: round(NEW_CONNECTIONS_PER_SECOND / shape.browsersPerParty, 0),
  };
}
