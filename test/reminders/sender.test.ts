import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { botConnector } from '../../bot/reminders/connector';
import { ReminderSender, type Delivery, type SenderOptions } from '../../bot/reminders/sender';
import type { Store } from '../../bot/store/cosmos';
import { ReminderLedger, type ReminderKey } from '../../bot/store/reminderLedger';
import { embeddedStore, silentLog } from '../bot/store-helpers';
import { personalChatDelivery, startFakeConnector, type FakeConnector } from './fakeConnector';

/**
 * The sender against the embedded Cosmos server (the ledger) and a local fake Teams connector,
 * through the real Bot Framework connector client: every reminder delivered once, whatever the connector
 * answers, with the outcome in the ledger.
 */

let store: Store;
const auth = new ConfigurationBotFrameworkAuthentication({});
const connector = botConnector(auth, '');
const fast: Partial<SenderOptions> = { backoffBaseMs: 20, backoffCapMs: 200 };

beforeAll(async () => {
  store = await embeddedStore();
});
afterAll(async () => {
  await store.close();
});

let partnerSeq = 1000;
/** `conversations` × `perConversation` deliveries for a fresh partner (its own ledger partition). */
function deliveries(
  fake: FakeConnector,
  conversations: number,
  perConversation: number,
  tenants = 1,
): Delivery[] {
  const partnerId = String((partnerSeq += 1));
  const out: Delivery[] = [];
  for (let c = 0; c < conversations; c += 1) {
    const conversationId = `a:conversation-${partnerId}-${c}`;
    const tenantId = `tenant-${c % tenants}`;
    for (let r = 0; r < perConversation; r += 1) {
      const key: ReminderKey = {
        partnerId,
        subject: `Subject ${r}`,
        occasion: '2027-01-10',
        offsetDays: -30,
        recipient: conversationId,
      };
      out.push(personalChatDelivery(key, tenantId, fake.serviceUrl));
    }
  }
  return out;
}

function ledger(leaseMs?: number): ReminderLedger {
  return new ReminderLedger(store.containers.reminderLedger, leaseMs);
}

function sender(
  runnerId: string,
  gone: string[] = [],
  options: Partial<SenderOptions> = fast,
  lease?: number,
) {
  return new ReminderSender(
    {
      connector,
      ledger: ledger(lease),
      recipientGone: async (_partnerId, conversationId) => {
        gone.push(conversationId);
      },
      log: silentLog,
      runnerId,
    },
    options,
  );
}

