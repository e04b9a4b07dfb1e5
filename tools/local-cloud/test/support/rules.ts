import rules from '../fixtures/rules.json' with { type: 'json' };

export interface FixtureRule {
  readonly name: string;
  readonly description: string;
  readonly pattern: unknown;
}

/**
 * A routing table recorded from an application (the party planner's EventBridge rules): several rules
 * on one detail-type told apart by the payload, so that a delivery to exactly one of them means something.
 */
export const RULES: readonly FixtureRule[] = rules;
