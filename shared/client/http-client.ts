import type * as z from 'zod/mini';
import { partyStatusPath } from '#shared/contracts/messages.ts';
import { ApiError, ErrorBody } from './api-error.ts';
import { AddInputResponse, RemoveInputResponse, StartPartyResponse, StatusResponse } from './responses.ts';

export const API_PREFIX = '/api/v1/event-driven';

/** An input as the client submits it; the server fills in the defaults. */
export interface InputDraft {
  readonly content: string;
  readonly input_id?: string;
  readonly source_type?: 'text' | 'image' | 'url' | 'upload';
  readonly tags?: readonly string[];
  readonly added_by?: string;
}

export interface StartPartyOptions {
  readonly party_id?: string;
  readonly initial_inputs?: readonly InputDraft[];
  readonly user_id?: string;
}

/** Where the party lives and how to prove access to it; `token` comes from `start`. */
export interface PartyCredentials {
  readonly partyId: string;
  readonly token: string;
}

export interface PartyApi {
  start(options?: StartPartyOptions): Promise<StartPartyResponse>;
  addInput(party: PartyCredentials, input: InputDraft): Promise<AddInputResponse>;
  removeInput(party: PartyCredentials, inputId: string): Promise<RemoveInputResponse>;
  status(party: PartyCredentials): Promise<StatusResponse>;
}

export interface PartyApiOptions {
  /** The HTTP API's base URL, e.g. `http://127.0.0.1:4000`, without the route prefix. */
  readonly httpUrl: string;
  /** Defaults to the global fetch; injectable for tests and instrumentation. */
  readonly fetch?: typeof fetch;
}

/** Typed calls for every HTTP route: parsed success bodies, or a thrown `ApiError`. */
export function createPartyApi(options: PartyApiOptions): PartyApi {
  const base = options.httpUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));

  async function call<T>(
    schema: z.ZodMiniType<T>,
    method: string,
    path: string,
    token?: string,
    body?: unknown,
  ): Promise<T> {
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw new ApiError(0, 'network', error instanceof Error ? error.message : String(error));
    }
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      throw new ApiError(response.status, 'bad_response', `${method} ${path}: body is not JSON`);
    }
    if (!response.ok) {
      const failure = ErrorBody.safeParse(json);
      if (failure.success) {
        const { code, message, details } = failure.data.error;
        throw new ApiError(response.status, code, message, details ?? {});
      }
      throw new ApiError(response.status, 'bad_response', `${method} ${path}: HTTP ${response.status}`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new ApiError(response.status, 'bad_response', `${method} ${path}: unexpected body`, {
        issues: parsed.error.issues.map((issue) => ({
          path: issue.path.map(String),
          message: issue.message,
        })),
      });
    }
    return parsed.data;
  }

  return {
    start: (request = {}) => call(StartPartyResponse, 'POST', `${API_PREFIX}/start`, undefined, request),
    addInput: (party, input) =>
      call(AddInputResponse, 'POST', `${API_PREFIX}/input`, party.token, {
        party_id: party.partyId,
        ...input,
      }),
    removeInput: (party, inputId) =>
      call(
        RemoveInputResponse,
        'DELETE',
        `${API_PREFIX}/input/${encodeURIComponent(inputId)}?party_id=${encodeURIComponent(party.partyId)}`,
        party.token,
      ),
    status: (party) =>
      call(StatusResponse, 'GET', partyStatusPath(encodeURIComponent(party.partyId)), party.token),
  };
}
