import { createServer, type IncomingMessage, type RequestListener, type Server } from 'node:http';

/** An error that an AWS JSON-protocol service returns; the SDK turns `__type` into a typed exception. */
export class AwsServiceError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export type Operation = (
  input: Record<string, unknown>,
  request: IncomingMessage,
) => Promise<unknown> | unknown;

export async function readBody(
  request: IncomingMessage,
  limitBytes = Number.POSITIVE_INFINITY,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limitBytes) throw new AwsServiceError('RequestEntityTooLarge', 'request body too large', 413);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * The request target as a URL, or null when it is not one (an absolute-form target such as
 * `http://[x`): `new URL` throws there, and a throw inside a request listener would hang the client.
 */
export function requestUrl(request: IncomingMessage): URL | null {
  return URL.parse(request.url ?? '/', 'http://localhost');
}

/** A path or path segment without its percent-encoding, or null when that is broken (`%ZZ`, cut UTF-8). */
export function decodePercentEncoding(encoded: string): string | null {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return null;
  }
}

/**
 * A server for the AWS JSON protocol (`X-Amz-Target: <Prefix>.<Operation>`), the one that the real SDK
 * clients of EventBridge, DynamoDB, SQS and others speak. Signatures are not checked.
 */
export function createAwsJsonServer(
  targetPrefix: string,
  operations: Record<string, Operation>,
  /** Serves requests for another target prefix or none, such as other services on the same port. */
  other?: RequestListener,
): Server {
  return createServer(awsJsonListener(targetPrefix, operations, other));
}

/** Answers in the version of the protocol that was asked (SQS speaks 1.0, EventBridge 1.1). */
function contentTypeOf(request: IncomingMessage): string {
  const asked = String(request.headers['content-type'] ?? '');
  return asked.startsWith('application/x-amz-json-') ? asked : 'application/x-amz-json-1.1';
}

/**
 * A JSON body that must be an object, as every AWS JSON-protocol request and answer is: null when it
 * is not JSON or not an object (`null`, a list, a number). An empty body is `{}`.
 */
export function parseJsonObject(body: Buffer): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8') || '{}');
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** AWS answers a body that is not a JSON object with a SerializationException, never a 500. */
async function parseInput(request: IncomingMessage): Promise<Record<string, unknown>> {
  const input = parseJsonObject(await readBody(request));
  if (!input) throw new AwsServiceError('SerializationException', 'request body is not a valid JSON object');
  return input;
}

/** The request listener of `createAwsJsonServer`, to share a port with other services. */
export function awsJsonListener(
  targetPrefix: string,
  operations: Record<string, Operation>,
  other?: RequestListener,
): RequestListener {
  return async (request, response) => {
    const target = String(request.headers['x-amz-target'] ?? '');
    const [prefix, name = ''] = target.split('.');
    if (other && prefix !== targetPrefix) return other(request, response);
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': contentTypeOf(request) });
      response.end(JSON.stringify(body));
    };
    try {
      const operation = prefix === targetPrefix ? operations[name] : undefined;
      if (!operation) throw new AwsServiceError('UnknownOperationException', `unknown operation ${target}`);
      send(200, (await operation(await parseInput(request), request)) ?? {});
    } catch (error) {
      if (error instanceof AwsServiceError)
        send(error.status, { __type: error.type, message: error.message });
      else send(500, { __type: 'InternalException', message: (error as Error).message });
    }
  };
}

export function listen(server: Server, port: number, host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
