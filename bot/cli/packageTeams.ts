import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { config as loadDotenv } from 'dotenv';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { PNG } from 'pngjs';
import { ZipFile } from 'yazl';
import { z } from 'zod';
import {
  ConfigError,
  readConfig,
  TEAMS_PLACEHOLDER_URLS,
  teamsPackageConfigSchema,
  type TeamsPackageConfig,
} from '../config';
import { recognize } from '../conversation/intents';
import { command, parseArgs } from './common';
import { describeFailure } from './failure';

/**
 * `npm run package:teams [-- --out DIR]`: the Teams app package. Fills deployment/teams/manifest.json
 * from the configuration (app id, version, domain, developer pages), checks it against the manifest
 * schema kept in deployment/teams/schema/ and the Teams rules the schema does not hold, checks the
 * icons, and writes partner-score-bot-<version>.zip (manifest.json, color.png, outline.png at the
 * root). Exit code 0, 2 when the configuration or the package is invalid (nothing written), 1 otherwise.
 */

/** The folder holding deployment/teams, found upward so that this also runs compiled from dist/. */
function repositoryRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'deployment/teams/manifest.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`deployment/teams/manifest.json not found above ${from}`);
  }
}

export const TEAMS_DIR = path.join(repositoryRoot(__dirname), 'deployment/teams');
export const MANIFEST_SCHEMA_FILE = path.join(TEAMS_DIR, 'schema/MicrosoftTeams.v1.27.schema.json');
export const ICON_SIZES = { 'color.png': 192, 'outline.png': 32 } as const;
type IconFile = keyof typeof ICON_SIZES;

/** Teams' documented limits for bot command menus, tighter than the schema's. */
export const COMMAND_LIMITS = { title: 32, description: 128, perList: 10 } as const;

