import { importDataset } from '../../bot/import/importDataset';
import { RegistrationError } from '../../bot/store/partners';
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

describe('concurrent registrations of one tenant', () => {
  test('20 partners registering one tenant at once: exactly one wins, the others are told who owns it', async () => {
    const tenantId = 't-contested';
    const partnerIds = Array.from({ length: 20 }, (_, i) => String(3300 + i));
    const settled = await Promise.allSettled(
      partnerIds.map((partnerId) =>
        repos.partners.register({ partnerId, name: `Claimant ${partnerId}`, tenantIds: [tenantId] }),
      ),
    );
    const winners = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value.partnerId] : []));
    expect(winners).toHaveLength(1);
    const owner = winners[0]!;
    expect(await repos.partners.partnerForTenant(tenantId)).toBe(owner);
    for (const s of settled) {
      if (s.status === 'fulfilled') continue;
      expect(s.reason).toBeInstanceOf(RegistrationError);
      expect(s.reason).toMatchObject({
        code: 'TENANT_TAKEN',
        message: expect.stringContaining(`tenant ${tenantId} is registered to partner ${owner}`),
      });
    }
    // No loser lists the tenant as its own.
    const listing = (await repos.partners.list()).filter((r) => r.tenantIds.includes(tenantId));
    expect(listing.map((r) => r.partnerId)).toEqual([owner]);
  });

  test('concurrent registrations of one partner keep every tenant and admin', async () => {
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        repos.partners.register({
          partnerId: '3400',
          name: 'Merged',
          tenantIds: [`t-merge-${i}`],
          adminObjectIds: [`o-${i}`],
        }),
      ),
    );
    const registration = await repos.partners.get('3400');
    expect([...registration!.tenantIds].sort()).toEqual(Array.from({ length: 8 }, (_, i) => `t-merge-${i}`));
    expect([...registration!.adminObjectIds].sort()).toEqual(Array.from({ length: 8 }, (_, i) => `o-${i}`));
  });
});
