// `npm start`: synthesizes the CDK app and runs that template on this machine.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_WEB_PORT, startLocalCloud } from '@party-planner/local-cloud';
import {
  CLOUD_ARGS,
  type CliNaming,
  cloudSettings,
  consoleLog,
  portOption,
  serveUntilStopped,
  usage,
} from '@party-planner/local-cloud/cli';
import { REPO_ROOT } from '#lib/paths.ts';
import { ensureWebBuild, pageConfig, WEB_DIST } from '#web/build.ts';
import { PARTY_CLOUD, synthesizeApp } from './party-cloud.ts';

const NAMING: CliNaming = {
  usageLine: 'Usage: npm start -- [options]',
  envPrefix: 'PARTY_PLANNER',
  extraUsage: [
    `  --web-port N          the page (web/dist)  (PARTY_PLANNER_WEB_PORT, default ${DEFAULT_WEB_PORT}); built first if missing`,
    '  --no-synth            run the existing cdk.out instead of synthesizing first',
  ],
};

const { values } = parseArgs({
  options: {
    ...CLOUD_ARGS,
    'web-port': { type: 'string' },
    'no-synth': { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(usage(NAMING));
  process.exit(0);
}

const settings = cloudSettings(values, NAMING);
const webPort = portOption(values['web-port'], 'web-port', 'WEB_PORT', DEFAULT_WEB_PORT, NAMING);

// The functions run on Node 24 in AWS; here they share this machine's Node 20, which the SDK warns about.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const assemblyDir = join(REPO_ROOT, 'cdk.out');
if (!values['no-synth']) {
  console.log('synthesizing the CDK app...');
  await synthesizeApp(assemblyDir);
}

try {
  if (await ensureWebBuild()) console.log('built the page into web/dist');
} catch (error) {
  // The APIs are useful without the page; say why it is missing instead of refusing to start.
  console.error(
    `cannot build the page (web/dist): ${error instanceof Error ? error.message : String(error)}`,
  );
}

const cloud = await startLocalCloud({
  ...PARTY_CLOUD,
  ...settings,
  assemblyDir,
  web: { port: webPort, distDir: WEB_DIST, config: pageConfig },
  log: consoleLog(values.verbose),
});
serveUntilStopped(cloud);
