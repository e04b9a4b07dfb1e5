import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { stageTaskDirectories } from '@party-planner/local-cloud/lambda';
import type { StackModel } from '@party-planner/local-cloud/template';
import { median, round } from './summary.ts';

export interface BundleResult {
  readonly function: string;
  readonly bytes: number;
  readonly kb: number;
  /**
   * Median time to import the bundle in a fresh worker whose runtime SDK modules are already loaded,
   * minus the same for an empty module: the cost of the bundle's own code, which the target judges.
   * Not a whole container's cold start: `load_with_sdk_ms` is nearer that.
   */
  readonly own_load_ms: number;
  /** The same with the SDK modules it imports loaded cold too, as a brand-new container does. */
  readonly load_with_sdk_ms: number;
  readonly sdk_modules: readonly string[];
}

// Times one dynamic import inside a brand-new isolate: nothing is cached but the OS's file cache.
// The worker resolves bare specifiers from the function's task directory, as Lambda lays it out.
const LOADER = `
const { parentPort, workerData } = require('node:worker_threads');
const { createRequire } = require('node:module');
const resolve = createRequire(workerData.base).resolve;
(async () => {
  for (const name of workerData.preload) await import(resolve(name));
  const started = performance.now();
  await import(workerData.url);
  return performance.now() - started;
})().then(
  (ms) => parentPort.postMessage({ ms }),
  (error) => parentPort.postMessage({ error: String(error?.message ?? error) }),
);
`;

/** The runtime-provided packages a bundle imports (left out of it by `externalModules`). */
function sdkImports(source: string): string[] {
  return [
    ...new Set([...source.matchAll(/from\s*"(@aws-sdk\/[a-z0-9-]+)"/g)].map((match) => match[1] ?? '')),
  ];
}

class BundleLoadError extends Error {
  override readonly name = 'BundleLoadError';
}

interface LoadSpec {
  readonly url: string;
  /** A file in the task directory: bare imports resolve from there. */
  readonly base: string;
  readonly preload: readonly string[];
}

function loadOnce(spec: LoadSpec, environment: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(LOADER, { eval: true, workerData: spec, env: environment });
    worker.once('message', (reply: { ms?: number; error?: string }) => {
      void worker.terminate();
      if (reply.error !== undefined || reply.ms === undefined)
        reject(new BundleLoadError(`${spec.url}: ${reply.error}`));
      else resolve(reply.ms);
    });
    worker.once('error', reject);
  });
}

async function medianLoad(spec: LoadSpec, runs: number, environment: NodeJS.ProcessEnv): Promise<number> {
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) samples.push(await loadOnce(spec, environment));
  return median(samples);
}

/**
 * Item 4: each function's bundle as the template deploys it (`aws:asset:path`), its size, and its
 * cold module-load time, run from a task directory laid out as Lambda does (bundle, layers, the
 * runtime's SDK). The bundles leave `@aws-sdk/*` to the runtime, so a load is timed twice: with
 * those SDK modules already loaded, which is the bundle's own cost (its layers' code included) and
 * what its target judges, and with them loaded cold too, as a brand-new container pays it.
 */
export async function measureBundles(model: StackModel, runs: number): Promise<BundleResult[]> {
  const environment = { ...process.env, POWERTOOLS_LOG_LEVEL: 'CRITICAL' };
  const tasks = stageTaskDirectories(model.functions.values());
  const scratch = mkdtempSync(join(tmpdir(), 'bench-empty-'));
  try {
    const empty = join(scratch, 'empty.mjs');
    writeFileSync(empty, 'export {};\n');
    const floor = await medianLoad(
      { url: pathToFileURL(empty).href, base: empty, preload: [] },
      runs,
      environment,
    );
    const results: BundleResult[] = [];
    for (const fn of [...model.functions.values()].sort((a, b) => a.name.localeCompare(b.name))) {
      const file = join(
        tasks.taskDir(fn.logicalId),
        `${fn.handler.slice(0, fn.handler.lastIndexOf('.'))}.mjs`,
      );
      const bytes = statSync(file).size;
      const sdk = sdkImports(readFileSync(file, 'utf8'));
      const url = pathToFileURL(file).href;
      const own = await medianLoad({ url, base: file, preload: sdk }, runs, environment);
      const withSdk = await medianLoad({ url, base: file, preload: [] }, runs, environment);
      results.push({
        function: fn.name,
        bytes,
        kb: round(bytes / 1024, 1),
        own_load_ms: round(Math.max(0, own - floor), 1),
        load_with_sdk_ms: round(Math.max(0, withSdk - floor), 1),
        sdk_modules: sdk,
      });
    }
    return results;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
    tasks.dispose();
  }
}
