import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { StackModel } from '#lib/local-cloud/stack-model.ts';
import { median, round } from './stats.ts';

export interface BundleResult {
  readonly function: string;
  readonly bytes: number;
  readonly kb: number;
  /** Median time to import the bundle in a fresh worker, minus the same for an empty module. */
  readonly load_ms: number;
}

// Times one dynamic import inside a brand-new isolate: nothing is cached but the OS's file cache.
const LOADER = `
const { parentPort, workerData } = require('node:worker_threads');
const started = performance.now();
import(workerData.url).then(
  () => parentPort.postMessage({ ms: performance.now() - started }),
  (error) => parentPort.postMessage({ error: String(error?.message ?? error) }),
);
`;

class BundleLoadError extends Error {
  override readonly name = 'BundleLoadError';
}

function loadOnce(url: string, environment: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(LOADER, { eval: true, workerData: { url }, env: environment });
    worker.once('message', (reply: { ms?: number; error?: string }) => {
      void worker.terminate();
      if (reply.error !== undefined || reply.ms === undefined)
        reject(new BundleLoadError(`${url}: ${reply.error}`));
      else resolve(reply.ms);
    });
    worker.once('error', reject);
  });
}

async function medianLoad(url: string, runs: number, environment: NodeJS.ProcessEnv): Promise<number> {
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) samples.push(await loadOnce(url, environment));
  return median(samples);
}

/**
 * Item 4: each function's bundle as the template deploys it (`aws:asset:path`), its size, and its
 * cold module-load time. The bundles leave `@aws-sdk/*` to the runtime; the local cloud links the
 * project's SDK into the assembly for that, so loading here includes the SDK modules a bundle
 * imports, as a Lambda cold start does.
 */
export async function measureBundles(
  model: StackModel,
  assemblyDir: string,
  runs: number,
): Promise<BundleResult[]> {
  if (!existsSync(join(assemblyDir, 'node_modules', '@aws-sdk')))
    throw new BundleLoadError('the assembly has no @aws-sdk link; start the local cloud on it first');
  const environment = { ...process.env, POWERTOOLS_LOG_LEVEL: 'CRITICAL' };
  const scratch = mkdtempSync(join(tmpdir(), 'bench-empty-'));
  try {
    const empty = join(scratch, 'empty.mjs');
    writeFileSync(empty, 'export {};\n');
    const floor = await medianLoad(pathToFileURL(empty).href, runs, environment);
    const results: BundleResult[] = [];
    for (const fn of [...model.functions.values()].sort((a, b) => a.name.localeCompare(b.name))) {
      const file = join(fn.assetDir, `${fn.handler.slice(0, fn.handler.lastIndexOf('.'))}.mjs`);
      const bytes = statSync(file).size;
      const load = await medianLoad(pathToFileURL(file).href, runs, environment);
      results.push({
        function: fn.name,
        bytes,
        kb: round(bytes / 1024, 1),
        load_ms: round(Math.max(0, load - floor), 1),
      });
    }
    return results;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
