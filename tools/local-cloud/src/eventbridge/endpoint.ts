import { randomUUID } from 'node:crypto';
import type { RequestListener, Server } from 'node:http';
import { AwsServiceError, createAwsJsonServer, type Operation } from '../aws-json-server.ts';
import type { AccessRequest, Authorize } from '../iam/access.ts';
import { parseTraceHeader } from '../trace-header.ts';
import { EventArchives } from './archive.ts';
import {
  type CompiledPattern,
  compileEventPattern,
  InvalidEventPatternError,
} from './event-pattern/compile.ts';

export const ACCOUNT = '000000000000';
export const REGION = 'us-east-1';

/** An event as EventBridge delivers it to a target. */
export interface BusEvent {
  readonly version: '0';
  readonly id: string;
  readonly 'detail-type': string;
  readonly source: string;
  readonly account: string;
  readonly time: string;
  readonly region: string;
  readonly resources: readonly string[];
  readonly detail: unknown;
}

export interface RuleDefinition {
  readonly name: string;
  readonly busName: string;
  readonly description: string;
  readonly pattern: unknown;
}

/** Hands a matched event to a rule's targets, with the trace header its PutEvents entry carried (if valid). */
export type Delivery = (rule: RuleDefinition, event: BusEvent, traceHeader: string | undefined) => void;

export interface ArchiveSpec {
  readonly name: string;
  readonly busName: string;
  readonly description: string;
  readonly pattern: unknown;
  readonly retentionDays: number;
}

interface Rule extends RuleDefinition {
  readonly matches: CompiledPattern;
}

const MAX_ENTRIES = 10;
/** PutEvents' limit on the total size of a request's entries. */
const MAX_REQUEST_BYTES = 256 * 1024;

type Entry = {
  Source?: string;
  DetailType?: string;
  Detail?: string;
  EventBusName?: string;
  Resources?: string[];
  Time?: number | string;
  TraceHeader?: string;
};

const STRING_FIELDS = ['Source', 'DetailType', 'Detail', 'EventBusName', 'TraceHeader'] as const;
/** PutEventsRequestEntry's length constraint on TraceHeader. */
const MAX_TRACE_HEADER_LENGTH = 500;

const isTimestamp = (value: unknown) =>
  (typeof value === 'number' || typeof value === 'string') && !Number.isNaN(toDate(value).getTime());

/**
 * Why the member at `at` is not shaped like a PutEvents entry, or null when it is. A null field
 * counts as absent, as the JSON protocol has it; absent required fields are each entry's own error.
 */
function entryShapeProblem(entry: unknown, at: string): string | null {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    return `Value at '${at}' must be a structure`;
  }
  const fields = entry as Record<string, unknown>;
  const present = (field: string) => fields[field] !== undefined && fields[field] !== null;
  const wrong = STRING_FIELDS.find((field) => present(field) && typeof fields[field] !== 'string');
  if (wrong) return `Value at '${at}.${wrong}' must be a string`;
  const { Resources, Time } = fields;
  if (
    present('Resources') &&
    !(Array.isArray(Resources) && Resources.every((resource) => typeof resource === 'string'))
  ) {
    return `Value at '${at}.Resources' must be a list of strings`;
  }
  if (present('Time') && !isTimestamp(Time)) return `Value at '${at}.Time' must be a timestamp`;
  return traceHeaderProblem(fields.TraceHeader, at);
}

function traceHeaderProblem(traceHeader: unknown, at: string): string | null {
  if (typeof traceHeader !== 'string') return null;
  if (traceHeader.length < 1 || traceHeader.length > MAX_TRACE_HEADER_LENGTH) {
    return `Value at '${at}.TraceHeader' failed to satisfy constraint: Member must have length between 1 and ${MAX_TRACE_HEADER_LENGTH}`;
  }
  return null;
}

function entrySize(entry: Entry): number {
  const bytes = (value: string | undefined) => Buffer.byteLength(value ?? '');
  return (
    (entry.Time === undefined ? 0 : 14) +
    bytes(entry.Source) +
    bytes(entry.DetailType) +
    bytes(entry.Detail) +
    (entry.Resources ?? []).reduce((sum, resource) => sum + bytes(resource), 0)
  );
}

/** X-Ray drops a header it cannot read, and EventBridge still delivers the event, untraced. */
function acceptedTraceHeader(traceHeader: string | undefined): string | undefined {
  return traceHeader !== undefined && parseTraceHeader(traceHeader) ? traceHeader : undefined;
}

function busNameOf(nameOrArn: string | undefined): string {
  if (!nameOrArn) return 'default';
  const marker = ':event-bus/';
  return nameOrArn.includes(marker) ? nameOrArn.slice(nameOrArn.indexOf(marker) + marker.length) : nameOrArn;
}

