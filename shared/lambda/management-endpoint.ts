import { VARIABLES } from '#shared/contracts/environment.ts';
import { parseVariable } from './environment.ts';

const DEPLOYED_HOST = /^([a-z0-9]+)\.execute-api\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/;

/**
 * Where the broadcaster reaches the WebSocket API's `@connections`. The stack passes the stage's
 * https URL, which is right on AWS and in the local cloud (which passes its own). Under LocalStack,
 * whose Lambdas get `AWS_ENDPOINT_URL`, the same API id and stage are served by LocalStack's gateway
 * host instead.
 */
export function managementEndpoint(environment: Readonly<Record<string, string | undefined>>): string {
  const configured = parseVariable(VARIABLES.WEBSOCKET_MANAGEMENT_ENDPOINT, environment);
  // Set by LocalStack and by nothing of this stack: the SDK's own variable, read by the SDK too.
  const edge = environment.AWS_ENDPOINT_URL;
  if (!edge) return configured;
  const url = new URL(configured);
  const apiId = DEPLOYED_HOST.exec(url.hostname)?.[1];
  if (!apiId) return configured;
  const edgeUrl = new URL(edge);
  return `${edgeUrl.protocol}//${apiId}.execute-api.localhost.localstack.cloud:${edgeUrl.port || '4566'}${url.pathname}`;
}
