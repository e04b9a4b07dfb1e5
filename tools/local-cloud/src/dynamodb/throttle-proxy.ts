import { randomBytes } from 'node:crypto';
import { Agent, type IncomingMessage, request, type ServerResponse } from 'node:http';
import { crc32 } from 'node:zlib';
import type { DynamoThrottle } from '../faults.ts';
import { type DynamoProxy, serveDynamoProxy } from './proxy-server.ts';

export interface DynamoThrottleProxyOptions {
  /** DynamoDB Local's endpoint, e.g. `http://127.0.0.1:4003`. */
  readonly upstream: string;
  /** Whether to throttle this request, and with which error; null forwards it. */
  readonly throttle: () => DynamoThrottle | null;
  /** Told the operation (`GetItem`, ...) of each throttled request. */
  readonly onThrottle?: (operation: string) => void;
  /** 0 picks a free port. */
  readonly port?: number;
}

export type DynamoThrottleProxy = DynamoProxy;

// AWS's own wording and `__type` namespaces, so the SDK builds the same typed exceptions as on AWS.
const THROTTLE_BODIES: Record<DynamoThrottle, { __type: string; message: string }> = {
  ProvisionedThroughputExceededException: {
    __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException',
    message:
      'The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.',
  },
  ThrottlingException: {
    __type: 'com.amazon.coral.availability#ThrottlingException',
    message: 'Rate of requests exceeds the allowed throughput.',
  },
};

/** DynamoDB's request ids are 52 upper-case letters and digits. */
function requestId(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  return [...randomBytes(52)].map((byte) => alphabet[byte % alphabet.length]).join('');
}

/** An error exactly as DynamoDB sends it over JSON 1.0: HTTP 400, `__type` and message, a CRC32. */
export function answerDynamoError(response: ServerResponse, error: Record<string, string>): void {
  const body = Buffer.from(JSON.stringify(error));
  response.writeHead(400, {
    'x-amzn-requestid': requestId(),
    'x-amz-crc32': String(crc32(body)),
    'content-type': 'application/x-amz-json-1.0',
    'content-length': body.length,
    date: new Date().toUTCString(),
  });
  response.end(body);
}

/**
 * Sits between the functions and DynamoDB Local and answers a share of their requests with
 * DynamoDB's throttling errors; everything else is forwarded byte for byte, both ways.
 */
export async function startDynamoThrottleProxy(
  options: DynamoThrottleProxyOptions,
): Promise<DynamoThrottleProxy> {
  const upstream = new URL(options.upstream);
  const agent = new Agent({ keepAlive: true });
  const forward = (incoming: IncomingMessage, response: ServerResponse) => {
    const outgoing = request(
      {
        agent,
        host: upstream.hostname,
        port: upstream.port,
        method: incoming.method,
        path: incoming.url,
        headers: incoming.rawHeaders,
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.rawHeaders);
        answer.pipe(response);
      },
    );
    outgoing.on('error', () => response.destroy());
    incoming.pipe(outgoing);
  };
  const answer = (incoming: IncomingMessage, response: ServerResponse) => {
    const throttle = options.throttle();
    if (!throttle) return forward(incoming, response);
    // The body is not needed, but it must be read before the answer for the socket to stay reusable.
    incoming.resume();
    incoming.on('end', () => {
      const target = String(incoming.headers['x-amz-target'] ?? '');
      options.onThrottle?.(target.slice(target.indexOf('.') + 1));
      answerDynamoError(response, THROTTLE_BODIES[throttle]);
    });
  };
  return serveDynamoProxy(answer, agent, options.port);
}
