/** One permission that a call needs: an action on a resource ARN (or `*`). */
export interface AccessRequest {
  readonly action: string;
  readonly resource: string;
}

/**
 * What a service asks before it serves a call: given the call's SigV4 `Authorization` header and
 * what the call needs, the denial AWS would answer with, or null to serve it.
 */
export type Authorize = (
  authorization: string | undefined,
  requests: readonly AccessRequest[],
) => { readonly message: string } | null;
