import { expect, it } from 'vitest';
import { capacityPlan, type LoadPerInput } from '../src/capacity.ts';

const load: LoadPerInput = {
  putEventsRequests: 8,
  ruleInvocations: 15,
  lambdaSeconds: 0.5,
  gatewayRequests: 8,
  postsPerExtraBrowser: 7,
  tableReadUnits: 25,
  tableWriteUnits: 32,
  partyReadUnits: 20,
  partyWriteUnits: 28,
  sharedKeyWriteUnits: 4,
};
const shape = { browsersPerParty: 2, inputsPerPartyPerSecond: 0.05 };

const row = (plan: ReturnType<typeof capacityPlan>, start: string) => {
  const found = plan.quotas.find((quota) => quota.quota.startsWith(start));
  if (!found) throw new Error(`no quota ${start}`);
  return found;
};

it('finds the quota that binds first and the parties it allows', () => {
  const plan = capacityPlan(load, shape);
  // 250 by the shared statistics key (1,000 / 4) before Lambda's 2,000 (1,000 / 0.5).
  expect(plan.binding).toBe('DynamoDB one partition, shared statistics key');
  expect(plan.inputs_per_second).toBe(250);
  expect(plan.concurrent_parties).toBe(5_000);
  expect(plan.parties_opened_per_second).toBe(250);
  expect(row(plan, 'DynamoDB one partition, shared').raising_it_buys).toMatch(/only a change of design/);
});

it('says what raising the binding quota buys: up to the next one in line', () => {
  const plan = capacityPlan({ ...load, sharedKeyWriteUnits: 0, lambdaSeconds: 20 }, shape);
  expect(plan.binding).toBe('Lambda concurrent executions');
  expect(plan.inputs_per_second).toBe(50);
  // Next in line: API Gateway, 10,000 / (8 + 7) requests.
  expect(row(plan, 'Lambda').raising_it_buys).toBe(
    'raising it buys up to 667 inputs/s, where API Gateway requests (HTTP, WebSocket, @connections) binds',
  );
  expect(row(plan, 'EventBridge PutEvents').raising_it_buys).toMatch(/nothing while a lower one binds/);
  // A quota nothing uses never binds.
  expect(row(plan, 'DynamoDB one partition, shared').inputs_per_second).toBe(Number.POSITIVE_INFINITY);
});

it("bounds one party by its own partition, apart from the account's capacity", () => {
  const plan = capacityPlan(load, shape);
  expect(row(plan, "DynamoDB one partition, the party's key (writes)")).toMatchObject({
    scope: 'party',
    inputs_per_second: 36,
  });
});

it('counts every further browser against the gateway', () => {
  const one = row(capacityPlan(load, { ...shape, browsersPerParty: 1 }), 'API Gateway');
  const three = row(capacityPlan(load, { ...shape, browsersPerParty: 3 }), 'API Gateway');
  expect(one.per_input).toBe(8);
  expect(three.per_input).toBe(22);
});
