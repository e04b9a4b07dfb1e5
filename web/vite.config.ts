import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The page lives in web/ but imports the shared client and schemas through the root package's
// `#shared/*` subpath imports, which Vite resolves from the repository's package.json.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // Relative asset URLs, so the same build works from any path (a bucket prefix, a local server).
  base: './',
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
  server: { host: '127.0.0.1' },
});
