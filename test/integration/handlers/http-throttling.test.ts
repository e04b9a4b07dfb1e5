import { ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { type DynamoThrottleProxy, startDynamoThrottleProxy } from '@party-planner/local-cloud/dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { handler as addInput } from '#functions/http-add-input/handler.ts';
import { handler as startParty } from '#functions/http-start-party/handler.ts';
import { PartyStore } from '#shared/adapters/dynamodb/party-store.ts';
import { VersionConflictError } from '#shared/domain/party/errors.ts';
import { HttpError, toHttpError } from '#shared/lambda/http/errors.ts';
import { errorResponse } from '#shared/lambda/http/responses.ts';
import { testDocumentClient } from '#test/support/dynamo.ts';
import { handlerEnvironment } from '#test/support/handler-env.ts';
import { httpEvent, lambdaContext } from '#test/support/lambda.ts';

let env: Awaited<ReturnType<typeof handlerEnvironment>>;
let proxy: DynamoThrottleProxy;
let throttling = false;

beforeAll(async () => {
  env = await handlerEnvironment();
  proxy = await startDynamoThrottleProxy({
    upstream: inject('dynamoEndpoint'),
    throttle: () => (throttling ? 'ProvisionedThroughputExceededException' : null),
  });
  process.env.AWS_ENDPOINT_URL_DYNAMODB = proxy.endpoint;
});
afterAll(async () => {
  await proxy?.stop();
  await env?.stop();
});

describe('a busy party store', () => {
  it('maps a throttled store to 503 unavailable with Retry-After; any error that says when gets the header', () => {
    const throttled = new ProvisionedThroughputExceededException({ message: 'exceeded', $metadata: {} });
    const mapped = toHttpError(throttled);
    if (!mapped) throw new Error('a throttling error was not mapped');
    const response = errorResponse(mapped);
    expect(response.statusCode).toBe(503);
    expect(response.headers?.['retry-after']).toBe('1');
    expect(JSON.parse(response.body ?? '')).toEqual({
      error: { code: 'unavailable', message: expect.any(String), details: { retry_after_seconds: 1 } },
    });
    expect(toHttpError(new Error('something else'))).toBeNull();
    // The quota's 429 says when in its details, so it gets the header too, rounded up to whole seconds.
    const quota = errorResponse(
      new HttpError(429, 'rate_limited', 'slow down', { retry_after_seconds: 12.3 }),
    );
    expect(quota.headers?.['retry-after']).toBe('13');
  });

  it('maps writes that kept losing the race for the party to 503 too: the client can only retry', () => {
    const mapped = toHttpError(new VersionConflictError('fp2026AAAAAAAAAAAAAAAA', 12));
    expect(mapped).toMatchObject({
      status: 503,
      code: 'unavailable',
      details: { party_id: 'fp2026AAAAAAAAAAAAAAAA', retry_after_seconds: 1 },
    });
  });

  it("answers a request whose DynamoDB calls stay throttled past the SDK's retries with 503, writing nothing", async () => {
    const context = lambdaContext();
    const started = JSON.parse(
      (await startParty(httpEvent('POST', '/api/v1/event-driven/start', { body: {} }), context)).body ?? '',
    ) as { party_id: string; token: string };
    const add = () =>
      addInput(
        httpEvent('POST', '/api/v1/event-driven/input', {
          body: { party_id: started.party_id, content: 'budget $1500' },
          headers: { authorization: `Bearer ${started.token}` },
        }),
        context,
      );
    env.bus.clear();
    throttling = true;
    const refused = await add();
    throttling = false;
    expect(refused.statusCode).toBe(503);
    expect(refused.headers?.['retry-after']).toBe('1');
    expect(JSON.parse(refused.body ?? '')).toMatchObject({ error: { code: 'unavailable' } });
    expect(env.bus.entries).toEqual([]);
    const store = new PartyStore(testDocumentClient(), env.tableName);
    expect((await store.getParty(started.party_id))?.inputs).toEqual([]);

    // What a client does with it: retry, and it goes through.
    expect((await add()).statusCode).toBe(202);
  });
});
