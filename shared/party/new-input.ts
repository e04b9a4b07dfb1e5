// Its own module, so that the routes that only remove or read inputs do not bundle the understanding.
import type { NewInput } from '#shared/http/api-schemas.ts';
import { understandInput } from '#shared/pipeline/understanding/index.ts';
import type { PartyInput } from '#shared/schemas/party.ts';
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
