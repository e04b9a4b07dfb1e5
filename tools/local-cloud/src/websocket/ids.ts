import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Connection, request and message ids on AWS look like `L0SM9cOFvHcCIhw=`. Keeping the `=` means
 * callers that forget to percent-encode an id in a URL fail here as they would on AWS.
 */
export function awsStyleId(): string {
  return `${Array.from(randomBytes(15), (byte) => ALPHABET[byte % ALPHABET.length]).join('')}=`;
}

/** `requestTime` in the Common Log Format that API Gateway uses, e.g. `09/Feb/2024:16:04:17 +0000`. */
export function requestTime(epochMs: number): string {
  const date = new Date(epochMs);
  const two = (value: number) => String(value).padStart(2, '0');
  return (
    `${two(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:` +
    `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} +0000`
  );
}
