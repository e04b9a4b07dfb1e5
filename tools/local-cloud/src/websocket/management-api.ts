import type { IncomingMessage, ServerResponse } from 'node:http';
import { decodePercentEncoding, requestUrl } from '../aws-json-server.ts';
import type { Authorize } from '../iam/access.ts';
import type { GatewayConnection } from './connection.ts';
import { GATEWAY_CLOSES } from './connection.ts';
import { awsStyleId } from './ids.ts';

export interface ManagementApiOptions {
  readonly stage: string;
  readonly maxMessageBytes: number;
  /** The connection with this id, if it is open. */
  readonly find: (connectionId: string) => GatewayConnection | undefined;
  /** `arn:aws:execute-api:<region>:<account>:<api id>/<stage>`, what IAM policies name. */
  readonly stageArn: string;
  /** IAM for the callers' roles: `execute-api:ManageConnections` on `<stageArn>/<METHOD>/@connections/<id>`. */
  readonly authorize?: Authorize;
}

type Body = { readonly bytes: Buffer } | { readonly tooLarge: true };

/** Drains the whole body so the client sees our answer, but keeps at most `max` bytes of it. */
async function readBody(request: IncomingMessage, max: number): Promise<Body> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size <= max) chunks.push(chunk as Buffer);
  }
  return size > max ? { tooLarge: true } : { bytes: Buffer.concat(chunks) };
}

function answer(response: ServerResponse, status: number, body?: unknown, errorType?: string): void {
  const headers: Record<string, string> = { 'x-amzn-RequestId': awsStyleId() };
  if (errorType) headers['x-amzn-ErrorType'] = errorType;
  if (body === undefined) {
    response.writeHead(status, headers).end();
    return;
  }
  const text = JSON.stringify(body);
  headers['content-type'] = 'application/json';
  response.writeHead(status, headers).end(text);
}

type Path = { readonly segments: string[] } | { readonly problem: string };

/** The decoded segments of the request's path, or what keeps it from having any. */
function pathOf(request: IncomingMessage): Path {
  const url = requestUrl(request);
  if (!url) return { problem: 'Invalid request target: not a URL' };
  const segments: string[] = [];
  for (const raw of url.pathname.split('/').filter(Boolean)) {
    const segment = decodePercentEncoding(raw);
    if (segment === null) return { problem: `Invalid path segment ${raw}: not valid percent-encoding` };
    segments.push(segment);
  }
  return { segments };
}

const gone = (response: ServerResponse) => answer(response, 410, { message: null }, 'GoneException');

/**
 * The `@connections` part of a WebSocket stage. The SDK appends `/@connections/{id}` to its
 * endpoint, so both `/<stage>/@connections/{id}` (endpoint = AWS callback URL) and
 * `/@connections/{id}` (endpoint = bare host) are accepted. Signatures are not checked; with
 * `authorize`, the caller's IAM policies are.
 */
export function managementApi(options: ManagementApiOptions) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const path = pathOf(request);
    if ('problem' in path) {
      request.resume();
      return answer(response, 400, { message: path.problem }, 'BadRequestException');
    }
    const { segments } = path;
    if (segments[0] === options.stage) segments.shift();
    const [collection, connectionId, ...rest] = segments;
    if (collection !== '@connections' || !connectionId || rest.length > 0) {
      request.resume();
      return answer(response, 403, { message: 'Forbidden' }, 'ForbiddenException');
    }
    const denial = options.authorize?.(request.headers.authorization, [
      {
        action: 'execute-api:ManageConnections',
        resource: `${options.stageArn}/${request.method}/@connections/${connectionId}`,
      },
    ]);
    if (denial) {
      request.resume();
      return answer(response, 403, { Message: denial.message }, 'AccessDeniedException');
    }
    if (request.method === 'POST') {
      const body = await readBody(request, options.maxMessageBytes);
      if ('tooLarge' in body) {
        return answer(
          response,
          413,
          { message: `Message exceeds the ${options.maxMessageBytes} bytes limit` },
          'PayloadTooLargeException',
        );
      }
      return options.find(connectionId)?.send(body.bytes.toString('utf8'))
        ? answer(response, 200)
        : gone(response);
    }
    request.resume();
    const connection = options.find(connectionId);
    if (request.method === 'GET') {
      if (!connection) return gone(response);
      return answer(response, 200, {
        connectedAt: new Date(connection.facts.connectedAt).toISOString(),
        identity: { sourceIp: connection.facts.sourceIp, userAgent: connection.facts.userAgent },
        lastActiveAt: new Date(connection.lastActiveAt).toISOString(),
      });
    }
    if (request.method === 'DELETE') {
      if (!connection) return gone(response);
      connection.close(GATEWAY_CLOSES.deleted);
      return answer(response, 204);
    }
    return answer(response, 403, { message: 'Forbidden' }, 'ForbiddenException');
  };
}
