import { randomUUID } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { readBody } from '@party-planner/local-cloud/http';

function reply(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
  response.end(JSON.stringify(body));
}

export interface Recorder {
  readonly endpoint: string;
  stop(): Promise<void>;
}

/**
 * Just enough of two AWS endpoints for the handlers' real SDK clients: EventBridge's PutEvents (JSON
 * protocol) and API Gateway's `@connections` POST. Each accepted entry or message is handed to the
 * callback after the answer is written, as the real services deliver asynchronously.
 */
export async function startRecorder(handlers: {
  /** Once per PutEvents request, before its entries: the bus's quota counts requests. */
  onPutEvents: () => void;
  onEvent: (entry: PutEventsRequestEntry) => void;
  onPost: (connectionId: string, body: string) => void;
}): Promise<Recorder> {
  const server: Server = createServer(async (request, response) => {
    const body = (await readBody(request)).toString('utf8');
    const connection = /^\/@connections\/([^/?]+)/.exec(request.url ?? '')?.[1];
    if (connection) {
      response.writeHead(200).end();
      handlers.onPost(decodeURIComponent(connection), body);
      return;
    }
    if (request.headers['x-amz-target'] !== 'AWSEvents.PutEvents')
      return reply(response, 400, { __type: 'UnknownOperationException' });
    const entries = (JSON.parse(body) as { Entries: PutEventsRequestEntry[] }).Entries;
    reply(response, 200, { FailedEntryCount: 0, Entries: entries.map(() => ({ EventId: randomUUID() })) });
    handlers.onPutEvents();
    for (const entry of entries) handlers.onEvent(entry);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('recorder has no port');
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
