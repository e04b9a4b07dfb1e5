import {
  ApiGatewayManagementApiClient,
  GoneException,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { requireEnv } from './aws-clients.ts';
import { managementEndpoint } from './management-endpoint.ts';

export type SendOutcome = 'sent' | 'gone';

export function createManagementClient(
  endpoint = managementEndpoint(process.env) ?? requireEnv('WEBSOCKET_MANAGEMENT_ENDPOINT'),
) {
  return new ApiGatewayManagementApiClient({ endpoint });
}

let management: ApiGatewayManagementApiClient | undefined;

/** One per container, for the functions that post to sockets. */
export function managementClient(): ApiGatewayManagementApiClient {
  management ??= createManagementClient();
  return management;
}

export async function sendToConnection(
  client: ApiGatewayManagementApiClient,
  connectionId: string,
  message: unknown,
): Promise<SendOutcome> {
  try {
    await client.send(
      new PostToConnectionCommand({
        ConnectionId: connectionId,
        Data: new TextEncoder().encode(JSON.stringify(message)),
      }),
    );
    return 'sent';
  } catch (error) {
    // Some gateways answer 410 without naming the error type; the status alone means the same.
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (error instanceof GoneException || status === 410) return 'gone';
    throw error;
  }
}
