import { stopTelemetry } from './telemetry';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { formatIssues } from '../scoring';
import type { BotFrameworkAuthentication } from 'botframework-connector';
import type { Server } from 'restify';
import {
  botConfigSchema,
  ConfigError,
  readConfig,
  reminderConfigSchema,
  seedConfigSchema,
  type BotConfig,
  type ReminderConfig,
} from './config';
import { importDataset } from './import/importDataset';
import { openRuntime, type Runtime } from './runtime';
import { readJsonFile } from './cli/common';
import { describeFailure } from './cli/failure';
import { botConnector } from './reminders/connector';
import { ReminderRunner, storeReminderDependencies } from './reminders/run';
import { triggerAuthenticator } from './reminders/trigger';
import { storeHealth } from './health';
import { botAuthentication, createAdapter, createServer } from './server';
import { PartnerScoreBot } from './teamsBot';

/**
 * Composition root (`npm start`): configuration, store (the embedded one when no COSMOS_ENDPOINT is
 * set), seed data, then the bot: adapter, activity handler and the restify routes.
 */

const DEMO_DIR = path.join(__dirname, 'demo');

/** What `npm start` loads: SEED_DATASETS, else (embedded store only) the demo partners and their admins. */
async function seedFiles(runtime: Runtime): Promise<{ files: string[]; demo: boolean }> {
  const { SEED_DATASETS } = readConfig(seedConfigSchema);
  if (SEED_DATASETS) return { files: SEED_DATASETS, demo: false };
  // Demo data only for the embedded store: never write demo partners into a real account.
  if (runtime.store.mode !== 'embedded') return { files: [], demo: false };
  const files = (await readdir(DEMO_DIR))
    .filter((f) => f.endsWith('.json') && f !== 'admins.json')
    .sort()
    .map((f) => path.join(DEMO_DIR, f));
  return { files, demo: true };
}

/**
 * The demo's admins: the Agents Playground's user administers Contoso, so its personal chat gets
 * Contoso's renewal reminders (after a first message there, which saves the conversation).
 */
async function registerDemoAdmins(runtime: Runtime): Promise<void> {
  const read = await readJsonFile(path.join(DEMO_DIR, 'admins.json'));
  if (!read.ok) throw new Error(`demo admins ${read.reason}`);
  const admins = z.record(z.string(), z.array(z.string())).parse(read.document);
  for (const [partnerId, adminObjectIds] of Object.entries(admins)) {
    const registration = await runtime.partners.get(partnerId);
    if (registration) await runtime.partners.register({ partnerId, name: registration.name, adminObjectIds });
  }
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

/** Reminder runs: planned from the store, sent with the bot's credentials, on an interval and on the trigger. */
function reminderRunner(
  runtime: Runtime,
  auth: BotFrameworkAuthentication,
  botConfig: BotConfig,
  today: () => string,
): ReminderRunner {
  const connector = botConnector(auth, botConfig.MicrosoftAppId ?? '');
  return new ReminderRunner({
    ...storeReminderDependencies(runtime, connector, runtime.log),
    log: runtime.log,
    today,
  });
}

/** Listens on `port`; a busy port is a configuration error that names PORT. */
function listen(server: Server, port: number, host: string | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new ConfigError([
              `PORT: port ${port}${host ? ` on ${host}` : ''} is in use (another bot or program?). Stop it, or choose a free port, e.g. PORT=${port + 1} npm start`,
            ])
          : error,
      );
    });
    server.listen(port, host, () => resolve());
  });
}

async function startBot(
  runtime: Runtime,
  botConfig: BotConfig,
  reminderConfig: ReminderConfig,
): Promise<{ server: Server; reminders: ReminderRunner }> {
  const { versions, partners, log } = runtime;
  const today = (): string => new Date().toISOString().slice(0, 10);
  const bot = new PartnerScoreBot({
    directory: partners,
    scores: {
      current: (partnerId) => versions.currentHead(partnerId),
      findCustomers: (partnerId, versionId, buckets, typed) =>
        versions.findCustomers(partnerId, versionId, buckets, typed),
    },
    conversations: runtime.conversations,
    log,
    today,
    reminders: {
      ledger: runtime.ledger,
      alerts: {
        alertsOf: async (partnerId, versionId) => (await versions.version(partnerId, versionId))?.alerts,
      },
    },
  });
  const auth = botAuthentication(botConfig, log);
  const adapter = createAdapter(botConfig, log, auth);
  const reminders = reminderRunner(runtime, auth, botConfig, today);
  const server = createServer({
    adapter,
    bot,
    health: storeHealth(runtime, log),
    log,
    authenticated: botConfig.MicrosoftAppId !== undefined,
    reminders: {
      runner: reminders,
      auth: triggerAuthenticator({
        ...(reminderConfig.REMINDER_TRIGGER_SECRET ? { secret: reminderConfig.REMINDER_TRIGGER_SECRET } : {}),
        ...(botConfig.MicrosoftAppId && botConfig.MicrosoftAppTenantId
          ? {
              entra: {
                appId: botConfig.MicrosoftAppId,
                tenantId: botConfig.MicrosoftAppTenantId,
                allowedCallers: reminderConfig.REMINDER_TRIGGER_CALLERS,
              },
            }
          : {}),
      }),
    },
  });
  // Local mode authenticates nothing: only this machine may reach it.
  const host = botConfig.MicrosoftAppId ? undefined : '127.0.0.1';
  await listen(server, botConfig.PORT, host);
  if (!botConfig.MicrosoftAppId) {
    log.warn(
      { host },
      'No MicrosoftAppId: local mode, requests are not authenticated and only this machine can reach the bot (for the Agents Playground: npm run playground)',
    );
  }
  reminders.schedule(reminderConfig.REMINDER_RUN_INTERVAL_MINUTES);
  return { server, reminders };
}

async function main(): Promise<void> {
  const botConfig = readConfig(botConfigSchema);
  const reminderConfig = readConfig(reminderConfigSchema);
  const runtime = await openRuntime({ name: 'partner-score-bot', embedded: 'start', logTo: 'stdout' });
  let server: Server;
  let reminders: ReminderRunner;
  try {
    const { files, demo } = await seedFiles(runtime);
    await seed(runtime, files);
    if (demo) await registerDemoAdmins(runtime);
    ({ server, reminders } = await startBot(runtime, botConfig, reminderConfig));
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
    // The reminders in flight finish and are recorded; the rest is given back for the next run.
    await reminders.stop();
    await runtime.store.close();
    await stopTelemetry();
    process.exit(0);
  };
  process.once('SIGINT', (s) => void stop(s));
  process.once('SIGTERM', (s) => void stop(s));
  log.info(
    {
      store: runtime.store.mode,
      address: (server.address() as { address: string }).address,
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
