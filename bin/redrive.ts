// `npm run redrive -- --queue <undelivered|failed> [--party P] [--dry-run] [--local | --endpoint URL]`:
// shows what a failure queue holds and puts its events back on the bus (see README, Operations).
import { STACK_ID } from '#lib/party-planner-app.ts';
import { FAILURE_QUEUE_OUTPUTS, type FailureQueueName } from '#shared/contracts/stack-outputs.ts';
import { failed, localEndpoint, onClosedStdout, parseOptions, quietNodeWarning } from './operator.ts';
import { connect, redrive } from './redrive-run.ts';

const USAGE = `Usage: npm run redrive -- --queue <undelivered|failed> [options]
  --queue Q        undelivered: events EventBridge could not hand to a function (the rules' dead-letter queue)
                   failed: invocations that failed after Lambda's retries (the functions' on-failure queue)
  --party P        only party P's events; the others stay in the queue
  --dry-run        list what is there, change nothing
  --stack NAME     the stack whose outputs name the queue and the bus (default ${STACK_ID})
  --local          the local cloud of \`npm start\` (its EventBridge port, PARTY_PLANNER_EVENTBRIDGE_PORT or 4002)
  --endpoint URL   another endpoint serving CloudFormation, SQS and EventBridge
Without --local or --endpoint it uses AWS with the SDK's usual credentials and region (AWS_PROFILE, AWS_REGION).`;

const { values } = parseOptions(
  {
    options: {
      queue: { type: 'string' },
      party: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      stack: { type: 'string', default: STACK_ID },
      local: { type: 'boolean', default: false },
      endpoint: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  },
  USAGE,
);

const isQueue = (name: string | undefined): name is FailureQueueName =>
  name !== undefined && Object.hasOwn(FAILURE_QUEUE_OUTPUTS, name);

if (values.help || !isQueue(values.queue)) {
  if (!values.help) console.error(`--queue must be undelivered or failed\n`);
  console.log(USAGE);
  process.exit(values.help ? 0 : 2);
}

const endpoint = values.endpoint ?? (values.local ? localEndpoint('eventbridge') : undefined);
quietNodeWarning();
onClosedStdout('finish');

try {
  const target = await connect({ stackName: values.stack, ...(endpoint ? { endpoint } : {}) }, values.queue);
  const summary = await redrive(target, {
    queue: values.queue,
    dryRun: values['dry-run'],
    ...(values.party ? { partyId: values.party } : {}),
  });
  process.exit(summary.problems > 0 ? 1 : 0);
} catch (error) {
  failed('redrive', error, values.local);
}
