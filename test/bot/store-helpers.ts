import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { readConfig, storeConfigSchema } from '../../bot/config';
import type { ImportDependencies } from '../../bot/import/importDataset';
import { createLogger } from '../../bot/log';
import { newVersionId } from '../../bot/runtime';
import { openStore, type Store } from '../../bot/store/cosmos';
import { PartnerRepository } from '../../bot/store/partners';
import { VersionRepository } from '../../bot/store/versions';
import type { PartnerDataset } from '../../scoring';
import { pulledOn } from '../scoring/builders';

/** A port the OS just gave out and that nothing listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export const silentLog = createLogger({ name: 'test', level: 'silent' });

/** An embedded Cosmos-compatible server on a free port, reached through the real SDK. */
export async function embeddedStore(
  database = `test-${Math.random().toString(36).slice(2, 8)}`,
): Promise<Store> {
  const config = readConfig(storeConfigSchema, { EMBEDDED_COSMOS_PORT: '0', COSMOS_DATABASE: database });
  return openStore(config, silentLog, { embedded: 'start' });
}

export interface Repositories {
  readonly partners: PartnerRepository;
  readonly versions: VersionRepository;
  deps(overrides?: Partial<ImportDependencies>): ImportDependencies;
}

export function repositories(store: Store): Repositories {
  const partners = new PartnerRepository(store.containers.partners, store.containers.tenants);
  const versions = new VersionRepository(store.containers.partners, store.containers.datasetChunks);
  return {
    partners,
    versions,
    deps: (overrides = {}) => ({
      partners,
      versions,
      log: silentLog,
      now: () => new Date(),
      newVersionId: () => newVersionId(),
      keepVersions: 24,
      futureToleranceDays: 1,
      ...overrides,
    }),
  };
}

const demoDir = path.resolve(__dirname, '../../bot/demo');

/** A demo dataset (parsed), optionally with another partner, rows…, or asOf (then as pulled on that day). */
export function demo(
  name: 'contoso-security' | 'northwind-cyber',
  changes: Partial<PartnerDataset> = {},
): PartnerDataset {
  const data = JSON.parse(readFileSync(path.join(demoDir, `${name}.json`), 'utf8')) as PartnerDataset;
  const changed = { ...data, ...changes };
  return changes.asOf ? pulledOn(changed, changes.asOf) : changed;
}
