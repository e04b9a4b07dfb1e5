import { describe, expect, it } from 'vitest';
import { managementEndpoint } from '#shared/lambda/management-endpoint.ts';

describe('the broadcaster finds @connections', () => {
  const deployed = 'https://abc123def4.execute-api.us-east-1.amazonaws.com/live';

  it('on AWS: the stage URL the stack passes', () => {
    expect(managementEndpoint({ WEBSOCKET_MANAGEMENT_ENDPOINT: deployed })).toBe(deployed);
  });

  it("in the local cloud: the gateway's own URL, which it passes instead", () => {
    const local = 'http://127.0.0.1:4001';
    expect(
      managementEndpoint({ WEBSOCKET_MANAGEMENT_ENDPOINT: local, AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' }),
    ).toBe(local);
  });

  it("on LocalStack: the same API and stage on LocalStack's gateway host", () => {
    expect(
      managementEndpoint({
        WEBSOCKET_MANAGEMENT_ENDPOINT: deployed,
        AWS_ENDPOINT_URL: 'http://localhost.localstack.cloud:4566',
      }),
    ).toBe('http://abc123def4.execute-api.localhost.localstack.cloud:4566/live');
  });

  it('without an endpoint the function cannot start, and says which variable is missing', () => {
    expect(() => managementEndpoint({ AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' })).toThrow(
      'environment variable WEBSOCKET_MANAGEMENT_ENDPOINT is not set',
    );
  });
});
