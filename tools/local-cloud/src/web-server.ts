import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { decodePercentEncoding, requestUrl } from './aws-json-server.ts';

/** Beside the other local endpoints (4000-4003). */
export const DEFAULT_WEB_PORT = 4004;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

function badRequest(response: ServerResponse, problem: string): void {
  response.writeHead(400, { 'content-type': TYPES['.txt'] }).end(`bad request: ${problem}`);
}

/**
 * Serves a built page and the caller's `config.json` (typically this cloud's endpoints), so the very
 * same build that a deploy uploads (with its own config.json) works locally. Hashed assets are cached;
 * the rest is not.
 */
export function createWebServer(config: object, distDir: string): Server {
  const root = normalize(distDir + sep);
  const configBody = JSON.stringify(config);
  return createServer(async (request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const url = requestUrl(request);
    if (!url) return badRequest(response, 'the request target is not a URL');
    if (url.pathname === '/config.json') {
      response.writeHead(200, { 'content-type': TYPES['.json'], 'cache-control': 'no-store' });
      response.end(request.method === 'HEAD' ? undefined : configBody);
      return;
    }
    const relative = decodePercentEncoding(url.pathname);
    if (relative === null) return badRequest(response, 'the path is not valid percent-encoding');
    const file = normalize(join(root, relative.endsWith('/') ? `${relative}index.html` : relative));
    // A `..` in the path must not reach outside the build.
    if (!file.startsWith(root)) {
      response.writeHead(403).end();
      return;
    }
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a file');
      const body = await readFile(file);
      const immutable = file.startsWith(join(root, 'assets') + sep);
      response.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        'x-content-type-options': 'nosniff',
      });
      response.end(request.method === 'HEAD' ? undefined : body);
    } catch {
      response.writeHead(404, { 'content-type': TYPES['.txt'] }).end('not found');
    }
  });
}
