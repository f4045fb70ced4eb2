import fc from 'fast-check';
import {
  CONVERSATION_WINDOWS,
  SlidingWindowLimiter,
  TENANT_WINDOWS,
  TenantPace,
} from '../../bot/reminders/rateLimits';

/** Teams' limits are sliding windows: no window of any length position may hold more than its limit. */
function maxInAnyWindow(times: readonly number[], ms: number): number {
  let max = 0;
  for (let i = 0, j = 0; i < times.length; i += 1) {
    while (times[i]! - times[j]! >= ms) j += 1;
    max = Math.max(max, i - j + 1);
  }
  return max;
}

describe('sliding-window limiter', () => {
  test('reserved times never put more than a window allows in any window of it (Teams per-conversation limits)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5_000 }), { minLength: 1, maxLength: 300 }), (asks) => {
        const limiter = new SlidingWindowLimiter(CONVERSATION_WINDOWS);
        const times: number[] = [];
        let clock = 0;
        for (const gap of asks) {
          clock += gap % 700;
          const at = limiter.earliest(clock);
          expect(at).toBeGreaterThanOrEqual(clock);
          limiter.reserve(at);
          times.push(at);
        }
        for (const w of CONVERSATION_WINDOWS)
          expect(maxInAnyWindow(times, w.ms)).toBeLessThanOrEqual(w.limit);
      }),
    );
  });

  test('as fast as the windows allow: 7 at once, the 8th after a second, the 9th after two', () => {
    const limiter = new SlidingWindowLimiter(CONVERSATION_WINDOWS);
    const times = Array.from({ length: 10 }, () => {
      const at = limiter.earliest(0);
      limiter.reserve(at);
      return at;
    });
    expect(times).toEqual([0, 0, 0, 0, 0, 0, 0, 1_000, 2_000, 2_000]);
  });

  test('the margin widens each window', () => {
    const limiter = new SlidingWindowLimiter(TENANT_WINDOWS, 25);
    for (let i = 0; i < 50; i += 1) limiter.reserve(limiter.earliest(0));
    expect(limiter.earliest(0)).toBe(1_025);
  });
});

describe('tenant pace', () => {
  test('evenly spaced at the limit; a 429 slows every sender down, and the pace recovers while none comes', () => {
    const pace = new TenantPace(50);
    pace.reserve(0);
    expect(pace.earliest(0)).toBe(20);
    pace.throttled(0);
    expect(pace.earliest(0)).toBeCloseTo(20 / 0.7, 5);
    // 0.1 per second back: after 3 s the factor is 1 again.
    expect(pace.earliest(3_000)).toBe(3_000);
    pace.reserve(3_000);
    expect(pace.earliest(3_000)).toBe(3_020);
  });
});
