import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AssetHashType, DockerImage, type RemovalPolicy } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { buildSync, version as esbuildVersion } from 'esbuild';
import { REPO_ROOT } from '#lib/paths.ts';
import { ARCHITECTURE, ESBUILD_TARGET, RUNTIME } from './lambda-runtime.ts';

/** What the functions import from Powertools; the layer carries these and everything they depend on. */
const ENTRY_PACKAGES = ['@aws-lambda-powertools/logger', '@aws-lambda-powertools/metrics'] as const;

/** The bundles leave these to the layer instead of inlining them (esbuild `external` patterns). */
export const LAYER_PROVIDED_MODULES = ['@aws-lambda-powertools/*'] as const;

interface PackageJson {
  readonly name: string;
  readonly version: string;
  readonly dependencies?: Readonly<Record<string, string>>;
}

const packageJson = (name: string): PackageJson =>
  JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as PackageJson;

/** The entry packages and their runtime dependencies, as installed (npm's flat layout). */
function closure(): PackageJson[] {
  const found = new Map<string, PackageJson>();
  const visit = (name: string) => {
    if (found.has(name) || name.startsWith('@aws-sdk/')) return;
    const pkg = packageJson(name);
    found.set(name, pkg);
    for (const dependency of Object.keys(pkg.dependencies ?? {})) visit(dependency);
  };
  for (const name of ENTRY_PACKAGES) visit(name);
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Writes the layer's `nodejs/node_modules`: each entry package as one minified ES module, sharing
 * one chunk of what they have in common. The packages as npm ships them are some fifty small files,
 * and loading those at cold start cost 20 to 30 ms more than the same code inlined in a bundle.
 */
function writeLayer(outputDir: string): void {
  const scope = join(outputDir, 'nodejs', 'node_modules', '@aws-lambda-powertools');
  const folderOf = (name: string) => name.slice('@aws-lambda-powertools/'.length);
  buildSync({
    absWorkingDir: REPO_ROOT,
    entryPoints: Object.fromEntries(ENTRY_PACKAGES.map((name) => [`${folderOf(name)}/index`, name])),
    outdir: scope,
    outExtension: { '.js': '.mjs' },
    // A dot folder: the chunk is no package, and nothing should import it by name.
    chunkNames: '.chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: ESBUILD_TARGET,
    minify: true,
    mainFields: ['module', 'main'],
    external: ['@aws-sdk/*'],
    logLevel: 'warning',
  });
  for (const name of ENTRY_PACKAGES) {
    const { version } = packageJson(name);
    mkdirSync(join(scope, folderOf(name)), { recursive: true });
    writeFileSync(
      join(scope, folderOf(name), 'package.json'),
      `${JSON.stringify({ name, version, type: 'module', exports: './index.mjs' }, null, 2)}\n`,
    );
  }
}

/**
 * Powertools for AWS Lambda as one layer that every function shares, built from the locked
 * `node_modules` at synth (no Docker, no download): about 33 KB that each bundle no longer carries,
 * which keeps the functions that understand text within the bundle target. Lambda resolves a
 * layer's `nodejs/node_modules` for ES modules too (Node.js 18 and later).
 */
export class PowertoolsLayer extends Construct {
  readonly layer: lambda.LayerVersion;

  constructor(scope: Construct, id: string, props: { readonly removalPolicy: RemovalPolicy }) {
    super(scope, id);
    const packages = closure();
    const contents = packages.map((pkg) => `${pkg.name}@${pkg.version}`);
    this.layer = new lambda.LayerVersion(this, 'Layer', {
      description: `Powertools for AWS Lambda, bundled: ${contents.join(', ')}`,
      compatibleRuntimes: [RUNTIME],
      compatibleArchitectures: [ARCHITECTURE],
      removalPolicy: props.removalPolicy,
      code: lambda.Code.fromAsset(join(REPO_ROOT, 'node_modules', '@aws-lambda-powertools'), {
        // The locked versions, the bundler and this recipe make the content: hashing them spares
        // reading every file of the packages, and any change to one of them publishes a new version.
        assetHashType: AssetHashType.CUSTOM,
        assetHash: createHash('sha256')
          .update([...contents, `esbuild@${esbuildVersion}`].join(','))
          .update(readFileSync(fileURLToPath(import.meta.url)))
          .digest('hex'),
        bundling: {
          // Never pulled: local bundling always succeeds, so CDK does not fall back to Docker.
          image: DockerImage.fromRegistry('public.ecr.aws/sam/build-nodejs24.x'),
          local: {
            tryBundle(outputDir) {
              writeLayer(outputDir);
              return true;
            },
          },
        },
      }),
    });
  }
}
