import { spawn, type ChildProcess } from 'node:child_process';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { networkInterfaces } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { startFakeConnector } from '../reminders/fakeConnector';
import { embeddedStore, freePort } from './store-helpers';

const root = path.resolve(__dirname, '../..');

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', ...args], { cwd: root, env });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.on('close', (code) => resolve({ code, stdout }));
  });
}

/** `npm start` (node directly, so that it can be stopped by PID). */
function spawnBot(env: NodeJS.ProcessEnv): {
  child: ChildProcess;
  logs: Record<string, unknown>[];
  stderr: () => string;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bot/index.ts'], { cwd: root, env });
  const logs: Record<string, unknown>[] = [];
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  createInterface({ input: child.stdout! }).on('line', (line) => {
    logs.push(JSON.parse(line) as Record<string, unknown>);
  });
  return { child, logs, stderr: () => stderr };
}

/** Starts `npm start` and waits for its "ready" log line. */
async function start(
  env: NodeJS.ProcessEnv,
): Promise<{ child: ChildProcess; logs: Record<string, unknown>[] }> {
  const { child, logs, stderr } = spawnBot(env);
  await new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if ((JSON.parse(line) as { msg?: string }).msg === 'ready') resolve();
    });
    child.on('exit', (code) =>
      reject(new Error(`npm start exited with ${code}: ${JSON.stringify(logs)}\n${stderr()}`)),
    );
  });
  return { child, logs };
}

/** Runs `npm start` expecting it to fail: its exit code and standard error. */
async function failedStart(env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string }> {
  const { child, stderr } = spawnBot(env);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { code, stderr: stderr() };
}

/** The local-mode environment of `npm start` on free ports, with the embedded store and no demo data. */
async function localEnv(over: NodeJS.ProcessEnv = {}): Promise<NodeJS.ProcessEnv> {
  return {
    ...process.env,
    COSMOS_ENDPOINT: '',
    COSMOS_KEY: '',
    MicrosoftAppId: '',
    SEED_DATASETS: '',
    REMINDER_RUN_INTERVAL_MINUTES: '0',
    EMBEDDED_COSMOS_PORT: String(await freePort()),
    PORT: String(await freePort()),
    ...over,
  };
}

/** Holds a port on 127.0.0.1, as another program would. */
async function holdPort(): Promise<{ port: number; server: Server }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, server };
}

/**
 * A TCP relay to the store that can hang: then it accepts connections and reads requests but never
 * answers, as a store that stopped responding would.
 */
async function hangingRelay(target: number): Promise<{ url: string; hang: () => void; close: () => void }> {
  let hung = false;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(target, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => socket.destroy());
      socket.on('close', () => sockets.delete(socket));
    }
    client.on('data', (d: Buffer) => !hung && upstream.write(d));
    upstream.on('data', (d: Buffer) => !hung && client.write(d));
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hang: () => {
      hung = true;
    },
    close: () => {
      for (const socket of sockets) socket.destroy();
      server.close();
    },
  };
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    process.kill(child.pid!, 'SIGTERM');
  });
}

