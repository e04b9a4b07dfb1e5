// `npm run history -- --party P [--json] [--local | --endpoint URL]`: a party's events in order, its
// state as it stands and how far back that reaches, for support (see README, Operations).
import { STACK_ID } from '#lib/party-planner-app.ts';
import { notFoundSentence } from '#shared/use-cases/history/history.ts';
import { connectHistory, printHistory } from './history-run.ts';
import { failed, localEndpoint, onClosedStdout, parseOptions, quietNodeWarning } from './operator.ts';

const USAGE = `Usage: npm run history -- --party P [options]
  --party P               the party whose history to print
  --json                  one JSON object per line (events, then the state, then the reach), for tools
  --stack NAME            the stack whose outputs name the table (default ${STACK_ID})
  --local                 the local cloud of \`npm start\` (DescribeStacks on its EventBridge port,
                          PARTY_PLANNER_EVENTBRIDGE_PORT or 4002; DynamoDB on PARTY_PLANNER_DYNAMODB_PORT or 4003)
  --endpoint URL          another endpoint serving CloudFormation and DynamoDB
  --dynamodb-endpoint URL DynamoDB apart from --endpoint's CloudFormation
Without --local or --endpoint it uses AWS with the SDK's usual credentials and region (AWS_PROFILE, AWS_REGION).`;

const { values } = parseOptions(
  {
    options: {
      party: { type: 'string' },
      json: { type: 'boolean', default: false },
      stack: { type: 'string', default: STACK_ID },
      local: { type: 'boolean', default: false },
      endpoint: { type: 'string' },
      'dynamodb-endpoint': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  },
  USAGE,
);

if (values.help || !values.party) {
  if (!values.help) console.error('--party is required\n');
  console.log(USAGE);
  process.exit(values.help ? 0 : 2);
}

const endpoint = values.endpoint ?? (values.local ? localEndpoint('eventbridge') : undefined);
const dynamodbEndpoint =
  values['dynamodb-endpoint'] ?? (values.local ? localEndpoint('dynamodb') : undefined);
quietNodeWarning();
onClosedStdout('exit');

try {
  const target = await connectHistory({
    stackName: values.stack,
    ...(endpoint ? { endpoint } : {}),
    ...(dynamodbEndpoint ? { dynamodbEndpoint } : {}),
  });
  if (!(await printHistory(target, values.party, values.json))) {
    console.error(notFoundSentence(values.party));
    process.exit(1);
  }
} catch (error) {
  failed('history', error, values.local);
}
