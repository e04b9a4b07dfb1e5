import { Duration, type RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Construct } from 'constructs';
import type { FunctionId } from '#lib/function-specs.ts';
import { jsonAccessLog } from './access-log.ts';
import type { PartyFunctions } from './party-functions.ts';

const BASE_PATH = '/api/v1/event-driven';

/** The command and query routes of the REST-style API; the route key is API Gateway's `METHOD /path`. */
export const HTTP_ROUTES = [
  {
    key: 'StartParty',
    method: apigwv2.HttpMethod.POST,
    path: `${BASE_PATH}/start`,
    functionId: 'http-start-party',
  },
  {
    key: 'AddInput',
    method: apigwv2.HttpMethod.POST,
    path: `${BASE_PATH}/input`,
    functionId: 'http-add-input',
  },
  {
    key: 'RemoveInput',
    method: apigwv2.HttpMethod.DELETE,
    path: `${BASE_PATH}/input/{input_id}`,
    functionId: 'http-remove-input',
  },
  {
    key: 'GetStatus',
    method: apigwv2.HttpMethod.GET,
    path: `${BASE_PATH}/status/{party_id}`,
    functionId: 'http-get-status',
  },
] as const satisfies readonly {
  key: string;
  method: apigwv2.HttpMethod;
  path: string;
  functionId: FunctionId;
}[];

export type HttpRouteKey = (typeof HTTP_ROUTES)[number]['key'];

const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  requestTime: '$context.requestTime',
  routeKey: '$context.routeKey',
  path: '$context.path',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
};

export interface PartyHttpApiProps {
  readonly functions: PartyFunctions;
  /** The origins whose pages may call the API (CORS). */
  readonly allowOrigins: readonly string[];
  readonly removalPolicy: RemovalPolicy;
}

export class PartyHttpApi extends Construct {
  readonly api: apigwv2.HttpApi;
  readonly stage: apigwv2.HttpStage;
  readonly routes: Readonly<Record<HttpRouteKey, apigwv2.HttpRoute>>;

  constructor(scope: Construct, id: string, props: PartyHttpApiProps) {
    super(scope, id);
    this.api = new apigwv2.HttpApi(this, 'Api', {
      // The construct's default name is its id, `Api`, the same in every stack of the account.
      apiName: `${Stack.of(this).stackName}-http`,
      description: 'Party planner commands and status',
      // The default stage comes without throttling or access logs; ours below has both.
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: [...props.allowOrigins],
        allowMethods: [
          apigwv2.CorsHttpMethod.GET,
          apigwv2.CorsHttpMethod.POST,
          apigwv2.CorsHttpMethod.DELETE,
          apigwv2.CorsHttpMethod.OPTIONS,
        ],
        allowHeaders: ['content-type', 'authorization'],
        maxAge: Duration.hours(1),
      },
    });
    this.stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: jsonAccessLog(this, ACCESS_LOG_FIELDS, props.removalPolicy),
    });

    const routes = HTTP_ROUTES.map((route) => {
      const handler = props.functions.get(route.functionId).fn;
      const created = new apigwv2.HttpRoute(this, route.key, {
        httpApi: this.api,
        routeKey: apigwv2.HttpRouteKey.with(route.path, route.method),
        integration: new HttpLambdaIntegration(`${route.key}Integration`, handler, {
          payloadFormatVersion: apigwv2.PayloadFormatVersion.VERSION_2_0,
        }),
      });
      return [route.key, created] as const;
    });
    // fromEntries widens keys to string; HTTP_ROUTES holds every HttpRouteKey exactly once.
    this.routes = Object.fromEntries(routes) as Record<HttpRouteKey, apigwv2.HttpRoute>;
  }

  /** The base URL of the default stage, with a trailing slash. */
  get url(): string {
    return this.stage.url;
  }
}
