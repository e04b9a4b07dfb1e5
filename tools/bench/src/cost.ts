import { round } from './summary.ts';

/** AWS us-east-1 public on-demand prices (USD) used for the estimate. */
export const PRICES = {
  eventbridge_per_million_events: 1.0,
  lambda_per_million_requests: 0.2,
  lambda_per_gb_second_arm64: 0.0000133334,
  dynamodb_per_million_write_units: 0.625,
  dynamodb_per_million_read_units: 0.125,
  http_api_per_million_requests: 1.0,
  websocket_per_million_messages: 1.0,
  websocket_per_million_connection_minutes: 0.25,
} as const;

/** What one plan session is assumed to be: the figures that are not measured are stated here. */
export const PLAN_SHAPE = {
  inputs: 5,
  /** `POST /start` and one `POST /input` per input. */
  http_requests: 6,
  /** How long the browser keeps its socket open per plan (an assumption, not a measurement). */
  connection_minutes: 10,
  /** Invocations that happen once per plan, not per input. */
  session_functions: ['http-start-party', 'ws-authorizer', 'ws-connect', 'ws-disconnect'],
} as const;

/**
 * The functions that deliver to browsers rather than plan: their cost, Lambda and DynamoDB alike, is
 * the real-time side's.
 */
export const DELIVERY_FUNCTIONS: readonly string[] = [
  'broadcaster',
  'ws-authorizer',
  'ws-connect',
  'ws-disconnect',
  'ws-default',
];

export interface CostInputs {
  /** Events published to the bus per input, counted exactly in the in-process run. */
  readonly eventsPerInput: number;
  readonly websocketMessagesPerInput: number;
  /** Per function: invocations per input (0 for once-per-plan functions), memory, mean duration. */
  readonly functions: readonly {
    name: string;
    invocationsPerInput: number;
    memoryMb: number;
    meanDurationMs: number;
  }[];
  readonly readUnitsPerInput: number;
  readonly writeUnitsPerInput: number;
  readonly readUnitsPerSession: number;
  readonly writeUnitsPerSession: number;
  /** Of the units, those that the delivery functions spent (per input, and opening one party). */
  readonly deliveryReadUnitsPerInput: number;
  readonly deliveryWriteUnitsPerInput: number;
  readonly deliveryReadUnitsPerSession: number;
  readonly deliveryWriteUnitsPerSession: number;
}

export interface CostEstimate {
  readonly per_1000_plans_usd: number;
  readonly breakdown_usd: Record<string, number>;
  /**
   * The same total split in two: delivering every message to the browser (broadcaster and socket
   * functions, the message log, connection lookups, messages, connection minutes) and the rest,
   * which turns inputs into a plan (HTTP, bus, pipeline functions, party state).
   */
  readonly split_usd: { readonly pipeline: number; readonly delivery: number };
  /** What delivering one message costs, all of the above included. */
  readonly per_message_delivery_usd: number;
  readonly assumptions: string[];
}

/** Item 5: the price of 1,000 plans of five inputs, from per-input counts and measured durations. */
export function estimateCost(inputs: CostInputs): CostEstimate {
  const plans = 1000;
  const perPlan = PLAN_SHAPE.inputs;
  const sessionFunctions: readonly string[] = PLAN_SHAPE.session_functions;
  let requests = 0;
  let gbSeconds = 0;
  let deliveryLambda = 0;
  for (const fn of inputs.functions) {
    const perPlanInvocations = sessionFunctions.includes(fn.name) ? 1 : fn.invocationsPerInput * perPlan;
    const invocations = perPlanInvocations * plans;
    requests += invocations;
    // Lambda bills duration rounded up to the millisecond.
    const fnGbSeconds = invocations * (fn.memoryMb / 1024) * (Math.ceil(fn.meanDurationMs) / 1000);
    gbSeconds += fnGbSeconds;
    if (DELIVERY_FUNCTIONS.includes(fn.name))
      deliveryLambda +=
        (invocations / 1e6) * PRICES.lambda_per_million_requests +
        fnGbSeconds * PRICES.lambda_per_gb_second_arm64;
  }
  const breakdown = {
    eventbridge: ((inputs.eventsPerInput * perPlan * plans) / 1e6) * PRICES.eventbridge_per_million_events,
    lambda_requests: (requests / 1e6) * PRICES.lambda_per_million_requests,
    lambda_duration: gbSeconds * PRICES.lambda_per_gb_second_arm64,
    dynamodb_writes:
      (((inputs.writeUnitsPerInput * perPlan + inputs.writeUnitsPerSession) * plans) / 1e6) *
      PRICES.dynamodb_per_million_write_units,
    dynamodb_reads:
      (((inputs.readUnitsPerInput * perPlan + inputs.readUnitsPerSession) * plans) / 1e6) *
      PRICES.dynamodb_per_million_read_units,
    http_api: ((PLAN_SHAPE.http_requests * plans) / 1e6) * PRICES.http_api_per_million_requests,
    websocket_messages:
      ((inputs.websocketMessagesPerInput * perPlan * plans) / 1e6) * PRICES.websocket_per_million_messages,
    websocket_connection_minutes:
      ((PLAN_SHAPE.connection_minutes * plans) / 1e6) * PRICES.websocket_per_million_connection_minutes,
  };
  const total = Object.values(breakdown).reduce((sum, value) => sum + value, 0);
  const delivery =
    deliveryLambda +
    (((inputs.deliveryWriteUnitsPerInput * perPlan + inputs.deliveryWriteUnitsPerSession) * plans) / 1e6) *
      PRICES.dynamodb_per_million_write_units +
    (((inputs.deliveryReadUnitsPerInput * perPlan + inputs.deliveryReadUnitsPerSession) * plans) / 1e6) *
      PRICES.dynamodb_per_million_read_units +
    breakdown.websocket_messages +
    breakdown.websocket_connection_minutes;
  return {
    per_1000_plans_usd: round(total, 4),
    split_usd: { pipeline: round(total - delivery, 4), delivery: round(delivery, 4) },
    per_message_delivery_usd: round(delivery / (inputs.websocketMessagesPerInput * perPlan * plans), 9),
    breakdown_usd: Object.fromEntries(
      Object.entries(breakdown).map(([key, value]) => [key, round(value, 5)]),
    ),
    assumptions: [
      `a plan is POST /start plus ${perPlan} POST /input, one WebSocket open ${PLAN_SHAPE.connection_minutes} minutes`,
      "Lambda durations are the local cloud's warm means of one party alone on this machine (DynamoDB Local is slower than DynamoDB)",
      'Lambda memory sizes from the template; invocations and WebSocket messages counted on the local cloud',
      'EventBridge events are those the handlers published in the in-process run, each PutEvents entry counted',
      "DynamoDB units are what the handlers in the in-process run were billed: DynamoDB Local's ConsumedCapacity for plain reads and writes, transactions and rejected writes computed from the request as DynamoDB bills them",
      "the delivery share has the DynamoDB units of the calls the delivery functions made, ws-connect's included",
      "the in-process run opens a socket with ws-connect alone: the authorizer's token read and ws-disconnect's delete (a unit or two per plan) are left out",
      'free tiers, data transfer, CloudWatch logs and SQS are left out',
    ],
  };
}
