import { crc32 } from 'node:zlib';
import {
  DynamoDBClient,
  GetItemCommand,
  ProvisionedThroughputExceededException,
  ThrottlingException,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type DynamoThrottleProxy, startDynamoThrottleProxy } from '../src/dynamodb/throttle-proxy.ts';
import type { DynamoThrottle } from '../src/faults.ts';
import { createTestTable, LOCAL_CREDENTIALS, testDynamoClient } from './support/dynamo.ts';

let proxy: DynamoThrottleProxy;
let tableName: string;
/** What the proxy does with the next requests, in turn; forwards once they run out. */
const script: (DynamoThrottle | null)[] = [];
const throttled: string[] = [];

beforeAll(async () => {
  tableName = await createTestTable();
  proxy = await startDynamoThrottleProxy({
    upstream: inject('dynamoEndpoint'),
    throttle: () => script.shift() ?? null,
    onThrottle: (operation) => throttled.push(operation),
  });
});
afterAll(() => proxy?.stop());

function proxiedClient(maxAttempts = 3): DynamoDBClient {
  return new DynamoDBClient({
    endpoint: proxy.endpoint,
    region: 'us-east-1',
    credentials: LOCAL_CREDENTIALS,
    maxAttempts,
  });
}

const getItem = () => new GetItemCommand({ TableName: tableName, Key: { pk: { S: 'p' }, sk: { S: 's' } } });

describe('DynamoDB throttle proxy', () => {
  it('answers with the typed throttling exceptions of the real SDK client, which retries them', async () => {
    script.push('ProvisionedThroughputExceededException', 'ThrottlingException');
    throttled.length = 0;
    const client = proxiedClient();
    const answer = await client.send(getItem());
    expect(answer.$metadata.attempts).toBe(3);
    expect(answer.$metadata.httpStatusCode).toBe(200);
    expect(throttled).toEqual(['GetItem', 'GetItem']);

    script.push('ProvisionedThroughputExceededException');
    const first = await proxiedClient(1)
      .send(getItem())
      .catch((error: unknown) => error);
    expect(first).toBeInstanceOf(ProvisionedThroughputExceededException);
    expect(first).toMatchObject({
      $fault: 'client',
      $metadata: { httpStatusCode: 400, attempts: 1 },
      message: expect.stringContaining('provisioned throughput for the table was exceeded'),
    });
    script.push('ThrottlingException');
    const second = await proxiedClient(1)
      .send(getItem())
      .catch((error: unknown) => error);
    expect(second).toBeInstanceOf(ThrottlingException);
    client.destroy();
  });

  it('answers in the exact JSON 1.0 shape, CRC32 and request id included', async () => {
    script.push('ThrottlingException');
    const response = await fetch(proxy.endpoint, {
      method: 'POST',
      headers: { 'x-amz-target': 'DynamoDB_20120810.Query', 'content-type': 'application/x-amz-json-1.0' },
      body: '{}',
    });
    const body = await response.text();
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/x-amz-json-1.0');
    expect(response.headers.get('x-amzn-requestid')).toMatch(/^[A-Z0-9]{52}$/);
    expect(response.headers.get('x-amz-crc32')).toBe(String(crc32(Buffer.from(body))));
    expect(JSON.parse(body)).toEqual({
      __type: 'com.amazon.coral.availability#ThrottlingException',
      message: 'Rate of requests exceeds the allowed throughput.',
    });
  });

  it('forwards everything else byte for byte, both ways', async () => {
    const request = {
      method: 'POST',
      headers: {
        'x-amz-target': 'DynamoDB_20120810.DescribeTable',
        'content-type': 'application/x-amz-json-1.0',
        authorization:
          'AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
      },
      body: JSON.stringify({ TableName: tableName }),
    };
    const [direct, proxied] = await Promise.all([
      fetch(inject('dynamoEndpoint'), request),
      fetch(proxy.endpoint, request),
    ]);
    expect(proxied.status).toBe(direct.status);
    expect(proxied.headers.get('content-type')).toBe(direct.headers.get('content-type'));
    expect(Buffer.from(await proxied.arrayBuffer())).toEqual(Buffer.from(await direct.arrayBuffer()));

    // And the SDK works through it as it does directly.
    const [viaProxy, viaLocal] = await Promise.all([
      proxiedClient().send(getItem()),
      testDynamoClient().send(getItem()),
    ]);
    expect(viaProxy.Item).toEqual(viaLocal.Item);
  });
});
