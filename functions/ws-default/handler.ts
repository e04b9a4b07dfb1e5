import { setTimeout as sleep } from 'node:timers/promises';
import { postMessage } from '#shared/adapters/socket-sender.ts';
import { ClientAction, type ServerMessage, UNUSED_FIELDS } from '#shared/contracts/messages.ts';
import { describeIssues, issuesText } from '#shared/contracts/zod.ts';
import { partyStore } from '#shared/lambda/container.ts';
import { managementClient } from '#shared/lambda/management-client.ts';
import { recordMetric } from '#shared/lambda/observability.ts';
import { messageLog } from '#shared/lambda/realtime.ts';
import { websocketRoute } from '#shared/lambda/websocket-route.ts';
import { resumeReplies } from '#shared/use-cases/resume.ts';

const KNOWN_ACTIONS: ReadonlySet<unknown> = new Set(
  ClientAction.def.options.map((option) => option.shape.action.def.values[0]),
);

type Parsed = ClientAction | { readonly error: 'unknown_action' | 'bad_request'; readonly message: string };

function parseAction(body: string | undefined): Parsed {
  let json: unknown;
  try {
    json = JSON.parse(body ?? '');
  } catch {
    return { error: 'bad_request', message: 'message is not valid JSON' };
  }
  const parsed = ClientAction.safeParse(json);
  if (parsed.success) return parsed.data;
  const action =
    typeof json === 'object' && json !== null ? (json as { action?: unknown }).action : undefined;
  return {
    error: KNOWN_ACTIONS.has(action) ? 'bad_request' : 'unknown_action',
    message: issuesText(describeIssues(parsed.error)),
  };
}

async function repliesTo(action: Parsed, partyId: string | undefined, now: string): Promise<ServerMessage[]> {
  const none = { ...UNUSED_FIELDS, timestamp: now };
  if ('error' in action) return [{ ...none, type: 'error', error: action.error, message: action.message }];
  if (action.action === 'ping') return [{ ...none, type: 'pong', message: null }];
  // The authorizer bound this socket to one party; a resume can only ever be for that party.
  if (!partyId) {
    return [{ ...none, type: 'error', error: 'unauthorized', message: 'the connection has no party' }];
  }
  const sources = {
    readSince: (id: string, since: number, max: number) => messageLog().readSince(id, since, max),
    getParty: (id: string) => partyStore().getParty(id, true),
    pause: (ms: number) => sleep(ms),
  };
  return resumeReplies(sources, partyId, action.since, now);
}

function countResume(replies: readonly ServerMessage[]): void {
  const snapshot = replies.some((reply) => reply.type === 'snapshot');
  recordMetric('Resumes', { Answer: snapshot ? 'snapshot' : 'replay' });
  const refreshes = replies.filter((reply) => reply.type === 'refresh_required').length;
  if (refreshes > 0) recordMetric('RefreshRequired', {}, refreshes);
}

/** Answers a client's own actions on its socket only; a bad action gets an error and the socket stays open. */
export const handler = websocketRoute('ws-default', async (event) => {
  const { connectionId } = event.requestContext;
  const action = parseAction(event.body);
  const replies = await repliesTo(
    action,
    event.requestContext.authorizer?.party_id,
    new Date().toISOString(),
  );
  if ('action' in action && action.action === 'resume') countResume(replies);
  // One at a time, so that a replay arrives in seq order.
  for (const reply of replies) {
    const outcome = await postMessage(managementClient(), connectionId, reply);
    recordMetric('Deliveries', { Delivery: outcome });
    if (outcome === 'gone') break;
  }
  return { statusCode: 200 };
});
