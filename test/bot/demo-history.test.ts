import { ActivityTypes, TestAdapter, type Activity } from 'botbuilder';
import { demoDatasetBefore, seedDemoHistory } from '../../bot/demoHistory';
import { importDataset } from '../../bot/import/importDataset';
import { createLogger } from '../../bot/log';
import type { Store } from '../../bot/store/cosmos';
import { PartnerScoreBot } from '../../bot/teamsBot';
import { validateDataset, type PartnerDataset } from '../../scoring';
import { ignoredConversations, noFileDrops, noReminders } from './fakes';
import { demo, embeddedStore, repositories, type Repositories } from './store-helpers';

/** Issue 13: the demo partners carry 12 months of history, so a newcomer's trend is a year, not a dot. */

let store: Store;
let repos: Repositories;

beforeAll(async () => {
  store = await embeddedStore();
  repos = repositories(store);
});
afterAll(async () => {
  await store.close();
});

const DEMOS = ['contoso-security', 'northwind-cyber'] as const;

/** As `npm start` seeds a demo partner: its earlier months, then the dataset itself. */
async function seedDemo(
  document: PartnerDataset,
): Promise<{ imported: number; skipped: number; unchanged: boolean }> {
  const history = await seedDemoHistory(repos.deps(), document, 'demo.json');
  const outcome = await importDataset(repos.deps(), { document, source: 'demo.json' });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
  return { ...history, unchanged: outcome.summary.unchanged };
}

interface CardShape {
  body: { type: string; text?: string; data?: { legend: string; values: { x: string; y: number }[] }[] }[];
}

/** "show our trend" from the Agents Playground's tenant (Contoso's), answered from the store. */
async function trendAnswer(): Promise<CardShape> {
  const bot = new PartnerScoreBot({
    directory: repos.partners,
    scores: {
      current: (partnerId) => repos.versions.currentHead(partnerId),
      findCustomers: async () => [],
      allCustomers: async () => [],
    },
    conversations: ignoredConversations,
    log: createLogger({ name: 'test', level: 'silent' }),
    today: () => '2026-11-22',
    reminders: noReminders,
    fileDrops: noFileDrops,
  });
  const adapter = new TestAdapter(async (context) => bot.run(context), {
    channelId: 'msteams',
  } as Partial<Activity>);
  let card: CardShape | undefined;
  await adapter
    .send({
      type: ActivityTypes.Message,
      text: 'show our trend',
      channelData: { tenant: { id: demo('contoso-security').partner.tenantId } },
      from: { id: 'u1', name: 'User', aadObjectId: 'user-oid' },
    })
    .assertReply((reply) => {
      card = reply.attachments?.[0]?.content as CardShape;
    });
  return card!;
}

describe('demo history', () => {
  test.each(DEMOS)(
    '%s: each earlier month is the dataset as pulled on the 22nd of that month, valid, no row after its L',
    (name) => {
      const document = demo(name);
      for (let monthsBack = 1; monthsBack <= 11; monthsBack++) {
        const earlier = demoDatasetBefore(document, monthsBack);
        expect(earlier.asOf.endsWith('-22')).toBe(true);
        const asOfMonth = earlier.asOf.slice(0, 7);
        const rows = [...earlier.azureConsumption, ...earlier.m365Licenses, ...(earlier.mau ?? [])];
        expect(rows.every((r) => r.month < asOfMonth)).toBe(true);
        expect(earlier.certifications.every((c) => c.earned <= earlier.asOf)).toBe(true);
        const validation = validateDataset(earlier);
        expect(validation.ok ? validation.warnings : validation.errors).toEqual([]);
        // Deterministic: the same months every time.
        expect(demoDatasetBefore(document, monthsBack)).toEqual(earlier);
      }
      expect(demoDatasetBefore(document, 11).asOf).toBe('2025-12-22');
    },
  );

  test('after seeding, the trend answer charts 12 months, and the score moves; a restart adds nothing', async () => {
    for (const name of DEMOS) {
      expect(await seedDemo(demo(name))).toEqual({ imported: 11, skipped: 0, unchanged: false });
    }
    const card = await trendAnswer();
    const chart = card.body.find((e) => e.type === 'Chart.Line')!;
    const months = [
      '2025-12',
      ...Array.from({ length: 10 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`),
      '2026-11',
    ];
    for (const series of chart.data!) expect(series.values.map((v) => v.x)).toEqual(months);
    const smb = chart.data!.find((s) => s.legend === 'SMB')!.values.map((v) => v.y);
    expect(new Set(smb).size).toBeGreaterThan(3);
    expect(smb.at(-1)).toBe(82);

    // `npm start` again against the same store: every month is already there.
    for (const name of DEMOS) {
      expect(await seedDemo(demo(name))).toEqual({ imported: 0, skipped: 11, unchanged: true });
    }
    const versions = await repos.versions.versions(demo('contoso-security').partner.partnerId);
    expect(versions).toHaveLength(12);
    const head = (await repos.versions.currentHead(demo('northwind-cyber').partner.partnerId))!.head;
    expect(head.history).toHaveLength(12);
  }, 60_000);
});
