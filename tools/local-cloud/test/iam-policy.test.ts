import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { accessKeyIn, accessKeyOf } from '../src/iam/authorizer.ts';
import { dynamoAccessRequests, type HashKeyOf } from '../src/iam/dynamodb-actions.ts';
import { type ConditionContext, evaluate, type Statement } from '../src/iam/policy.ts';
import { functionIdentity } from '../src/iam/role-policies.ts';
import type { ResolveContext } from '../src/template/intrinsics.ts';
import type { CfnTemplate } from '../src/template/tables.ts';

const TABLE = 'arn:aws:dynamodb:us-east-1:000000000000:table/T';
const NO_CONTEXT: ConditionContext = new Map();
const CONTEXT: ConditionContext = new Map([
  ['aws:requestedregion', ['us-east-1']],
  ['aws:principalaccount', ['000000000000']],
]);

const allow = (
  actions: string[],
  resources: (string | null)[],
  extra: Partial<Statement> = {},
): Statement => ({
  effect: 'Allow',
  actions,
  notActions: null,
  resources,
  notResources: null,
  condition: null,
  ...extra,
});
const deny = (
  actions: string[],
  resources: (string | null)[],
  extra: Partial<Statement> = {},
): Statement => ({
  ...allow(actions, resources, extra),
  effect: 'Deny',
});

const check = (statements: Statement[], action: string, resource = TABLE, context = CONTEXT) =>
  evaluate(statements, { action, resource }, context);

