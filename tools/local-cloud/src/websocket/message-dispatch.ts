import type { GatewayConnection } from './connection.ts';
import { messageEvent } from './events.ts';
import { awsStyleId } from './ids.ts';
import { selectRouteKey } from './route-selection.ts';
import type { ApiFacts, LambdaInvoker, WebSocketRouteConfig } from './types.ts';

export interface DispatchContext {
  readonly api: ApiFacts;
  readonly config: WebSocketRouteConfig;
  readonly invoker: LambdaInvoker;
  readonly routeKeys: ReadonlySet<string>;
}

/**
 * Routes one client message. The function's result is not sent back (no route responses are
 * configured); failures reach the client as API Gateway reports them: a JSON message naming the
 * connection and request, with the socket left open.
 */
export async function dispatchMessage(
  context: DispatchContext,
  connection: GatewayConnection,
  body: string,
): Promise<void> {
  const { config, invoker } = context;
  const routeKey = selectRouteKey(config.routeSelectionExpression, body, context.routeKeys);
  const requestId = awsStyleId();
  const report = (message: string) =>
    connection.send(JSON.stringify({ message, connectionId: connection.facts.connectionId, requestId }));
  const functionName = config.routes[routeKey];
  if (!functionName) {
    report('Forbidden');
    return;
  }
  try {
    await invoker.invoke(
      functionName,
      messageEvent(context.api, connection.facts, routeKey, body, requestId),
    );
  } catch {
    report('Internal server error');
  }
}
