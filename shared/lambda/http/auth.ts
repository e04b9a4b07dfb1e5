import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { PartyStore } from '#shared/adapters/dynamodb/party-store.ts';
import { tokenMatches } from '#shared/domain/party/access.ts';
import { PartyNotFoundError } from '#shared/domain/party/errors.ts';
import { HttpError } from './errors.ts';

const BEARER = /^Bearer\s+([A-Za-z0-9_-]{16,128})$/i;

/** Every route but `start` needs the party's own token: 401 without one, 403 with another party's. */
export async function requirePartyAccess(
  event: APIGatewayProxyEventV2,
  partyId: string,
  store: PartyStore,
): Promise<void> {
  const header = event.headers?.authorization;
  if (!header) throw new HttpError(401, 'unauthorized', 'missing Authorization: Bearer <party token>');
  const token = BEARER.exec(header)?.[1];
  if (!token)
    throw new HttpError(
      401,
      'unauthorized',
      'Authorization must be "Bearer <party token>", the token POST /start returned: 16 to 128 letters, digits, "-" or "_"',
    );
  const expected = await store.getTokenHash(partyId);
  if (!expected) throw new PartyNotFoundError(partyId);
  if (!tokenMatches(token, expected)) {
    throw new HttpError(403, 'forbidden', `this token does not grant access to party ${partyId}`, {
      party_id: partyId,
    });
  }
}
