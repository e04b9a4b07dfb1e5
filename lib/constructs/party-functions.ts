import { Duration, type RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import type * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { FUNCTION_IDS, FUNCTIONS, type FunctionId } from '#lib/function-specs.ts';
import { DEFAULT_PARTY_CHANGES_PER_MINUTE, VARIABLES } from '#shared/contracts/environment.ts';
import { metricNamespace } from '#shared/contracts/metrics.ts';
import { PartyFunction } from './party-function.ts';
import type { PartyTable } from './party-table.ts';
import { PowertoolsLayer } from './powertools-layer.ts';

export const SIZING = {
  // Pipeline consumers read and rewrite whole party documents; the extra memory buys CPU.
  event: { memorySize: 512, timeout: Duration.seconds(30) },
  request: { memorySize: 256, timeout: Duration.seconds(10) },
} as const;

export interface PartyFunctionsProps {
  readonly table: PartyTable;
  readonly bus: events.IEventBus;
  readonly failedInvocations: sqs.IQueue;
  readonly removalPolicy: RemovalPolicy;
}

/** All seventeen functions, each granted exactly what the function catalog says it needs. */
export class PartyFunctions extends Construct {
  private readonly functions: Readonly<Record<FunctionId, PartyFunction>>;

  constructor(scope: Construct, id: string, props: PartyFunctionsProps) {
    super(scope, id);
    const { layer } = new PowertoolsLayer(this, 'Powertools', { removalPolicy: props.removalPolicy });
    const created = FUNCTION_IDS.map(
      (functionId) => [functionId, this.create(functionId, props, layer)] as const,
    );
    // fromEntries widens keys to string; FUNCTION_IDS lists every FunctionId exactly once.
    this.functions = Object.fromEntries(created) as Record<FunctionId, PartyFunction>;
  }

  get(functionId: FunctionId): PartyFunction {
    return this.functions[functionId];
  }

  /**
   * Lets the functions that push to browsers reach the stage's @connections endpoint. Resolved after
   * the WebSocket API exists because that API in turn routes to some of these functions.
   */
  connectToClients(stage: apigwv2.WebSocketStage): void {
    for (const functionId of FUNCTION_IDS.filter((candidate) => FUNCTIONS[candidate].pushesToClients)) {
      const party = this.get(functionId);
      party.fn.addEnvironment(VARIABLES.WEBSOCKET_MANAGEMENT_ENDPOINT, stage.callbackUrl);
      party.role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: ['execute-api:ManageConnections'],
          resources: [postToConnectionsArn(stage)],
        }),
      );
    }
  }

  private create(
    functionId: FunctionId,
    props: PartyFunctionsProps,
    layer: lambda.ILayerVersion,
  ): PartyFunction {
    const spec = FUNCTIONS[functionId];
    const party = new PartyFunction(this, functionId, {
      ...SIZING[spec.trigger],
      layers: [layer],
      removalPolicy: props.removalPolicy,
      environment: {
        [VARIABLES.TABLE_NAME]: props.table.tableName,
        [VARIABLES.POWERTOOLS_SERVICE_NAME]: functionId,
        [VARIABLES.POWERTOOLS_METRICS_NAMESPACE]: metricNamespace(Stack.of(this).stackName),
        POWERTOOLS_LOG_LEVEL: 'INFO',
        NODE_OPTIONS: '--enable-source-maps',
        ...(spec.publishesEvents ? { [VARIABLES.EVENT_BUS_NAME]: props.bus.eventBusName } : {}),
        ...(spec.limitsChanges
          ? { [VARIABLES.PARTY_CHANGES_PER_MINUTE]: String(DEFAULT_PARTY_CHANGES_PER_MINUTE) }
          : {}),
      },
    });
    props.table.grant(party.fn, spec.table);
    if (spec.publishesEvents) props.bus.grantPutEventsTo(party.fn);
    if (spec.trigger === 'event') {
      party.fn.configureAsyncInvoke({
        retryAttempts: 2,
        maxEventAge: Duration.hours(1),
        onFailure: new SqsDestination(props.failedInvocations),
      });
    }
    return party;
  }
}

/**
 * The stage's @connections POST, which pushes a message to a browser. The functions never inspect
 * (GET) or drop (DELETE) a connection: a POST to a gone one answers 410, and its row is deleted.
 */
export function postToConnectionsArn(stage: apigwv2.WebSocketStage): string {
  const stageArn = Stack.of(stage).formatArn({
    service: 'execute-api',
    resource: stage.api.apiId,
    resourceName: stage.stageName,
  });
  return `${stageArn}/POST/@connections/*`;
}