const arnOf = (kind: string, name: string) => `arn:aws:events:${REGION}:${ACCOUNT}:${kind}/${name}`;

const busArn = (nameOrArn: string | undefined) =>
  nameOrArn?.startsWith('arn:') ? nameOrArn : arnOf('event-bus', busNameOf(nameOrArn));

export function ruleArn(busName: string, ruleName: string): string {
  return arnOf('rule', `${busName === 'default' ? '' : `${busName}/`}${ruleName}`);
}

/** What IAM checks for each operation: PutEvents on every bus its entries name, else `*` or the one resource. */
function eventsAccessRequests(operation: string, input: Record<string, unknown>): AccessRequest[] {
  const action = `events:${operation}`;
  const named = (key: string) => String(input[key] ?? '');
  switch (operation) {
    case 'PutEvents': {
      const entries = Array.isArray(input.Entries) ? (input.Entries as Entry[]) : [];
      const buses = new Set(
        entries.map((entry) =>
          busArn(typeof entry?.EventBusName === 'string' ? entry.EventBusName : undefined),
        ),
      );
      return [...buses].map((resource) => ({ action, resource }));
    }
    case 'DescribeRule':
      return [
        { action, resource: ruleArn(busNameOf(input.EventBusName as string | undefined), named('Name')) },
      ];
    case 'DescribeArchive':
      return [{ action, resource: arnOf('archive', named('ArchiveName')) }];
    case 'StartReplay':
    case 'DescribeReplay':
      return [{ action, resource: arnOf('replay', named('ReplayName')) }];
    default:
      return [{ action, resource: '*' }];
  }
}

/** An operation that first asks `authorize`, and answers AWS's AccessDeniedException when refused. */
function authorized(name: string, operation: Operation, authorize: Authorize | undefined): Operation {
  if (!authorize) return operation;
  return (input, request) => {
    const denial = authorize(request.headers.authorization, eventsAccessRequests(name, input));
    if (denial) throw new AwsServiceError('AccessDeniedException', denial.message);
    return operation(input, request);
  };
}

function isoSeconds(time: Date): string {
  return `${time.toISOString().slice(0, 19)}Z`;
}

function toDate(time: number | string | undefined): Date {
  if (time === undefined) return new Date();
  // The SDK sends epoch seconds; other clients may send ISO strings.
  return typeof time === 'number' ? new Date(time * 1000) : new Date(time);
}

/**
 * An EventBridge endpoint that the real `@aws-sdk/client-eventbridge` talks to: PutEvents with its
 * per-entry errors and limits, TestEventPattern, ListRules and DescribeRule. Matching events are
 * handed to `deliver` per rule; delivery (async invocation, retries, dead letters) is the caller's.
 */
export class LocalEventBridge {
  private readonly rules: Rule[];
  readonly server: Server;
  readonly buses: ReadonlySet<string>;
  private readonly archives: EventArchives;

  constructor(
    buses: readonly string[],
    rules: readonly RuleDefinition[],
    private readonly deliver: Delivery,
    archives: readonly ArchiveSpec[] = [],
    /** Serves the requests for other services that share the port (SQS, CloudFormation). */
    others?: RequestListener,
    /** IAM for the callers' roles; without it every caller may call everything. */
    authorize?: Authorize,
  ) {
    this.buses = new Set(['default', ...buses]);
    this.rules = rules.map((rule) => ({ ...rule, matches: compileEventPattern(rule.pattern) }));
    this.archives = new EventArchives(
      archives.map((archive) => ({ ...archive, matches: compileEventPattern(archive.pattern) })),
      (busName, event, ruleFilter) => this.route(busName, event, ruleFilter),
    );
    const operations: Record<string, Operation> = {
      ListArchives: () => this.archives.listArchives(),
      DescribeArchive: (input) => this.archives.describeArchive(input),
      StartReplay: (input) => this.archives.startReplay(input),
      DescribeReplay: (input) => this.archives.describeReplay(input),
      PutEvents: (input) => this.putEvents(input),
      TestEventPattern: (input) => this.testEventPattern(input),
      ListRules: (input) => this.listRules(input),
      DescribeRule: (input) => this.describeRule(input),
    };
    this.server = createAwsJsonServer(
      'AWSEvents',
      Object.fromEntries(
        Object.entries(operations).map(([name, operation]) => [name, authorized(name, operation, authorize)]),
      ),
      others,
    );
  }

