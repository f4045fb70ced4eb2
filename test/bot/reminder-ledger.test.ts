import type { Store } from '../../bot/store/cosmos';
import { ReminderLedger, type ReminderKey } from '../../bot/store/reminderLedger';
import { embeddedStore } from './store-helpers';

let store: Store;
beforeAll(async () => {
  store = await embeddedStore();
});
afterAll(async () => {
  await store.close();
});

let serial = 0;
const key = (): ReminderKey => ({
  partnerId: '4012345',
  subject: 'Threat Protection',
  occasion: '2027-01-20',
  offsetDays: -60,
  recipient: `conversation-${++serial}`,
});
const at = (iso: string): Date => new Date(iso);

describe('the reminder ledger (exactly once)', () => {
  test('of many runners claiming the same reminder at once, exactly one gets it', async () => {
    const ledger = new ReminderLedger(store.containers.reminderLedger);
    const k = key();
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => ledger.claim(k, `runner-${i}`, at('2026-11-21T09:00:00Z'))),
    );
    expect(results.filter((r) => r.kind === 'claimed')).toHaveLength(1);
    expect(results.filter((r) => r.kind === 'busy')).toHaveLength(7);
  });

  test('a completed reminder is never claimed again, even after the lease', async () => {
    const ledger = new ReminderLedger(store.containers.reminderLedger, 60_000);
    const k = key();
    const claim = await ledger.claim(k, 'a', at('2026-11-21T09:00:00Z'));
    if (claim.kind !== 'claimed') throw new Error('expected a claim');
    await ledger.complete(claim, 'sent', 'sent on the first try', at('2026-11-21T09:00:01Z'));
    const again = await ledger.claim(k, 'b', at('2026-11-22T09:00:00Z'));
    expect(again).toMatchObject({
      kind: 'done',
      entry: { status: 'sent', outcome: 'sent on the first try', claimedBy: 'a' },
    });
  });

  test('a claim never completed (the runner died) is taken over once its lease expired, by one runner only', async () => {
    const ledger = new ReminderLedger(store.containers.reminderLedger, 60_000);
    const k = key();
    const first = await ledger.claim(k, 'dies', at('2026-11-21T09:00:00Z'));
    expect(first.kind).toBe('claimed');
    expect((await ledger.claim(k, 'early', at('2026-11-21T09:00:59Z'))).kind).toBe('busy');
    const takeovers = await Promise.all(
      ['x', 'y', 'z'].map((r) => ledger.claim(k, r, at('2026-11-21T09:01:01Z'))),
    );
    const winners = takeovers.filter((t) => t.kind === 'claimed');
    expect(winners).toHaveLength(1);
    expect(winners[0]!.entry.claims).toBe(2);
    // The runner that died cannot overwrite the new holder's record when it comes back.
    if (first.kind !== 'claimed') throw new Error('expected a claim');
    await expect(ledger.complete(first, 'sent', 'late', at('2026-11-21T09:02:00Z'))).rejects.toMatchObject({
      code: 'PRECONDITION_FAILED',
    });
    const winner = winners[0]!;
    if (winner.kind !== 'claimed') throw new Error('expected a claim');
    await ledger.complete(winner, 'gone', 'recipient removed the bot (404)', at('2026-11-21T09:02:00Z'));
    expect((await ledger.get(k))?.entry).toMatchObject({ status: 'gone', claimedBy: winner.entry.claimedBy });
  });

  test('ids are deterministic per partner, subject, occasion, offset and recipient', async () => {
    const ledger = new ReminderLedger(store.containers.reminderLedger);
    const k = key();
    const claimed = await ledger.claim(k, 'a', at('2026-11-21T09:00:00Z'));
    const other = await ledger.claim({ ...k, offsetDays: -30 }, 'a', at('2026-11-21T09:00:00Z'));
    expect(claimed.kind).toBe('claimed');
    expect(other.kind).toBe('claimed');
    expect(claimed.entry.id).not.toBe(other.entry.id);
  });
});

