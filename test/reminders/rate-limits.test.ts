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
  /** Sends `n` as soon as the pace allows from `from`, each timer firing `lateMs` late; their times. */
  function run(pace: TenantPace, from: number, n: number, lateMs = 0): number[] {
    const times: number[] = [];
    let clock = from;
    for (let i = 0; i < n; i += 1) {
      const slot = pace.earliest(clock);
      clock = slot > clock ? slot + lateMs : clock;
      pace.reserve(clock);
      times.push(clock);
    }
    return times;
  }

  test('evenly spaced at the limit: 50 a second', () => {
    const times = run(new TenantPace(50), 0, 101);
    expect(times.at(-1)! - times[50]!).toBeCloseTo(1_000, 5);
  });

  test('a late timer does not slow the schedule down: up to 20 ms of lag is made up', () => {
    const times = run(new TenantPace(50), 0, 101, 7);
    expect(times.at(-1)! - times[50]!).toBeLessThan(1_010);
  });

  test('a 429 slows every sender to the tenant (×0.85), the 429s of one burst cut once, the pace recovers', () => {
    const pace = new TenantPace(50);
    run(pace, 0, 50);
    pace.throttled(1_000);
    pace.throttled(1_200); // same burst: no second cut
    // (The first few go at once: the catch-up allowance after an idle moment.)
    const slowed = run(pace, 1_000, 31);
    expect(slowed[30]! - slowed[10]!).toBeGreaterThan(20 * 20 * 1.03);
    expect(slowed[30]! - slowed[10]!).toBeLessThan((20 * 20) / 0.85 + 1);
    // 0.3 per second back: a second later, full speed again.
    const recovered = run(pace, 3_000, 61);
    expect(recovered[60]! - recovered[10]!).toBeCloseTo(1_000, 5);
    // A later burst cuts again.
    pace.throttled(5_000);
    const again = run(pace, 5_000, 31);
    expect(again[30]! - again[10]!).toBeGreaterThan(20 * 20 * 1.03);
  });
});
