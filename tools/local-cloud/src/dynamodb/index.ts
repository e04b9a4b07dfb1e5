export {
  DEFAULT_CONSISTENCY_WINDOW_MS,
  type DynamoConsistencyProxy,
  startDynamoConsistencyProxy,
} from './consistency-proxy.ts';
export { itemBytes } from './item-size.ts';
export { type DynamoDbLocal, type DynamoDbLocalOptions, startDynamoDbLocal } from './local.ts';
export { type DynamoThrottleProxy, startDynamoThrottleProxy } from './throttle-proxy.ts';
