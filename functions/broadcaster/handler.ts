import { PartyEvent } from '#shared/events/catalog.ts';
import type { PartyMessage } from '#shared/messages/catalog.ts';
import { DeliveryFailedError, deliverToAll, postMessage } from '#shared/messages/delivery.ts';
import { isBroadcast, toMessage } from '#shared/messages/from-event.ts';
import { fitPartyMessage } from '#shared/messages/oversize.ts';
import { partyStore } from '#shared/runtime/container.ts';
import { eventConsumer } from '#shared/runtime/event-consumer.ts';
import { logger } from '#shared/runtime/observability.ts';
import { connectionStore, messageLog } from '#shared/runtime/realtime.ts';
import { managementClient } from '#shared/runtime/socket-sender.ts';

/**
 * A plan that a newer one has replaced would only take the browser back; clients also keep the
 * highest plan_version, for the moment between this read and the numbering.
 */
async function superseded(event: PartyEvent): Promise<boolean> {
  if (event.type !== 'party.plan.updated') return false;
  return (event.payload.plan_version ?? 0) < (await partyStore().planVersion(event.party_id));
}

/**
 * Numbers each party event as the party's next message, then posts it to the party's sockets while
 * it is logged. A redelivered event is posted again under its first seq, which also repairs a crash
 * between numbering and logging or posting.
 */
export const handler = eventConsumer('broadcaster', PartyEvent, async (event) => {
  if (!isBroadcast(event)) return;
  const connections = connectionStore();
  const [dropped, targets] = await Promise.all([superseded(event), connections.ofParty(event.party_id)]);
  if (dropped) {
    logger.info('superseded plan not broadcast');
    return;
  }
  const numbered = (seq: number): PartyMessage => {
    const message = toMessage(event, seq);
    if (!message) throw new TypeError(`${event.type} has no browser message`);
    return message;
  };
  const logged = await messageLog().append(event.party_id, event.event_id, numbered, (message) => {
    const fitted = fitPartyMessage(message);
    return deliverToAll(
      targets.map((target) => target.connection_id),
      (connectionId) => postMessage(managementClient(), connectionId, fitted),
    );
  });
  const deliveries = logged.alongside ?? [];
  await Promise.all(
    deliveries
      .filter((delivery) => delivery.outcome === 'gone')
      .map((delivery) => connections.remove(delivery.connection_id)),
  );
  const failures = deliveries.flatMap((delivery) => (delivery.outcome === 'failed' ? [delivery] : []));
  logger.info('broadcast', {
    seq: logged.message.seq,
    type: logged.message.type,
    duplicate: logged.duplicate,
    sent: deliveries.filter((delivery) => delivery.outcome === 'sent').length,
    gone: deliveries.filter((delivery) => delivery.outcome === 'gone').length,
    failed: failures.length,
  });
  if (failures.length > 0) throw new DeliveryFailedError(event.party_id, logged.message.seq, failures);
});
