import { randomUUID } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { closeServer, listen, readBody } from '@party-planner/local-cloud/http';

function reply(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
  response.end(JSON.stringify(body));
}

/**
 * Speaks just enough of EventBridge's JSON protocol for the real SDK client's PutEvents, and records
 * every accepted entry. `failNext` makes the next entries fail one by one, as PutEvents reports it.
 */
export async function startEventRecorder() {
  const entries: PutEventsRequestEntry[] = [];
  let failuresLeft = 0;
  const server = createServer(async (request, response) => {
    const target = request.headers['x-amz-target'];
    const body = JSON.parse((await readBody(request)).toString('utf8')) as {
      Entries: PutEventsRequestEntry[];
    };
    if (target !== 'AWSEvents.PutEvents')
      return reply(response, 400, { __type: 'UnknownOperationException' });
    const results = body.Entries.map((entry) => {
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        return { ErrorCode: 'InternalFailure', ErrorMessage: 'injected failure' };
      }
      entries.push(entry);
      return { EventId: randomUUID() };
    });
    reply(response, 200, {
      FailedEntryCount: results.filter((result) => 'ErrorCode' in result).length,
      Entries: results,
    });
  });
  const endpoint = `http://127.0.0.1:${await listen(server, 0)}`;
  return {
    endpoint,
    entries,
    /** The published events, parsed back from each entry's Detail. */
    events: () =>
      entries.map(
        (entry) =>
          JSON.parse(entry.Detail ?? '{}') as { type: string; payload: Record<string, unknown> } & Record<
            string,
            unknown
          >,
      ),
    failNext: (count: number) => {
      failuresLeft = count;
    },
    clear: () => entries.splice(0),
    stop: () => closeServer(server),
  };
}

/** The `@connections` side of an API Gateway WebSocket API: records posts, answers 410 for gone sockets. */
export async function startConnectionsRecorder() {
  const posts: { connectionId: string; message: Record<string, unknown> }[] = [];
  const gone = new Set<string>();
  const server = createServer(async (request, response) => {
    const match = /^\/@connections\/([^/?]+)/.exec(request.url ?? '');
    const body = (await readBody(request)).toString('utf8');
    if (!match?.[1]) return reply(response, 404, { message: 'not found' });
    const connectionId = decodeURIComponent(match[1]);
    if (gone.has(connectionId)) {
      response.writeHead(410, { 'content-type': 'application/json', 'x-amzn-errortype': 'GoneException' });
      return response.end(JSON.stringify({ message: null }));
    }
    posts.push({ connectionId, message: JSON.parse(body) as Record<string, unknown> });
    response.writeHead(200).end();
  });
  const endpoint = `http://127.0.0.1:${await listen(server, 0)}`;
  return { endpoint, posts, gone, stop: () => closeServer(server) };
}
