import { describe, expect, it } from 'vitest';
import { FUNCTION_IDS, type FunctionId } from '#lib/function-specs.ts';
import {
  arnOf,
  onlyResource,
  type PolicyStatement,
  ref,
  resourcesOfType,
  roleOf,
  statementsOf,
} from '#test/support/resources.ts';
import { synthesize } from '#test/support/synth.ts';

/** What one role may do, in the terms of the app; `table` maps a `dynamodb:LeadingKeys` pattern to actions. */
interface Grants {
  readonly table: Readonly<Record<string, readonly string[]>>;
  readonly index: readonly string[];
  readonly putEvents: boolean;
  readonly postToConnections: boolean;
  readonly failureQueue: boolean;
  /** Active tracing: the two X-Ray actions Lambda sends segments with, which take no resource. */
  readonly tracing: boolean;
}

const PARTY = 'PARTY#*';
const CONNECTION = 'CONN#*';
const STATS = 'STATS';

const none = {
  index: [],
  putEvents: false,
  postToConnections: false,
  failureQueue: false,
  tracing: true,
} as const;
const pipeline = { ...none, putEvents: true, failureQueue: true } as const;
const agent: Grants = {
  ...pipeline,
  table: { [PARTY]: ['PutItem', 'Query', 'UpdateItem'], [STATS]: ['UpdateItem'] },
};
const inputChange: Grants = {
  ...none,
  putEvents: true,
  table: { [PARTY]: ['GetItem', 'PutItem', 'Query', 'UpdateItem'], [STATS]: ['UpdateItem'] },
};

/**
 * Written out by hand, not derived from lib/function-specs.ts: a grant that widens there (or in the
 * constructs) must also be widened here, on purpose. Actions are sorted.
 */
const EXPECTED: Readonly<Record<FunctionId, Grants>> = {
  analyzer: {
    ...pipeline,
    table: { [PARTY]: ['DeleteItem', 'Query', 'UpdateItem'], [STATS]: ['UpdateItem'] },
  },
  'theme-agent': agent,
  'venue-agent': agent,
  'cake-agent': agent,
  'catering-agent': agent,
  'vendor-agent': agent,
  budget: { ...pipeline, table: { [PARTY]: ['DeleteItem', 'PutItem', 'Query', 'UpdateItem'] } },
  planner: { ...pipeline, table: { [PARTY]: ['PutItem', 'Query', 'UpdateItem'] } },
  broadcaster: {
    ...pipeline,
    putEvents: false,
    postToConnections: true,
    table: { [PARTY]: ['GetItem', 'PutItem', 'UpdateItem'], [CONNECTION]: ['DeleteItem'] },
    index: ['Query'],
  },
  'http-start-party': { ...none, putEvents: true, table: { [PARTY]: ['PutItem'], [STATS]: ['UpdateItem'] } },
  'http-add-input': inputChange,
  'http-remove-input': inputChange,
  'http-get-status': { ...none, table: { [PARTY]: ['GetItem', 'Query'] } },
  'ws-authorizer': { ...none, table: { [PARTY]: ['GetItem'] } },
  'ws-connect': { ...none, table: { [CONNECTION]: ['PutItem'] } },
  'ws-disconnect': { ...none, table: { [CONNECTION]: ['DeleteItem'] } },
  'ws-default': { ...none, postToConnections: true, table: { [PARTY]: ['GetItem', 'Query'] } },
};

const { template } = synthesize();
const [tableId] = onlyResource(template, 'AWS::DynamoDB::Table');
const [busId] = onlyResource(template, 'AWS::Events::EventBus');
const [webSocketApiId] = resourcesOfType(template, 'AWS::ApiGatewayV2::Api').find(
  ([, api]) => api.Properties.ProtocolType === 'WEBSOCKET',
) ?? [''];
const failedInvocationsId = resourcesOfType(template, 'AWS::SQS::Queue')
  .map(([id]) => id)
  .find((id) => id.includes('FailedInvocations'));

const INDEX_ARN = { 'Fn::Join': ['', [arnOf(tableId), '/index/by_party']] };
const POST_TO_CONNECTIONS_ARN = {
  'Fn::Join': [
    '',
    [
      'arn:',
      { Ref: 'AWS::Partition' },
      ':execute-api:',
      { Ref: 'AWS::Region' },
      ':',
      { Ref: 'AWS::AccountId' },
      ':',
      ref(webSocketApiId),
      '/live/POST/@connections/*',
    ],
  ],
};
const SEND_TO_QUEUE = ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'];
const PUT_TRACES = ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'];

