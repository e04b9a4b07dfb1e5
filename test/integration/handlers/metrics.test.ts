import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handler as broadcaster } from '#functions/broadcaster/handler.ts';
import { handler as addInput } from '#functions/http-add-input/handler.ts';
import { handler as startParty } from '#functions/http-start-party/handler.ts';
import { handler as themeAgent } from '#functions/theme-agent/handler.ts';
import { handler as defaultRoute } from '#functions/ws-default/handler.ts';
import { ConnectionStore } from '#shared/adapters/dynamodb/connection-store.ts';
import { METRICS } from '#shared/contracts/metrics.ts';
import { addInput as addInputTo } from '#shared/domain/party/transitions.ts';
import { partyStore } from '#shared/lambda/container.ts';
import { countThrottles, instrumented } from '#shared/lambda/observability.ts';
import { input, shouldExecuteEvent } from '#test/fixtures/party.ts';
import { testDocumentClient } from '#test/support/dynamo.ts';
import { captureEmf, total } from '#test/support/emf.ts';
import { handlerEnvironment } from '#test/support/handler-env.ts';
import { busDelivery, httpEvent, lambdaContext, socketEvent } from '#test/support/lambda.ts';
import { drain } from '#test/support/pipeline-driver.ts';

let env: Awaited<ReturnType<typeof handlerEnvironment>>;
let emf: ReturnType<typeof captureEmf>;
const context = lambdaContext();
const BASE = '/api/v1/event-driven';

beforeAll(async () => {
  // The suite turns metrics off to keep its output readable; here they are what is tested.
  process.env.POWERTOOLS_METRICS_DISABLED = 'false';
  env = await handlerEnvironment();
  emf = captureEmf();
});
afterAll(async () => {
  emf.stop();
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  await env.stop();
});
beforeEach(() => {
  emf.clear();
  env.bus.clear();
});

const body = (response: APIGatewayProxyStructuredResultV2) =>
  JSON.parse(response.body ?? '{}') as { party_id: string; token: string };

async function newParty(initial_inputs: { content: string }[] = []) {
  const created = body(
    await startParty(httpEvent('POST', `${BASE}/start`, { body: { initial_inputs } }), context),
  );
  return { partyId: created.party_id, auth: { authorization: `Bearer ${created.token}` } };
}

describe('every metric point', () => {
  it('is in the stack namespace, carries the service and only catalogued dimensions and units', async () => {
    const { partyId, auth } = await newParty();
    await addInput(
      httpEvent('POST', `${BASE}/add-input`, { body: { party_id: partyId, content: 'x' }, headers: auth }),
      context,
    );
    await addInput(
      httpEvent('POST', `${BASE}/add-input`, { body: { party_id: partyId }, headers: auth }),
      context,
    );
    const documents = emf.documents();
    expect(documents.length).toBeGreaterThan(0);
    for (const document of documents) {
      for (const directive of document._aws.CloudWatchMetrics) {
        expect(directive.Namespace).toBe(process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'PartyPlanner');
        for (const metric of directive.Metrics) {
          const definition = METRICS[metric.Name as keyof typeof METRICS];
          expect(definition, metric.Name).toBeDefined();
          expect(metric.Unit).toBe(definition.unit);
          expect(directive.Dimensions).toEqual([['service', ...definition.dimensions]]);
        }
      }
    }
  });
});

describe('the HTTP routes', () => {
  it('count an added input once, however often the request is retried, and errors by code', async () => {
    const { partyId, auth } = await newParty();
    const request = { party_id: partyId, content: 'jungle theme', input_id: 'inp_retry' };
    await addInput(httpEvent('POST', `${BASE}/add-input`, { body: request, headers: auth }), context);
    await addInput(httpEvent('POST', `${BASE}/add-input`, { body: request, headers: auth }), context);
    await addInput(httpEvent('POST', `${BASE}/add-input`, { body: '{', headers: auth }), context);
    await addInput(httpEvent('POST', `${BASE}/add-input`, { body: request }), context);
    expect(total(emf.points('InputsAdded'))).toBe(1);
    expect(total(emf.points('HttpErrors'), { Code: 'bad_request' })).toBe(1);
    expect(total(emf.points('HttpErrors'), { Code: 'unauthorized' })).toBe(1);
  });
});

