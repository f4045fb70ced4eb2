import { setTimeout as sleep } from 'node:timers/promises';
import type { Activity, ConversationReference } from 'botbuilder';
import pLimit from 'p-limit';
import type { Logger } from '../log';
import { StoreError } from '../store/errors';
import type { Claim, ClaimResult, FinalStatus, LedgerUpdate, ReminderKey } from '../store/reminderLedger';
import { SendFailure, sendFailureOf, type ProactiveConnector } from './connector';
import { CONVERSATION_WINDOWS, SlidingWindowLimiter, TENANT_WINDOWS, TenantPace } from './rateLimits';

/**
 * Sends proactive messages exactly once and fast: each one is claimed in the ledger ahead (in
 * batches), marked `sending` as it waits for its send slot and completed as soon as its call
 * returns — so after a crash only the messages then marked are ambiguous (sent again, recorded as
 * possibly repeated), and only those whose call was in flight can arrive twice — per tenant in a
 * lane of workers that keeps to Teams' limits, with a bounded number of requests in flight
 * overall. A 429 pauses the refused conversation for its Retry-After and slows every sender to that
 * tenant; 5xx, 412 and network errors are retried with jittered exponential backoff; 403/404 mean
 * the bot was removed there.
 */

export interface Delivery {
  readonly key: ReminderKey;
  /** The recipient's Teams tenant: the unit of the per-tenant rate limit. */
  readonly tenantId: string;
  readonly reference: Partial<ConversationReference>;
  readonly activity: Partial<Activity>;
}

/** The ledger as the sender uses it: our small interface (bot/store/reminderLedger.ts). */
export interface LedgerPort {
  claimMany(keys: readonly ReminderKey[], runner: string, now: Date): Promise<ClaimResult[]>;
  /** Each claim as updated, or undefined when it was taken over meanwhile. */
  updateMany(updates: readonly LedgerUpdate[], now: Date): Promise<(Claim | undefined)[]>;
  releaseMany(claims: readonly Claim[], now: Date, outcome?: string): Promise<void>;
}

export interface SenderDependencies {
  readonly connector: ProactiveConnector;
  readonly ledger: LedgerPort;
  /** The bot was removed from the conversation (403/404): forget its reference and subscription. */
  readonly recipientGone: (partnerId: string, conversationId: string) => Promise<void>;
  readonly log: Logger;
  /** Unique per run: who holds a claim. */
  readonly runnerId: string;
}

export interface SenderOptions {
  /** Requests in flight at once, over all tenants. */
  readonly inFlight: number;
  readonly workersPerTenant: number;
  /** Tries for 5xx, 412 and network errors. */
  readonly maxAttempts: number;
  /** Tries for 429s (each one waits its Retry-After). */
  readonly maxThrottledAttempts: number;
  /**
   * Runs that may try a message whose tries ran out on 429s, 5xx or network errors: until then its
   * claim is given back for the next run (a failed send is retried, never dropped); after, it fails.
   */
  readonly maxRuns: number;
  readonly backoffBaseMs: number;
  readonly backoffCapMs: number;
  /** Claims ahead of sending, per request to the ledger. */
  readonly claimChunk: number;
  /** Widens every rate window a little against network jitter. */
  readonly marginMs: number;
  readonly tenantPerSecond: number;
}

export const DEFAULT_SENDER_OPTIONS: SenderOptions = {
  inFlight: 64,
  workersPerTenant: 8,
  maxAttempts: 5,
  maxThrottledAttempts: 10,
  maxRuns: 24,
  backoffBaseMs: 500,
  backoffCapMs: 30_000,
  claimChunk: 100,
  marginMs: 25,
  tenantPerSecond: TENANT_WINDOWS[0]!.limit,
};

export type DeliveryStatus =
  | FinalStatus
  /** The ledger says it was sent (or ended) before: nothing sent. */
  | 'alreadyDone'
  /** Another runner holds it: nothing sent. */
  | 'busy'
  /** The run was stopped before sending it: its claim was given back for the next run. */
  | 'released'
  /** Its tries in this run ran out on transient errors: its claim was given back for the next run. */
  | 'deferred';

export interface DeliveryResult {
  readonly key: ReminderKey;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly throttled: number;
  readonly outcome: string;
  /** Sent after a runner died during its call: Teams may show it twice. */
  readonly possiblyRepeated: boolean;
}

