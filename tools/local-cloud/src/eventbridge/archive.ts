import { AwsServiceError } from '../aws-json-server.ts';
import type { BusEvent } from './endpoint.ts';
import type { CompiledPattern } from './event-pattern/compile.ts';

export interface ArchiveDefinition {
  readonly name: string;
  readonly busName: string;
  readonly description: string;
  readonly matches: CompiledPattern;
  readonly pattern: unknown;
  readonly retentionDays: number;
}

interface ArchivedEvent {
  readonly event: BusEvent;
  readonly archivedAt: number;
}

export interface Replay {
  readonly name: string;
  readonly archiveName: string;
  readonly destinationBus: string;
  readonly ruleFilter: readonly string[] | null;
  readonly startTime: number;
  readonly endTime: number;
  state: 'STARTING' | 'RUNNING' | 'COMPLETED' | 'FAILED';
  replayed: number;
  readonly startedAt: number;
  completedAt: number | null;
}

function epochMs(value: unknown, field: string): number {
  // The SDK serializes timestamps as epoch seconds.
  const ms = typeof value === 'number' ? value * 1000 : Date.parse(String(value));
  if (!Number.isFinite(ms))
    throw new AwsServiceError('ValidationException', `${field} is not a valid timestamp`);
  return ms;
}

/**
 * EventBridge archives and replays: an archive keeps the events of its bus that match its pattern,
 * and a replay sends those of a time window back to the bus's rules, marked with `replay-name` as
 * AWS marks them, so consumers see exactly what they would after a real replay.
 */
export class EventArchives {
  private readonly stored = new Map<string, ArchivedEvent[]>();
  private readonly replays = new Map<string, Replay>();

  constructor(
    private readonly archives: readonly ArchiveDefinition[],
    private readonly reroute: (
      busName: string,
      event: BusEvent,
      ruleFilter: readonly string[] | null,
    ) => number,
  ) {}

  record(busName: string, event: BusEvent): void {
    for (const archive of this.archives) {
      if (archive.busName !== busName || !archive.matches(event)) continue;
      const events = this.stored.get(archive.name) ?? [];
      events.push({ event, archivedAt: Date.now() });
      this.stored.set(archive.name, events);
    }
  }

  listArchives() {
    return { Archives: this.archives.map((archive) => this.view(archive)) };
  }

  describeArchive(input: Record<string, unknown>) {
    const archive = this.find(String(input.ArchiveName));
    return {
      ...this.view(archive),
      ArchiveArn: `arn:aws:events:us-east-1:000000000000:archive/${archive.name}`,
      EventPattern: JSON.stringify(archive.pattern),
      Description: archive.description,
    };
  }

  startReplay(input: Record<string, unknown>) {
    const name = String(input.ReplayName ?? '');
    if (!name) throw new AwsServiceError('ValidationException', 'ReplayName is required');
    if (this.replays.has(name))
      throw new AwsServiceError('ResourceAlreadyExistsException', `Replay ${name} already exists.`);
    const archiveName =
      String(input.EventSourceArn ?? '')
        .split('/')
        .at(-1) ?? '';
    const archive = this.find(archiveName);
    const destination = (input.Destination ?? {}) as { Arn?: string; FilterArns?: string[] };
    const destinationBus =
      String(destination.Arn ?? '')
        .split('/')
        .at(-1) ?? archive.busName;
    if (destinationBus !== archive.busName) {
      throw new AwsServiceError(
        'ValidationException',
        'The destination of a replay must be the archive source event bus.',
      );
    }
    const replay: Replay = {
      name,
      archiveName,
      destinationBus,
      ruleFilter: destination.FilterArns?.map((arn) => arn.split('/').at(-1) ?? arn) ?? null,
      startTime: epochMs(input.EventStartTime, 'EventStartTime'),
      endTime: epochMs(input.EventEndTime, 'EventEndTime'),
      state: 'RUNNING',
      replayed: 0,
      startedAt: Date.now(),
      completedAt: null,
    };
    this.replays.set(name, replay);
    // Replays run in the background on AWS too; the caller polls DescribeReplay.
    setImmediate(() => {
      for (const { event, archivedAt } of this.stored.get(archive.name) ?? []) {
        if (archivedAt < replay.startTime || archivedAt >= replay.endTime) continue;
        this.reroute(
          replay.destinationBus,
          { ...event, 'replay-name': replay.name } as BusEvent,
          replay.ruleFilter,
        );
        replay.replayed += 1;
      }
      replay.state = 'COMPLETED';
      replay.completedAt = Date.now();
    });
    return {
      ReplayArn: this.replayArn(name),
      State: 'STARTING',
      StateReason: '',
      ReplayStartTime: replay.startedAt / 1000,
    };
  }

  describeReplay(input: Record<string, unknown>) {
    const replay = this.replays.get(String(input.ReplayName));
    if (!replay)
      throw new AwsServiceError(
        'ResourceNotFoundException',
        `Replay ${String(input.ReplayName)} does not exist.`,
      );
    return {
      ReplayName: replay.name,
      ReplayArn: this.replayArn(replay.name),
      State: replay.state,
      EventSourceArn: `arn:aws:events:us-east-1:000000000000:archive/${replay.archiveName}`,
      EventStartTime: replay.startTime / 1000,
      EventEndTime: replay.endTime / 1000,
      ReplayStartTime: replay.startedAt / 1000,
      ...(replay.completedAt ? { ReplayEndTime: replay.completedAt / 1000 } : {}),
    };
  }

  private find(name: string): ArchiveDefinition {
    const archive = this.archives.find((candidate) => candidate.name === name);
    if (!archive) throw new AwsServiceError('ResourceNotFoundException', `Archive ${name} does not exist.`);
    return archive;
  }

  private view(archive: ArchiveDefinition) {
    return {
      ArchiveName: archive.name,
      EventSourceArn: `arn:aws:events:us-east-1:000000000000:event-bus/${archive.busName}`,
      State: 'ENABLED',
      RetentionDays: archive.retentionDays,
      EventCount: this.stored.get(archive.name)?.length ?? 0,
    };
  }

  private replayArn(name: string): string {
    return `arn:aws:events:us-east-1:000000000000:replay/${name}`;
  }
}
