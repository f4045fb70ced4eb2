import { readConfig, storeConfigSchema } from '../../bot/config';
import { importDataset, ImportError } from '../../bot/import/importDataset';
import { ConversationRepository } from '../../bot/store/conversations';
import { openStore, type Store } from '../../bot/store/cosmos';
import type { ChunkDoc } from '../../bot/store/documents';
import { StoreError } from '../../bot/store/errors';
import { VersionRepository, versionKeyOf } from '../../bot/store/versions';
import { customerBucket } from '../../scoring/snapshot';
import { demoSnapshot } from '../cards/fixtures';
import { demo, embeddedStore, freePort, repositories, silentLog, type Repositories } from './store-helpers';

let store: Store;
let repos: Repositories;

beforeAll(async () => {
  store = await embeddedStore();
  repos = repositories(store);
});
afterAll(async () => {
  await store.close();
});

async function imported(document: unknown, overrides: Parameters<Repositories['deps']>[0] = {}) {
  const outcome = await importDataset(repos.deps(overrides), { document, source: 'test.json' });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
  return outcome.summary;
}

describe('partner registrations', () => {
  test('register, read back, list and resolve tenants', async () => {
    const p = await repos.partners.register({
      partnerId: '111',
      name: 'Alpha',
      tenantIds: ['t-a1'],
      adminObjectIds: ['o-1'],
    });
    expect(p).toMatchObject({
      partnerId: '111',
      tenantIds: ['t-a1'],
      adminObjectIds: ['o-1'],
      adminsOnly: false,
    });
    const merged = await repos.partners.register({
      partnerId: '111',
      name: 'Alpha Ltd',
      tenantIds: ['t-a2'],
      adminsOnly: true,
    });
    expect(merged).toMatchObject({
      name: 'Alpha Ltd',
      tenantIds: ['t-a1', 't-a2'],
      adminObjectIds: ['o-1'],
      adminsOnly: true,
    });
    expect(await repos.partners.get('111')).toEqual(merged);
    expect(await repos.partners.partnerForTenant('t-a2')).toBe('111');
    expect(await repos.partners.partnerForTenant('t-unknown')).toBeUndefined();
    expect((await repos.partners.list()).map((r) => r.partnerId)).toContain('111');
  });

  test('a tenant of another partner is refused; unregistering removes access', async () => {
    await repos.partners.register({ partnerId: '222', name: 'Beta', tenantIds: ['t-b'] });
    await expect(
      repos.partners.register({ partnerId: '333', name: 'Gamma', tenantIds: ['t-b'] }),
    ).rejects.toMatchObject({
      code: 'TENANT_TAKEN',
      message: expect.stringContaining('tenant t-b is registered to partner 222, not 333'),
    });
    await repos.partners.unregisterTenant('222', 't-b');
    expect(await repos.partners.partnerForTenant('t-b')).toBeUndefined();
    expect((await repos.partners.get('222'))?.tenantIds).toEqual([]);
  });

  test("what is written is checked with the readers' schema: an invalid registration is refused, list keeps working", async () => {
    await expect(repos.partners.register({ partnerId: '1300', name: '' })).rejects.toMatchObject({
      name: 'RegistrationError',
      code: 'INVALID_REGISTRATION',
      message: expect.stringContaining('registration of partner 1300 not written: name'),
    });
    expect(await repos.partners.get('1300')).toBeUndefined();
    await expect(repos.partners.list()).resolves.toEqual(expect.any(Array));
  });

  test('admins-only with no admin is refused (nobody could see the score); with an admin it is kept', async () => {
    await expect(
      repos.partners.register({ partnerId: '1301', name: 'Nu', tenantIds: ['t-nu'], adminsOnly: true }),
    ).rejects.toMatchObject({
      code: 'INVALID_REGISTRATION',
      message: expect.stringContaining('adminObjectIds must name at least one admin'),
    });
    expect(await repos.partners.get('1301')).toBeUndefined();
    expect(await repos.partners.partnerForTenant('t-nu')).toBeUndefined();
    await repos.partners.register({ partnerId: '1301', name: 'Nu', adminObjectIds: ['o-nu'] });
    expect(
      await repos.partners.register({ partnerId: '1301', name: 'Nu', tenantIds: ['t-nu'], adminsOnly: true }),
    ).toMatchObject({ adminsOnly: true, adminObjectIds: ['o-nu'], tenantIds: ['t-nu'] });
  });
});

