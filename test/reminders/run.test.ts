import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { importDataset } from '../../bot/import/importDataset';
import { botConnector } from '../../bot/reminders/connector';
import { ReminderRunner, storeReminderDependencies } from '../../bot/reminders/run';
import { ConversationRepository } from '../../bot/store/conversations';
import type { Store } from '../../bot/store/cosmos';
import { ReminderLedger } from '../../bot/store/reminderLedger';
import { DESIGNATION_SUBJECT } from '../../scoring/reminders';
import { demo, embeddedStore, repositories, silentLog, type Repositories } from '../bot/store-helpers';
import { startFakeConnector, type FakeConnector } from './fakeConnector';

/**
 * Reminder runs end to end below Teams: partner data imported into the embedded store, conversation
 * references and subscriptions as the bot saves them, the planner, the sender through the real
 * Bot Framework connector client, and a fake connector recording what arrives.
 */

let store: Store;
let repos: Repositories;
let conversations: ConversationRepository;
let ledger: ReminderLedger;
let fake: FakeConnector;
const auth = new ConfigurationBotFrameworkAuthentication({});

beforeAll(async () => {
  store = await embeddedStore();
  repos = repositories(store);
  conversations = new ConversationRepository(store.containers.conversations);
  ledger = new ReminderLedger(store.containers.reminderLedger);
  fake = await startFakeConnector({ enforceLimits: true, gone: new Set(['19:removed@thread.v2']) });
});
afterAll(async () => {
  await fake.close();
  await store.close();
});

function runner(today: () => string): ReminderRunner {
  const store = { partners: repos.partners, versions: repos.versions, conversations, ledger };
  return new ReminderRunner({
    ...storeReminderDependencies(store, botConnector(auth, ''), silentLog),
    log: silentLog,
    today,
  });
}

async function conversation(
  partnerId: string,
  tenantId: string,
  conversationId: string,
  type: 'personal' | 'channel',
  userObjectId?: string,
): Promise<void> {
  await conversations.save({
    partnerId,
    conversationId,
    conversationType: type,
    reference: {
      serviceUrl: fake.serviceUrl,
      channelId: 'msteams',
      bot: { id: 'bot', name: 'Partner Score Bot' },
      user: { id: `29:${userObjectId ?? 'channel'}` },
      conversation: { id: conversationId, tenantId, conversationType: type },
    },
    ...(userObjectId ? { userObjectId } : {}),
    updatedAt: new Date().toISOString(),
  });
}

/** The refresh data of the cards that arrived in a conversation since `from`. */
function arrived(
  conversationId: string,
  from = 0,
): { subject: string; occasion: string; offsetDays: number }[] {
  return fake.accepted
    .slice(from)
    .filter((a) => a.conversationId === conversationId)
    .map((a) => JSON.parse(a.identity.slice(a.identity.indexOf('|') + 1)) as never)
    .sort((a: { subject: string }, b: { subject: string }) => a.subject.localeCompare(b.subject));
}

