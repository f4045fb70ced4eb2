import { createHash } from 'node:crypto';
import type { Container } from '@azure/cosmos';
import { z } from 'zod';
import { guard, StoreError } from './errors';
import { pointRead } from './read';

/**
 * The exactly-once ledger of reminders: one document per (partner, subject, anniversary, offset,
 * recipient) with a deterministic id. A sender claims it before sending — the create succeeds for
 * exactly one runner (409 for the others) — and completes it afterwards. A claim that was never
 * completed (the runner died) can be taken over once its lease has expired, with an ETag condition,
 * so two runners never both hold it.
 */

export interface ReminderKey {
  readonly partnerId: string;
  /** "designation" or a specialization's name. */
  readonly subject: string;
  readonly anniversary: string;
  readonly offsetDays: number;
  /** The conversation id the reminder goes to. */
  readonly recipient: string;
}

export const ledgerEntrySchema = z.object({
  id: z.string().min(1),
  partnerId: z.string().regex(/^\d+$/),
  subject: z.string().min(1),
  anniversary: z.string(),
  offsetDays: z.number().int(),
  recipient: z.string().min(1),
  status: z.enum(['claimed', 'sent', 'gone', 'failed']),
  claimedBy: z.string(),
  leaseUntil: z.string(),
  attempts: z.number().int().nonnegative(),
  /** How it ended, e.g. "sent after 2 throttled tries". */
  outcome: z.string().optional(),
  updatedAt: z.string(),
});
export type LedgerEntry = z.infer<typeof ledgerEntrySchema>;

export type ClaimResult =
  | { readonly kind: 'claimed'; readonly entry: LedgerEntry; readonly etag: string }
  /** Already sent, or the recipient is gone, or it failed for good: never send it again. */
  | { readonly kind: 'done'; readonly entry: LedgerEntry }
  /** Another runner holds a live claim. */
  | { readonly kind: 'busy'; readonly entry: LedgerEntry };

export function ledgerId(key: ReminderKey): string {
  return createHash('sha256')
    .update(
      [key.partnerId, key.subject, key.anniversary, String(key.offsetDays), key.recipient].join('\u0000'),
    )
    .digest('hex')
    .slice(0, 40);
}

const isCode = (error: unknown, code: StoreError['code']): boolean =>
  error instanceof StoreError && error.code === code;

export class ReminderLedger {
  constructor(
    private readonly container: Container,
    private readonly leaseMs: number = 5 * 60 * 1000,
  ) {}

  async get(key: ReminderKey): Promise<{ entry: LedgerEntry; etag: string } | undefined> {
    const read = await pointRead(this.container, ledgerId(key), key.partnerId, ledgerEntrySchema);
    return read ? { entry: read.doc, etag: read.etag } : undefined;
  }

  /** Claims the reminder for `runner` at `now`; exactly one of several concurrent runners gets it. */
  async claim(key: ReminderKey, runner: string, now: Date): Promise<ClaimResult> {
    const entry: LedgerEntry = {
      id: ledgerId(key),
      ...key,
      status: 'claimed',
      claimedBy: runner,
      leaseUntil: new Date(now.getTime() + this.leaseMs).toISOString(),
      attempts: 1,
      updatedAt: now.toISOString(),
    };
    try {
      const created = await guard(`claim reminder ${entry.id}`, () => this.container.items.create(entry));
      return { kind: 'claimed', entry, etag: created.etag };
    } catch (error) {
      if (!isCode(error, 'CONFLICT')) throw error;
    }
    const existing = await this.get(key);
    if (!existing) return this.claim(key, runner, now); // deleted in between: try again
    if (existing.entry.status !== 'claimed') return { kind: 'done', entry: existing.entry };
    if (Date.parse(existing.entry.leaseUntil) > now.getTime()) return { kind: 'busy', entry: existing.entry };
    // The holder's lease expired (it crashed): take over, unless someone else just did.
    const takeover: LedgerEntry = { ...entry, attempts: existing.entry.attempts + 1 };
    try {
      const replaced = await guard(`take over reminder ${entry.id}`, () =>
        this.container
          .item(entry.id, key.partnerId)
          .replace(takeover, { accessCondition: { type: 'IfMatch', condition: existing.etag } }),
      );
      return { kind: 'claimed', entry: takeover, etag: replaced.etag };
    } catch (error) {
      if (!isCode(error, 'PRECONDITION_FAILED')) throw error;
      const now2 = await this.get(key);
      return now2 && now2.entry.status !== 'claimed'
        ? { kind: 'done', entry: now2.entry }
        : { kind: 'busy', entry: (now2 ?? existing).entry };
    }
  }

  /**
   * Records how a claimed reminder ended. The ETag is the claim's: a runner whose lease was taken
   * over meanwhile gets PRECONDITION_FAILED instead of overwriting the new holder's record.
   */
  async complete(
    claim: { entry: LedgerEntry; etag: string },
    status: 'sent' | 'gone' | 'failed',
    outcome: string,
    now: Date,
  ): Promise<LedgerEntry> {
    const done: LedgerEntry = { ...claim.entry, status, outcome, updatedAt: now.toISOString() };
    await guard(`complete reminder ${done.id}`, () =>
      this.container
        .item(done.id, done.partnerId)
        .replace(done, { accessCondition: { type: 'IfMatch', condition: claim.etag } }),
    );
    return done;
  }
}
