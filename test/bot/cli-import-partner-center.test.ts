import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import yazl from 'yazl';
import type { Store } from '../../bot/store/cosmos';
import { SAMPLE_DIR } from '../fixtures/partnerCenterSamples';
import { embeddedStore, repositories, type Repositories } from './store-helpers';

/** `npm run import` with Partner Center downloads: one partner's dataset from many files. */

const root = path.resolve(__dirname, '../..');
let store: Store;
let repos: Repositories;
let env: NodeJS.ProcessEnv;

function run(args: string[]) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn('npm', ['run', '--silent', 'import', '--', ...args], { cwd: root, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const dir = mkdtempSync(path.join(tmpdir(), 'import-pc-'));
const file = (name: string, content: string | Buffer): string => {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
};
const sample = (name: string) => path.join(SAMPLE_DIR, name);
const CSVS = readdirSync(SAMPLE_DIR).filter((n) => n.endsWith('.csv'));

beforeAll(async () => {
  const database = 'cli-pc-test';
  store = await embeddedStore(database);
  repos = repositories(store);
  env = {
    ...process.env,
    COSMOS_ENDPOINT: '',
    COSMOS_KEY: '',
    EMBEDDED_COSMOS_PORT: new URL(store.endpoint).port,
    COSMOS_DATABASE: database,
    SEED_DATASETS: '',
  };
});
afterAll(async () => {
  await store.close();
});

describe('npm run import with Partner Center downloads', () => {
  test('the demo samples and their info file: one dataset, a summary per file, imported and the tenant registered', async () => {
    const r = await run([...CSVS.map(sample), sample('fabrikam-info.yaml')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /azure-usage\.csv: Azure usage — [\d,]+ rows read, [\d,]+ used; not counted: \d+ duplicate of another attribution/,
    );
    expect(r.stdout).toMatch(/ems-usage\.csv: EMS usage — \d+ rows read, \d+ used/);
    expect(r.stdout).toMatch(
      /trainings\.csv: Trainings and certifications — 9 rows read, 8 used; not counted: 1 training title not mapped/,
    );
    expect(r.stdout).toContain(
      'unknown training titles (not counted): "Microsoft Certified: Azure Administrator Associate" (1 row)',
    );
    expect(r.stdout).toContain('note: partner 4069001 Fabrikam Secure from fabrikam-info.yaml');
    expect(r.stdout).toContain('→ partner 4069001 Fabrikam Secure, version');
    expect(r.stdout).toContain('offer filter not applied');
    expect(r.stdout).toContain('headline: SMB 82 (qualified) — first version');
    expect((await repos.versions.current('4069001'))?.doc.head.paths.smb.total).toBe(82);
    expect(await repos.partners.partnerForTenant('6f0c2b7e-3d41-4a5b-9e28-1c7d4f60a913')).toBe('4069001');
  }, 90_000);

  test('a zip of the downloads with --partner-id, --name and --as-of (--json)', async () => {
    const zip = new yazl.ZipFile();
    for (const name of CSVS) zip.addBuffer(readFileSync(sample(name)), `export/${name}`);
    zip.end();
    const parts: Buffer[] = [];
    for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) parts.push(chunk);
    const zipped = file('downloads.zip', Buffer.concat(parts));
    const r = await run([
      '--json',
      '--partner-id',
      '4069002',
      '--name',
      'Fabrikam Zip',
      '--as-of',
      '2026-11-25',
      zipped,
    ]);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout) as {
      partnerId: string;
      read: { files: { file: string; report: string }[] };
    };
    expect(summary.partnerId).toBe('4069002');
    expect(summary.read.files.map((f) => f.file)).toContain('downloads.zip/export/azure-usage.csv');
    expect((await repos.versions.current('4069002'))?.doc.head.asOf).toBe('2026-11-25');
  }, 90_000);

  test('bad files: exit code 2, every problem with file, row and column, nothing stored', async () => {
    const azure = file(
      'azure.csv',
      'CustomerTenantId,Month,ServiceLevel4,PartnerAttributionType,ACR_USD\nt-1,2026-10,Sentinel,PAL,12\nt-1,Octember,Sentinel,PAL,12\n',
    );
    const office = file(
      'office.csv',
      'CustomerTenantId,WorkloadName,Month,PaidAvailableUnits\nt-1,Intune,2026-10,4\n',
    );
    const r = await run(['--partner-id', '4069003', '--name', 'Broken', azure, office]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Partner Center files: 3 problems — nothing stored');
    expect(r.stderr).toContain('azure.csv, row 3, column Month: "Octember" is not a month');
    expect(r.stderr).toContain(
      'office.csv, row 1, column MonthlyActiveUsers: required column MonthlyActiveUsers is missing',
    );
    expect(r.stderr).toContain(
      'office.csv, row 1, column PartnerAttributionType: required column PartnerAttributionType is missing',
    );
    expect(await repos.versions.versions('4069003')).toEqual([]);
  }, 90_000);

  test('--partner-id without --name is a usage error', async () => {
    const r = await run(['--partner-id', '4069004', sample('azure-usage.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--partner-id and --name go together');
  }, 60_000);
});
