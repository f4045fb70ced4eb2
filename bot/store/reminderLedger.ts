import { createHash } from 'node:crypto';
import type { Container, OperationInput } from '@azure/cosmos';
import { z } from 'zod';
import { guard, StoreError } from './errors';
import { parse, pointRead, queryPartition } from './read';

/**
 * The exactly-once ledger of proactive messages: one document per (partner, subject, occasion,
 * offset, recipient) with a deterministic id. A sender claims it ahead — the create succeeds for
 * exactly one runner (409 for the others); claims go in transactional batches per partner, one
 * request for up to 100 — marks it `sending` just before the connector call and completes it as
 * soon as the call returns (marks and completions in bulk requests across partners). A claim that
 * was never completed (the runner died) can be taken over once its lease has expired, with an
 * ETag condition, so two runners never both hold it. Teams' connector takes no idempotency key, so
 * an entry found `sending` is the one ambiguous case: the call may have reached Teams. It is sent
 * again (never dropped) and counted in `interruptedSends`, so its outcome says it was possibly
 * repeated; only the calls in flight at a crash can really have arrived twice.
 */

export interface ReminderKey {
  readonly partnerId: string;
  /** "Solutions Partner for Security" (the designation), a specialization's name, or "score alert". */
  readonly subject: string;
  /** The anniversary (YYYY-MM-DD) for renewal reminders; `version:<id>` for a score alert. */
  readonly occasion: string;
  /** Days relative to the anniversary; for a snoozed reminder sent again, the original's. */
  readonly offsetDays: number;
  /** The conversation id the message goes to. */
  readonly recipient: string;
}

const ackSchema = z.object({ name: z.string(), objectId: z.string().optional(), at: z.string() });
export type Acknowledgement = z.infer<typeof ackSchema>;

export const ledgerEntrySchema = z.object({
  id: z.string().min(1),
  type: z.literal('ledger'),
  partnerId: z.string().regex(/^\d+$/),
  subject: z.string().min(1),
  occasion: z.string().min(1),
  offsetDays: z.number().int(),
  recipient: z.string().min(1),
  /** `sending`: a connector call was started and its outcome not recorded (yet). */
  status: z.enum(['claimed', 'sending', 'sent', 'gone', 'failed']),
  claimedBy: z.string(),
  leaseUntil: z.string(),
  /** How many runners claimed it (more than 1 after a takeover). */
  claims: z.number().int().positive(),
  /** Takeovers of an entry found `sending`: a runner died during the call, Teams may have the message. */
  interruptedSends: z.number().int().positive().optional(),
  /** How it ended, e.g. "sent after 2 throttled tries". */
  outcome: z.string().optional(),
  /** Who clicked "Got it" on the card, shown to everyone in the conversation. */
  acknowledged: ackSchema.optional(),
  /** "Snooze 7 days": the reminder is sent again on this date (YYYY-MM-DD). */
  snoozedUntil: z.string().optional(),
  snoozedBy: z.string().optional(),
  updatedAt: z.string(),
});
export type LedgerEntry = z.infer<typeof ledgerEntrySchema>;

export interface Claim {
  readonly entry: LedgerEntry;
  readonly etag: string;
}

export type ClaimResult =
  | ({ readonly kind: 'claimed' } & Claim)
  /** Already sent, or the recipient is gone, or it failed for good: never send it again. */
  | { readonly kind: 'done'; readonly entry: LedgerEntry }
  /** Another runner holds a live claim. */
  | { readonly kind: 'busy'; readonly entry: LedgerEntry };

export type FinalStatus = 'sent' | 'gone' | 'failed';

/** A change of a held claim: marked `sending` right before the connector call, or how it ended. */
export type LedgerUpdate =
  | { readonly claim: Claim; readonly status: 'sending' }
  | { readonly claim: Claim; readonly status: FinalStatus; readonly outcome: string };

/** Cosmos DB's limit of operations in one transactional batch. */
const BATCH_LIMIT = 100;

export function ledgerId(key: ReminderKey): string {
  return createHash('sha256')
    .update([key.partnerId, key.subject, key.occasion, String(key.offsetDays), key.recipient].join('\u0000'))
    .digest('hex')
    .slice(0, 40);
}

