import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { PartyId } from '#shared/contracts/primitives.ts';
import { tokenMatches } from '#shared/domain/party/access.ts';
import { partyStore } from '#shared/lambda/container.ts';
import { instrumented, logger, traceWith } from '#shared/lambda/observability.ts';

function policy(effect: 'Allow' | 'Deny', resource: string, partyId: string): APIGatewayAuthorizerResult {
  return {
    principalId: partyId || 'anonymous',
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }],
    },
    context: { party_id: partyId },
  };
}

/**
 * Lets a socket in only with its party's token (`?party_id=...&token=...`); the party id then rides
 * along in the authorizer context to every route of that connection.
 */
export const handler = instrumented('ws-authorizer', async (event: APIGatewayRequestAuthorizerEvent) => {
  const parsed = PartyId.safeParse(event.queryStringParameters?.party_id);
  const token = event.queryStringParameters?.token ?? '';
  if (!parsed.success || !token) return policy('Deny', event.methodArn, '');
  traceWith({ party_id: parsed.data });
  const expected = await partyStore().getTokenHash(parsed.data);
  const allowed = expected !== null && tokenMatches(token, expected);
  if (!allowed) logger.info('connection refused', { reason: expected ? 'wrong token' : 'unknown party' });
  return policy(allowed ? 'Allow' : 'Deny', event.methodArn, parsed.data);
});
