import { existsSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { Validations } from 'aws-cdk-lib';
import { Annotations, Match, type Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { CONSUMER_FUNCTIONS, FUNCTION_IDS, FUNCTIONS } from '#lib/function-specs.ts';
import { handlerEntry } from '#lib/paths.ts';
import { EVENT_ROUTES } from '#shared/contracts/event-routes.ts';
import { TABLE_OUTPUT } from '#shared/contracts/stack-outputs.ts';
import {
  allowedActions,
  arnOf,
  type CfnResource,
  lambdaOf,
  onlyResource,
  ref,
  resourcesOfType,
  roleOf,
  statementsOf,
} from '#test/support/resources.ts';
import { synthesize } from '#test/support/synth.ts';

const { stack, template } = synthesize();
const resources = template.toJSON().Resources as Record<string, CfnResource>;

const [busId] = onlyResource(template, 'AWS::Events::EventBus');
const queueIds = resourcesOfType(template, 'AWS::SQS::Queue').map(([id]) => id);
const eventFunctions = FUNCTION_IDS.filter((id) => FUNCTIONS[id].trigger === 'event');
const requestFunctions = FUNCTION_IDS.filter((id) => FUNCTIONS[id].trigger === 'request');

const WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'];

/** `{ Fn::Join: ['', ['integrations/', { Ref }]] }` → the integration's logical id. */
function integrationOf(route: CfnResource): CfnResource {
  const [, parts] = route.Properties.Target['Fn::Join'];
  const integration = resources[parts[1].Ref];
  if (!integration) throw new Error(`route ${route.Properties.RouteKey} has no integration`);
  return integration;
}

function routeByKey(apiId: string, routeKey: string): CfnResource {
  const found = resourcesOfType(template, 'AWS::ApiGatewayV2::Route').filter(
    ([, route]) => route.Properties.ApiId.Ref === apiId && route.Properties.RouteKey === routeKey,
  );
  expect(found, routeKey).toHaveLength(1);
  return (found[0] as [string, CfnResource])[1];
}

function apiOfProtocol(protocol: 'HTTP' | 'WEBSOCKET'): [string, CfnResource] {
  const found = resourcesOfType(template, 'AWS::ApiGatewayV2::Api').filter(
    ([, api]) => api.Properties.ProtocolType === protocol,
  );
  expect(found).toHaveLength(1);
  return found[0] as [string, CfnResource];
}

function stageOf(apiId: string): CfnResource {
  const found = resourcesOfType(template, 'AWS::ApiGatewayV2::Stage').filter(
    ([, stage]) => stage.Properties.ApiId.Ref === apiId,
  );
  expect(found).toHaveLength(1);
  return (found[0] as [string, CfnResource])[1];
}

function expectJsonAccessLogs(stage: CfnResource): void {
  const { DestinationArn, Format } = stage.Properties.AccessLogSettings;
  expect(resources[DestinationArn['Fn::GetAtt'][0]]?.Type).toBe('AWS::Logs::LogGroup');
  expect(JSON.parse(Format)).toMatchObject({ requestId: '$context.requestId', status: '$context.status' });
}

describe('event routing', () => {
  it('creates exactly one rule per route, all on the party bus', () => {
    const rules = resourcesOfType(template, 'AWS::Events::Rule');
    expect(rules).toHaveLength(EVENT_ROUTES.length);
    for (const [, rule] of rules) expect(rule.Properties.EventBusName).toEqual(ref(busId));
  });

  it.each(EVENT_ROUTES)('routes $id to its consumer with exactly the shared pattern', (route) => {
    const [consumerId] = lambdaOf(template, CONSUMER_FUNCTIONS[route.consumer]);
    const withPattern = resourcesOfType(template, 'AWS::Events::Rule').filter(([, rule]) =>
      isDeepStrictEqual(rule.Properties.EventPattern, route.pattern),
    );
    const rules = withPattern.filter(([, rule]) =>
      rule.Properties.Targets.some((target: { Arn: unknown }) =>
        isDeepStrictEqual(target.Arn, arnOf(consumerId)),
      ),
    );
    expect(rules, `no rule with the pattern of ${route.id} targets ${route.consumer}`).toHaveLength(1);
    const [, rule] = rules[0] as [string, CfnResource];

    expect(rule.Properties.Targets).toHaveLength(1);
    const [target] = rule.Properties.Targets;
    expect(queueIds).toContain(target.DeadLetterConfig.Arn['Fn::GetAtt'][0]);
    expect(target.RetryPolicy).toEqual({ MaximumRetryAttempts: 4, MaximumEventAgeInSeconds: 7200 });
  });
});

describe('failure handling', () => {
  it.each(eventFunctions)('retries %s twice, then sends the event to a failure queue', (id) => {
    const [functionId] = lambdaOf(template, id);
    const configs = resourcesOfType(template, 'AWS::Lambda::EventInvokeConfig').filter(
      ([, config]) => config.Properties.FunctionName.Ref === functionId,
    );
    expect(configs).toHaveLength(1);
    const [, config] = configs[0] as [string, CfnResource];
    expect(config.Properties).toMatchObject({ MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 });
    expect(queueIds).toContain(config.Properties.DestinationConfig.OnFailure.Destination['Fn::GetAtt'][0]);
  });

  it('leaves synchronous request handlers without async-invoke settings', () => {
    const configured = resourcesOfType(template, 'AWS::Lambda::EventInvokeConfig').map(
      ([, config]) => config.Properties.FunctionName.Ref,
    );
    for (const id of requestFunctions) expect(configured).not.toContain(lambdaOf(template, id)[0]);
  });

  it('encrypts failure queues, keeps messages 14 days and refuses plain HTTP', () => {
    expect(queueIds).toHaveLength(2);
    for (const queueId of queueIds) {
      expect(resources[queueId]?.Properties).toMatchObject({
        SqsManagedSseEnabled: true,
        MessageRetentionPeriod: 14 * 24 * 3600,
      });
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [ref(queueId)],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    }
  });
});

describe('removal policy', () => {
  const destroyable = synthesize({ context: { removalPolicy: 'destroy' } }).template;

  it('keeps the failure queues and the messages awaiting redrive by default', () => {
    expect(queueIds).toHaveLength(2);
    for (const queueId of queueIds) {
      expect(resources[queueId]).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    }
  });

  it('destroys the failure queues with a destroyable stack', () => {
    const queues = resourcesOfType(destroyable, 'AWS::SQS::Queue');
    expect(queues).toHaveLength(2);
    for (const [, queue] of queues) expect(queue.DeletionPolicy).toBe('Delete');
  });

  it('protects the table from deletion only while its data is retained', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', { DeletionProtectionEnabled: true });
    const [, table] = onlyResource(destroyable, 'AWS::DynamoDB::Table');
    expect(table).toMatchObject({ DeletionPolicy: 'Delete' });
    expect(table.Properties.DeletionProtectionEnabled).not.toBe(true);
  });
});

describe('table', () => {
  it('is a single on-demand table with PITR, TTL and the by_party index', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        AttributeDefinitions: Match.arrayWith([
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
          { AttributeName: 'gsi1pk', AttributeType: 'S' },
          { AttributeName: 'gsi1sk', AttributeType: 'S' },
        ]),
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        TimeToLiveSpecification: { AttributeName: 'expires_at', Enabled: true },
        SSESpecification: { SSEEnabled: true },
        GlobalSecondaryIndexes: [
          {
            IndexName: 'by_party',
            KeySchema: [
              { AttributeName: 'gsi1pk', KeyType: 'HASH' },
              { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
      },
    });
  });

  it('is destroyed with the stack only when the context asks for it', () => {
    const dev = synthesize({ context: { removalPolicy: 'destroy' } });
    dev.template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Delete' });
    expect(() => synthesize({ context: { removalPolicy: 'maybe' } })).toThrow(/removalPolicy/);
  });
});

describe('event bus', () => {
  it('archives every party-planner event for 30 days', () => {
    template.hasResourceProperties('AWS::Events::Archive', {
      SourceArn: arnOf(busId),
      EventPattern: { source: ['party-planner'] },
      RetentionDays: 30,
    });
  });

  it('leaves the archive on the AWS owned key instead of naming an empty one', () => {
    const [, archive] = onlyResource(template, 'AWS::Events::Archive');
    expect(archive.Properties).not.toHaveProperty('KmsKeyIdentifier');
  });
});

describe('HTTP API', () => {
  const [apiId, api] = apiOfProtocol('HTTP');

  it('is named after the stack', () => {
    expect(api.Properties.Name).toBe(`${stack.stackName}-http`);
  });

  it('allows the web client across origins', () => {
    expect(api.Properties.CorsConfiguration).toMatchObject({
      AllowOrigins: ['*'],
      AllowMethods: ['GET', 'POST', 'DELETE', 'OPTIONS'],
      AllowHeaders: ['content-type', 'authorization'],
    });
    const configured = synthesize({
      context: { webOrigins: 'https://party.example, https://admin.example' },
    });
    configured.template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      ProtocolType: 'HTTP',
      CorsConfiguration: Match.objectLike({
        AllowOrigins: ['https://party.example', 'https://admin.example'],
      }),
    });
  });

  it.each([
    ['POST /api/v1/event-driven/start', 'http-start-party'],
    ['POST /api/v1/event-driven/input', 'http-add-input'],
    ['DELETE /api/v1/event-driven/input/{input_id}', 'http-remove-input'],
    ['GET /api/v1/event-driven/status/{party_id}', 'http-get-status'],
  ] as const)('routes %s to %s with payload format 2.0', (routeKey, functionId) => {
    const integration = integrationOf(routeByKey(apiId, routeKey));
    expect(integration.Properties).toMatchObject({
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: arnOf(lambdaOf(template, functionId)[0]),
      PayloadFormatVersion: '2.0',
    });
  });

  it('has no routes beyond the four', () => {
    const routes = resourcesOfType(template, 'AWS::ApiGatewayV2::Route').filter(
      ([, route]) => route.Properties.ApiId.Ref === apiId,
    );
    expect(routes).toHaveLength(4);
  });

  it('throttles and access-logs the default stage', () => {
    const stage = stageOf(apiId);
    expect(stage.Properties).toMatchObject({
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
    });
    expectJsonAccessLogs(stage);
  });
});

