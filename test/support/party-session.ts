import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterAll, beforeAll } from 'vitest';
import { handler as addInput } from '#functions/http-add-input/handler.ts';
import { handler as removeInput } from '#functions/http-remove-input/handler.ts';
import { handler as startParty } from '#functions/http-start-party/handler.ts';
import { PartyStore } from '#shared/adapters/dynamodb/party-store.ts';
import type { PartyState } from '#shared/contracts/party.ts';
import { testDocumentClient } from './dynamo.ts';
import { handlerEnvironment } from './handler-env.ts';
import { httpEvent, lambdaContext } from './lambda.ts';

const API = '/api/v1/event-driven';
const context = lambdaContext();

function body(response: APIGatewayProxyStructuredResultV2): Record<string, unknown> {
  const parsed = JSON.parse(response.body ?? '{}') as Record<string, unknown>;
  if ((response.statusCode ?? 500) >= 300) throw new Error(`HTTP ${response.statusCode}: ${response.body}`);
  return parsed;
}

export type HandlerEnvironment = Awaited<ReturnType<typeof handlerEnvironment>>;

/**
 * The real handlers against DynamoDB Local for the calling test file, set up before its tests and
 * stopped after them: the environment (with its recorded bus) and a store on its table.
 */
export function realHandlers(): { readonly env: HandlerEnvironment; readonly store: PartyStore } {
  let env: HandlerEnvironment | undefined;
  let store: PartyStore | undefined;
  beforeAll(async () => {
    env = await handlerEnvironment();
    store = new PartyStore(testDocumentClient(), env.tableName);
  });
  afterAll(() => env?.stop());
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the handlers are set up in beforeAll');
    return value;
  };
  return {
    get env() {
      return ready(env);
    },
    get store() {
      return ready(store);
    },
  };
}

/** A party driven through the real HTTP handlers, as a browser would: start, add, remove. */
export interface PartySession {
  readonly partyId: string;
  /** Adds an input; `inputId` is the client's idempotency key, as the page sends one. */
  add(content: string, inputId?: string): Promise<string>;
  remove(inputId: string): Promise<void>;
  state(): Promise<PartyState>;
}

export async function startSession(store: PartyStore): Promise<PartySession> {
  const started = body(await startParty(httpEvent('POST', `${API}/start`, { body: {} }), context));
  const partyId = String(started.party_id);
  const headers = { authorization: `Bearer ${started.token}` };
  return {
    partyId,
    async add(content, inputId) {
      const request = { party_id: partyId, content, ...(inputId ? { input_id: inputId } : {}) };
      const added = body(
        await addInput(httpEvent('POST', `${API}/input`, { body: request, headers }), context),
      );
      return String(added.input_id);
    },
    async remove(inputId) {
      body(
        await removeInput(
          httpEvent('DELETE', `${API}/input/${inputId}`, {
            pathParameters: { input_id: inputId },
            query: { party_id: partyId },
            headers,
          }),
          context,
        ),
      );
    },
    async state() {
      const state = await store.getParty(partyId);
      if (!state) throw new Error(`party ${partyId} is gone`);
      return state;
    },
  };
}

/**
 * What a host sees of a party, without what depends on timing or history alone: clocks, run ids,
 * versions, and the budget's previous total.
 */
export function planContent(state: PartyState) {
  const results = Object.fromEntries(
    Object.entries(state.active_agents).map(([agent, run]) => [
      agent,
      { status: run?.status, result: run?.result, basis: run?.basis },
    ]),
  );
  const strip = <T extends object | null>(budget: T) =>
    budget ? { ...budget, previous_total: null, delta: null, inputs_version: 0 } : budget;
  return {
    results,
    budget: strip(state.budget),
    plan: state.final_plan
      ? {
          ...state.final_plan,
          plan_version: undefined,
          // When each input was answered is the party's history, not what its plan says.
          answered_up_to: undefined,
          inputs_version: 0,
          budget_summary: strip(state.final_plan.budget_summary),
        }
      : null,
  };
}
