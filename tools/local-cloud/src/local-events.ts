import { listen } from './aws-json-server.ts';
import { LocalEventBridge } from './eventbridge/endpoint.ts';
import type { Invoke } from './http-api/server.ts';
import type { Authorize } from './iam/access.ts';
import { AsyncInvoker, type AsyncInvokerOptions, type AsyncTarget } from './lambda/async-invoker.ts';
import { deadLetterAdmin } from './sqs/dead-letter-admin.ts';
import type { StackModel } from './template/stack-model.ts';

function asyncTargetsOf(model: StackModel): Map<string, AsyncTarget> {
  return new Map(
    [...model.functions.values()].map((fn) => [
      fn.logicalId,
      {
        functionLogicalId: fn.logicalId,
        asyncRetries: fn.asyncRetries,
        maxEventAgeSeconds: fn.maxEventAgeSeconds,
        onFailureQueue: fn.onFailureQueue,
      },
    ]),
  );
}

/** The template's buses, rules and archives; a matched rule delivers to its targets asynchronously. */
function eventBridgeFor(
  model: StackModel,
  busNames: ReadonlyMap<string, string>,
  asyncInvoker: AsyncInvoker,
  asyncTargets: ReadonlyMap<string, AsyncTarget>,
  authorize: Authorize | undefined,
): LocalEventBridge {
  return new LocalEventBridge(
    [...busNames.values()],
    model.rules.map((rule) => ({
      name: rule.logicalId,
      busName: busNames.get(rule.busLogicalId) ?? 'default',
      description: rule.description,
      pattern: rule.pattern,
    })),
    (rule, event) => {
      const definition = model.rules.find((candidate) => candidate.logicalId === rule.name);
      for (const target of definition?.targets ?? []) {
        const asyncTarget = asyncTargets.get(target.functionLogicalId);
        if (asyncTarget) asyncInvoker.deliverFromRule(target, asyncTarget, event);
      }
    },
    model.archives.map((archive) => ({
      name: archive.name,
      busName: busNames.get(archive.busLogicalId) ?? 'default',
      description: archive.description,
      pattern: archive.pattern,
      retentionDays: archive.retentionDays,
    })),
    deadLetterAdmin({
      deadLetters: (queue) => asyncInvoker.deadLetters(queue),
      redrive: (queue) => asyncInvoker.redrive(queue, asyncTargets),
    }),
    authorize,
  );
}

/** Each bus's name, by its logical id. */
export function busNamesOf(model: StackModel): Map<string, string> {
  return new Map(model.buses.map((bus) => [bus.logicalId, bus.name]));
}

/** Lambda's asynchronous invocation, and the EventBridge endpoint whose rules deliver through it. */
export async function startEvents(
  model: StackModel,
  invoke: Invoke,
  port: number,
  asyncOptions: AsyncInvokerOptions,
  authorize?: Authorize,
) {
  const asyncTargets = asyncTargetsOf(model);
  const asyncInvoker = new AsyncInvoker(invoke, asyncOptions);
  const busNames = busNamesOf(model);
  const eventBridge = eventBridgeFor(model, busNames, asyncInvoker, asyncTargets, authorize);
  return { asyncTargets, asyncInvoker, busNames, eventBridge, port: await listen(eventBridge.server, port) };
}
