import { randomUUID } from 'node:crypto';
import { compileEventPattern } from '@party-planner/local-cloud/event-pattern';
import type { EventBridgeEvent } from 'aws-lambda';
import { EVENT_SOURCE } from '#shared/contracts/event-envelope.ts';
import { type Consumer, EVENT_ROUTES } from '#shared/contracts/event-routes.ts';
import type { PartyEvent } from '#shared/contracts/events.ts';

/** A party event as an EventBridge rule target receives it. */
export function busDelivery(detail: PartyEvent): EventBridgeEvent<string, PartyEvent> {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': detail.type,
    source: EVENT_SOURCE,
    account: '000000000000',
    time: new Date().toISOString(),
    region: 'us-east-1',
    resources: [],
    detail,
  };
}

/** The stack's routing table, compiled once: who receives a delivery, in table order. */
export function compiledRoutes(): { consumer: Consumer; matches: (event: unknown) => boolean }[] {
  return EVENT_ROUTES.map((route) => ({
    consumer: route.consumer,
    matches: compileEventPattern(route.pattern),
  }));
}
