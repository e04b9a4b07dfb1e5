import { join } from 'node:path';
import type { CfnTemplate } from './tables.ts';

/** What the local cloud runs, read from a synthesized template; nothing here is kept by hand. */
export interface LocalFunction {
  readonly logicalId: string;
  /** The `functions/<name>` folder, from the construct path; used in logs and as the local function name. */
  readonly name: string;
  readonly assetDir: string;
  /** The bundled assets of its `Layers`, in order. */
  readonly layerAssetDirs: readonly string[];
  readonly handler: string;
  readonly environment: Readonly<Record<string, unknown>>;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
  readonly asyncRetries: number;
  readonly maxEventAgeSeconds: number;
  readonly onFailureQueue: string | null;
}

export interface LocalRuleTarget {
  readonly functionLogicalId: string;
  readonly maxRetries: number;
  readonly maxEventAgeSeconds: number;
  readonly deadLetterQueue: string | null;
}

export interface LocalRule {
  readonly logicalId: string;
  readonly busLogicalId: string;
  readonly description: string;
  readonly pattern: unknown;
  readonly targets: readonly LocalRuleTarget[];
}

export interface LocalArchive {
  readonly logicalId: string;
  readonly name: string;
  readonly busLogicalId: string;
  readonly description: string;
  readonly pattern: unknown;
  readonly retentionDays: number;
}

export interface LocalBus {
  readonly logicalId: string;
  readonly name: string;
}

export interface LocalRoute {
  readonly routeKey: string;
  readonly functionLogicalId: string;
}

export interface LocalHttpApi {
  readonly logicalId: string;
  readonly routes: readonly LocalRoute[];
  readonly cors: {
    readonly allowOrigins: readonly string[];
    readonly allowMethods: readonly string[];
    readonly allowHeaders: readonly string[];
    readonly maxAge: number;
  } | null;
}

export interface LocalWebSocketApi {
  readonly logicalId: string;
  readonly routeSelectionExpression: string;
  readonly stageName: string;
  readonly routes: readonly LocalRoute[];
  readonly authorizer: {
    readonly functionLogicalId: string;
    readonly identitySources: readonly string[];
  } | null;
}

export interface StackModel {
  readonly functions: ReadonlyMap<string, LocalFunction>;
  readonly buses: readonly LocalBus[];
  readonly rules: readonly LocalRule[];
  readonly archives: readonly LocalArchive[];
  readonly httpApis: readonly LocalHttpApi[];
  readonly webSocketApis: readonly LocalWebSocketApi[];
}

export class UnsupportedTemplateError extends Error {
  override readonly name = 'UnsupportedTemplateError';
}

type Resource = CfnTemplate['Resources'][string] & { readonly Metadata?: Record<string, unknown> };
type Props = Record<string, unknown>;

function getAttId(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Props;
  if (Array.isArray(record['Fn::GetAtt'])) return String(record['Fn::GetAtt'][0]);
  if (typeof record.Ref === 'string') return record.Ref;
  return null;
}

/** Finds the logical id that a Lambda ARN expression (possibly wrapped in an invocation URI) points at. */
function functionIdIn(value: unknown, functions: ReadonlyMap<string, unknown>): string | null {
  const direct = getAttId(value);
  if (direct && functions.has(direct)) return direct;
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value as Props)) {
      const found = Array.isArray(inner)
        ? inner.map((item) => functionIdIn(item, functions)).find(Boolean)
        : functionIdIn(inner, functions);
      if (found) return found;
    }
  }
  return null;
}

function functionName(logicalId: string, resource: Resource): string {
  const path = String(resource.Metadata?.['aws:cdk:path'] ?? '');
  // `Stack/Functions/<name>/Function/Resource` in this stack; fall back to the logical id elsewhere.
  const parts = path.split('/');
  return parts.length >= 3 ? (parts.at(-3) ?? logicalId) : logicalId;
}

