import { PartyPath } from '#shared/http/api-schemas.ts';
import { requirePartyAccess } from '#shared/http/auth.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { parseWith } from '#shared/http/request.ts';
import { json } from '#shared/http/responses.ts';
import { partyStore } from '#shared/runtime/container.ts';
import { traceWith } from '#shared/runtime/observability.ts';
import { messageLog } from '#shared/runtime/realtime.ts';

export const handler = httpHandler('http-get-status', async (event) => {
  const { party_id: partyId } = parseWith(PartyPath, event.pathParameters ?? {}, 'path');
  traceWith({ party_id: partyId });
  await requirePartyAccess(event, partyId, partyStore());
  // The log first: every message up to last_seq came from a change the state read after it holds.
  const lastSeq = await messageLog().lastSeq(partyId);
  const party = await partyStore().requireParty(partyId, true);
  return json(200, { success: true, party, last_seq: lastSeq, message: null });
});
