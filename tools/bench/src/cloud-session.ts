import WebSocket from 'ws';
import { type PartySession, PlanTracker } from './workload.ts';

const API = '/api/v1/event-driven';

export class HttpStatusError extends Error {
  override readonly name = 'HttpStatusError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** A browser gives a 409 (the party kept changing under the write) a few more tries, as ours would. */
const CONFLICT_ATTEMPTS = 8;

async function post(url: string, body: unknown, token?: string): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (response.status >= 300)
    throw new HttpStatusError(response.status, `${url}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

function openSocket(url: string, onMessage: (data: string) => void): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.on('message', (data) => onMessage(data.toString()));
    socket.once('unexpected-response', (_, response) =>
      reject(new HttpStatusError(response.statusCode ?? 0, `upgrade refused: ${response.statusCode}`)),
    );
    socket.once('error', reject);
    socket.once('open', () => resolve(socket));
  });
}

/** A browser's view of one party on the local cloud: the HTTP API to talk, the WebSocket to listen. */
export async function openCloudSession(endpoints: {
  http: string;
  websocket: string;
}): Promise<PartySession> {
  const started = await post(`${endpoints.http}${API}/start`, {});
  const partyId = String(started.party_id);
  const token = String(started.token);
  const plans = new PlanTracker();
  let received = 0;
  let conflicts = 0;
  const socket = await openSocket(`${endpoints.websocket}?party_id=${partyId}&token=${token}`, (data) => {
    const at = performance.now();
    received += 1;
    const message = JSON.parse(data) as { type?: string; payload?: { inputs_version?: unknown } };
    const version = message.payload?.inputs_version;
    if (message.type === 'plan_updated' && typeof version === 'number') plans.planArrived(version, at);
  });
  return {
    add: async (content) => {
      for (let attempt = 1; ; attempt++) {
        try {
          await post(`${endpoints.http}${API}/input`, { party_id: partyId, content }, token);
          return;
        } catch (error) {
          if (!(error instanceof HttpStatusError) || error.status !== 409 || attempt >= CONFLICT_ATTEMPTS)
            throw error;
          conflicts += 1;
          await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 80));
        }
      }
    },
    conflicts: () => conflicts,
    planReached: (version, timeoutMs) => plans.reached(version, timeoutMs),
    messages: () => received,
    close: () =>
      new Promise<void>((resolve) => {
        if (socket.readyState === WebSocket.CLOSED) return resolve();
        socket.once('close', () => resolve());
        socket.close();
      }),
  };
}
