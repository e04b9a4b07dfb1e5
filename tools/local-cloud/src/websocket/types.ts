/** Runs a function by name; resolves with the handler's return value and rejects when the handler throws. */
export interface LambdaInvoker {
  invoke(functionName: string, event: unknown): Promise<unknown>;
}

export interface WebSocketLimits {
  /** AWS: 10 minutes, reset only by messages from the client. */
  readonly idleTimeoutMs?: number;
  /** AWS: 2 hours, whatever the traffic. */
  readonly maxConnectionMs?: number;
  /** AWS: 32 KB per frame, in either direction. */
  readonly maxFrameBytes?: number;
  /** AWS: 128 KB per message, in either direction. */
  readonly maxMessageBytes?: number;
}

export interface WebSocketRouteConfig {
  /** Only `$request.body.<path>` references (optionally `${...}` with literal text around them) are understood. */
  readonly routeSelectionExpression: string;
  /** Route key (`$connect`, `$disconnect`, `$default` or a custom key) to the function that serves it. */
  readonly routes: Readonly<Record<string, string>>;
  /** A REQUEST Lambda authorizer, which API Gateway runs on `$connect` only. */
  readonly authorizer?: { readonly functionName: string; readonly identitySources: readonly string[] };
  readonly stageName: string;
  readonly apiId?: string;
  readonly limits?: WebSocketLimits;
}

export type ResolvedLimits = Required<WebSocketLimits>;

export const DEFAULT_LIMITS: ResolvedLimits = {
  idleTimeoutMs: 10 * 60_000,
  maxConnectionMs: 2 * 60 * 60_000,
  maxFrameBytes: 32 * 1024,
  maxMessageBytes: 128 * 1024,
};

/** What every event of one API shares: the parts of the execute-api ARN and the domain name. */
export interface ApiFacts {
  readonly apiId: string;
  readonly stage: string;
  readonly region: string;
  readonly accountId: string;
  readonly domainName: string;
}

/** Authorizer context as API Gateway forwards it to the routes: the policy's context plus principalId. */
export type AuthorizerContext = Record<string, string | number>;

/** What API Gateway remembers of a connection from its handshake and passes to every later event. */
export interface ConnectionFacts {
  readonly connectionId: string;
  readonly connectedAt: number;
  readonly sourceIp: string;
  readonly userAgent: string | null;
  readonly authorizer?: AuthorizerContext;
}