  /** Routes one event as if it had been put on the bus; a replay may limit it to some rules. */
  route(
    busName: string,
    event: BusEvent,
    ruleFilter: readonly string[] | null = null,
    traceHeader?: string,
  ): number {
    let matched = 0;
    for (const rule of this.rules) {
      if (rule.busName !== busName || !rule.matches(event)) continue;
      if (ruleFilter && !ruleFilter.includes(rule.name)) continue;
      matched += 1;
      this.deliver(rule, event, traceHeader);
    }
    return matched;
  }

  private putEvents(input: Record<string, unknown>) {
    if (!Array.isArray(input.Entries)) {
      throw new AwsServiceError(
        'ValidationException',
        "1 validation error detected: Value at 'entries' must be a list",
      );
    }
    if (input.Entries.length === 0 || input.Entries.length > MAX_ENTRIES) {
      throw new AwsServiceError(
        'ValidationException',
        `1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length between 1 and ${MAX_ENTRIES}`,
      );
    }
    input.Entries.forEach((entry: unknown, index) => {
      const problem = entryShapeProblem(entry, `entries.${index + 1}.member`);
      if (problem)
        throw new AwsServiceError('ValidationException', `1 validation error detected: ${problem}`);
    });
    const entries = input.Entries as Entry[];
    const total = entries.reduce((sum, entry) => sum + entrySize(entry), 0);
    if (total > MAX_REQUEST_BYTES) {
      throw new AwsServiceError(
        'ValidationException',
        'Total size of the entries in the request is over the limit.',
      );
    }
    const results = entries.map((entry) => this.putEntry(entry));
    return { FailedEntryCount: results.filter((result) => 'ErrorCode' in result).length, Entries: results };
  }

  private putEntry(entry: Entry): { EventId: string } | { ErrorCode: string; ErrorMessage: string } {
    const busName = busNameOf(entry.EventBusName);
    if (!this.buses.has(busName)) {
      return { ErrorCode: 'ResourceNotFoundException', ErrorMessage: `Event bus ${busName} does not exist.` };
    }
    for (const field of ['Source', 'DetailType', 'Detail'] as const) {
      if (!entry[field]) {
        return {
          ErrorCode: 'InvalidArgument',
          ErrorMessage: `Parameter ${field} is not valid. Reason: ${field} is a required argument.`,
        };
      }
    }
    let detail: unknown;
    try {
      detail = JSON.parse(entry.Detail ?? '');
    } catch {
      return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
    }
    if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) {
      return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
    }
    const event: BusEvent = {
      version: '0',
      id: randomUUID(),
      'detail-type': String(entry.DetailType),
      source: String(entry.Source),
      account: ACCOUNT,
      time: isoSeconds(toDate(entry.Time)),
      region: REGION,
      resources: entry.Resources ?? [],
      detail,
    };
    // Archives keep the event alone: a replay carries no trace header, as on AWS.
    this.archives.record(busName, event);
    this.route(busName, event, null, acceptedTraceHeader(entry.TraceHeader));
    return { EventId: event.id };
  }

  private testEventPattern(input: Record<string, unknown>) {
    let matches: CompiledPattern;
    try {
      matches = compileEventPattern(String(input.EventPattern ?? ''));
    } catch (error) {
      if (error instanceof InvalidEventPatternError)
        throw new AwsServiceError('InvalidEventPatternException', error.message);
      throw error;
    }
    let event: unknown;
    try {
      event = JSON.parse(String(input.Event ?? ''));
    } catch {
      throw new AwsServiceError('ValidationException', 'Parameter Event is not valid.');
    }
    return { Result: matches(event) };
  }

  private ruleView(rule: Rule) {
    return {
      Name: rule.name,
      Arn: ruleArn(rule.busName, rule.name),
      EventPattern: JSON.stringify(rule.pattern),
      State: 'ENABLED',
      Description: rule.description,
      EventBusName: rule.busName,
    };
  }

  private listRules(input: Record<string, unknown>) {
    const busName = busNameOf(input.EventBusName as string | undefined);
    const prefix = String(input.NamePrefix ?? '');
    return {
      Rules: this.rules
        .filter((rule) => rule.busName === busName && rule.name.startsWith(prefix))
        .map((rule) => this.ruleView(rule)),
    };
  }

  private describeRule(input: Record<string, unknown>) {
    const busName = busNameOf(input.EventBusName as string | undefined);
    const rule = this.rules.find(
      (candidate) => candidate.busName === busName && candidate.name === input.Name,
    );
    if (!rule)
      throw new AwsServiceError(
        'ResourceNotFoundException',
        `Rule ${String(input.Name)} does not exist on EventBus ${busName}.`,
      );
    return { ...this.ruleView(rule), CreatedBy: ACCOUNT };
  }
}
