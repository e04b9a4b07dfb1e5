import { connectionStore } from '#shared/runtime/realtime.ts';
import { websocketRoute } from '#shared/runtime/websocket-route.ts';

export const handler = websocketRoute('ws-disconnect', async (event) => {
  await connectionStore().remove(event.requestContext.connectionId);
  return { statusCode: 200 };
});
