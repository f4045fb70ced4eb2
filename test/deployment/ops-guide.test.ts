import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parse as parseShell } from 'shell-quote';
import { openPromise } from 'yauzl';
import { main as importMain } from '../../bot/cli/import';
import { main as partnersMain } from '../../bot/cli/partners';
import {
  botConfigSchema,
  fileImportConfigSchema,
  logConfigSchema,
  reminderConfigSchema,
  seedConfigSchema,
  storeConfigSchema,
  teamsPackageConfigSchema,
} from '../../bot/config';

/**
 * Keeps the operations guide (deployment/README.md) honest: every command in its `sh` blocks is
 * checked against what exists — npm scripts, repository paths, the configuration the code reads,
 * the Azure template's parameters and outputs, a list of real `az` commands and their options — and
 * what this machine can run without Azure is run as written: the Teams package, the partner
 * registration and the import against a locally started bot's store, its health check and the
 * reminder trigger.
 */

const root = path.resolve(__dirname, '../..');
const guide = readFileSync(path.join(root, 'deployment/README.md'), 'utf8');
const readJson = (file: string): unknown => JSON.parse(readFileSync(path.join(root, file), 'utf8'));

interface TemplateParameter {
  type: string;
  allowedValues?: unknown[];
}
const template = readJson('deployment/azure/azuredeploy.json') as {
  parameters: Record<string, TemplateParameter>;
  variables: Record<string, unknown>;
  outputs: Record<string, unknown>;
};
const templateText = readFileSync(path.join(root, 'deployment/azure/azuredeploy.json'), 'utf8');
const scripts = (readJson('package.json') as { scripts: Record<string, string> }).scripts;

// --- The guide, taken apart -------------------------------------------------------------------

const blocks = [...guide.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => ({
  lang: m[1]!,
  text: m[2]!,
}));
const shText = blocks
  .filter((b) => b.lang === 'sh')
  .map((b) => b.text)
  .join('\n');
const prose = guide.replace(/^```[\s\S]*?^```$/gm, '');
const inlineCode = [...prose.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]!);

/** One simple command: its words, with `$(…)` substitutions taken out as commands of their own. */
type Words = string[];

/** Shell operators a command may use; a `<` or `>` would be a placeholder or a redirection to a file. */
const ALLOWED_OPERATORS = new Set(['(', ')', '|', '||', '&&', ';']);

/**
 * Splits one command line (continuations already joined) into simple commands. Variables are kept
 * as `$NAME` unless `env` gives a value. `NAME=$(…)` leaves `NAME=` in the outer command.
 */
function simpleCommands(line: string, env: (name: string) => string = (name) => `$${name}`): Words[] {
  const done: Words[] = [];
  const stack: Words[] = [[]];
  for (const entry of parseShell(line, env)) {
    const current = stack[stack.length - 1]!;
    if (typeof entry === 'string') {
      current.push(entry);
    } else if ('comment' in entry) {
      continue;
    } else if ('pattern' in entry) {
      current.push(entry.pattern);
    } else if (!ALLOWED_OPERATORS.has(entry.op)) {
      throw new Error(`operator ${entry.op} in \`${line}\`: no redirections or <placeholders> in sh blocks`);
    } else if (entry.op === '(') {
      const outer = current[current.length - 1];
      if (outer?.endsWith('$')) current[current.length - 1] = outer.slice(0, -1);
      stack.push([]);
    } else if (entry.op === ')') {
      done.push(stack.pop()!);
    } else {
      done.push(current.splice(0));
    }
  }
  done.push(...stack.reverse());
  return done.filter((words) => words.length > 0);
}

/** The command lines of the sh blocks: continuations joined, blank and comment-only lines dropped. */
const commandLines = shText
  .replace(/\\\n\s*/g, ' ')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l !== '' && !l.startsWith('#'));
const commands: Words[] = commandLines.flatMap((l) => simpleCommands(l));

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s;

/** A command's leading NAME=value words (its environment) and the rest. */
function splitAssignments(words: Words): { assignments: [string, string][]; rest: Words } {
  const assignments: [string, string][] = [];
  let i = 0;
  for (; i < words.length; i++) {
    const m = ASSIGNMENT.exec(words[i]!);
    if (!m) break;
    assignments.push([m[1]!, m[2]!]);
  }
  return { assignments, rest: words.slice(i) };
}

