import { postMessage } from '#shared/adapters/socket-sender.ts';
import { PartyEvent } from '#shared/contracts/events.ts';
import type { PartyMessage } from '#shared/contracts/messages.ts';
import { partyStore } from '#shared/lambda/container.ts';
import { eventConsumer } from '#shared/lambda/event-consumer.ts';
import { managementClient } from '#shared/lambda/management-client.ts';
import { logger, recordMetric } from '#shared/lambda/observability.ts';
import { connectionStore, messageLog } from '#shared/lambda/realtime.ts';
import { DeliveryFailedError, deliverToAll, goneForGood } from '#shared/use-cases/broadcast/deliver.ts';
import { isBroadcast, toMessage } from '#shared/use-cases/broadcast/from-event.ts';
import { fitPartyMessage } from '#shared/use-cases/broadcast/oversize.ts';

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
 * between numbering and logging or posting. The sockets are looked up only once the seq is handed
 * out: a socket that opens later resumes from the log, whose last seq then already counts this
 * message, and one open by then has been in the by_party index for a while (ws-connect waits out the
 * index's lag before opening it), so one of the two always reaches it.
 */
export const handler = eventConsumer('broadcaster', PartyEvent, async (event) => {
  if (!isBroadcast(event)) return;
  if (await superseded(event)) {
    logger.info('superseded plan not broadcast');
    return;
  }
  const connections = connectionStore();
  const numbered = (seq: number): PartyMessage => {
    const message = toMessage(event, seq);
    if (!message) throw new TypeError(`${event.type} has no browser message`);
    return message;
  };
  const logged = await messageLog().append(event.party_id, event, numbered, async (message) => {
    const fitted = fitPartyMessage(message);
    if (fitted.type === 'refresh_required') recordMetric('RefreshRequired', {});
    const targets = await connections.ofParty(event.party_id);
    const deliveries = await deliverToAll(
      targets.map((target) => target.connection_id),
      (connectionId) => postMessage(managementClient(), connectionId, fitted),
    );
    return { targets, deliveries };
  });
  const { targets = [], deliveries = [] } = logged.alongside ?? {};
  await Promise.all(goneForGood(deliveries, targets, new Date()).map((id) => connections.remove(id)));
  for (const delivery of deliveries) recordMetric('Deliveries', { Delivery: delivery.outcome });
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
