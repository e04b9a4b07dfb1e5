import { RemovalPolicy } from 'aws-cdk-lib';
import type { Node } from 'constructs';

/** Deployment knobs read from CDK context (`cdk.json` or `-c key=value`). */
export interface StackSettings {
  /** `-c removalPolicy=destroy` lets dev stacks take their data with them; by default everything is kept. */
  readonly removalPolicy: RemovalPolicy;
  /**
   * `-c webOrigins=https://a.example,https://b.example`: origins the HTTP API allows besides the
   * hosted page's own; none by default (the stack then allows `*` unless it hosts the page).
   */
  readonly webOrigins: readonly string[];
  /**
   * WebSocket access logs need the account-wide API Gateway CloudWatch role. It is one setting per
   * account and region, which another stack or the account baseline may own, so the stack sets it
   * (`AWS::ApiGateway::Account` and its role) only when `-c apiGatewayCloudWatchRole=true` asks.
   */
  readonly apiGatewayCloudWatchRole: boolean;
  /**
   * Access logs on the WebSocket stage, which deploy only where that account role is set: on when this
   * stack sets it, and with `-c webSocketAccessLogs=true` where the account already has it. Off
   * otherwise, so that a first deploy to a fresh account works without either.
   */
  readonly webSocketAccessLogs: boolean;
  /** `-c web=true` also hosts the page (web/dist) on S3 + CloudFront; off so synth needs no page build. */
  readonly web: boolean;
  /** `-c alarmEmail=you@example.com` subscribes that address to the alarm topic; none by default. */
  readonly alarmEmail: string | undefined;
}

export class InvalidSettingError extends Error {
  override readonly name = 'InvalidSettingError';
}

export function readSettings(node: Node): StackSettings {
  const apiGatewayCloudWatchRole = readBoolean(
    'apiGatewayCloudWatchRole',
    node.tryGetContext('apiGatewayCloudWatchRole'),
    false,
  );
  return {
    removalPolicy: readRemovalPolicy(node.tryGetContext('removalPolicy')),
    webOrigins: readList(node.tryGetContext('webOrigins')),
    apiGatewayCloudWatchRole,
    webSocketAccessLogs: readBoolean(
      'webSocketAccessLogs',
      node.tryGetContext('webSocketAccessLogs'),
      apiGatewayCloudWatchRole,
    ),
    web: readBoolean('web', node.tryGetContext('web'), false),
    alarmEmail: readEmail(node.tryGetContext('alarmEmail')),
  };
}

function readRemovalPolicy(value: unknown): RemovalPolicy {
  if (value === undefined || value === 'retain') return RemovalPolicy.RETAIN;
  if (value === 'destroy') return RemovalPolicy.DESTROY;
  throw new InvalidSettingError(`removalPolicy must be "retain" or "destroy", got ${JSON.stringify(value)}`);
}

function readList(value: unknown): readonly string[] {
  if (value === undefined) return [];
  // `-c` passes strings, cdk.json may hold a real array.
  const items = Array.isArray(value) ? value : String(value).split(',');
  return items.map((item) => String(item).trim()).filter((item) => item.length > 0);
}

/** Only the shape SNS needs to send a confirmation; a typo fails the synth, not the deploy. */
function readEmail(value: unknown): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'string' && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value)) return value;
  throw new InvalidSettingError(`alarmEmail must be an email address, got ${JSON.stringify(value)}`);
}

function readBoolean(key: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new InvalidSettingError(`${key} must be true or false, got ${JSON.stringify(value)}`);
}
