import { functionIdIn, getAttId, type Props, props, type Resource, resourcesOfType } from './resources.ts';
import {
  type LocalHttpApi,
  type LocalRoute,
  type LocalWebSocketApi,
  UnsupportedTemplateError,
} from './stack-model.ts';
import type { CfnTemplate } from './tables.ts';

type Functions = ReadonlyMap<string, unknown>;
type RoutesOf = (apiId: string) => LocalRoute[];

/** Reads an API's routes, each with the function that its integration invokes. */
function routeReader(template: CfnTemplate, functions: Functions): RoutesOf {
  const integrations = new Map(
    resourcesOfType(template, 'AWS::ApiGatewayV2::Integration').map(([logicalId, resource]) => [
      logicalId,
      functionIdIn(props(resource).IntegrationUri, functions),
    ]),
  );
  return (apiId) =>
    resourcesOfType(template, 'AWS::ApiGatewayV2::Route')
      .filter(([, resource]) => getAttId(props(resource).ApiId) === apiId)
      .map(([logicalId, resource]): LocalRoute => {
        const p = props(resource);
        const integrationId = [...integrations.keys()].find((id) =>
          JSON.stringify(p.Target ?? '').includes(`"${id}"`),
        );
        const functionLogicalId = integrationId ? integrations.get(integrationId) : null;
        if (!functionLogicalId)
          throw new UnsupportedTemplateError(`route ${logicalId} has no local function`);
        return { routeKey: String(p.RouteKey), functionLogicalId };
      });
}

function httpApi([logicalId, resource]: [string, Resource], routesOf: RoutesOf): LocalHttpApi {
  const cors = props(resource).CorsConfiguration as Props | undefined;
  return {
    logicalId,
    routes: routesOf(logicalId),
    cors: cors
      ? {
          allowOrigins: (cors.AllowOrigins ?? []) as string[],
          allowMethods: (cors.AllowMethods ?? []) as string[],
          allowHeaders: (cors.AllowHeaders ?? []) as string[],
          maxAge: Number(cors.MaxAge ?? 0),
        }
      : null,
  };
}

/** The API's resource of `type` (its stage, its authorizer), if it has one. */
function ofApi(template: CfnTemplate, type: string, apiId: string): [string, Resource] | undefined {
  return resourcesOfType(template, type).find(([, resource]) => getAttId(props(resource).ApiId) === apiId);
}

function webSocketAuthorizer(
  template: CfnTemplate,
  functions: Functions,
  apiId: string,
): LocalWebSocketApi['authorizer'] {
  const authorizer = ofApi(template, 'AWS::ApiGatewayV2::Authorizer', apiId);
  const functionLogicalId = authorizer ? functionIdIn(props(authorizer[1]).AuthorizerUri, functions) : null;
  if (!authorizer || !functionLogicalId) return null;
  return {
    functionLogicalId,
    identitySources: (props(authorizer[1]).IdentitySource ?? []) as string[],
  };
}

function webSocketApi(
  template: CfnTemplate,
  functions: Functions,
  [logicalId, resource]: [string, Resource],
  routesOf: RoutesOf,
): LocalWebSocketApi {
  const stage = ofApi(template, 'AWS::ApiGatewayV2::Stage', logicalId);
  return {
    logicalId,
    routeSelectionExpression: String(props(resource).RouteSelectionExpression ?? '$request.body.action'),
    stageName: String(stage ? props(stage[1]).StageName : 'local'),
    routes: routesOf(logicalId),
    authorizer: webSocketAuthorizer(template, functions, logicalId),
  };
}

/** The template's API Gateway v2 APIs: HTTP APIs and WebSocket APIs, with their routes. */
export function readApis(
  template: CfnTemplate,
  functions: Functions,
): { httpApis: LocalHttpApi[]; webSocketApis: LocalWebSocketApi[] } {
  const routesOf = routeReader(template, functions);
  const apis = resourcesOfType(template, 'AWS::ApiGatewayV2::Api');
  const ofProtocol = (protocol: string) =>
    apis.filter(([, resource]) => props(resource).ProtocolType === protocol);
  return {
    httpApis: ofProtocol('HTTP').map((api) => httpApi(api, routesOf)),
    webSocketApis: ofProtocol('WEBSOCKET').map((api) => webSocketApi(template, functions, api, routesOf)),
  };
}