export interface SendReport {
  readonly deliveries: number;
  readonly sent: number;
  /** Of `sent`: those that had a 429 first. */
  readonly throttledThenSent: number;
  readonly gone: number;
  readonly failed: number;
  readonly alreadyDone: number;
  readonly busy: number;
  readonly released: number;
  readonly deferred: number;
  /** Sends tried again (after a 429, 5xx, 412 or network error). */
  readonly retries: number;
  readonly throttled: number;
  /** Completions the ledger did not take (the claim was taken over): possible duplicates. */
  readonly unrecorded: number;
  /** Of `sent`: sent again after a runner died during its call (Teams may have shown it twice). */
  readonly possiblyRepeated: number;
  readonly durationMs: number;
}

interface Pending {
  readonly delivery: Delivery;
  /** The claim, then its `sending` mark (the ETag changes with each). */
  claim: Claim;
  attempts: number;
  throttled: number;
  notBefore: number;
}

/** One conversation after another, round robin: a conversation's messages spread over the run. */
function roundRobin(deliveries: readonly Delivery[]): Delivery[] {
  const byConversation = new Map<string, Delivery[]>();
  for (const d of deliveries) {
    const list = byConversation.get(d.key.recipient);
    if (list) list.push(d);
    else byConversation.set(d.key.recipient, [d]);
  }
  const queues = [...byConversation.values()];
  const out: Delivery[] = [];
  for (let round = 0; out.length < deliveries.length; round += 1) {
    for (const q of queues) if (round < q.length) out.push(q[round]!);
  }
  return out;
}

/** Full jitter (AWS architecture blog): a random wait up to the exponential bound. */
function backoff(attempt: number, options: SenderOptions): number {
  return Math.random() * Math.min(options.backoffCapMs, options.backoffBaseMs * 2 ** (attempt - 1));
}

const retryable = (f: SendFailure): boolean =>
  f.status === undefined || f.status === 412 || f.status === 408 || f.status >= 500;
const recipientRemoved = (f: SendFailure): boolean => f.status === 403 || f.status === 404;

/** Tries for a ledger write after a send (the message is out: it must be recorded). */
const RECORD_TRIES = 5;

interface QueuedUpdate {
  readonly update: LedgerUpdate;
  readonly resolve: (claim: Claim | undefined) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * `sending` marks and completions, group-committed: written at once when no write is in flight,
 * else with all the others queued meanwhile as soon as it returns (one bulk request). No timer
 * delays a write; the busier the sender, the more updates per request.
 */
class LedgerWriter {
  private queue: QueuedUpdate[] | undefined;

  constructor(private readonly ledger: LedgerPort) {}

