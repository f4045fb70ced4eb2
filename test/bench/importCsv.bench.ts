/**
 * Partner Center CSV import benchmark: `npm run bench:import-csv` (`npm run --silent …` for the JSON
 * line only).
 *   1. writes 1,000,000 Azure usage rows as Partner Center's download (its 24 columns, 20,000
 *      customer tenants over 24 months, amounts with thousands separators, 1% flagged duplicates)
 *      to a CSV file in a temporary folder (not timed);
 *   2. reads it with the readers (`readPartnerCenterFiles`: csv-parse streaming, the header
 *      detection, the value normalisation) into the dataset document — readMs;
 *   3. imports the document with `importDataset`, as `npm run import` does (validation, scoring, the
 *      rows in chunks, the snapshot, the `current` pointer) into the Cosmos-compatible store running
 *      in a child process (as Azure Cosmos DB is remote) — importMs.
 * Prints one JSON line {"rows","readMs","importMs","totalMs","peakRssMb"} (peakRssMb: this process,
 * which holds the reader and the import). Targets: totalMs ≤ 60,000, peakRssMb ≤ 1,536. Exit code 1
 * when something fails (a missed target is reported, not a failure).
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readConfig, storeConfigSchema } from '../../bot/config';
import { importDataset } from '../../bot/import/importDataset';
import { readPartnerCenterFiles } from '../../bot/import/partnerCenter';
import { createLogger } from '../../bot/log';
import { newVersionId } from '../../bot/runtime';
import { openStore } from '../../bot/store/cosmos';
import { PartnerRepository } from '../../bot/store/partners';
import { VersionRepository } from '../../bot/store/versions';
import { startStoreProcess } from './processes';

const ROWS = 1_000_000;
const TENANTS = 20_000;
const ASOF = '2026-11-22';
const PARTNER = { partnerId: '4069999', name: 'CSV Bench Partner' };
const TARGETS = { totalMs: 60_000, peakRssMb: 1_536 };
const SERVICES = [
  ['Security', 'Azure Security Services', 'Azure Sentinel', 'Sentinel'],
  ['Security', 'Azure Security Services', 'Key Vault', 'Premium HSM keys'],
  ['Compute', 'Virtual Machines', 'Virtual Machines', 'General Purpose Virtual Machines'],
] as const;
const ASSOCIATIONS = ['Partner admin link', 'CSP Tier 1', 'CSP Tier 2', 'Partner of record'] as const;
const HEADER =
  'PGAMpnID,SubscriptionId,SubscriptionState,Month,ServiceLevel1,ServiceLevel2,ServiceLevel3,ServiceLevel4,ServiceInfluencer,UsageUnits,UsageQuantity,CustomerName,CustomerTenantId,CustomerTpid,CustomerSegment,MPNID,PartnerName,PartnerLocation,PartnerAttributionType,SalesChannel,IsACRDuplicateAtPGALevel,AdminType,AssociationType,ACR_USD';

const log = (message: string): void => {
  process.stderr.write(`${message}\n`);
};
const rssMb = (): number => Math.round(process.memoryUsage().rss / 1024 / 1024);

function month(k: number): string {
  const index = 2024 * 12 + 10 + (k % 24); // 2024-11 … 2026-10
  const m = (index % 12) + 1;
  // Both month spellings of the portal's exports.
  return k % 2 === 0
    ? `${Math.floor(index / 12)}-${String(m).padStart(2, '0')}`
    : `${m}/1/${Math.floor(index / 12)}`;
}

async function writeCsv(file: string): Promise<void> {
  const out = createWriteStream(file);
  out.write(`${HEADER}\r\n`);
  for (let i = 0; i < ROWS; i++) {
    const tenant = i % TENANTS;
    const k = Math.floor(i / TENANTS);
    const [l1, l2, l3, l4] = SERVICES[Math.floor(k / 24) % SERVICES.length] ?? SERVICES[0];
    const cents = 1_000 + ((i * 7919) % 2_500_000);
    const dollars = Math.floor(cents / 100).toLocaleString('en-US');
    const tenantId = `00000000-0000-4000-8000-${String(tenant).padStart(12, '0')}`;
    const line =
      `${PARTNER.partnerId},sub-${tenant},Active,${month(k)},${l1},${l2},${l3},${l4},Security,1 Hour,744,` +
      `Customer ${tenant},${tenantId},${100_000 + tenant},SMB,${PARTNER.partnerId},${PARTNER.name},${PARTNER.partnerId}1,` +
      `${ASSOCIATIONS[tenant % ASSOCIATIONS.length] ?? 'PAL'},Direct,${i % 100 === 99 ? 1 : 0},Owner,PAL,` +
      `"${dollars}.${String(cents % 100).padStart(2, '0')}"\r\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

interface ImportCsvBenchLine {
  readonly rows: number;
  readonly readMs: number;
  readonly importMs: number;
  readonly totalMs: number;
  readonly peakRssMb: number;
}

async function main(): Promise<ImportCsvBenchLine> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-import-csv-'));
  const file = path.join(dir, 'azure-usage.csv');
  const storeProcess = await startStoreProcess();
  try {
    let t = performance.now();
    await writeCsv(file);
    log(`[csv] ${ROWS} Azure usage rows written to ${file} in ${Math.round(performance.now() - t)} ms`);

    const config = readConfig(storeConfigSchema, {
      COSMOS_ENDPOINT: `http://127.0.0.1:${storeProcess.port}`,
      COSMOS_KEY: 'bench-local-store-has-no-secret',
    });
    const store = await openStore(config, createLogger({ name: 'bench-import-csv', level: 'silent' }), {
      embedded: 'attach',
    });
    try {
      const start = performance.now();
      const read = await readPartnerCenterFiles(
        [{ name: 'azure-usage.csv', open: () => createReadStream(file) }],
        {
          asOf: ASOF,
          partner: PARTNER,
        },
      );
      const readMs = performance.now() - start;
      if (!read.ok)
        throw new Error(`the readers refused the file: ${JSON.stringify(read.problems.slice(0, 5))}`);
      const summary = read.files[0];
      log(
        `[read] ${summary?.rowsRead} rows read, ${summary?.rowsUsed} used in ${Math.round(readMs)} ms, rss ${rssMb()} MB`,
      );

      t = performance.now();
      const outcome = await importDataset(
        {
          partners: new PartnerRepository(store.containers.partners, store.containers.tenants),
          versions: new VersionRepository(store.containers.partners, store.containers.datasetChunks),
          log: createLogger({ name: 'bench-import-csv', level: 'warn', destination: 'stderr' }),
          now: () => new Date(),
          newVersionId: () => newVersionId(),
          keepVersions: config.DATASET_VERSIONS_KEPT,
          futureToleranceDays: 1,
        },
        { document: read.document, source: 'azure-usage.csv' },
      );
      const importMs = performance.now() - t;
      if (!outcome.ok) throw new Error(`import refused: ${JSON.stringify(outcome.errors.slice(0, 5))}`);
      if (!outcome.summary.current) throw new Error('the import was stored but did not become current');
      log(
        `[import] ${outcome.summary.rows.azure} Azure rows in ${outcome.summary.chunks} chunks: ${Math.round(importMs)} ms; ` +
          `headline ${outcome.summary.headline.path} ${outcome.summary.headline.total}; rss ${rssMb()} MB`,
      );
      return {
        rows: summary?.rowsRead ?? 0,
        readMs: Math.round(readMs),
        importMs: Math.round(importMs),
        totalMs: Math.round(performance.now() - start),
        peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      };
    } finally {
      await store.close();
    }
  } finally {
    storeProcess.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (line) => {
    process.stdout.write(`${JSON.stringify(line)}\n`);
    const missed = [
      ...(line.totalMs > TARGETS.totalMs ? ['totalMs'] : []),
      ...(line.peakRssMb > TARGETS.peakRssMb ? ['peakRssMb'] : []),
    ];
    log(
      `${missed.length === 0 ? 'all targets met' : `TARGETS MISSED: ${missed.join(', ')}`}: ` +
        `${line.rows} rows read and imported in ${(line.totalMs / 1000).toFixed(1)} s (target ≤ ${TARGETS.totalMs / 1000} s), ` +
        `peak RSS ${line.peakRssMb} MB (target ≤ ${TARGETS.peakRssMb} MB)`,
    );
  },
  (error: unknown) => {
    log(
      `CSV import benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exitCode = 1;
  },
);
