import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface StagedFunction {
  readonly logicalId: string;
  readonly assetDir: string;
  /** In the template's order: a later layer's package replaces an earlier one's, as in `/opt`. */
  readonly layerAssetDirs: readonly string[];
}

export interface TaskDirectories {
  /** Where a function's code runs from, like Lambda's `/var/task`. */
  taskDir(logicalId: string): string;
  dispose(): void;
}

/** The runtime's own AWS SDK v3 (the project's copy plays that part): package name to folder. */
function runtimeSdk(): Map<string, string> {
  const scope = dirname(
    dirname(createRequire(import.meta.url).resolve('@aws-sdk/client-dynamodb/package.json')),
  );
  return new Map(readdirSync(scope).map((name) => [`@aws-sdk/${name}`, join(scope, name)]));
}

/** `name` or `@scope/name` for every package in a `node_modules` folder. */
function packagesIn(nodeModules: string): string[] {
  const folders = (dir: string) =>
    readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
      .map((entry) => entry.name);
  return folders(nodeModules).flatMap((name) =>
    name.startsWith('@') ? folders(join(nodeModules, name)).map((inner) => `${name}/${inner}`) : [name],
  );
}

/**
 * Lays each function out as Lambda does, in a private folder outside the project: its bundle, the
 * runtime's SDK, and its layers' `nodejs/node_modules` packages, and nothing else. A bundle that
 * imports a package neither it, its layers nor the runtime provide fails to load here as it would
 * on AWS, instead of quietly finding the project's `node_modules` up the folder tree.
 */
export function stageTaskDirectories(functions: Iterable<StagedFunction>): TaskDirectories {
  const root = mkdtempSync(join(tmpdir(), 'local-cloud-tasks-'));
  const sdk = runtimeSdk();
  const layers = new Map<string, string>();
  const stagedLayer = (assetDir: string) => {
    let staged = layers.get(assetDir);
    if (staged === undefined) {
      staged = join(root, 'layers', String(layers.size), 'node_modules');
      cpSync(join(assetDir, 'nodejs', 'node_modules'), staged, { recursive: true });
      layers.set(assetDir, staged);
    }
    return staged;
  };

  const dirs = new Map<string, string>();
  for (const fn of functions) {
    const task = join(root, 'functions', fn.logicalId);
    cpSync(fn.assetDir, task, { recursive: true });
    const provided = new Map(sdk);
    for (const layer of fn.layerAssetDirs) {
      const modules = stagedLayer(layer);
      for (const name of packagesIn(modules)) provided.set(name, join(modules, name));
    }
    for (const [name, target] of provided) {
      const link = join(task, 'node_modules', name);
      mkdirSync(dirname(link), { recursive: true });
      symlinkSync(target, link, 'dir');
    }
    dirs.set(fn.logicalId, task);
  }
  return {
    taskDir(logicalId) {
      const dir = dirs.get(logicalId);
      if (dir === undefined) throw new Error(`no task directory for ${logicalId}`);
      return dir;
    },
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}
