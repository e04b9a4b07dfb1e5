import { type EventOfType, INTERNAL_EVENT_TYPES, type PartyEvent } from '#shared/contracts/events.ts';
import { type PartyMessage, UNUSED_FIELDS } from '#shared/contracts/messages.ts';

/** Events that browsers see; the broadcaster's rule delivers only these, this guards a stray one. */
export function isBroadcast(event: PartyEvent): boolean {
  return !INTERNAL_EVENT_TYPES.includes(event.type);
}

function messageBase(event: PartyEvent, seq: number) {
  return {
    ...UNUSED_FIELDS,
    party_id: event.party_id,
    seq,
    event_id: event.event_id,
    correlation_id: event.correlation_id,
    timestamp: event.occurred_at,
  };
}

type MessageBase = ReturnType<typeof messageBase>;
type AgentEvent = EventOfType<
  'party.agent.started' | 'party.agent.completed' | 'party.agent.failed' | 'party.agent.data_removed'
>;

function agentMessage(event: AgentEvent, base: MessageBase): PartyMessage {
  const agent = event.payload.agent_name;
  switch (event.type) {
    case 'party.agent.started':
      return {
        ...base,
        type: 'agent_started',
        agent,
        status: 'running',
        message: event.payload.message ?? `${agent} started`,
        payload: { execution_id: event.payload.execution_id, inputs_version: event.payload.inputs_version },
      };
    case 'party.agent.completed':
      return {
        ...base,
        type: 'agent_completed',
        agent,
        status: 'completed',
        result: event.payload.result,
        message: `${agent} completed successfully`,
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
        agent,
        status: 'failed',
        error: event.payload.error,
        message: `${agent} failed: ${event.payload.error}`,
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
        agent,
        message: `${agent} data removed: ${event.payload.reason}`,
        payload: {
          reason: event.payload.reason,
          removed_input_id: event.payload.removed_input_id,
          inputs_version: event.payload.inputs_version,
        },
      };
  }
}

/** The browser message for a party event: the original bridge's shape, numbered by `seq`. */
export function toMessage(event: PartyEvent, seq: number): PartyMessage | null {
  const base = messageBase(event, seq);
  switch (event.type) {
    case 'party.input.added':
      return { ...base, type: 'input_added', message: 'Input added', payload: { ...event.payload } };
    case 'party.input.removed':
      return { ...base, type: 'input_removed', message: 'Input removed', payload: event.payload };
    case 'party.agent.should_execute':
      return null;
    case 'party.agent.started':
    case 'party.agent.completed':
    case 'party.agent.failed':
    case 'party.agent.data_removed':
      return agentMessage(event, base);
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
