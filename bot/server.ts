import { randomUUID } from 'node:crypto';
import {
  CardFactory,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type TurnContext,
} from 'botbuilder';
import * as restify from 'restify';
import { errorModel, messageCard } from '../cards/message';
import type { BotConfig } from './config';
import type { Logger } from './log';
import type { RunSummary } from './reminders/run';
import type { TriggerAuthenticator } from './reminders/trigger';
import type { PartnerScoreBot } from './teamsBot';

/** What /healthz reports: whether the store answers, and how many partners have data. */
export interface HealthSource {
  check(): Promise<{ store: 'ok' | 'unavailable'; mode: string; partnersWithData?: number; error?: string }>;
}

/**
 * The Bot Framework authentication: without an app id the adapter accepts unauthenticated requests
 * (local mode); with one, every request needs a valid Bot Framework token (else 401). The reminder
 * sender uses the same credentials for proactive messages.
 */
export function botAuthentication(config: BotConfig): ConfigurationBotFrameworkAuthentication {
  return new ConfigurationBotFrameworkAuthentication(
    config.MicrosoftAppId
      ? {
          MicrosoftAppId: config.MicrosoftAppId,
          MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
          MicrosoftAppType: config.MicrosoftAppType,
          MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
        }
      : {},
  );
}

export function createAdapter(
  config: BotConfig,
  log: Logger,
  auth: ConfigurationBotFrameworkAuthentication = botAuthentication(config),
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

/**
 * restify with POST /api/messages (the Bot Framework channel), GET /healthz and
 * POST /api/reminders/run (for an external scheduler; authenticated, never open).
 */
export function createServer(deps: {
  adapter: CloudAdapter;
  bot: PartnerScoreBot;
  health: HealthSource;
  log: Logger;
  reminders: { runner: ReminderTrigger; auth: TriggerAuthenticator };
}): restify.Server {
  const server = restify.createServer({ name: 'partner-score-bot' });
  server.use(restify.plugins.bodyParser({ maxBodySize: 1024 * 1024 }));
  server.post('/api/messages', async (req, res) => {
    await deps.adapter.process(req, res, (context) => deps.bot.run(context));
  });
  server.post('/api/reminders/run', async (req, res) => {
    const auth = await deps.reminders.auth.check(req.header('authorization'));
    if (!auth.ok) {
      deps.log.warn({ reason: auth.reason, remote: req.socket.remoteAddress }, 'reminder trigger refused');
      res.json(401, { code: 'UNAUTHORIZED', message: auth.reason });
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
