import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  describeEvent,
  type LocalCloudEndpoints,
  type LocalCloudOptions,
  synthesize,
} from '@party-planner/local-cloud';
import { STACK_ID } from '#lib/party-planner-app.ts';
import { REPO_ROOT } from '#lib/paths.ts';
import type { PageConfig } from '#shared/client/page-config.ts';

// The party planner's side of the local cloud (tools/local-cloud knows nothing of parties): which app
// it synthesizes, the page it serves and what that page reads, and the party an invocation is about.

const WEB_DIR = join(REPO_ROOT, 'web');
export const WEB_DIST = join(WEB_DIR, 'dist');

/** Synthesizes this CDK app into `outDir` (cdk.out by default). */
export function synthesizeApp(outDir?: string): Promise<string> {
  return synthesize(REPO_ROOT, outDir);
}

/**
 * Builds the page with Vite's JS API when `distDir` has no build yet. Vite is a dev dependency, loaded
 * only here, so the local cloud still starts in an install without it as long as a build exists.
 */
export async function ensureWebBuild(distDir = WEB_DIST): Promise<boolean> {
  if (existsSync(join(distDir, 'index.html'))) return false;
  const { build } = await import('vite');
  await build({ configFile: join(WEB_DIR, 'vite.config.ts'), logLevel: 'warn', build: { outDir: distDir } });
  return true;
}

/** What the page reads from `config.json`: the endpoints of this cloud. */
export function pageConfig(endpoints: LocalCloudEndpoints): PageConfig {
  return { httpUrl: endpoints.http, wsUrl: endpoints.websocket };
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
