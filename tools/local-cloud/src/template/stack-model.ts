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
  /** `TracingConfig.Mode` is `Active`: Lambda traces every invocation. */
  readonly activeTracing: boolean;
  readonly asyncRetries: number;
  readonly maxEventAgeSeconds: number;
  readonly onFailureQueue: string | null;
}

export interface LocalRuleTarget {
  /** The rule's logical id, as each of its targets names it on its dead letters. */
  readonly ruleName: string;
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

export interface LocalQueueSpec {
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
  readonly queues: readonly LocalQueueSpec[];
  readonly httpApis: readonly LocalHttpApi[];
  readonly webSocketApis: readonly LocalWebSocketApi[];
}

export class UnsupportedTemplateError extends Error {
  override readonly name = 'UnsupportedTemplateError';
}
