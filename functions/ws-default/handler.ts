import { ClientAction, type ServerMessage } from '#shared/messages/catalog.ts';
import { managementClient } from '#shared/runtime/container.ts';
import { sendToConnection } from '#shared/runtime/socket-sender.ts';
import { websocketRoute } from '#shared/runtime/websocket-route.ts';
import { describeIssues } from '#shared/schemas/zod.ts';

function parseAction(body: string | undefined): ClientAction | { error: string } {
  let json: unknown;
  try {
    json = JSON.parse(body ?? '');
  } catch {
    return { error: 'message is not valid JSON' };
  }
  const parsed = ClientAction.safeParse(json);
  if (parsed.success) return parsed.data;
  return {
    error: describeIssues(parsed.error)
      .map((issue) => `${issue.field}: ${issue.message}`)
      .join('; '),
  };
}

/** Answers a client's own actions on its socket; a bad action gets an error message and the socket stays open. */
export const handler = websocketRoute('ws-default', async (event) => {
  const action = parseAction(event.body);
  const timestamp = new Date().toISOString();
  const none = { agent: null, status: null, result: null, error: null, payload: null, timestamp };
  let reply: ServerMessage;
  if ('error' in action) {
    reply = { ...none, type: 'error', error: 'unknown_action', message: action.error, payload: null };
  } else if (action.action === 'ping') {
    reply = { ...none, type: 'pong', message: null };
  } else {
    reply = {
      ...none,
      type: 'error',
      error: 'bad_request',
      message: 'resume is not available yet',
      payload: null,
    };
  }
  await sendToConnection(managementClient(), event.requestContext.connectionId, reply);
  return { statusCode: 200 };
});
