import type { TimelineEntry } from '../party-view.ts';
import { h } from './dom.ts';

const clock = (iso: string) =>
  new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/**
 * Appends only the entries not shown yet: the list is an aria-live log, and re-rendering it whole would
 * make screen readers announce the entire history again on every message.
 */
export function syncTimeline(list: HTMLOListElement, entries: readonly TimelineEntry[]): void {
  const shown = new Set(Array.from(list.children).map((item) => item.getAttribute('data-key')));
  const wanted = new Set(entries.map((entry) => entry.key));
  for (const item of Array.from(list.children))
    if (!wanted.has(item.getAttribute('data-key') ?? '')) item.remove();
  for (const entry of entries) {
    if (shown.has(entry.key)) continue;
    list.append(
      h(
        'li',
        { 'data-key': entry.key, class: `entry entry-${entry.kind}` },
        h('time', { datetime: entry.time }, clock(entry.time)),
        ' ',
        entry.text,
      ),
    );
  }
  list.parentElement?.scrollTo({ top: list.parentElement.scrollHeight });
}
