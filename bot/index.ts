import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { formatIssues } from '../scoring';
import { readConfig, seedConfigSchema } from './config';
import { importDataset } from './import/importDataset';
import { openRuntime, type Runtime } from './runtime';
import { describeFailure } from './cli/failure';

/**
 * Composition root (`npm start`): configuration, store (the embedded one when no COSMOS_ENDPOINT is
 * set), seed data. The Teams bot's HTTP server is mounted here by the bot issue.
 */

const DEMO_DIR = path.join(__dirname, 'demo');

async function seedFiles(runtime: Runtime): Promise<string[]> {
  const { SEED_DATASETS } = readConfig(seedConfigSchema);
  if (SEED_DATASETS) return SEED_DATASETS;
  // Demo data only for the embedded store: never write demo partners into a real account.
  if (runtime.store.mode !== 'embedded') return [];
  return (await readdir(DEMO_DIR))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => path.join(DEMO_DIR, f));
}

async function seed(runtime: Runtime, files: readonly string[]): Promise<void> {
  for (const file of files) {
    const outcome = await importDataset(runtime.importDependencies(), {
      document: JSON.parse(await readFile(file, 'utf8')),
      source: path.basename(file),
    });
    if (!outcome.ok) {
      throw new Error(
        `seed dataset ${file} is invalid:\n${formatIssues(outcome.errors, outcome.errorCount).join('\n')}`,
      );
    }
    const s = outcome.summary;
    runtime.log.info(
      {
        file: path.basename(file),
        partnerId: s.partnerId,
        versionId: s.versionId,
        headline: s.headline.path,
        total: s.headline.total,
        qualified: s.headline.qualified,
      },
      'seeded partner dataset',
    );
  }
}

async function main(): Promise<void> {
  const runtime = await openRuntime({ name: 'partner-score-bot', embedded: 'start', logTo: 'stdout' });
  const stop = async (signal: string): Promise<void> => {
    runtime.log.info({ signal }, 'stopping');
    await runtime.store.close();
    process.exit(0);
  };
  process.once('SIGINT', (s) => void stop(s));
  process.once('SIGTERM', (s) => void stop(s));
  try {
    await seed(runtime, await seedFiles(runtime));
  } catch (error) {
    runtime.log.error({ err: error }, 'seeding failed');
    await runtime.store.close();
    throw error;
  }
  runtime.log.info({ store: runtime.store.mode }, 'ready');
}

main().catch((error: unknown) => {
  process.stderr.write(`${describeFailure(error)}\n`);
  process.exitCode = 1;
});
