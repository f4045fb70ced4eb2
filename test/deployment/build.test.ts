import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import yauzl from 'yauzl';

/**
 * `npm run package:azure` (the build plus the zip) into a temporary folder, then the built bot run
 * with plain node, as App Service runs it. The production dependencies come from the npm cache.
 */

const root = path.resolve(__dirname, '../..');
const work = mkdtempSync(path.join(tmpdir(), 'build-test-'));
const app = path.join(work, 'app');
const zip = path.join(work, 'app.zip');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function zipEntries(file: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (error, zipfile) => {
      if (error) return reject(error);
      const names: string[] = [];
      zipfile.on('entry', (entry: yauzl.Entry) => {
        names.push(entry.fileName);
        zipfile.readEntry();
      });
      zipfile.on('end', () => resolve(names));
      zipfile.on('error', reject);
      zipfile.readEntry();
    });
  });
}

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'));

const jsonFiles = (dir: string): string[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();

beforeAll(() => {
  const built = spawnSync('npm', ['run', '--silent', 'package:azure', '--', '--out', app, '--zip', zip], {
    cwd: root,
    encoding: 'utf8',
  });
  if (built.status !== 0) throw new Error(`npm run package:azure failed:\n${built.stdout}\n${built.stderr}`);
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('npm run build / package:azure', () => {
  test('compiled JavaScript and the JSON files the code reads, no TypeScript, no tests', () => {
    expect(existsSync(path.join(app, 'bot/index.js'))).toBe(true);
    expect(existsSync(path.join(app, 'bot/telemetry.js'))).toBe(true);
    expect(jsonFiles(path.join(app, 'cards/templates'))).toEqual(
      jsonFiles(path.join(root, 'cards/templates')),
    );
    expect(jsonFiles(path.join(app, 'bot/demo'))).toEqual(jsonFiles(path.join(root, 'bot/demo')));
    const own = filesUnder(app).filter((f) => !f.startsWith('node_modules/'));
    expect(own.filter((f) => /\.(ts|map)$/.test(f))).toEqual([]);
    expect(own.filter((f) => f.startsWith('test/') || f.includes('playground'))).toEqual([]);
  });

  test('its package.json starts the bot with node; the operators\u2019 commands run with node too', () => {
    const pkg = JSON.parse(readFileSync(path.join(app, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
      dependencies: Record<string, string>;
    };
    const source = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as typeof pkg;
    expect(pkg.scripts.start).toBe('node bot/index.js');
    expect(Object.values(pkg.scripts).filter((s) => !s.startsWith('node '))).toEqual([]);
    for (const script of Object.values(pkg.scripts)) {
      expect(existsSync(path.join(app, script.split(' ')[1]!))).toBe(true);
    }
    expect(pkg.dependencies).toEqual(source.dependencies);
  });

  test('node_modules: the runtime dependencies, none of the development tools, no type declarations', () => {
    const source = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    for (const name of Object.keys(source.dependencies)) {
      expect({ name, installed: existsSync(path.join(app, 'node_modules', name, 'package.json')) }).toEqual({
        name,
        installed: true,
      });
    }
    for (const name of ['typescript', 'jest', 'ts-jest', 'tsx', 'eslint', 'prettier', 'typescript-eslint']) {
      expect({ name, installed: existsSync(path.join(app, 'node_modules', name)) }).toEqual({
        name,
        installed: false,
      });
    }
    const modules = filesUnder(path.join(app, 'node_modules'));
    expect(modules.filter((f) => /\.(?:[cm]?ts|map)$/.test(f))).toEqual([]);
  });

  test('the zip holds every file of the folder, with paths relative to it', async () => {
    const entries = await zipEntries(zip);
    expect(entries.sort()).toEqual(filesUnder(app).sort());
    expect(entries).toEqual(
      expect.arrayContaining(['package.json', 'bot/index.js', 'cards/templates/score.json']),
    );
    expect(entries.filter((e) => e.startsWith('/') || e.split('/').includes('..'))).toEqual([]);
  }, 60_000); // reads the whole zip: seconds on a busy machine

  test('node bot/index.js in the folder serves /healthz with the demo data', async () => {
    const port = await freePort();
    const child: ChildProcess = spawn(process.execPath, ['bot/index.js'], {
      cwd: app,
      env: {
        PATH: process.env.PATH,
        PORT: String(port),
        EMBEDDED_COSMOS_PORT: String(await freePort()),
      },
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      await new Promise<void>((resolve, reject) => {
        const logs: string[] = [];
        createInterface({ input: child.stdout! }).on('line', (line) => {
          logs.push(line);
          if ((JSON.parse(line) as { msg?: string }).msg === 'ready') resolve();
        });
        child.once('exit', (code) =>
          reject(new Error(`the built bot exited with ${code}: ${logs.join('\n')}`)),
        );
      });
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', mode: 'embedded', partnersWithData: 2 });
    } finally {
      process.kill(child.pid!, 'SIGTERM');
      await exited;
    }
  }, 60_000);
});