describe('the current pointer', () => {
  test('create conflicts (409) and stale ETags (412) surface as typed errors', async () => {
    const first = await imported(
      demo('contoso-security', { partner: { partnerId: '444', name: 'Delta', tenantId: 't-d' } }),
    );
    const current = await repos.versions.current('444');
    expect(current?.doc.versionId).toBe(first.versionId);
    const doc = current!.doc;
    await expect(repos.versions.setCurrent(doc, undefined)).rejects.toMatchObject({
      code: 'CONFLICT',
      statusCode: 409,
    });
    await repos.versions.setCurrent({ ...doc, updatedAt: new Date().toISOString() }, current!.etag);
    await expect(repos.versions.setCurrent(doc, current!.etag)).rejects.toMatchObject({
      code: 'PRECONDITION_FAILED',
      statusCode: 412,
    });
  });

  test('a document that does not match its schema is reported, not used', async () => {
    await store.containers.partners.items.upsert({
      id: 'current',
      type: 'current',
      partnerId: '555',
      versionId: 'x',
      updatedAt: 'now',
    });
    await expect(repos.versions.current('555')).rejects.toMatchObject({ code: 'INVALID_DOCUMENT' });
  });
});

describe('import', () => {
  test('stores the version in chunks, the snapshot, registers the tenant and moves the pointer', async () => {
    const data = demo('northwind-cyber');
    const summary = await imported(data);
    expect(summary).toMatchObject({
      partnerId: '4056789',
      current: true,
      rows: {
        azure: data.azureConsumption.length,
        m365: data.m365Licenses.length,
        mau: data.mau!.length,
        certifications: data.certifications.length,
      },
      registeredTenant: data.partner.tenantId,
      headline: { path: 'enterprise', total: 64.67, qualified: false },
      unknownNames: { services: { 'Virtual Machines': expect.any(Number) } },
    });
    expect(await repos.partners.partnerForTenant(data.partner.tenantId!)).toBe('4056789');
    const current = await repos.versions.current('4056789');
    expect(current?.doc.head).toMatchObject({
      partnerId: '4056789',
      asOf: '2026-11-22',
      headline: 'enterprise',
    });
    expect(await repos.versions.version('4056789', summary.versionId)).toMatchObject({
      status: 'complete',
      summary: { headline: 'enterprise' },
    });
    // The rows come back in order from their chunks.
    const azure = (await repos.versions.chunksOf('4056789', summary.versionId, 'azureConsumption')).flatMap(
      (c) => c.items,
    );
    expect(azure).toEqual(data.azureConsumption);
    // "Why doesn't Fabrikam count?": one customer's explanation is a point read of its bucket.
    const someone = data.azureConsumption[0]!.customerTenantId;
    const explanation = await repos.versions.customer(
      '4056789',
      summary.versionId,
      current!.doc.head.customerBuckets,
      someone,
    );
    expect(explanation?.tenantId).toBe(someone);
  });

  test('small chunks: a version of many chunks reassembles exactly', async () => {
    const data = demo('contoso-security', { partner: { partnerId: '666', name: 'Epsilon' } });
    const summary = await imported(data, { chunkRows: 7 });
    expect(summary.chunks).toBe(1 + Math.ceil(149 / 7) + Math.ceil(108 / 7) + 1 + Math.ceil(9 / 7) + 1);
    const m365 = (await repos.versions.chunksOf('666', summary.versionId, 'm365Licenses')).flatMap(
      (c) => c.items,
    );
    expect(m365).toEqual(data.m365Licenses);
  });

  test('invalid input stores nothing', async () => {
    const bad = {
      ...demo('contoso-security', { partner: { partnerId: '777', name: 'Zeta', tenantId: 't-z' } }),
      asOf: '2026-13-01',
    };
    const outcome = await importDataset(repos.deps(), { document: bad, source: 'bad.json' });
    expect(outcome).toMatchObject({ ok: false, errorCount: 1, errors: [{ path: 'asOf' }] });
    expect(await repos.versions.versions('777')).toEqual([]);
    expect(await repos.versions.current('777')).toBeUndefined();
    expect(await repos.partners.partnerForTenant('t-z')).toBeUndefined();
  });

  test('a dataset whose tenant belongs to another partner is refused before anything is written', async () => {
    await repos.partners.register({ partnerId: '888', name: 'Eta', tenantIds: ['t-eta'] });
    const other = demo('contoso-security', {
      partner: { partnerId: '889', name: 'Theta', tenantId: 't-eta' },
    });
    await expect(importDataset(repos.deps(), { document: other, source: 'x.json' })).rejects.toBeInstanceOf(
      ImportError,
    );
    expect(await repos.versions.versions('889')).toEqual([]);
  });

  test('an import that dies between writes leaves the previous version current and complete', async () => {
    const partner = { partnerId: '999', name: 'Iota', tenantId: 't-iota' };
    const first = await imported(demo('contoso-security', { partner }));
    let writes = 0;
    class DyingVersionRepository extends VersionRepository {
      override async writeChunk(chunk: ChunkDoc): Promise<void> {
        if (++writes === 5) throw new StoreError('STORE_UNAVAILABLE', 'injected: the process died here');
        await super.writeChunk(chunk);
      }
    }
    const failing = repos.deps({
      chunkRows: 10,
      versions: new DyingVersionRepository(store.containers.partners, store.containers.datasetChunks),
    });
    await expect(
      importDataset(failing, { document: demo('northwind-cyber', { partner }), source: 'y.json' }),
    ).rejects.toThrow('injected');
    const current = await repos.versions.current('999');
    expect(current?.doc.versionId).toBe(first.versionId);
    expect(current?.doc.head).toMatchObject({
      headline: 'smb',
      paths: { smb: { total: 82, qualified: true } },
    });
    const versions = await repos.versions.versions('999');
    expect(versions.map((v) => v.status).sort()).toEqual(['complete', 'writing']);
    const rows = (await repos.versions.chunksOf('999', first.versionId, 'azureConsumption')).flatMap(
      (c) => c.items,
    );
    expect(rows).toHaveLength(149);
  });

  test('two imports racing leave one consistent winner: the newer data', async () => {
    const partner = { partnerId: '1010', name: 'Kappa', tenantId: 't-kappa' };
    const older = demo('contoso-security', { partner, asOf: '2026-10-22' });
    const newer = demo('contoso-security', { partner, asOf: '2026-11-22' });
    for (let round = 0; round < 3; round++) {
      const [a, b] = await Promise.all([
        imported(round % 2 ? older : newer),
        imported(round % 2 ? newer : older),
      ]);
      const winner = [a, b].find((s) => s.headline.asOf === '2026-11-22')!;
      const current = await repos.versions.current('1010');
      expect(current?.doc.versionId).toBe(winner.versionId);
      expect(current?.doc.head.asOf).toBe('2026-11-22');
      // The pointer's head is the winner's own snapshot, and the winner's version is complete.
      expect(await repos.versions.snapshot('1010', winner.versionId)).toEqual(current?.doc.head);
      expect((await repos.versions.version('1010', winner.versionId))?.status).toBe('complete');
    }
  });

  test('identical data again is no new version: "unchanged", whatever the key order', async () => {
    const partner = { partnerId: '1400', name: 'Xi', tenantId: 't-xi' };
    const data = demo('contoso-security', { partner });
    const first = await imported(data);
    expect(first.unchanged).toBe(false);
    // The same data with every row's keys in another order.
    const reordered = {
      ...data,
      azureConsumption: data.azureConsumption.map((row) => Object.fromEntries(Object.entries(row).reverse())),
    };
    const again = await imported(reordered);
    expect(again).toMatchObject({
      unchanged: true,
      current: true,
      versionId: first.versionId,
      rows: first.rows,
      headline: first.headline,
      deletedVersions: [],
    });
    expect((await repos.versions.versions('1400')).map((v) => v.versionId)).toEqual([first.versionId]);
    // One row changed: a new version.
    const changed = { ...data, certifications: data.certifications.slice(1) };
    const next = await imported(changed);
    expect(next.unchanged).toBe(false);
    expect(next.versionId).not.toBe(first.versionId);
    expect((await repos.versions.current('1400'))?.doc.versionId).toBe(next.versionId);
  });

  test('an asOf after today (beyond IMPORT_FUTURE_TOLERANCE_DAYS) is refused and nothing is stored', async () => {
    const partner = { partnerId: '1500', name: 'Omicron', tenantId: 't-omicron' };
    const now = () => new Date('2026-11-22T23:30:00Z');
    // The dataset: asOf 2099-12-31 with months and certifications in 2099.
    const future = demo('contoso-security', {
      partner,
      asOf: '2099-12-31',
      azureConsumption: demo('contoso-security').azureConsumption.map((r) => ({ ...r, month: '2099-11' })),
    });
    const outcome = await importDataset(repos.deps({ now }), { document: future, source: 'future.json' });
    expect(outcome).toMatchObject({
      ok: false,
      errorCount: 1,
      errors: [
        {
          path: 'asOf',
          reason: expect.stringContaining(
            '2099-12-31 is after today (2026-11-22; at most 2026-11-23 is accepted',
          ),
        },
      ],
    });
    expect(await repos.versions.versions('1500')).toEqual([]);
    expect(await repos.versions.current('1500')).toBeUndefined();
    expect(await repos.partners.get('1500')).toBeUndefined();
    expect(await repos.partners.partnerForTenant('t-omicron')).toBeUndefined();
    // Tomorrow is within the default tolerance of one day; with none it is refused too.
    const tomorrow = demo('contoso-security', { partner, asOf: '2026-11-23' });
    const noTolerance = await importDataset(repos.deps({ now, futureToleranceDays: 0 }), {
      document: tomorrow,
      source: 'tomorrow.json',
    });
    expect(noTolerance).toMatchObject({ ok: false, errors: [{ path: 'asOf' }] });
    expect((await imported(tomorrow, { now })).headline.asOf).toBe('2026-11-23');
  });

  test('retention keeps the newest versions and deletes the rest with their chunks', async () => {
    const partner = { partnerId: '1111', name: 'Lambda' };
    const ids: string[] = [];
    const { certifications } = demo('contoso-security');
    // Four different datasets (the same one again would be no new version).
    for (let i = 0; i < 4; i++) {
      const data = demo('contoso-security', { partner, certifications: certifications.slice(i) });
      ids.push((await imported(data, { keepVersions: 2 })).versionId);
    }
    const kept = (await repos.versions.versions('1111')).map((v) => v.versionId);
    expect(kept.sort()).toEqual(ids.slice(2).sort());
    expect(await repos.versions.chunksOf('1111', ids[0]!, 'azureConsumption')).toEqual([]);
    expect(await repos.versions.snapshot('1111', ids[0]!)).toBeUndefined();
  });

  test('the current version cannot be deleted', async () => {
    const s = await imported(demo('contoso-security', { partner: { partnerId: '1212', name: 'Mu' } }));
    await expect(repos.versions.deleteVersion('1212', s.versionId)).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });
});

