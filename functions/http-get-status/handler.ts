import { PartyPath } from '#shared/contracts/http.ts';
import { partyStore } from '#shared/lambda/container.ts';
import { requirePartyAccess } from '#shared/lambda/http/auth.ts';
import { httpHandler } from '#shared/lambda/http/handler.ts';
import { parseWith } from '#shared/lambda/http/request.ts';
import { json } from '#shared/lambda/http/responses.ts';
import { traceWith } from '#shared/lambda/observability.ts';
import { messageLog } from '#shared/lambda/realtime.ts';

export const handler = httpHandler('http-get-status', async (event) => {
  const { party_id: partyId } = parseWith(PartyPath, event.pathParameters ?? {}, 'path');
  traceWith({ party_id: partyId });
  await requirePartyAccess(event, partyId, partyStore());
  // The log first: every message up to last_seq came from a change the state read after it holds.
  const lastSeq = await messageLog().lastSeq(partyId);
  const party = await partyStore().requireParty(partyId, true);
  return json(200, { success: true, party, last_seq: lastSeq, message: null });
});
