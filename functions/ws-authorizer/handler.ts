import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { partyStore } from '#shared/runtime/container.ts';
import { instrumented, logger, traceWith } from '#shared/runtime/observability.ts';
import { PartyId } from '#shared/schemas/primitives.ts';

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

/** Lets a socket in only for a party that exists; the party id then rides along in the authorizer context. */
export const handler = instrumented('ws-authorizer', async (event: APIGatewayRequestAuthorizerEvent) => {
  const parsed = PartyId.safeParse(event.queryStringParameters?.party_id);
  if (!parsed.success) return policy('Deny', event.methodArn, '');
  traceWith({ party_id: parsed.data });
  const party = await partyStore().getParty(parsed.data);
  if (!party) logger.info('connection refused: unknown party');
  return policy(party ? 'Allow' : 'Deny', event.methodArn, parsed.data);
});
