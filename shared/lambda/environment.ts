import {
  FUNCTION_ENVIRONMENT,
  VARIABLE_DEFAULTS,
  type VariableName,
  type VariableValue,
} from '#shared/contracts/environment.ts';

/** A variable the stack should have set is missing or malformed: the function cannot start. */
export class EnvironmentError extends Error {
  override readonly name = 'EnvironmentError';
}

/**
 * One variable from `source`, parsed with its schema; a missing or bad value throws an error that
 * names the variable and what it must hold. An empty value counts as unset, and an unset one with a
 * default takes it.
 */
export function parseVariable<N extends VariableName>(
  name: N,
  source: Readonly<Record<string, string | undefined>>,
): VariableValue<N> {
  const raw = source[name] || VARIABLE_DEFAULTS[name];
  const parsed = FUNCTION_ENVIRONMENT[name].safeParse(raw);
  // Indexing the table by a generic name loses which output type goes with which name.
  if (parsed.success) return parsed.data as VariableValue<N>;
  if (raw === undefined) throw new EnvironmentError(`environment variable ${name} is not set`);
  const reasons = parsed.error.issues.map((issue) => issue.message).join('; ');
  throw new EnvironmentError(`environment variable ${name} is invalid (${JSON.stringify(raw)}): ${reasons}`);
}

/**
 * A variable of this function's environment. Each container reads it once, where it builds the
 * client that needs it on the first invocation, so a bad value fails the cold start, not a later call.
 */
export function readVariable<N extends VariableName>(name: N): VariableValue<N> {
  return parseVariable(name, process.env);
}