  /** The claim as updated (its new ETag), or undefined when it was taken over meanwhile. */
  write(update: LedgerUpdate): Promise<Claim | undefined> {
    return new Promise((resolve, reject) => {
      if (this.queue) {
        this.queue.push({ update, resolve, reject });
        return;
      }
      this.queue = [{ update, resolve, reject }];
      // Every outcome reaches its caller through resolve/reject: nothing here can go unhandled.
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    for (let batch = this.queue ?? []; batch.length > 0; batch = this.queue ?? []) {
      this.queue = [];
      try {
        const claims = await this.ledger.updateMany(
          batch.map((q) => q.update),
          new Date(),
        );
        batch.forEach((q, i) => q.resolve(claims[i]));
      } catch (error) {
        for (const q of batch) q.reject(error);
      }
    }
    this.queue = undefined;
  }
}

export class ReminderSender {
  private readonly options: SenderOptions;

  constructor(
    private readonly deps: SenderDependencies,
    options: Partial<SenderOptions> = {},
  ) {
    this.options = { ...DEFAULT_SENDER_OPTIONS, ...options };
  }

  /**
   * Sends `deliveries`; when `signal` aborts (the process is stopping), nothing new is sent, the
   * messages in flight finish and are recorded, and the remaining claims are given back.
   */
  async send(
    deliveries: readonly Delivery[],
    signal?: AbortSignal,
  ): Promise<{ report: SendReport; results: DeliveryResult[] }> {
    const started = Date.now();
    const results: DeliveryResult[] = [];
    const counters = { retries: 0, throttled: 0, unrecorded: 0 };
    const inFlight = pLimit(this.options.inFlight);
    const writer = new LedgerWriter(this.deps.ledger);
    const byTenant = new Map<string, Delivery[]>();
    for (const d of deliveries) {
      const list = byTenant.get(d.tenantId);
      if (list) list.push(d);
      else byTenant.set(d.tenantId, [d]);
    }
    const conversations = new Map<string, SlidingWindowLimiter>();
    const lanes = [...byTenant.entries()].map(([tenantId, items]) =>
      new TenantLane(tenantId, roundRobin(items), {
        ...this.deps,
        options: this.options,
        inFlight,
        writer,
        conversations,
        results,
        counters,
        ...(signal ? { signal } : {}),
      }).run(),
    );
    const settled = await Promise.allSettled(lanes);
    const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failure) throw failure.reason;
    const count = (status: DeliveryStatus) => results.filter((r) => r.status === status).length;
    return {
      report: {
        deliveries: deliveries.length,
        sent: count('sent'),
        throttledThenSent: results.filter((r) => r.status === 'sent' && r.throttled > 0).length,
        gone: count('gone'),
        failed: count('failed'),
        alreadyDone: count('alreadyDone'),
        busy: count('busy'),
        released: count('released'),
        deferred: count('deferred'),
        retries: counters.retries,
        throttled: counters.throttled,
        unrecorded: counters.unrecorded,
        possiblyRepeated: results.filter((r) => r.status === 'sent' && r.possiblyRepeated).length,
        durationMs: Date.now() - started,
      },
      results,
    };
  }
}

interface LaneContext extends SenderDependencies {
  readonly options: SenderOptions;
  readonly inFlight: ReturnType<typeof pLimit>;
  readonly writer: LedgerWriter;
  /** Per conversation, shared by all lanes (a conversation belongs to one tenant anyway). */
  readonly conversations: Map<string, SlidingWindowLimiter>;
  readonly results: DeliveryResult[];
  readonly counters: { retries: number; throttled: number; unrecorded: number };
  readonly signal?: AbortSignal;
}

/** One tenant's deliveries: claimed ahead in chunks, sent by a few workers at the tenant's pace. */
class TenantLane {
  private readonly tenantLimiter: SlidingWindowLimiter;
  private readonly pace: TenantPace;
  private readonly deferred: Pending[] = [];
  private readonly claimed: AsyncGenerator<Pending>;
  private streamDone = false;
  /** Deliveries claimed but not finished: a worker may wait for a deferred one while this is > 0. */
  private active = 0;
  /** The last dispatch decision: the next one waits for it (see dispatchTurn). */
  private dispatching: Promise<void> = Promise.resolve();

  constructor(
    private readonly tenantId: string,
    private readonly order: Delivery[],
    private readonly ctx: LaneContext,
  ) {
    this.tenantLimiter = new SlidingWindowLimiter(TENANT_WINDOWS, ctx.options.marginMs);
    this.pace = new TenantPace(ctx.options.tenantPerSecond * (1000 / (1000 + ctx.options.marginMs)));
    this.claimed = this.claimAhead();
  }

  async run(): Promise<void> {
    const workers = Math.min(this.ctx.options.workersPerTenant, this.order.length);
    await Promise.all(Array.from({ length: workers }, () => this.work()));
    if (this.ctx.signal?.aborted) await this.releaseRest();
  }

  /** Stopped: the claims not sent yet (deferred, and claimed ahead) go back to the ledger. */
  private async releaseRest(): Promise<void> {
    const rest = this.deferred.splice(0);
    for (let item = await this.claimed.next(); !item.done; item = await this.claimed.next())
      rest.push(item.value);
    if (rest.length === 0) return;
    await this.ctx.ledger.releaseMany(
      rest.map((p) => p.claim),
      new Date(),
    );
    for (const p of rest) this.result(p, 'released', 'run stopped before sending: claim released');
  }

  /** Claims chunk after chunk, the next one while the current one is being sent. */
  private async *claimAhead(): AsyncGenerator<Pending> {
    const size = this.ctx.options.claimChunk;
    const claim = (from: number) => {
      const chunk = this.order.slice(from, from + size);
      const promise = this.ctx.ledger
        .claimMany(
          chunk.map((d) => d.key),
          this.ctx.runnerId,
          new Date(),
        )
        .then((claims) => claims.map((c, i) => [chunk[i]!, c] as const));
      promise.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
      return promise;
    };
    let next = this.order.length > 0 ? claim(0) : undefined;
    for (let from = 0; next; from += size) {
      const current = await next;
      next = from + size < this.order.length ? claim(from + size) : undefined;
      for (const [delivery, result] of current) {
        if (result.kind === 'claimed') {
          yield { delivery, claim: result, attempts: 0, throttled: 0, notBefore: 0 };
        } else {
          this.ctx.results.push({
            key: delivery.key,
            status: result.kind === 'done' ? 'alreadyDone' : 'busy',
            attempts: 0,
            throttled: 0,
            outcome: result.kind === 'done' ? `already ${result.entry.status}` : 'held by another runner',
            possiblyRepeated: false,
          });
        }
      }
    }
  }

