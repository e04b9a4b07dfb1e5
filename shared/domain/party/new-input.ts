// Its own module, so that the routes that only remove or read inputs do not bundle the understanding.
import type { NewInput } from '#shared/contracts/http.ts';
import type { PartyInput } from '#shared/contracts/party.ts';
import { understandInput } from '#shared/domain/understanding/index.ts';
import { newInputId } from './ids.ts';

/** An input as stored: understood once, here, as it enters the system. */
export function toPartyInput(submitted: NewInput, now: string, addedBy = submitted.added_by): PartyInput {
  return {
    input_id: submitted.input_id ?? newInputId(),
    content: submitted.content,
    source_type: submitted.source_type,
    tags: submitted.tags,
    added_by: addedBy,
    added_at: now,
    understood: understandInput(submitted.content, now),
  };
}
