import { join } from 'node:path';
import { getAttId, type Props, props, type Resource, resourcesOfType } from './resources.ts';
import { type LocalFunction, UnsupportedTemplateError } from './stack-model.ts';
import type { CfnTemplate } from './tables.ts';

interface InvokeConfig {
  readonly p: Props;
  readonly onFailure: string | null;
}

/** Each function's EventInvokeConfig, by the function's logical id. */
function invokeConfigs(template: CfnTemplate): Map<string | null, InvokeConfig> {
  return new Map(
    resourcesOfType(template, 'AWS::Lambda::EventInvokeConfig').map(([, resource]) => {
      const p = props(resource);
      const destination = (p.DestinationConfig as Props | undefined)?.OnFailure as Props | undefined;
      return [
        getAttId(p.FunctionName),
        { p, onFailure: destination ? getAttId(destination.Destination) : null },
      ];
    }),
  );
}

function assetDirOf(assemblyDir: string, what: string, resource: Resource | undefined): string {
  const asset = resource?.Metadata?.['aws:asset:path'];
  if (typeof asset !== 'string') {
    throw new UnsupportedTemplateError(`${what} has no local asset (synthesize with asset metadata)`);
  }
  return join(assemblyDir, asset);
}

function layerAssetDir(template: CfnTemplate, assemblyDir: string, value: unknown): string {
  const layerId = getAttId(value);
  const layer = layerId === null ? undefined : template.Resources[layerId];
  if (layerId === null || layer?.Type !== 'AWS::Lambda::LayerVersion')
    throw new UnsupportedTemplateError(`layer ${JSON.stringify(value)} is not a layer of this template`);
  return assetDirOf(assemblyDir, `layer ${layerId}`, layer);
}

function functionName(logicalId: string, resource: Resource): string {
  const path = String(resource.Metadata?.['aws:cdk:path'] ?? '');
  // `Stack/Functions/<name>/Function/Resource` in this stack; fall back to the logical id elsewhere.
  const parts = path.split('/');
  return parts.length >= 3 ? (parts.at(-3) ?? logicalId) : logicalId;
}

/** Every Lambda function of the template, with its bundled asset and layers in `assemblyDir`. */
export function readFunctions(template: CfnTemplate, assemblyDir: string): Map<string, LocalFunction> {
  const configs = invokeConfigs(template);
  const functions = new Map<string, LocalFunction>();
  for (const [logicalId, resource] of resourcesOfType(template, 'AWS::Lambda::Function')) {
    const p = props(resource);
    const config = configs.get(logicalId);
    functions.set(logicalId, {
      logicalId,
      name: functionName(logicalId, resource),
      assetDir: assetDirOf(assemblyDir, `function ${logicalId}`, resource),
      layerAssetDirs: ((p.Layers ?? []) as unknown[]).map((layer) =>
        layerAssetDir(template, assemblyDir, layer),
      ),
      handler: String(p.Handler ?? 'index.handler'),
      environment: ((p.Environment as Props | undefined)?.Variables ?? {}) as Record<string, unknown>,
      timeoutSeconds: Number(p.Timeout ?? 3),
      memoryMb: Number(p.MemorySize ?? 128),
      // PassThrough, the default, traces only what arrives sampled; locally it runs untraced.
      activeTracing: (p.TracingConfig as Props | undefined)?.Mode === 'Active',
      // Lambda's defaults when a function has no EventInvokeConfig: two retries, six hours.
      asyncRetries: Number(config?.p.MaximumRetryAttempts ?? 2),
      maxEventAgeSeconds: Number(config?.p.MaximumEventAgeInSeconds ?? 21_600),
      onFailureQueue: config?.onFailure ?? null,
    });
  }
  return functions;
}
