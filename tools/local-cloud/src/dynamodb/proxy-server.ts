import { type Agent, createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { closeServer, listen } from '../aws-json-server.ts';

/** A local proxy in front of DynamoDB: where its callers send their requests, and how to stop it. */
export interface DynamoProxy {
  readonly endpoint: string;
  stop(): Promise<void>;
}

/**
 * Serves `handle` on a local port (any free one unless `port` is given). `upstream` is the keep-alive
 * agent of the proxy's own calls onwards, closed with it. A request that `handle` fails on loses its
 * socket, as when a connection to DynamoDB breaks, which the SDK retries.
 */
export async function serveDynamoProxy(
  handle: (incoming: IncomingMessage, response: ServerResponse) => void | Promise<void>,
  upstream: Agent,
  port = 0,
): Promise<DynamoProxy> {
  const server = createServer((incoming, response) => {
    Promise.resolve()
      .then(() => handle(incoming, response))
      .catch(() => response.destroy());
  });
  const listening = await listen(server, port);
  return {
    endpoint: `http://127.0.0.1:${listening}`,
    stop: async () => {
      await closeServer(server);
      upstream.destroy();
    },
  };
}
