import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The product's tests, and each package's own (tools/*/vitest.config.ts) with its own setup.
    projects: [
      {
        extends: true,
        test: {
          name: 'party-planner',
          include: ['test/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
        },
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
