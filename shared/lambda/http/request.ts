import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type * as z from 'zod/mini';
import { describeIssues, issuesText } from '#shared/contracts/zod.ts';
import { HttpError } from './errors.ts';

/** Far above any valid request (50 inputs of 1,000 characters), far below API Gateway's 10 MB. */
export const MAX_BODY_BYTES = 64 * 1024;

export function parseJsonBody<S extends z.ZodMiniType>(event: APIGatewayProxyEventV2, schema: S): z.infer<S> {
  const raw = event.body ?? '';
  const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  const bytes = Buffer.byteLength(text);
  if (bytes > MAX_BODY_BYTES) {
    throw new HttpError(
      413,
      'payload_too_large',
      `request body is ${bytes} bytes, over the limit of ${MAX_BODY_BYTES}`,
      {
        max: MAX_BODY_BYTES,
        actual: bytes,
      },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new HttpError(400, 'bad_request', `request body is not valid JSON: ${(error as Error).message}`);
  }
  return parseWith(schema, json, 'request body');
}

export function parseWith<S extends z.ZodMiniType>(schema: S, value: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = describeIssues(result.error);
  throw new HttpError(400, 'bad_request', `${what} is invalid: ${issuesText(issues)}`, issues);
}
