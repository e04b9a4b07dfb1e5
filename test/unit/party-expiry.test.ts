import { describe, expect, it } from 'vitest';
import { EXPIRY_REFRESH_SECONDS, expiryPlan } from '#shared/domain/party/expiry.ts';
import { PARTY_RETENTION_SECONDS } from '#shared/domain/party/limits.ts';

const NOW = 1_800_000_000;
const RETAINED = NOW + PARTY_RETENTION_SECONDS;
const EXTENDED = RETAINED + EXPIRY_REFRESH_SECONDS;

describe('expiryPlan', () => {
  it('gives a new party the retention and a refresh interval to spare', () => {
    expect(expiryPlan(null, NOW)).toEqual({ core: EXTENDED, parts: EXTENDED, extendTo: null });
  });

  it("keeps the party's expiry while it is at least the retention away: nothing extra to write", () => {
    for (const stored of [RETAINED, RETAINED + 1, EXTENDED]) {
      expect(expiryPlan(stored, NOW)).toEqual({ core: stored, parts: stored, extendTo: null });
    }
  });

  it('extends the whole party once its expiry is closer than the retention, the core last', () => {
    for (const stored of [0, NOW, RETAINED - 1]) {
      expect(expiryPlan(stored, NOW)).toEqual({ core: RETAINED, parts: EXTENDED, extendTo: EXTENDED });
    }
  });

  it('extends at most once per refresh interval when the party changes every minute', () => {
    let stored = expiryPlan(null, NOW).core;
    let extensions = 0;
    for (let now = NOW; now < NOW + 10 * EXPIRY_REFRESH_SECONDS; now += 60) {
      const plan = expiryPlan(stored, now);
      if (plan.extendTo !== null) {
        extensions += 1;
        stored = plan.extendTo;
      }
      expect(stored).toBeGreaterThanOrEqual(now + PARTY_RETENTION_SECONDS);
    }
    expect(extensions).toBeLessThanOrEqual(10);
  });
});
