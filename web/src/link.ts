/** The party's id and token live in the URL fragment: it is never sent to a server or written to its logs. */
export interface PartyLink {
  readonly partyId: string;
  readonly token: string;
}

export function readPartyLink(hash: string): PartyLink | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const partyId = params.get('party');
  const token = params.get('token');
  return partyId && token ? { partyId, token } : null;
}

export function partyLinkHash(link: PartyLink): string {
  return `#${new URLSearchParams({ party: link.partyId, token: link.token }).toString()}`;
}
