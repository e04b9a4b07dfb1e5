// One set of SDK clients per Lambda container, built on first use so that a test (or the local
// cloud) can set the environment first. Handlers take what they need from here; what only the
// WebSocket side uses is in realtime.ts and the bus in publisher.ts, so that a bundle imports only
// the SDK clients it uses.

import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '#shared/adapters/dynamodb/document-client.ts';
import { PartyQuota } from '#shared/adapters/dynamodb/party-quota.ts';
import { PartyStore } from '#shared/adapters/dynamodb/party-store.ts';
import { readVariable } from './environment.ts';
import { countThrottles, recordMetric } from './observability.ts';

let documentClient: DynamoDBDocumentClient | undefined;
let store: PartyStore | undefined;

export function sharedDocumentClient(): DynamoDBDocumentClient {
  documentClient ??= countThrottles(createDocumentClient(), 'dynamodb');
  return documentClient;
}

export function partyStore(): PartyStore {
  store ??= new PartyStore(sharedDocumentClient(), readVariable('TABLE_NAME'), {
    onConflict: ({ exhausted }) =>
      recordMetric(exhausted ? 'VersionConflictsExhausted' : 'VersionConflicts', {}),
  });
  return store;
}

let quota: PartyQuota | undefined;

/** `PARTY_CHANGES_PER_MINUTE` bounds how fast one party can change. */
export function partyQuota(): PartyQuota {
  quota ??= new PartyQuota(
    sharedDocumentClient(),
    readVariable('TABLE_NAME'),
    readVariable('PARTY_CHANGES_PER_MINUTE'),
  );
  return quota;
}