export function readStackModel(template: CfnTemplate, assemblyDir: string): StackModel {
  const resources = Object.entries(template.Resources) as [string, Resource][];
  const ofType = (type: string) => resources.filter(([, resource]) => resource.Type === type);
  const props = (resource: Resource) => (resource.Properties ?? {}) as Props;

  const invokeConfigs = new Map(
    ofType('AWS::Lambda::EventInvokeConfig').map(([, resource]) => {
      const p = props(resource);
      const destination = (p.DestinationConfig as Props | undefined)?.OnFailure as Props | undefined;
      return [
        getAttId(p.FunctionName),
        { p, onFailure: destination ? getAttId(destination.Destination) : null },
      ];
    }),
  );

  const assetDirOf = (what: string, resource: Resource | undefined) => {
    const asset = resource?.Metadata?.['aws:asset:path'];
    if (typeof asset !== 'string') {
      throw new UnsupportedTemplateError(`${what} has no local asset (synthesize with asset metadata)`);
    }
    return join(assemblyDir, asset);
  };
  const layerAssetDir = (value: unknown) => {
    const layerId = getAttId(value);
    const layer = layerId === null ? undefined : template.Resources[layerId];
    if (layerId === null || layer?.Type !== 'AWS::Lambda::LayerVersion')
      throw new UnsupportedTemplateError(`layer ${JSON.stringify(value)} is not a layer of this template`);
    return assetDirOf(`layer ${layerId}`, layer);
  };

  const functions = new Map<string, LocalFunction>();
  for (const [logicalId, resource] of ofType('AWS::Lambda::Function')) {
    const p = props(resource);
    const config = invokeConfigs.get(logicalId);
    functions.set(logicalId, {
      logicalId,
      name: functionName(logicalId, resource),
      assetDir: assetDirOf(`function ${logicalId}`, resource),
      layerAssetDirs: ((p.Layers ?? []) as unknown[]).map(layerAssetDir),
      handler: String(p.Handler ?? 'index.handler'),
      environment: ((p.Environment as Props | undefined)?.Variables ?? {}) as Record<string, unknown>,
      timeoutSeconds: Number(p.Timeout ?? 3),
      memoryMb: Number(p.MemorySize ?? 128),
      // Lambda's defaults when a function has no EventInvokeConfig: two retries, six hours.
      asyncRetries: Number(config?.p.MaximumRetryAttempts ?? 2),
      maxEventAgeSeconds: Number(config?.p.MaximumEventAgeInSeconds ?? 21_600),
      onFailureQueue: config?.onFailure ?? null,
    });
  }

  const buses = ofType('AWS::Events::EventBus').map(([logicalId, resource]) => ({
    logicalId,
    name: String(props(resource).Name ?? logicalId),
  }));

  const rules = ofType('AWS::Events::Rule').map(([logicalId, resource]): LocalRule => {
    const p = props(resource);
    const targets = ((p.Targets ?? []) as Props[]).map((target): LocalRuleTarget => {
      const functionLogicalId = functionIdIn(target.Arn, functions);
      if (!functionLogicalId)
        throw new UnsupportedTemplateError(`rule ${logicalId} has a target that is not a local function`);
      const retry = (target.RetryPolicy ?? {}) as Props;
      return {
        functionLogicalId,
        // EventBridge's defaults without a retry policy: 185 attempts over 24 hours.
        maxRetries: Number(retry.MaximumRetryAttempts ?? 185),
        maxEventAgeSeconds: Number(retry.MaximumEventAgeInSeconds ?? 86_400),
        deadLetterQueue: getAttId((target.DeadLetterConfig as Props | undefined)?.Arn),
      };
    });
    return {
      logicalId,
      busLogicalId: getAttId(p.EventBusName) ?? 'default',
      description: String(p.Description ?? ''),
      pattern: p.EventPattern,
      targets,
    };
  });

  const integrations = new Map(
    ofType('AWS::ApiGatewayV2::Integration').map(([logicalId, resource]) => [
      logicalId,
      functionIdIn(props(resource).IntegrationUri, functions),
    ]),
  );
  const routesOf = (apiId: string) =>
    ofType('AWS::ApiGatewayV2::Route')
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

  const apis = ofType('AWS::ApiGatewayV2::Api');
  const httpApis = apis
    .filter(([, resource]) => props(resource).ProtocolType === 'HTTP')
    .map(([logicalId, resource]): LocalHttpApi => {
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
    });

  const webSocketApis = apis
    .filter(([, resource]) => props(resource).ProtocolType === 'WEBSOCKET')
    .map(([logicalId, resource]): LocalWebSocketApi => {
      const stage = ofType('AWS::ApiGatewayV2::Stage').find(
        ([, s]) => getAttId(props(s).ApiId) === logicalId,
      );
      const authorizer = ofType('AWS::ApiGatewayV2::Authorizer').find(
        ([, a]) => getAttId(props(a).ApiId) === logicalId,
      );
      const authorizerFunction = authorizer
        ? functionIdIn(props(authorizer[1]).AuthorizerUri, functions)
        : null;
      return {
        logicalId,
        routeSelectionExpression: String(props(resource).RouteSelectionExpression ?? '$request.body.action'),
        stageName: String(stage ? props(stage[1]).StageName : 'local'),
        routes: routesOf(logicalId),
        authorizer:
          authorizer && authorizerFunction
            ? {
                functionLogicalId: authorizerFunction,
                identitySources: (props(authorizer[1]).IdentitySource ?? []) as string[],
              }
            : null,
      };
    });

  const archives = ofType('AWS::Events::Archive').map(([logicalId, resource]): LocalArchive => {
    const p = props(resource);
    return {
      logicalId,
      name: String(p.ArchiveName ?? logicalId),
      busLogicalId: getAttId(p.SourceArn) ?? 'default',
      description: String(p.Description ?? ''),
      pattern: p.EventPattern ?? {},
      retentionDays: Number(p.RetentionDays ?? 0),
    };
  });

  return {
    functions,
    buses,
    rules,
    archives,
    httpApis,
    webSocketApis,
  };
}
