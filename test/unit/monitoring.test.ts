import { describe, expect, it } from 'vitest';
import { FUNCTION_IDS } from '#lib/function-specs.ts';
import { EVENT_ROUTES } from '#shared/contracts/event-routes.ts';
import { type CfnResource, lambdaOf, onlyResource, ref, resourcesOfType } from '#test/support/resources.ts';
import { synthesize } from '#test/support/synth.ts';

const { template } = synthesize();
const [topicId] = onlyResource(template, 'AWS::SNS::Topic');
const [tableId] = onlyResource(template, 'AWS::DynamoDB::Table');
const [busId] = onlyResource(template, 'AWS::Events::EventBus');
const [httpApiId] = resourcesOfType(template, 'AWS::ApiGatewayV2::Api').find(
  ([, api]) => api.Properties.ProtocolType === 'HTTP',
) ?? [''];
const alarms = resourcesOfType(template, 'AWS::CloudWatch::Alarm').map(([, alarm]) => alarm);

interface MetricStat {
  readonly Metric: { MetricName: string; Namespace: string; Dimensions: { Name: string; Value: unknown }[] };
  readonly Period: number;
  readonly Stat: string;
}
type AlarmMetric = { Id: string; Expression?: string; MetricStat?: MetricStat; ReturnData?: boolean };

const statsOf = (alarm: CfnResource): MetricStat[] =>
  (alarm.Properties.Metrics as AlarmMetric[]).flatMap((metric) =>
    metric.MetricStat ? [metric.MetricStat] : [],
  );
const dimensionsOf = (stat: MetricStat) =>
  Object.fromEntries(stat.Metric.Dimensions.map(({ Name, Value }) => [Name, Value]));

/** The alarms reading `metricName` in `namespace`, whose metric has these dimensions (and maybe more). */
function alarmsOn(
  namespace: string,
  metricName: string,
  dimensions: Record<string, unknown> = {},
): CfnResource[] {
  return alarms.filter((alarm) =>
    statsOf(alarm).some(
      (stat) =>
        stat.Metric.Namespace === namespace &&
        stat.Metric.MetricName === metricName &&
        Object.entries(dimensions).every(
          ([name, value]) => JSON.stringify(dimensionsOf(stat)[name]) === JSON.stringify(value),
        ),
    ),
  );
}

function onlyAlarmOn(
  namespace: string,
  metricName: string,
  dimensions: Record<string, unknown> = {},
): CfnResource {
  const found = alarmsOn(namespace, metricName, dimensions);
  expect(found, `${namespace} ${metricName} ${JSON.stringify(dimensions)}`).toHaveLength(1);
  return found[0] as CfnResource;
}

interface Expected {
  readonly stat: string;
  readonly threshold: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
}

/** Everything but the metric, which each test checks itself; every alarm is "more than", quiet is fine. */
function expectAlarm(alarm: CfnResource, expected: Expected): void {
  const stats = statsOf(alarm);
  expect(stats.map((stat) => [stat.Stat, stat.Period])).toEqual(stats.map(() => [expected.stat, 300]));
  expect(alarm.Properties).toMatchObject({
    Threshold: expected.threshold,
    ComparisonOperator: 'GreaterThanThreshold',
    EvaluationPeriods: expected.evaluationPeriods,
    DatapointsToAlarm: expected.datapointsToAlarm,
    TreatMissingData: 'notBreaching',
    ActionsEnabled: true,
    AlarmActions: [ref(topicId)],
    OKActions: [ref(topicId)],
  });
  // A description that tells the person paged what happened and what to do next.
  expect(String(alarm.Properties.AlarmDescription).length).toBeGreaterThan(120);
}

const any = { threshold: 0, evaluationPeriods: 1, datapointsToAlarm: 1 } as const;

