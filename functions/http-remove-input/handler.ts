import { RemoveInputRequest } from '#shared/contracts/http.ts';
import { inputRemovedEvent } from '#shared/domain/party/inputs.ts';
import { partyStore } from '#shared/lambda/container.ts';
import { requirePartyAccess } from '#shared/lambda/http/auth.ts';
import { httpHandler, requestCause } from '#shared/lambda/http/handler.ts';
import { changeWithinQuota } from '#shared/lambda/http/quota.ts';
import { parseWith } from '#shared/lambda/http/request.ts';
import { json } from '#shared/lambda/http/responses.ts';
import { recordMetric, traceWith } from '#shared/lambda/observability.ts';
import { eventPublisher } from '#shared/lambda/publisher.ts';

/** DELETE carries no body: the input comes from the path and its party from `?party_id=`. */
export const handler = httpHandler('http-remove-input', async (event) => {
  const { party_id: partyId, input_id: inputId } = parseWith(
    RemoveInputRequest,
    { party_id: event.queryStringParameters?.party_id, input_id: event.pathParameters?.input_id },
    'request',
  );
  traceWith({ party_id: partyId });
  await requirePartyAccess(event, partyId, partyStore());
  const { state, changed } = await changeWithinQuota(partyId, () =>
    partyStore().removeInput(partyId, inputId),
  );
  // Announced again on a retry: the first attempt may have stopped between the write and the publish.
  const removedAt = state.removed_inputs?.[inputId] ?? state.inputs_version;
  await eventPublisher().publish([inputRemovedEvent(partyId, inputId, removedAt, requestCause(event))]);
  if (changed) recordMetric('InputsRemoved', {});
  return json(202, { success: true, message: 'Input removed successfully', version: state.version });
});
