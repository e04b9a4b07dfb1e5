import { AddInputRequest } from '#shared/contracts/http.ts';
import { inputAddedEvent } from '#shared/domain/party/inputs.ts';
import { toPartyInput } from '#shared/domain/party/new-input.ts';
import { checkInputLimits } from '#shared/domain/party/transitions.ts';
import { partyStore } from '#shared/lambda/container.ts';
import { requirePartyAccess } from '#shared/lambda/http/auth.ts';
import { httpHandler, requestCause } from '#shared/lambda/http/handler.ts';
import { changeWithinQuota } from '#shared/lambda/http/quota.ts';
import { parseJsonBody } from '#shared/lambda/http/request.ts';
import { json } from '#shared/lambda/http/responses.ts';
import { recordMetric, traceWith } from '#shared/lambda/observability.ts';
import { eventPublisher } from '#shared/lambda/publisher.ts';

export const handler = httpHandler('http-add-input', async (event) => {
  const { party_id: partyId, ...submitted } = parseJsonBody(event, AddInputRequest);
  traceWith({ party_id: partyId });
  await requirePartyAccess(event, partyId, partyStore());
  const input = toPartyInput(submitted, new Date().toISOString());
  // An input over its own limits (length, tags) is a bad request: refused before it costs any quota.
  checkInputLimits(input);
  const { state, changed } = await changeWithinQuota(partyId, () => partyStore().addInput(partyId, input));
  // Published even when the input was already there: a client retrying after a lost publish repairs it.
  // The stored input (not this request's copy) gives the event its id, so the repeat is the same event.
  const stored = state.inputs.find((candidate) => candidate.input_id === input.input_id) ?? input;
  await eventPublisher().publish([
    inputAddedEvent(partyId, stored, state.inputs_version, requestCause(event)),
  ]);
  if (changed) recordMetric('InputsAdded', {});
  return json(202, {
    success: true,
    input_id: input.input_id,
    message: 'Input added successfully',
    version: state.version,
  });
});