describe('npm start', () => {
  test('starts the embedded store, says data lives in memory, loads the demo partners; the commands attach to it', async () => {
    const port = await freePort();
    const env = {
      ...process.env,
      COSMOS_ENDPOINT: '',
      COSMOS_KEY: '',
      SEED_DATASETS: '',
      EMBEDDED_COSMOS_PORT: String(port),
      PORT: String(await freePort()),
      COSMOS_DATABASE: 'start-test',
    };
    const { child, logs } = await start(env);
    try {
      expect(logs.find((l) => l.level === 40)?.msg).toContain(
        'data lives in memory and is lost when this process exits',
      );
      const seeded = logs
        .filter((l) => l.msg === 'seeded partner dataset')
        .map((l) => [l.partnerId, l.headline, l.qualified]);
      expect(seeded).toEqual([
        ['4012345', 'smb', true],
        ['4056789', 'enterprise', false],
      ]);
      const list = await run(['partners', '--', 'list'], env);
      expect(list.code).toBe(0);
      // The Agents Playground's tenant is registered to the demo partner that qualifies.
      expect(list.stdout).toContain(
        '4012345  Contoso Security Ltd\n  tenants: 00000000-0000-0000-0000-0000000000001',
      );
    } finally {
      await stop(child);
    }
  }, 90_000);

  test('SEED_DATASETS loads those files instead of the demo data', async () => {
    const port = await freePort();
    const env = {
      ...process.env,
      COSMOS_ENDPOINT: '',
      COSMOS_KEY: '',
      EMBEDDED_COSMOS_PORT: String(port),
      PORT: String(await freePort()),
      SEED_DATASETS: 'bot/demo/northwind-cyber.json',
    };
    const { child, logs } = await start(env);
    try {
      expect(logs.filter((l) => l.msg === 'seeded partner dataset').map((l) => l.partnerId)).toEqual([
        '4056789',
      ]);
    } finally {
      await stop(child);
    }
  }, 90_000);

  test('local mode listens on 127.0.0.1 only', async () => {
    const env = await localEnv();
    const { child, logs } = await start(env);
    try {
      expect(logs.find((l) => l.msg === 'ready')).toMatchObject({
        address: '127.0.0.1',
        port: Number(env.PORT),
      });
      // This machine's other addresses (if it has one) are refused.
      const outside = Object.values(networkInterfaces())
        .flat()
        .find((i) => i && !i.internal && i.family === 'IPv4');
      if (outside) {
        const refused = await new Promise<string>((resolve) => {
          const socket = connect(Number(env.PORT), outside.address);
          socket.on('connect', () => resolve('connected'));
          socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
        });
        expect(refused).toBe('ECONNREFUSED');
      }
    } finally {
      await stop(child);
    }
  }, 60_000);

  test('local mode refuses a store on another machine at start, naming the variable and the development flag', async () => {
    // TEST-NET-3: never reached; the refusal comes before any connection.
    const result = await failedStart(
      await localEnv({ COSMOS_ENDPOINT: 'https://203.0.113.7:443/', COSMOS_KEY: 'k' }),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('COSMOS_ENDPOINT: is not on this machine but MicrosoftAppId is empty');
    expect(result.stderr).toContain('ALLOW_UNAUTHENTICATED_WITH_REMOTE_STORE=true');
  }, 30_000);

  test('a busy port: npm start names it and the variable that chooses another', async () => {
    const held = [await holdPort(), await holdPort()];
    try {
      const [bot, store] = held.map((h) => h.port) as [number, number];
      const storeBusy = await failedStart(
        await localEnv({ PORT: String(bot), EMBEDDED_COSMOS_PORT: String(store) }),
      );
      expect(storeBusy.code).toBe(1);
      expect(storeBusy.stderr).toContain(
        `Port ${store} on 127.0.0.1 (EMBEDDED_COSMOS_PORT, the embedded store) is in use`,
      );
      expect(storeBusy.stderr).toContain(`EMBEDDED_COSMOS_PORT=${store + 1} npm start`);
      const botBusy = await failedStart(await localEnv({ PORT: String(bot) }));
      expect(botBusy.code).toBe(1);
      expect(botBusy.stderr).toContain(`PORT: port ${bot} on 127.0.0.1 is in use`);
      expect(botBusy.stderr).toContain(`PORT=${bot + 1} npm start`);
    } finally {
      for (const h of held) h.server.close();
    }
  }, 60_000);

  test('a store that stops answering: /healthz says degraded within 1 s, a question gets the error card within seconds', async () => {
    const store = await embeddedStore();
    const relay = await hangingRelay(Number(new URL(store.endpoint).port));
    const connector = await startFakeConnector();
    // The relay is a store on this machine: local mode accepts it (the embedded server takes any key).
    const env = await localEnv({ COSMOS_ENDPOINT: relay.url, COSMOS_KEY: 'any', COSMOS_DATABASE: 'hung' });
    const { child } = await start(env);
    const bot = `http://127.0.0.1:${env.PORT}`;
    try {
      expect((await fetch(`${bot}/healthz`)).status).toBe(200);
      relay.hang();
      let started = performance.now();
      const health = await fetch(`${bot}/healthz`, { signal: AbortSignal.timeout(10_000) });
      const healthMs = performance.now() - started;
      expect({ status: health.status, body: await health.json() }).toEqual({
        status: 503,
        body: { status: 'degraded', store: 'unavailable', mode: 'azure-key', error: 'STORE_TIMEOUT' },
      });
      expect(healthMs).toBeLessThan(1_000);

      started = performance.now();
      const answer = await fetch(`${bot}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message',
          id: 'incoming-1',
          channelId: 'msteams',
          serviceUrl: connector.serviceUrl,
          from: { id: 'user-1', aadObjectId: 'oid-1' },
          recipient: { id: 'bot-1' },
          conversation: { id: 'conv-1', conversationType: 'personal', tenantId: 'tenant-1' },
          channelData: { tenant: { id: 'tenant-1' } },
          text: "what's our Security score?",
        }),
        signal: AbortSignal.timeout(20_000),
      });
      const replyMs = performance.now() - started;
      expect(answer.status).toBe(200);
      const card = (
        connector.accepted.at(-1)?.activity.attachments as { content: { body: { text?: string }[] } }[]
      )[0]!.content;
      expect(card.body[0]!.text).toBe('Something went wrong');
      // COSMOS_REQUEST_TIMEOUT_MS (3 s by default) and the card's round trip; the SDK's default was 60 s.
      expect(replyMs).toBeLessThan(5_000);
      process.stdout.write(
        `hung store: /healthz ${Math.round(healthMs)} ms, error card ${Math.round(replyMs)} ms\n`,
      );
    } finally {
      await stop(child);
      relay.close();
      await connector.close();
      await store.close();
    }
  }, 60_000);
});
