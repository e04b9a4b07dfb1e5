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

export interface FunctionSpec {
  /**
   * `event` functions are invoked asynchronously by EventBridge and get retries and a failure
   * destination; `request` functions answer API Gateway synchronously, so the caller sees failures.
   */
  readonly trigger: 'event' | 'request';
  readonly table: 'read' | 'read-write';
  readonly publishesEvents: boolean;
  /** Posts to browsers through the WebSocket API's @connections management endpoint. */
  readonly pushesToClients: boolean;
  /** Changes a party on a client's request, within the per-party quota of changes per minute. */
  readonly limitsChanges: boolean;
}

const pipeline: FunctionSpec = {
  trigger: 'event',
  table: 'read-write',
  publishesEvents: true,
  pushesToClients: false,
  limitsChanges: false,
};
const command: FunctionSpec = {
  trigger: 'request',
  table: 'read-write',
  publishesEvents: true,
  pushesToClients: false,
  limitsChanges: false,
};

/** Every function and exactly the access it needs; the stack grants nothing beyond this table. */
export const FUNCTIONS: Readonly<Record<FunctionId, FunctionSpec>> = {
  analyzer: pipeline,
  'theme-agent': pipeline,
  'venue-agent': pipeline,
  'cake-agent': pipeline,
  'catering-agent': pipeline,
  'vendor-agent': pipeline,
  budget: pipeline,
  planner: pipeline,
  broadcaster: { ...pipeline, publishesEvents: false, pushesToClients: true },
  'http-start-party': command,
  'http-add-input': { ...command, limitsChanges: true },
  'http-remove-input': { ...command, limitsChanges: true },
  'http-get-status': { ...command, table: 'read', publishesEvents: false },
  'ws-authorizer': { ...command, table: 'read', publishesEvents: false },
  'ws-connect': { ...command, publishesEvents: false },
  'ws-disconnect': { ...command, publishesEvents: false },
  'ws-default': { ...command, table: 'read', publishesEvents: false, pushesToClients: true },
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
