import { ActivityTypes, TestAdapter, type Activity } from 'botbuilder';
import type { ScoreSource } from '../../bot/conversation/answers';
import { createLogger } from '../../bot/log';
import type { Registration } from '../../bot/store/documents';
import { PartnerScoreBot } from '../../bot/teamsBot';
import { scorePartner, toScoreResult, validateDataset } from '../../scoring';
import { forecast } from '../../scoring/forecast';
import { historyPointOf, type HistoryPoint } from '../../scoring/history';
import { snapshotHead, type SnapshotHead } from '../../scoring/snapshot';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ignoredConversations, noFileDrops, noReminders } from './fakes';

/** Issue 7 in the bot: "show our trend", "what's our forecast?", the Trend and Forecast buttons. */

function contosoHead(): SnapshotHead {
  const document = JSON.parse(
    readFileSync(path.resolve(__dirname, '../../bot/demo/contoso-security.json'), 'utf8'),
  ) as unknown;
  const validation = validateDataset(document);
  if (!validation.ok) throw new Error(JSON.stringify(validation.errors));
  const report = scorePartner(validation.dataset);
  const result = toScoreResult(report);
  const september: HistoryPoint = {
    month: '2026-09',
    asOf: '2026-09-21',
    headline: 'smb',
    totals: { enterprise: 25.33, smb: 74 },
    qualified: { enterprise: false, smb: true },
  };
  const october: HistoryPoint = {
    month: '2026-10',
    asOf: '2026-10-20',
    headline: 'smb',
    totals: { enterprise: 25.33, smb: 77.5 },
    qualified: { enterprise: false, smb: true },
  };
  return {
    ...snapshotHead(result, 1),
    // Three data months: the trend card draws its chart from three on (issue 13).
    history: [september, october, historyPointOf(result)],
    forecast: forecast(report),
  };
}

const head = contosoHead();
const registration: Registration = {
  id: 'registration',
  type: 'registration',
  partnerId: '4012345',
  name: 'Contoso Security Ltd',
  tenantIds: ['tenant-contoso'],
  adminObjectIds: [],
  adminsOnly: false,
  createdAt: '2026-11-01T00:00:00Z',
  updatedAt: '2026-11-01T00:00:00Z',
};

let reads = 0;
const scores: ScoreSource = {
  current: async (partnerId) => {
    reads += 1;
    return partnerId === '4012345' ? { versionId: 'v2', head } : undefined;
  },
  findCustomers: async () => [],
  allCustomers: async () => [],
};

function adapter(): TestAdapter {
  const bot = new PartnerScoreBot({
    directory: {
      partnerForTenant: async (tenantId) => (tenantId === 'tenant-contoso' ? '4012345' : undefined),
      get: async (partnerId) => (partnerId === '4012345' ? registration : undefined),
    },
    scores,
    conversations: ignoredConversations,
    log: createLogger({ name: 'test', level: 'silent' }),
    today: () => '2026-11-22',
    reminders: noReminders,
    fileDrops: noFileDrops,
  });
  return new TestAdapter(async (context) => bot.run(context), { channelId: 'msteams' } as Partial<Activity>);
}

const from = { id: 'u1', name: 'User', aadObjectId: 'user-oid' };
const channelData = { tenant: { id: 'tenant-contoso' } };

interface CardShape {
  body: { type: string; text?: string; data?: unknown[] }[];
  actions?: { verb?: string }[];
}
const cardOf = (activity: Partial<Activity>): CardShape => activity.attachments?.[0]?.content as CardShape;
const invokeCard = (activity: Partial<Activity>): CardShape =>
  (activity.value as { body: { value: CardShape } }).body.value;

describe('trend and forecast questions', () => {
  test.each([
    ['show our trend', 'Security score trend — Contoso Security Ltd'],
    ['How has our score changed over the last 12 months?', 'Security score trend — Contoso Security Ltd'],
    ["what's our forecast?", 'Forecast if nothing new happens — Contoso Security Ltd'],
    ['where will we be in 3 months?', 'Forecast if nothing new happens — Contoso Security Ltd'],
  ])('%s → %s, from one point read of the snapshot', async (text, title) => {
    reads = 0;
    await adapter()
      .send({ type: ActivityTypes.Message, text, channelData, from })
      .assertReply((reply) => expect(cardOf(reply).body[0]?.text).toBe(title));
    expect(reads).toBe(1);
  });

  test('the trend answer is a line chart of both paths and the 70 line, and says what changed since October', async () => {
    await adapter()
      .send({ type: ActivityTypes.Message, text: 'show our trend', channelData, from })
      .assertReply((reply) => {
        const card = cardOf(reply);
        const chart = card.body.find((e) => e.type === 'Chart.Line')!;
        expect(chart.data).toHaveLength(3);
        expect(card.body.map((e) => e.text)).toContain('Since 2026-10: Enterprise ▼ 2 · SMB ▲ 4.5');
        expect(card.actions?.map((a) => a.verb)).toEqual(['forecast', 'score']);
      });
  });

  test('the score card shows the change since the previous month and offers Trend', async () => {
    await adapter()
      .send({ type: ActivityTypes.Message, text: "what's our security score?", channelData, from })
      .assertReply((reply) => {
        const text = JSON.stringify(cardOf(reply));
        expect(text).toContain('▲ 4.5 since October 2026');
        expect(text).toContain('"verb":"trend"');
        expect(text).toContain(
          'If nothing new happens (usage as in October 2026), SMB path: Dec 53 → Jan 44',
        );
      });
  });
});

describe('Trend and Forecast buttons', () => {
  test.each([
    ['trend', 'Security score trend — Contoso Security Ltd'],
    ['forecast', 'Forecast if nothing new happens — Contoso Security Ltd'],
  ])('Action.Execute %s → the card as the invoke response', async (verb, title) => {
    await adapter()
      .send({
        type: ActivityTypes.Invoke,
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb, data: {} } },
        channelData,
        from,
      })
      .assertReply((reply) => {
        expect((reply.value as { status: number }).status).toBe(200);
        expect(invokeCard(reply).body[0]?.text).toBe(title);
      });
  });

  test('the Action.Submit fallback of Trend is answered too', async () => {
    await adapter()
      .send({ type: ActivityTypes.Message, text: '', value: { verb: 'trend' }, channelData, from })
      .assertReply((reply) =>
        expect(cardOf(reply).body[0]?.text).toBe('Security score trend — Contoso Security Ltd'),
      );
  });
});