/** Variables the guide sets for later lines of the shell (plain `NAME=…` lines). */
const shellVariables = new Set(
  commands.flatMap((w) => {
    const { assignments, rest } = splitAssignments(w);
    return rest.length === 0 ? assignments.map(([name]) => name) : [];
  }),
);

/** Variables handed to a process: `export NAME=…`, `NAME=… command`, `--settings NAME=…`. */
const environmentAssignments: string[] = commands.flatMap((w) => {
  const { assignments, rest } = splitAssignments(w);
  const names = rest.length > 0 ? assignments.map(([name]) => name) : [];
  if (rest[0] === 'export') names.push(...rest.slice(1).map((x) => x.split('=')[0]!));
  const settings = rest.indexOf('--settings');
  if (settings >= 0) {
    const next = rest.findIndex((x, i) => i > settings && x.startsWith('--'));
    names.push(...rest.slice(settings + 1, next < 0 ? undefined : next).map((x) => x.split('=')[0]!));
  }
  return names;
});

// --- What the code reads ----------------------------------------------------------------------

const CONFIG_VARIABLES = new Set(
  [
    storeConfigSchema,
    logConfigSchema,
    seedConfigSchema,
    botConfigSchema,
    reminderConfigSchema,
    fileImportConfigSchema,
    teamsPackageConfigSchema,
  ].flatMap((s) => Object.keys(s.shape)),
);

/** Variables read by the SDKs and the platform rather than by bot/config.ts, each with its reader. */
const PLATFORM_VARIABLES: Record<string, string> = {
  AZURE_CLIENT_ID: "@azure/identity's DefaultAzureCredential: which managed identity to use",
  AZURE_TENANT_ID: "@azure/identity's DefaultAzureCredential (and azure/login in GitHub Actions)",
  AZURE_LOG_LEVEL: 'bot/telemetry.ts and @azure/logger: the Azure SDKs log only when it is set',
  OTEL_TRACES_SAMPLER: "the OpenTelemetry distro's sampler",
  OTEL_TRACES_SAMPLER_ARG: "the OpenTelemetry distro's sampler argument",
};

const sourceFiles = (dir: string): string[] =>
  readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
const botSource = sourceFiles('bot')
  .map((f) => readFileSync(path.join(root, f), 'utf8'))
  .join('\n');

