import { readApis } from './read-apis.ts';
import { readFunctions } from './read-functions.ts';
import { functionIdIn, getAttId, type Props, props, resourcesOfType } from './resources.ts';
import {
  type LocalArchive,
  type LocalBus,
  type LocalQueueSpec,
  type LocalRule,
  type LocalRuleTarget,
  type StackModel,
  UnsupportedTemplateError,
} from './stack-model.ts';
import type { CfnTemplate } from './tables.ts';

function readBuses(template: CfnTemplate): LocalBus[] {
  return resourcesOfType(template, 'AWS::Events::EventBus').map(([logicalId, resource]) => ({
    logicalId,
    name: String(props(resource).Name ?? logicalId),
  }));
}

/** Queues keep the name the template gives them, else their logical id (AWS would make one up). */
function readQueues(template: CfnTemplate): LocalQueueSpec[] {
  return resourcesOfType(template, 'AWS::SQS::Queue').map(([logicalId, resource]) => ({
    logicalId,
    name: String(props(resource).QueueName ?? logicalId),
  }));
}

function ruleTarget(ruleId: string, target: Props, functions: ReadonlyMap<string, unknown>): LocalRuleTarget {
  const functionLogicalId = functionIdIn(target.Arn, functions);
  if (!functionLogicalId)
    throw new UnsupportedTemplateError(`rule ${ruleId} has a target that is not a local function`);
  const retry = (target.RetryPolicy ?? {}) as Props;
  return {
    ruleName: ruleId,
    functionLogicalId,
    // EventBridge's defaults without a retry policy: 185 attempts over 24 hours.
    maxRetries: Number(retry.MaximumRetryAttempts ?? 185),
    maxEventAgeSeconds: Number(retry.MaximumEventAgeInSeconds ?? 86_400),
    deadLetterQueue: getAttId((target.DeadLetterConfig as Props | undefined)?.Arn),
  };
}

function readRules(template: CfnTemplate, functions: ReadonlyMap<string, unknown>): LocalRule[] {
  return resourcesOfType(template, 'AWS::Events::Rule').map(([logicalId, resource]): LocalRule => {
    const p = props(resource);
    return {
      logicalId,
      busLogicalId: getAttId(p.EventBusName) ?? 'default',
      description: String(p.Description ?? ''),
      pattern: p.EventPattern,
      targets: ((p.Targets ?? []) as Props[]).map((target) => ruleTarget(logicalId, target, functions)),
    };
  });
}

function readArchives(template: CfnTemplate): LocalArchive[] {
  return resourcesOfType(template, 'AWS::Events::Archive').map(([logicalId, resource]): LocalArchive => {
    const p = props(resource);
    return {
      logicalId,
      name: String(p.ArchiveName ?? logicalId),
      busLogicalId: getAttId(p.SourceArn) ?? 'default',
      description: String(p.Description ?? ''),
      pattern: p.EventPattern ?? {},
      retentionDays: Number(p.RetentionDays ?? 0),
    };
  });
}

/** What the local cloud runs, read from a synthesized template and the assets beside it in `assemblyDir`. */
export function readStackModel(template: CfnTemplate, assemblyDir: string): StackModel {
  const functions = readFunctions(template, assemblyDir);
  const buses = readBuses(template);
  const rules = readRules(template, functions);
  const { httpApis, webSocketApis } = readApis(template, functions);
  return {
    functions,
    buses,
    rules,
    archives: readArchives(template),
    queues: readQueues(template),
    httpApis,
    webSocketApis,
  };
}