describe('reminder sender', () => {
  test('429 with Retry-After, 500, 400 and 404 on a schedule: each reminder delivered once, the gone recipient dropped, tries that ran out kept for the next run, outcomes recorded', async () => {
    const fake = await startFakeConnector({
      enforceLimits: true,
      retryAfterSeconds: 1,
      script: new Map([
        ['a:conversation-1001-0', [429]],
        ['a:conversation-1001-1', [500, 503]],
        ['a:conversation-1001-2', Array.from({ length: 10 }, () => 500)],
        ['a:conversation-1001-4', [400]],
      ]),
      gone: new Set(['a:conversation-1001-3']),
    });
    try {
      const all = deliveries(fake, 6, 2);
      const goneSeen: string[] = [];
      const { report } = await sender('runner-a', goneSeen).send(all);
      // Conversation 2 answers 500 to all five tries of each of its two reminders: kept for the next
      // run. Conversation 4 refuses one reminder for good (400).
      expect(report).toMatchObject({
        deliveries: 12,
        sent: 7,
        gone: 2,
        failed: 1,
        deferred: 2,
        throttledThenSent: 1,
      });
      expect(report.retries).toBe(1 + 2 + 2 * 4);
      expect(fake.duplicates()).toBe(0);
      expect(fake.limitViolations).toBe(0);
      expect(new Set(fake.accepted.map((a) => a.identity)).size).toBe(7);
      expect(goneSeen).toEqual(['a:conversation-1001-3', 'a:conversation-1001-3']);

      const entry = async (d: Delivery) => (await ledger().get(d.key))?.entry;
      expect(await entry(all[0]!)).toMatchObject({
        status: 'sent',
        outcome: expect.stringContaining('throttled 1'),
      });
      // Conversation 1's two reminders share its 500 and 503: two failed tries between them.
      const conversation1 = [await entry(all[2]!), await entry(all[3]!)].map((e) => e?.outcome).sort();
      expect(conversation1).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^sent (on the first try|after [12] failed tr(y|ies))$/),
        ]),
      );
      expect(conversation1.join()).not.toContain('failed after');
      expect(await entry(all[4]!)).toMatchObject({
        status: 'claimed',
        outcome: expect.stringMatching(/^not sent yet after 5 tries: .*the next run tries again$/),
      });
      expect(await entry(all[6]!)).toMatchObject({ status: 'gone' });
      const conversation4 = [await entry(all[8]!), await entry(all[9]!)].map((e) => e?.status).sort();
      expect(conversation4).toEqual(['failed', 'sent']);

      // The next run sends the two kept for it (conversation 2 answers again) and nothing else.
      const again = await sender('runner-b').send(all);
      expect(again.report).toMatchObject({ sent: 2, alreadyDone: 10 });
      expect(fake.accepted).toHaveLength(9);
      expect(fake.duplicates()).toBe(0);
      expect(await entry(all[4]!)).toMatchObject({ status: 'sent', claims: 2 });
    } finally {
      await fake.close();
    }
  });

  test('two runners at the same time: every reminder sent exactly once', async () => {
    const fake = await startFakeConnector({ enforceLimits: true });
    try {
      const all = deliveries(fake, 20, 3, 2);
      const [a, b] = await Promise.all([
        sender('runner-a').send(all),
        sender('runner-b').send([...all].reverse()),
      ]);
      expect(a.report.sent + b.report.sent).toBe(60);
      expect(a.report.sent).toBeGreaterThan(0);
      expect(fake.accepted).toHaveLength(60);
      expect(fake.duplicates()).toBe(0);
      expect(fake.limitViolations).toBe(0);
    } finally {
      await fake.close();
    }
  });

  test('a runner killed after claiming: nothing is sent while its lease lasts, then each reminder once', async () => {
    const fake = await startFakeConnector();
    try {
      const all = deliveries(fake, 4, 2);
      // The killed runner got its claims in and died before sending.
      const claims = await ledger(400).claimMany(
        all.map((d) => d.key),
        'killed-runner',
        new Date(),
      );
      expect(claims.every((c) => c.kind === 'claimed')).toBe(true);
      const during = await sender('runner-b', [], fast, 400).send(all);
      expect(during.report).toMatchObject({ sent: 0, busy: 8 });
      await new Promise((resolve) => setTimeout(resolve, 450));
      const after = await sender('runner-c', [], fast, 400).send(all);
      expect(after.report).toMatchObject({ sent: 8 });
      const again = await sender('runner-d', [], fast, 400).send(all);
      expect(again.report).toMatchObject({ sent: 0, alreadyDone: 8 });
      expect(fake.accepted).toHaveLength(8);
      expect(fake.duplicates()).toBe(0);
      expect((await ledger().get(all[0]!.key))?.entry).toMatchObject({ claims: 2, claimedBy: 'runner-c' });
    } finally {
      await fake.close();
    }
  });

  test('a restart mid-run: the stopped runner gives its claims back and the next run sends the rest, nothing lost or doubled', async () => {
    const stop = new AbortController();
    const fake = await startFakeConnector({
      onAccepted: (_message, count) => {
        if (count === 25) stop.abort();
      },
    });
    try {
      const all = deliveries(fake, 10, 10);
      const first = await sender('runner-a').send(all, stop.signal);
      expect(first.report.sent).toBeGreaterThanOrEqual(25);
      expect(first.report.sent).toBeLessThan(100);
      expect(first.report.released).toBe(100 - first.report.sent);
      const second = await sender('runner-b').send(all);
      expect(second.report.sent).toBe(100 - first.report.sent);
      expect(fake.accepted).toHaveLength(100);
      expect(fake.duplicates()).toBe(0);
    } finally {
      await fake.close();
    }
  });
});
