import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '#lib/paths.ts';
import { METRIC_DIMENSIONS, METRICS } from '#shared/contracts/metrics.ts';

const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('### Metrics'), readme.indexOf('### Redrive'));

describe('the metrics catalogue', () => {
  it.each(Object.keys(METRICS))('%s is documented in the README', (name) => {
    expect(section).toContain(`\`${name}\``);
  });

  it('bounds every dimension, so that no metric multiplies per party or per connection', () => {
    for (const [dimension, values] of Object.entries(METRIC_DIMENSIONS)) {
      expect(values.length, dimension).toBeGreaterThan(0);
      expect(values.length, dimension).toBeLessThanOrEqual(12);
    }
    // Powertools adds `service`; CloudWatch takes at most 30 dimensions, EMF directives 9 per set.
    for (const definition of Object.values(METRICS)) expect(definition.dimensions.length).toBeLessThan(9);
  });
});
