// Runs an existing cloud assembly (the output of `cdk synth`) on this machine:
//   npm start -w @party-planner/local-cloud -- --assembly DIR --stack NAME [options]
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  CLOUD_ARGS,
  type CliNaming,
  cloudSettings,
  consoleLog,
  serveUntilStopped,
  usage,
} from '../src/cli/index.ts';
import { startLocalCloud } from '../src/local-cloud.ts';

const NAMING: CliNaming = {
  usageLine: 'Usage: local-cloud --assembly DIR --stack NAME [options]',
  envPrefix: 'LOCAL_CLOUD',
  extraUsage: [
    '  --assembly DIR        the cloud assembly to run (the folder `cdk synth` wrote, e.g. cdk.out)',
    '  --stack NAME          the stack in it to run (DIR/NAME.template.json)',
  ],
};

const { values } = parseArgs({
  options: { ...CLOUD_ARGS, assembly: { type: 'string' }, stack: { type: 'string' } },
});

if (values.help) {
  console.log(usage(NAMING));
  process.exit(0);
}

// `npm start -w` runs this from the package folder; a relative path means the caller's folder.
const assemblyDir = values.assembly && resolve(process.env.INIT_CWD ?? process.cwd(), values.assembly);
const stackName = values.stack;
if (!assemblyDir || !stackName) {
  console.error(`both --assembly and --stack are required\n\n${usage(NAMING)}`);
  process.exit(2);
}
if (!existsSync(join(assemblyDir, `${stackName}.template.json`))) {
  console.error(`no ${stackName}.template.json in ${assemblyDir}\n\n${usage(NAMING)}`);
  process.exit(2);
}

const settings = cloudSettings(values, NAMING);
// The functions may target a newer Node than this machine's, which the SDK would warn about.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const cloud = await startLocalCloud({ ...settings, assemblyDir, stackName, log: consoleLog(values.verbose) });
serveUntilStopped(cloud);
