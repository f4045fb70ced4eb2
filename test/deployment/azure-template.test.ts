import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  botConfigSchema,
  fileImportConfigSchema,
  logConfigSchema,
  readConfig,
  reminderConfigSchema,
  seedConfigSchema,
  storeConfigSchema,
} from '../../bot/config';
import { CONTAINERS } from '../../bot/store/containers';

/**
 * No ARM engine or Bicep compiler runs here: these checks read deployment/azure/azuredeploy.json as
 * data — its expressions, its wiring to the bot's configuration and to the code's containers.
 */

const root = path.resolve(__dirname, '../..');
const readJson = (file: string): unknown => JSON.parse(readFileSync(path.join(root, file), 'utf8'));

interface Parameter {
  type: string;
  defaultValue?: unknown;
  allowedValues?: unknown[];
  minValue?: number;
  maxValue?: number;
}
interface Resource {
  type: string;
  apiVersion: string;
  name: string;
  copy?: { name: string; count: string };
  dependsOn?: string[];
  properties?: Record<string, unknown>;
  [key: string]: unknown;
}
interface Template {
  $schema: string;
  contentVersion: string;
  parameters: Record<string, Parameter>;
  variables: Record<string, unknown>;
  resources: Resource[];
  outputs: Record<string, { type: string; value: string }>;
}

const template = readJson('deployment/azure/azuredeploy.json') as Template;
const example = readJson('deployment/azure/azuredeploy.parameters.example.json') as {
  $schema: string;
  parameters: Record<string, { value: unknown }>;
};

/** Every string in a JSON value (object keys too: `userAssignedIdentities` is keyed by an expression). */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => [k, ...strings(v)]);
  }
  return [];
}

/** ARM expressions: strings in brackets; `[[` escapes a literal bracket. */
const isExpression = (s: string): boolean => s.startsWith('[') && s.endsWith(']') && !s.startsWith('[[');

/** The expression with its single-quoted string literals blanked out ('' escapes a quote inside). */
function withoutLiterals(expression: string): string {
  return expression.replace(/'(?:[^']|'')*'/g, "''");
}

const ARM_FUNCTIONS = new Set([
  'concat',
  'copyIndex',
  'createArray',
  'createObject',
  'empty',
  'equals',
  'format',
  'guid',
  'if',
  'length',
  'null',
  'parameters',
  'reference',
  'resourceGroup',
  'resourceId',
  'string',
  'subscription',
  'toLower',
  'uniqueString',
  'variables',
]);

function references(kind: 'parameters' | 'variables', value: unknown): Set<string> {
  const names = new Set<string>();
  for (const s of strings(value).filter(isExpression)) {
    for (const m of s.matchAll(new RegExp(`\\b${kind}\\('([^']+)'\\)`, 'g'))) names.add(m[1]!);
  }
  return names;
}

function resourcesOfType(type: string): Resource[] {
  return template.resources.filter((r) => r.type === type);
}
function onlyResource(type: string): Resource {
  const found = resourcesOfType(type);
  expect(found).toHaveLength(1);
  return found[0]!;
}

const site = onlyResource('Microsoft.Web/sites');
const siteConfig = (site.properties as { siteConfig: Record<string, unknown> }).siteConfig;
const appSettings = siteConfig.appSettings as { name: string; value: string }[];
const setting = (name: string): string | undefined => appSettings.find((s) => s.name === name)?.value;

