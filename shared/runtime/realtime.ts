// The WebSocket side's per-container stores: apart from container.ts so that only the functions
// that need them carry the message log and the connection store (the management API's client is
// in socket-sender.ts, for the functions that post to sockets).
import { ConnectionStore } from '#shared/store/connection-store.ts';
import { MessageLog } from '#shared/store/message-log.ts';
import { requireEnv } from './aws-clients.ts';
import { sharedDocumentClient } from './container.ts';

let connections: ConnectionStore | undefined;

export function connectionStore(): ConnectionStore {
  connections ??= new ConnectionStore(sharedDocumentClient(), requireEnv('TABLE_NAME'));
  return connections;
}

let messages: MessageLog | undefined;

export function messageLog(): MessageLog {
  messages ??= new MessageLog(sharedDocumentClient(), requireEnv('TABLE_NAME'));
  return messages;
}
