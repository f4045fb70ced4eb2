/**
 * Teams' limits for a bot's proactive messages (notes/teams-platform.md): per conversation 7 in
 * 1 s, 8 in 2 s, 60 in 30 s and 1,800 in an hour; about 50 requests per second per tenant. The
 * windows are sliding, so the limiter keeps the send times of the last hour per conversation —
 * the fixed-window and token-bucket limiters on npm (bottleneck, rate-limiter-flexible) let twice a
 * window's limit through at a window boundary and would earn 429s.
 */

export interface Window {
  readonly ms: number;
  readonly limit: number;
}

export const CONVERSATION_WINDOWS: readonly Window[] = [
  { ms: 1_000, limit: 7 },
  { ms: 2_000, limit: 8 },
  { ms: 30_000, limit: 60 },
  { ms: 3_600_000, limit: 1_800 },
];
export const TENANT_WINDOWS: readonly Window[] = [{ ms: 1_000, limit: 50 }];

/**
 * Send times under several sliding windows: `earliest(from)` is the first time at or after `from`
 * (and after the last recorded send: times only move forward) at which one more send keeps every
 * window within its limit; `reserve(at)` records a send. `marginMs` widens each window so that a
 * little network jitter between here and the service cannot push two sends into one window.
 */
export class SlidingWindowLimiter {
  private readonly times: number[] = [];
  private readonly longest: number;

  constructor(
    private readonly windows: readonly Window[],
    private readonly marginMs = 0,
  ) {
    this.longest = Math.max(...windows.map((w) => w.ms)) + marginMs;
  }

  /** The earliest allowed time at or after `from`, without reserving it. */
  earliest(from: number): number {
    let t = Math.max(from, this.times.at(-1) ?? -Infinity);
    for (let changed = true; changed;) {
      changed = false;
      for (const w of this.windows) {
        const span = w.ms + this.marginMs;
        // The send `limit` places back must have left the window by t.
        const blocking = this.times[this.times.length - w.limit];
        if (blocking !== undefined && blocking + span > t) {
          t = blocking + span;
          changed = true;
        }
      }
    }
    return t;
  }

  reserve(at: number): void {
    this.times.push(at);
    const horizon = at - this.longest;
    let drop = 0;
    while (drop < this.times.length && this.times[drop]! <= horizon) drop += 1;
    if (drop > 0) this.times.splice(0, drop);
  }
}

/**
 * How fast one tenant may be sent to: evenly spaced at its limit, slowed down for every sender to
 * the tenant when Teams answers 429 (multiplicative decrease), back to full speed within a few
 * seconds while no 429 comes (additive increase). The 429s of requests already in flight when the
 * first one arrived answer the same burst: one cut per `cutWindowMs`.
 */
export class TenantPace {
  private factor = 1;
  private lastChange = 0;
  private lastCut = -Infinity;
  /** The next send's slot on the even schedule. */
  private nextSlot = -Infinity;

  constructor(
    private readonly perSecond: number,
    private readonly options: {
      readonly decrease: number;
      readonly recoveryPerSecond: number;
      readonly minimumFactor: number;
      readonly cutWindowMs: number;
    } = { decrease: 0.85, recoveryPerSecond: 0.3, minimumFactor: 0.25, cutWindowMs: 1_000 },
  ) {}

  private currentFactor(now: number): number {
    const elapsed = Math.max(0, now - this.lastChange);
    const recovered = this.factor + (elapsed / 1000) * this.options.recoveryPerSecond;
    return Math.min(1, recovered);
  }

  /** The earliest time at or after `from` for the next send to this tenant. */
  earliest(from: number): number {
    return Math.max(from, this.nextSlot);
  }

  /**
   * A send went at `at`. The next slot follows the schedule, not the (possibly late) send: a timer
   * that fires a few milliseconds late does not slow the tenant down; up to `catchUpMs` of lag is
   * made up (the sliding window still caps every second).
   */
  reserve(at: number, catchUpMs = 20): void {
    const interval = 1000 / (this.perSecond * this.currentFactor(at));
    this.nextSlot = Math.max(this.nextSlot, at - catchUpMs) + interval;
  }

  throttled(now: number): void {
    if (now - this.lastCut < this.options.cutWindowMs) return;
    this.lastCut = now;
    this.factor = Math.max(this.options.minimumFactor, this.currentFactor(now) * this.options.decrease);
    this.lastChange = now;
  }
}
