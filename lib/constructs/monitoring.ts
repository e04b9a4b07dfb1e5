import { ArnFormat, Stack } from 'aws-cdk-lib';
import type * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { DefaultDashboardFactory, MonitoringFacade, SnsAlarmActionStrategy } from 'cdk-monitoring-constructs';
import { Construct } from 'constructs';
import { metricNamespace } from '#shared/contracts/metrics.ts';
import type { EventRouting } from './event-routing.ts';
import type { FailureQueues } from './failure-queues.ts';
import type { PartyHttpApi } from './http-api.ts';
import { AppMetrics } from './monitoring/app-metrics.ts';
import {
  monitorFailureQueues,
  monitorFunctions,
  monitorHttpApi,
  monitorRules,
  monitorTable,
  monitorWebSocketApi,
} from './monitoring/resources.ts';
import { monitorPipeline, monitorUserStory } from './monitoring/user-story.ts';
import type { PartyFunctions } from './party-functions.ts';
import type { PartyTable } from './party-table.ts';
import type { PartyWebSocketApi } from './websocket-api.ts';

export interface MonitoringProps {
  readonly functions: PartyFunctions;
  readonly failureQueues: FailureQueues;
  readonly httpApi: PartyHttpApi;
  readonly webSocketApi: PartyWebSocketApi;
  readonly table: PartyTable;
  readonly bus: events.IEventBus;
  readonly routing: EventRouting;
  /** Who gets the alarms by email (`-c alarmEmail=...`); without it the topic has no subscriber yet. */
  readonly alarmEmail: string | undefined;
}

/**
 * The operator's view (cdk-monitoring-constructs): one dashboard, from what users feel at the top
 * down to each resource, and the alarms, all notifying one SNS topic.
 */
export class Monitoring extends Construct {
  readonly alarmTopic: sns.Topic;
  readonly facade: MonitoringFacade;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const { stackName } = Stack.of(this);
    this.alarmTopic = new sns.Topic(this, 'AlarmTopic', {
      displayName: `party-planner ${stackName} alarms`,
      enforceSSL: true,
    });
    this.allowAlarmsToPublish();
    if (props.alarmEmail) this.alarmTopic.addSubscription(new EmailSubscription(props.alarmEmail));

    this.facade = new MonitoringFacade(this, 'Facade', {
      metricFactoryDefaults: { namespace: metricNamespace(stackName) },
      alarmFactoryDefaults: {
        alarmNamePrefix: stackName,
        actionsEnabled: true,
        // The all-clear too: the person paged learns when it is over, and a queue alarm that stays in
        // ALARM while old letters wait is seen to end once they are redriven.
        action: new SnsAlarmActionStrategy({ onAlarmTopic: this.alarmTopic, onOkTopic: this.alarmTopic }),
      },
      dashboardFactory: new DefaultDashboardFactory(this, 'Dashboards', {
        dashboardNamePrefix: `party-planner-${stackName}`,
        createDashboard: true,
        createSummaryDashboard: false,
        createAlarmDashboard: false,
      }),
    });
    const metrics = new AppMetrics(metricNamespace(stackName));
    monitorUserStory(this.facade, metrics);
    monitorPipeline(this.facade, metrics);
    monitorFunctions(this.facade, props.functions);
    monitorFailureQueues(this.facade, props.failureQueues);
    monitorHttpApi(this.facade, props.httpApi.api, props.httpApi.stage.stageName);
    monitorWebSocketApi(this.facade, props.webSocketApi.stage);
    monitorTable(this.facade, props.table);
    monitorRules(this.facade, props.bus, props.routing);
  }

  /**
   * A topic policy replaces SNS's default one, so the TLS rule alone would leave no one allowed to
   * publish: CloudWatch is named, for this account's alarms only.
   */
  private allowAlarmsToPublish(): void {
    const stack = Stack.of(this);
    this.alarmTopic.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.alarmTopic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: {
            'aws:SourceArn': stack.formatArn({
              service: 'cloudwatch',
              resource: 'alarm',
              resourceName: '*',
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          },
        },
      }),
    );
  }
}
