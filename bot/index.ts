import { stopTelemetry } from './telemetry';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { formatIssues, validateDataset, type PartnerDataset } from '../scoring';
import type { Server } from 'restify';
import { CardFactory } from 'botbuilder';
import {
  botConfigSchema,
  ConfigError,
  fileImportConfigSchema,
  readConfig,
  reminderConfigSchema,
  seedConfigSchema,
  type BotConfig,
  type FileImportConfig,
  type ReminderConfig,
} from './config';
import { FileImport } from './conversation/fileImport';
import { seedDemoHistory } from './demoHistory';
import { downloadToFile, type DownloadPolicy } from './import/download';
import { importDataset } from './import/importDataset';
import { filesFromZip, readPartnerCenterFiles } from './import/partnerCenter';
import { openRuntime, type Runtime } from './runtime';
import { readJsonFile } from './cli/common';
import { describeFailure } from './cli/failure';
import { botConnector, sendWithRetries, type ProactiveConnector } from './reminders/connector';
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

/**
 * Seeds the files' datasets. The demo partners get their earlier months first (bot/demoHistory.ts),
 * side by side: each partner's months are imported in order, the partners are independent.
 */
async function seed(runtime: Runtime, files: readonly string[], demo: boolean): Promise<void> {
  const documents = await Promise.all(
    files.map(async (file) => {
      const read = await readJsonFile(file);
      if (!read.ok) throw new Error(`seed dataset ${file} ${read.reason}`);
      return { file, source: path.basename(file), document: read.document };
    }),
  );
  const invalid = (file: string, errors: Parameters<typeof formatIssues>[0], count: number): Error =>
    new Error(`seed dataset ${file} is invalid:\n${formatIssues(errors, count).join('\n')}`);
  if (demo) {
    await Promise.all(
      documents.map(async ({ file, source, document }) => {
        const validation = validateDataset(document);
        if (!validation.ok) throw invalid(file, validation.errors, validation.errorCount);
        const history = await seedDemoHistory(
          runtime.importDependencies(),
          document as PartnerDataset,
          source,
        );
        runtime.log.info({ file: source, ...history }, 'seeded demo history');
      }),
    );
  }
  for (const { file, source, document } of documents) {
    const outcome = await importDataset(runtime.importDependencies(), { document, source });
    if (!outcome.ok) throw invalid(file, outcome.errors, outcome.errorCount);
    const s = outcome.summary;
    runtime.log.info(
      {
        file: source,
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
  connector: ProactiveConnector,
  today: () => string,
): ReminderRunner {
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

/** Files dropped into the personal chat: downloaded from allowed hosts, read, imported, answered proactively. */
function fileImport(
  runtime: Runtime,
  connector: ProactiveConnector,
  botConfig: BotConfig,
  config: FileImportConfig,
  today: () => string,
): FileImport {
  const policy: DownloadPolicy = {
    hosts: config.FILE_DOWNLOAD_HOSTS,
    // Local mode only: the Agents Playground's e2e serves its files from this machine.
    allowLoopbackHttp: !botConfig.MicrosoftAppId,
    maxBytes: config.FILE_IMPORT_MAX_MB * 1024 * 1024,
    timeoutMs: config.FILE_DOWNLOAD_TIMEOUT_SECONDS * 1000,
  };
  return new FileImport({
    directory: runtime.partners,
    currentAsOf: async (partnerId) => (await runtime.versions.currentHead(partnerId))?.head.asOf,
    reader: { read: readPartnerCenterFiles, unzip: filesFromZip },
    downloader: { download: (url, target) => downloadToFile(url, target, policy) },
    importer: {
      // The sender's partner is registered already: a chat drop never changes registrations.
      import: (document, source) =>
        importDataset(runtime.importDependencies(), { document, source, register: false }),
    },
    replies: {
      send: (reference, card) =>
        sendWithRetries(connector, reference, {
          type: 'message',
          attachments: [CardFactory.adaptiveCard(card)],
        }),
    },
    policy,
    log: runtime.log,
    today,
  });
}

async function startBot(
  runtime: Runtime,
  botConfig: BotConfig,
  reminderConfig: ReminderConfig,
  fileImportConfig: FileImportConfig,
): Promise<{ server: Server; reminders: ReminderRunner; drops: FileImport }> {
  const { versions, partners, log } = runtime;
  const today = (): string => new Date().toISOString().slice(0, 10);
  const auth = botAuthentication(botConfig, log);
  const connector = botConnector(auth, botConfig.MicrosoftAppId ?? '');
  const drops = fileImport(runtime, connector, botConfig, fileImportConfig, today);
  const bot = new PartnerScoreBot({
    directory: partners,
    scores: {
      current: (partnerId) => versions.currentHead(partnerId),
      findCustomers: (partnerId, versionId, buckets, typed) =>
        versions.findCustomers(partnerId, versionId, buckets, typed),
      allCustomers: (partnerId, versionId, buckets) => versions.allCustomers(partnerId, versionId, buckets),
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
    fileDrops: drops,
  });
  const adapter = createAdapter(botConfig, log, auth);
  const reminders = reminderRunner(runtime, connector, today);
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
  return { server, reminders, drops };
}

async function main(): Promise<void> {
  const botConfig = readConfig(botConfigSchema);
  const reminderConfig = readConfig(reminderConfigSchema);
  const fileImportConfig = readConfig(fileImportConfigSchema);
  const runtime = await openRuntime({ name: 'partner-score-bot', embedded: 'start', logTo: 'stdout' });
  let server: Server;
  let reminders: ReminderRunner;
  let drops: FileImport;
  try {
    const { files, demo } = await seedFiles(runtime);
    await seed(runtime, files, demo);
    if (demo) await registerDemoAdmins(runtime);
    ({ server, reminders, drops } = await startBot(runtime, botConfig, reminderConfig, fileImportConfig));
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
    // Imports in flight finish (each one's summary is sent) before the store closes.
    await drops.idle();
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