describe('the customers of a version ("which customers count?")', () => {
  test("every customer of an imported version, and no other version's or partner's", async () => {
    const data = demo('northwind-cyber', {
      partner: { partnerId: '1313', name: 'Rho', tenantId: 't-rho-customers' },
    });
    const summary = await imported(data);
    await imported(
      demo('contoso-security', {
        partner: { partnerId: '1414', name: 'Sigma', tenantId: 't-sigma-customers' },
      }),
    );
    const head = (await repos.versions.current('1313'))!.doc.head;
    const all = await repos.versions.allCustomers('1313', summary.versionId, head.customerBuckets);
    expect(all).toHaveLength(head.customerCount);
    expect(new Set(all.map((c) => c.tenantId))).toEqual(
      new Set([...data.azureConsumption, ...data.m365Licenses].map((r) => r.customerTenantId)),
    );
    expect(await repos.versions.allCustomers('1313', 'no-such-version', head.customerBuckets)).toEqual([]);
  });

  test('a version in several buckets: all of them are read, a missing bucket is none', async () => {
    const { customers } = demoSnapshot('contoso-security');
    const versionId = 'v-buckets';
    const buckets: (typeof customers)[] = [[], [], [], []];
    for (const c of customers) buckets[customerBucket(c.tenantId, 3)]!.push(c);
    for (const [index, items] of buckets.slice(0, 3).entries())
      await repos.versions.writeChunk({
        id: `customers:${index}`,
        versionKey: versionKeyOf('1515', versionId),
        partnerId: '1515',
        versionId,
        kind: 'customers',
        index,
        items,
      });
    expect(buckets.slice(0, 3).every((b) => b.length > 0)).toBe(true);
    const all = await repos.versions.allCustomers('1515', versionId, 3);
    expect(all.map((c) => c.tenantId).sort()).toEqual(customers.map((c) => c.tenantId).sort());
    // A fourth bucket the head names but that was never written adds nobody.
    expect(await repos.versions.allCustomers('1515', versionId, 4)).toHaveLength(customers.length);
    expect(
      (await repos.versions.findCustomers('1515', versionId, 3, 'fabrikam')).map((c) => c.tenantId),
    ).toEqual(['c-01']);
  });
});

