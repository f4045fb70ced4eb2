import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { CosmosClient, type ConnectionPolicy, type Container, type Database } from '@azure/cosmos';
import { createHttpServer } from '@vercel/cosmosdb-server';
import type { StoreConfig } from '../config';
import type { Logger } from '../log';
import { CONTAINERS, type ContainerName } from './containers';
import { guard, StoreError } from './errors';

/** The embedded server accepts any key; this one is not a secret. */
const EMBEDDED_KEY = 'embedded-store-has-no-secret';

export interface Store {
  readonly endpoint: string;
  readonly mode: 'azure-key' | 'azure-entra' | 'embedded';
  readonly database: Database;
  readonly containers: Record<ContainerName, Container>;
  /** Reads the database: proves the store answers (used by /healthz, with a deadline). */
  ping(options?: { abortSignal?: AbortSignal }): Promise<void>;
  /** Disposes the client and stops the embedded server when this process started it. */
  close(): Promise<void>;
}

export interface OpenOptions {
  /**
   * Without COSMOS_ENDPOINT: `start` runs the embedded server in this process (npm start, tests);
   * `attach` uses the one a running bot started on EMBEDDED_COSMOS_PORT (the commands).
   */
  readonly embedded: 'start' | 'attach';
}

async function startEmbeddedServer(port: number): Promise<{ server: Server; port: number }> {
  // Keep-alive: without it the server answers `Connection: close` and every SDK request opens a new
  // TCP connection. It sends no `Keep-Alive: timeout` hint, so idle connections are never closed
  // by the server (timeout 0): the SDK does not retry a write that races a server-side idle close.
  // stopServer closes them all.
  const server = createHttpServer({ keepAlive: true });
  server.keepAliveTimeout = 0;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new StoreError(
              'STORE_UNAVAILABLE',
              `Port ${port} on 127.0.0.1 (EMBEDDED_COSMOS_PORT, the embedded store) is in use (another bot already runs the embedded store?). ` +
                `Stop it, or choose a free port, e.g. EMBEDDED_COSMOS_PORT=${port + 1} npm start (the commands then need the same EMBEDDED_COSMOS_PORT).`,
            )
          : error,
      );
    });
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return { server, port: (server.address() as AddressInfo).port };
}

function stopServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

/**
 * Timeouts and retries fit for a chat answer. Endpoint discovery is off: the account has one region
 * (deployment/azure), and with discovery on, the SDK retries a read that timed out up to 120 times on
 * that same endpoint, so a hung store would hold a turn for minutes whatever the request timeout.
 */
function connectionPolicy(config: StoreConfig): ConnectionPolicy {
  return {
    enableEndpointDiscovery: false,
    requestTimeout: config.COSMOS_REQUEST_TIMEOUT_MS,
    retryOptions: { maxWaitTimeInSeconds: config.COSMOS_THROTTLE_WAIT_SECONDS },
  };
}

/**
 * Connects to Azure Cosmos DB (key or Entra ID) or to the embedded Cosmos-compatible server, through
 * the same SDK, and makes sure the database and containers exist.
 */
export async function openStore(config: StoreConfig, log: Logger, options: OpenOptions): Promise<Store> {
  let client: CosmosClient;
  let endpoint: string;
  let mode: Store['mode'];
  let server: Server | undefined;
  if (config.COSMOS_ENDPOINT) {
    endpoint = config.COSMOS_ENDPOINT;
    if (config.COSMOS_KEY) {
      mode = 'azure-key';
      // Also a local Cosmos-compatible server over plain http (another process running the embedded
      // one): endpoint discovery, off here, would have switched it to https, which it does not speak.
      client = new CosmosClient({
        endpoint,
        key: config.COSMOS_KEY,
        connectionPolicy: connectionPolicy(config),
      });
    } else {
      mode = 'azure-entra';
      const { DefaultAzureCredential } = await import('@azure/identity');
      client = new CosmosClient({
        endpoint,
        aadCredentials: new DefaultAzureCredential(),
        connectionPolicy: connectionPolicy(config),
      });
    }
  } else {
    mode = 'embedded';
    let port = config.EMBEDDED_COSMOS_PORT;
    if (options.embedded === 'start') {
      const started = await startEmbeddedServer(port);
      server = started.server;
      port = started.port;
      log.warn(
        { port },
        `No COSMOS_ENDPOINT: using the embedded Cosmos DB-compatible store on 127.0.0.1:${port} — data lives in memory and is lost when this process exits`,
      );
    }
    endpoint = `http://127.0.0.1:${port}`;
    client = new CosmosClient({
      endpoint,
      key: EMBEDDED_KEY,
      connectionPolicy: connectionPolicy(config),
    });
  }

  const close = async (): Promise<void> => {
    client.dispose();
    if (server) await stopServer(server);
  };
  try {
    const database = await prepare(client, config.COSMOS_DATABASE, mode);
    const containers = Object.fromEntries(
      (Object.keys(CONTAINERS) as ContainerName[]).map((name) => [
        name,
        database.container(CONTAINERS[name].id),
      ]),
    ) as Record<ContainerName, Container>;
    log.info({ mode, database: config.COSMOS_DATABASE }, 'store ready');
    return {
      endpoint,
      mode,
      database,
      containers,
      ping: async (pingOptions = {}) => {
        await guard('ping the store', () => database.read(pingOptions));
      },
      close,
    };
  } catch (error) {
    await close();
    if (
      mode === 'embedded' &&
      options.embedded === 'attach' &&
      error instanceof StoreError &&
      error.code === 'STORE_UNAVAILABLE'
    ) {
      throw new StoreError(
        'STORE_UNAVAILABLE',
        `No store is running on ${endpoint}. Start the bot with \`npm start\` (embedded store, data in memory), ` +
          'or set COSMOS_ENDPOINT (and COSMOS_KEY, or use a managed identity) to use Azure Cosmos DB.',
      );
    }
    throw error;
  }
}

async function prepare(client: CosmosClient, databaseId: string, mode: Store['mode']): Promise<Database> {
  if (mode === 'azure-entra') {
    // Entra data-plane roles cannot create databases or containers: the Azure template does.
    const database = client.database(databaseId);
    await guard(`read database ${databaseId}`, () => database.read());
    for (const spec of Object.values(CONTAINERS)) {
      await guard(`read container ${spec.id} (create it with deployment/azure)`, () =>
        database.container(spec.id).read(),
      );
    }
    return database;
  }
  const { database } = await guard(`create database ${databaseId}`, () =>
    client.databases.createIfNotExists({ id: databaseId }),
  );
  for (const spec of Object.values(CONTAINERS)) {
    await guard(`create container ${spec.id}`, () =>
      database.containers.createIfNotExists({ id: spec.id, partitionKey: { paths: [spec.partitionKey] } }),
    );
  }
  return database;
}
