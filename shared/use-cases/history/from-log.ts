import type { PartyEventType } from '#shared/contracts/events.ts';
import type { HistoryEvent, LoggedMessage } from '#shared/contracts/history.ts';
import type { PartyMessage, PartyMessageType } from '#shared/contracts/messages.ts';
import { understoodText } from './understood.ts';
import { budgetText, planText, quoted } from './words.ts';

/**
 * The bus's name of each message's event: an operator meets these in the redrive's table and in the
 * functions' logs, not the browser's message names. A stand-in names the type it replaced.
 */
const EVENT_TYPE_OF = {
  input_added: 'party.input.added',
  input_removed: 'party.input.removed',
  agent_started: 'party.agent.started',
  agent_completed: 'party.agent.completed',
  agent_failed: 'party.agent.failed',
  agent_data_removed: 'party.agent.data_removed',
  budget_updated: 'party.budget.updated',
  plan_updated: 'party.plan.updated',
  refresh_required: null,
} as const satisfies Record<PartyMessageType, PartyEventType | null>;

const isMessageType = (type: string): type is PartyMessageType => Object.hasOwn(EVENT_TYPE_OF, type);

/** What came of the event, in words: the part of the message an operator asks about. */
function outcomeOf(message: PartyMessage): string {
  switch (message.type) {
    case 'input_added':
      return `added ${message.payload.input_id} ${quoted(message.payload.content)} -> inputs v${message.payload.inputs_version}; ${understoodText(message.payload.understood)}`;
    case 'input_removed':
      return `removed ${message.payload.input_id} by ${message.payload.removed_by} (${message.payload.reason}) -> inputs v${message.payload.inputs_version}`;
    case 'agent_started':
      return `running on inputs v${message.payload.inputs_version} (${message.payload.execution_id})`;
    case 'agent_completed':
      return `completed on inputs v${message.payload.inputs_version}, confidence ${message.payload.confidence}, ${Math.round(message.payload.execution_time_ms)} ms`;
    case 'agent_failed':
      return `failed on inputs v${message.payload.inputs_version}: ${message.payload.error_type}: ${message.error}`;
    case 'agent_data_removed':
      return `data removed on inputs v${message.payload.inputs_version}: ${message.payload.reason}`;
    case 'budget_updated':
      return `budget on inputs v${message.payload.inputs_version}: ${budgetText(message.payload)}`;
    case 'plan_updated':
      return planText(message.payload);
    case 'refresh_required':
      return `too big to keep (${message.payload.bytes} bytes): the party's state has what it said`;
  }
}

/** One logged message as a line of the party's history. */
export function eventOfMessage({ seq, causation_id, message }: LoggedMessage): HistoryEvent {
  const named = message.type === 'refresh_required' ? message.payload.replaces_type : message.type;
  const type = (isMessageType(named) ? EVENT_TYPE_OF[named] : null) ?? named;
  return {
    kind: 'event',
    source: 'log',
    seq,
    time: message.timestamp,
    type,
    agent: message.agent,
    outcome: outcomeOf(message),
    understood: message.type === 'input_added' ? message.payload.understood : null,
    event_id: message.event_id,
    correlation_id: message.correlation_id,
    causation_id,
  };
}
