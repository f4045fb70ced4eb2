import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServer, type AddressInfo, type Server } from 'node:net';
import type { Store } from '../../bot/store/cosmos';
import { demo, embeddedStore, repositories, type Repositories } from './store-helpers';

const root = path.resolve(__dirname, '../..');
let store: Store;
let repos: Repositories;
let env: NodeJS.ProcessEnv;

/** Runs a command as a user would (`npm run --silent …`) against this test's embedded store. */
function run(script: 'import' | 'partners', args: string[], extraEnv: NodeJS.ProcessEnv = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn('npm', ['run', '--silent', script, '--', ...args], {
      cwd: root,
      env: { ...env, ...extraEnv },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const dir = mkdtempSync(path.join(tmpdir(), 'import-cli-'));
const file = (name: string, content: unknown): string => {
  const p = path.join(dir, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
};

beforeAll(async () => {
  const database = 'cli-test';
  store = await embeddedStore(database);
  repos = repositories(store);
  const port = Number(new URL(store.endpoint).port);
  env = {
    ...process.env,
    COSMOS_ENDPOINT: '',
    COSMOS_KEY: '',
    EMBEDDED_COSMOS_PORT: String(port),
    COSMOS_DATABASE: database,
    SEED_DATASETS: '',
  };
});
afterAll(async () => {
  await store.close();
});

describe('npm run import', () => {
  test('imports a dataset: summary with rows, unknown names, clamped rows and the headline', async () => {
    const r = await run('import', [file('northwind.json', demo('northwind-cyber'))]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Imported');
    expect(r.stdout).toContain('→ partner 4056789 Northwind Cyber');
    expect(r.stdout).toMatch(
      /rows: 612 Azure · 532 Microsoft 365 · 101 MAU · 15 certifications \(\d+ chunks\)/,
    );
    expect(r.stdout).toMatch(
      /unknown names: services "Virtual Machines" \(47 rows\); workloads —; associations —/,
    );
    expect(r.stdout).toContain('clamped rows (active > paid licenses): 0');
    // I-8: Network Watcher left Microsoft's list on 2026-05-01; the data is as of 2026-11-22.
    expect(r.stdout).toMatch(
      /stopped counting: Network Watcher — \d+ Azure rows \(\$[\d,]+\.\d\d\), no longer on Microsoft's list of eligible services since 2026-05-01/,
    );
    expect(r.stdout).toContain('headline: Enterprise 64.67 (not qualified) — first version');
    expect((await repos.versions.current('4056789'))?.doc.head.paths.enterprise.total).toBe(64.67);
  }, 60_000);

  test('a second import reports the change against the previous version (--json)', async () => {
    const data = demo('northwind-cyber');
    const r = await run('import', [
      '--json',
      file('again.json', { ...data, certifications: data.certifications.slice(0, 3) }),
    ]);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout) as {
      current: boolean;
      headline: { total: number };
      previous: { total: number };
    };
    expect(summary.current).toBe(true);
    expect(summary.previous.total).toBe(64.67);
    expect(summary.headline.total).toBeLessThan(64.67);
  }, 60_000);

  test('invalid input: every error with row and field, exit code 2, nothing of it stored; valid files still import', async () => {
    const broken = demo('contoso-security', {
      partner: { partnerId: '5000001', name: 'Broken', tenantId: 't-broken' },
    });
    const rows = broken.m365Licenses.map((row, i) =>
      i === 3 ? { ...row, paidLicenses: -1 } : i === 7 ? { ...row, seats: 3 } : row,
    );
    const bad = file('bad.json', { ...broken, m365Licenses: rows });
    const notJson = file('not.json', '{"schemaVersion": 1');
    const good = file(
      'good.json',
      demo('contoso-security', { partner: { partnerId: '5000002', name: 'Good', tenantId: 't-good' } }),
    );
    const r = await run('import', [bad, notJson, good]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad}: invalid partner dataset (2 problems) — nothing stored`);
    expect(r.stderr).toContain('m365Licenses[3].paidLicenses: must be 0 or more');
    expect(r.stderr).toContain('m365Licenses[7].seats: unknown field');
    expect(r.stderr).toContain(`${notJson}: is not valid JSON`);
    expect(await repos.versions.versions('5000001')).toEqual([]);
    expect(await repos.partners.partnerForTenant('t-broken')).toBeUndefined();
    expect((await repos.versions.current('5000002'))?.doc.head.partnerName).toBe('Good');
  }, 60_000);

  test('a tenant of another partner: exit code 2 naming the file, the other files still import; the same data again is unchanged', async () => {
    await repos.partners.register({ partnerId: '5100001', name: 'Owner', tenantIds: ['t-owned'] });
    const taken = file(
      'taken.json',
      demo('contoso-security', { partner: { partnerId: '5100002', name: 'Intruder', tenantId: 't-owned' } }),
    );
    const good = file(
      'good2.json',
      demo('northwind-cyber', { partner: { partnerId: '5100003', name: 'Fine', tenantId: 't-fine' } }),
    );
    const r = await run('import', [taken, good, good]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `${taken}: TENANT_TAKEN: partner.tenantId: tenant t-owned is registered to partner 5100001, not 5100002`,
    );
    expect(r.stderr).toContain('— nothing stored');
    expect(r.stdout).toContain(`Imported ${good} → partner 5100003 Fine`);
    expect(r.stdout).toContain(`Unchanged ${good} → partner 5100003 Fine: identical to the current version`);
    expect(r.stdout).toContain('(as of 2026-11-22); nothing stored');
    expect(await repos.versions.versions('5100002')).toEqual([]);
    expect(await repos.versions.versions('5100003')).toHaveLength(1);
    expect(await repos.partners.partnerForTenant('t-owned')).toBe('5100001');
  }, 60_000);

  test('no store running: a clear message how to start one, exit code 1', async () => {
    // A port that was free a moment ago: nothing listens there.
    const blocker = await new Promise<Server>((resolve) => {
      const server = createServer();
      server.listen(0, '127.0.0.1', () => resolve(server));
    });
    const port = (blocker.address() as AddressInfo).port;
    await new Promise((resolve) => blocker.close(resolve));
    const r = await run('import', [file('x.json', demo('contoso-security'))], {
      EMBEDDED_COSMOS_PORT: String(port),
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `STORE_UNAVAILABLE: No store is running on http://127.0.0.1:${port}. Start the bot with \`npm start\``,
    );
  }, 60_000);
});

describe('npm run partners', () => {
  test('register tenants and admins, then list them', async () => {
    const reg = await run('partners', [
      'register',
      '--partner-id',
      '6000001',
      '--name',
      'Omega',
      '--tenant',
      't-o1',
      '--tenant',
      't-o2',
      '--admin',
      'oid-1',
      '--admins-only',
    ]);
    expect(reg.code).toBe(0);
    expect(reg.stdout).toContain('Registered 6000001 Omega: tenants t-o1, t-o2; admins oid-1');
    const list = await run('partners', ['list', '--json']);
    expect(list.code).toBe(0);
    const omega = list.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { partnerId: string; adminsOnly: boolean; tenantIds: string[] })
      .find((p) => p.partnerId === '6000001');
    expect(omega).toMatchObject({ adminsOnly: true, tenantIds: ['t-o1', 't-o2'] });
  }, 60_000);

  test('--admins-only with no admin is refused (exit code 2); nothing is written and list still works', async () => {
    const r = await run('partners', [
      'register',
      '--partner-id',
      '6000002',
      '--name',
      'Sigma',
      '--admins-only',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'INVALID_REGISTRATION: registration of partner 6000002 not written: adminObjectIds must name at least one admin (--admin OBJECT_ID)',
    );
    expect(await repos.partners.get('6000002')).toBeUndefined();
    const list = await run('partners', ['list']);
    expect(list.code).toBe(0);
  }, 60_000);

  test('a bad partner id is a usage error (exit code 2)', async () => {
    const r = await run('partners', ['register', '--partner-id', 'abc', '--name', 'X']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('a partner id is a string of digits');
  }, 60_000);
});
