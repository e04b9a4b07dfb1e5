import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));

/** Every specifier a module imports or re-exports: static, dynamic and side-effect imports. */
function specifiers(source: string): string[] {
  const patterns = [
    /\b(?:import|export)\s[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
  ];
  return patterns.flatMap((pattern) => [...source.matchAll(pattern)].map((match) => match[1] ?? ''));
}

/** Why `specifier`, imported from `file`, reaches into the product; null when it stays in the package. */
function leak(file: string, specifier: string): string | null {
  if (/^#(shared|lib|functions|test)\//.test(specifier)) return 'a subpath import of the product';
  if (!specifier.startsWith('.') && !specifier.startsWith('/')) return null;
  const target = resolve(dirname(file), specifier);
  return target === PACKAGE_DIR.slice(0, -1) || target.startsWith(PACKAGE_DIR)
    ? null
    : `a path outside the package (${relative(PACKAGE_DIR, target)})`;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'node_modules') return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|mts|js|mjs)$/.test(entry.name) ? [path] : [];
  });
}

describe('the package imports nothing of the product', () => {
  const files = sourceFiles(PACKAGE_DIR);

  it('finds its sources, tests and CLI', () => {
    const folders = new Set(files.map((file) => relative(PACKAGE_DIR, file).split(sep)[0]));
    expect([...folders].sort()).toEqual(expect.arrayContaining(['bin', 'src', 'test']));
    expect(files.length).toBeGreaterThan(30);
  });

  it.each(files.map((file) => [relative(PACKAGE_DIR, file), file]))('%s', (_, file) => {
    const leaks = specifiers(readFileSync(file, 'utf8')).flatMap((specifier) => {
      const why = leak(file, specifier);
      return why ? [`${specifier}: ${why}`] : [];
    });
    expect(leaks).toEqual([]);
  });

  it('catches each way a module could reach the product', () => {
    // Read as if it were src/eventbridge/endpoint.ts; a .txt so that the scan above leaves it alone.
    const file = join(PACKAGE_DIR, 'src', 'eventbridge', 'endpoint.ts');
    const source = readFileSync(join(PACKAGE_DIR, 'test', 'fixtures', 'leaky-module.ts.txt'), 'utf8');
    const found = specifiers(source).filter((specifier) => leak(file, specifier) !== null);
    expect(found.sort()).toEqual(
      [
        '#shared/events/routes.ts',
        '../../../../shared/client/page-config.ts',
        '../../../../functions/http-start-party/handler.ts',
        '#lib/paths.ts',
        '../../../../web/src/main.ts',
        '#test/support/raw-http.ts',
      ].sort(),
    );
  });
});