describe('azuredeploy.json: structure', () => {
  test('is a deployment template with parameters, variables, resources and outputs', () => {
    expect(template.$schema).toBe(
      'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    );
    expect(template.contentVersion).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(Object.keys(template.parameters).length).toBeGreaterThan(0);
    expect(template.resources.length).toBeGreaterThan(0);
  });

  test('every resource has a type, an apiVersion and a name', () => {
    for (const r of template.resources) {
      expect(r.type).toMatch(/^Microsoft\.[A-Za-z]+\/[A-Za-z/]+$/);
      expect(r.apiVersion).toMatch(/^\d{4}-\d{2}-\d{2}(-preview)?$/);
      expect(typeof r.name).toBe('string');
      expect(r.name.length).toBeGreaterThan(0);
    }
  });

  test('every expression has balanced brackets and parentheses and calls only known ARM functions', () => {
    const expressions = strings(template).filter(isExpression);
    expect(expressions.length).toBeGreaterThan(50);
    for (const e of expressions) {
      const bare = withoutLiterals(e.slice(1, -1));
      expect({ e, quotes: (bare.match(/'/g) ?? []).length % 2 }).toEqual({ e, quotes: 0 });
      let depth = 0;
      for (const ch of bare) {
        if (ch === '(' || ch === '[') depth++;
        if (ch === ')' || ch === ']') depth--;
        expect({ e, negative: depth < 0 }).toEqual({ e, negative: false });
      }
      expect({ e, depth }).toEqual({ e, depth: 0 });
      for (const m of bare.matchAll(/([A-Za-z_][\w]*)\s*\(/g)) {
        expect({ e, fn: m[1], known: ARM_FUNCTIONS.has(m[1]!) }).toEqual({ e, fn: m[1], known: true });
      }
    }
  });

  test('every parameter used is declared and every declared one is used', () => {
    const { parameters, ...rest } = template;
    expect([...references('parameters', rest)].sort()).toEqual(Object.keys(parameters).sort());
    // Defaults may use functions (location, tenant) but never other parameters.
    expect([...references('parameters', parameters)]).toEqual([]);
  });

  test('every variable used is declared and every declared one is used', () => {
    const { variables, ...rest } = template;
    const used = new Set([...references('variables', rest), ...references('variables', variables)]);
    expect([...used].sort()).toEqual(Object.keys(variables).sort());
  });

  test('every dependsOn names a resource or a copy loop of the template', () => {
    const types = new Set(template.resources.map((r) => r.type));
    const loops = new Set(template.resources.flatMap((r) => (r.copy ? [r.copy.name] : [])));
    const variableTypes: Record<string, string> = {
      identityId: 'Microsoft.ManagedIdentity/userAssignedIdentities',
    };
    for (const r of template.resources) {
      for (const d of r.dependsOn ?? []) {
        const type =
          /^\[resourceId\('([^']+)'/.exec(d)?.[1] ??
          variableTypes[/^\[variables\('(\w+)'\)\]$/.exec(d)?.[1] ?? ''];
        expect({ d, known: type ? types.has(type) : loops.has(d) }).toEqual({ d, known: true });
      }
    }
  });

  test('secrets are securestring parameters without a value, and the example file sets none', () => {
    for (const name of ['microsoftAppPassword', 'reminderTriggerSecret']) {
      expect(template.parameters[name]?.type).toBe('securestring');
    }
    for (const p of Object.values(template.parameters).filter((p) => p.type === 'securestring')) {
      // An empty default only makes the parameter optional (UserAssignedMSI needs no password).
      expect(p.defaultValue ?? '').toBe('');
    }
    expect(example.$schema).toBe(
      'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#',
    );
    for (const [name, { value }] of Object.entries(example.parameters)) {
      const declared = template.parameters[name];
      expect({ name, declared: declared !== undefined }).toEqual({ name, declared: true });
      expect(declared!.type).not.toBe('securestring');
      if (declared!.allowedValues) expect(declared!.allowedValues).toContain(value);
    }
  });
});

describe('azuredeploy.json: the web app and its configuration', () => {
  test('Linux, Node 26 LTS, always on, health check, HTTPS only, TLS 1.2, no FTP, runs the compiled bot', () => {
    expect(site.kind).toBe('app,linux');
    expect(site.properties).toMatchObject({ httpsOnly: true });
    expect(siteConfig).toMatchObject({
      linuxFxVersion: 'NODE|26-lts',
      alwaysOn: true,
      healthCheckPath: '/healthz',
      minTlsVersion: '1.2',
      ftpsState: 'Disabled',
      appCommandLine: 'node bot/index.js',
    });
    expect(onlyResource('Microsoft.Web/serverfarms').properties).toEqual({ reserved: true });
    // Always On and the health check do not exist on the Free and Shared plans.
    const skus = template.parameters.appServicePlanSku!.allowedValues as string[];
    expect(skus.filter((s) => /^(F|D)/.test(s))).toEqual([]);
  });

  test('the web app runs as the user-assigned identity, which DefaultAzureCredential is told to use', () => {
    expect(site.identity).toEqual({
      type: 'UserAssigned',
      userAssignedIdentities: { "[variables('identityId')]": {} },
    });
    expect(template.variables.identityId).toBe(
      "[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', variables('identityName'))]",
    );
    expect(setting('AZURE_CLIENT_ID')).toBe("[reference(variables('identityId'), '2023-01-31').clientId]");
  });

  test('every app setting is one the bot validates at start, or one an SDK or the platform reads', () => {
    const validated = [
      storeConfigSchema,
      botConfigSchema,
      logConfigSchema,
      seedConfigSchema,
      reminderConfigSchema,
      fileImportConfigSchema,
    ].flatMap((s) => Object.keys(s.shape));
    const readBySdkOrPlatform = [
      'AZURE_CLIENT_ID', // DefaultAzureCredential: which managed identity to use
      'SCM_DO_BUILD_DURING_DEPLOYMENT', // the zip carries node_modules: no npm install on the server
    ];
    const names = appSettings.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    const unknown = names.filter((n) => !validated.includes(n) && !readBySdkOrPlatform.includes(n));
    expect(unknown).toEqual([]);
    expect(names).toEqual(
      expect.arrayContaining([
        'COSMOS_ENDPOINT',
        'COSMOS_DATABASE',
        'MicrosoftAppId',
        'MicrosoftAppType',
        'MicrosoftAppTenantId',
        'MicrosoftAppPassword',
        'REMINDER_RUN_INTERVAL_MINUTES',
        'REMINDER_TRIGGER_SECRET',
        'APPLICATIONINSIGHTS_CONNECTION_STRING',
        ...readBySdkOrPlatform,
      ]),
    );
    // Managed identity only: no account key anywhere, and the account refuses keys.
    expect(names).not.toContain('COSMOS_KEY');
    expect(names).not.toContain('PORT'); // App Service sets it
  });

  test('secrets reach the app settings only from securestring parameters', () => {
    expect(setting('MicrosoftAppPassword')).toBe(
      "[if(variables('botUsesManagedIdentity'), '', parameters('microsoftAppPassword'))]",
    );
    expect(setting('REMINDER_TRIGGER_SECRET')).toBe("[parameters('reminderTriggerSecret')]");
    for (const { name, value } of appSettings) {
      for (const p of references('parameters', value)) {
        const secret = template.parameters[p]!.type === 'securestring';
        expect({ name, p, secret }).toEqual({
          name,
          p,
          secret: ['MicrosoftAppPassword', 'REMINDER_TRIGGER_SECRET'].includes(name),
        });
      }
    }
  });

  test("the app settings as deployed pass the bot's validation, for both bot identity types", () => {
    const defaults = Object.fromEntries(
      Object.entries(template.parameters).map(([name, p]) => [name, p.defaultValue]),
    );
    // What the references resolve to once Azure has created the resources.
    const deployed: Record<string, string> = {
      COSMOS_ENDPOINT: 'https://psbot-cosmos-abc.documents.azure.com:443/',
      AZURE_CLIENT_ID: '11111111-1111-1111-1111-111111111111',
      APPLICATIONINSIGHTS_CONNECTION_STRING:
        'InstrumentationKey=22222222-2222-2222-2222-222222222222;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/',
    };
    const evaluate = (value: string, params: Record<string, unknown>, msi: boolean): string => {
      let m: RegExpExecArray | null;
      if (!isExpression(value)) return value;
      if ((m = /^\[parameters\('(\w+)'\)\]$/.exec(value))) return String(params[m[1]!]);
      if ((m = /^\[string\(parameters\('(\w+)'\)\)\]$/.exec(value))) return String(params[m[1]!]);
      if (
        (m = /^\[if\(variables\('botUsesManagedIdentity'\), (.+), parameters\('(\w+)'\)\)\]$/.exec(value))
      ) {
        return msi ? (m[1] === "''" ? '' : deployed.AZURE_CLIENT_ID!) : String(params[m[2]!]);
      }
      throw new Error(`no evaluation for ${value}`);
    };
    for (const botAppType of ['UserAssignedMSI', 'SingleTenant']) {
      const params: Record<string, unknown> = {
        ...defaults,
        botAppType,
        microsoftAppTenantId: '33333333-3333-3333-3333-333333333333',
        ...(botAppType === 'SingleTenant'
          ? { microsoftAppId: '44444444-4444-4444-4444-444444444444', microsoftAppPassword: 'client-secret' }
          : {}),
      };
      const env = Object.fromEntries(
        appSettings.map(({ name, value }) => [
          name,
          deployed[name] ?? evaluate(value, params, botAppType === 'UserAssignedMSI'),
        ]),
      );
      const store = readConfig(storeConfigSchema, env);
      expect(store.COSMOS_KEY).toBeUndefined();
      expect(store.COSMOS_ENDPOINT).toBe(deployed.COSMOS_ENDPOINT);
      const bot = readConfig(botConfigSchema, env);
      expect(bot.MicrosoftAppType).toBe(botAppType);
      expect(bot.MicrosoftAppId).toBe(
        botAppType === 'UserAssignedMSI' ? deployed.AZURE_CLIENT_ID : '44444444-4444-4444-4444-444444444444',
      );
      expect(readConfig(logConfigSchema, env).LOG_LEVEL).toBe('info');
      expect(readConfig(reminderConfigSchema, env)).toEqual({
        REMINDER_RUN_INTERVAL_MINUTES: 60,
        REMINDER_TRIGGER_CALLERS: [],
      });
      expect(readConfig(seedConfigSchema, env).SEED_DATASETS).toBeUndefined();
      // Files dropped into the chat: the SharePoint/OneDrive hosts Teams hands out links for.
      expect(readConfig(fileImportConfigSchema, env).FILE_DOWNLOAD_HOSTS).toEqual([
        '*.sharepoint.com',
        '*.sharepoint.us',
      ]);
    }
  });

  test("the parameters' allowed values and ranges are within what the bot accepts", () => {
    const p = template.parameters;
    expect(botConfigSchema.shape.MicrosoftAppType.unwrap().options).toEqual(
      expect.arrayContaining(p.botAppType!.allowedValues as string[]),
    );
    expect(logConfigSchema.shape.LOG_LEVEL.unwrap().options).toEqual(p.logLevel!.allowedValues);
    for (const [param, variable] of [
      ['reminderRunIntervalMinutes', 'REMINDER_RUN_INTERVAL_MINUTES'],
      ['datasetVersionsKept', 'DATASET_VERSIONS_KEPT'],
    ] as const) {
      const schema = { ...reminderConfigSchema.shape, ...storeConfigSchema.shape }[variable];
      for (const bound of [p[param]!.minValue, p[param]!.maxValue]) {
        expect(schema.safeParse(String(bound)).success).toBe(true);
      }
    }
  });
});

describe('azuredeploy.json: Cosmos DB', () => {
  const account = onlyResource('Microsoft.DocumentDB/databaseAccounts');
  const props = account.properties as Record<string, unknown>;

  test('Entra ID only, continuous backup, serverless unless autoscale is chosen', () => {
    expect(props).toMatchObject({
      disableLocalAuth: true,
      backupPolicy: {
        type: 'Continuous',
        continuousModeProperties: { tier: "[parameters('cosmosBackupTier')]" },
      },
      capabilities:
        "[if(variables('cosmosServerless'), createArray(createObject('name', 'EnableServerless')), createArray())]",
    });
    expect(template.parameters.cosmosCapacityMode).toMatchObject({
      defaultValue: 'Serverless',
      allowedValues: ['Serverless', 'Autoscale'],
    });
    expect(template.variables.cosmosServerless).toBe(
      "[equals(parameters('cosmosCapacityMode'), 'Serverless')]",
    );
    const database = onlyResource('Microsoft.DocumentDB/databaseAccounts/sqlDatabases');
    expect((database.properties as { options: string }).options).toBe(
      "[if(variables('cosmosServerless'), createObject(), createObject('autoscaleSettings', createObject('maxThroughput', parameters('cosmosAutoscaleMaxThroughput'))))]",
    );
  });

  test("the database's default name is COSMOS_DATABASE's default", () => {
    expect(template.parameters.cosmosDatabaseName!.defaultValue).toBe(
      readConfig(storeConfigSchema, {}).COSMOS_DATABASE,
    );
    expect(setting('COSMOS_DATABASE')).toBe("[parameters('cosmosDatabaseName')]");
  });

  test("the containers and their partition keys are the code's (bot/store/containers.ts)", () => {
    const declared = (template.variables.cosmosContainers as { id: string; partitionKey: string }[]).map(
      ({ id, partitionKey }) => ({ id, partitionKey }),
    );
    expect(declared).toEqual(Object.values(CONTAINERS).map(({ id, partitionKey }) => ({ id, partitionKey })));
    const containers = onlyResource('Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers');
    expect(containers.copy).toEqual({
      name: 'cosmosContainers',
      count: "[length(variables('cosmosContainers'))]",
    });
    expect(containers.name).toBe(
      "[format('{0}/{1}/{2}', variables('cosmosAccountName'), parameters('cosmosDatabaseName'), variables('cosmosContainers')[copyIndex()].id)]",
    );
    expect(containers.properties).toMatchObject({
      resource: {
        id: "[variables('cosmosContainers')[copyIndex()].id]",
        partitionKey: { paths: ["[variables('cosmosContainers')[copyIndex()].partitionKey]"], kind: 'Hash' },
      },
    });
  });

  test('datasetChunks indexes only what its queries filter and sort on (bot/store/versions.ts)', () => {
    const chunks = (template.variables.cosmosContainers as { id: string; indexingPolicy: unknown }[]).find(
      (c) => c.id === CONTAINERS.datasetChunks.id,
    );
    expect(chunks?.indexingPolicy).toMatchObject({
      includedPaths: [{ path: '/versionKey/?' }, { path: '/kind/?' }, { path: '/index/?' }],
      excludedPaths: expect.arrayContaining([{ path: '/*' }]),
    });
  });

  test("the web app's identity has the built-in Data Contributor role on the account", () => {
    const [app, operators] = resourcesOfType('Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments');
    expect(template.variables.cosmosDataContributorRoleId).toBe('00000000-0000-0000-0000-000000000002');
    for (const assignment of [app!, operators!]) {
      expect((assignment.properties as { roleDefinitionId: string }).roleDefinitionId).toBe(
        "[resourceId('Microsoft.DocumentDB/databaseAccounts/sqlRoleDefinitions', variables('cosmosAccountName'), variables('cosmosDataContributorRoleId'))]",
      );
    }
    expect((app!.properties as { principalId: string }).principalId).toBe(
      "[reference(variables('identityId'), '2023-01-31').principalId]",
    );
    expect(operators!.copy?.count).toBe("[length(parameters('cosmosDataContributorPrincipalIds'))]");
    // The app starts once its containers and its role exist (it reads them at start).
    expect(site.dependsOn).toEqual(expect.arrayContaining(['cosmosContainers']));
    expect(site.dependsOn!.some((d) => d.includes('sqlRoleAssignments'))).toBe(true);
  });
});

describe('azuredeploy.json: the bot, Application Insights, outputs', () => {
  test('Azure Bot with the managed identity or a single-tenant app, its endpoint on the web app, Teams on', () => {
    const bot = onlyResource('Microsoft.BotService/botServices');
    expect(bot.location).toBe('global');
    expect(bot.properties).toMatchObject({
      endpoint:
        "[format('https://{0}/api/messages', reference(resourceId('Microsoft.Web/sites', variables('webAppName')), '2023-12-01').defaultHostName)]",
      msaAppType: "[parameters('botAppType')]",
      msaAppId: setting('MicrosoftAppId'),
      msaAppTenantId: setting('MicrosoftAppTenantId'),
      msaAppMSIResourceId: "[if(variables('botUsesManagedIdentity'), variables('identityId'), null())]",
    });
    expect(template.variables.botUsesManagedIdentity).toBe(
      "[equals(parameters('botAppType'), 'UserAssignedMSI')]",
    );
    const teams = onlyResource('Microsoft.BotService/botServices/channels');
    expect(teams.properties).toMatchObject({
      channelName: 'MsTeamsChannel',
      properties: { isEnabled: true },
    });
  });

  test('workspace-based Application Insights, its connection string in the app settings', () => {
    const insights = onlyResource('Microsoft.Insights/components');
    expect(insights.properties).toMatchObject({
      WorkspaceResourceId:
        "[resourceId('Microsoft.OperationalInsights/workspaces', variables('workspaceName'))]",
    });
    onlyResource('Microsoft.OperationalInsights/workspaces');
    expect(setting('APPLICATIONINSIGHTS_CONNECTION_STRING')).toBe(
      "[reference(resourceId('Microsoft.Insights/components', variables('appInsightsName')), '2020-02-02').ConnectionString]",
    );
  });

  test('outputs: the bot endpoint and the app id for the Teams manifest, the Cosmos DB endpoint, the web app', () => {
    expect(Object.keys(template.outputs)).toEqual(
      expect.arrayContaining(['botEndpoint', 'appId', 'cosmosEndpoint', 'webAppName']),
    );
    const bot = onlyResource('Microsoft.BotService/botServices');
    expect(template.outputs.botEndpoint!.value).toBe((bot.properties as { endpoint: string }).endpoint);
    expect(template.outputs.appId!.value).toBe(setting('MicrosoftAppId'));
    expect(template.outputs.cosmosEndpoint!.value).toBe(setting('COSMOS_ENDPOINT'));
  });

  test('the resource list', () => {
    expect(template.resources.map((r) => r.type)).toEqual([
      'Microsoft.ManagedIdentity/userAssignedIdentities',
      'Microsoft.OperationalInsights/workspaces',
      'Microsoft.Insights/components',
      'Microsoft.DocumentDB/databaseAccounts',
      'Microsoft.DocumentDB/databaseAccounts/sqlDatabases',
      'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers',
      'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments',
      'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments',
      'Microsoft.Web/serverfarms',
      'Microsoft.Web/sites',
      'Microsoft.BotService/botServices',
      'Microsoft.BotService/botServices/channels',
    ]);
  });
});

test('the deployment page (docs/deploy.md) has the Deploy to Azure button, with the raw URL to replace marked as such', () => {
  const page = readFileSync(path.join(root, 'docs/deploy.md'), 'utf8');
  const button = page.split('\n').find((l) => l.includes('https://aka.ms/deploytoazurebutton'));
  expect(button).toBe(
    '[![Deploy to Azure](https://aka.ms/deploytoazurebutton)](https://portal.azure.com/#create/Microsoft.Template/uri/REPLACE-WITH-URL-ENCODED-RAW-URL-OF-azuredeploy.json)',
  );
});