describe('the policy evaluator', () => {
  it('matches actions with wildcards, case-insensitively', () => {
    expect(check([allow(['dynamodb:*'], [TABLE])], 'dynamodb:PutItem')).toBe('allow');
    expect(check([allow(['dynamodb:Get*'], [TABLE])], 'dynamodb:GetItem')).toBe('allow');
    expect(check([allow(['dynamodb:Get*'], [TABLE])], 'dynamodb:PutItem')).toBe('implicit-deny');
    expect(check([allow(['DynamoDB:getitem'], [TABLE])], 'dynamodb:GetItem')).toBe('allow');
    expect(check([allow(['dynamodb:?etItem'], [TABLE])], 'dynamodb:GetItem')).toBe('allow');
    expect(check([allow(['events:*'], [TABLE])], 'dynamodb:GetItem')).toBe('implicit-deny');
  });

  it('matches resource ARNs with wildcards, an index only where the pattern reaches it', () => {
    const index = `${TABLE}/index/by_party`;
    expect(check([allow(['dynamodb:Query'], [`${TABLE}/index/*`])], 'dynamodb:Query', index)).toBe('allow');
    expect(check([allow(['dynamodb:Query'], [TABLE])], 'dynamodb:Query', index)).toBe('implicit-deny');
    expect(check([allow(['dynamodb:Query'], [`${TABLE}*`])], 'dynamodb:Query', index)).toBe('allow');
    expect(check([allow(['dynamodb:Query'], ['*'])], 'dynamodb:Query', index)).toBe('allow');
    expect(check([allow(['dynamodb:Query'], ['arn:aws:dynamodb:*:*:table/T'])], 'dynamodb:Query')).toBe(
      'allow',
    );
    expect(check([allow(['dynamodb:Query'], ['arn:aws:dynamodb:*:table/T'])], 'dynamodb:Query')).toBe(
      'implicit-deny',
    );
    expect(check([allow(['dynamodb:Query'], [`${TABLE}X`])], 'dynamodb:Query')).toBe('implicit-deny');
  });

  it('lets an explicit Deny win over any Allow', () => {
    const statements = [allow(['dynamodb:*'], ['*']), deny(['dynamodb:Delete*'], [TABLE])];
    expect(check(statements, 'dynamodb:DeleteItem')).toBe('explicit-deny');
    expect(check(statements, 'dynamodb:PutItem')).toBe('allow');
  });

  it('reads NotAction and NotResource', () => {
    const notAction = allow([], [TABLE], { actions: null, notActions: ['dynamodb:Delete*'] });
    expect(check([notAction], 'dynamodb:PutItem')).toBe('allow');
    expect(check([notAction], 'dynamodb:DeleteItem')).toBe('implicit-deny');
    const notResource = deny(['dynamodb:*'], [], { resources: null, notResources: [TABLE] });
    expect(check([allow(['dynamodb:*'], ['*']), notResource], 'dynamodb:GetItem')).toBe('allow');
    expect(check([allow(['dynamodb:*'], ['*']), notResource], 'dynamodb:GetItem', `${TABLE}2`)).toBe(
      'explicit-deny',
    );
  });

  it('never allows through a resource it could not resolve, but denies through one', () => {
    expect(check([allow(['dynamodb:GetItem'], [null])], 'dynamodb:GetItem')).toBe('implicit-deny');
    expect(
      check([allow(['dynamodb:GetItem'], ['*']), deny(['dynamodb:GetItem'], [null])], 'dynamodb:GetItem'),
    ).toBe('explicit-deny');
  });

  it('evaluates the conditions on the keys it knows', () => {
    const inRegion = (region: string, operator = 'StringEquals') =>
      allow(['dynamodb:GetItem'], [TABLE], {
        condition: { [operator]: { 'aws:RequestedRegion': [region] } },
      });
    expect(check([inRegion('us-east-1')], 'dynamodb:GetItem')).toBe('allow');
    expect(check([inRegion('eu-west-1')], 'dynamodb:GetItem')).toBe('implicit-deny');
    expect(check([inRegion('us-*', 'StringLike')], 'dynamodb:GetItem')).toBe('allow');
    expect(check([inRegion('eu-west-1', 'StringNotEquals')], 'dynamodb:GetItem')).toBe('allow');
    // An absent key fails a positive test unless IfExists; Null tells whether it is there.
    expect(check([inRegion('us-east-1')], 'dynamodb:GetItem', TABLE, NO_CONTEXT)).toBe('implicit-deny');
    expect(
      check([inRegion('us-east-1', 'StringEqualsIfExists')], 'dynamodb:GetItem', TABLE, NO_CONTEXT),
    ).toBe('allow');
    const absent = allow(['dynamodb:GetItem'], [TABLE], {
      condition: { Null: { 'aws:RequestedRegion': ['true'] } },
    });
    expect(check([absent], 'dynamodb:GetItem', TABLE, NO_CONTEXT)).toBe('allow');
    expect(check([absent], 'dynamodb:GetItem')).toBe('implicit-deny');
  });

  it('never allows on a condition it cannot evaluate, and denies on one', () => {
    const attributes = { 'ForAllValues:StringEquals': { 'dynamodb:Attributes': ['pk'] } };
    const unknownOperator = { DateGreaterThan: { 'aws:RequestedRegion': ['2020-01-01'] } };
    expect(check([allow(['dynamodb:PutItem'], [TABLE], { condition: attributes })], 'dynamodb:PutItem')).toBe(
      'implicit-deny',
    );
    expect(
      check([allow(['dynamodb:PutItem'], [TABLE], { condition: unknownOperator })], 'dynamodb:PutItem'),
    ).toBe('implicit-deny');
    const statements = [
      allow(['dynamodb:*'], ['*']),
      deny(['dynamodb:PutItem'], [TABLE], { condition: attributes }),
    ];
    expect(check(statements, 'dynamodb:PutItem')).toBe('explicit-deny');
  });
});