describe('the pipeline', () => {
  it('times each input to the first plan that answers it, once, and counts runs by agent and outcome', async () => {
    const { partyId } = await newParty([{ content: 'jungle theme party for 30 guests' }]);
    await drain(env.bus, { duplicateShare: 0.5, random: () => 0 });
    const timings = emf.points('TimeToPlan');
    expect(timings.flatMap((point) => point.values)).toHaveLength(1);
    expect(timings[0]?.unit).toBe('Milliseconds');
    expect(timings[0]?.values[0]).toBeGreaterThanOrEqual(0);
    expect(total(emf.points('PlansPublished'))).toBeGreaterThan(0);
    expect(total(emf.points('AgentRuns'), { Agent: 'theme_agent', Outcome: 'completed' })).toBe(1);
    expect(total(emf.points('AgentRuns'), { Agent: 'venue_agent', Outcome: 'completed' })).toBe(1);
    // Every delivery came twice: the second found its work done.
    expect(total(emf.points('RunsSkipped'))).toBeGreaterThan(0);
    const state = await partyStore().getParty(partyId, true);
    expect(state?.final_plan?.answered_up_to).toBe(state?.inputs[0]?.added_at);
  });

  it('skips a duplicate agent request as already current', async () => {
    const { partyId } = await newParty([{ content: 'space theme' }]);
    await drain(env.bus);
    emf.clear();
    const state = await partyStore().requireParty(partyId, true);
    const inputIds = state.inputs.map((item) => item.input_id);
    await themeAgent(
      busDelivery(shouldExecuteEvent(partyId, 'theme_agent', inputIds, state.inputs_version)),
      context,
    );
    expect(total(emf.points('RunsSkipped'), { Reason: 'already_current' })).toBe(1);
    expect(emf.points('AgentRuns')).toEqual([]);
  });

  it('counts a lost race for the party as a version conflict', async () => {
    const { partyId } = await newParty();
    const stale = await partyStore().requireParty(partyId, true);
    await partyStore().addInput(partyId, input('inp_first', 'first'));
    await instrumented('test', () =>
      partyStore().mutate(partyId, (now) => addInputTo(input('inp_second', 'second'), now), stale),
    )({}, context);
    expect(total(emf.points('VersionConflicts'))).toBe(1);
    expect(emf.points('VersionConflictsExhausted')).toEqual([]);
  });
});

describe('the realtime side', () => {
  it('counts deliveries by outcome and resumes by answer', async () => {
    const { partyId } = await newParty([{ content: 'space theme' }]);
    const connections = new ConnectionStore(testDocumentClient(), env.tableName);
    await connections.add({
      connection_id: 'conn-metrics',
      party_id: partyId,
      connected_at: new Date().toISOString(),
    });
    const [added] = env.bus.events();
    if (!added) throw new Error('no input event');
    await broadcaster(busDelivery(added), context);
    expect(total(emf.points('Deliveries'), { Delivery: 'sent' })).toBe(1);
    emf.clear();
    await defaultRoute(
      socketEvent('conn-metrics', partyId, JSON.stringify({ action: 'resume', since: 0 })),
      context,
    );
    expect(total(emf.points('Resumes'), { Answer: 'replay' })).toBe(1);
    expect(total(emf.points('Deliveries'), { Delivery: 'sent' })).toBe(1);
  });
});

describe('throttling', () => {
  it('counts every throttled attempt, including those the SDK retried', async () => {
    let calls = 0;
    // DynamoDB's own answer to a throttled call, twice, then an empty item.
    const server = createServer((_, response) => {
      calls += 1;
      response.setHeader('content-type', 'application/x-amz-json-1.0');
      if (calls <= 2) {
        response.statusCode = 400;
        response.end(
          JSON.stringify({
            __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException',
            message: 'throttled',
          }),
        );
        return;
      }
      response.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const client = countThrottles(new DynamoDBClient({ endpoint: `http://127.0.0.1:${port}` }), 'dynamodb');
    try {
      await instrumented('test', () =>
        client.send(new GetItemCommand({ TableName: 't', Key: { pk: { S: 'x' } } })),
      )({}, context);
    } finally {
      server.close();
    }
    expect(calls).toBe(3);
    expect(emf.points('Throttles')).toEqual([
      expect.objectContaining({
        dimensions: expect.objectContaining({ Service: 'dynamodb' }),
        values: [1, 1],
      }),
    ]);
  });
});
