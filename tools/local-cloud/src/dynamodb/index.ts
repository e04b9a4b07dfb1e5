export { itemBytes } from './item-size.ts';
export { type DynamoDbLocal, type DynamoDbLocalOptions, startDynamoDbLocal } from './local.ts';
export { type DynamoThrottleProxy, startDynamoThrottleProxy } from './throttle-proxy.ts';