describe('WebSocket API', () => {
  const [apiId, api] = apiOfProtocol('WEBSOCKET');
  const [authorizerId, authorizer] = onlyResource(template, 'AWS::ApiGatewayV2::Authorizer');

  it('is named after the stack', () => {
    expect(api.Properties.Name).toBe(`${stack.stackName}-websocket`);
  });

  it('selects routes by the action in the message body', () => {
    expect(api.Properties.RouteSelectionExpression).toBe('$request.body.action');
  });

  it.each([
    ['$connect', 'ws-connect'],
    ['$disconnect', 'ws-disconnect'],
    ['$default', 'ws-default'],
  ] as const)('routes %s to %s', (routeKey, functionId) => {
    const integration = integrationOf(routeByKey(apiId, routeKey));
    const [, uriParts] = integration.Properties.IntegrationUri['Fn::Join'];
    expect(uriParts).toContainEqual(arnOf(lambdaOf(template, functionId)[0]));
  });

  it('authorizes $connect, and only $connect, with the party token from the query string', () => {
    expect(routeByKey(apiId, '$connect').Properties).toMatchObject({
      AuthorizationType: 'CUSTOM',
      AuthorizerId: ref(authorizerId),
    });
    expect(authorizer.Properties).toMatchObject({
      ApiId: ref(apiId),
      AuthorizerType: 'REQUEST',
      IdentitySource: ['route.request.querystring.party_id', 'route.request.querystring.token'],
    });
    expect(JSON.stringify(authorizer.Properties.AuthorizerUri)).toContain(
      lambdaOf(template, 'ws-authorizer')[0],
    );

    const authorized = resourcesOfType(template, 'AWS::ApiGatewayV2::Route').filter(
      ([, route]) => route.Properties.AuthorizerId !== undefined,
    );
    expect(authorized.map(([, route]) => route.Properties.RouteKey)).toEqual(['$connect']);
  });

  it('throttles the live stage, and deploys to a fresh account: no access logs without the account role', () => {
    const stage = stageOf(apiId);
    expect(stage.Properties).toMatchObject({
      StageName: 'live',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
    });
    // API Gateway refuses a logging stage in an account without its CloudWatch role.
    expect(stage.Properties.AccessLogSettings).toBeUndefined();
  });

  const webSocketStage = (synthesized: Template) => {
    const [id] = resourcesOfType(synthesized, 'AWS::ApiGatewayV2::Api').find(
      ([, api]) => api.Properties.ProtocolType === 'WEBSOCKET',
    ) as [string, CfnResource];
    return resourcesOfType(synthesized, 'AWS::ApiGatewayV2::Stage').find(
      ([, candidate]) => candidate.Properties.ApiId.Ref === id,
    ) as [string, CfnResource];
  };

  it('access-logs the live stage where the account has the role: set by this stack, or said to exist', () => {
    for (const context of [{ apiGatewayCloudWatchRole: 'true' }, { webSocketAccessLogs: 'true' }]) {
      const opted = synthesize({ context });
      const [, stage] = webSocketStage(opted.template);
      const { DestinationArn, Format } = stage.Properties.AccessLogSettings;
      expect(opted.template.toJSON().Resources[DestinationArn['Fn::GetAtt'][0]]?.Type).toBe(
        'AWS::Logs::LogGroup',
      );
      expect(JSON.parse(Format)).toMatchObject({
        requestId: '$context.requestId',
        status: '$context.status',
      });
      expect(new AwsSolutionsChecks().validateScope(opted.stack).violations).toEqual([]);
    }
    const [, stage] = webSocketStage(
      synthesize({ context: { apiGatewayCloudWatchRole: 'true', webSocketAccessLogs: 'false' } }).template,
    );
    expect(stage.Properties.AccessLogSettings).toBeUndefined();
  });

  const apiGatewayRoles = (synthesized: Template) =>
    resourcesOfType(synthesized, 'AWS::IAM::Role').filter(([, role]) =>
      JSON.stringify(role.Properties.AssumeRolePolicyDocument).includes('apigateway.amazonaws.com'),
    );

  it('leaves the account-wide API Gateway settings alone unless asked', () => {
    for (const synthesized of [
      template,
      synthesize({ context: { apiGatewayCloudWatchRole: 'false' } }).template,
    ]) {
      synthesized.resourceCountIs('AWS::ApiGateway::Account', 0);
      expect(apiGatewayRoles(synthesized)).toEqual([]);
    }
  });

  it('sets the account logging role when asked, before the live stage deploys, and keeps the role', () => {
    const opted = synthesize({ context: { apiGatewayCloudWatchRole: 'true' } });
    const [accountId, account] = onlyResource(opted.template, 'AWS::ApiGateway::Account');
    const roles = apiGatewayRoles(opted.template);
    expect(roles).toHaveLength(1);
    const [roleId, role] = roles[0] as [string, CfnResource];
    expect(account.Properties.CloudWatchRoleArn).toEqual(arnOf(roleId));
    expect(role.DeletionPolicy).toBe('Retain');
    const [, stage] = webSocketStage(opted.template);
    expect(stage.DependsOn).toContain(accountId);
    expect(new AwsSolutionsChecks().validateScope(opted.stack).violations).toEqual([]);
  });
});