describe('connecting', () => {
  test('attaching to an embedded store that is not running says how to start one', async () => {
    const config = readConfig(storeConfigSchema, { EMBEDDED_COSMOS_PORT: String(await freePort()) });
    const error = await openStore(config, silentLog, { embedded: 'attach' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ code: 'STORE_UNAVAILABLE', message: expect.stringContaining('npm start') });
  });

  test('IMPORT_FUTURE_TOLERANCE_DAYS: a whole number of days, 1 by default', () => {
    expect(readConfig(storeConfigSchema, {}).IMPORT_FUTURE_TOLERANCE_DAYS).toBe(1);
    expect(
      readConfig(storeConfigSchema, { IMPORT_FUTURE_TOLERANCE_DAYS: '0' }).IMPORT_FUTURE_TOLERANCE_DAYS,
    ).toBe(0);
    expect(() => readConfig(storeConfigSchema, { IMPORT_FUTURE_TOLERANCE_DAYS: '-1' })).toThrow(
      'IMPORT_FUTURE_TOLERANCE_DAYS',
    );
    expect(() => readConfig(storeConfigSchema, { IMPORT_FUTURE_TOLERANCE_DAYS: 'soon' })).toThrow(
      'IMPORT_FUTURE_TOLERANCE_DAYS',
    );
  });

  test('configuration errors name the variable', () => {
    expect(() => readConfig(storeConfigSchema, { COSMOS_KEY: 'k' })).toThrow(
      'COSMOS_KEY: is set but COSMOS_ENDPOINT is not',
    );
    expect(() => readConfig(storeConfigSchema, { COSMOS_ENDPOINT: 'not a url' })).toThrow('COSMOS_ENDPOINT');
    expect(() => readConfig(storeConfigSchema, { EMBEDDED_COSMOS_PORT: '70000' })).toThrow(
      'EMBEDDED_COSMOS_PORT',
    );
  });

  test('ping answers while the store runs', async () => {
    await expect(store.ping()).resolves.toBeUndefined();
  });
});

