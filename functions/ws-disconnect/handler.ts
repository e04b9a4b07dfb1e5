import { connectionStore } from '#shared/lambda/realtime.ts';
import { websocketRoute } from '#shared/lambda/websocket-route.ts';

export const handler = websocketRoute('ws-disconnect', async (event) => {
  await connectionStore().remove(event.requestContext.connectionId);
  return { statusCode: 200 };
});