describe('functions', () => {
  it.each(FUNCTION_IDS)('%s has a handler, runs on arm64 and Node 22+ and is configured', (id) => {
    expect(existsSync(handlerEntry(id))).toBe(true);
    const [, fn] = lambdaOf(template, id);
    const spec = FUNCTIONS[id];
    expect(fn.Properties.Architectures).toEqual(['arm64']);
    expect(Number(/^nodejs(\d+)\.x$/.exec(fn.Properties.Runtime)?.[1])).toBeGreaterThanOrEqual(22);
    expect(fn.Properties.Handler).toBe('index.handler');
    expect(fn.Properties.Timeout).toBe(spec.trigger === 'event' ? 30 : 10);
    expect(fn.Properties.MemorySize).toBeGreaterThanOrEqual(256);
    expect(fn.Properties.MemorySize).toBeLessThanOrEqual(512);
    // Lambda records every invocation and continues the trace that EventBridge hands on.
    expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });

    const variables = fn.Properties.Environment.Variables;
    expect(variables).toMatchObject({
      TABLE_NAME: ref(onlyResource(template, 'AWS::DynamoDB::Table')[0]),
      POWERTOOLS_SERVICE_NAME: id,
      // One namespace per stack: staging and production in one account never mix their figures.
      POWERTOOLS_METRICS_NAMESPACE: `PartyPlanner/${stack.stackName}`,
      POWERTOOLS_LOG_LEVEL: 'INFO',
      NODE_OPTIONS: '--enable-source-maps',
    });
    expect(variables.EVENT_BUS_NAME).toEqual(spec.publishesEvents ? ref(busId) : undefined);
    // The quota the README documents, set where it applies rather than left to a default.
    expect(variables.PARTY_CHANGES_PER_MINUTE).toEqual(spec.limitsChanges ? '60' : undefined);
    if (spec.pushesToClients) {
      const endpoint = JSON.stringify(variables.WEBSOCKET_MANAGEMENT_ENDPOINT);
      expect(endpoint).toMatch(/"https:\/\/",\{"Ref":"[^"]+"\},"\.execute-api\..+"\/live"/);
      expect(endpoint).toContain(apiOfProtocol('WEBSOCKET')[0]);
    } else {
      expect(variables.WEBSOCKET_MANAGEMENT_ENDPOINT).toBeUndefined();
    }

    const logGroup = resources[fn.Properties.LoggingConfig.LogGroup.Ref];
    expect(logGroup?.Type).toBe('AWS::Logs::LogGroup');
    expect(logGroup?.Properties.RetentionInDays).toBe(30);
  });

  it('gives every function its own log group and role', () => {
    const functions = resourcesOfType(template, 'AWS::Lambda::Function');
    expect(functions).toHaveLength(FUNCTION_IDS.length);
    expect(new Set(functions.map(([, fn]) => fn.Properties.LoggingConfig.LogGroup.Ref)).size).toBe(
      FUNCTION_IDS.length,
    );
    expect(new Set(FUNCTION_IDS.map((id) => roleOf(template, id))).size).toBe(FUNCTION_IDS.length);
  });

  it('shares one Powertools layer for the runtime and architecture they run on', () => {
    const [layerId, layer] = onlyResource(template, 'AWS::Lambda::LayerVersion');
    expect(layer.Properties).toMatchObject({
      CompatibleRuntimes: [lambdaOf(template, 'analyzer')[1].Properties.Runtime],
      CompatibleArchitectures: ['arm64'],
    });
    expect(layer.Properties.Description).toMatch(/@aws-lambda-powertools\/logger@2\.\d+\.\d+/);
    for (const id of FUNCTION_IDS)
      expect(lambdaOf(template, id)[1].Properties.Layers, id).toEqual([ref(layerId)]);
  });
});

