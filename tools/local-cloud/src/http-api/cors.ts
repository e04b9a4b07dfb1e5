import type { LocalHttpApi } from '../template/stack-model.ts';

export type CorsConfiguration = NonNullable<LocalHttpApi['cors']>;

/** The allow-origin header for a request from `origin`, when the API's configuration allows it. */
export function corsHeaders(
  cors: CorsConfiguration | null,
  origin: string | undefined,
): Record<string, string> {
  if (!cors || !origin) return {};
  const allowed = cors.allowOrigins.includes('*') || cors.allowOrigins.includes(origin);
  return allowed ? { 'access-control-allow-origin': cors.allowOrigins.includes('*') ? '*' : origin } : {};
}

/** What a preflight is answered with, besides the allowed origin. */
export function preflightHeaders(cors: CorsConfiguration): Record<string, string> {
  return {
    'access-control-allow-methods': cors.allowMethods.join(','),
    'access-control-allow-headers': cors.allowHeaders.join(','),
    'access-control-max-age': String(cors.maxAge),
  };
}