describe('what a DynamoDB call needs', () => {
  const pk: HashKeyOf = () => 'pk';
  const U = TABLE.replace(/T$/, 'U');
  const key = (value: string) => ({ pk: { S: value } });
  const leading = (...values: string[]) => new Map([['dynamodb:leadingkeys', values]]);
  const needs = (operation: string, input: Record<string, unknown>) =>
    dynamoAccessRequests(operation, input, pk);

  it('names the table, or the index a Query or Scan reads, with the partition keys it touches', () => {
    expect(needs('GetItem', { TableName: 'T', Key: key('a') })).toEqual([
      { action: 'dynamodb:GetItem', resource: TABLE, context: leading('a') },
    ]);
    expect(needs('PutItem', { TableName: TABLE, Item: { ...key('b'), n: { N: '1' } } })).toEqual([
      { action: 'dynamodb:PutItem', resource: TABLE, context: leading('b') },
    ]);
    expect(
      needs('Query', {
        TableName: 'T',
        KeyConditionExpression: '#p = :p AND begins_with(sk, :s)',
        ExpressionAttributeNames: { '#p': 'pk' },
        ExpressionAttributeValues: { ':p': { S: 'party#1' }, ':s': { S: 'x' } },
      }),
    ).toEqual([{ action: 'dynamodb:Query', resource: TABLE, context: leading('party#1') }]);
    // An index's partition key is not the table's: which leading keys it reads cannot be told.
    expect(needs('Query', { TableName: 'T', IndexName: 'i' })).toEqual([
      {
        action: 'dynamodb:Query',
        resource: `${TABLE}/index/i`,
        context: new Map([['dynamodb:leadingkeys', null]]),
      },
    ]);
    expect(needs('Scan', { TableName: TABLE })).toEqual([{ action: 'dynamodb:Scan', resource: TABLE }]);
    expect(needs('ListTables', {})).toEqual([{ action: 'dynamodb:ListTables', resource: '*' }]);
  });

  it('checks every table of a batch and every item of a transaction with its own action', () => {
    expect(
      needs('BatchWriteItem', {
        RequestItems: {
          T: [{ PutRequest: { Item: key('a') } }, { DeleteRequest: { Key: key('b') } }],
          U: [],
        },
      }),
    ).toEqual([
      { action: 'dynamodb:BatchWriteItem', resource: TABLE, context: leading('a', 'b') },
      { action: 'dynamodb:BatchWriteItem', resource: U, context: leading() },
    ]);
    expect(needs('BatchGetItem', { RequestItems: { T: { Keys: [key('a'), key('a')] } } })).toEqual([
      { action: 'dynamodb:BatchGetItem', resource: TABLE, context: leading('a') },
    ]);
    expect(
      needs('TransactWriteItems', {
        TransactItems: [
          { Put: { TableName: 'T', Item: key('a') } },
          { ConditionCheck: { TableName: 'T', Key: key('b') } },
          { Delete: { TableName: 'U', Key: key('c') } },
        ],
      }),
    ).toEqual([
      { action: 'dynamodb:PutItem', resource: TABLE, context: leading('a') },
      { action: 'dynamodb:ConditionCheckItem', resource: TABLE, context: leading('b') },
      { action: 'dynamodb:DeleteItem', resource: U, context: leading('c') },
    ]);
    expect(
      needs('TransactGetItems', { TransactItems: [{ Get: { TableName: 'T', Key: key('d') } }] }),
    ).toEqual([{ action: 'dynamodb:GetItem', resource: TABLE, context: leading('d') }]);
  });

  it('evaluates dynamodb:LeadingKeys against the keys a call touches', () => {
    const ownParty = allow(['dynamodb:*'], [TABLE], {
      condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['party#*'] } },
    });
    const decide = (operation: string, input: Record<string, unknown>) => {
      const [request] = needs(operation, input);
      return request ? evaluate([ownParty], request, CONTEXT) : 'no request';
    };
    expect(decide('GetItem', { TableName: 'T', Key: key('party#1') })).toBe('allow');
    expect(decide('GetItem', { TableName: 'T', Key: key('stats') })).toBe('implicit-deny');
    expect(decide('BatchGetItem', { RequestItems: { T: { Keys: [key('party#1'), key('stats')] } } })).toBe(
      'implicit-deny',
    );
    expect(decide('Query', { TableName: 'T', IndexName: 'i' })).toBe('implicit-deny');
  });
});

it('tells the calling function from the SigV4 credential scope', () => {
  const authorization = `AWS4-HMAC-SHA256 Credential=${accessKeyOf('Fn1')}/20261204/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=00`;
  expect(accessKeyIn(authorization)).toBe(accessKeyOf('Fn1'));
  expect(accessKeyIn(undefined)).toBeNull();
});

