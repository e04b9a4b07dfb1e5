import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LocalCloudEndpoints } from '@party-planner/local-cloud';
import type { PageConfig } from '#shared/client/page-config.ts';

// The page as the local cloud serves it (`npm start`, the browser tests): where its build lives, how
// it is built when missing, and what its `config.json` tells it.

const WEB_DIR = fileURLToPath(new URL('.', import.meta.url));
export const WEB_DIST = join(WEB_DIR, 'dist');

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
