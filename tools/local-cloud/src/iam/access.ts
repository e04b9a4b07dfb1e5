/** One permission that a call needs: an action on a resource ARN (or `*`). */
export interface AccessRequest {
  readonly action: string;
  readonly resource: string;
  /**
   * The call's own condition keys (lower case), beside the caller's: a key's values, or null when
   * the call has the key but the local cloud cannot tell its values (a statement on it never allows).
   */
  readonly context?: ReadonlyMap<string, readonly string[] | null>;
}

/**
 * What a service asks before it serves a call: given the call's SigV4 `Authorization` header and
 * what the call needs, the denial AWS would answer with, or null to serve it.
 */
export type Authorize = (
  authorization: string | undefined,
  requests: readonly AccessRequest[],
) => { readonly message: string } | null;
