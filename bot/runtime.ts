import { randomBytes } from 'node:crypto';
import { config as loadDotenv } from 'dotenv';
import { logConfigSchema, readConfig, storeConfigSchema, type StoreConfig } from './config';
import type { ImportDependencies } from './import/importDataset';
import { createLogger, type Logger } from './log';
import { ConversationRepository } from './store/conversations';
import { openStore, type OpenOptions, type Store } from './store/cosmos';
import { PartnerRepository } from './store/partners';
import { ReminderLedger } from './store/reminderLedger';
import { VersionRepository } from './store/versions';

/** What the entry points share: validated configuration, a logger, the store and its repositories. */
export interface Runtime {
  readonly config: StoreConfig;
  readonly log: Logger;
  readonly store: Store;
  readonly partners: PartnerRepository;
  readonly versions: VersionRepository;
  readonly conversations: ConversationRepository;
  readonly ledger: ReminderLedger;
  importDependencies(onProgress?: ImportDependencies['onProgress']): ImportDependencies;
}

/** Sortable by time, unique across processes. */
export function newVersionId(now: Date = new Date()): string {
  return `${now.getTime().toString(36).padStart(9, '0')}-${randomBytes(4).toString('hex')}`;
}

export async function openRuntime(options: {
  name: string;
  embedded: OpenOptions['embedded'];
  logTo: 'stdout' | 'stderr';
  /** Commands log warnings only unless LOG_LEVEL says otherwise: their output is for people. */
  defaultLogLevel?: 'info' | 'warn';
  env?: NodeJS.ProcessEnv;
}): Promise<Runtime> {
  if (!options.env) loadDotenv({ quiet: true });
  const env = options.env ?? process.env;
  const config = readConfig(storeConfigSchema, env);
  const level = env.LOG_LEVEL
    ? readConfig(logConfigSchema, env).LOG_LEVEL
    : (options.defaultLogLevel ?? 'info');
  const log = createLogger({ name: options.name, level, destination: options.logTo });
  const store = await openStore(config, log, { embedded: options.embedded });
  const partners = new PartnerRepository(store.containers.partners, store.containers.tenants);
  const versions = new VersionRepository(store.containers.partners, store.containers.datasetChunks);
  return {
    config,
    log,
    store,
    partners,
    versions,
    conversations: new ConversationRepository(store.containers.conversations),
    ledger: new ReminderLedger(store.containers.reminderLedger),
    importDependencies: (onProgress) => ({
      partners,
      versions,
      log,
      now: () => new Date(),
      newVersionId: () => newVersionId(),
      keepVersions: config.DATASET_VERSIONS_KEPT,
      futureToleranceDays: config.IMPORT_FUTURE_TOLERANCE_DAYS,
      ...(onProgress ? { onProgress } : {}),
    }),
  };
}

/** For the commands: the store of the running bot (or COSMOS_ENDPOINT's); warnings only, to stderr. */
export function attachRuntime(name: string): Promise<Runtime> {
  return openRuntime({ name, embedded: 'attach', logTo: 'stderr', defaultLogLevel: 'warn' });
}
