// The WebSocket side's per-container stores: apart from container.ts so that only the functions
// that need them carry the message log and the connection store (the management API's client is
// in management-client.ts, for the functions that post to sockets).
import { ConnectionStore } from '#shared/adapters/dynamodb/connection-store.ts';
import { MessageLog } from '#shared/adapters/dynamodb/message-log.ts';
import { sharedDocumentClient } from './container.ts';
import { readVariable } from './environment.ts';

let connections: ConnectionStore | undefined;

export function connectionStore(): ConnectionStore {
  connections ??= new ConnectionStore(sharedDocumentClient(), readVariable('TABLE_NAME'));
  return connections;
}

let messages: MessageLog | undefined;

export function messageLog(): MessageLog {
  messages ??= new MessageLog(sharedDocumentClient(), readVariable('TABLE_NAME'));
  return messages;
}