export function keyOf(entry: LedgerEntry): ReminderKey {
  const { partnerId, subject, occasion, offsetDays, recipient } = entry;
  return { partnerId, subject, occasion, offsetDays, recipient };
}

const isCode = (error: unknown, code: StoreError['code']): boolean =>
  error instanceof StoreError && error.code === code;

function updated(update: LedgerUpdate, now: Date): LedgerEntry {
  return {
    ...update.claim.entry,
    status: update.status,
    ...('outcome' in update ? { outcome: update.outcome } : {}),
    updatedAt: now.toISOString(),
  };
}

/** Not ended yet: a runner holds it, or held it and died (then it is taken over after the lease). */
const isOpen = (entry: LedgerEntry): boolean => entry.status === 'claimed' || entry.status === 'sending';

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function groupBy<T>(items: readonly T[], keyOfItem: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOfItem(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

interface BatchResult {
  readonly statusCode: number;
  readonly eTag?: string;
}

export class ReminderLedger {
  constructor(
    private readonly container: Container,
    private readonly leaseMs: number = 5 * 60 * 1000,
  ) {}

  async get(key: ReminderKey): Promise<Claim | undefined> {
    const read = await pointRead(this.container, ledgerId(key), key.partnerId, ledgerEntrySchema);
    return read ? { entry: read.doc, etag: read.etag } : undefined;
  }

  private newClaim(key: ReminderKey, runner: string, now: Date, previous?: LedgerEntry): LedgerEntry {
    // Taking over an entry left `sending`: the dead runner's call may have reached Teams.
    const interruptedSends = (previous?.interruptedSends ?? 0) + (previous?.status === 'sending' ? 1 : 0);
    return {
      id: ledgerId(key),
      type: 'ledger',
      ...key,
      status: 'claimed',
      claimedBy: runner,
      leaseUntil: new Date(now.getTime() + this.leaseMs).toISOString(),
      claims: (previous?.claims ?? 0) + 1,
      ...(interruptedSends > 0 ? { interruptedSends } : {}),
      updatedAt: now.toISOString(),
    };
  }

  /** Claims the message for `runner` at `now`; exactly one of several concurrent runners gets it. */
  async claim(key: ReminderKey, runner: string, now: Date): Promise<ClaimResult> {
    const entry = this.newClaim(key, runner, now);
    try {
      const created = await guard(`claim reminder ${entry.id}`, () => this.container.items.create(entry));
      return { kind: 'claimed', entry, etag: created.etag };
    } catch (error) {
      if (!isCode(error, 'CONFLICT')) throw error;
    }
    const existing = await this.get(key);
    if (!existing) return this.claim(key, runner, now); // deleted in between: try again
    if (!isOpen(existing.entry)) return { kind: 'done', entry: existing.entry };
    if (Date.parse(existing.entry.leaseUntil) > now.getTime()) return { kind: 'busy', entry: existing.entry };
    // The holder's lease expired (it crashed): take over, unless someone else just did.
    const takeover = this.newClaim(key, runner, now, existing.entry);
    try {
      const replaced = await guard(`take over reminder ${entry.id}`, () =>
        this.container
          .item(entry.id, key.partnerId)
          .replace(takeover, { accessCondition: { type: 'IfMatch', condition: existing.etag } }),
      );
      return { kind: 'claimed', entry: takeover, etag: replaced.etag };
    } catch (error) {
      if (!isCode(error, 'PRECONDITION_FAILED')) throw error;
      const latest = await this.get(key);
      return latest && !isOpen(latest.entry)
        ? { kind: 'done', entry: latest.entry }
        : { kind: 'busy', entry: (latest ?? existing).entry };
    }
  }

  /**
   * Claims many at once, in the order given: one transactional batch of creates per partner and
   * 100 keys; whatever a batch did not create (it exists already, or the batch failed as a whole)
   * goes through `claim` one by one.
   */
  async claimMany(keys: readonly ReminderKey[], runner: string, now: Date): Promise<ClaimResult[]> {
    const results = new Map<string, ClaimResult>();
    for (const [partnerId, group] of groupBy(keys, (k) => k.partnerId)) {
      for (const chunk of chunks(group, BATCH_LIMIT)) {
        const entries = chunk.map((k) => this.newClaim(k, runner, now));
        const outcome = await this.batch(
          partnerId,
          entries.map((e) => ({ operationType: 'Create', partitionKey: partnerId, resourceBody: e })),
          `claim ${entries.length} reminders`,
        );
        const retry: ReminderKey[] = [];
        entries.forEach((entry, i) => {
          const r = outcome[i];
          // A transactional batch either applies every operation or none; only a 201 is a claim.
          if (r?.statusCode === 201 && r.eTag)
            results.set(entry.id, { kind: 'claimed', entry, etag: r.eTag });
          else retry.push(chunk[i]!);
        });
        for (const key of retry) results.set(ledgerId(key), await this.claim(key, runner, now));
      }
    }
    return keys.map((k) => results.get(ledgerId(k))!);
  }

  /**
   * Records how a claimed message ended. The ETag is the claim's (or its `sending` mark's): a runner
   * whose lease was taken over meanwhile gets PRECONDITION_FAILED instead of overwriting the new
   * holder's record.
   */
  async complete(claim: Claim, status: FinalStatus, outcome: string, now: Date): Promise<LedgerEntry> {
    const done = updated({ claim, status, outcome }, now);
    await this.replaceIfUnchanged(done, claim.etag, `complete reminder ${done.id}`);
    return done;
  }

  /**
   * Applies `sending` marks and completions of any partners: ETag-guarded replaces in one bulk
   * request per 100 (a bulk request spans partitions, a transactional batch does not — and one
   * partner has too few updates at a time to fill a batch); what a bulk request did not apply goes
   * one by one. Returns, in order, the claim as updated (its new ETag), or undefined when it was
   * taken over by another runner after its lease expired.
   */
  async updateMany(updates: readonly LedgerUpdate[], now: Date): Promise<(Claim | undefined)[]> {
    const results: (Claim | undefined)[] = [];
    for (const chunk of chunks(updates, BATCH_LIMIT)) {
      const next = chunk.map((u) => updated(u, now));
      const outcome = await this.bulk(
        next.map((entry, i) => ({
          operationType: 'Replace',
          partitionKey: entry.partnerId,
          id: entry.id,
          resourceBody: entry,
          ifMatch: chunk[i]!.claim.etag,
        })),
        `update ${next.length} reminders`,
      );
      for (const [i, update] of chunk.entries()) {
        const r = outcome[i];
        const entry = next[i]!;
        if (r && r.statusCode >= 200 && r.statusCode < 300 && r.eTag) {
          results.push({ entry, etag: r.eTag });
          continue;
        }
        try {
          const etag = await this.replaceIfUnchanged(entry, update.claim.etag, `update reminder ${entry.id}`);
          results.push({ entry, etag });
        } catch (error) {
          if (!isCode(error, 'PRECONDITION_FAILED')) throw error;
          results.push(undefined);
        }
      }
    }
    return results;
  }

  private async replaceIfUnchanged(entry: LedgerEntry, etag: string, what: string): Promise<string> {
    const replaced = await guard(what, () =>
      this.container
        .item(entry.id, entry.partnerId)
        .replace(entry, { accessCondition: { type: 'IfMatch', condition: etag } }),
    );
    return replaced.etag;
  }

  /**
   * Gives claims back without sending (a runner stopping, or tries that ran out on transient errors):
   * their lease ends now, so the next run takes them over at once. Back to `claimed`: no call is in
   * flight, each try ended in a refusal or an error the sender retries anyway. Best effort: a claim
   * not released expires with its lease.
   */
  async releaseMany(claims: readonly Claim[], now: Date, outcome?: string): Promise<void> {
    for (const [partnerId, group] of groupBy(claims, (c) => c.entry.partnerId)) {
      for (const chunk of chunks(group, BATCH_LIMIT)) {
        await this.batch(
          partnerId,
          chunk.map((c) => ({
            operationType: 'Replace',
            partitionKey: partnerId,
            id: c.entry.id,
            resourceBody: {
              ...c.entry,
              status: 'claimed',
              leaseUntil: now.toISOString(),
              updatedAt: now.toISOString(),
              ...(outcome ? { outcome } : {}),
            },
            ifMatch: c.etag,
          })),
          `release ${chunk.length} reminders`,
        );
      }
    }
  }

  /**
   * A non-transactional bulk request: each operation succeeds or fails on its own. `items.bulk`, not
   * `executeBulkOperations`: the latter holds a partial batch back for a second before sending it.
   */
  private bulk(operations: OperationInput[], what: string): Promise<BatchResult[]> {
    return this.results(what, () => this.container.items.bulk(operations));
  }

  /** A transactional batch in one partner's partition; a batch refused as a whole reports no operation done. */
  private batch(partnerId: string, operations: OperationInput[], what: string): Promise<BatchResult[]> {
    return this.results(
      `${what} of ${partnerId}`,
      async () => (await this.container.items.batch(operations, partnerId)).result,
    );
  }

  /**
   * Each operation's status and new ETag. A request refused as a whole reports no operation done
   * (the callers then go one by one); only an unreachable store is thrown.
   */
  private async results(
    what: string,
    send: () => Promise<readonly BatchResult[] | undefined>,
  ): Promise<BatchResult[]> {
    try {
      const results = (await guard(what, send)) ?? [];
      return results.map((r) => ({ statusCode: r.statusCode, ...(r.eTag ? { eTag: r.eTag } : {}) }));
    } catch (error) {
      if (isCode(error, 'STORE_UNAVAILABLE')) throw error;
      return [];
    }
  }

  /**
   * "Got it" on a delivered card: who acknowledged it, for everyone in the conversation. One state at
   * a time: the first acknowledgement is kept, and it ends a snooze (the reminder is not sent again).
   */
  async acknowledge(key: ReminderKey, by: Acknowledgement): Promise<LedgerEntry | undefined> {
    return this.update(key, (entry) => {
      if (entry.acknowledged) return entry;
      const done: LedgerEntry = { ...entry, acknowledged: by };
      delete done.snoozedUntil;
      delete done.snoozedBy;
      return done;
    });
  }

  /** "Snooze 7 days": the reminder is sent again on `until` — unless it was acknowledged (done). */
  async snooze(key: ReminderKey, until: string, by: string): Promise<LedgerEntry | undefined> {
    return this.update(key, (entry) =>
      entry.acknowledged ? entry : { ...entry, snoozedUntil: until, snoozedBy: by },
    );
  }

  /** Entries of a partner snoozed until a date in [from, to] (a single-partition query). */
  async snoozedBetween(partnerId: string, from: string, to: string): Promise<LedgerEntry[]> {
    const rows = await queryPartition(
      this.container,
      'partnerId',
      partnerId,
      "c.type = 'ledger' AND c.snoozedUntil >= @from AND c.snoozedUntil <= @to",
      [
        { name: '@from', value: from },
        { name: '@to', value: to },
      ],
    );
    return rows.map((r) => parse(ledgerEntrySchema, r, `reminderLedger/${partnerId}`));
  }

  /** Read, change, replace if unchanged meanwhile (else again); undefined when there is no such entry. */
  private async update(
    key: ReminderKey,
    change: (entry: LedgerEntry) => LedgerEntry,
  ): Promise<LedgerEntry | undefined> {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const current = await this.get(key);
      if (!current) return undefined;
      const next = change(current.entry);
      if (next === current.entry) return next;
      try {
        await guard(`update reminder ${next.id}`, () =>
          this.container
            .item(next.id, next.partnerId)
            .replace(next, { accessCondition: { type: 'IfMatch', condition: current.etag } }),
        );
        return next;
      } catch (error) {
        if (!isCode(error, 'PRECONDITION_FAILED')) throw error;
      }
    }
    throw new StoreError('CONFLICT', `reminder ${ledgerId(key)} keeps changing: try again`);
  }
}
