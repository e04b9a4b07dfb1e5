import type { LocalCloud } from '@party-planner/local-cloud';
import { expect } from 'vitest';
import type { PartyState } from '#shared/contracts/party.ts';
import { httpApi } from './http-api.ts';

export interface HttpParty {
  readonly partyId: string;
  readonly token: string;
}

/** A party driven over a local cloud's HTTP API, as the operator tools' end-to-end tests drive one. */
export function partyOverHttp(cloud: () => LocalCloud) {
  const call = httpApi(() => cloud().endpoints.http);
  const stateOf = async (party: HttpParty): Promise<PartyState> => {
    const { body } = await call('GET', `/status/${party.partyId}`, undefined, party.token);
    return body.party as PartyState;
  };
  return {
    call,
    stateOf,
    async startParty(content: string): Promise<HttpParty> {
      const { body } = await call('POST', '/start', { initial_inputs: [{ content }] });
      return { partyId: String(body.party_id), token: String(body.token) };
    },
    async addInput(party: HttpParty, content: string): Promise<string> {
      const { status, body } = await call(
        'POST',
        '/input',
        { party_id: party.partyId, content },
        party.token,
      );
      expect(status).toBe(202);
      return String(body.input_id);
    },
    /** Settles the cloud, then waits (a little) for the plan of the party's current inputs. */
    async planOfInputs(party: HttpParty, inputsVersion: number): Promise<PartyState> {
      for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
        await cloud().idle();
        const state = await stateOf(party);
        if (state.final_plan?.inputs_version === inputsVersion) return state;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      throw new Error(`no plan of inputs version ${inputsVersion} for ${party.partyId}`);
    },
  };
}
