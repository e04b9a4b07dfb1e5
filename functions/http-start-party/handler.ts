import { StartPartyRequest } from '#shared/contracts/http.ts';
import { hashPartyToken, newPartyToken } from '#shared/domain/party/access.ts';
import { newPartyId } from '#shared/domain/party/ids.ts';
import { inputAddedEvent } from '#shared/domain/party/inputs.ts';
import { toPartyInput } from '#shared/domain/party/new-input.ts';
import { partyStore } from '#shared/lambda/container.ts';
import { httpHandler, requestCause } from '#shared/lambda/http/handler.ts';
import { parseJsonBody } from '#shared/lambda/http/request.ts';
import { json } from '#shared/lambda/http/responses.ts';
import { traceWith } from '#shared/lambda/observability.ts';
import { eventPublisher } from '#shared/lambda/publisher.ts';

export const handler = httpHandler('http-start-party', async (event) => {
  const request = parseJsonBody(event, StartPartyRequest);
  const now = new Date();
  const partyId = request.party_id ?? newPartyId(now);
  traceWith({ party_id: partyId });
  const inputs = request.initial_inputs.map((input) =>
    toPartyInput(input, now.toISOString(), request.user_id),
  );
  const token = newPartyToken();
  const state = await partyStore().createParty(partyId, inputs, hashPartyToken(token));
  const cause = requestCause(event);
  await eventPublisher().publish(
    inputs.map((input) => inputAddedEvent(partyId, input, state.inputs_version, cause)),
  );
  return json(201, {
    success: true,
    party_id: partyId,
    /** Shown once: only its hash is stored. */
    token,
    message: 'Party created successfully',
    input_ids: inputs.map((input) => input.input_id),
    version: state.version,
  });
});
