const DEPLOYED_HOST = /^([a-z0-9]+)\.execute-api\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/;

/**
 * Where the broadcaster reaches the WebSocket API's `@connections`. The stack passes the stage's
 * https URL, which is right on AWS and in the local cloud (which passes its own). Under LocalStack,
 * whose Lambdas get `AWS_ENDPOINT_URL`, the same API id and stage are served by LocalStack's gateway
 * host instead.
 */
export function managementEndpoint(environment: NodeJS.ProcessEnv): string | undefined {
  const configured = environment.WEBSOCKET_MANAGEMENT_ENDPOINT;
  const edge = environment.AWS_ENDPOINT_URL;
  if (!configured || !edge) return configured;
  const url = new URL(configured);
  const apiId = DEPLOYED_HOST.exec(url.hostname)?.[1];
  if (!apiId) return configured;
  const edgeUrl = new URL(edge);
  return `${edgeUrl.protocol}//${apiId}.execute-api.localhost.localstack.cloud:${edgeUrl.port || '4566'}${url.pathname}`;
}
