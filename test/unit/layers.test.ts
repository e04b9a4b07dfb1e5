import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '#lib/paths.ts';

// The import-direction rule that `npm run check` runs, tried on the real tree and on a tiny tree
// where every kind of upward import is made on purpose.

const CONFIG = join(REPO_ROOT, '.dependency-cruiser.cjs');
const CLI = join(REPO_ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

interface Violation {
  readonly rule: { readonly name: string };
  readonly from: string;
  readonly to: string;
}

/** The folders `npm run layers` cruises, read from the script itself so that the two cannot drift. */
const CRUISED: string[] = (
  JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: { layers: string } }
).scripts.layers
  .split(' --')[0]
  ?.split(' ')
  .slice(1) ?? ['shared'];

function cruise(cwd: string): Violation[] {
  const run = spawnSync(
    process.execPath,
    [CLI, ...CRUISED, '--config', CONFIG, '--output-type', 'json', '--no-progress'],
    { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (!run.stdout) throw new Error(`depcruise printed nothing: ${run.stderr}`);
  return (JSON.parse(run.stdout) as { summary: { violations: Violation[] } }).summary.violations;
}

/** Files of a small repository: the layer folders, the `#shared/*` subpath import and the project's modules. */
const FIXTURE: Record<string, string> = {
  'package.json': JSON.stringify({ type: 'module', imports: { '#shared/*': './shared/*' } }),
  'tsconfig.json': JSON.stringify({
    compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', allowImportingTsExtensions: true },
  }),
  'functions/handler.ts': 'export const entry = 1;\n',
  'functions/uses-stack.ts': "export { stack } from '../lib/stack.ts';\n",
  'lib/stack.ts': "export { handle } from '#shared/lambda/handle.ts';\nexport const stack = 1;\n",
  'bin/app.ts': "export { stack } from '../lib/stack.ts';\n",
  'web/src/page.ts':
    "export { put } from '#shared/adapters/store.ts';\nexport { ping } from '#shared/client/page.ts';\n",
  'shared/contracts/shape.ts': "export { handle } from '#shared/lambda/handle.ts';\n",
  'shared/contracts/primitive.ts': 'export const id = 1;\n',
  'shared/domain/rule.ts':
    "import { id } from '#shared/contracts/primitive.ts';\nexport { put } from '../adapters/store.ts';\nexport const rule = id;\n",
  'shared/domain/io.ts':
    "export { readFileSync } from 'node:fs';\nexport { createHash } from 'node:crypto';\n",
  'shared/domain/sdk.ts': "export { DynamoDBClient } from '@aws-sdk/client-dynamodb';\n",
  'shared/domain/outside.ts': "export { entry } from '../../functions/handler.ts';\n",
  'shared/use-cases/ping.ts':
    "import { rule } from '#shared/domain/rule.ts';\nexport { pong } from './pong.ts';\nexport const ping = rule;\n",
  'shared/use-cases/pong.ts': "export { ping } from './ping.ts';\nexport const pong = 1;\n",
  'shared/adapters/store.ts': "export { handle } from '#shared/lambda/handle.ts';\nexport const put = 1;\n",
  'shared/lambda/handle.ts': "import { put } from '#shared/adapters/store.ts';\nexport const handle = put;\n",
  'shared/client/page.ts': "export { put } from '#shared/adapters/store.ts';\n",
};

const fixture = mkdtempSync(join(tmpdir(), 'layers-'));
afterAll(() => rmSync(fixture, { recursive: true, force: true }));

describe('imports point down only: in shared/, and from the folders around it', () => {
  it('holds for the repository', () => {
    expect(cruise(REPO_ROOT)).toEqual([]);
  });

  it('reports each upward import, and nothing else', () => {
    for (const [file, text] of Object.entries(FIXTURE)) {
      mkdirSync(join(fixture, dirname(file)), { recursive: true });
      writeFileSync(join(fixture, file), text);
    }
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(fixture, 'node_modules'), 'dir');
    const found = cruise(fixture).map(({ rule, from, to }) => ({
      rule: rule.name,
      from,
      to: to.replace(/^.*node_modules\//, 'node_modules/'),
    }));
    const cycle = (from: string, to: string) => ({ rule: 'no-circular-in-shared', from, to });
    expect(found).toEqual(
      expect.arrayContaining([
        {
          rule: 'contracts-import-nothing-above',
          from: 'shared/contracts/shape.ts',
          to: 'shared/lambda/handle.ts',
        },
        {
          rule: 'domain-imports-only-contracts',
          from: 'shared/domain/rule.ts',
          to: 'shared/adapters/store.ts',
        },
        { rule: 'shared-not-outside', from: 'shared/domain/outside.ts', to: 'functions/handler.ts' },
        { rule: 'pure-layers-no-node-io', from: 'shared/domain/io.ts', to: 'fs' },
        {
          rule: 'aws-sdk-only-in-adapters-and-lambda',
          from: 'shared/domain/sdk.ts',
          to: expect.stringMatching(/^node_modules\/@aws-sdk\/client-dynamodb\//),
        },
        { rule: 'adapters-not-lambda', from: 'shared/adapters/store.ts', to: 'shared/lambda/handle.ts' },
        {
          rule: 'client-not-adapters-or-lambda',
          from: 'shared/client/page.ts',
          to: 'shared/adapters/store.ts',
        },
        { rule: 'functions-are-leaves', from: 'functions/uses-stack.ts', to: 'lib/stack.ts' },
        { rule: 'lib-is-the-cdk-app', from: 'lib/stack.ts', to: 'shared/lambda/handle.ts' },
        { rule: 'page-is-a-client', from: 'web/src/page.ts', to: 'shared/adapters/store.ts' },
        cycle('shared/use-cases/ping.ts', 'shared/use-cases/pong.ts'),
        cycle('shared/adapters/store.ts', 'shared/lambda/handle.ts'),
      ]),
    );
    // Nothing else: the downward imports (domain to contracts, lambda to adapters, use case to
    // domain, node:crypto in the domain, bin to lib, the page to the client) pass. A cycle is
    // reported once, where it is found.
    expect(found).toHaveLength(12);
  });
});
