import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';

const root = path.resolve(__dirname, '../..');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', ...args], { cwd: root, env });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.on('close', (code) => resolve({ code, stdout }));
  });
}

/** Starts `npm start` (node directly, so that it can be stopped by PID) and waits for its "ready" log line. */
async function start(
  env: NodeJS.ProcessEnv,
): Promise<{ child: ChildProcess; logs: Record<string, unknown>[] }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bot/index.ts'], { cwd: root, env });
  const logs: Record<string, unknown>[] = [];
  await new Promise<void>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const entry = JSON.parse(line) as Record<string, unknown>;
      logs.push(entry);
      if (entry.msg === 'ready') resolve();
    });
    child.on('exit', (code) => reject(new Error(`npm start exited with ${code}: ${JSON.stringify(logs)}`)));
  });
  return { child, logs };
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
});