export class TeamsPackageError extends Error {
  readonly code = 'TEAMS_PACKAGE_INVALID';
  constructor(readonly problems: readonly string[]) {
    super(`Invalid Teams app package:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

/** The values behind the template's {{NAME}} placeholders. */
export function placeholderValues(config: TeamsPackageConfig, version: string): Record<string, string> {
  return {
    MicrosoftAppId: config.MicrosoftAppId,
    BOT_DOMAIN: config.BOT_DOMAIN,
    TEAMS_APP_VERSION: version,
    TEAMS_DEVELOPER_NAME: config.TEAMS_DEVELOPER_NAME,
    TEAMS_WEBSITE_URL: config.TEAMS_WEBSITE_URL,
    TEAMS_PRIVACY_URL: config.TEAMS_PRIVACY_URL,
    TEAMS_TERMS_URL: config.TEAMS_TERMS_URL,
  };
}

/**
 * Replaces {{NAME}} in every string of the parsed template (never in the JSON text, so a value can
 * never break the JSON). An unknown name is an error, so a typo in the template cannot ship.
 */
export function fillTemplate(template: unknown, values: Readonly<Record<string, string>>): unknown {
  const unknown = new Set<string>();
  const fill = (node: unknown): unknown => {
    if (typeof node === 'string')
      return node.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => {
        const value = values[name];
        if (value === undefined) unknown.add(name);
        return value ?? whole;
      });
    if (Array.isArray(node)) return node.map(fill);
    if (node !== null && typeof node === 'object')
      return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, fill(value)]));
    return node;
  };
  const filled = fill(template);
  if (unknown.size > 0)
    throw new TeamsPackageError([...unknown].map((name) => `manifest.json: unknown placeholder {{${name}}}`));
  return filled;
}

let validateSchema: ValidateFunction | undefined;

/** The manifest's problems against the schema copy (JSON Schema draft-04, checked offline). */
export async function schemaProblems(manifest: unknown): Promise<string[]> {
  if (!validateSchema) {
    const schema = JSON.parse(await readFile(MANIFEST_SCHEMA_FILE, 'utf8')) as object;
    // Microsoft's schema leaves `type` out beside some object and array keywords; ajv's strictTypes
    // would only log that, while every other strict check stays on.
    const ajv = new Ajv({ allErrors: true, strictTypes: false });
    addFormats(ajv);
    validateSchema = ajv.compile(schema);
  }
  if (validateSchema(manifest)) return [];
  return (validateSchema.errors ?? []).map(
    (e: ErrorObject) =>
      `manifest.json${e.instancePath || ''}: ${e.message ?? e.keyword}${e.keyword === 'additionalProperties' ? ` (${String(e.params.additionalProperty)})` : ''}`,
  );
}

const manifestCommandsSchema = z.looseObject({
  id: z.string(),
  bots: z
    .array(
      z.looseObject({
        botId: z.string(),
        commandLists: z
          .array(
            z.looseObject({
              scopes: z.array(z.string()),
              commands: z.array(z.looseObject({ title: z.string(), description: z.string().optional() })),
            }),
          )
          .default([]),
      }),
    )
    .length(1),
});

/** What Teams and this bot need beyond the schema: one bot under the app's id, short commands the bot understands. */
export function teamsRuleProblems(manifest: unknown): string[] {
  const parsed = manifestCommandsSchema.safeParse(manifest);
  if (!parsed.success)
    return parsed.error.issues.map((i) => `manifest.json/${i.path.join('/')}: ${i.message}`);
  const bot = parsed.data.bots[0]!;
  const problems: string[] = [];
  if (bot.botId !== parsed.data.id) problems.push('manifest.json/bots/0/botId: must be the app id');
  bot.commandLists.forEach((list, l) => {
    const where = `manifest.json/bots/0/commandLists/${l}`;
    if (list.commands.length > COMMAND_LIMITS.perList)
      problems.push(
        `${where}: ${list.commands.length} commands, Teams shows at most ${COMMAND_LIMITS.perList}`,
      );
    list.commands.forEach(({ title, description }, c) => {
      if (title.length > COMMAND_LIMITS.title)
        problems.push(`${where}/commands/${c}/title: longer than ${COMMAND_LIMITS.title} characters`);
      if ((description ?? '').length > COMMAND_LIMITS.description)
        problems.push(
          `${where}/commands/${c}/description: longer than ${COMMAND_LIMITS.description} characters`,
        );
      if (recognize(title).name === 'unknown')
        problems.push(`${where}/commands/${c}/title: "${title}" is not understood by the bot`);
    });
  });
  return problems;
}

/** Size of each icon, and an outline icon that is white on transparent only. */
export function iconProblems(file: IconFile, png: Buffer): string[] {
  let image: PNG;
  try {
    image = PNG.sync.read(png);
  } catch (error) {
    return [`${file}: not a readable PNG (${(error as Error).message})`];
  }
  const size = ICON_SIZES[file];
  const problems: string[] = [];
  if (image.width !== size || image.height !== size)
    problems.push(`${file}: ${image.width}×${image.height}, Teams needs ${size}×${size}`);
  if (file === 'outline.png') {
    let coloured = 0;
    for (let at = 0; at < image.data.length; at += 4) {
      const [r, g, b, a] = [image.data[at], image.data[at + 1], image.data[at + 2], image.data[at + 3]];
      if (a !== 0 && (r !== 255 || g !== 255 || b !== 255)) coloured++;
    }
    if (coloured > 0)
      problems.push(
        `${file}: ${coloured} pixels are neither transparent nor white (Teams needs white on transparent)`,
      );
  }
  return problems;
}

/** A zip of `files` at its root. Fixed timestamps: the same input always gives the same package. */
export function zip(files: ReadonlyArray<readonly [string, Buffer]>): Promise<Buffer> {
  const archive = new ZipFile();
  for (const [name, content] of files)
    archive.addBuffer(content, name, { mtime: new Date(2000, 0, 1), forceDosTimestamp: true });
  archive.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    archive.outputStream
      .on('data', (chunk: Buffer) => chunks.push(chunk))
      .on('error', reject)
      .on('end', () => resolve(Buffer.concat(chunks)));
  });
}

export interface BuiltPackage {
  readonly file: string;
  readonly manifest: Record<string, unknown>;
  readonly warnings: readonly string[];
}

/** Fills, checks and writes the package; throws a TeamsPackageError, writing nothing, when it is invalid. */
export async function buildTeamsPackage(config: TeamsPackageConfig, outDir: string): Promise<BuiltPackage> {
  const version = config.TEAMS_APP_VERSION ?? (await packageJsonVersion());
  const template = JSON.parse(await readFile(path.join(TEAMS_DIR, 'manifest.json'), 'utf8')) as unknown;
  const manifest = fillTemplate(template, placeholderValues(config, version)) as Record<string, unknown>;
  const icons = await Promise.all(
    (Object.keys(ICON_SIZES) as IconFile[]).map(
      async (name) => [name, await readFile(path.join(TEAMS_DIR, name))] as const,
    ),
  );
  const problems = [
    ...(await schemaProblems(manifest)),
    ...teamsRuleProblems(manifest),
    ...icons.flatMap(([name, png]) => iconProblems(name, png)),
  ];
  if (problems.length > 0) throw new TeamsPackageError(problems);

  const file = path.join(outDir, `partner-score-bot-${version}.zip`);
  await mkdir(outDir, { recursive: true });
  await writeFile(
    file,
    await zip([['manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`)], ...icons]),
  );
  const placeholders = (
    Object.keys(TEAMS_PLACEHOLDER_URLS) as (keyof typeof TEAMS_PLACEHOLDER_URLS)[]
  ).filter((name) => config[name] === TEAMS_PLACEHOLDER_URLS[name]);
  const warnings =
    placeholders.length > 0
      ? [
          `${placeholders.join(', ')} not set: the manifest links to example.com pages; set them before publishing.`,
        ]
      : [];
  return { file, manifest, warnings };
}