describe('alarms', () => {
  it('watches both failure queues for any visible message', () => {
    const queues = resourcesOfType(template, 'AWS::SQS::Queue').map(([id]) => id);
    expect(queues).toHaveLength(2);
    for (const queueId of queues) {
      const alarm = onlyAlarmOn('AWS/SQS', 'ApproximateNumberOfMessagesVisible', {
        QueueName: { 'Fn::GetAtt': [queueId, 'QueueName'] },
      });
      expectAlarm(alarm, { ...any, stat: 'Maximum' });
    }
  });

  it.each(FUNCTION_IDS)('alarms on any error and any throttle of %s', (id) => {
    const [functionId] = lambdaOf(template, id);
    for (const metricName of ['Errors', 'Throttles']) {
      const alarm = onlyAlarmOn('AWS/Lambda', metricName, { FunctionName: ref(functionId) });
      expectAlarm(alarm, { ...any, stat: 'Sum' });
      expect(alarm.Properties.AlarmName).toContain(id);
    }
  });

  it('alarms when more than 5% of HTTP requests answer 5xx for ten minutes, judged from 20 requests', () => {
    const api = { ApiId: ref(httpApiId), Stage: '$default' };
    const alarm = onlyAlarmOn('AWS/ApiGateway', '5xx', api);
    expectAlarm(alarm, { stat: 'Sum', threshold: 5, evaluationPeriods: 2, datapointsToAlarm: 2 });
    const metrics = alarm.Properties.Metrics as AlarmMetric[];
    const byId = Object.fromEntries(metrics.map((metric) => [metric.Id, metric]));
    expect(byId.errors?.MetricStat?.Metric.MetricName).toBe('5xx');
    expect(byId.requests?.MetricStat?.Metric.MetricName).toBe('Count');
    expect(dimensionsOf(byId.requests?.MetricStat as MetricStat)).toEqual(api);
    expect(metrics.filter((metric) => metric.ReturnData !== false)).toEqual([
      expect.objectContaining({ Expression: 'IF(requests >= 20, 100 * errors / requests)' }),
    ]);
  });

  it('alarms on read and write throttling of the table that lasts two of three periods', () => {
    for (const metricName of ['ReadThrottleEvents', 'WriteThrottleEvents']) {
      const alarm = onlyAlarmOn('AWS/DynamoDB', metricName, { TableName: ref(tableId) });
      expectAlarm(alarm, { stat: 'Sum', threshold: 0, evaluationPeriods: 3, datapointsToAlarm: 2 });
      // Throttle events are published only when they happen: a quiet period counts as zero.
      expect(
        (alarm.Properties.Metrics as AlarmMetric[]).find((metric) => metric.Expression)?.Expression,
      ).toMatch(/^FILL\(\w+,0\)$/);
    }
  });

  it('alarms on any event lost without a dead letter, rule by rule (dead letters count nowhere else)', () => {
    const rules = resourcesOfType(template, 'AWS::Events::Rule').map(([id]) => id);
    expect(rules).toHaveLength(EVENT_ROUTES.length);
    for (const ruleId of rules) {
      const alarm = onlyAlarmOn('AWS/Events', 'InvocationsFailedToBeSentToDlq', {
        EventBusName: ref(busId),
        RuleName: ref(ruleId),
      });
      expectAlarm(alarm, { ...any, stat: 'Sum' });
    }
  });

  it('alarms when the p99 time to plan stays above 10 s for fifteen minutes, not on a handful of inputs', () => {
    const alarm = onlyAlarmOn('PartyPlanner/PartyPlannerStack', 'TimeToPlan', { service: 'planner' });
    expectAlarm(alarm, { stat: 'p99', threshold: 10_000, evaluationPeriods: 3, datapointsToAlarm: 3 });
    expect(alarm.Properties.EvaluateLowSampleCountPercentile).toBe('ignore');
  });

  it('has no alarm beyond these', () => {
    const rules = resourcesOfType(template, 'AWS::Events::Rule').length;
    expect(alarms).toHaveLength(2 + 2 * FUNCTION_IDS.length + 1 + 2 + rules + 1);
  });
});

describe('alarm topic', () => {
  it('refuses publishing without TLS', () => {
    const [, policy] = onlyResource(template, 'AWS::SNS::TopicPolicy');
    expect(policy.Properties.PolicyDocument.Statement).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Action: 'sns:Publish',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
  });

  it("lets this account's CloudWatch alarms publish: the topic policy replaces SNS's default", () => {
    const [, policy] = onlyResource(template, 'AWS::SNS::TopicPolicy');
    expect(policy.Properties.PolicyDocument.Statement).toContainEqual(
      expect.objectContaining({
        Effect: 'Allow',
        Action: 'sns:Publish',
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Resource: ref(topicId),
        Condition: expect.objectContaining({
          StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
        }),
      }),
    );
  });

  it('has no subscriber unless the context names an email address', () => {
    expect(resourcesOfType(template, 'AWS::SNS::Subscription')).toEqual([]);
    const { template: withEmail } = synthesize({ context: { alarmEmail: 'ops@example.com' } });
    const [, subscription] = onlyResource(withEmail, 'AWS::SNS::Subscription');
    const [emailTopicId] = onlyResource(withEmail, 'AWS::SNS::Topic');
    expect(subscription.Properties).toEqual({
      Protocol: 'email',
      Endpoint: 'ops@example.com',
      TopicArn: ref(emailTopicId),
    });
  });

  it('refuses an alarm email that is not an address', () => {
    expect(() => synthesize({ context: { alarmEmail: 'ops.example.com' } })).toThrow(/alarmEmail/);
  });
});

describe('dashboard', () => {
  const [, dashboard] = onlyResource(template, 'AWS::CloudWatch::Dashboard');
  // The body is a Fn::Join of JSON text around the resources' references.
  const body = (dashboard.Properties.DashboardBody['Fn::Join'][1] as unknown[])
    .map((part) => (typeof part === 'string' ? part : ''))
    .join('');

  it('is named after the stack', () => {
    expect(dashboard.Properties.DashboardName).toBe('party-planner-PartyPlannerStack');
  });

  it('opens with what users see: time to plan p50 and p99, plans and inputs per minute, errors', () => {
    const top = body.slice(0, body.indexOf('Inside the pipeline'));
    expect(top).toContain('Party planner: what users see');
    for (const metricName of [
      'TimeToPlan',
      'PlansPublished',
      'InputsAdded',
      'InputsRemoved',
      'HttpErrors',
      'InvocationFailed',
    ])
      expect(top, metricName).toContain(`"${metricName}"`);
    expect(top).toContain('"stat":"p50"');
    expect(top).toContain('"stat":"p99"');
  });

  it('then the pipeline, the functions, the failure queues, the APIs, the table and the bus, in that order', () => {
    const headers = [
      'Inside the pipeline',
      'Functions',
      'Failure queues',
      'APIs',
      'Table',
      'Event bus and rules',
    ];
    const positions = headers.map((header) => body.indexOf(`# ${header}`));
    expect(positions.every((position) => position > 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('sums a custom metric over every function that emits it', () => {
    // InvocationFailed comes from all seventeen functions, each its own `service` series.
    for (const id of FUNCTION_IDS) expect(body).toContain(`"InvocationFailed","service","${id}"`);
    expect(body).toMatch(/SUM\(\[invocationfailed_0,[^\]]*invocationfailed_16\]\)/);
  });
});
