import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { openPromise } from 'yauzl';
import {
  COMMAND_LIMITS,
  fillTemplate,
  iconProblems,
  MANIFEST_SCHEMA_FILE,
  placeholderValues,
  schemaProblems,
  TEAMS_DIR,
  TeamsPackageError,
  teamsRuleProblems,
} from '../../bot/cli/packageTeams';
import { readConfig, teamsPackageConfigSchema } from '../../bot/config';
import { recognize, type IntentName } from '../../bot/conversation/intents';
import { colorIcon, outlineIcon } from '../../deployment/teams/icons';

const root = path.resolve(__dirname, '../..');
const APP_ID = '6f1c2d3e-4a5b-4c6d-8e7f-0123456789ab';
const DOMAIN = 'contoso-psb.azurewebsites.net';

/** What each command means to the bot: a command picked in Teams is sent as its title. */
const COMMAND_INTENTS: Record<string, IntentName> = {
  "What's our Security score?": 'score',
  'What are we missing?': 'gaps',
  'Plan to qualify': 'plan',
  "What's at risk?": 'atRisk',
  'Compare both paths': 'bothPaths',
  Specializations: 'specializations',
  'When do we renew?': 'renewals',
  'Show our trend': 'trend',
  'Who should take which exam?': 'certPlan',
  'Post reminders here': 'subscribe',
  'Stop reminders': 'unsubscribe',
  Help: 'help',
};

interface Command {
  title: string;
  description?: string;
}
interface Manifest {
  $schema: string;
  manifestVersion: string;
  version: string;
  id: string;
  name: { short: string; full: string };
  developer: Record<string, string>;
  accentColor: string;
  validDomains: string[];
  bots: {
    botId: string;
    scopes: string[];
    supportsFiles: boolean;
    isNotificationOnly: boolean;
    commandLists: { scopes: string[]; commands: Command[] }[];
  }[];
}

const template = JSON.parse(readFileSync(path.join(TEAMS_DIR, 'manifest.json'), 'utf8')) as unknown;
const config = readConfig(teamsPackageConfigSchema, { MicrosoftAppId: APP_ID, BOT_DOMAIN: DOMAIN });
const filled = fillTemplate(template, placeholderValues(config, '1.2.3')) as Manifest;
const copy = <T>(value: T): T => structuredClone(value);
const commands = (m: Manifest) => m.bots[0]!.commandLists.flatMap((l) => l.commands);