describe("the party planner's synthesized policies", () => {
  const template = JSON.parse(
    readFileSync(new URL('fixtures/party-planner-iam.template.json', import.meta.url), 'utf8'),
  ) as CfnTemplate;
  const table = 'arn:aws:dynamodb:us-east-1:000000000000:table/PartyPlannerStack-Table710B521B';
  const bus = 'arn:aws:events:us-east-1:000000000000:event-bus/party-planner';
  const context: ResolveContext = {
    resources: new Map([
      ['Table710B521B', { ref: 'PartyPlannerStack-Table710B521B', attributes: { Arn: table } }],
      ['EventsBus45DE4339', { ref: 'party-planner', attributes: { Arn: bus } }],
      ['WebSocketApi2C7AF84E', { ref: 'WebSocketApi2C7AF84E' }],
    ]),
    pseudo: { 'AWS::Region': 'us-east-1', 'AWS::AccountId': '000000000000', 'AWS::Partition': 'aws' },
  };
  const can = (functionId: string, action: string, resource: string) =>
    evaluate(functionIdentity(template, functionId, context).statements, { action, resource }, CONTEXT);
  const connection = (method: string) =>
    `arn:aws:execute-api:us-east-1:000000000000:WebSocketApi2C7AF84E/live/${method}/@connections/abc=`;

  it('lets the analyzer write the table, query its index and publish, but not manage connections', () => {
    expect(can('FunctionsanalyzerFunction9E5D8E25', 'dynamodb:UpdateItem', table)).toBe('allow');
    expect(can('FunctionsanalyzerFunction9E5D8E25', 'dynamodb:Query', `${table}/index/by_party`)).toBe(
      'allow',
    );
    expect(can('FunctionsanalyzerFunction9E5D8E25', 'dynamodb:Query', `${table}/index/other`)).toBe(
      'implicit-deny',
    );
    expect(can('FunctionsanalyzerFunction9E5D8E25', 'dynamodb:Scan', table)).toBe('implicit-deny');
    expect(can('FunctionsanalyzerFunction9E5D8E25', 'events:PutEvents', bus)).toBe('allow');
    expect(
      can('FunctionsanalyzerFunction9E5D8E25', 'execute-api:ManageConnections', connection('POST')),
    ).toBe('implicit-deny');
  });

  it('keeps the status route read-only and the broadcaster to POST on @connections', () => {
    expect(can('FunctionshttpgetstatusFunctionBBAD87A0', 'dynamodb:GetItem', table)).toBe('allow');
    expect(can('FunctionshttpgetstatusFunctionBBAD87A0', 'dynamodb:PutItem', table)).toBe('implicit-deny');
    expect(can('FunctionshttpgetstatusFunctionBBAD87A0', 'events:PutEvents', bus)).toBe('implicit-deny');
    expect(
      can('FunctionsbroadcasterFunction4760BA33', 'execute-api:ManageConnections', connection('POST')),
    ).toBe('allow');
    expect(
      can('FunctionsbroadcasterFunction4760BA33', 'execute-api:ManageConnections', connection('DELETE')),
    ).toBe('implicit-deny');
    expect(can('FunctionsbroadcasterFunction4760BA33', 'events:PutEvents', bus)).toBe('implicit-deny');
  });

  it('reads a role inline policies and knows AWSLambdaBasicExecutionRole as logs only', () => {
    const withInline: CfnTemplate = {
      Resources: {
        Role: {
          Type: 'AWS::IAM::Role',
          Properties: {
            ManagedPolicyArns: [
              {
                'Fn::Join': [
                  '',
                  [
                    'arn:',
                    { Ref: 'AWS::Partition' },
                    ':iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
                  ],
                ],
              },
              'arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess',
            ],
            Policies: [
              {
                PolicyName: 'inline',
                PolicyDocument: {
                  Statement: [
                    {
                      Effect: 'Allow',
                      Action: 'dynamodb:GetItem',
                      Resource: { 'Fn::GetAtt': ['Table710B521B', 'Arn'] },
                    },
                  ],
                },
              },
            ],
          },
        },
        Fn: { Type: 'AWS::Lambda::Function', Properties: { Role: { 'Fn::GetAtt': ['Role', 'Arn'] } } },
      },
    };
    const identity = functionIdentity(withInline, 'Fn', context);
    const decide = (action: string, resource: string) =>
      evaluate(identity.statements, { action, resource }, CONTEXT);
    expect(decide('dynamodb:GetItem', table)).toBe('allow');
    expect(decide('logs:PutLogEvents', 'arn:aws:logs:us-east-1:000000000000:log-group:x')).toBe('allow');
    expect(decide('dynamodb:PutItem', table)).toBe('implicit-deny');
    expect(identity.unknownManagedPolicies).toEqual(['arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess']);
  });
});
