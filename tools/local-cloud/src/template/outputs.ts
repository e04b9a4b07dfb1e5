import {
  type ResolveContext,
  referencedIds,
  resolveValue,
  UnresolvableIntrinsicError,
} from './intrinsics.ts';
import type { CfnTemplate } from './tables.ts';

/**
 * The template's outputs as this cloud resolves them (a queue's URL, a bus's name). An output it has
 * no local value for, or one naming a resource in `elsewhere` (an API, served on its own local
 * endpoint rather than at the AWS hostname the output spells), is left out rather than made up.
 */
export function resolveOutputs(
  template: CfnTemplate,
  context: ResolveContext,
  elsewhere: ReadonlySet<string>,
): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const [key, output] of Object.entries(template.Outputs ?? {})) {
    if ([...referencedIds(output.Value)].some((id) => elsewhere.has(id))) continue;
    try {
      outputs[key] = resolveValue(output.Value, context);
    } catch (error) {
      if (!(error instanceof UnresolvableIntrinsicError)) throw error;
    }
  }
  return outputs;
}
