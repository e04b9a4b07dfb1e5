// The WebSocket side's per-container clients: apart from container.ts so that only the functions
// that talk to sockets import the management API's SDK client and the message log.
import type { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';
import { ConnectionStore } from '#shared/store/connection-store.ts';
import { MessageLog } from '#shared/store/message-log.ts';
import { requireEnv } from './aws-clients.ts';
import { sharedDocumentClient } from './container.ts';
import { createManagementClient } from './socket-sender.ts';

let connections: ConnectionStore | undefined;
let management: ApiGatewayManagementApiClient | undefined;

export function connectionStore(): ConnectionStore {
  connections ??= new ConnectionStore(sharedDocumentClient(), requireEnv('TABLE_NAME'));
  return connections;
}

export function managementClient(): ApiGatewayManagementApiClient {
  management ??= createManagementClient();
  return management;
}

let messages: MessageLog | undefined;

export function messageLog(): MessageLog {
  messages ??= new MessageLog(sharedDocumentClient(), requireEnv('TABLE_NAME'));
  return messages;
}
