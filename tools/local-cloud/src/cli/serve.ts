import { type LocalCloudFaults, NO_FAULTS } from '../faults.ts';
import type { LocalCloud } from '../local-cloud.ts';

/** Failures only, unless `verbose`: a healthy cloud's invocations would bury them. */
export function consoleLog(verbose: boolean): (line: Record<string, unknown>) => void {
  return (line) => {
    if (verbose || line.level === 'error' || line.level === 'warn') console.log(JSON.stringify(line));
  };
}

/** One line per endpoint and the injected faults; then Ctrl-C (or SIGTERM) stops the cloud and exits. */
export function serveUntilStopped(cloud: LocalCloud): void {
  console.log(`HTTP API: ${cloud.endpoints.http}`);
  console.log(`WebSocket API: ${cloud.endpoints.websocket}`);
  console.log(`EventBridge: ${cloud.endpoints.eventbridge}`);
  console.log(`DynamoDB: ${cloud.endpoints.dynamodb}`);
  console.log(`SQS and CloudFormation: ${cloud.endpoints.sqs}`);
  if (cloud.endpoints.web) console.log(`Web: ${cloud.endpoints.web}`);
  const injected = Object.entries(cloud.faults).filter(
    ([key, value]) => value !== NO_FAULTS[key as keyof LocalCloudFaults],
  );
  if (injected.length > 0) console.log(`Faults: ${JSON.stringify(Object.fromEntries(injected))}`);
  console.log('Ctrl-C stops it.');

  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      console.log('\nstopping...');
      cloud.stop().then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(error);
          process.exit(1);
        },
      );
    });
  }
}
