import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import {
  CardFactory,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type TurnContext,
} from 'botbuilder';
import { AuthenticationError, type AuthenticateRequestResult } from 'botframework-connector';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import * as restify from 'restify';
import { z } from 'zod';
import { errorModel, messageCard } from '../cards/message';
import { isLoopbackUrl, type BotConfig } from './config';
import type { Logger } from './log';
import type { RunSummary } from './reminders/run';
import type { TriggerAuthenticator } from './reminders/trigger';
import type { PartnerScoreBot } from './teamsBot';

/** What /healthz reports: whether the store answers, and how many partners have data. */
export interface HealthSource {
  check(): Promise<{ store: 'ok' | 'unavailable'; mode: string; partnersWithData?: number; error?: string }>;
}

/** The largest request body read: Teams activities are a few kB, the trigger needs none. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Bot Framework tokens are RSA-signed; the SDK accepts these algorithms only. */
const TOKEN_ALGORITHMS = new Set(['RS256', 'RS384', 'RS512']);
/** The SDK's clock tolerance for `exp`. */
const CLOCK_SKEW_SECONDS = 5 * 60;

/**
 * Why a bearer token cannot be one the Bot Framework issued for this bot, from what it says about
 * itself (no signature check, no network): the SDK would otherwise fetch the OpenID keys for any
 * token that names an accepted issuer, and answer 500 when it cannot.
 */
export function tokenProblem(
  authorization: string,
  appId: string,
  now: Date = new Date(),
): string | undefined {
  const match = /^Bearer ([\w-]+\.[\w-]+\.[\w-]+)$/.exec(authorization);
  if (!match) return 'not a bearer JWT';
  const token = match[1]!;
  let header: ReturnType<typeof decodeProtectedHeader>;
  let claims: ReturnType<typeof decodeJwt>;
  try {
    header = decodeProtectedHeader(token);
    claims = decodeJwt(token);
  } catch {
    return 'the token does not decode';
  }
  if (!header.alg || !TOKEN_ALGORITHMS.has(header.alg)) return 'not an RSA-signed token';
  if (typeof header.kid !== 'string') return 'no key id';
  const audiences = typeof claims.aud === 'string' ? [claims.aud] : (claims.aud ?? []);
  if (!audiences.includes(appId)) return "not issued for the bot's app id";
  if (typeof claims.exp !== 'number') return 'no expiry';
  if (claims.exp + CLOCK_SKEW_SECONDS < now.getTime() / 1000) return 'expired';
  return undefined;
}

/**
 * The Bot Framework authentication: without an app id the adapter accepts unauthenticated requests
 * (local mode); with one, every request needs a valid Bot Framework token, and any token that cannot
 * be validated, for whatever reason, is a 401 (the SDK gives 500 when it cannot fetch the keys). The
 * reminder sender uses the same credentials for proactive messages.
 */
export class BotAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly appId: string | undefined;

  constructor(
    settings: ConfigurationBotFrameworkAuthenticationOptions,
    private readonly log: Logger,
  ) {
    super(settings);
    this.appId = settings.MicrosoftAppId;
  }

  override async authenticateRequest(
    activity: Activity,
    authHeader: string,
  ): Promise<AuthenticateRequestResult> {
    if (this.appId && authHeader) {
      const problem = tokenProblem(authHeader, this.appId);
      if (problem) {
        this.log.warn({ reason: problem }, 'request token refused');
        throw new AuthenticationError('Unauthorized', 401);
      }
    }
    try {
      return await super.authenticateRequest(activity, authHeader);
    } catch (error) {
      if (error instanceof AuthenticationError) throw error;
      this.log.error({ err: error }, 'could not validate the request token (are the OpenID keys reachable?)');
      throw new AuthenticationError('Unauthorized', 401);
    }
  }
}

export function botAuthentication(config: BotConfig, log: Logger): BotAuthentication {
  return new BotAuthentication(
    config.MicrosoftAppId
      ? {
          MicrosoftAppId: config.MicrosoftAppId,
          MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
          MicrosoftAppType: config.MicrosoftAppType,
          MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
        }
      : {},
    log,
  );
}

export function createAdapter(
  config: BotConfig,
  log: Logger,
  auth: BotAuthentication = botAuthentication(config, log),
): CloudAdapter {
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    const correlationId = randomUUID();
    log.error({ err: error, correlationId, conversation: context.activity.conversation?.id }, 'turn failed');
    try {
      await context.sendActivity({
        attachments: [CardFactory.adaptiveCard(messageCard(errorModel(correlationId)))],
      });
    } catch (sendError) {
      log.error({ err: sendError, correlationId }, 'could not send the error card');
    }
  };
  return adapter;
}

/** Starts a reminder run (or joins the one in progress): our small interface over ReminderRunner. */
export interface ReminderTrigger {
  run(trigger: 'http'): Promise<RunSummary>;
}

/** The body of every error response: the status in words, never an internal message. */
export function neutralError(status: number): { code: string; message: string } {
  const messages: Record<number, string> = {
    400: 'the request could not be read',
    401: 'the request is not authenticated',
    413: `the request body is larger than ${MAX_BODY_BYTES} bytes`,
    415: 'only application/json bodies are accepted',
  };
  const words = STATUS_CODES[status] ?? 'Error';
  return {
    code: words.toUpperCase().replace(/[^A-Z]+/g, '_'),
    message: messages[status] ?? (status >= 500 ? 'something went wrong; see the logs' : words.toLowerCase()),
  };
}