describe('conversation references', () => {
  test('saved, read back by conversation id (hashed document id), subscribed, unsubscribed and removed', async () => {
    const conversations = new ConversationRepository(store.containers.conversations);
    const conversationId = 'a:1Jr8x-very-long/teams:conversation;id==';
    const doc = {
      partnerId: '4012345',
      conversationId,
      conversationType: 'personal',
      reference: {
        serviceUrl: 'https://smba.trafficmanager.net/emea/',
        conversation: { id: conversationId },
      },
      userObjectId: 'oid-1',
      updatedAt: '2026-11-22T10:00:00.000Z',
    };
    await conversations.save(doc);
    await conversations.save({ ...doc, updatedAt: '2026-11-22T11:00:00.000Z' });
    expect(await conversations.get('4012345', conversationId)).toMatchObject({
      ...doc,
      updatedAt: '2026-11-22T11:00:00.000Z',
    });
    await conversations.subscribe('4012345', conversationId, 'oid-1', new Date('2026-11-22T12:00:00Z'));
    await conversations.subscribe('4099999', 'someone-else', undefined, new Date('2026-11-22T12:00:00Z'));
    expect(await conversations.subscriptions('4012345')).toEqual([
      expect.objectContaining({ partnerId: '4012345', conversationId, subscribedBy: 'oid-1' }),
    ]);
    expect(await conversations.unsubscribe('4012345', conversationId)).toBe(true);
    expect(await conversations.unsubscribe('4012345', conversationId)).toBe(false);
    expect(await conversations.subscriptions('4012345')).toEqual([]);
    await conversations.remove('4012345', conversationId);
    await conversations.remove('4012345', conversationId); // already gone: no error
    expect(await conversations.get('4012345', conversationId)).toBeUndefined();
  });
});

describe('a Cosmos-compatible store in another process, reached by COSMOS_ENDPOINT over http', () => {
  test('key mode against a plain-http endpoint works (no endpoint discovery to https)', async () => {
    const config = readConfig(storeConfigSchema, {
      COSMOS_ENDPOINT: store.endpoint,
      COSMOS_KEY: 'local',
      COSMOS_DATABASE: 'remote-test',
    });
    const remote = await openStore(config, silentLog, { embedded: 'attach' });
    try {
      expect(remote.mode).toBe('azure-key');
      await expect(remote.ping()).resolves.toBeUndefined();
    } finally {
      await remote.close();
    }
  });
});
