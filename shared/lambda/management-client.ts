// The management API's client, apart from the other clients so that only the functions that post
// to sockets bundle its SDK.
import { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';
import { managementEndpoint } from './management-endpoint.ts';
import { countThrottles } from './observability.ts';

let management: ApiGatewayManagementApiClient | undefined;

/** One per container, for the functions that post to sockets. */
export function managementClient(): ApiGatewayManagementApiClient {
  management ??= countThrottles(
    new ApiGatewayManagementApiClient({ endpoint: managementEndpoint(process.env) }),
    'apigateway',
  );
  return management;
}
