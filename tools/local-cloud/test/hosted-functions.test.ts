import { expect, it } from 'vitest';
import { hostedFunctions } from '../src/hosted-functions.ts';
import { LocalQueues } from '../src/sqs/queues.ts';
import type { LocalFunction, StackModel } from '../src/template/stack-model.ts';

const fn: LocalFunction = {
  logicalId: 'WorkerFn',
  name: 'worker',
  assetDir: '/nowhere',
  layerAssetDirs: [],
  handler: 'index.handler',
  environment: { QUEUE_URL: { Ref: 'FailedQueue' }, QUEUE_ARN: { 'Fn::GetAtt': ['FailedQueue', 'Arn'] } },
  timeoutSeconds: 3,
  memoryMb: 128,
  activeTracing: false,
  asyncRetries: 2,
  maxEventAgeSeconds: 21_600,
  onFailureQueue: null,
};
const model: StackModel = {
  functions: new Map([[fn.logicalId, fn]]),
  buses: [],
  rules: [],
  archives: [],
  queues: [{ logicalId: 'FailedQueue', name: 'stack-failed' }],
  httpApis: [],
  webSocketApis: [],
};

it("resolves a function's environment that names a queue to the queue as this cloud serves it", () => {
  const queues = new LocalQueues(model.queues);
  queues.servedAt('http://127.0.0.1:4002');
  const hosted = hostedFunctions({
    model,
    tableNames: {},
    busNames: new Map(),
    queues: queues.all(),
    endpoints: { dynamodb: 'http://d', eventbridge: 'http://e', management: '' },
    taskDir: () => '/task',
  });
  expect(hosted.get('WorkerFn')?.environment).toMatchObject({
    QUEUE_URL: 'http://127.0.0.1:4002/000000000000/stack-failed',
    QUEUE_ARN: 'arn:aws:sqs:us-east-1:000000000000:stack-failed',
  });
});
