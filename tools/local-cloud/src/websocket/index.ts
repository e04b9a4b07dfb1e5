export { connectEvent, messageEvent } from './events.ts';
export type { ApiFacts, ConnectionFacts } from './types.ts';
