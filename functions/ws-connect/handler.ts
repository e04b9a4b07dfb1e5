import { setTimeout as sleep } from 'node:timers/promises';
import { PARTY_INDEX_LAG_MS } from '#shared/adapters/dynamodb/connection-store.ts';
import { connectionStore } from '#shared/lambda/realtime.ts';
import { websocketRoute } from '#shared/lambda/websocket-route.ts';

export const handler = websocketRoute('ws-connect', async (event) => {
  const partyId = event.requestContext.authorizer?.party_id;
  if (!partyId) return { statusCode: 403, body: 'no party in authorizer context' };
  await connectionStore().add({
    connection_id: event.requestContext.connectionId,
    party_id: partyId,
    connected_at: new Date(event.requestContext.requestTimeEpoch).toISOString(),
  });
  // The broadcaster finds a party's sockets through the by_party index, which lags the table. Until
  // this returns, API Gateway keeps the socket closed, so nothing can be broadcast to it that the
  // broadcaster's query (made after numbering the message) could still miss; a message numbered
  // before the socket opened reaches the client by the resume it sends on open.
  await sleep(PARTY_INDEX_LAG_MS);
  return { statusCode: 200 };
});