describe('the reminder ledger: Got it and Snooze on a delivered card', () => {
  async function delivered(ledger: ReminderLedger, k: ReminderKey): Promise<void> {
    const claim = await ledger.claim(k, 'run', at('2026-11-21T09:00:00Z'));
    if (claim.kind !== 'claimed') throw new Error('expected a claim');
    await ledger.complete(claim, 'sent', 'sent on the first try', at('2026-11-21T09:00:01Z'));
  }

  test('the first acknowledgement wins and is kept; the delivery record stays as it was', async () => {
    const ledger = new ReminderLedger(store.containers.reminderLedger);
    const k = key();
    await delivered(ledger, k);
    const [first, second] = await Promise.all([
      ledger.acknowledge(k, { name: 'Ana', objectId: 'oid-ana', at: '2026-11-22' }),
      ledger.acknowledge(k, { name: 'Ben', objectId: 'oid-ben', at: '2026-11-22' }),
    ]);
    // Both callers are told the one acknowledgement that was stored.
    expect(first?.acknowledged).toEqual(second?.acknowledged);
    const later = await ledger.acknowledge(k, { name: 'Cy', at: '2026-11-30' });
    const stored = (await ledger.get(k))?.entry;
    expect(stored?.acknowledged).toEqual(first?.acknowledged);
    expect(later?.acknowledged).toEqual(first?.acknowledged);
    expect(['Ana', 'Ben']).toContain(stored?.acknowledged?.name);
    expect(stored).toMatchObject({ status: 'sent', outcome: 'sent on the first try', claims: 1 });
  });

  test('acknowledging or snoozing a card that was never sent changes nothing', async () => {
    const ledger = new ReminderLedger(store.containers.reminderLedger);
    const k = key();
    expect(await ledger.acknowledge(k, { name: 'Ana', at: '2026-11-22' })).toBeUndefined();
    expect(await ledger.snooze(k, '2026-11-29', 'Ana')).toBeUndefined();
    expect(await ledger.get(k)).toBeUndefined();
  });

  test('a snooze records until when and by whom; the latest snooze counts; snoozedBetween finds it by date', async () => {
    const ledger = new ReminderLedger(store.containers.reminderLedger);
    const partnerId = `55${serial}`;
    const snoozed = { ...key(), partnerId };
    const other = { ...key(), partnerId };
    const elsewhere = key(); // another partner, same dates
    for (const k of [snoozed, other, elsewhere]) await delivered(ledger, k);
    await ledger.snooze(snoozed, '2026-11-29', 'Ana');
    const again = await ledger.snooze(snoozed, '2026-12-06', 'Ben');
    expect(again).toMatchObject({ snoozedUntil: '2026-12-06', snoozedBy: 'Ben', status: 'sent' });
    await ledger.snooze(other, '2026-12-20', 'Cy');
    await ledger.snooze(elsewhere, '2026-12-06', 'Di');

    const ids = async (from: string, to: string): Promise<string[]> =>
      (await ledger.snoozedBetween(partnerId, from, to)).map((e) => e.recipient).sort();
    expect(await ids('2026-12-06', '2026-12-06')).toEqual([snoozed.recipient]);
    expect(await ids('2026-12-01', '2026-12-31')).toEqual([snoozed.recipient, other.recipient].sort());
    expect(await ids('2026-11-29', '2026-11-30')).toEqual([]); // the first snooze was replaced
  });

  test('one state: Got it ends a snooze (not sent again), and a snooze after Got it changes nothing', async () => {
    const ledger = new ReminderLedger(store.containers.reminderLedger);
    const partnerId = `56${serial}`;
    const k = { ...key(), partnerId };
    await delivered(ledger, k);
    await ledger.snooze(k, '2026-12-06', 'Ana');
    const done = await ledger.acknowledge(k, { name: 'Ben', at: '2026-11-23' });
    expect(done).toMatchObject({ acknowledged: { name: 'Ben' } });
    expect(done).not.toHaveProperty('snoozedUntil');
    expect(await ledger.snoozedBetween(partnerId, '2026-12-06', '2026-12-06')).toEqual([]);
    const stale = await ledger.snooze(k, '2026-12-13', 'Cy'); // a Snooze button on an old copy of the card
    expect(stale).not.toHaveProperty('snoozedUntil');
    expect(stale?.acknowledged?.name).toBe('Ben');
  });
});

