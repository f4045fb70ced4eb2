import { BlockList, isIP } from 'node:net';
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

const flag = optionalText.pipe(z.stringbool({ error: 'must be true or false' }).default(false));

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/** Whether a URL points at this machine (localhost, 127.0.0.0/8, ::1). */
export function isLoopbackUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return false;
  }
  if (host === 'localhost') return true;
  const version = isIP(host);
  return version !== 0 && loopback.check(host, version === 6 ? 'ipv6' : 'ipv4');
}

export const storeConfigSchema = z
  .object({
    /** Azure Cosmos DB account endpoint; absent → the embedded store on 127.0.0.1. */
    COSMOS_ENDPOINT: optionalText.pipe(z.url({ message: 'must be an https:// or http:// URL' }).optional()),
    /** Account key; absent with an endpoint → Entra ID (managed identity) via DefaultAzureCredential. */
    COSMOS_KEY: optionalText,
    COSMOS_DATABASE: z.string().trim().min(1).default('partner-score-bot'),
    /** Fixed loopback port of the embedded store, so that the commands find the running bot's store. */
    EMBEDDED_COSMOS_PORT: port(8081),
    /**
     * How long one store request may take before it fails (the SDK's default is 60 s): a chat answer,
     * or the error card, must come within seconds, and /healthz within one.
     */
    COSMOS_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3_000),
    /** How long the SDK may keep retrying a throttled (429) request, in all (its default is 30 s). */
    COSMOS_THROTTLE_WAIT_SECONDS: z.coerce.number().int().min(0).max(120).default(5),
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
    /**
     * The bot's Entra app (client) id; empty → local mode: unauthenticated, for the Agents Playground,
     * listening on 127.0.0.1 only and with a store on this machine only.
     */
    MicrosoftAppId: optionalText,
    MicrosoftAppType: z.enum(['SingleTenant', 'UserAssignedMSI']).default('SingleTenant'),
    MicrosoftAppTenantId: optionalText,
    MicrosoftAppPassword: optionalText,
    PORT: port(3978),
    /** Read here too: local mode refuses a store that is not on this machine. */
    COSMOS_ENDPOINT: optionalText,
    /** Development only: local mode (no MicrosoftAppId) with a COSMOS_ENDPOINT on another machine. */
    ALLOW_UNAUTHENTICATED_WITH_REMOTE_STORE: flag,
  })
  .superRefine((value, ctx) => {
    if (!value.MicrosoftAppId) {
      if (
        value.COSMOS_ENDPOINT &&
        !isLoopbackUrl(value.COSMOS_ENDPOINT) &&
        !value.ALLOW_UNAUTHENTICATED_WITH_REMOTE_STORE
      ) {
        ctx.addIssue({
          code: 'custom',
          path: ['COSMOS_ENDPOINT'],
          message:
            'is not on this machine but MicrosoftAppId is empty: every request would be unauthenticated. ' +
            'Set MicrosoftAppId (with MicrosoftAppTenantId and a secret), or, for development only, ' +
            'ALLOW_UNAUTHENTICATED_WITH_REMOTE_STORE=true',
        });
      }
      return;
    }
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

/** A DNS host name, lower case: labels of 1–63 letters, digits and inner hyphens; a letter-led top level. */
const HOST_NAME = /(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]/.source;

/** A host name, or `*.` and a domain for any host under it (not the domain itself). */
const hostPattern = z
  .string()
  .toLowerCase()
  .regex(new RegExp(`^(?:\\*\\.)?${HOST_NAME}$`), {
    message: 'must be host names or *.domain patterns, comma-separated (e.g. *.sharepoint.com)',
  });

/** Files dropped into the bot's personal chat (bot/conversation/fileImport.ts). */
export const fileImportConfigSchema = z.object({
  /**
   * Hosts the bot downloads dropped files from (https only): Teams hands over a pre-authenticated
   * OneDrive/SharePoint link. Anything else is refused, so a crafted activity cannot make the bot
   * fetch an internal address.
   */
  FILE_DOWNLOAD_HOSTS: optionalText
    .transform((v) =>
      (v ?? '*.sharepoint.com,*.sharepoint.us')
        .split(',')
        .map((h) => h.trim())
        .filter((h) => h !== ''),
    )
    .pipe(z.array(hostPattern).min(1, { message: 'must name at least one host' })),
  /** Largest file accepted, in MB (a zip: the zip itself; its entries are limited by the readers). */
  FILE_IMPORT_MAX_MB: z.coerce.number().int().min(1).max(2_048).default(256),
  /** How long one file's download may take, in seconds. */
  FILE_DOWNLOAD_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3_600).default(300),
});
export type FileImportConfig = z.infer<typeof fileImportConfigSchema>;

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
      .regex(new RegExp(`^(?=.{4,253}$)${HOST_NAME}$`), {
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
