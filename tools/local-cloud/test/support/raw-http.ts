import { type IncomingHttpHeaders, request } from 'node:http';

export interface RawAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
}

/** A server that hangs fails the test in seconds, not at the test's timeout. */
const REPLY_TIMEOUT_MS = 5_000;

/**
 * Sends `path` as the request target exactly as given: fetch would refuse a target that is no URL
 * (`http://[x`), which is just what these requests test.
 */
export function rawRequest(endpoint: string, method: string, path: string): Promise<RawAnswer> {
  const { hostname, port } = new URL(endpoint);
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: hostname, port, method, path, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          text: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      response.on('error', reject);
    });
    outgoing.setTimeout(REPLY_TIMEOUT_MS, () => outgoing.destroy(new Error('no answer')));
    outgoing.on('error', reject);
    outgoing.end();
  });
}
