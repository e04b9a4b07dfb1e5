import { describeEvent, type LocalCloudOptions, synthesize } from '@party-planner/local-cloud';
import { STACK_ID } from '#lib/party-planner-app.ts';
import { REPO_ROOT } from '#lib/paths.ts';

// Not an entry point: the party planner's side of the local cloud (tools/local-cloud knows nothing of
// parties), shared by `npm start` (bin/local-cloud.ts), the end-to-end tests and the bench: which app
// it synthesizes and runs, and the party each invocation's log line is about. The page's side is in
// web/build.ts.

/** Synthesizes this CDK app into `outDir` (cdk.out by default). */
export function synthesizeApp(outDir?: string): Promise<string> {
  return synthesize(REPO_ROOT, outDir);
}

/** The event's type and replay as the local cloud names them, and the party it is about. */
export function describePartyEvent(event: unknown): Record<string, string> {
  if (typeof event !== 'object' || event === null) return {};
  const record = event as Record<string, Record<string, unknown> | undefined>;
  const context = record.requestContext as { authorizer?: Record<string, unknown> } | undefined;
  const partyId =
    record.detail?.party_id ??
    context?.authorizer?.party_id ??
    record.queryStringParameters?.party_id ??
    record.pathParameters?.party_id;
  return { ...describeEvent(event), ...(typeof partyId === 'string' ? { party_id: partyId } : {}) };
}

/** What every run of this app on the local cloud shares: its stack, and the party in each log line. */
export const PARTY_CLOUD = {
  stackName: STACK_ID,
  describeEvent: describePartyEvent,
} as const satisfies Partial<LocalCloudOptions>;
