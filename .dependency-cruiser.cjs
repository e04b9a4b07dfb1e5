// The layers of shared/, bottom to top: contracts, domain, use-cases, adapters, lambda. Each may
// import only the layers below it, so that the wire shapes and the pure domain stay free of AWS and
// of transport, and a change at the top never forces one at the bottom. Around them, the top-level
// folders: functions/ are leaves over shared/, lib/ is the CDK app, web/src the page, and none of
// them reaches into tools/ (the local cloud and the bench use the app, never the reverse).
// `npm run check` runs this on shared, functions, lib, bin and web/src.

const SHARED = '^shared/';
const CONTRACTS = '^shared/contracts/';
const DOMAIN = '^shared/domain/';
const USE_CASES = '^shared/use-cases/';
const ADAPTERS = '^shared/adapters/';
const LAMBDA = '^shared/lambda/';
const CLIENT = '^shared/client/';
// Hashing and random ids are computation, not I/O; every other Node builtin is.
const NOT_IO = '^(node:)?crypto$';
const TOOLS = '^tools/|(^|/)node_modules/@party-planner/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'contracts-import-nothing-above',
      comment: 'Contracts are the wire and stored shapes: they import only other contracts and zod.',
      severity: 'error',
      from: { path: CONTRACTS },
      to: { path: `${SHARED}(?!contracts/)` },
    },
    {
      name: 'domain-imports-only-contracts',
      comment: 'The domain is pure: it builds on the contracts and on itself, nothing above.',
      severity: 'error',
      from: { path: DOMAIN },
      to: { path: `${SHARED}(?!contracts/|domain/)` },
    },
    {
      name: 'agents-below-pipeline',
      comment: 'The pipeline runs the agents; an agent never reaches back into the pipeline.',
      severity: 'error',
      from: { path: '^shared/domain/(agents|suppliers|understanding)/' },
      to: { path: '^shared/domain/pipeline/' },
    },
    {
      name: 'use-cases-not-adapters-or-lambda',
      comment: 'A use case is a plain function over state; stores and handlers call it, not the reverse.',
      severity: 'error',
      from: { path: USE_CASES },
      to: { path: `${ADAPTERS}|${LAMBDA}|${CLIENT}` },
    },
    {
      name: 'adapters-not-lambda',
      comment: 'Adapters wrap AWS services; the Lambda wiring builds them, not the reverse.',
      severity: 'error',
      from: { path: ADAPTERS },
      to: { path: `${LAMBDA}|${CLIENT}` },
    },
    {
      name: 'client-not-adapters-or-lambda',
      comment: 'The browser client speaks the contracts; it must not bundle AWS adapters or handlers.',
      severity: 'error',
      from: { path: CLIENT },
      to: { path: `${ADAPTERS}|${LAMBDA}|${USE_CASES}` },
    },
    {
      name: 'server-layers-not-client',
      comment: 'The browser client sits beside the server layers, not below them.',
      severity: 'error',
      from: { path: `${CONTRACTS}|${DOMAIN}` },
      to: { path: CLIENT },
    },
    {
      name: 'shared-not-outside',
      comment:
        'shared/ is the bottom of the repository: functions, the CDK app, the web page and tools build on it.',
      severity: 'error',
      from: { path: SHARED },
      to: { path: `^(functions|lib|web|bin|test)/|${TOOLS}` },
    },
    {
      name: 'aws-sdk-only-in-adapters-and-lambda',
      comment: 'Only adapters and the Lambda wiring talk to AWS.',
      severity: 'error',
      from: { path: SHARED, pathNot: `${ADAPTERS}|${LAMBDA}` },
      to: { path: '(^|/)node_modules/@aws-sdk/' },
    },
    {
      name: 'lambda-runtime-only-in-lambda',
      comment:
        "Powertools and the Lambda event types are the wiring's; lower layers never see an invocation.",
      severity: 'error',
      from: { path: SHARED, pathNot: LAMBDA },
      to: { path: '(^|/)node_modules/(@aws-lambda-powertools/|@types/aws-lambda/)' },
    },
    {
      name: 'pure-layers-no-node-io',
      comment: 'Contracts, domain, use cases and the browser client do no I/O of their own.',
      severity: 'error',
      from: { path: `${CONTRACTS}|${DOMAIN}|${USE_CASES}|${CLIENT}` },
      to: { dependencyTypes: ['core'], pathNot: NOT_IO },
    },
    {
      name: 'functions-are-leaves',
      comment:
        'A handler is wired from shared/ alone; it never imports another handler, the stack or a tool.',
      severity: 'error',
      from: { path: '^functions/' },
      to: { path: `^(functions|lib|bin|web|test)/|${TOOLS}` },
    },
    {
      name: 'lib-is-the-cdk-app',
      comment:
        'The stack reads contracts and names (keys, page config); it never runs Lambda code or a tool.',
      severity: 'error',
      from: { path: '^lib/' },
      to: { path: `^(functions|bin|web|test)/|^shared/(lambda|use-cases)/|${TOOLS}` },
    },
    {
      name: 'page-is-a-client',
      comment: 'The page speaks to the APIs through the client and the contracts; no server code, no tools.',
      severity: 'error',
      from: { path: '^web/src/' },
      to: { path: `^(functions|lib|bin|test)/|^shared/(adapters|lambda|use-cases)/|${TOOLS}` },
    },
    {
      name: 'no-circular-in-shared',
      comment: 'A cycle makes two modules one; split out what both need.',
      severity: 'error',
      from: { path: SHARED },
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import the checker cannot resolve would slip past every rule above.',
      severity: 'error',
      from: { path: SHARED },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^shared/json-schema/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    combinedDependencies: false,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.js', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
