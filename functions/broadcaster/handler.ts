import { PartyEvent } from '#shared/events/catalog.ts';
import { isBroadcast, toMessage } from '#shared/messages/from-event.ts';
import { connectionStore, managementClient } from '#shared/runtime/container.ts';
import { eventConsumer } from '#shared/runtime/event-consumer.ts';
import { logger } from '#shared/runtime/observability.ts';
import { sendToConnection } from '#shared/runtime/socket-sender.ts';

export const handler = eventConsumer('broadcaster', PartyEvent, async (event) => {
  if (!isBroadcast(event)) return;
  const connections = connectionStore();
  const message = toMessage(event, await connections.nextSeq(event.party_id));
  const targets = await connections.ofParty(event.party_id);
  const outcomes = await Promise.all(
    targets.map(async (target) => {
      const outcome = await sendToConnection(managementClient(), target.connection_id, message);
      if (outcome === 'gone') await connections.remove(target.connection_id);
      return outcome;
    }),
  );
  logger.info('broadcast', {
    seq: message?.seq,
    sent: outcomes.filter((outcome) => outcome === 'sent').length,
  });
});
