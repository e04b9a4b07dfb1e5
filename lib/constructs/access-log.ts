import type { RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

/**
 * A stage's access log: one JSON object per request, built from `$context` variables that the API
 * type supports (HTTP and WebSocket APIs differ, so each API passes its own fields).
 */
export function jsonAccessLog(
  scope: Construct,
  fields: Readonly<Record<string, string>>,
  removalPolicy: RemovalPolicy,
): apigwv2.IAccessLogSettings {
  const logGroup = new logs.LogGroup(scope, 'AccessLogs', {
    retention: logs.RetentionDays.ONE_MONTH,
    removalPolicy,
  });
  return {
    destination: new apigwv2.LogGroupLogDestination(logGroup),
    format: AccessLogFormat.custom(JSON.stringify(fields)),
  };
}
