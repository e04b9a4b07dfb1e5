import { Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { BucketDeployment } from 'aws-cdk-lib/aws-s3-deployment';
// cdk-nag names IAM5 findings after the policy's resources rendered by this function; reusing it keeps
// the acknowledged ids identical to the reported ones in every environment (partition, region, account).
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import type { IConstruct } from 'constructs';
import { FUNCTION_IDS, FUNCTIONS } from '#lib/function-specs.ts';
import type { ApiGatewayLoggingRole } from './constructs/api-gateway-logging-role.ts';
import type { FailureQueues } from './constructs/failure-queues.ts';
import type { PartyHttpApi } from './constructs/http-api.ts';
import type { Monitoring } from './constructs/monitoring.ts';
import { type PartyFunctions, postToConnectionsArn } from './constructs/party-functions.ts';
import type { WebHosting } from './constructs/web-hosting.ts';
import type { PartyWebSocketApi } from './constructs/websocket-api.ts';

export interface AcknowledgedParts {
  readonly functions: PartyFunctions;
  readonly failureQueues: FailureQueues;
  readonly httpApi: PartyHttpApi;
  readonly webSocketApi: PartyWebSocketApi;
  readonly loggingRole: ApiGatewayLoggingRole | undefined;
  readonly webHosting: { readonly site: WebHosting; readonly deployment: BucketDeployment } | undefined;
  readonly monitoring: Monitoring;
}

/**
 * Every cdk-nag AwsSolutions finding this stack accepts, with the reason. Anything not listed here
 * fails `cdk synth`, so a new finding has to be fixed or argued for in this one place.
 */
export function acknowledgeNagFindings(parts: AcknowledgedParts): void {
  const { routes } = parts.httpApi;
  acknowledge(routes.StartParty, {
    id: 'AwsSolutions-APIG4',
    reason:
      'Starting a party is anonymous by design: there are no user accounts, and the call creates the party ' +
      'and returns the token that guards it. Stage throttling bounds abuse.',
  });
  for (const key of ['AddInput', 'RemoveInput', 'GetStatus'] as const) {
    acknowledge(routes[key], {
      id: 'AwsSolutions-APIG4',
      reason:
        'Parties have no user accounts: each party has its own bearer token (256 random bits, returned once by ' +
        'start, stored only as a SHA-256 hash), which shared/lambda/http/auth.ts checks against the party named in the ' +
        'request before anything is read or written (401 without it, 403 for another party).',
    });
  }

  const { disconnect, default: fallback } = parts.webSocketApi.routes;
  for (const route of [disconnect, fallback]) {
    acknowledge(route, {
      id: 'AwsSolutions-APIG4',
      reason:
        'API Gateway runs WebSocket authorizers only on $connect; this route only ever sees connections that ' +
        "the $connect authorizer already admitted with that party's token.",
    });
  }

  acknowledge(parts.failureQueues.undeliveredEvents, {
    id: 'AwsSolutions-SQS3',
    reason:
      'This queue is the dead-letter queue of the EventBridge rule targets; a DLQ of a DLQ only moves the problem.',
  });
  acknowledge(parts.failureQueues.failedInvocations, {
    id: 'AwsSolutions-SQS3',
    reason:
      'This queue is the on-failure destination of the pipeline functions; it is the end of the line that ' +
      'operators inspect and redrive from.',
  });

  const connections = flattenCfnReference(
    Stack.of(parts.webSocketApi).resolve(postToConnectionsArn(parts.webSocketApi.stage)),
  );
  for (const functionId of FUNCTION_IDS.filter((candidate) => FUNCTIONS[candidate].pushesToClients)) {
    acknowledge(parts.functions.get(functionId).role, {
      id: `AwsSolutions-IAM5[Resource::${connections}]`,
      reason:
        'Connection ids exist only at runtime; the grant is limited to POST on the @connections of this ' +
        'API stage.',
    });
  }

  acknowledgeObservability(parts.functions, parts.monitoring);

  if (parts.loggingRole) {
    acknowledge(parts.loggingRole, {
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Account-wide API Gateway logging role, the inline twin of AmazonAPIGatewayPushToCloudWatchLogs: it ' +
        'serves every API in the account and API Gateway names execution log groups per API and stage.',
    });
  }

  if (!parts.webSocketApi.accessLogs) {
    acknowledge(parts.webSocketApi.stage, {
      id: 'AwsSolutions-APIG1',
      reason:
        'WebSocket access logs need the account-wide API Gateway CloudWatch role, which a fresh account lacks and ' +
        'another stack may own; they are on with -c apiGatewayCloudWatchRole=true (this stack sets the role) or ' +
        '-c webSocketAccessLogs=true (the account has one). The functions log every connection and message.',
    });
  }

  if (parts.webHosting) acknowledgeWebHosting(parts.webHosting.site, parts.webHosting.deployment);
}

/** Active tracing's grants on every function role, and the alarm topic. */
function acknowledgeObservability(functions: PartyFunctions, monitoring: Monitoring): void {
  // The whole function's scope: with cdk.json's feature flags CDK puts the statement in a policy of its
  // own under the Function, without them in the role's default policy.
  for (const functionId of FUNCTION_IDS) {
    acknowledge(functions.get(functionId), {
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Active tracing: the Lambda service sends the segments with xray:PutTraceSegments and ' +
        'xray:PutTelemetryRecords, which X-Ray does not scope to resources; CDK adds exactly these two.',
    });
  }
  acknowledge(monitoring.alarmTopic, {
    id: 'AwsSolutions-SNS2',
    reason:
      'The alarm topic carries only alarm names, states and metric values, no party data. CloudWatch cannot ' +
      'publish to a topic under the AWS managed SNS key, and a customer managed key (with a key policy for ' +
      'CloudWatch) would cost more than everything this topic protects.',
  });
}

function acknowledgeWebHosting(web: WebHosting, deployment: BucketDeployment): void {
  const staticPage =
    'holds only the public build of the browser page (HTML, JS, CSS, config.json with the API URLs), no user ' +
    'data; every data access goes through the APIs, whose stages write JSON access logs.';
  acknowledge(web.bucket, {
    id: 'AwsSolutions-S1',
    reason: `Server access logs are off: the bucket ${staticPage} Its only reader is CloudFront through OAC.`,
  });
  acknowledge(web.distribution, {
    id: 'AwsSolutions-CFR3',
    reason: `CloudFront standard logs are off: the distribution ${staticPage}`,
  });
  acknowledge(web.distribution, {
    id: 'AwsSolutions-CFR1',
    reason:
      'The party planner is meant to be usable from anywhere; no country is legally or commercially excluded.',
  });
  acknowledge(web.distribution, {
    id: 'AwsSolutions-CFR2',
    reason:
      'The distribution serves static files only (no origin logic to attack); the APIs it points to have ' +
      'their own stage throttling. A WAF web ACL costs more than this dev-scale page warrants.',
  });
  acknowledge(web.distribution, {
    id: 'AwsSolutions-CFR4',
    reason:
      'The page uses the default *.cloudfront.net certificate, whose security policy AWS fixes at TLSv1; ' +
      'a TLS 1.2 minimum needs a custom domain and ACM certificate, which this stack does not own.',
  });

  const cdkOwned =
    "is the BucketDeployment custom resource's singleton handler, written and versioned by aws-cdk-lib; it runs " +
    'only during deployments';
  acknowledge(deployment, {
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason: `CloudFront invalidation actions have no resource-level permissions; the handler ${cdkOwned}.`,
  });
  // The handler Lambda lives at stack level (one per stack); its role is a child of it.
  const handler = deployment.handlerRole.node.scope;
  if (!handler) throw new Error('BucketDeployment handler role has no scope');
  acknowledge(handler, {
    id: 'AwsSolutions-L1',
    reason: `The runtime is chosen by aws-cdk-lib for this function, which ${cdkOwned}; CDK upgrades move it.`,
  });
  acknowledge(handler, {
    id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    reason: `AWSLambdaBasicExecutionRole only lets the handler write its own logs; the function ${cdkOwned}.`,
  });
  for (const finding of wildcardFindings(handler)) {
    acknowledge(handler, {
      id: `AwsSolutions-IAM5[${finding}]`,
      reason:
        'CDK grants the deployment handler read on the CDK asset objects and read/write/delete on the web ' +
        `bucket objects (whose names change with every build); the function ${cdkOwned}.`,
    });
  }
}

/** IAM5 finding ids for the wildcards in a function's default role policy, named as cdk-nag names them. */
function wildcardFindings(handler: IConstruct): string[] {
  const policy = handler.node.tryFindChild('ServiceRole')?.node.tryFindChild('DefaultPolicy');
  const cfnPolicy = policy?.node.defaultChild;
  if (!(cfnPolicy instanceof iam.CfnPolicy)) return [];
  const document = Stack.of(handler).resolve(cfnPolicy.policyDocument) as {
    Statement: { Action: string | string[]; Resource: unknown }[];
  };
  const findings = new Set<string>();
  for (const statement of document.Statement) {
    for (const action of [statement.Action].flat()) {
      if (action.includes('*')) findings.add(`Action::${action}`);
    }
    for (const resource of [statement.Resource].flat()) {
      const flat = flattenCfnReference(resource);
      if (flat.includes('*')) findings.add(`Resource::${flat}`);
    }
  }
  return [...findings];
}

function acknowledge(scope: IConstruct, rule: { id: string; reason: string }): void {
  Validations.of(scope).acknowledge(rule);
}
