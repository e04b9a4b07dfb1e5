import { INTERNAL_EVENT_TYPES, type PartyEvent } from '#shared/contracts/events.ts';
import { type PartyMessage, UNUSED_FIELDS } from '#shared/contracts/messages.ts';

/** Events that browsers see; the broadcaster's rule delivers only these, this guards a stray one. */
export function isBroadcast(event: PartyEvent): boolean {
  return !INTERNAL_EVENT_TYPES.includes(event.type);
}

/** The browser message for a party event: the original bridge's shape, numbered by `seq`. */
export function toMessage(event: PartyEvent, seq: number): PartyMessage | null {
  const base = {
    ...UNUSED_FIELDS,
    party_id: event.party_id,
    seq,
    event_id: event.event_id,
    correlation_id: event.correlation_id,
    timestamp: event.occurred_at,
  };
  switch (event.type) {
    case 'party.input.added':
      return { ...base, type: 'input_added', message: 'Input added', payload: { ...event.payload } };
    case 'party.input.removed':
      return { ...base, type: 'input_removed', message: 'Input removed', payload: event.payload };
    case 'party.agent.should_execute':
      return null;
    case 'party.agent.started':
      return {
        ...base,
        type: 'agent_started',
        agent: event.payload.agent_name,
        status: 'running',
        message: event.payload.message ?? `${event.payload.agent_name} started`,
        payload: { execution_id: event.payload.execution_id, inputs_version: event.payload.inputs_version },
      };
    case 'party.agent.completed':
      return {
        ...base,
        type: 'agent_completed',
        agent: event.payload.agent_name,
        status: 'completed',
        result: event.payload.result,
        message: `${event.payload.agent_name} completed successfully`,
        payload: {
          execution_id: event.payload.execution_id,
          confidence: event.payload.confidence,
          execution_time_ms: event.payload.execution_time_ms,
          inputs_version: event.payload.inputs_version,
        },
      };
    case 'party.agent.failed':
      return {
        ...base,
        type: 'agent_failed',
        agent: event.payload.agent_name,
        status: 'failed',
        error: event.payload.error,
        message: `${event.payload.agent_name} failed: ${event.payload.error}`,
        payload: {
          execution_id: event.payload.execution_id,
          error_type: event.payload.error_type,
          inputs_version: event.payload.inputs_version,
        },
      };
    case 'party.agent.data_removed':
      return {
        ...base,
        type: 'agent_data_removed',
        agent: event.payload.agent_name,
        message: `${event.payload.agent_name} data removed: ${event.payload.reason}`,
        payload: {
          reason: event.payload.reason,
          removed_input_id: event.payload.removed_input_id,
          inputs_version: event.payload.inputs_version,
        },
      };
    case 'party.budget.updated':
      return { ...base, type: 'budget_updated', message: 'Budget updated', payload: event.payload };
    case 'party.plan.updated':
      return {
        ...base,
        type: 'plan_updated',
        message: `Plan updated (${event.payload.completion_percent}% complete)`,
        payload: event.payload,
      };
  }
}
