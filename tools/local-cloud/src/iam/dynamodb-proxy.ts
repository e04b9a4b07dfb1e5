import { Agent, type IncomingMessage, request, type ServerResponse } from 'node:http';
import { parseJsonObject, readBody } from '../aws-json-server.ts';
import { type DynamoProxy, serveDynamoProxy } from '../dynamodb/proxy-server.ts';
import { answerDynamoError } from '../dynamodb/throttle-proxy.ts';
import { LOCAL_CREDENTIALS } from '../hosted-functions.ts';
import type { Authorize } from './access.ts';
import { dynamoAccessRequests, type HashKeyOf } from './dynamodb-actions.ts';

export type DynamoIamProxy = DynamoProxy;

/**
 * DynamoDB Local keeps one database per access key id; the functions' own keys would each see an
 * empty one. Once authorized, a call goes on under the one key the tables were created with.
 */
function upstreamHeaders(incoming: IncomingMessage): string[] {
  const headers = [...incoming.rawHeaders];
  for (let index = 0; index < headers.length; index += 2) {
    if (headers[index]?.toLowerCase() !== 'authorization') continue;
    headers[index + 1] = (headers[index + 1] ?? '').replace(
      /Credential=[^/,\s]+\//,
      `Credential=${LOCAL_CREDENTIALS.AWS_ACCESS_KEY_ID}/`,
    );
  }
  return headers;
}

/**
 * Sits between the functions and DynamoDB (Local, or the throttling proxy in front of it) and
 * answers a call that the caller's role does not allow with DynamoDB's AccessDeniedException, as
 * AWS checks IAM before anything else; an allowed call is forwarded unchanged but for its key.
 */
export async function startDynamoIamProxy(
  upstreamEndpoint: string,
  authorize: Authorize,
  hashKeyOf: HashKeyOf,
): Promise<DynamoIamProxy> {
  const upstream = new URL(upstreamEndpoint);
  const agent = new Agent({ keepAlive: true });
  const forward = (incoming: IncomingMessage, body: Buffer, response: ServerResponse) => {
    const options = {
      agent,
      host: upstream.hostname,
      port: upstream.port,
      method: incoming.method,
      path: incoming.url,
    };
    const outgoing = request({ ...options, headers: upstreamHeaders(incoming) }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.rawHeaders);
      answer.pipe(response);
    });
    outgoing.on('error', () => response.destroy());
    outgoing.end(body);
  };
  const authorizeThenForward = async (incoming: IncomingMessage, response: ServerResponse) => {
    const body = await readBody(incoming);
    const target = String(incoming.headers['x-amz-target'] ?? '');
    const operation = target.slice(target.indexOf('.') + 1);
    // DynamoDB Local answers a body it cannot read with its own SerializationException.
    const input = parseJsonObject(body) ?? {};
    const requests = operation ? dynamoAccessRequests(operation, input, hashKeyOf) : [];
    const denial = authorize(incoming.headers.authorization, requests);
    if (!denial) return forward(incoming, body, response);
    // The `__type` and `Message` of AWS's own answer; the SDK names the error after the part behind `#`.
    answerDynamoError(response, {
      __type: 'com.amazon.coral.service#AccessDeniedException',
      Message: denial.message,
    });
  };
  return serveDynamoProxy(authorizeThenForward, agent);
}
