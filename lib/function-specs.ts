import type { Consumer } from '#shared/contracts/event-routes.ts';

/** One Lambda function per folder under `functions/`; the id is the folder name. */
export type FunctionId =
  | 'analyzer'
  | 'theme-agent'
  | 'venue-agent'
  | 'cake-agent'
  | 'catering-agent'
  | 'vendor-agent'
  | 'budget'
  | 'planner'
  | 'broadcaster'
  | 'http-start-party'
  | 'http-add-input'
  | 'http-remove-input'
  | 'http-get-status'
  | 'ws-authorizer'
  | 'ws-connect'
  | 'ws-disconnect'
  | 'ws-default';

/** The DynamoDB item actions the functions use: none batches, scans or describes the table. */
export type ItemAction = 'GetItem' | 'Query' | 'PutItem' | 'UpdateItem' | 'DeleteItem';

/**
 * The partitions of the single table (shared/adapters/dynamodb/keys.ts), told apart by the start of
 * the partition key: a party's own (state, access hash, message log, quota windows), a WebSocket
 * connection's row, and the statistics shards.
 */
export type Partition = 'party' | 'connection' | 'stats';

export interface TableAccess {
  /**
   * The item actions a function performs, by the partitions it performs them on. Actions inside a
   * transaction count as their own (a `Put` of TransactWriteItems is `dynamodb:PutItem`): IAM has no
   * action for the transaction itself.
   */
  readonly items: Readonly<Partial<Record<Partition, readonly ItemAction[]>>>;
  /** Queries the `by_party` index for a party's connections. */
  readonly queriesPartyIndex: boolean;
}

export interface FunctionSpec {
  /**
   * `event` functions are invoked asynchronously by EventBridge and get retries and a failure
   * destination; `request` functions answer API Gateway synchronously, so the caller sees failures.
   */
  readonly trigger: 'event' | 'request';
  readonly table: TableAccess;
  readonly publishesEvents: boolean;
  /** Posts to browsers through the WebSocket API's @connections management endpoint. */
  readonly pushesToClients: boolean;
  /** Changes a party on a client's request, within the per-party quota of changes per minute. */
  readonly limitsChanges: boolean;
}

const pipeline = {
  trigger: 'event',
  publishesEvents: true,
  pushesToClients: false,
  limitsChanges: false,
} as const satisfies Omit<FunctionSpec, 'table'>;
const command = {
  trigger: 'request',
  publishesEvents: true,
  pushesToClients: false,
  limitsChanges: false,
} as const satisfies Omit<FunctionSpec, 'table'>;
const reader = { ...command, publishesEvents: false } as const;

/**
 * What a party's state costs to change (shared/adapters/dynamodb/party-store.ts): the whole state is
 * read with one Query, a changed part is put (or deleted) conditionally on its version, and an
 * extension of the party's expiry queries the partition and updates each item's `expires_at`.
 */
const changesState = (...writes: ('PutItem' | 'DeleteItem')[]): ItemAction[] => [
  'Query',
  ...writes,
  'UpdateItem',
];
/** A change that also moves the statistics counters, which only ever get `ADD` updates. */
const countsStats = { stats: ['UpdateItem'] } as const;
const noIndex = { queriesPartyIndex: false } as const;

/** Each agent puts its own result item; a first result raises the result count. */
const agentAccess: TableAccess = { items: { party: changesState('PutItem'), ...countsStats }, ...noIndex };
/** Reads the token's hash (get), counts the change against the quota (update), changes the inputs. */
const inputChange: TableAccess = {
  items: { party: ['GetItem', ...changesState('PutItem')], ...countsStats },
  ...noIndex,
};

/**
 * Every function and exactly the access it needs; the stack grants nothing beyond this table, and
 * test/unit/grants.test.ts pins what the template makes of it.
 */
export const FUNCTIONS: Readonly<Record<FunctionId, FunctionSpec>> = {
  // Only ever removes an agent's result (a delete), which also lowers the result count.
  analyzer: {
    ...pipeline,
    table: { items: { party: changesState('DeleteItem'), ...countsStats }, ...noIndex },
  },
  'theme-agent': { ...pipeline, table: agentAccess },
  'venue-agent': { ...pipeline, table: agentAccess },
  'cake-agent': { ...pipeline, table: agentAccess },
  'catering-agent': { ...pipeline, table: agentAccess },
  'vendor-agent': { ...pipeline, table: agentAccess },
  // A budget with nothing left to total is deleted; neither it nor the plan moves a counter.
  budget: {
    ...pipeline,
    table: { items: { party: changesState('PutItem', 'DeleteItem') }, ...noIndex },
  },
  planner: { ...pipeline, table: { items: { party: changesState('PutItem') }, ...noIndex } },
  // Reads the stored plan's version, numbers (update) and logs (put) each message in the party's
  // log, finds the party's sockets through the index and deletes the rows of those that are gone.
  broadcaster: {
    ...pipeline,
    publishesEvents: false,
    pushesToClients: true,
    table: {
      items: { party: ['GetItem', 'PutItem', 'UpdateItem'], connection: ['DeleteItem'] },
      queriesPartyIndex: true,
    },
  },
  // Creates the party, its access hash and a counter update in one transaction; reads nothing.
  'http-start-party': { ...command, table: { items: { party: ['PutItem'], ...countsStats }, ...noIndex } },
  'http-add-input': { ...command, limitsChanges: true, table: inputChange },
  'http-remove-input': { ...command, limitsChanges: true, table: inputChange },
  // The token's hash and the log's head (gets), then the state (query).
  'http-get-status': { ...reader, table: { items: { party: ['GetItem', 'Query'] }, ...noIndex } },
  'ws-authorizer': { ...reader, table: { items: { party: ['GetItem'] }, ...noIndex } },
  'ws-connect': { ...reader, table: { items: { connection: ['PutItem'] }, ...noIndex } },
  'ws-disconnect': { ...reader, table: { items: { connection: ['DeleteItem'] }, ...noIndex } },
  // A resume reads the log's head (get), the missed messages and, past a gap, the state (queries).
  'ws-default': {
    ...reader,
    pushesToClients: true,
    table: { items: { party: ['GetItem', 'Query'] }, ...noIndex },
  },
};

// Object.keys widens to string[]; the Record type above guarantees these are exactly the FunctionIds.
export const FUNCTION_IDS = Object.keys(FUNCTIONS) as readonly FunctionId[];

/** Which function consumes the events of each routing-table consumer. */
export const CONSUMER_FUNCTIONS: Readonly<Record<Consumer, FunctionId>> = {
  analyzer: 'analyzer',
  theme_agent: 'theme-agent',
  venue_agent: 'venue-agent',
  cake_agent: 'cake-agent',
  catering_agent: 'catering-agent',
  vendor_agent: 'vendor-agent',
  budget: 'budget',
  planner: 'planner',
  broadcaster: 'broadcaster',
};
