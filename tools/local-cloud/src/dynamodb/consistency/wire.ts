import { type Agent, type IncomingMessage, request } from 'node:http';
import { crc32 } from 'node:zlib';

/** An attribute value as DynamoDB's JSON protocol carries it, e.g. `{ "S": "x" }`. */
export type AttributeValue = Record<string, unknown>;
export type Item = Record<string, AttributeValue>;

/** One whole answer of DynamoDB Local: the proxy may have to read it before passing it on. */
export interface Answer {
  readonly status: number;
  readonly statusMessage: string;
  readonly rawHeaders: readonly string[];
  readonly body: Buffer;
}

/** Talks to DynamoDB Local with the caller's own headers, so that it uses the caller's database. */
export class Upstream {
  private readonly url: URL;

  constructor(
    endpoint: string,
    private readonly agent: Agent,
  ) {
    this.url = new URL(endpoint);
  }

  /** Sends a request with the caller's headers: its body as it came, or one the proxy changed. */
  forward(incoming: IncomingMessage, body: Buffer): Promise<Answer> {
    const headers = withoutHeaders(incoming.rawHeaders, 'content-length');
    headers.push('content-length', String(body.length));
    return this.send(incoming.method ?? 'POST', incoming.url ?? '/', headers, body);
  }

  /**
   * A request of the proxy's own (a consistent read of an item's image before a write). DynamoDB
   * Local reads the access key from the authorization header and checks no signature, so the
   * caller's header selects the caller's database.
   */
  async call(operation: string, input: object, authorization: string | undefined): Promise<unknown> {
    const body = Buffer.from(JSON.stringify(input));
    // Given as a list, headers get no Host from Node, and DynamoDB Local's server refuses a request without.
    const headers = [
      'host',
      this.url.host,
      'content-type',
      'application/x-amz-json-1.0',
      'x-amz-target',
      `DynamoDB_20120810.${operation}`,
      'content-length',
      String(body.length),
      ...(authorization ? ['authorization', authorization] : []),
    ];
    const answer = await this.send('POST', '/', headers, body);
    if (answer.status !== 200) throw new Error(`${operation} failed upstream: ${answer.body.toString()}`);
    return JSON.parse(answer.body.toString('utf8') || '{}') as unknown;
  }

  private send(method: string, path: string, headers: string[], body: Buffer): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const outgoing = request(
        { agent: this.agent, host: this.url.hostname, port: this.url.port, method, path, headers },
        (answer) => {
          const chunks: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => chunks.push(chunk));
          answer.on('error', reject);
          answer.on('end', () =>
            resolve({
              status: answer.statusCode ?? 502,
              statusMessage: answer.statusMessage ?? '',
              rawHeaders: answer.rawHeaders,
              body: Buffer.concat(chunks),
            }),
          );
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }
}

/** The answer with another JSON body: the SDK checks the CRC32 header against the body it gets. */
export function withBody(answer: Answer, json: unknown): Answer {
  const body = Buffer.from(JSON.stringify(json));
  const rawHeaders = withoutHeaders(answer.rawHeaders, 'content-length', 'x-amz-crc32');
  rawHeaders.push('content-length', String(body.length), 'x-amz-crc32', String(crc32(body)));
  return { ...answer, rawHeaders, body };
}

function withoutHeaders(rawHeaders: readonly string[], ...names: string[]): string[] {
  const kept: string[] = [];
  for (let index = 0; index < rawHeaders.length; index += 2) {
    const name = rawHeaders[index] ?? '';
    if (!names.includes(name.toLowerCase())) kept.push(name, rawHeaders[index + 1] ?? '');
  }
  return kept;
}