describe('IAM', () => {
  it('attaches no AWS managed policy to any role', () => {
    for (const [, role] of resourcesOfType(template, 'AWS::IAM::Role')) {
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });

  it.each(FUNCTION_IDS)('%s gets exactly the access its catalog entry names', (id) => {
    const spec = FUNCTIONS[id];
    const actions = allowedActions(template, id);
    const declared = [
      ...Object.values(spec.table.items).flat(),
      ...(spec.table.queriesPartyIndex ? ['Query'] : []),
    ].map((action) => `dynamodb:${action}`);
    const dynamo = [...actions].filter((action) => action.startsWith('dynamodb:'));
    // test/unit/grants.test.ts pins each grant's partition and resource; this ties them to the catalog.
    expect(dynamo.sort()).toEqual([...new Set(declared)].sort());
    expect(actions.has('events:PutEvents')).toBe(spec.publishesEvents);
    expect(actions.has('execute-api:ManageConnections')).toBe(spec.pushesToClients);
    expect([...actions].filter((action) => action.includes('*'))).toEqual([]);
  });

  it.each(FUNCTION_IDS)('%s writes logs only to its own log group', (id) => {
    const [, fn] = lambdaOf(template, id);
    const logStatements = statementsOf(template, roleOf(template, id)).filter((statement) =>
      [statement.Action].flat().some((action) => action.startsWith('logs:')),
    );
    expect(logStatements).toEqual([
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: arnOf(fn.Properties.LoggingConfig.LogGroup.Ref),
      },
    ]);
  });

  it('keeps http-get-status read-only and off the bus', () => {
    const actions = allowedActions(template, 'http-get-status');
    for (const forbidden of [
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
      'events:PutEvents',
    ]) {
      expect(actions.has(forbidden), forbidden).toBe(false);
    }
  });

  it('keeps ws-authorizer read-only', () => {
    const actions = allowedActions(template, 'ws-authorizer');
    for (const write of WRITE_ACTIONS) expect(actions.has(write), write).toBe(false);
  });

  it('scopes PutEvents to the party bus and table access to the table and its index', () => {
    for (const id of FUNCTION_IDS) {
      for (const statement of statementsOf(template, roleOf(template, id))) {
        const actions = [statement.Action].flat();
        if (actions.includes('events:PutEvents')) expect(statement.Resource).toEqual(arnOf(busId));
        if (actions.some((action) => action.startsWith('dynamodb:'))) {
          expect(JSON.stringify(statement.Resource)).not.toContain('*');
        }
      }
    }
  });
});

