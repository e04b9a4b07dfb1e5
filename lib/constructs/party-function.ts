import { join } from 'node:path';
import type { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { FunctionId } from '#lib/function-specs.ts';
import { handlerEntry, REPO_ROOT } from '#lib/paths.ts';
import { ARCHITECTURE, ESBUILD_TARGET, RUNTIME } from './lambda-runtime.ts';
import { LAYER_PROVIDED_MODULES } from './powertools-layer.ts';

// Some bundled dependencies still call require(); an ES module has none unless it makes one.
const ESM_REQUIRE_SHIM =
  "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

export interface PartyFunctionProps {
  readonly timeout: Duration;
  readonly memorySize: number;
  readonly environment: Readonly<Record<string, string>>;
  readonly removalPolicy: RemovalPolicy;
  readonly layers: readonly lambda.ILayerVersion[];
}

/**
 * One handler from `functions/<id>/handler.ts`, bundled locally by esbuild, with its own log group and
 * its own role. The role starts empty (no AWS managed policy) and may only write its own logs; every
 * other permission is granted explicitly by whoever wires the function up.
 */
export class PartyFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: FunctionId, props: PartyFunctionProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: props.removalPolicy,
    });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs the party-planner ${id} function`,
    });
    this.logGroup.grantWrite(this.role);

    this.fn = new NodejsFunction(this, 'Function', {
      description: `party-planner ${id}`,
      entry: handlerEntry(id),
      handler: 'handler',
      runtime: RUNTIME,
      architecture: ARCHITECTURE,
      memorySize: props.memorySize,
      timeout: props.timeout,
      role: this.role,
      logGroup: this.logGroup,
      environment: { ...props.environment },
      layers: [...props.layers],
      // Lambda records each invocation as a segment and passes the trace on (README, Tracing); the
      // functions carry no X-Ray SDK, whose support ends in February 2027.
      tracing: lambda.Tracing.ACTIVE,
      projectRoot: REPO_ROOT,
      depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
      bundling: {
        format: OutputFormat.ESM,
        target: ESBUILD_TARGET,
        minify: true,
        sourceMap: true,
        mainFields: ['module', 'main'],
        banner: ESM_REQUIRE_SHIM,
        // The Node.js runtime ships SDK v3 and the layers ship Powertools; bundling them again would
        // only grow every bundle and its cold start.
        externalModules: ['@aws-sdk/*', ...LAYER_PROVIDED_MODULES],
        // esbuild resolves the `#shared/*` subpath imports through package.json `imports`.
        tsconfig: join(REPO_ROOT, 'tsconfig.json'),
      },
    });
  }
}