/** GitHub Actions variables and secrets the guide's workflow uses (`vars.NAME`), set by the admin. */
const githubVariables = new Set(
  blocks
    .filter((b) => b.lang === 'yaml')
    .flatMap((b) => [...b.text.matchAll(/\b(?:vars|secrets)\.([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!)),
);

// --- Azure CLI: the commands and options the guide may use ------------------------------------

/**
 * Real `az` commands with the long options the guide uses, checked against `az <command> --help`
 * of Azure CLI 2.45 (Debian's azure-cli package; `keyvault secret set`, which that package cannot load,
 * against Microsoft's CLI reference); a typo in a command or an option fails here.
 */
const AZ_COMMANDS: Record<string, readonly string[]> = {
  version: [],
  upgrade: [],
  login: ['--tenant', '--identity', '--username', '--use-device-code', '--allow-no-subscriptions'],
  'account set': ['--subscription'],
  'account show': [],
  'provider register': ['--namespace', '--wait'],
  'group create': ['--name', '--location', '--tags'],
  'ad app create': ['--display-name', '--sign-in-audience'],
  'ad app list': ['--display-name', '--app-id'],
  'ad app show': ['--id'],
  'ad app update': ['--id', '--identifier-uris'],
  'ad app credential reset': ['--id', '--append', '--display-name', '--years', '--end-date'],
  'ad app credential list': ['--id'],
  'ad app credential delete': ['--id', '--key-id'],
  'ad sp create': ['--id'],
  'ad user show': ['--id'],
  'ad group show': ['--group'],
  'ad signed-in-user show': [],
  'deployment group create': ['--resource-group', '--name', '--template-file', '--parameters', '--what-if'],
  'deployment group what-if': ['--resource-group', '--name', '--template-file', '--parameters'],
  'deployment group show': ['--resource-group', '--name'],
  'webapp show': ['--resource-group', '--name'],
  'webapp list-runtimes': ['--os-type'],
  'webapp deploy': ['--resource-group', '--name', '--type', '--src-path', '--restart'],
  'webapp restart': ['--resource-group', '--name'],
  'webapp config appsettings list': ['--resource-group', '--name'],
  'webapp config appsettings set': ['--resource-group', '--name', '--settings'],
  'webapp config appsettings delete': ['--resource-group', '--name', '--setting-names'],
  'webapp log config': ['--resource-group', '--name', '--docker-container-logging'],
  'webapp log tail': ['--resource-group', '--name'],
  'appservice plan show': ['--resource-group', '--name'],
  'appservice plan update': ['--resource-group', '--name', '--number-of-workers', '--sku'],
  'identity create': ['--resource-group', '--name', '--location'],
  'identity show': ['--resource-group', '--name'],
  'identity federated-credential create': [
    '--resource-group',
    '--identity-name',
    '--name',
    '--issuer',
    '--subject',
    '--audiences',
  ],
  'cosmosdb list': ['--resource-group'],
  'cosmosdb show': ['--resource-group', '--name'],
  'cosmosdb restore': [
    '--resource-group',
    '--account-name',
    '--target-database-account-name',
    '--location',
    '--restore-timestamp',
    '--databases-to-restore',
  ],
  'cosmosdb sql role assignment create': [
    '--resource-group',
    '--account-name',
    '--role-definition-id',
    '--scope',
    '--principal-id',
  ],
  'resource update': ['--resource-group', '--name', '--resource-type', '--set'],
  'keyvault create': ['--resource-group', '--name', '--location', '--enabled-for-template-deployment'],
  'keyvault secret set': ['--vault-name', '--name', '--value'],
};
const AZ_GLOBAL_OPTIONS = ['--output', '--query', '--subscription', '--only-show-errors', '--verbose'];

/** The command path (`webapp config appsettings set`) and the long options of an `az` command. */
function azCommand(words: Words): { path: string; options: string[]; shortOptions: string[] } {
  const pathWords: string[] = [];
  let i = 1;
  for (; i < words.length && !words[i]!.startsWith('-') && words[i] !== '…'; i++) pathWords.push(words[i]!);
  const flags = words.slice(i).filter((w) => /^-{1,2}[a-z]/.test(w));
  return {
    path: pathWords.join(' '),
    options: flags.filter((w) => w.startsWith('--')).map((w) => w.split('=')[0]!),
    shortOptions: flags.filter((w) => !w.startsWith('--')),
  };
}

// --- Running commands as written ---------------------------------------------------------------

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The first command of the guide that starts with `prefix` (after its environment assignments). */
function guideCommand(prefix: string, values: Record<string, string>): Words {
  const matching = commandLines
    .flatMap((l) => simpleCommands(l, (name) => values[name] ?? `$${name}`))
    .filter((w) => splitAssignments(w).rest.join(' ').startsWith(prefix));
  expect(matching.length).toBeGreaterThanOrEqual(1);
  return matching[0]!;
}

function run(
  words: Words,
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { assignments, rest } = splitAssignments(words);
  return new Promise((resolve) => {
    const child = spawn(rest[0]!, rest.slice(1), {
      cwd: root,
      env: { ...env, ...Object.fromEntries(assignments) },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The npm scripts run in this process (their `main`), to keep the test fast; the script must be that file. */
const IN_PROCESS: Record<string, { file: string; main: (argv: readonly string[]) => Promise<number> }> = {
  import: { file: 'bot/cli/import.ts', main: importMain },
  partners: { file: 'bot/cli/partners.ts', main: partnersMain },
};

/** `npm run X -- args` in this process, with `env`'s store settings; its exit code and standard output. */
async function runInProcess(words: Words, env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string }> {
  const { rest } = splitAssignments(words);
  expect(rest.slice(0, 2)).toEqual(['npm', 'run']);
  const script = IN_PROCESS[rest[2]!]!;
  expect(scripts[rest[2]!]).toBe(`tsx ${script.file}`);
  const args = rest.slice(3);
  if (args[0] === '--') args.shift();
  // The store settings of `env`, and the commands' own log level (warnings only), for this call.
  const keys = ['COSMOS_ENDPOINT', 'COSMOS_KEY', 'EMBEDDED_COSMOS_PORT', 'LOG_LEVEL'] as const;
  const saved = keys.map((key) => [key, process.env[key]] as const);
  const setEnv = (key: string, value: string | undefined) => {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  };
  for (const key of keys) setEnv(key, key === 'LOG_LEVEL' ? undefined : env[key]);
  let stdout = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    return { code: await script.main(args), stdout };
  } finally {
    out.mockRestore();
    err.mockRestore();
    for (const [key, value] of saved) setEnv(key, value);
  }
}

/** `curl` as the guide writes it (--fail, --request, --header), sent with fetch. */
async function curl(words: Words): Promise<{ status: number; body: unknown }> {
  expect(words[0]).toBe('curl');
  let method = 'GET';
  const headers: Record<string, string> = {};
  let url: string | undefined;
  let fail = false;
  for (let i = 1; i < words.length; i++) {
    const word = words[i]!;
    if (word === '--request') method = words[++i]!;
    else if (word === '--header') {
      const [name, ...value] = words[++i]!.split(':');
      headers[name!.trim()] = value.join(':').trim();
    } else if (word === '--fail') fail = true;
    else if (word === '--silent' || word === '--show-error') continue;
    else if (word.startsWith('-')) throw new Error(`curl option ${word} is not understood by this test`);
    else url = word;
  }
  const response = await fetch(url!, { method, headers });
  const body = (await response.json()) as unknown;
  if (fail && response.status >= 400)
    throw new Error(`curl --fail: ${response.status} ${JSON.stringify(body)}`);
  return { status: response.status, body };
}

// --- The checks --------------------------------------------------------------------------------

describe('the operations guide (deployment/README.md): what it names exists', () => {
  test('it has sh blocks with commands, and no placeholder or redirection in them', () => {
    expect(commands.length).toBeGreaterThan(40);
    expect(commandLines.filter((l) => /<[a-z-]+>/.test(l))).toEqual([]);
  });

  test('every numbered step says whether it runs locally or needs Azure or Teams', () => {
    const steps = [...guide.matchAll(/^## (\d+)\. (.+)$/gm)];
    expect(steps.map((m) => Number(m[1]))).toEqual(steps.map((_, i) => i));
    for (const [, number, title] of steps)
      expect([number, title]).toEqual([
        number,
        expect.stringMatching(/runs locally|needs Azure|needs Teams admin/),
      ]);
  });

  test('every `npm run X` names a script of package.json', () => {
    const named = [...guide.matchAll(/npm run (?:--silent )?([\w:.-]+)/g)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThan(10);
    expect(named.filter((name) => !(name in scripts))).toEqual([]);
  });

  test('every repository path it mentions exists (outputs of the commands apart)', () => {
    const GENERATED = ['deployment/teams/build/'];
    const candidates = [...inlineCode.flatMap((c) => c.split(/\s+/)), ...commands.flat()]
      .map((token) => token.replace(/^["'(]+|["'),.;:]+$/g, ''))
      .filter((token) =>
        /^(?:(?:bot|cards|scoring|deployment|test|\.ci)\/|(?:README\.md|package\.json|\.env\.example)$)/.test(
          token,
        ),
      )
      .map((token) => token.split(/[<…*]/)[0]!)
      // `node bot/index.js` runs in the built folder: the compiled form of a source file.
      .map((token) => token.replace(/^((?:bot|cards|scoring)\/.*)\.js$/, '$1.ts'));
    expect(candidates).toEqual(
      expect.arrayContaining(['deployment/azure/azuredeploy.json', 'scoring/dataset.ts']),
    );
    const missing = candidates.filter(
      (p) => !GENERATED.some((g) => p.startsWith(g)) && !existsSync(path.join(root, p)),
    );
    expect(missing).toEqual([]);
  });

  test('every environment variable it hands to a process is one the code (or an SDK it uses) reads', () => {
    expect(environmentAssignments).toEqual(
      expect.arrayContaining(['COSMOS_ENDPOINT', 'MicrosoftAppId', 'BOT_DOMAIN', 'REMINDER_TRIGGER_SECRET']),
    );
    const known = (name: string) => CONFIG_VARIABLES.has(name) || name in PLATFORM_VARIABLES;
    expect(environmentAssignments.filter((name) => !known(name))).toEqual([]);
  });

  test('every variable a command uses is set earlier in the guide or read by the code', () => {
    const used = [...shText.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!);
    const setEarlier = (name: string) =>
      shellVariables.has(name) || CONFIG_VARIABLES.has(name) || environmentAssignments.includes(name);
    expect(used.filter((name) => !setEarlier(name))).toEqual([]);
  });

  test('every variable-like NAME in the text is a setting, a shell variable of the guide or an error code the code gives', () => {
    const names = [...guide.matchAll(/\b(?:[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|MicrosoftApp[A-Za-z]*)\b/g)].map(
      (m) => m[0],
    );
    const unknown = names.filter(
      (name) =>
        !CONFIG_VARIABLES.has(name) &&
        !(name in PLATFORM_VARIABLES) &&
        !shellVariables.has(name) &&
        !githubVariables.has(name) &&
        !botSource.includes(`'${name}'`),
    );
    expect(unknown).toEqual([]);
    // Each platform variable listed here is really read where it says (the code's own, at least).
    expect(botSource).toContain('AZURE_LOG_LEVEL');
  });

  test('every template parameter and output it names exists in azuredeploy.json', () => {
    const parameters = new Set(Object.keys(template.parameters));
    const outputs = new Set(Object.keys(template.outputs));
    // On the command line: --parameters name=value …
    const fromCommands = [
      ...commands,
      ...inlineCode
        .filter((c) => c.startsWith('--parameters'))
        .map((c) => ['az', ...simpleCommands(c).flat()]),
    ].flatMap((words) => {
      const names: string[] = [];
      let inParameters = false;
      for (const word of words) {
        if (word.startsWith('--')) inParameters = word === '--parameters';
        else if (inParameters && !word.startsWith('@')) names.push(word.split('=')[0]!);
      }
      return names;
    });
    expect(fromCommands).toEqual(expect.arrayContaining(['reminderTriggerSecret', 'microsoftAppPassword']));
    expect(fromCommands.filter((name) => !parameters.has(name))).toEqual([]);

    const fromQueries = [...guide.matchAll(/properties\.outputs\.(\w+)/g)].map((m) => m[1]!);
    expect(fromQueries.length).toBeGreaterThanOrEqual(4);
    expect(fromQueries.filter((name) => !outputs.has(name))).toEqual([]);

    // In the text: "parameter `x`", "parameters `x` and `y`", "the `z` output".
    const named = (word: string) => [
      ...[
        ...prose.matchAll(
          new RegExp(`\\b${word}s?\\s+((?:\`\\w+\`(?:,\\s*|\\s+and\\s+|\\s+or\\s+)?)+)`, 'g'),
        ),
      ].flatMap((m) => [...m[1]!.matchAll(/`(\w+)`/g)].map((n) => n[1]!)),
      ...[...prose.matchAll(new RegExp(`\`(\\w+)\` ${word}\\b`, 'g'))].map((m) => m[1]!),
    ];
    expect(named('parameter').filter((name) => !parameters.has(name))).toEqual([]);
    expect(named('output').filter((name) => !outputs.has(name))).toEqual([]);
    expect(named('parameter').length + named('output').length).toBeGreaterThan(3);

    // The outputs table lists exactly the template's outputs.
    const table = /^\| output +\|[^\n]*\n\|[-| ]+\|\n((?:\|[^\n]*\n)+)/m.exec(guide);
    expect(table).not.toBeNull();
    const rows = [...table![1]!.matchAll(/^\| `(\w+)`/gm)].map((m) => m[1]!);
    expect(rows.sort()).toEqual([...outputs].sort());

    // Any other camelCase name in backticks is a parameter, an output, or appears in the template or the code.
    const ELSEWHERE = new Set(['customDimensions', 'severityLevel', 'signInAudience', 'keyId']);
    const camel = inlineCode.filter((c) => /^[a-z]+[A-Z]\w*$/.test(c));
    expect(
      camel.filter(
        (name) =>
          !parameters.has(name) &&
          !outputs.has(name) &&
          !templateText.includes(`"${name}"`) &&
          !botSource.includes(name) &&
          !ELSEWHERE.has(name),
      ),
    ).toEqual([]);
  });

  test('its parameters files have only template parameters, valid values, and no secret values', () => {
    const files = blocks
      .filter((b) => b.lang === 'json')
      .map(
        (b) => JSON.parse(b.text) as { parameters: Record<string, { value?: unknown; reference?: unknown }> },
      );
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const file of files) {
      for (const [name, entry] of Object.entries(file.parameters)) {
        const declared = template.parameters[name];
        expect([name, declared !== undefined]).toEqual([name, true]);
        if (declared!.type === 'securestring') {
          // A secure parameter comes from the command line or as a Key Vault reference, never as a value.
          expect([name, 'value' in entry, 'reference' in entry]).toEqual([name, false, true]);
          continue;
        }
        const value = entry.value;
        const type = Array.isArray(value) ? 'array' : typeof value === 'number' ? 'int' : typeof value;
        expect([name, type]).toEqual([name, declared!.type]);
        if (declared!.allowedValues) expect(declared!.allowedValues).toContain(value);
      }
    }
    // The example file in the repository is the guide's starting point and holds no secret either.
    const example = readJson('deployment/azure/azuredeploy.parameters.example.json') as {
      parameters: Record<string, unknown>;
    };
    const secure = Object.keys(template.parameters).filter(
      (n) => template.parameters[n]!.type === 'securestring',
    );
    expect(secure.length).toBeGreaterThan(0);
    expect(Object.keys(example.parameters).filter((n) => secure.includes(n))).toEqual([]);
  });

  test('secrets reach Azure only from shell variables, and the generated trigger secret is one the bot accepts', () => {
    const SECRET_NAMES = [
      'reminderTriggerSecret',
      'microsoftAppPassword',
      'MicrosoftAppPassword',
      'REMINDER_TRIGGER_SECRET',
    ];
    const given = [...guide.matchAll(new RegExp(`\\b(${SECRET_NAMES.join('|')})=(\\S*)`, 'g'))];
    expect(given.length).toBeGreaterThanOrEqual(4);
    for (const [, name, value] of given)
      expect([name, value]).toEqual([name, expect.stringMatching(/^"?\$|^…/)]);
    const generators = [...guide.matchAll(/openssl rand -hex (\d+)/g)].map((m) => Number(m[1]));
    expect(generators.length).toBeGreaterThanOrEqual(2);
    for (const bytes of generators)
      expect(
        reminderConfigSchema.safeParse({ REMINDER_TRIGGER_SECRET: randomBytes(bytes).toString('hex') })
          .success,
      ).toBe(true);
  });

  test('every az command and option is a real one (long options only, so each can be looked up)', () => {
    const azCommands = [
      ...commands.filter((w) => w[0] === 'az'),
      ...inlineCode.filter((c) => c.startsWith('az ')).map((c) => simpleCommands(c)[0]!),
    ].map(azCommand);
    expect(azCommands.length).toBeGreaterThan(40);
    const problems: string[] = [];
    for (const { path: command, options, shortOptions } of azCommands) {
      const allowed = AZ_COMMANDS[command];
      if (!allowed) {
        // An inline mention may name a group (`az webapp …`) or just the tool (`az …`).
        if (command !== '' && !Object.keys(AZ_COMMANDS).some((c) => c.startsWith(`${command} `)))
          problems.push(`az ${command}: not a known command`);
        continue;
      }
      for (const option of options)
        if (!allowed.includes(option) && !AZ_GLOBAL_OPTIONS.includes(option))
          problems.push(`az ${command} ${option}: not a known option`);
      for (const option of shortOptions) problems.push(`az ${command} ${option}: use the long option`);
    }
    expect(problems).toEqual([]);
  });

  test("the resource names it uses are the template's (baseName psbot) or ones it creates itself", () => {
    const baseName = (template.parameters.baseName as TemplateParameter & { defaultValue: string })
      .defaultValue;
    const formats = [...JSON.stringify(template.variables).matchAll(/\{0\}-([a-z]+)(-\{1\})?/g)].map((m) => ({
      segment: m[1]!,
      suffixed: m[2] !== undefined,
    }));
    const createdByGuide = commands
      .filter((w) => w[0] === 'az' && w.includes('create'))
      .flatMap((w) => w.filter((_, i) => w[i - 1] === '--name'));
    const used = [...guide.matchAll(new RegExp(`\\b${baseName}-([a-z]+)(-[a-z0-9]+)?\\b`, 'g'))];
    expect(used.length).toBeGreaterThan(3);
    for (const [name, segment, suffix] of used) {
      const known =
        createdByGuide.includes(name) ||
        formats.some((f) => f.segment === segment && f.suffixed === (suffix !== undefined));
      expect([name, known]).toEqual([name, true]);
    }
  });

  test('the Agents SDK section lists exactly the files that import the Bot Framework SDK, all in bot/', () => {
    const importing = ['bot', 'cards', 'scoring', 'deployment']
      .flatMap(sourceFiles)
      .filter((f) =>
        /from '(?:botbuilder|botframework-[\w-]+)'/.test(readFileSync(path.join(root, f), 'utf8')),
      )
      .sort();
    const section = /^## 13\.[\s\S]*?(?=^## )/m.exec(guide)![0];
    const table = section.split('Unchanged:')[0]!;
    const listed = [...new Set([...table.matchAll(/`(bot\/[\w/]+\.ts)`/g)].map((m) => m[1]!))].sort();
    expect(listed).toEqual(importing);
    expect(importing.every((f) => f.startsWith('bot/'))).toBe(true);
  });
});

describe('the operations guide: what runs on this machine, run as written', () => {
  const APP_ID = '6f1c2d3e-4a5b-4c6d-8e7f-0123456789ab';
  const secret = randomBytes(32).toString('hex');
  const out = mkdtempSync(path.join(tmpdir(), 'ops-guide-'));
  let bot: ChildProcess | undefined;
  let botUrl = '';
  let env: NodeJS.ProcessEnv = {};
  /** What the Azure steps would have put in the shell variables, as local stand-ins. */
  let values: Record<string, string> = {};
  /** `npm run package:teams` as written, started while the bot starts. */
  let packaged: ReturnType<typeof run>;

  beforeAll(async () => {
    const [port, storePort] = await Promise.all([freePort(), freePort()]);
    botUrl = `http://127.0.0.1:${port}`;
    env = {
      ...process.env,
      COSMOS_ENDPOINT: '',
      COSMOS_KEY: '',
      EMBEDDED_COSMOS_PORT: String(storePort),
      PORT: String(port),
      // The store starts with another partner only, so the guide's registration is the first of its own.
      SEED_DATASETS: 'bot/demo/northwind-cyber.json',
      REMINDER_RUN_INTERVAL_MINUTES: '0',
      REMINDER_TRIGGER_SECRET: secret,
      MicrosoftAppId: '',
      APPLICATIONINSIGHTS_CONNECTION_STRING: '',
    };
    // The commands' own default (warnings only), as on an admin's machine.
    delete env.LOG_LEVEL;
    values = {
      APP_ID,
      // The local bot speaks plain http: `https://$BOT_HOST` becomes its address below.
      BOT_HOST: 'contoso-psb.azurewebsites.net',
      REMINDER_RUN_URL: `${botUrl}/api/reminders/run`,
      REMINDER_TRIGGER_SECRET: secret,
      PARTNER_TENANT: '11111111-2222-4333-8444-555555555555',
      ADMIN: '99999999-8888-4777-8666-555555555555',
      DATASET: 'bot/demo/contoso-security.json',
    };
    // The guide's own literal assignments (PARTNER_ID=…) are used as they are.
    for (const words of commands) {
      const { assignments, rest } = splitAssignments(words);
      for (const [name, value] of assignments)
        if (rest.length === 0 && !value.includes('$') && value !== '' && !(name in values))
          values[name] = value;
    }
    packaged = run([...guideCommand('npm run package:teams', values), '--', '--out', out], {
      ...process.env,
      TEAMS_APP_VERSION: '',
    });
    const child = spawn(process.execPath, ['--import', 'tsx', 'bot/index.ts'], { cwd: root, env });
    bot = child;
    await new Promise<void>((resolve, reject) => {
      const lines: string[] = [];
      createInterface({ input: child.stdout }).on('line', (line) => {
        lines.push(line);
        if ((JSON.parse(line) as { msg?: string }).msg === 'ready') resolve();
      });
      child.on('exit', (code) => reject(new Error(`the bot exited with ${code}:\n${lines.join('\n')}`)));
    });
  }, 30_000);

  afterAll(async () => {
    if (bot && bot.exitCode === null) {
      const exited = new Promise((resolve) => bot!.once('exit', resolve));
      bot.kill('SIGTERM');
      await exited;
    }
    rmSync(out, { recursive: true, force: true });
  });

  test('step 5: npm run package:teams with the example values writes the package the guide names', async () => {
    const result = await packaged;
    expect(result.stderr).not.toContain('warning');
    expect(result.code).toBe(0);
    const named = /`deployment\/teams\/build\/(partner-score-bot-[\d.]+\.zip)`/.exec(guide)![1]!;
    const archive = await openPromise(path.join(out, named));
    const entries: string[] = [];
    let manifest = '';
    for await (const entry of archive.eachEntry()) {
      entries.push(entry.fileName);
      if (entry.fileName === 'manifest.json')
        for await (const chunk of await archive.openReadStreamPromise(entry)) manifest += String(chunk);
    }
    expect(entries.sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    expect(JSON.parse(manifest)).toMatchObject({
      id: APP_ID,
      validDomains: ['contoso-psb.azurewebsites.net'],
      developer: { name: 'Contoso Security' },
    });
  }, 30_000);

  test('steps 6 and 7: register the partner, list it, import its data — against the store', async () => {
    const register = guideCommand('npm run partners -- register', values);
    const registered = await runInProcess(register, env);
    expect(registered.code).toBe(0);
    expect(registered.stdout).toContain(`Registered ${values.PARTNER_ID} Contoso Security Ltd`);

    const imported = await runInProcess(guideCommand('npm run import --', values), env);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain(`partner ${values.PARTNER_ID} Contoso Security Ltd`);

    const listed = await runInProcess([...guideCommand('npm run partners -- list', values), '--json'], env);
    expect(listed.code).toBe(0);
    const partners = listed.stdout
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { partnerId: string; tenantIds: string[]; adminObjectIds: string[] });
    expect(partners.find((p) => p.partnerId === values.PARTNER_ID)).toMatchObject({
      tenantIds: expect.arrayContaining([values.PARTNER_TENANT]),
      adminObjectIds: [values.ADMIN],
    });
  }, 30_000);

  test('steps 4 and 12: the health check answers ok; step 8: the trigger runs with the secret, 401 without', async () => {
    const local = (words: Words) => words.map((w) => w.replace(`https://${values.BOT_HOST}`, botUrl));
    const health = await curl(local(guideCommand('curl --fail --silent --show-error https://', values)));
    expect(health).toMatchObject({ status: 200, body: { status: 'ok', store: 'ok' } });

    const trigger = guideCommand('curl --fail --silent --show-error --request POST', values);
    expect(await curl(trigger)).toMatchObject({
      status: 200,
      body: { trigger: 'http', partners: expect.any(Number), failedPartners: 0 },
    });
    const withoutHeader = trigger.filter((w, i) => w !== '--header' && trigger[i - 1] !== '--header');
    await expect(curl(withoutHeader)).rejects.toThrow(/401.*UNAUTHORIZED/);
    const wrongSecret = trigger.map((w) => w.replace(secret, randomBytes(32).toString('hex')));
    await expect(curl(wrongSecret)).rejects.toThrow(/401/);
  }, 30_000);
});
