import * as z from 'zod/mini';
import { PartyState } from '#shared/contracts/party.ts';
import { InputId, NonNegativeInt, PartyId } from '#shared/contracts/primitives.ts';

// The success bodies of the HTTP routes (functions/http-*/handler.ts). Parsing them on the client turns
// a server change into one clear error here instead of `undefined` deep inside the page.

export const StartPartyResponse = z.object({
  success: z.literal(true),
  party_id: PartyId,
  token: z.string(),
  message: z.string(),
  input_ids: z.array(InputId),
  version: NonNegativeInt,
});
export type StartPartyResponse = z.infer<typeof StartPartyResponse>;

export const AddInputResponse = z.object({
  success: z.literal(true),
  input_id: InputId,
  message: z.string(),
  version: NonNegativeInt,
});
export type AddInputResponse = z.infer<typeof AddInputResponse>;

export const RemoveInputResponse = z.object({
  success: z.literal(true),
  message: z.string(),
  version: NonNegativeInt,
});
export type RemoveInputResponse = z.infer<typeof RemoveInputResponse>;

export const StatusResponse = z.object({
  success: z.literal(true),
  party: PartyState,
  last_seq: NonNegativeInt,
  message: z.nullable(z.string()),
});
export type StatusResponse = z.infer<typeof StatusResponse>;
