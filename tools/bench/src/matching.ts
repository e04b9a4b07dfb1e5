import type { PartyEvent } from '#shared/contracts/events.ts';
import { busDelivery, compiledRoutes } from './bus-delivery.ts';
import { round } from './summary.ts';

export interface MatchingResult {
  readonly events: number;
  readonly rules: number;
  readonly mean_event_bytes: number;
  /** Event × rule pairs decided per second. */
  readonly matches_per_second: number;
  /** Events routed per second, each against every rule. */
  readonly events_matched_per_second: number;
  readonly events_parsed_per_second: number;
  /** Time to match one event against all rules, over the time to JSON.parse it (target ≤ 1). */
  readonly cost_vs_parse: number;
  readonly matched_pairs: number;
}

/** Runs `work` repeatedly for about `budgetMs` and returns the iterations per millisecond. */
function rate(work: () => number, budgetMs: number): { perMs: number; sink: number } {
  let sink = 0;
  // Warm-up: let the JIT settle on both loops before anything is timed.
  const warmUntil = performance.now() + budgetMs / 4;
  while (performance.now() < warmUntil) sink += work();
  let iterations = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < budgetMs) {
    sink += work();
    iterations += 1;
    elapsed = performance.now() - started;
  }
  return { perMs: iterations / elapsed, sink };
}

/**
 * Item 3: the events the pipeline really publishes (from the in-memory run), as EventBridge delivers
 * them, matched against every rule of the routing table; against JSON.parse of the same events'
 * text, which is the least any router must do with an event.
 */
export function measureMatching(sample: readonly PartyEvent[], budgetMs: number): MatchingResult {
  const routes = compiledRoutes();
  const deliveries = sample.map(busDelivery);
  const texts = deliveries.map((delivery) => JSON.stringify(delivery));
  const matchAll = () => {
    let matched = 0;
    for (const delivery of deliveries) {
      for (const route of routes) if (route.matches(delivery)) matched += 1;
    }
    return matched;
  };
  const parseAll = () => {
    let keys = 0;
    for (const text of texts) keys += Object.keys(JSON.parse(text) as object).length;
    return keys;
  };
  const matching = rate(matchAll, budgetMs);
  const parsing = rate(parseAll, budgetMs);
  const eventsMatched = matching.perMs * deliveries.length * 1000;
  const eventsParsed = parsing.perMs * texts.length * 1000;
  return {
    events: deliveries.length,
    rules: routes.length,
    mean_event_bytes: round(texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0) / texts.length, 0),
    matches_per_second: round(eventsMatched * routes.length, 0),
    events_matched_per_second: round(eventsMatched, 0),
    events_parsed_per_second: round(eventsParsed, 0),
    cost_vs_parse: round(eventsParsed / eventsMatched, 3),
    matched_pairs: matchAll(),
  };
}
