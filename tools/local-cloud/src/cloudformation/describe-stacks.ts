import { randomUUID } from 'node:crypto';
import type { RequestListener, ServerResponse } from 'node:http';
import { readBody } from '../aws-json-server.ts';
import { ACCOUNT, REGION } from '../eventbridge/endpoint.ts';

export interface LocalStack {
  readonly name: string;
  readonly createdAt: Date;
  /** The template's outputs as this cloud resolves them, once its endpoints are known. */
  outputs(): Readonly<Record<string, string>>;
}

const NAMESPACE = 'http://cloudformation.amazonaws.com/doc/2010-05-15/';

const escapeXml = (value: string) => value.replace(/[<>&'"]/g, (char) => `&#${char.charCodeAt(0)};`);

function sendXml(response: ServerResponse, status: number, xml: string): void {
  response.writeHead(status, { 'content-type': 'text/xml' });
  response.end(`<?xml version="1.0" encoding="UTF-8"?>\n${xml}`);
}

/** The stack's id, which DescribeStacks takes as `StackName` as well as the name. */
const stackId = (stack: LocalStack) =>
  `arn:aws:cloudformation:${REGION}:${ACCOUNT}:stack/${stack.name}/local`;

function stackXml(stack: LocalStack): string {
  const outputs = Object.entries(stack.outputs())
    .map(
      ([key, value]) =>
        `<member><OutputKey>${escapeXml(key)}</OutputKey><OutputValue>${escapeXml(value)}</OutputValue></member>`,
    )
    .join('');
  return (
    `<member><StackId>${escapeXml(stackId(stack))}</StackId><StackName>${escapeXml(stack.name)}</StackName>` +
    `<CreationTime>${stack.createdAt.toISOString()}</CreationTime><StackStatus>CREATE_COMPLETE</StackStatus>` +
    `<Outputs>${outputs}</Outputs></member>`
  );
}

/**
 * CloudFormation's `DescribeStacks` (query protocol, XML answers) for the one stack this cloud runs,
 * so that a tool finds the stack's outputs (queue URLs, bus name) here as it would on AWS. Requests
 * that are not form posts go to `other`.
 */
export function describeStacksListener(stack: LocalStack, other: RequestListener): RequestListener {
  return async (request, response) => {
    const form = String(request.headers['content-type'] ?? '').startsWith(
      'application/x-www-form-urlencoded',
    );
    if (request.method !== 'POST' || !form) return other(request, response);
    // A request whose body never arrives (the caller hung up) loses its socket; a throw here would
    // be an unhandled rejection that takes the whole cloud down.
    const body = await readBody(request).catch(() => null);
    if (!body) return void response.destroy();
    const params = new URLSearchParams(body.toString('utf8'));
    const requestId = `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata>`;
    const error = (code: string, message: string) =>
      sendXml(
        response,
        400,
        `<ErrorResponse xmlns="${NAMESPACE}"><Error><Type>Sender</Type><Code>${code}</Code>` +
          `<Message>${escapeXml(message)}</Message></Error>${requestId}</ErrorResponse>`,
      );
    if (params.get('Action') !== 'DescribeStacks') {
      return error(
        'InvalidAction',
        `the local cloud serves DescribeStacks only, not ${params.get('Action')}`,
      );
    }
    const asked = params.get('StackName');
    if (asked && asked !== stack.name && asked !== stackId(stack))
      return error('ValidationError', `Stack with id ${asked} does not exist`);
    sendXml(
      response,
      200,
      `<DescribeStacksResponse xmlns="${NAMESPACE}"><DescribeStacksResult><Stacks>${stackXml(stack)}` +
        `</Stacks></DescribeStacksResult>${requestId}</DescribeStacksResponse>`,
    );
  };
}
