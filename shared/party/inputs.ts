import type { EventOfType } from '#shared/events/catalog.ts';
import { type Cause, createEvent } from '#shared/events/factory.ts';
import type { NewInput } from '#shared/http/api-schemas.ts';
import type { PartyInput } from '#shared/schemas/party.ts';
import { newInputId } from './ids.ts';

export function toPartyInput(submitted: NewInput, now: string, addedBy = submitted.added_by): PartyInput {
  return {
    input_id: submitted.input_id ?? newInputId(),
    content: submitted.content,
    source_type: submitted.source_type,
    tags: submitted.tags,
    added_by: addedBy,
    added_at: now,
  };
}

export function inputAddedEvent(
  partyId: string,
  input: PartyInput,
  inputsVersion: number,
  cause: Cause,
): EventOfType<'party.input.added'> {
  return createEvent('party.input.added', partyId, { ...input, inputs_version: inputsVersion }, cause);
}
