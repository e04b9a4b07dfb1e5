import { compileEventPattern } from '@party-planner/local-cloud/event-pattern';
import type { Context, EventBridgeEvent } from 'aws-lambda';
import { handler as analyzer } from '#functions/analyzer/handler.ts';
import { handler as budget } from '#functions/budget/handler.ts';
import { handler as cakeAgent } from '#functions/cake-agent/handler.ts';
import { handler as cateringAgent } from '#functions/catering-agent/handler.ts';
import { handler as planner } from '#functions/planner/handler.ts';
import { handler as themeAgent } from '#functions/theme-agent/handler.ts';
import { handler as vendorAgent } from '#functions/vendor-agent/handler.ts';
import { handler as venueAgent } from '#functions/venue-agent/handler.ts';
import { EVENT_ROUTES } from '#shared/contracts/event-routes.ts';
import { busDelivery, lambdaContext } from './lambda.ts';
import type { startEventRecorder } from './recording-servers.ts';

type Handler = (event: EventBridgeEvent<string, unknown>, context: Context) => Promise<void>;

const CONSUMERS: Partial<Record<(typeof EVENT_ROUTES)[number]['consumer'], Handler>> = {
  analyzer,
  theme_agent: themeAgent,
  venue_agent: venueAgent,
  cake_agent: cakeAgent,
  catering_agent: cateringAgent,
  vendor_agent: vendorAgent,
  budget,
  planner,
};

const ROUTES = EVENT_ROUTES.flatMap((route) => {
  const handle = CONSUMERS[route.consumer];
  return handle ? [{ matches: compileEventPattern(route.pattern), handle, consumer: route.consumer }] : [];
});

export interface DeliveryOrder {
  /** Picks which pending delivery runs next; FIFO when absent. */
  readonly pick?: (pending: number) => number;
  /** Delivers this share of deliveries a second time, as at-least-once delivery may. */
  readonly duplicateShare?: number;
  readonly random?: () => number;
}

/**
 * Plays the bus for the real handlers in one process: every event they publish (caught by the
 * EventBridge recorder) is matched against the stack's routing table and handed to each consumer,
 * in FIFO order or any order the caller picks, possibly more than once.
 */
export async function drain(
  bus: Awaited<ReturnType<typeof startEventRecorder>>,
  order: DeliveryOrder = {},
): Promise<number> {
  const context = lambdaContext('pipeline-driver');
  const pending: { consumer: string; handle: Handler; delivery: EventBridgeEvent<string, unknown> }[] = [];
  let seen = 0;
  let deliveries = 0;
  const collect = () => {
    for (const raw of bus.events().slice(seen)) {
      const delivery = busDelivery(raw);
      for (const route of ROUTES) {
        if (!route.matches(delivery)) continue;
        pending.push({ consumer: route.consumer, handle: route.handle, delivery });
        if ((order.random?.() ?? 1) < (order.duplicateShare ?? 0)) {
          pending.push({ consumer: route.consumer, handle: route.handle, delivery });
        }
      }
    }
    seen = bus.events().length;
  };
  collect();
  while (pending.length > 0) {
    const index = order.pick ? order.pick(pending.length) : 0;
    const [next] = pending.splice(index, 1);
    if (!next) break;
    await next.handle(next.delivery, context);
    deliveries += 1;
    collect();
  }
  return deliveries;
}

/** A small seeded generator, so a failing shuffled run can be replayed exactly. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
