// Runs the chaos test once per seed, one after the other, and prints what each run measured: a
// fixed seed in `npm test` shows one schedule of faults, this shows that the schedules of many pass.
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';

interface RunFigures {
  readonly seed: number;
  readonly longest_stall_ms: { readonly clean: number; readonly chaos: number };
  readonly quiescence_ms: { readonly clean: number; readonly chaos: number };
  readonly redriven: number;
  readonly messages: number;
}

interface Run {
  readonly seed: number;
  readonly passed: boolean;
  readonly seconds: number;
  readonly figures: RunFigures | undefined;
}

function runOnce(seed: number): Promise<Run> {
  const startedAt = performance.now();
  const test = spawn('npx', ['vitest', 'run', '--project', 'e2e', 'test/e2e/local-cloud.chaos.test.ts'], {
    env: { ...process.env, CHAOS_SEED: String(seed) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  test.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  return new Promise((resolve) => {
    test.on('close', (code) => {
      // Vitest prefixes a test's console output with colour codes.
      const line = output
        .split('\n')
        .map((candidate) => candidate.slice(candidate.indexOf('{"seed"')))
        .find((candidate) => candidate.startsWith('{"seed"'));
      if (code !== 0) process.stdout.write(output);
      resolve({
        seed,
        passed: code === 0,
        seconds: Math.round((performance.now() - startedAt) / 1000),
        figures: line ? (JSON.parse(line) as RunFigures) : undefined,
      });
    });
  });
}

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '20' }, 'first-seed': { type: 'string', default: '1' } },
});
const runs = Number(values.runs);
const firstSeed = Number(values['first-seed']);
const results: Run[] = [];
for (let seed = firstSeed; seed < firstSeed + runs; seed++) {
  const run = await runOnce(seed);
  results.push(run);
  const { figures } = run;
  console.info(
    `seed ${seed}: ${run.passed ? 'passed' : 'FAILED'} in ${run.seconds} s` +
      (figures
        ? `; longest stall ${figures.longest_stall_ms.chaos} ms, quiescence ${figures.quiescence_ms.chaos} ms,` +
          ` ${figures.messages} messages, ${figures.redriven} redriven`
        : ''),
  );
}
const measured = results.flatMap((run) => (run.figures ? [run.figures] : []));
const worst = (pick: (figures: RunFigures) => number) => Math.max(0, ...measured.map(pick));
console.info(
  JSON.stringify({
    runs: results.length,
    passed: results.filter((run) => run.passed).length,
    longest_stall_ms: worst((figures) => figures.longest_stall_ms.chaos),
    longest_quiescence_ms: worst((figures) => figures.quiescence_ms.chaos),
  }),
);
process.exitCode = results.every((run) => run.passed) ? 0 : 1;
