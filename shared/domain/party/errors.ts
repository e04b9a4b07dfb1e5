import type { ErrorCode } from '#shared/contracts/messages.ts';

/** How long a caller of a busy party or store should wait before trying again. */
export const BUSY_RETRY_AFTER_SECONDS = 1;

/** A failure that a caller can act on; `code` maps to an HTTP status and a WebSocket error code. */
export abstract class PartyError extends Error {
  abstract readonly code: ErrorCode;
  readonly details: Record<string, unknown>;

  constructor(message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.details = details;
  }
}

export class PartyNotFoundError extends PartyError {
  override readonly name = 'PartyNotFoundError';
  readonly code = 'not_found';
  constructor(readonly partyId: string) {
    super(`party ${partyId} not found`, { party_id: partyId });
  }
}

export class PartyAlreadyExistsError extends PartyError {
  override readonly name = 'PartyAlreadyExistsError';
  readonly code = 'conflict';
  constructor(readonly partyId: string) {
    super(`party ${partyId} already exists`, { party_id: partyId });
  }
}

export class InputNotFoundError extends PartyError {
  override readonly name = 'InputNotFoundError';
  readonly code = 'not_found';
  constructor(
    readonly partyId: string,
    readonly inputId: string,
  ) {
    super(`input ${inputId} not found in party ${partyId}`, { party_id: partyId, input_id: inputId });
  }
}

export class DuplicateInputError extends PartyError {
  override readonly name = 'DuplicateInputError';
  readonly code = 'conflict';
  constructor(
    readonly partyId: string,
    readonly inputId: string,
  ) {
    super(`input ${inputId} already exists in party ${partyId} with other content`, {
      party_id: partyId,
      input_id: inputId,
    });
  }
}

export type LimitName =
  | 'inputs_per_party'
  | 'input_length'
  | 'tags_per_input'
  | 'tag_length'
  | 'party_item_bytes';

export class LimitExceededError extends PartyError {
  override readonly name = 'LimitExceededError';
  readonly code = 'payload_too_large';
  constructor(
    readonly limit: LimitName,
    readonly max: number,
    readonly actual: number,
  ) {
    super(`${limit.replaceAll('_', ' ')} is ${actual}, over the limit of ${max}`, { limit, max, actual });
  }
}

/**
 * Optimistic locking lost every bounded retry: the party is busy, nothing the caller can resolve but
 * by trying again in a moment.
 */
export class VersionConflictError extends PartyError {
  override readonly name = 'VersionConflictError';
  readonly code = 'unavailable';
  constructor(
    readonly partyId: string,
    readonly attempts: number,
  ) {
    super(`party ${partyId} kept changing; gave up after ${attempts} attempts`, {
      party_id: partyId,
      attempts,
      retry_after_seconds: BUSY_RETRY_AFTER_SECONDS,
    });
  }
}