describe('the Teams manifest (deployment/teams/manifest.json)', () => {
  test('filled, it is valid against the schema copy of the version its $schema names', async () => {
    expect(await schemaProblems(filled)).toEqual([]);
    const schema = JSON.parse(readFileSync(MANIFEST_SCHEMA_FILE, 'utf8')) as {
      properties: { manifestVersion: { const: string } };
    };
    const version = schema.properties.manifestVersion.const;
    expect(filled.manifestVersion).toBe(version);
    expect(Number(version.split('.')[1])).toBeGreaterThanOrEqual(19);
    expect(filled.$schema).toBe(
      `https://developer.microsoft.com/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`,
    );
  });

  test('the schema check refuses what Teams refuses', async () => {
    const longName = copy(filled);
    longName.name.short = 'Partner Score Bot for Security!'; // 31 characters
    const notGuid = copy(filled);
    notGuid.id = 'partner-score-bot';
    const extra = { ...copy(filled), tabs: [] };
    const badScope = copy(filled);
    badScope.bots[0]!.scopes = ['personal', 'meeting'];
    expect(await schemaProblems(longName)).toEqual([expect.stringContaining('manifest.json/name/short')]);
    expect(await schemaProblems(notGuid)).toEqual([expect.stringContaining('manifest.json/id')]);
    expect(await schemaProblems(extra)).toEqual([expect.stringContaining('(tabs)')]);
    expect((await schemaProblems(badScope)).join('\n')).toContain('manifest.json/bots/0/scopes/1');
  });

  test('every placeholder is filled from the configuration; an unknown one is an error', () => {
    expect(JSON.stringify(filled)).not.toContain('{{');
    expect(filled).toMatchObject({
      id: APP_ID,
      version: '1.2.3',
      validDomains: [DOMAIN],
      bots: [{ botId: APP_ID }],
      developer: { name: 'Partner Score Bot', privacyUrl: expect.stringMatching(/^https:\/\//) },
    });
    expect(() => fillTemplate({ id: '{{APP_ID}}' }, placeholderValues(config, '1.2.3'))).toThrow(
      TeamsPackageError,
    );
  });

  test('one conversational bot in personal chat, teams and group chats; files (Partner Center downloads) in personal chat', () => {
    expect(filled.bots).toHaveLength(1);
    // Teams delivers dropped files to bots in personal chat only; the bot answers files elsewhere with a hint.
    expect(filled.bots[0]).toMatchObject({ supportsFiles: true, isNotificationOnly: false });
    expect([...filled.bots[0]!.scopes].sort()).toEqual(['groupChat', 'personal', 'team']);
    const listScopes = filled.bots[0]!.commandLists.flatMap((l) => l.scopes).sort();
    expect(listScopes).toEqual(['groupChat', 'personal', 'team']);
  });

  test("command lists stay within Teams' limits", () => {
    for (const list of filled.bots[0]!.commandLists) {
      expect(list.commands.length).toBeLessThanOrEqual(COMMAND_LIMITS.perList);
      for (const { title, description } of list.commands) {
        expect([title, title.length <= 32]).toEqual([title, true]);
        expect([title, (description ?? '').length > 0 && (description ?? '').length <= 128]).toEqual([
          title,
          true,
        ]);
      }
    }
    expect(teamsRuleProblems(filled)).toEqual([]);
  });

  test('every listed command is understood by the bot as the question it stands for', () => {
    const titles = [...new Set(commands(filled).map((c) => c.title))].sort();
    expect(titles).toEqual(Object.keys(COMMAND_INTENTS).sort());
    for (const title of titles)
      expect({ title, intent: recognize(title).name }).toEqual({ title, intent: COMMAND_INTENTS[title] });
    // In channels people type them too, in lower case and without the punctuation.
    for (const title of titles)
      expect({ title, intent: recognize(title.toLowerCase().replace(/[?']/g, '')).name }).toEqual({
        title,
        intent: COMMAND_INTENTS[title],
      });
  });

  test('the packaging rules refuse an unknown command, a long title and an overfull list', () => {
    const unknown = copy(filled);
    unknown.bots[0]!.commandLists[0]!.commands[0]!.title = 'order pizza';
    const long = copy(filled);
    long.bots[0]!.commandLists[0]!.commands[0]!.title = "What's our Security score right now?";
    const full = copy(filled);
    full.bots[0]!.commandLists[1]!.commands.push({ title: 'score', description: 'The score' });
    expect(teamsRuleProblems(unknown)).toEqual([expect.stringContaining('"order pizza" is not understood')]);
    expect(teamsRuleProblems(long)).toEqual([expect.stringContaining('longer than 32 characters')]);
    expect(teamsRuleProblems(full)).toEqual([expect.stringContaining('11 commands')]);
  });
});

function png(file: string): PNG {
  return PNG.sync.read(readFileSync(path.join(TEAMS_DIR, file)));
}

function pixels(image: { data: Buffer }): { r: number; g: number; b: number; a: number }[] {
  const all = [];
  for (let at = 0; at < image.data.length; at += 4)
    all.push({ r: image.data[at]!, g: image.data[at + 1]!, b: image.data[at + 2]!, a: image.data[at + 3]! });
  return all;
}

describe('the icons', () => {
  test('color.png is 192×192 and opaque, in the accent colour and white', () => {
    const color = png('color.png');
    expect([color.width, color.height]).toEqual([192, 192]);
    const all = pixels(color);
    expect(all.every((p) => p.a === 255)).toBe(true);
    const hex = (p: { r: number; g: number; b: number }) =>
      `#${[p.r, p.g, p.b].map((v) => v.toString(16).padStart(2, '0')).join('')}`.toUpperCase();
    expect(hex(all[0]!)).toBe(filled.accentColor);
    // The white shield covers a good part of the icon.
    const white = all.filter((p) => p.r === 255 && p.g === 255 && p.b === 255).length;
    expect(white / all.length).toBeGreaterThan(0.2);
  });

  test('outline.png is 32×32, white on transparent only, with anti-aliased edges', () => {
    const outline = png('outline.png');
    expect([outline.width, outline.height]).toEqual([32, 32]);
    const all = pixels(outline);
    const offending = all.filter((p) => p.a !== 0 && (p.r !== 255 || p.g !== 255 || p.b !== 255));
    expect(offending).toEqual([]);
    expect(all.filter((p) => p.a === 0).length).toBeGreaterThan(all.length / 2);
    expect(all.filter((p) => p.a === 255).length).toBeGreaterThan(60);
    expect(all.filter((p) => p.a > 0 && p.a < 255).length).toBeGreaterThan(20);
  });

  test('the committed icons are what deployment/teams/icons.ts draws', () => {
    for (const [file, raster] of [
      ['color.png', colorIcon()],
      ['outline.png', outlineIcon()],
    ] as const) {
      const image = png(file);
      expect({ file, same: Buffer.compare(image.data, raster.data) === 0 }).toEqual({ file, same: true });
    }
  });

  test('the icon check refuses a wrong size and a coloured outline', () => {
    const small = new PNG({ width: 96, height: 96 });
    expect(iconProblems('color.png', PNG.sync.write(small))).toEqual([
      'color.png: 96×96, Teams needs 192×192',
    ]);
    const blue = new PNG({ width: 32, height: 32 });
    blue.data.set([0x25, 0x57, 0xa7, 255], 0);
    expect(iconProblems('outline.png', PNG.sync.write(blue))).toEqual([
      expect.stringContaining('1 pixels are neither transparent nor white'),
    ]);
    expect(iconProblems('outline.png', readFileSync(path.join(TEAMS_DIR, 'outline.png')))).toEqual([]);
  });
});

/** Every variable the packager reads, given explicitly so that a developer's .env cannot leak in. */
const UNSET = {
  MicrosoftAppId: '',
  BOT_DOMAIN: '',
  TEAMS_APP_VERSION: '',
  TEAMS_DEVELOPER_NAME: '',
  TEAMS_WEBSITE_URL: '',
  TEAMS_PRIVACY_URL: '',
  TEAMS_TERMS_URL: '',
};

function packageTeams(env: Record<string, string>, args: string[] = []) {
  const run = spawnSync('npm', ['run', '--silent', 'package:teams', '--', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...UNSET, ...env },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

async function unzip(file: string): Promise<Map<string, Buffer>> {
  const archive = await openPromise(file);
  const entries = new Map<string, Buffer>();
  for await (const entry of archive.eachEntry()) {
    const chunks: Buffer[] = [];
    for await (const chunk of await archive.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
    entries.set(entry.fileName, Buffer.concat(chunks));
  }
  return entries;
}

describe('npm run package:teams', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'teams-package-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  test('writes the zip: the filled manifest and both icons at its root', async () => {
    const run = packageTeams(
      {
        MicrosoftAppId: APP_ID,
        BOT_DOMAIN: DOMAIN,
        TEAMS_APP_VERSION: '2.3.4',
        TEAMS_DEVELOPER_NAME: 'Contoso Security',
        TEAMS_WEBSITE_URL: 'https://contoso.example/psb',
        TEAMS_PRIVACY_URL: 'https://contoso.example/psb/privacy',
        TEAMS_TERMS_URL: 'https://contoso.example/psb/terms',
      },
      ['--out', out],
    );
    expect(run.stderr).not.toContain('warning');
    expect(run.code).toBe(0);
    const file = path.join(out, 'partner-score-bot-2.3.4.zip');
    expect(run.stdout).toContain(file);
    const entries = await unzip(file);
    expect([...entries.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8')) as Manifest;
    expect(manifest).toMatchObject({
      id: APP_ID,
      version: '2.3.4',
      validDomains: [DOMAIN],
      bots: [{ botId: APP_ID }],
      developer: {
        name: 'Contoso Security',
        websiteUrl: 'https://contoso.example/psb',
        privacyUrl: 'https://contoso.example/psb/privacy',
        termsOfUseUrl: 'https://contoso.example/psb/terms',
      },
    });
    expect(await schemaProblems(manifest)).toEqual([]);
    for (const [name, size] of [
      ['color.png', 192],
      ['outline.png', 32],
    ] as const) {
      const icon = PNG.sync.read(entries.get(name)!);
      expect([name, icon.width, icon.height]).toEqual([name, size, size]);
    }
  }, 60_000);

  test("by default: package.json's version, into deployment/teams/build, with a warning about example.com pages", async () => {
    const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      version: string;
    };
    const run = packageTeams({ MicrosoftAppId: APP_ID, BOT_DOMAIN: DOMAIN });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('TEAMS_PRIVACY_URL');
    const file = path.join(TEAMS_DIR, 'build', `partner-score-bot-${version}.zip`);
    const manifest = JSON.parse((await unzip(file)).get('manifest.json')!.toString('utf8')) as Manifest;
    expect(manifest.version).toBe(version);
  }, 60_000);

  test('without MicrosoftAppId: exit code 2, the variable named, nothing written', () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'teams-package-none-'));
    const run = packageTeams({ BOT_DOMAIN: DOMAIN }, ['--out', empty]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/MicrosoftAppId: is required/);
    expect(readdirSync(empty)).toEqual([]);
    rmSync(empty, { recursive: true, force: true });
  }, 60_000);

  test('a BOT_DOMAIN with a scheme and a version Teams refuses: exit code 2, both named', () => {
    const run = packageTeams(
      { MicrosoftAppId: APP_ID, BOT_DOMAIN: `https://${DOMAIN}/`, TEAMS_APP_VERSION: '1.0' },
      ['--out', out],
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/BOT_DOMAIN: must be a host name/);
    expect(run.stderr).toMatch(/TEAMS_APP_VERSION: must be MAJOR\.MINOR\.PATCH/);
    expect(existsSync(path.join(out, 'partner-score-bot-1.0.zip'))).toBe(false);
  }, 60_000);
});
