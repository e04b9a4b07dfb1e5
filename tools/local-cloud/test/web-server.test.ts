import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { closeServer, listen } from '../src/aws-json-server.ts';
import { createWebServer } from '../src/web-server.ts';
import { rawRequest } from './support/raw-http.ts';

// A stand-in for `vite build`: these requests only need something to serve.
const distDir = mkdtempSync(join(tmpdir(), 'party-web-server-'));
writeFileSync(join(distDir, 'index.html'), '<!doctype html><title>party</title>');
const server = createWebServer({ httpUrl: 'http://127.0.0.1:1', wsUrl: 'ws://127.0.0.1:2' }, distDir);
let endpoint: string;

beforeAll(async () => {
  endpoint = `http://127.0.0.1:${await listen(server, 0)}`;
});
afterAll(async () => {
  await closeServer(server);
  rmSync(distDir, { recursive: true, force: true });
});

it('serves the build', async () => {
  const answer = await rawRequest(endpoint, 'GET', '/');
  expect(answer.status).toBe(200);
  expect(answer.text).toContain('<title>party</title>');
});

it.each([
  ['a path that is not valid percent-encoding', '/%ZZ.html', 'percent-encoding'],
  ['a request target that is not a URL', 'http://[x/index.html', 'not a URL'],
])('answers %s with a 400 that names it', async (_, path, mentions) => {
  const answer = await rawRequest(endpoint, 'GET', path);
  expect(answer.status).toBe(400);
  expect(answer.text).toContain(mentions);
});
