import { cpus, totalmem } from 'node:os';

export interface Row {
  readonly metric: string;
  readonly value: string;
  readonly target?: string;
  /** Whether the figure meets its target; absent when there is none. */
  readonly meets?: boolean;
}

export interface Section {
  readonly title: string;
  readonly note?: string;
  readonly rows: readonly Row[];
}

export function machine() {
  const [cpu] = cpus();
  return {
    cores: cpus().length,
    cpu_model: cpu?.model ?? 'unknown',
    memory_gb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

/** A plain-text table per section: metric, value, target, and whether the target is met. */
export function renderTable(sections: readonly Section[]): string {
  const all = sections.flatMap((section) => section.rows);
  const widths = {
    metric: Math.max(6, ...all.map((row) => row.metric.length)),
    value: Math.max(5, ...all.map((row) => row.value.length)),
    target: Math.max(6, ...all.map((row) => row.target?.length ?? 0)),
  };
  const line = '-'.repeat(widths.metric + widths.value + widths.target + 16);
  const out: string[] = [];
  for (const section of sections) {
    out.push('', section.title, line);
    if (section.note) out.push(...section.note.split('\n').map((text) => `  ${text}`), line);
    for (const row of section.rows) {
      const verdict = row.meets === undefined ? '' : row.meets ? 'meets' : 'MISSES';
      out.push(
        `${pad(row.metric, widths.metric)}  ${pad(row.value, widths.value)}  ${pad(row.target ?? '', widths.target)}  ${verdict}`.trimEnd(),
      );
    }
  }
  return out.join('\n');
}

export const ms = (value: number) => `${value.toFixed(1)} ms`;
