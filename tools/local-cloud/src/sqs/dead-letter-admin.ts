import type { RequestListener } from 'node:http';
import { decodePercentEncoding, requestUrl } from '../aws-json-server.ts';
import type { DeadLetter } from '../lambda/async-invoker.ts';

export interface DeadLetterAdmin {
  deadLetters(queue?: string): DeadLetter[];
  redrive(queue: string): number;
}

/**
 * The local cloud's own paths beside the EventBridge endpoint, for what AWS does in the SQS console:
 * `GET /_local/dead-letters[?queue=Q]` lists failed events, `POST /_local/dead-letters/Q/redrive`
 * sends them back to their functions.
 */
export function deadLetterAdmin(admin: DeadLetterAdmin): RequestListener {
  return (request, response) => {
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body, null, 2));
    };
    const url = requestUrl(request);
    if (!url) return send(400, { message: 'request target is not a URL' });
    if (request.method === 'GET' && url.pathname === '/_local/dead-letters') {
      return send(200, { dead_letters: admin.deadLetters(url.searchParams.get('queue') ?? undefined) });
    }
    const redrive = /^\/_local\/dead-letters\/([^/]+)\/redrive$/.exec(url.pathname);
    if (request.method === 'POST' && redrive?.[1]) {
      const queue = decodePercentEncoding(redrive[1]);
      if (queue === null)
        return send(400, { message: `queue name ${redrive[1]} is not valid percent-encoding` });
      return send(200, { redriven: admin.redrive(queue) });
    }
    send(404, { message: 'Not Found' });
  };
}
