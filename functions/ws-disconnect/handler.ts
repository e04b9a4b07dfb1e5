import { connectionStore } from '#shared/runtime/container.ts';
import { websocketRoute } from '#shared/runtime/websocket-route.ts';

export const handler = websocketRoute('ws-disconnect', async (event) => {
  await connectionStore().remove(event.requestContext.connectionId);
  return { statusCode: 200 };
});
