import { importDataset } from '../../bot/import/importDataset';
import type { Store } from '../../bot/store/cosmos';
import { scorePartner, validateDataset, type PartnerDataset } from '../../scoring';
import { findAttribution } from '../../scoring/attribution';
import { forecast } from '../../scoring/forecast';
import { demo, embeddedStore, repositories, type Repositories } from './store-helpers';

/** Issue 7 at import: the score per data month and the forecast kept in the snapshot head, the forecast alert on the version. */

let store: Store;
let repos: Repositories;

beforeAll(async () => {
  store = await embeddedStore();
  repos = repositories(store);
});
afterAll(async () => {
  await store.close();
});

const partner = (partnerId: string) => ({ partnerId, name: `Partner ${partnerId}` });
let clock = Date.parse('2026-11-22T08:00:00Z');

async function imported(document: PartnerDataset) {
  // Each import a minute after the previous one: "the latest import" of a month is well defined.
  clock += 60_000;
  const outcome = await importDataset(repos.deps({ now: () => new Date(clock) }), {
    document,
    source: `${document.asOf}.json`,
    register: false,
  });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
  return outcome.summary;
}

describe('score history in the snapshot head', () => {
  test('one point per data month, the latest import of each month, this version last; the previous month for the score card', async () => {
    const p = partner('7001');
    const september = await imported(demo('contoso-security', { partner: p, asOf: '2026-09-21' }));
    const octoberFirst = await imported(demo('contoso-security', { partner: p, asOf: '2026-10-02' }));
    const octoberAgain = await imported(
      demo('contoso-security', { partner: p, asOf: '2026-10-20', certifications: [] }),
    );
    const november = await imported(demo('contoso-security', { partner: p }));

    const current = (await repos.versions.current(p.partnerId))!.doc;
    expect(current.versionId).toBe(november.versionId);
    const history = current.head.history!;
    expect(history.map((h) => [h.month, h.asOf])).toEqual([
      ['2026-09', '2026-09-21'],
      ['2026-10', '2026-10-20'], // the later import of October replaces the first
      ['2026-11', '2026-11-22'],
    ]);
    expect(octoberFirst.headline.asOf).toBe('2026-10-02');
    const octoberVersion = await repos.versions.version(p.partnerId, octoberAgain.versionId);
    expect(history[1]).toEqual({
      month: '2026-10',
      asOf: '2026-10-20',
      headline: octoberVersion!.summary!.headline,
      totals: octoberVersion!.summary!.totals,
      qualified: octoberVersion!.summary!.qualified,
    });
    expect(history[0]!.totals[september.headline.path]).toBe(september.headline.total);
    expect(history[2]).toMatchObject({ headline: 'smb', totals: { smb: 82 }, qualified: { smb: true } });
    // The version's own snapshot carries the same history (the trend survives the pointer moving on).
    const snapshot = await repos.versions.snapshot(p.partnerId, november.versionId);
    expect(snapshot?.history).toEqual(history);
  });

  test('backfilling an older month: stored beside the newer current version, its history stops at its own month', async () => {
    const p = partner('7002');
    const november = await imported(demo('contoso-security', { partner: p, asOf: '2026-11-22' }));
    const october = await imported(demo('contoso-security', { partner: p, asOf: '2026-10-20' }));
    expect(october.current).toBe(false);
    expect((await repos.versions.current(p.partnerId))!.doc.versionId).toBe(november.versionId);
    const snapshot = await repos.versions.snapshot(p.partnerId, october.versionId);
    expect(snapshot!.history!.map((h) => h.month)).toEqual(['2026-10']);
  });

  test('at most 12 months', async () => {
    const p = partner('7003');
    for (let i = 0; i < 14; i++) {
      const month = 2025 * 12 + 9 + i; // 2025-10 … 2026-11
      const asOf = `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}-20`;
      await imported(demo('northwind-cyber', { partner: p, asOf }));
    }
    const history = (await repos.versions.current(p.partnerId))!.doc.head.history!;
    expect(history).toHaveLength(12);
    expect(history[0]!.month).toBe('2025-12');
    expect(history[11]!.month).toBe('2026-11');
  }, 60_000);
});