describe('outputs', () => {
  it.each(['HttpApiUrl', 'WebSocketUrl', 'WebSocketManagementEndpoint', 'EventBusName', 'TableName'])(
    'exports %s',
    (name) => {
      template.hasOutput(name, {});
    },
  );

  it('exports the URL of each failure queue and the bus, for the redrive', () => {
    const queueUsedBy = (type: string, arnOf: (resource: CfnResource) => { 'Fn::GetAtt': [string] }[]) =>
      new Set(
        resourcesOfType(template, type).flatMap(([, resource]) =>
          arnOf(resource).map((arn) => arn['Fn::GetAtt'][0]),
        ),
      );
    const ruleDeadLetterQueues = queueUsedBy('AWS::Events::Rule', (rule) =>
      rule.Properties.Targets.map(
        (target: { DeadLetterConfig: { Arn: unknown } }) => target.DeadLetterConfig.Arn,
      ),
    );
    const destinations = queueUsedBy('AWS::Lambda::EventInvokeConfig', (config) => [
      config.Properties.DestinationConfig.OnFailure.Destination,
    ]);
    expect(ruleDeadLetterQueues.size).toBe(1);
    expect(destinations.size).toBe(1);
    template.hasOutput('UndeliveredEventsQueueUrl', { Value: { Ref: [...ruleDeadLetterQueues][0] } });
    template.hasOutput('FailedInvocationsQueueUrl', { Value: { Ref: [...destinations][0] } });
  });

  it('exports the party table by the name the history reads', () => {
    const [[tableId] = []] = resourcesOfType(template, 'AWS::DynamoDB::Table');
    template.hasOutput(TABLE_OUTPUT, { Value: { Ref: tableId } });
  });
});

describe('cdk-nag AwsSolutions', () => {
  const describeViolations = (scope: IConstruct) =>
    new AwsSolutionsChecks().validateScope(scope).violations.map((violation) => ({
      rule: violation.ruleName,
      at: violation.violatingResources.map((resource) => resource.constructPath),
    }));

  it('has no unacknowledged error or warning', () => {
    expect(describeViolations(stack)).toEqual([]);
    expect(Annotations.fromStack(stack).findError('*', Match.anyValue())).toEqual([]);
  });

  it('stays clean in a concrete account and region', () => {
    const concrete = synthesize({ env: { account: '123456789012', region: 'eu-west-1' } });
    expect(describeViolations(concrete.stack)).toEqual([]);
  });

  it('gives every acknowledgment a specific reason', () => {
    const acknowledgments = stack.node
      .findAll()
      .flatMap((construct) => construct.node.metadata)
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) => Object.entries(entry.data as Record<string, string>));
    expect(acknowledgments.length).toBeGreaterThan(0);
    for (const [ruleId, reason] of acknowledgments) {
      expect(ruleId).toMatch(/AwsSolutions-/);
      expect(reason.length, ruleId).toBeGreaterThan(40);
    }
  });
});
