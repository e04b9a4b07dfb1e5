import { type EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { BusEntry, EntryResult } from '#shared/use-cases/redrive.ts';

/** PutEvents takes at most ten entries per call. */
export const MAX_ENTRIES_PER_PUT = 10;

/**
 * Puts up to ten entries on the bus and returns EventBridge's answer for each, in order: a call can
 * succeed while single entries fail, and the caller must act on each one's own result.
 */
export async function putEntries(
  eventBridge: EventBridgeClient,
  entries: readonly BusEntry[],
): Promise<EntryResult[]> {
  const { Entries = [] } = await eventBridge.send(new PutEventsCommand({ Entries: [...entries] }));
  return Entries;
}
