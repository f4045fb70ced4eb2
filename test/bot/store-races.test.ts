import { importDataset } from '../../bot/import/importDataset';
import type { Store } from '../../bot/store/cosmos';
import { demo, embeddedStore, repositories, type Repositories } from './store-helpers';

/** Issue 11: what overlapping writers did to the shared pointers (the current version, a tenant's owner). */

let store: Store;
let repos: Repositories;

beforeAll(async () => {
  store = await embeddedStore();
  repos = repositories(store);
});
afterAll(async () => {
  await store.close();
});

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('overlapping imports of one partner', () => {
  const asOfs = ['2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23', '2026-11-24', '2026-11-25'];
  const newest = asOfs[asOfs.length - 1]!;
  const ROUNDS = asOfs.length * 2;

  test(`the newest asOf is always current (${ROUNDS} rounds of ${asOfs.length} overlapping imports)`, async () => {
    // How long one import takes here: the starts are staggered by a fraction of it.
    const started = Date.now();
    await importDataset(repos.deps(), {
      document: demo('contoso-security', { partner: { partnerId: '3099', name: 'Warm-up' } }),
      source: 'warm-up.json',
    });
    const importMs = Date.now() - started;
    const outcomes: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const partner = { partnerId: `3100${round}`, name: `Race ${round}` };
      // Each round puts the newest dataset at another start position, and the starts are staggered so
      // that some imports read the pointer before another moves it and some after.
      const order = asOfs.map((_, i) => asOfs[(i + round) % asOfs.length]!);
      const stagger = (importMs * (round < asOfs.length ? 1 : 2)) / 3;
      const settled = await Promise.allSettled(
        order.map(async (asOf, i) => {
          await sleep(i * stagger);
          const outcome = await importDataset(repos.deps(), {
            document: demo('contoso-security', { partner, asOf }),
            source: `${asOf}.json`,
            register: false,
          });
          if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
        }),
      );
      const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
      const current = await repos.versions.current(partner.partnerId);
      outcomes.push(failed ? `failed: ${String(failed.reason)}` : current!.doc.head.asOf);
      // The pointer's head is the newest version's own snapshot.
      const version = (await repos.versions.versions(partner.partnerId)).find((v) => v.asOf === newest)!;
      if (current!.doc.head.asOf === newest) expect(current!.doc.versionId).toBe(version.versionId);
    }
    expect(outcomes).toEqual(Array.from({ length: ROUNDS }, () => newest));
  }, 120_000);

  test('on the same asOf the later import stays current, even when the earlier one finishes last', async () => {
    const partner = { partnerId: '3200', name: 'Tie' };
    const at = (iso: string) => repos.deps({ now: () => new Date(iso) });
    const later = await importDataset(at('2026-11-22T10:00:00Z'), {
      document: demo('contoso-security', { partner }),
      source: 'later.json',
    });
    const earlier = await importDataset(at('2026-11-22T09:00:00Z'), {
      document: demo('contoso-security', { partner, certifications: [] }),
      source: 'earlier.json',
    });
    if (!later.ok || !earlier.ok) throw new Error('invalid');
    expect(earlier.summary.current).toBe(false);
    expect((await repos.versions.current('3200'))!.doc.versionId).toBe(later.summary.versionId);
  });
});
