import { API_PREFIX } from '#shared/client/http-client.ts';

export interface ApiAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/**
 * Raw JSON calls to the HTTP API, for tests that check status codes and bodies as they are on the
 * wire (the client library would turn them into errors). `baseUrl` is read at each call, as the
 * cloud's port is known only once it started.
 */
export function httpApi(baseUrl: () => string) {
  return async (method: string, path: string, body?: unknown, token?: string): Promise<ApiAnswer> => {
    const response = await fetch(`${baseUrl()}${API_PREFIX}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
}
