/**
 * Store benchmark: `npm run bench:store` (or `npm run --silent bench:store` for the JSON line only).
 *
 * In this process, against the embedded Cosmos DB-compatible server (127.0.0.1, a free port) through
 * @azure/cosmos, as `npm start` runs it:
 *   1. imports the full-size synthetic partner (20,000 tenants over 24 months, ≈1,000,000 rows,
 *      2,000 people) with `importDataset`, as `npm run import` does: validation, scoring, the rows in
 *      chunks, the snapshot, the registration and the ETag-guarded `current` pointer. The dataset is
 *      generated, then JSON.stringify + JSON.parse'd (an untyped document, as read from a file); only
 *      `importDataset` is timed. importRowsPerSec = rows stored (Azure + Microsoft 365 + MAU +
 *      certifications) / import seconds;
 *   2. stores 1,000 small partners (the demo dataset bot/demo/contoso-security.json with its
 *      partnerId and partner.tenantId changed), imported with bounded concurrency. This takes about
 *      a minute: each import's retention lists the partner's versions with a query, and the
 *      embedded server runs every query over the whole container (in quadratic time), where Azure
 *      Cosmos DB reads one indexed partition;
 *   3. times the bot's hot read `versions.current(partnerId)` (one point read + schema check) for
 *      random partners: 5,000 sequential reads after 500 warm-up reads; p50 and p99 in ms.
 * Prints exactly one JSON line on stdout; progress and the targets go to stderr. Exit code 1 when
 * something fails (a missed target is reported, not a failure).
 *
 * To profile: `npx tsc -p tsconfig.bench.json && node --cpu-prof dist-bench/test/bench/store.bench.js`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readConfig, storeConfigSchema } from '../../bot/config';
import { importDataset, type ImportDependencies, type ImportSummary } from '../../bot/import/importDataset';
import { createLogger } from '../../bot/log';
import { newVersionId } from '../../bot/runtime';
import { openStore, type Store } from '../../bot/store/cosmos';
import { PartnerRepository } from '../../bot/store/partners';
import { VersionRepository } from '../../bot/store/versions';
import { syntheticPartner } from '../fixtures/synthetic';
import { projectFile } from './processes';

const SEED = 20261122;
const ASOF = '2026-11-22';
const PARTNERS = 1_000;
/** Small-partner imports in flight at once. */
const SETUP_CONCURRENCY = 16;
const WARMUP_READS = 500;
const READS = 5_000;
const TARGETS = { importMs: 60_000, hotReadP99Ms: 10 };
const DEMO_FILE = path.join('bot', 'demo', 'contoso-security.json');

export interface StoreBenchLine {
  readonly importRowsPerSec: number;
  readonly hotReadP50Ms: number;
  readonly hotReadP99Ms: number;
  readonly rows: number;
  readonly importMs: number;
  readonly chunks: number;
  readonly partners: number;
  readonly setupMs: number;
  readonly reads: number;
  readonly hotReadMaxMs: number;
  readonly peakRssMb: number;
}

const log = (message: string): void => {
  process.stderr.write(`${message}\n`);
};
const round1 = (n: number): number => Math.round(n * 10) / 10;
const round3 = (n: number): number => Math.round(n * 1000) / 1000;
const rssMb = (): number => Math.round(process.memoryUsage().rss / 1024 / 1024);

/** Nearest-rank percentile of ascending `sorted` (p in 0…100). */
function percentile(sorted: readonly number[], p: number): number {
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

/** mulberry32: a seeded PRNG for the read order (the run is repeatable). */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The dependencies the import command gets from `openRuntime(...).importDependencies()`. */
function importDependencies(
  store: Store,
  keepVersions: number,
  onProgress?: ImportDependencies['onProgress'],
): ImportDependencies {
  const logger = createLogger({ name: 'bench-store', level: 'warn', destination: 'stderr' });
  return {
    partners: new PartnerRepository(store.containers.partners, store.containers.tenants),
    versions: new VersionRepository(store.containers.partners, store.containers.datasetChunks),
    log: logger,
    now: () => new Date(),
    newVersionId: () => newVersionId(),
    keepVersions,
    futureToleranceDays: 1,
    ...(onProgress ? { onProgress } : {}),
  };
}

function expectImported(outcome: Awaited<ReturnType<typeof importDataset>>, what: string): ImportSummary {
  if (!outcome.ok) {
    throw new Error(
      `${what} rejected (${outcome.errorCount} errors): ${JSON.stringify(outcome.errors.slice(0, 5))}`,
    );
  }
  if (!outcome.summary.current) throw new Error(`${what} was stored but did not become current`);
  return outcome.summary;
}

async function importLarge(
  store: Store,
  keepVersions: number,
): Promise<{ rows: number; importMs: number; chunks: number }> {
  let t = performance.now();
  const generated = syntheticPartner({ seed: SEED, asOf: ASOF });
  let text = JSON.stringify(generated);
  const jsonMb = round1(text.length / 1024 / 1024);
  const document: unknown = JSON.parse(text);
  text = '';
  log(
    `[import] synthetic partner: ${generated.azureConsumption.length + generated.m365Licenses.length} rows, ` +
      `JSON ${jsonMb} MB; generated + parsed in ${Math.round(performance.now() - t)} ms, rss ${rssMb()} MB`,
  );

  let lastDecile = -1;
  const onProgress = (done: number, total: number): void => {
    const decile = total === 0 ? 10 : Math.floor((done / total) * 10);
    if (decile !== lastDecile)
      log(
        `[import] ${done}/${total} chunks stored, ${Math.round(performance.now() - t)} ms, rss ${rssMb()} MB`,
      );
    lastDecile = decile;
  };
  t = performance.now();
  const summary = expectImported(
    await importDataset(importDependencies(store, keepVersions, onProgress), {
      document,
      source: 'synthetic-full.json',
    }),
    'the synthetic partner',
  );
  const importMs = performance.now() - t;

  const versions = new VersionRepository(store.containers.partners, store.containers.datasetChunks);
  const current = await versions.current(summary.partnerId);
  if (current?.doc.versionId !== summary.versionId)
    throw new Error(`partner ${summary.partnerId}: current is not the imported version ${summary.versionId}`);
  const rows = summary.rows.azure + summary.rows.m365 + summary.rows.mau + summary.rows.certifications;
  log(
    `[import] ${rows} rows (${summary.rows.azure} Azure, ${summary.rows.m365} Microsoft 365, ` +
      `${summary.rows.mau} MAU, ${summary.rows.certifications} certifications) in ${summary.chunks} chunks: ` +
      `${Math.round(importMs)} ms, ${Math.round(rows / (importMs / 1000))} rows/s; headline ` +
      `${summary.headline.path} ${summary.headline.total}; rss ${rssMb()} MB`,
  );
  return { rows, importMs, chunks: summary.chunks };
}

type SmallDataset = { partner: Record<string, unknown> };

/** Imports PARTNERS copies of the demo dataset under partner ids `base`, `base + 1`, … */
async function importSmall(
  store: Store,
  keepVersions: number,
  demo: SmallDataset,
  base: number,
): Promise<string[]> {
  const deps = importDependencies(store, keepVersions);
  const ids = Array.from({ length: PARTNERS }, (_, i) => String(base + i));
  const t0 = performance.now();
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < ids.length) {
      const i = next++;
      const partnerId = ids[i]!;
      const document = {
        ...demo,
        partner: {
          ...demo.partner,
          partnerId,
          name: `Bench Partner ${i + 1}`,
          tenantId: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
        },
      };
      expectImported(await importDataset(deps, { document, source: 'contoso-security.json' }), partnerId);
      if (++done % 200 === 0)
        log(`[partners] ${done}/${ids.length} imported, ${Math.round(performance.now() - t0)} ms`);
    }
  };
  await Promise.all(Array.from({ length: SETUP_CONCURRENCY }, worker));
  return ids;
}

