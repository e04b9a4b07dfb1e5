// One set of SDK clients per Lambda container, built on first use so that a test (or the local
// cloud) can set the environment first. Handlers take what they need from here.

import type { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConnectionStore } from '#shared/store/connection-store.ts';
import { MessageLog } from '#shared/store/message-log.ts';
import { PartyQuota } from '#shared/store/party-quota.ts';
import { PartyStore } from '#shared/store/party-store.ts';
import { createDocumentClient, createEventBridgeClient, requireEnv } from './aws-clients.ts';
import { EventPublisher } from './event-publisher.ts';
import { createManagementClient } from './socket-sender.ts';

let documentClient: DynamoDBDocumentClient | undefined;
let store: PartyStore | undefined;
let publisher: EventPublisher | undefined;

export function sharedDocumentClient(): DynamoDBDocumentClient {
  documentClient ??= createDocumentClient();
  return documentClient;
}

export function partyStore(): PartyStore {
  store ??= new PartyStore(sharedDocumentClient(), requireEnv('TABLE_NAME'));
  return store;
}

export function eventPublisher(): EventPublisher {
  publisher ??= new EventPublisher(createEventBridgeClient(), requireEnv('EVENT_BUS_NAME'));
  return publisher;
}

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

let quota: PartyQuota | undefined;

/** `PARTY_CHANGES_PER_MINUTE` (default 60) bounds how fast one party can change. */
export function partyQuota(): PartyQuota {
  quota ??= new PartyQuota(
    sharedDocumentClient(),
    requireEnv('TABLE_NAME'),
    Number(process.env.PARTY_CHANGES_PER_MINUTE ?? 60),
  );
  return quota;
}
