/** One embedded-metric-format document a function printed, as CloudWatch Logs would extract it. */
export interface LoggedMetrics {
  readonly function: string;
  readonly document: Record<string, unknown>;
}

// A long `npm start` should not grow without bound; CloudWatch keeps more, but tests and a person
// looking at a local run only ever need the recent ones.
const KEPT = 10_000;

/** The metrics the functions emitted, oldest first: what CloudWatch would have made of their logs. */
export class MetricLog {
  private readonly entries: LoggedMetrics[] = [];

  record(document: Record<string, unknown>, functionName: string): void {
    this.entries.push({ function: functionName, document });
    if (this.entries.length > KEPT) this.entries.shift();
  }

  all(): readonly LoggedMetrics[] {
    return [...this.entries];
  }
}