describe('reminder runs', () => {
  /**
   * Northwind as Partner Center shows it after the six-month move (I-10): the anniversaries given
   * (Threat Protection 2027-01-10, Identity and Access Management 2027-03-05) are already the moved
   * ones, so the first awards are six months earlier in the year and the dates are used as given.
   */
  const demoNorthwind = demo('northwind-cyber');
  const northwind = {
    ...demoNorthwind,
    specializations: (demoNorthwind.specializations ?? []).map((s) =>
      s.name === 'Threat Protection'
        ? { ...s, firstAwarded: '2023-07-10' }
        : s.name === 'Identity and Access Management'
          ? { ...s, firstAwarded: '2024-09-05' }
          : s,
    ),
  };
  const partnerId = northwind.partner.partnerId;
  const tenantId = northwind.partner.tenantId!;
  const admin = 'a:admin-personal-chat';
  const channel = '19:security-team@thread.tacv2';

  beforeAll(async () => {
    const imported = await importDataset(repos.deps(), { document: northwind, source: 'northwind.json' });
    expect(imported.ok).toBe(true);
    await repos.partners.register({ partnerId, name: 'Northwind Cyber', adminObjectIds: ['admin-oid'] });
    await conversation(partnerId, tenantId, admin, 'personal', 'admin-oid');
    await conversation(partnerId, tenantId, 'a:someone-else', 'personal', 'not-an-admin');
    await conversation(partnerId, tenantId, channel, 'channel');
    await conversations.subscribe(partnerId, channel, 'admin-oid', new Date());
    await conversation(partnerId, tenantId, '19:removed@thread.v2', 'channel');
    await conversations.subscribe(partnerId, '19:removed@thread.v2', 'admin-oid', new Date());
  });

  test("a day's run: the latest due reminder of the designation and each specialization, to the admins and subscribed chats only, once", async () => {
    const from = fake.accepted.length;
    const summary = await runner(() => '2026-11-22').run('interval');
    const expected = [
      { subject: 'Identity and Access Management', occasion: '2027-03-05', offsetDays: -120 },
      { subject: DESIGNATION_SUBJECT, occasion: '2027-02-15', offsetDays: -90 },
      { subject: 'Threat Protection', occasion: '2027-01-10', offsetDays: -60 },
    ];
    expect(arrived(admin, from)).toEqual(expected);
    expect(arrived(channel, from)).toEqual(expected);
    expect(arrived('a:someone-else', from)).toEqual([]);
    expect(summary).toMatchObject({ planned: 9, report: { sent: 6, gone: 3 } });
    // The channel that removed the bot is forgotten, with its subscription.
    expect((await conversations.list(partnerId)).map((c) => c.conversationId)).not.toContain(
      '19:removed@thread.v2',
    );
    expect((await conversations.subscriptions(partnerId)).map((s) => s.conversationId)).toEqual([channel]);
    const entry = await ledger.get({ partnerId, ...expected[1]!, recipient: admin });
    expect(entry?.entry).toMatchObject({ status: 'sent', outcome: 'sent on the first try' });

    // The same day again, and a second runner at the same time: nothing more.
    const again = await Promise.all([
      runner(() => '2026-11-22').run('http'),
      runner(() => '2026-11-22').run('interval'),
    ]);
    expect(again.map((s) => s.report.sent)).toEqual([0, 0]);
    expect(fake.accepted.length).toBe(from + 6);
  });

  test('a run after missed days sends only the latest due reminder per subject, not the ones in between', async () => {
    const from = fake.accepted.length;
    // Due by 2026-12-20: IAM −90 (12-05); the designation −60 (12-17); Threat Protection −30 (12-11).
    await runner(() => '2026-12-20').run('interval');
    expect(arrived(admin, from)).toEqual([
      { subject: 'Identity and Access Management', occasion: '2027-03-05', offsetDays: -90 },
      { subject: DESIGNATION_SUBJECT, occasion: '2027-02-15', offsetDays: -60 },
      { subject: 'Threat Protection', occasion: '2027-01-10', offsetDays: -30 },
    ]);
    expect(fake.duplicates()).toBe(0);
  });

  test('"Snooze 7 days": the reminder comes back on its day, once, to the conversation that snoozed it', async () => {
    const key = {
      partnerId,
      subject: DESIGNATION_SUBJECT,
      occasion: '2027-02-15',
      offsetDays: -60,
      recipient: admin,
    };
    await ledger.snooze(key, '2026-12-27', 'Ana');
    const from = fake.accepted.length;
    await runner(() => '2026-12-26').run('interval');
    expect(arrived(admin, from)).toEqual([]);
    await runner(() => '2026-12-27').run('interval');
    await runner(() => '2026-12-28').run('interval');
    expect(arrived(admin, from)).toEqual([
      { subject: DESIGNATION_SUBJECT, occasion: '2027-02-15', offsetDays: -50 },
    ]);
    expect(arrived(channel, from)).toEqual([]);
  });
});

describe('score alerts', () => {
  test('an import that stops the headline path qualifying alerts the recipients once per data version', async () => {
    const contoso = demo('contoso-security');
    const { partnerId, tenantId } = {
      partnerId: contoso.partner.partnerId,
      tenantId: contoso.partner.tenantId!,
    };
    expect((await importDataset(repos.deps(), { document: contoso, source: 'v1.json' })).ok).toBe(true);
    await repos.partners.register({
      partnerId,
      name: 'Contoso Security Ltd',
      adminObjectIds: ['contoso-admin'],
    });
    const chat = 'a:contoso-admin-chat';
    await conversation(partnerId, tenantId!, chat, 'personal', 'contoso-admin');
    // A day with no renewal reminder due for Contoso and no alert (the first version has none).
    const from = fake.accepted.length;
    await runner(() => '2026-08-01').run('interval');
    expect(arrived(chat, from)).toEqual([]);

    const worse = await importDataset(repos.deps(), {
      document: { ...contoso, certifications: [] },
      source: 'v2.json',
    });
    if (!worse.ok) throw new Error('import failed');
    const version = await repos.versions.version(partnerId, worse.summary.versionId);
    expect(version?.alerts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'stoppedQualifying', path: 'smb' }),
        expect.objectContaining({ kind: 'metricAtZero', metric: 'intermediateCertifications' }),
      ]),
    );
    const today = new Date().toISOString().slice(0, 10);
    await runner(() => today).run('interval');
    await runner(() => today).run('interval');
    const alerts = arrived(chat, from).filter((a) => a.subject === 'score alert');
    expect(alerts).toEqual([
      { subject: 'score alert', occasion: `version:${worse.summary.versionId}`, offsetDays: 0 },
    ]);
    const card = fake.accepted.find((a) => a.identity.includes('score alert'))!.activity;
    expect(JSON.stringify(card)).toContain('no longer qualifies');
  });
});