type Statement = PolicyStatement & { readonly Condition?: unknown };

const actionsOf = (statement: Statement) => [statement.Action].flat().sort();
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The only condition a table grant may carry: every key the call touches is in one partition. */
function leadingKeysPattern(condition: unknown): string | null {
  const patterns = (condition as { 'ForAllValues:StringLike'?: { 'dynamodb:LeadingKeys'?: unknown } })?.[
    'ForAllValues:StringLike'
  ]?.['dynamodb:LeadingKeys'];
  if (!Array.isArray(patterns) || patterns.length !== 1) return null;
  return same(condition, { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': patterns } })
    ? String(patterns[0])
    : null;
}

/**
 * Reads a role's statements back into grants; a statement it does not recognise exactly (another
 * action, resource or condition) is returned apart, so that it fails the comparison.
 */
function grantsOf(id: FunctionId): { grants: Grants; unrecognised: Statement[] } {
  const table: Record<string, string[]> = {};
  let index: string[] = [];
  let putEvents = false;
  let postToConnections = false;
  let failureQueue = false;
  let tracing = false;
  const unrecognised: Statement[] = [];
  for (const statement of statementsOf(template, roleOf(template, id)) as Statement[]) {
    const actions = actionsOf(statement);
    const dynamo = actions.every((action) => action.startsWith('dynamodb:'));
    const pattern = leadingKeysPattern(statement.Condition);
    const allow = statement.Effect === 'Allow';
    const unconditioned = statement.Condition === undefined;
    if (allow && dynamo && pattern !== null && same(statement.Resource, arnOf(tableId)) && !table[pattern]) {
      table[pattern] = actions.map((action) => action.slice('dynamodb:'.length));
    } else if (allow && dynamo && unconditioned && same(statement.Resource, INDEX_ARN)) {
      index = actions.map((action) => action.slice('dynamodb:'.length));
    } else if (allow && unconditioned && same(actions, ['events:PutEvents'])) {
      putEvents = same(statement.Resource, arnOf(busId));
      if (!putEvents) unrecognised.push(statement);
    } else if (allow && unconditioned && same(actions, ['execute-api:ManageConnections'])) {
      postToConnections = same(statement.Resource, POST_TO_CONNECTIONS_ARN);
      if (!postToConnections) unrecognised.push(statement);
    } else if (allow && unconditioned && same(actions, SEND_TO_QUEUE)) {
      failureQueue =
        failedInvocationsId !== undefined && same(statement.Resource, arnOf(failedInvocationsId));
      if (!failureQueue) unrecognised.push(statement);
    } else if (allow && unconditioned && same(actions, PUT_TRACES)) {
      tracing = same(statement.Resource, '*');
      if (!tracing) unrecognised.push(statement);
    } else if (!(allow && unconditioned && actions.every((action) => action.startsWith('logs:')))) {
      // Logs are stack.test.ts's: each function writes only to its own log group.
      unrecognised.push(statement);
    }
  }
  return { grants: { table, index, putEvents, postToConnections, failureQueue, tracing }, unrecognised };
}

describe("each function's grants in the synthesized template", () => {
  it.each(FUNCTION_IDS)('%s gets exactly its row of the table', (id) => {
    const { grants, unrecognised } = grantsOf(id);
    expect(unrecognised).toEqual([]);
    expect(grants).toEqual(EXPECTED[id]);
  });

  it('lists every function', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...FUNCTION_IDS].sort());
  });

  it('lets only the broadcaster query the index', () => {
    expect(FUNCTION_IDS.filter((id) => EXPECTED[id].index.length > 0)).toEqual(['broadcaster']);
  });

  it('grants no action that nothing calls: no batch, scan, condition check or table description', () => {
    const granted = new Set(
      FUNCTION_IDS.flatMap((id) => statementsOf(template, roleOf(template, id)).flatMap(actionsOf)),
    );
    for (const action of [
      'dynamodb:BatchGetItem',
      'dynamodb:BatchWriteItem',
      'dynamodb:ConditionCheckItem',
      'dynamodb:DescribeTable',
      'dynamodb:Scan',
    ])
      expect(granted.has(action), action).toBe(false);
  });
});
