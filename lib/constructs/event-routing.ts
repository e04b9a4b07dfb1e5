import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { CONSUMER_FUNCTIONS } from '#lib/function-specs.ts';
import { EVENT_ROUTES, type EventPattern, type EventRoute } from '#shared/contracts/event-routes.ts';
import type { PartyFunctions } from './party-functions.ts';

export interface EventRoutingProps {
  readonly bus: events.IEventBus;
  readonly functions: PartyFunctions;
  readonly deadLetterQueue: sqs.IQueue;
}

/** One rule per entry of the shared routing table, so the cloud routes exactly as the local cloud does. */
export class EventRouting extends Construct {
  readonly rules: ReadonlyMap<EventRoute['id'], events.Rule>;

  constructor(scope: Construct, id: string, props: EventRoutingProps) {
    super(scope, id);
    const rules = new Map<string, events.Rule>();
    for (const route of EVENT_ROUTES) {
      const consumer = props.functions.get(CONSUMER_FUNCTIONS[route.consumer]).fn;
      const rule = new events.Rule(this, route.id, {
        eventBus: props.bus,
        description: route.description,
        eventPattern: toRulePattern(route.pattern),
        targets: [
          new targets.LambdaFunction(consumer, {
            deadLetterQueue: props.deadLetterQueue,
            retryAttempts: 4,
            maxEventAge: Duration.hours(2),
          }),
        ],
      });
      rules.set(route.id, rule);
    }
    this.rules = rules;
  }
}

/**
 * The routing table is raw EventBridge JSON. CDK spells `detail-type` as `detailType` and renders every
 * other key verbatim, content-filter matchers such as `{ prefix }` included; the stack test pins that
 * the synthesized pattern equals the table's.
 */
function toRulePattern({ 'detail-type': detailType, ...rest }: EventPattern): events.EventPattern {
  // The CDK type only knows string values; matchers are plain JSON objects it passes through.
  return { ...rest, ...(detailType ? { detailType } : {}) } as events.EventPattern;
}
