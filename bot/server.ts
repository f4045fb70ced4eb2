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
import type { PartnerScoreBot } from './teamsBot';

/** What /healthz reports: whether the store answers, and how many partners have data. */
export interface HealthSource {
  check(): Promise<{ store: 'ok' | 'unavailable'; mode: string; partnersWithData?: number; error?: string }>;
}

export function createAdapter(config: BotConfig, log: Logger): CloudAdapter {
  // Without an app id the adapter accepts unauthenticated requests (local mode); with one, every
  // request needs a valid Bot Framework token (else 401).
  const auth = new ConfigurationBotFrameworkAuthentication(
    config.MicrosoftAppId
      ? {
          MicrosoftAppId: config.MicrosoftAppId,
          MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
          MicrosoftAppType: config.MicrosoftAppType,
          MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
        }
      : {},
  );
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

/** restify with POST /api/messages (the Bot Framework channel) and GET /healthz. */
export function createServer(deps: {
  adapter: CloudAdapter;
  bot: PartnerScoreBot;
  health: HealthSource;
  log: Logger;
}): restify.Server {
  const server = restify.createServer({ name: 'partner-score-bot' });
  server.use(restify.plugins.bodyParser({ maxBodySize: 1024 * 1024 }));
  server.post('/api/messages', async (req, res) => {
    await deps.adapter.process(req, res, (context) => deps.bot.run(context));
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