describe('the reminder ledger: marked sending, then completed', () => {
  test('an entry left `sending` (its runner died during the call) is taken over after the lease as an interrupted send', async () => {
    const ledger = new ReminderLedger(store.containers.reminderLedger, 60_000);
    const k = key();
    const claim = await ledger.claim(k, 'dies', at('2026-11-21T09:00:00Z'));
    if (claim.kind !== 'claimed') throw new Error('expected a claim');
    const [marked] = await ledger.updateMany([{ claim, status: 'sending' }], at('2026-11-21T09:00:01Z'));
    expect(marked?.entry.status).toBe('sending');
    expect((await ledger.claim(k, 'early', at('2026-11-21T09:00:59Z'))).kind).toBe('busy');
    const takeover = await ledger.claim(k, 'next', at('2026-11-21T09:01:01Z'));
    expect(takeover).toMatchObject({
      kind: 'claimed',
      entry: { status: 'claimed', claims: 2, interruptedSends: 1, claimedBy: 'next' },
    });
    // The dead runner's completion cannot overwrite the new holder's claim.
    const [late] = await ledger.updateMany(
      [{ claim: marked!, status: 'sent', outcome: 'late' }],
      at('2026-11-21T09:01:02Z'),
    );
    expect(late).toBeUndefined();
  });

  test('marks and completions of several partners in one call: each applied or reported taken over on its own', async () => {
    const ledger = new ReminderLedger(store.containers.reminderLedger, 60_000);
    const keys = [key(), { ...key(), partnerId: '4056789' }, key()];
    const claims = await ledger.claimMany(keys, 'a', at('2026-11-21T09:00:00Z'));
    const held = claims.map((c) => {
      if (c.kind !== 'claimed') throw new Error('expected a claim');
      return c;
    });
    // The third changed meanwhile (given back here; a takeover changes its ETag the same way).
    await ledger.releaseMany([held[2]!], at('2026-11-21T09:00:00Z'));
    const updated = await ledger.updateMany(
      [
        { claim: held[0]!, status: 'sending' },
        { claim: held[1]!, status: 'sent', outcome: 'sent on the first try' },
        { claim: held[2]!, status: 'sending' },
      ],
      at('2026-11-21T09:00:01Z'),
    );
    expect(updated.map((u) => u?.entry.status)).toEqual(['sending', 'sent', undefined]);
    expect((await ledger.get(keys[0]!))?.entry.status).toBe('sending');
    expect((await ledger.get(keys[1]!))?.entry).toMatchObject({
      status: 'sent',
      outcome: 'sent on the first try',
    });
    expect((await ledger.get(keys[2]!))?.entry.status).toBe('claimed');
  });

  test('a claim given back after a try goes back to `claimed`: no call of it is in flight', async () => {
    const ledger = new ReminderLedger(store.containers.reminderLedger, 60_000);
    const k = key();
    const claim = await ledger.claim(k, 'a', at('2026-11-21T09:00:00Z'));
    if (claim.kind !== 'claimed') throw new Error('expected a claim');
    const [marked] = await ledger.updateMany([{ claim, status: 'sending' }], at('2026-11-21T09:00:01Z'));
    await ledger.releaseMany([marked!], at('2026-11-21T09:00:02Z'), 'not sent yet after 5 tries');
    const next = await ledger.claim(k, 'b', at('2026-11-21T09:00:03Z'));
    expect(next).toMatchObject({ kind: 'claimed', entry: { claims: 2, status: 'claimed' } });
    expect(next.entry.interruptedSends).toBeUndefined();
  });
});
