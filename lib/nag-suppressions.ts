import { Stack, Validations } from 'aws-cdk-lib';
// cdk-nag names IAM5 findings after the policy's resources rendered by this function; reusing it keeps
// the acknowledged ids identical to the reported ones in every environment (partition, region, account).
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import type { IConstruct } from 'constructs';
import { FUNCTION_IDS, FUNCTIONS } from '#lib/function-catalog.ts';
import type { ApiGatewayLoggingRole } from './constructs/api-gateway-logging-role.ts';
import type { FailureQueues } from './constructs/failure-queues.ts';
import type { PartyHttpApi } from './constructs/http-api.ts';
import { connectionArns, type PartyFunctions } from './constructs/party-functions.ts';
import type { PartyWebSocketApi } from './constructs/websocket-api.ts';

export interface AcknowledgedParts {
  readonly functions: PartyFunctions;
  readonly failureQueues: FailureQueues;
  readonly httpApi: PartyHttpApi;
  readonly webSocketApi: PartyWebSocketApi;
  readonly loggingRole: ApiGatewayLoggingRole | undefined;
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
        'start, stored only as a SHA-256 hash), which shared/http/auth.ts checks against the party named in the ' +
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

  const connections = connectionArns(parts.webSocketApi.stage).map((arn) =>
    flattenCfnReference(Stack.of(parts.webSocketApi).resolve(arn)),
  );
  for (const functionId of FUNCTION_IDS.filter((candidate) => FUNCTIONS[candidate].pushesToClients)) {
    for (const resource of connections) {
      acknowledge(parts.functions.get(functionId).role, {
        id: `AwsSolutions-IAM5[Resource::${resource}]`,
        reason:
          'Connection ids exist only at runtime; the grant is limited to this API stage and its ' +
          '@connections POST/GET/DELETE methods.',
      });
    }
  }

  if (parts.loggingRole) {
    acknowledge(parts.loggingRole, {
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Account-wide API Gateway logging role, the inline twin of AmazonAPIGatewayPushToCloudWatchLogs: it ' +
        'serves every API in the account and API Gateway names execution log groups per API and stage.',
    });
  }
}

function acknowledge(scope: IConstruct, rule: { id: string; reason: string }): void {
  Validations.of(scope).acknowledge(rule);
}
