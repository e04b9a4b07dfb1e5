import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { stageTaskDirectories } from '../src/lambda/task-directories.ts';

const scratch = mkdtempSync(join(tmpdir(), 'task-dirs-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function write(path: string, text: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
}

/** A bundle asset whose handler imports `specifier` and answers what it exports as `name`. */
function bundle(id: string, specifier: string): string {
  const dir = join(scratch, 'assets', id);
  write(join(dir, 'index.mjs'), `import * as dep from '${specifier}';\nexport const name = dep.name;\n`);
  return dir;
}

/** A layer asset holding one package `packageName` that exports `name = label`. */
function layer(id: string, packageName: string, label: string): string {
  const dir = join(scratch, 'layers', id);
  const pkg = join(dir, 'nodejs', 'node_modules', packageName);
  write(join(pkg, 'package.json'), JSON.stringify({ name: packageName, type: 'module', main: 'index.js' }));
  write(join(pkg, 'index.js'), `export const name = '${label}';\n`);
  return dir;
}

// Node's own resolver, in a worker as the local cloud runs functions: vitest's would search the project.
const LOADER = `
const { parentPort, workerData } = require('node:worker_threads');
import(workerData).then(
  (module) => parentPort.postMessage({ name: module.name }),
  (error) => parentPort.postMessage({ code: error.code }),
);
`;

function loadInWorker(url: string): Promise<{ name?: string; code?: string }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(LOADER, { eval: true, workerData: url });
    worker.once('message', (reply) => {
      void worker.terminate();
      resolve(reply);
    });
    worker.once('error', reject);
  });
}

describe('task directories: functions see what Lambda would give them, nothing more', () => {
  const layerA = layer('a', '@acme/tool', 'from layer a');
  const layerB = layer('b', '@acme/tool', 'from layer b');
  const tasks = stageTaskDirectories([
    { logicalId: 'WithLayer', assetDir: bundle('with', '@acme/tool'), layerAssetDirs: [layerA] },
    {
      logicalId: 'LaterLayerWins',
      assetDir: bundle('later', '@acme/tool'),
      layerAssetDirs: [layerA, layerB],
    },
    { logicalId: 'NoLayer', assetDir: bundle('none', '@acme/tool'), layerAssetDirs: [] },
    // The project has zod installed; a deployed function that did not bundle it would not.
    { logicalId: 'ProjectPackage', assetDir: bundle('project', 'zod/mini'), layerAssetDirs: [] },
    { logicalId: 'RuntimeSdk', assetDir: bundle('sdk', '@aws-sdk/client-dynamodb'), layerAssetDirs: [] },
  ]);
  afterAll(() => tasks.dispose());
  const load = (logicalId: string) =>
    loadInWorker(pathToFileURL(join(tasks.taskDir(logicalId), 'index.mjs')).href);

  it("resolves a layer's nodejs/node_modules packages, the later layer winning", async () => {
    expect(await load('WithLayer')).toEqual({ name: 'from layer a' });
    expect(await load('LaterLayerWins')).toEqual({ name: 'from layer b' });
  });

  it('fails to load a package that neither the bundle, its layers nor the runtime provide, even one the project has', async () => {
    expect(await load('NoLayer')).toEqual({ code: 'ERR_MODULE_NOT_FOUND' });
    expect(await load('ProjectPackage')).toEqual({ code: 'ERR_MODULE_NOT_FOUND' });
  });

  it("gives every function the runtime's AWS SDK", async () => {
    expect(await load('RuntimeSdk')).toEqual({});
  });

  it('keeps the code outside the project, so no folder up the tree lends it packages', () => {
    expect(tasks.taskDir('WithLayer').startsWith(tmpdir())).toBe(true);
  });
});