  private async next(): Promise<Pending | undefined> {
    for (;;) {
      if (this.ctx.signal?.aborted) return undefined;
      const now = Date.now();
      const readyIndex = this.deferred.findIndex((p) => p.notBefore <= now);
      if (readyIndex >= 0) return this.deferred.splice(readyIndex, 1)[0];
      if (!this.streamDone) {
        const item = await this.claimed.next();
        if (!item.done) {
          this.active += 1;
          return item.value;
        }
        this.streamDone = true;
      }
      if (this.deferred.length === 0 && this.active === 0) return undefined;
      // Wait for the earliest deferred one, or for another worker's item that may be deferred.
      const earliest = Math.min(...this.deferred.map((p) => p.notBefore), now + 50);
      await sleep(Math.max(1, earliest - now));
    }
  }

  private async work(): Promise<void> {
    for (let item = await this.next(); item; item = await this.next()) {
      const finished = await this.attempt(item);
      if (finished) this.active -= 1;
      else this.deferred.push(item);
    }
  }

  private conversationLimiter(conversationId: string): SlidingWindowLimiter {
    let limiter = this.ctx.conversations.get(conversationId);
    if (!limiter) {
      limiter = new SlidingWindowLimiter(CONVERSATION_WINDOWS, this.ctx.options.marginMs);
      this.ctx.conversations.set(conversationId, limiter);
    }
    return limiter;
  }

  /**
   * Waits for this tenant's next send slot. Sends to a tenant are dispatched one after another, and
   * the limiters record the actual dispatch time, not a time reserved in advance: when the event
   * loop falls behind, late sends do not bunch up with the ones on time and break a window.
   */
  private dispatchTurn(conversation: SlidingWindowLimiter): Promise<void> {
    const turn = this.dispatching.then(async () => {
      for (;;) {
        const now = Date.now();
        const at = Math.max(
          conversation.earliest(now),
          this.tenantLimiter.earliest(now),
          this.pace.earliest(now),
        );
        if (at <= now) {
          conversation.reserve(now);
          this.tenantLimiter.reserve(now);
          this.pace.reserve(now);
          return;
        }
        await sleep(at - now);
      }
    });
    this.dispatching = turn;
    return turn;
  }

  /** One try; false when the item must wait (its conversation's limit or a retry) and come back. */
  private async attempt(item: Pending): Promise<boolean> {
    const conversation = this.conversationLimiter(item.delivery.key.recipient);
    const now = Date.now();
    const conversationSlot = conversation.earliest(Math.max(now, item.notBefore));
    if (conversationSlot > now + 20) {
      // This conversation must wait; let the workers send to others meanwhile.
      item.notBefore = conversationSlot;
      return false;
    }

    item.attempts += 1;
    try {
      // Marked once, just before waiting for the send slot (a retry's entry is `sending` already).
      // Not between the slot and the call: a slow write there would bunch arrivals past Teams' limits.
      if (item.claim.entry.status !== 'sending') {
        const marked = await this.ctx.writer.write({ claim: item.claim, status: 'sending' });
        if (!marked) {
          this.result(item, 'busy', 'taken over by another runner before sending');
          return true;
        }
        item.claim = marked;
      }
      await this.dispatchTurn(conversation);
      await this.ctx.inFlight(() => this.ctx.connector.send(item.delivery.reference, item.delivery.activity));
      await this.finish(
        item,
        'sent',
        item.attempts === 1
          ? 'sent on the first try'
          : `sent after ${item.attempts - 1} failed ${item.attempts === 2 ? 'try' : 'tries'}`,
      );
      return true;
    } catch (error) {
      // Not sent: the `sending` mark could not be written (the store failed), or the channel refused.
      const failure =
        error instanceof StoreError
          ? new SendFailure(undefined, undefined, `${error.code}: ${error.message}`)
          : sendFailureOf(error);
      if (recipientRemoved(failure)) {
        await this.ctx.recipientGone(item.delivery.key.partnerId, item.delivery.key.recipient);
        await this.finish(item, 'gone', `recipient gone (${failure.status}): conversation reference removed`);
        return true;
      }
      if (failure.status === 429) {
        item.throttled += 1;
        this.ctx.counters.throttled += 1;
        this.pace.throttled(Date.now());
        if (item.throttled >= this.ctx.options.maxThrottledAttempts) {
          await this.giveUp(item, `${item.attempts} tries (throttled ${item.throttled} times)`);
          return true;
        }
        this.ctx.counters.retries += 1;
        item.notBefore = Date.now() + (failure.retryAfterMs ?? backoff(item.throttled, this.ctx.options));
        return false;
      }
      const errors = item.attempts - item.throttled;
      if (retryable(failure) && errors < this.ctx.options.maxAttempts) {
        this.ctx.counters.retries += 1;
        item.notBefore = Date.now() + backoff(errors, this.ctx.options);
        return false;
      }
      if (retryable(failure)) {
        await this.giveUp(item, `${item.attempts} tries: ${failure.message.slice(0, 200)}`);
        return true;
      }
      this.ctx.log.warn(
        { partnerId: item.delivery.key.partnerId, tenantId: this.tenantId, status: failure.status },
        'reminder refused by the channel',
      );
      await this.finish(item, 'failed', `refused (${failure.status}): ${failure.message.slice(0, 200)}`);
      return true;
    }
  }

