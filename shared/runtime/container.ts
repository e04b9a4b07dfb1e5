// One set of SDK clients per Lambda container, built on first use so that a test (or the local
// cloud) can set the environment first. Handlers take what they need from here; what only the
// WebSocket side uses is in realtime.ts and the bus in publisher.ts, so that a bundle imports only
// the SDK clients it uses.

import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { PartyQuota } from '#shared/store/party-quota.ts';
import { PartyStore } from '#shared/store/party-store.ts';
import { createDocumentClient, requireEnv } from './aws-clients.ts';

let documentClient: DynamoDBDocumentClient | undefined;
let store: PartyStore | undefined;

export function sharedDocumentClient(): DynamoDBDocumentClient {
  documentClient ??= createDocumentClient();
  return documentClient;
}

export function partyStore(): PartyStore {
  store ??= new PartyStore(sharedDocumentClient(), requireEnv('TABLE_NAME'));
  return store;
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