async function hotReads(store: Store, ids: readonly string[]): Promise<number[]> {
  const versions = new VersionRepository(store.containers.partners, store.containers.datasetChunks);
  const random = prng(SEED);
  const times: number[] = [];
  for (let i = 0; i < WARMUP_READS + READS; i++) {
    const partnerId = ids[Math.floor(random() * ids.length)]!;
    const t = performance.now();
    const read = await versions.current(partnerId);
    const ms = performance.now() - t;
    if (read?.doc.partnerId !== partnerId) throw new Error(`no current version for partner ${partnerId}`);
    if (i >= WARMUP_READS) times.push(ms);
  }
  return times.sort((a, b) => a - b);
}

async function main(): Promise<StoreBenchLine> {
  const demo = JSON.parse(readFileSync(projectFile(DEMO_FILE), 'utf8')) as SmallDataset;
  // Only the embedded store: a COSMOS_ENDPOINT in the environment is deliberately not used.
  const config = readConfig(storeConfigSchema, { EMBEDDED_COSMOS_PORT: '0' });
  const store = await openStore(config, createLogger({ name: 'bench-store', level: 'silent' }), {
    embedded: 'start',
  });
  log(`[store] embedded store on ${store.endpoint}`);
  try {
    const large = await importLarge(store, config.DATASET_VERSIONS_KEPT);

    let t = performance.now();
    const ids = await importSmall(store, config.DATASET_VERSIONS_KEPT, demo, 5_000_000);
    const setupMs = performance.now() - t;
    log(`[partners] ${ids.length} partners imported in ${Math.round(setupMs)} ms, rss ${rssMb()} MB`);

    t = performance.now();
    const times = await hotReads(store, ids);
    log(
      `[reads] ${times.length} sequential reads (after ${WARMUP_READS} warm-up) in ` +
        `${Math.round(performance.now() - t)} ms: p50 ${round3(percentile(times, 50))} ms, ` +
        `p90 ${round3(percentile(times, 90))} ms, p99 ${round3(percentile(times, 99))} ms, ` +
        `max ${round3(times[times.length - 1]!)} ms`,
    );

    return {
      importRowsPerSec: Math.round(large.rows / (large.importMs / 1000)),
      hotReadP50Ms: round3(percentile(times, 50)),
      hotReadP99Ms: round3(percentile(times, 99)),
      rows: large.rows,
      importMs: Math.round(large.importMs),
      chunks: large.chunks,
      partners: ids.length,
      setupMs: Math.round(setupMs),
      reads: times.length,
      hotReadMaxMs: round3(times[times.length - 1]!),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    };
  } finally {
    await store.close();
  }
}

main().then(
  (line) => {
    process.stdout.write(`${JSON.stringify(line)}\n`);
    const missed = [
      ...(line.importMs > TARGETS.importMs ? ['import'] : []),
      ...(line.hotReadP99Ms > TARGETS.hotReadP99Ms ? ['hotReadP99Ms'] : []),
    ];
    log(
      `${missed.length === 0 ? 'all targets met' : `TARGETS MISSED: ${missed.join(', ')}`}: ` +
        `import ${line.rows} rows in ${(line.importMs / 1000).toFixed(1)} s (target ≤ ${TARGETS.importMs / 1000} s, ` +
        `${line.importRowsPerSec} rows/s), hot read p99 ${line.hotReadP99Ms} ms (target ≤ ${TARGETS.hotReadP99Ms} ms)`,
    );
  },
  (error: unknown) => {
    log(`store benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  },
);
