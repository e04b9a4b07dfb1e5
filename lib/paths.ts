import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

export const handlerEntry = (functionId: string): string =>
  join(REPO_ROOT, 'functions', functionId, 'handler.ts');
