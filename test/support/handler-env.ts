import { inject } from 'vitest';
import { VARIABLES } from '#shared/contracts/environment.ts';
import { createPartyTable } from './dynamo.ts';
import { startConnectionsRecorder, startEventRecorder } from './recording-servers.ts';

/**
 * Points the handlers' real SDK clients at DynamoDB Local, an EventBridge recorder and an
 * `@connections` recorder, the way the Lambda environment does on AWS.
 */
export async function handlerEnvironment() {
  const tableName = await createPartyTable();
  const bus = await startEventRecorder();
  const sockets = await startConnectionsRecorder();
  Object.assign(process.env, {
    [VARIABLES.TABLE_NAME]: tableName,
    [VARIABLES.EVENT_BUS_NAME]: 'party-planner-test',
    AWS_ENDPOINT_URL_DYNAMODB: inject('dynamoEndpoint'),
    AWS_ENDPOINT_URL_EVENTBRIDGE: bus.endpoint,
    [VARIABLES.WEBSOCKET_MANAGEMENT_ENDPOINT]: sockets.endpoint,
  });
  return {
    tableName,
    bus,
    sockets,
    stop: async () => {
      await bus.stop();
      await sockets.stop();
    },
  };
}
