// The error codes alone, apart from the message schemas, so that what only needs the codes (the
// metrics catalogue, hence every function's bundle) does not carry every schema with them.
export const ERROR_CODES = [
  'bad_request',
  'unknown_action',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'rate_limited',
  'internal',
  'unavailable',
] as const;
