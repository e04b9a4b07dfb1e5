import type { HistoryNow, LoggedMessage } from '#shared/contracts/history.ts';
import type { PartyState } from '#shared/contracts/party.ts';
import { understandParty } from '#shared/domain/pipeline/party-facts.ts';
import { factsText, understoodText } from './understood.ts';
import { quoted } from './words.ts';

// The inputs under `now:`: what each one said and was understood to say, the facts they merge into,
// and the removed ones, whose text only the log can still tell.

type NowFields = Omit<HistoryNow, 'kind' | 'content' | 'understood' | 'facts'> &
  Partial<Pick<HistoryNow, 'content' | 'understood' | 'facts'>>;

/** One line under `now:`; only inputs carry a text and an understanding, only `facts` the facts. */
export const fact = (fields: NowFields): HistoryNow => ({
  kind: 'now',
  content: null,
  understood: null,
  facts: null,
  ...fields,
});

/**
 * The party's facts merged from its inputs, as the agents read them (`understandParty`, the
 * pipeline's own merge): the line each input's understood facts explain.
 */
export function partyFacts(state: PartyState): HistoryNow {
  const { facts } = understandParty(state);
  return fact({
    subject: 'facts',
    id: null,
    time: null,
    inputs_version: state.inputs_version,
    facts,
    detail: `${factsText(facts)} (merged from ${state.inputs.length} input(s), the latest statement winning)`,
  });
}

export const inputFacts = (state: PartyState): HistoryNow[] =>
  state.inputs.map((input) =>
    fact({
      subject: 'input',
      id: input.input_id,
      time: input.added_at,
      inputs_version: null,
      content: input.content,
      understood: input.understood,
      detail: `${quoted(input.content)} added by ${input.added_by}; ${understoodText(input.understood)}`,
    }),
  );

/** What the held log still says of a removed input: its `input_added` payload and its removal's time. */
function loggedOf(held: readonly LoggedMessage[], inputId: string, version: number) {
  let added = null;
  let removedAt = null;
  for (const { message } of held) {
    if (message.type === 'input_added' && message.payload.input_id === inputId) added = message.payload;
    if (
      message.type === 'input_removed' &&
      message.payload.input_id === inputId &&
      message.payload.inputs_version === version
    )
      removedAt = message.timestamp;
  }
  return { added, removedAt };
}

/**
 * The removed inputs. The state keeps only their ids and the inputs version their removal made; the
 * text, its understanding and the removal's time come from the log while it holds their messages.
 */
export const removedFacts = (state: PartyState, held: readonly LoggedMessage[]): HistoryNow[] =>
  Object.entries(state.removed_inputs ?? {}).map(([id, version]) => {
    const { added, removedAt } = loggedOf(held, id, version);
    const what = added
      ? `${quoted(added.content)} added by ${added.added_by} ${added.added_at}; ${understoodText(added.understood)}`
      : 'text not known (the log no longer holds its input_added message)';
    return fact({
      subject: 'removed_input',
      id,
      time: removedAt,
      inputs_version: version,
      content: added?.content ?? null,
      understood: added?.understood ?? null,
      detail: `removed at inputs v${version}${removedAt ? ` ${removedAt}` : ''}: ${what}`,
    });
  });
