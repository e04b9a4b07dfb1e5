import { scriptFor } from './party-scripts.ts';
import { round, type Summary, summarize } from './summary.ts';

/** One party as a client sees it, over whatever transport a measurement uses. */
export interface PartySession {
  /** Sends one input; resolves once it was accepted (the HTTP 202, or the handler's return). */
  add(content: string): Promise<void>;
  /**
   * Resolves with the `performance.now()` at which the first plan with an inputs version of at least
   * `version` arrived, or null when none arrives within `timeoutMs`.
   */
  planReached(version: number, timeoutMs: number): Promise<number | null>;
  /** Requests answered 409 Conflict and sent again so far. */
  conflicts(): number;
  /** Messages the client received so far. */
  messages(): number;
  close(): Promise<void>;
}

export interface WorkloadResult {
  readonly parties: number;
  readonly inputs: number;
  readonly latency_ms: Summary;
  /** Inputs whose plan never came within the timeout; they are not in the latency figures. */
  readonly unanswered: number;
  /** 409 answers that the client retried (the time spent retrying is inside the latency). */
  readonly conflicts_retried: number;
  /** Inputs refused even after retrying; the rest of that party's script is skipped. */
  readonly failed: number;
  readonly wall_ms: number;
  readonly inputs_per_second: number;
  readonly messages_received: number;
}

/**
 * Every party sends its script concurrently, each input as soon as the plan reflecting its previous
 * one arrived (a closed loop: N people typing, not an open firehose). Latency of one input runs from
 * just before its request is sent to the first plan that reflects it. A party starts with no
 * inputs, so its n-th input is the one that makes its inputs version n.
 */
export async function runWorkload(
  sessions: readonly PartySession[],
  inputsPerParty: number,
  timeoutMs: number,
  script: (party: number, length: number) => string[] = scriptFor,
): Promise<WorkloadResult> {
  const latencies: number[] = [];
  let unanswered = 0;
  let failed = 0;
  const before = sessions.reduce((sum, session) => sum + session.messages(), 0);
  const conflictsBefore = sessions.reduce((sum, session) => sum + session.conflicts(), 0);
  const started = performance.now();
  await Promise.all(
    sessions.map(async (session, index) => {
      const inputs = script(index, inputsPerParty);
      for (const [position, content] of inputs.entries()) {
        const sent = performance.now();
        try {
          await session.add(content);
        } catch {
          // Its inputs version would now be off by one for every later input of this party.
          failed += inputs.length - position;
          return;
        }
        const reached = await session.planReached(position + 1, timeoutMs);
        if (reached === null) unanswered += 1;
        else latencies.push(reached - sent);
      }
    }),
  );
  const wallMs = performance.now() - started;
  const inputs = sessions.length * inputsPerParty;
  return {
    parties: sessions.length,
    inputs,
    latency_ms: summarize(latencies),
    unanswered,
    conflicts_retried: sessions.reduce((sum, session) => sum + session.conflicts(), 0) - conflictsBefore,
    failed,
    wall_ms: round(wallMs, 0),
    inputs_per_second: round((inputs - unanswered - failed) / (wallMs / 1000), 1),
    messages_received: sessions.reduce((sum, session) => sum + session.messages(), 0) - before,
  };
}

/** Tracks, per party, when each plan version arrived, and wakes whoever waits for it. */
export class PlanTracker {
  private latest = 0;
  private latestAt = 0;
  private waiters: { version: number; resolve: (at: number | null) => void }[] = [];

  planArrived(inputsVersion: number, at: number): void {
    if (inputsVersion <= this.latest) return;
    this.latest = inputsVersion;
    this.latestAt = at;
    this.waiters = this.waiters.filter((waiter) => {
      if (waiter.version > inputsVersion) return true;
      waiter.resolve(at);
      return false;
    });
  }

  reached(version: number, timeoutMs: number): Promise<number | null> {
    if (this.latest >= version) return Promise.resolve(this.latestAt);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((waiter) => waiter.resolve !== done);
        resolve(null);
      }, timeoutMs);
      const done = (at: number | null) => {
        clearTimeout(timer);
        resolve(at);
      };
      this.waiters.push({ version, resolve: done });
    });
  }
}
