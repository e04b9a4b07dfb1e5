import type { APIGatewayProxyResultV2, APIGatewayProxyWebsocketEventV2, Context } from 'aws-lambda';
import { instrumented, traceWith } from './observability.ts';

/** API Gateway passes the authorizer's context to every route of the socket. */
export type WebSocketEvent = APIGatewayProxyWebsocketEventV2 & {
  requestContext: { authorizer?: { party_id?: string } };
};

export function websocketRoute(
  name: string,
  route: (event: WebSocketEvent, context: Context) => Promise<APIGatewayProxyResultV2>,
) {
  return instrumented(name, async (event: WebSocketEvent, context: Context) => {
    traceWith({
      party_id: event.requestContext.authorizer?.party_id,
      correlation_id: event.requestContext.requestId,
    });
    return route(event, context);
  });
}
