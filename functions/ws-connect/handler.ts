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
  return { statusCode: 200 };
});
