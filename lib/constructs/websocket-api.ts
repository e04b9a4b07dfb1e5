import { type RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { WebSocketLambdaAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { WebSocketLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Construct, type IDependable } from 'constructs';
import { jsonAccessLog } from './access-log.ts';
import type { PartyFunctions } from './party-functions.ts';

const STAGE_NAME = 'live';

const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  requestTime: '$context.requestTime',
  eventType: '$context.eventType',
  routeKey: '$context.routeKey',
  connectionId: '$context.connectionId',
  status: '$context.status',
  integrationLatency: '$context.integrationLatency',
  error: '$context.error.message',
  authorizerError: '$context.authorizer.error',
};

export interface PartyWebSocketApiProps {
  readonly functions: PartyFunctions;
  readonly removalPolicy: RemovalPolicy;
  /** Only where the account has API Gateway's CloudWatch role: without it the stage cannot deploy. */
  readonly accessLogs: boolean;
  /** The account's API Gateway CloudWatch role when this stack sets it: it must exist before the stage. */
  readonly loggingRole?: IDependable;
}

/** Live updates: browsers connect per party and the broadcaster pushes every party event to them. */
export class PartyWebSocketApi extends Construct {
  readonly api: apigwv2.WebSocketApi;
  readonly stage: apigwv2.WebSocketStage;
  readonly accessLogs: boolean;
  readonly routes: Readonly<Record<'connect' | 'disconnect' | 'default', apigwv2.WebSocketRoute>>;

  constructor(scope: Construct, id: string, props: PartyWebSocketApiProps) {
    super(scope, id);
    const { functions } = props;
    this.accessLogs = props.accessLogs;
    this.api = new apigwv2.WebSocketApi(this, 'Api', {
      // The construct's default name is its id, `Api`, the same in every stack of the account.
      apiName: `${Stack.of(this).stackName}-websocket`,
      description: 'Party planner live updates',
      routeSelectionExpression: '$request.body.action',
    });
    this.routes = {
      connect: this.api.addRoute('$connect', {
        integration: new WebSocketLambdaIntegration('ConnectIntegration', functions.get('ws-connect').fn),
        // Browsers cannot set headers on a WebSocket handshake, so party id and token ride in the query.
        authorizer: new WebSocketLambdaAuthorizer('PartyTokenAuthorizer', functions.get('ws-authorizer').fn, {
          identitySource: ['route.request.querystring.party_id', 'route.request.querystring.token'],
        }),
      }),
      disconnect: this.api.addRoute('$disconnect', {
        integration: new WebSocketLambdaIntegration(
          'DisconnectIntegration',
          functions.get('ws-disconnect').fn,
        ),
      }),
      default: this.api.addRoute('$default', {
        integration: new WebSocketLambdaIntegration('DefaultIntegration', functions.get('ws-default').fn),
      }),
    };
    this.stage = new apigwv2.WebSocketStage(this, 'Stage', {
      webSocketApi: this.api,
      stageName: STAGE_NAME,
      autoDeploy: true,
      throttle: { rateLimit: 50, burstLimit: 100 },
      ...(props.accessLogs
        ? { accessLogSettings: jsonAccessLog(this, ACCESS_LOG_FIELDS, props.removalPolicy) }
        : {}),
    });
    if (props.loggingRole) this.stage.node.addDependency(props.loggingRole);
  }

  /** `wss://` URL that browsers connect to. */
  get url(): string {
    return this.stage.url;
  }

  /** `https://` endpoint of the @connections management API for this stage. */
  get managementEndpoint(): string {
    return this.stage.callbackUrl;
  }
}