describe('the forecast in the snapshot head and its alert on the version', () => {
  test('the head keeps the forecast the engine computes from the whole dataset', async () => {
    const p = partner('7004');
    const document = demo('contoso-security', { partner: p });
    await imported(document);
    const head = (await repos.versions.current(p.partnerId))!.doc.head;
    const validation = validateDataset(document);
    if (!validation.ok) throw new Error('invalid');
    expect(head.forecast).toEqual(forecast(scorePartner(validation.dataset)));
    expect(head.forecast!.months.map((m) => m.asOf)).toEqual(['2026-12-22', '2027-01-22', '2027-02-22']);
  });

  test('a drop before the renewal window opens: the next version carries a forecast alert (zod-checked when read)', async () => {
    const p = partner('7005');
    const later = { enrolled: true, anniversary: '2027-06-01' };
    const first = await imported(demo('contoso-security', { partner: p, designation: later }));
    // The first version of a partner gets no alert, the forecast's included.
    expect((await repos.versions.version(p.partnerId, first.versionId))?.alerts).toEqual([]);
    // The same data under a new name: a new version (identical data would be none).
    const renamed = { ...p, name: `${p.name} Ltd` };
    const second = await imported(demo('contoso-security', { partner: renamed, designation: later }));
    const version = await repos.versions.version(p.partnerId, second.versionId);
    expect(version?.alerts).toEqual([
      expect.objectContaining({
        kind: 'forecastDrop',
        path: 'smb',
        asOf: '2026-12-22',
        total: 82,
        projectedTotal: 53,
        windowOpens: '2027-04-02',
        prevention: expect.objectContaining({ path: 'smb', additions: expect.any(Number) }),
      }),
    ]);
  });

  test('a head stored before issue 13 (a forecast without projectedFrom, months not reported read as zero) is read without its forecast', async () => {
    const p = partner('7007');
    await imported(demo('contoso-security', { partner: p }));
    const item = store.containers.partners.item('current', p.partnerId);
    const { resource } = await item.read<{ head: { forecast: Record<string, unknown> } }>();
    const { projectedFrom, ...legacy } = resource!.head.forecast;
    expect(projectedFrom).toBe('2026-10');
    await item.replace({ ...resource, head: { ...resource!.head, forecast: legacy } });
    const head = (await repos.versions.current(p.partnerId))!.doc.head;
    expect(head.forecast).toBeUndefined();
    expect(head.paths.smb.total).toBe(82);
  });

  test("Contoso's own anniversary (window opens 2026-12-03, before the December drop): no alert", async () => {
    const p = partner('7006');
    await imported(demo('contoso-security', { partner: p }));
    const second = await imported(demo('contoso-security', { partner: { ...p, name: `${p.name} Ltd` } }));
    expect(second.unchanged).toBe(false);
    expect((await repos.versions.version(p.partnerId, second.versionId))?.alerts).toEqual([]);
  });
});

describe('issue 12: the attribution finder in the snapshot head', () => {
  test('the import keeps the findings the engine computes from the rows; read back through the zod schema of the head', async () => {
    const p = partner('7012');
    const base = demo('contoso-security', { partner: p });
    const tenant = base.azureConsumption[0]!.customerTenantId;
    // One customer's Azure usage under DPOR, one person's certifications not associated.
    const document: PartnerDataset = {
      ...base,
      azureConsumption: base.azureConsumption.map((row) =>
        row.customerTenantId === tenant ? { ...row, association: 'DPOR' } : row,
      ),
      certifications: base.certifications.map((row, i) => (i === 0 ? { ...row, associated: false } : row)),
    };
    await imported(document);
    const head = (await repos.versions.current(p.partnerId))!.doc.head;
    const validation = validateDataset(document);
    if (!validation.ok) throw new Error('invalid');
    expect(head.attribution).toEqual(findAttribution(scorePartner(validation.dataset)));
    expect(head.attribution!.findings.map((f) => f.id)).toEqual(
      expect.arrayContaining([tenant, base.certifications[0]!.personId]),
    );
    expect(JSON.stringify(head.attribution).length).toBeLessThan(16 * 1024);
  });
});