async function packageJsonVersion(): Promise<string> {
  const { version } = z
    .object({ version: z.string() })
    .parse(JSON.parse(await readFile(path.join(TEAMS_DIR, '../../package.json'), 'utf8')));
  if (!/^\d+\.\d+\.\d+$/.test(version))
    throw new TeamsPackageError([
      `package.json version ${version} is not MAJOR.MINOR.PATCH as Teams needs: set TEAMS_APP_VERSION`,
    ]);
  return version;
}

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const program = command(
    'package:teams',
    'Build the Teams app package (manifest.json, color.png, outline.png) from MicrosoftAppId and BOT_DOMAIN.',
  ).option('--out <dir>', 'folder for the zip', path.join(TEAMS_DIR, 'build'));
  const stopped = await parseArgs(program, argv);
  if (stopped !== undefined) return stopped;
  const { out } = program.opts<{ out: string }>();
  try {
    const config = readConfig(teamsPackageConfigSchema, env);
    const built = await buildTeamsPackage(config, path.resolve(out));
    for (const warning of built.warnings) process.stderr.write(`warning: ${warning}\n`);
    const shown = path.relative(process.cwd(), built.file);
    process.stdout.write(
      `${shown.startsWith('..') || path.isAbsolute(shown) ? built.file : shown}: Teams app ${config.MicrosoftAppId} version ${String(built.manifest.version)} for ${config.BOT_DOMAIN} (manifest ${String(built.manifest.manifestVersion)})\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof TeamsPackageError) {
      process.stderr.write(`${error.code}: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`${describeFailure(error)}\n`);
    return error instanceof ConfigError ? 2 : 1;
  }
}

if (require.main === module) {
  loadDotenv({ quiet: true });
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`package:teams failed: ${(error as Error).stack ?? String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
