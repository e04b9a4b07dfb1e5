import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AssetHashType, DockerImage, type RemovalPolicy } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { REPO_ROOT } from '#lib/paths.ts';

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
    this.layer = new lambda.LayerVersion(this, 'Layer', {
      description: `Powertools for AWS Lambda: ${packages.map((pkg) => `${pkg.name}@${pkg.version}`).join(', ')}`,
      compatibleRuntimes: [lambda.Runtime.NODEJS_24_X],
      compatibleArchitectures: [lambda.Architecture.ARM_64],
      removalPolicy: props.removalPolicy,
      code: lambda.Code.fromAsset(join(REPO_ROOT, 'node_modules', '@aws-lambda-powertools'), {
        // The locked versions are the content: hashing them spares reading every file on each synth.
        assetHashType: AssetHashType.CUSTOM,
        assetHash: packages.map((pkg) => `${pkg.name}@${pkg.version}`).join(','),
        bundling: {
          // Never pulled: local bundling always succeeds, so CDK does not fall back to Docker.
          image: DockerImage.fromRegistry('public.ecr.aws/sam/build-nodejs24.x'),
          local: {
            tryBundle(outputDir) {
              for (const pkg of packages) {
                cpSync(
                  join(REPO_ROOT, 'node_modules', pkg.name),
                  join(outputDir, 'nodejs', 'node_modules', pkg.name),
                  {
                    recursive: true,
                    dereference: true,
                  },
                );
              }
              return true;
            },
          },
        },
      }),
    });
  }
}