  /** Tries ran out on transient errors: the next run tries again, up to `maxRuns` runs. */
  private async giveUp(item: Pending, tries: string): Promise<void> {
    const runs = item.claim.entry.claims;
    this.ctx.log.warn(
      { partnerId: item.delivery.key.partnerId, tenantId: this.tenantId, attempts: item.attempts, runs },
      'reminder not delivered in this run',
    );
    if (runs >= this.ctx.options.maxRuns) {
      await this.finish(item, 'failed', `failed after ${tries}, in ${runs} runs`);
      return;
    }
    const outcome = `not sent yet after ${tries}: the next run tries again`;
    await this.ctx.ledger.releaseMany([item.claim], new Date(), outcome);
    this.result(item, 'deferred', outcome);
  }

  /**
   * Records the outcome in the ledger as soon as it is known, so that a crash right after repeats
   * nothing but the calls then in flight. A message sent after a runner died during its call is
   * recorded as possibly repeated: Teams takes no idempotency key, so that call may have arrived.
   */
  private async finish(item: Pending, status: FinalStatus, outcome: string): Promise<void> {
    const throttled =
      status === 'sent' && item.throttled > 0 ? `${outcome} (throttled ${item.throttled} times)` : outcome;
    const interrupted = item.claim.entry.interruptedSends ?? 0;
    const possiblyRepeated = status === 'sent' && interrupted > 0;
    const fullOutcome = possiblyRepeated
      ? `${throttled}; possibly repeated: a runner stopped during ${interrupted === 1 ? 'an earlier call' : `${interrupted} earlier calls`}`
      : throttled;
    if (possiblyRepeated) {
      this.ctx.log.warn(
        { partnerId: item.delivery.key.partnerId, tenantId: this.tenantId, ledgerId: item.claim.entry.id },
        'reminder sent again after a runner stopped during its call: possibly repeated',
      );
    }
    await this.record(item.claim, status, fullOutcome);
    this.result(item, status, fullOutcome, possiblyRepeated);
  }

  /** The completion, tried again on store errors; a claim taken over meanwhile is counted, not retried. */
  private async record(claim: Claim, status: FinalStatus, outcome: string): Promise<void> {
    const where = { partnerId: claim.entry.partnerId, ledgerId: claim.entry.id };
    for (let attempt = 1; ; attempt += 1) {
      try {
        if (await this.ctx.writer.write({ claim, status, outcome })) return;
        this.ctx.counters.unrecorded += 1;
        this.ctx.log.error(where, 'reminder claim taken over before its completion: the lease was too short');
        return;
      } catch (error) {
        if (attempt >= RECORD_TRIES) {
          this.ctx.counters.unrecorded += 1;
          this.ctx.log.error(
            { err: error, ...where },
            'could not record a sent reminder: it may be sent again after its lease expires',
          );
          return;
        }
        await sleep(200 * 2 ** attempt);
      }
    }
  }

  private result(item: Pending, status: DeliveryStatus, outcome: string, possiblyRepeated = false): void {
    this.ctx.results.push({
      key: item.delivery.key,
      status,
      attempts: item.attempts,
      throttled: item.throttled,
      outcome,
      possiblyRepeated,
    });
  }
}
