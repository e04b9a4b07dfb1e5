import { randomBytes } from 'node:crypto';

/** Party ids keep the original's look (`fp` + year + uppercase hex) with enough randomness to be unguessable. */
export function newPartyId(now: Date = new Date()): string {
  return `fp${now.getUTCFullYear()}${randomBytes(8).toString('hex').toUpperCase()}`;
}

export function newInputId(): string {
  return `inp_${randomBytes(8).toString('hex')}`;
}

export function newExecutionId(): string {
  return `exec_${randomBytes(8).toString('hex')}`;
}
