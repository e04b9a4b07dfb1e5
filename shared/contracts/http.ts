import * as z from 'zod/mini';
import { InputId, PartyId, SourceType } from './primitives.ts';

/** An input as a client submits it. Unknown fields are rejected so that typos do not pass silently. */
export const NewInput = z.strictObject({
  /** Optional idempotency key: sending the same input twice adds it once. */
  input_id: z.optional(InputId),
  content: z.string().check(z.trim(), z.minLength(1, 'must not be empty')),
  source_type: z._default(SourceType, 'text'),
  tags: z._default(z.array(z.string()), []),
  added_by: z._default(z.string().check(z.maxLength(128)), 'user'),
});
export type NewInput = z.infer<typeof NewInput>;

export const StartPartyRequest = z.strictObject({
  party_id: z.optional(PartyId),
  initial_inputs: z._default(z.array(NewInput), []),
  user_id: z.optional(z.string().check(z.maxLength(128))),
});

export const AddInputRequest = z.strictObject({
  party_id: PartyId,
  ...NewInput.shape,
});

export const RemoveInputRequest = z.strictObject({
  party_id: PartyId,
  input_id: InputId,
});

export const PartyPath = z.object({ party_id: PartyId });
