import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The product's tests by kind, each runnable alone (`npm run test:unit` ...), and each package's
    // own (tools/*/vitest.config.ts) with its own setup.
    projects: [
      {
        extends: true,
        // No global setup: pure code, and the stack synthesized in memory (test/support/synth.ts).
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          setupFiles: ['test/support/synth-cleanup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
        },
      },
      {
        extends: true,
        // No global setup: each file starts its own local cloud, DynamoDB Local included, from the app
        // synthesized into a temp dir; the CLI test runs cdk.out, which `npm run test:e2e` synthesizes.
        test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'] },
      },
      'tools/*',
    ],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: {
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      POWERTOOLS_DEV: 'false',
      // Tests provoke failures on purpose; their logs would only bury the test report.
      POWERTOOLS_LOG_LEVEL: 'CRITICAL',
      POWERTOOLS_METRICS_DISABLED: 'true',
      // This machine runs Node 20; the Lambda runtime is Node 24, where the SDK has nothing to warn about.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
  },
});
