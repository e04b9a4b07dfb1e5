import type { EventOfType } from '#shared/contracts/events.ts';
import type { PartyInput } from '#shared/contracts/party.ts';
import { type Cause, createEvent, idFrom } from '#shared/domain/event-factory.ts';

/**
 * The event of an input as stored. Its id comes from the input's, so announcing it again (a client
 * retrying after a lost publish) repeats the same event, which the broadcaster logs once.
 */
export function inputAddedEvent(
  partyId: string,
  input: PartyInput,
  inputsVersion: number,
  cause: Cause,
): EventOfType<'party.input.added'> {
  return createEvent('party.input.added', partyId, { ...input, inputs_version: inputsVersion }, cause, {
    newId: () => idFrom(`${partyId}:${input.input_id}:added:${input.added_at}`),
  });
}

/** The event of a removal, with an id that a retried removal repeats (see `removed_inputs`). */
export function inputRemovedEvent(
  partyId: string,
  inputId: string,
  inputsVersion: number,
  cause: Cause,
): EventOfType<'party.input.removed'> {
  return createEvent(
    'party.input.removed',
    partyId,
    { input_id: inputId, removed_by: 'user', reason: 'user_action', inputs_version: inputsVersion },
    cause,
    { newId: () => idFrom(`${partyId}:${inputId}:removed:${inputsVersion}`) },
  );
}
