import { spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import { ZipFile } from 'yazl';

/**
 * `npm run build`: the deployable folder — compiled JavaScript (no TypeScript at run time), the JSON
 * files the code reads from disk, a package.json whose `start` is `node bot/index.js`, and the
 * production dependencies installed from package-lock.json (`npm ci --omit=dev`).
 * `npm run package:azure`: the same, zipped for `az webapp deploy --type zip`.
 *
 * A deployment script, not part of the bot: it lives in deployment/ so that it is never compiled
 * into the folder it builds.
 */

const root = path.resolve(__dirname, '..');

/** Folders whose JSON files the code reads at run time (imported JSON is emitted by tsc as well). */
const RUNTIME_JSON_DIRS = ['bot/demo', 'cards/templates'];

/** Commands of the deployed folder: the bot and the operators' commands, run with node. */
const DEPLOYED_SCRIPTS = {
  start: 'node bot/index.js',
  import: 'node bot/cli/import.js',
  partners: 'node bot/cli/partners.js',
  score: 'node bot/cli/score.js',
  'rules:check': 'node bot/cli/rulesCheck.js',
};

class BuildError extends Error {
  readonly code = 'BUILD_FAILED';
}

function run(command: string, args: string[], cwd: string): void {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit' });
  if (result.status !== 0) {
    throw new BuildError(
      `${path.basename(command)} ${args.join(' ')} failed in ${cwd} (exit ${result.status})`,
    );
  }
}

interface PackageJson {
  name: string;
  version: string;
  description?: string;
  license?: string;
  engines?: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies?: Record<string, string>;
}

async function build(out: string): Promise<void> {
  await rm(out, { recursive: true, force: true });
  // tsc from this checkout, run by this node: no shell, no global install.
  run(
    process.execPath,
    [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', out],
    root,
  );
  for (const dir of RUNTIME_JSON_DIRS) {
    await mkdir(path.join(out, dir), { recursive: true });
    for (const file of (await readdir(path.join(root, dir))).filter((f) => f.endsWith('.json'))) {
      await cp(path.join(root, dir, file), path.join(out, dir, file));
    }
  }
  const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as PackageJson;
  const deployed = {
    name: pkg.name,
    version: pkg.version,
    private: true,
    description: pkg.description,
    license: pkg.license,
    engines: pkg.engines,
    scripts: DEPLOYED_SCRIPTS,
    dependencies: pkg.dependencies,
    // Listed only so that `npm ci` finds package.json and the lock file in sync; never installed.
    devDependencies: pkg.devDependencies,
  };
  await writeFile(path.join(out, 'package.json'), `${JSON.stringify(deployed, null, 2)}\n`);
  await cp(path.join(root, 'package-lock.json'), path.join(out, 'package-lock.json'));
  // From the npm cache when it has the packages (offline), else the registry. No install scripts:
  // the only native one (restify's optional dtrace-provider) is not needed.
  run(
    'npm',
    [
      'ci',
      '--omit=dev',
      '--ignore-scripts',
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
    ],
    out,
  );
  await removeTypeScriptFiles(path.join(out, 'node_modules'));
}

/**
 * Type declarations, TypeScript sources and source maps are half the size and most of the files of
 * node_modules, and nothing reads them at run time.
 */
async function removeTypeScriptFiles(dir: string): Promise<void> {
  const unused = (await readdir(dir, { recursive: true, withFileTypes: true })).filter(
    (e) => e.isFile() && /\.(?:[cm]?ts|map)$/.test(e.name),
  );
  for (const e of unused) await rm(path.join(e.parentPath, e.name));
}

/**
 * Zips the folder's files with paths relative to it (App Service unpacks them into wwwroot).
 * Symbolic links (node_modules/.bin) are left out: nothing runs them on the server.
 */
async function zipFolder(folder: string, zipPath: string): Promise<number> {
  const entries = (await readdir(folder, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => path.relative(folder, path.join(e.parentPath, e.name)))
    .sort();
  await mkdir(path.dirname(zipPath), { recursive: true });
  const zip = new ZipFile();
  for (const entry of entries) zip.addFile(path.join(folder, entry), entry.split(path.sep).join('/'));
  zip.end();
  await new Promise<void>((resolve, reject) => {
    const output = createWriteStream(zipPath);
    output.on('close', resolve).on('error', reject);
    zip.outputStream.on('error', reject).pipe(output);
  });
  return entries.length;
}

async function main(): Promise<void> {
  const options = new Command()
    .name('build')
    .description('Builds the deployable folder; with --zip, also zips it for Azure App Service zip deploy.')
    .option('--out <dir>', 'the deployable folder', 'dist')
    .option('--zip <file>', 'also write this zip of the folder')
    .parse()
    .opts<{ out: string; zip?: string }>();
  const out = path.resolve(options.out);
  await build(out);
  process.stdout.write(`Built ${path.relative(process.cwd(), out) || out}: npm start there runs the bot.\n`);
  if (options.zip) {
    const zipPath = path.resolve(options.zip);
    const files = await zipFolder(out, zipPath);
    process.stdout.write(
      `Zipped ${files} files into ${path.relative(process.cwd(), zipPath)}: ` +
        `az webapp deploy --resource-group <group> --name <web app> --type zip --src-path ${options.zip}\n`,
    );
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(
      error instanceof BuildError ? `${error.code}: ${error.message}\n` : `UNEXPECTED: ${String(error)}\n`,
    );
    process.exitCode = 1;
  });
}
