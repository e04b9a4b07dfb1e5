import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { EVENT_BUS_OUTPUT, FAILURE_QUEUE_OUTPUTS, TABLE_OUTPUT } from '#shared/contracts/stack-outputs.ts';
import { ApiGatewayLoggingRole } from './constructs/api-gateway-logging-role.ts';
import { EventRouting } from './constructs/event-routing.ts';
import { FailureQueues } from './constructs/failure-queues.ts';
import { PartyHttpApi } from './constructs/http-api.ts';
import { Monitoring } from './constructs/monitoring.ts';
import { PartyEventBus } from './constructs/party-event-bus.ts';
import { PartyFunctions } from './constructs/party-functions.ts';
import { PartyTable } from './constructs/party-table.ts';
import { WebHosting } from './constructs/web-hosting.ts';
import { PartyWebSocketApi } from './constructs/websocket-api.ts';
import { acknowledgeNagFindings } from './nag-suppressions.ts';
import { readSettings } from './settings.ts';

export interface PartyPlannerStackProps extends StackProps {
  /** Where the page build is when `-c web=true`; tests point it at a temporary folder. */
  readonly webDistDir?: string;
}

/**
 * The whole backend: HTTP commands put events on the bus, rules fan them out to the analyzer, the
 * agents, budget and planner, and the broadcaster pushes every party event to connected browsers.
 */
export class PartyPlannerStack extends Stack {
  constructor(scope: Construct, id: string, props?: PartyPlannerStackProps) {
    super(scope, id, props);
    const { removalPolicy, webOrigins, apiGatewayCloudWatchRole, webSocketAccessLogs, web, alarmEmail } =
      readSettings(this.node);

    const table = new PartyTable(this, 'Table', { removalPolicy });
    const { bus } = new PartyEventBus(this, 'Events');
    const failureQueues = new FailureQueues(this, 'FailureQueues', { removalPolicy });
    const functions = new PartyFunctions(this, 'Functions', {
      table,
      bus,
      failedInvocations: failureQueues.failedInvocations,
      removalPolicy,
    });
    const routing = new EventRouting(this, 'Routing', {
      bus,
      functions,
      deadLetterQueue: failureQueues.undeliveredEvents,
    });

    const site = web ? new WebHosting(this, 'Web', { distDir: props?.webDistDir, removalPolicy }) : undefined;
    const httpApi = new PartyHttpApi(this, 'HttpApi', {
      functions,
      allowOrigins: corsOrigins(site, webOrigins),
      removalPolicy,
    });
    const loggingRole = apiGatewayCloudWatchRole
      ? new ApiGatewayLoggingRole(this, 'ApiGatewayLogging')
      : undefined;
    const webSocketApi = new PartyWebSocketApi(this, 'WebSocketApi', {
      functions,
      removalPolicy,
      accessLogs: webSocketAccessLogs,
      loggingRole: loggingRole?.account,
    });
    functions.connectToClients(webSocketApi.stage);
    const monitoring = new Monitoring(this, 'Monitoring', {
      functions,
      failureQueues,
      httpApi,
      webSocketApi,
      table,
      bus,
      routing,
      alarmEmail,
    });

    new CfnOutput(this, 'HttpApiUrl', { value: httpApi.url });
    new CfnOutput(this, 'WebSocketUrl', { value: webSocketApi.url });
    new CfnOutput(this, 'WebSocketManagementEndpoint', { value: webSocketApi.managementEndpoint });
    new CfnOutput(this, EVENT_BUS_OUTPUT, { value: bus.eventBusName });
    new CfnOutput(this, TABLE_OUTPUT, { value: table.tableName });
    const { undeliveredEvents, failedInvocations } = failureQueues;
    new CfnOutput(this, FAILURE_QUEUE_OUTPUTS.undelivered, { value: undeliveredEvents.queueUrl });
    new CfnOutput(this, FAILURE_QUEUE_OUTPUTS.failed, { value: failedInvocations.queueUrl });

    const webHosting = site && {
      site,
      deployment: site.publish({ httpUrl: httpApi.url, wsUrl: webSocketApi.url }),
    };
    if (site) new CfnOutput(this, 'WebUrl', { value: site.url });

    acknowledgeNagFindings({
      functions,
      failureQueues,
      httpApi,
      webSocketApi,
      loggingRole,
      webHosting,
      monitoring,
    });
  }
}

/**
 * A hosted page is the API's one browser client, so its origin replaces `*`; origins named in the
 * context (another front end, a custom domain) are allowed too, and only `*` when there is neither.
 */
function corsOrigins(site: WebHosting | undefined, named: readonly string[]): string[] {
  const origins = [...(site ? [site.url] : []), ...named];
  return origins.length > 0 ? origins : ['*'];
}
