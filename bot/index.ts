import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { formatIssues } from '../scoring';
import type { Server } from 'restify';
import { botConfigSchema, readConfig, seedConfigSchema, type BotConfig } from './config';
import { importDataset } from './import/importDataset';
import { openRuntime, type Runtime } from './runtime';
import { readJsonFile } from './cli/common';
import { describeFailure } from './cli/failure';
import { createAdapter, createServer, type HealthSource } from './server';
import { StoreError } from './store/errors';
import { PartnerScoreBot } from './teamsBot';

/**
 * Composition root (`npm start`): configuration, store (the embedded one when no COSMOS_ENDPOINT is
 * set), seed data, then the bot: adapter, activity handler and the restify routes.
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
    const read = await readJsonFile(file);
    if (!read.ok) throw new Error(`seed dataset ${file} ${read.reason}`);
    const outcome = await importDataset(runtime.importDependencies(), {
      document: read.document,
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

function healthOf(runtime: Runtime): HealthSource {
  return {
    check: async () => {
      try {
        await runtime.store.ping();
        return {
          store: 'ok',
          mode: runtime.store.mode,
          partnersWithData: await runtime.versions.partnersWithData(),
        };
      } catch (error) {
        return {
          store: 'unavailable',
          mode: runtime.store.mode,
          error: error instanceof StoreError ? error.code : 'STORE_FAILED',
        };
      }
    },
  };
}

async function startBot(runtime: Runtime, botConfig: BotConfig): Promise<Server> {
  const { versions, partners, log } = runtime;
  const bot = new PartnerScoreBot({
    directory: partners,
    scores: {
      current: async (partnerId) => {
        const current = await versions.current(partnerId);
        return current ? { versionId: current.doc.versionId, head: current.doc.head } : undefined;
      },
      findCustomers: (partnerId, versionId, buckets, typed) =>
        versions.findCustomers(partnerId, versionId, buckets, typed),
    },
    conversations: runtime.conversations,
    log,
    today: () => new Date().toISOString().slice(0, 10),
  });
  const server = createServer({
    adapter: createAdapter(botConfig, log),
    bot,
    health: healthOf(runtime),
    log,
  });
  await new Promise<void>((resolve) => server.listen(botConfig.PORT, resolve));
  if (!botConfig.MicrosoftAppId) {
    log.warn(
      'No MicrosoftAppId: local mode, requests are not authenticated (for the Agents Playground: npm run playground)',
    );
  }
  return server;
}

async function main(): Promise<void> {
  const botConfig = readConfig(botConfigSchema);
  const runtime = await openRuntime({ name: 'partner-score-bot', embedded: 'start', logTo: 'stdout' });
  let server: Server;
  try {
    await seed(runtime, await seedFiles(runtime));
    server = await startBot(runtime, botConfig);
  } catch (error) {
    // The embedded store keeps the process alive: close it so that a failed start exits.
    runtime.log.error({ err: error }, 'start failed');
    await runtime.store.close();
    throw error;
  }
  const { log } = runtime;
  const stop = async (signal: string): Promise<void> => {
    log.info({ signal }, 'stopping');
    server.close();
    await runtime.store.close();
    process.exit(0);
  };
  process.once('SIGINT', (s) => void stop(s));
  process.once('SIGTERM', (s) => void stop(s));
  log.info(
    {
      store: runtime.store.mode,
      port: (server.address() as { port: number }).port,
      endpoint: '/api/messages',
    },
    'ready',
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${describeFailure(error)}\n`);
  process.exitCode = 1;
});
