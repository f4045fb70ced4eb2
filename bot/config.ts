import { z } from 'zod';

/**
 * Configuration from the environment (a `.env` file is loaded by the entry points), validated at
 * start. Every problem is reported at once with the variable's name.
 */

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const port = (fallback: number) => z.coerce.number().int().min(0).max(65_535).default(fallback);

export const storeConfigSchema = z
  .object({
    /** Azure Cosmos DB account endpoint; absent → the embedded store on 127.0.0.1. */
    COSMOS_ENDPOINT: optionalText.pipe(z.url({ message: 'must be an https:// or http:// URL' }).optional()),
    /** Account key; absent with an endpoint → Entra ID (managed identity) via DefaultAzureCredential. */
    COSMOS_KEY: optionalText,
    COSMOS_DATABASE: z.string().trim().min(1).default('partner-score-bot'),
    /** Fixed loopback port of the embedded store, so that the commands find the running bot's store. */
    EMBEDDED_COSMOS_PORT: port(8081),
    /** Dataset versions (with their snapshots) kept per partner; older ones are deleted after an import. */
    DATASET_VERSIONS_KEPT: z.coerce.number().int().min(1).max(1_000).default(24),
    /** Days a dataset's asOf may be after today (UTC) before the import refuses it: time zones and clocks. */
    IMPORT_FUTURE_TOLERANCE_DAYS: z.coerce.number().int().min(0).max(31).default(1),
  })
  .superRefine((value, ctx) => {
    if (value.COSMOS_KEY && !value.COSMOS_ENDPOINT) {
      ctx.addIssue({ code: 'custom', path: ['COSMOS_KEY'], message: 'is set but COSMOS_ENDPOINT is not' });
    }
  });

export type StoreConfig = z.infer<typeof storeConfigSchema>;

export const logConfigSchema = z.object({
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Application Insights; absent → no telemetry SDK is even loaded (bot/telemetry.ts). */
  APPLICATIONINSIGHTS_CONNECTION_STRING: optionalText.pipe(
    z
      .string()
      .regex(/(^|;)\s*InstrumentationKey=[^;]+/i, {
        message:
          'must be an Application Insights connection string (InstrumentationKey=…;IngestionEndpoint=…)',
      })
      .optional(),
  ),
});

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

/** Parses `env` with `schema`, throwing a ConfigError that names every bad variable. */
export function readConfig<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv = process.env): z.infer<T> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join('.') || '(environment)'}: ${i.message}`),
    );
  }
  return parsed.data;
}

export const seedConfigSchema = z.object({
  /** Comma-separated dataset files loaded at start instead of the demo data. */
  SEED_DATASETS: optionalText.transform((v) =>
    v === undefined
      ? undefined
      : v
          .split(',')
          .map((f) => f.trim())
          .filter((f) => f !== ''),
  ),
});

export const botConfigSchema = z
  .object({
    /** The bot's Entra app (client) id; empty → local mode: unauthenticated, for the Agents Playground. */
    MicrosoftAppId: optionalText,
    MicrosoftAppType: z.enum(['SingleTenant', 'UserAssignedMSI']).default('SingleTenant'),
    MicrosoftAppTenantId: optionalText,
    MicrosoftAppPassword: optionalText,
    PORT: port(3978),
  })
  .superRefine((value, ctx) => {
    if (!value.MicrosoftAppId) return;
    if (!value.MicrosoftAppTenantId) {
      ctx.addIssue({
        code: 'custom',
        path: ['MicrosoftAppTenantId'],
        message: 'is required with MicrosoftAppId',
      });
    }
    if (value.MicrosoftAppType === 'SingleTenant' && !value.MicrosoftAppPassword) {
      ctx.addIssue({
        code: 'custom',
        path: ['MicrosoftAppPassword'],
        message: 'is required for a SingleTenant app (UserAssignedMSI needs none)',
      });
    }
  });

export type BotConfig = z.infer<typeof botConfigSchema>;

export const reminderConfigSchema = z.object({
  /** Minutes between in-process reminder runs; 0 turns them off (an external scheduler then calls the trigger). */
  REMINDER_RUN_INTERVAL_MINUTES: z.coerce.number().int().min(0).max(1_440).default(60),
  /**
   * Shared secret for `POST /api/reminders/run` (`Authorization: Bearer <secret>`). Without it only an
   * Entra token issued for the bot's app id is accepted; with neither the endpoint refuses every call.
   */
  REMINDER_TRIGGER_SECRET: optionalText.pipe(
    z.string().min(32, { message: 'must be at least 32 characters' }).optional(),
  ),
  /**
   * Comma-separated Entra client (app) ids or object ids allowed to call the trigger with a token;
   * empty → any client of the bot's tenant that can get a token for the bot's app.
   */
  REMINDER_TRIGGER_CALLERS: optionalText.transform((v) =>
    v === undefined
      ? []
      : v
          .split(',')
          .map((id) => id.trim())
          .filter((id) => id !== ''),
  ),
});
export type ReminderConfig = z.infer<typeof reminderConfigSchema>;

/** Neutral developer pages for the Teams manifest until real ones are configured (the packager warns). */
export const TEAMS_PLACEHOLDER_URLS = {
  TEAMS_WEBSITE_URL: 'https://example.com/partner-score-bot',
  TEAMS_PRIVACY_URL: 'https://example.com/partner-score-bot/privacy',
  TEAMS_TERMS_URL: 'https://example.com/partner-score-bot/terms',
} as const;

const httpsUrl = (fallback: string) =>
  optionalText
    .transform((v) => v ?? fallback)
    .pipe(z.url({ protocol: /^https$/, message: 'must be an https:// URL' }).max(2048));

/** `npm run package:teams`: what the Teams app package (deployment/teams/manifest.json) is filled with. */
export const teamsPackageConfigSchema = z.object({
  /** The bot's Entra app id: the Teams app id and bots[0].botId. */
  MicrosoftAppId: optionalText.pipe(
    z
      .string({ error: "is required to package the Teams app (the bot's Entra app id, a GUID)" })
      .regex(/^[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/, {
        message: "must be a GUID (the bot's Entra app id)",
      }),
  ),
  /** Host name of the bot's web app (validDomains), without scheme or path. */
  BOT_DOMAIN: optionalText.pipe(
    z
      .string({ error: 'is required to package the Teams app (e.g. contoso-psb.azurewebsites.net)' })
      .toLowerCase()
      .regex(/^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/, {
        message: 'must be a host name without scheme, port or path, e.g. contoso-psb.azurewebsites.net',
      }),
  ),
  /** The Teams app version; absent → package.json's version. Teams wants plain MAJOR.MINOR.PATCH. */
  TEAMS_APP_VERSION: optionalText.pipe(
    z
      .string()
      .regex(/^(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)$/, {
        message: 'must be MAJOR.MINOR.PATCH, e.g. 1.4.0',
      })
      .optional(),
  ),
  TEAMS_DEVELOPER_NAME: optionalText
    .transform((v) => v ?? 'Partner Score Bot')
    .pipe(z.string().max(32, { message: 'must be at most 32 characters' })),
  TEAMS_WEBSITE_URL: httpsUrl(TEAMS_PLACEHOLDER_URLS.TEAMS_WEBSITE_URL),
  TEAMS_PRIVACY_URL: httpsUrl(TEAMS_PLACEHOLDER_URLS.TEAMS_PRIVACY_URL),
  TEAMS_TERMS_URL: httpsUrl(TEAMS_PLACEHOLDER_URLS.TEAMS_TERMS_URL),
});
export type TeamsPackageConfig = z.infer<typeof teamsPackageConfigSchema>;
