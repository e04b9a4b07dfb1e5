// The environment is a contract between the stack, which sets each variable on the functions that
// need it, and the functions, which read it: both take the names from here, so a rename cannot leave
// one side behind. The variables that Powertools and Node read by themselves (POWERTOOLS_LOG_LEVEL,
// NODE_OPTIONS) are theirs to define. Every bundle carries this module, so its schemas use only
// what the other contracts already bring along.
import * as z from 'zod/mini';
import './zod.ts';

/** How many changes one party may make per minute unless the stack says otherwise (see PartyQuota). */
export const DEFAULT_PARTY_CHANGES_PER_MINUTE = 60;

const Name = z.string().check(z.trim(), z.minLength(1, 'must not be empty'));

/** Every variable the functions' code reads, with what it must hold. */
export const FUNCTION_ENVIRONMENT = {
  /** The party table (state, messages, connections, quotas). */
  TABLE_NAME: Name,
  /** The bus that party events go to; set on the functions that publish. */
  EVENT_BUS_NAME: Name,
  /** The WebSocket stage's `@connections` URL; set on the functions that post to browsers. */
  WEBSOCKET_MANAGEMENT_ENDPOINT: z.string().check(z.regex(/^https?:\/\/[^\s/]+/, 'must be an http(s) URL')),
  /** Changes per party and minute; set on the routes that change a party. */
  PARTY_CHANGES_PER_MINUTE: z.pipe(
    z.string().check(z.regex(/^[1-9]\d*$/, 'must be a whole number of at least 1')),
    z.transform(Number),
  ),
  /** Names the function in logs and metrics; the stack sets the function id. */
  POWERTOOLS_SERVICE_NAME: Name,
  POWERTOOLS_METRICS_NAMESPACE: Name,
} as const;

export type VariableName = keyof typeof FUNCTION_ENVIRONMENT;
export type VariableValue<N extends VariableName> = z.output<(typeof FUNCTION_ENVIRONMENT)[N]>;

/** What an unset variable stands for, where the code has a sensible value of its own. */
export const VARIABLE_DEFAULTS: { readonly [N in VariableName]?: string } = {
  PARTY_CHANGES_PER_MINUTE: String(DEFAULT_PARTY_CHANGES_PER_MINUTE),
  POWERTOOLS_SERVICE_NAME: 'party-planner',
  POWERTOOLS_METRICS_NAMESPACE: 'PartyPlanner',
};

/** The names themselves, so that the stack writes `VARIABLES.TABLE_NAME` and a typo fails to compile. */
export const VARIABLES = Object.fromEntries(
  Object.keys(FUNCTION_ENVIRONMENT).map((name) => [name, name]),
) as { readonly [N in VariableName]: N };