/**
 * JSON bodies only, at most MAX_BODY_BYTES: anything else is refused before a byte of it is read
 * (restify's bodyParser would write multipart uploads to the temp folder, unauthenticated). A
 * request without a body passes (the trigger needs none).
 */
const jsonBody: restify.RequestHandler[] = [
  (req, res, next) => {
    if (req.getContentLength() === 0 && !req.isChunked()) return next();
    const encoding = req.header('content-encoding');
    let status: number | undefined;
    if (!req.is('json') || (encoding && encoding !== 'identity')) status = 415;
    else if (req.getContentLength() > MAX_BODY_BYTES) status = 413;
    if (status === undefined) return next();
    res.json(status, neutralError(status));
    return next(false);
  },
  restify.plugins.bodyReader({ maxBodySize: MAX_BODY_BYTES }),
  ...restify.plugins.jsonBodyParser({ bodyReader: true }),
];

/** What the adapter needs of an activity before it reads it (it answers 500 otherwise). */
const incomingActivity = z.looseObject({ type: z.string().min(1), serviceUrl: z.string().optional() });

/**
 * The bot's own answer to a card action (`adaptiveCard/action`), also when it refuses one with a
 * 4xx (e.g. `{ statusCode: 400, type: 'application/vnd.microsoft.error', value: { code, … } }`):
 * written as it is. Anything else the adapter sends with an error status is the SDK's own text.
 */
const botInvokeResponse = z.looseObject({ statusCode: z.number().int(), type: z.string() });

/**
 * The response the adapter writes to, with a neutral body on errors: the SDK puts its internal
 * messages (a network error, a stack's first line) there.
 */
function neutralAdapterResponse(res: restify.Response) {
  let status = 200;
  const sendError = () => res.json(status, neutralError(status));
  return {
    socket: res.socket,
    header: (name: string, value: unknown) => res.header(name, value),
    status: (code: number) => {
      status = code;
      res.status(code);
    },
    send: (body: unknown) =>
      status >= 400 && !botInvokeResponse.safeParse(body).success ? sendError() : res.send(body),
    end: () => (status >= 400 && !res.headersSent ? sendError() : res.end()),
  };
}

/**
 * restify with POST /api/messages (the Bot Framework channel), GET /healthz and
 * POST /api/reminders/run (for an external scheduler; authenticated, never open). Every error
 * response has a neutral body; the details go to the log.
 */
export function createServer(deps: {
  adapter: CloudAdapter;
  bot: PartnerScoreBot;
  health: HealthSource;
  log: Logger;
  reminders: { runner: ReminderTrigger; auth: TriggerAuthenticator };
  /** Without an app id nothing is authenticated: the bot then replies to loopback connectors only. */
  authenticated: boolean;
}): restify.Server {
  const server = restify.createServer({ name: 'partner-score-bot' });
  server.on(
    'restifyError',
    (req: restify.Request, _res: restify.Response, err: unknown, callback: () => void) => {
      if (err instanceof Error) {
        const status = (err as { statusCode?: number }).statusCode ?? 500;
        if (status >= 500) deps.log.error({ err, path: req.path() }, 'request failed');
        Object.assign(err, { toJSON: () => neutralError(status) });
      }
      callback();
    },
  );
  server.post('/api/messages', ...jsonBody, async (req, res) => {
    const activity = incomingActivity.safeParse(req.body);
    if (!activity.success) {
      res.json(400, neutralError(400));
      return;
    }
    const { serviceUrl } = activity.data;
    if (!deps.authenticated && serviceUrl !== undefined && !isLoopbackUrl(serviceUrl)) {
      deps.log.warn(
        { remote: req.socket.remoteAddress },
        'local mode: a connector that is not on this machine refused',
      );
      res.json(403, neutralError(403));
      return;
    }
    try {
      await deps.adapter.process(req, neutralAdapterResponse(res), (context) => deps.bot.run(context));
    } catch (error) {
      const correlationId = randomUUID();
      deps.log.error({ err: error, correlationId }, 'activity could not be processed');
      if (!res.headersSent) res.json(500, { ...neutralError(500), correlationId });
    }
  });
  server.post('/api/reminders/run', ...jsonBody, async (req, res) => {
    const auth = await deps.reminders.auth.check(req.header('authorization'));
    if (!auth.ok) {
      deps.log.warn({ reason: auth.reason, remote: req.socket.remoteAddress }, 'reminder trigger refused');
      // The reason (a missing setting, a token library's message) is for the operator's log only.
      res.json(401, neutralError(401));
      return;
    }
    deps.log.info({ caller: auth.caller }, 'reminder run triggered over HTTP');
    try {
      res.json(200, await deps.reminders.runner.run('http'));
    } catch (error) {
      const correlationId = randomUUID();
      deps.log.error({ err: error, correlationId }, 'reminder run failed');
      res.json(500, {
        code: 'REMINDER_RUN_FAILED',
        message: 'the reminder run failed; see the logs',
        correlationId,
      });
    }
  });
  server.get('/healthz', async (_req, res) => {
    const health = await deps.health.check();
    res.json(health.store === 'ok' ? 200 : 503, {
      status: health.store === 'ok' ? 'ok' : 'degraded',
      ...health,
    });
  });
  return server;
}
