import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from 'restify';
import { readConfig, botConfigSchema } from '../../bot/config';
import { createLogger } from '../../bot/log';
import { createAdapter, createServer } from '../../bot/server';
import { PartnerScoreBot } from '../../bot/teamsBot';
import { demoSnapshot } from '../cards/fixtures';

const log = createLogger({ name: 'test', level: 'silent' });
const contoso = demoSnapshot('contoso-security');

/** A local stand-in for the Bot Framework connector: records the replies the bot posts. */
async function fakeConnector(): Promise<{
  url: string;
  replies: { path: string; body: Record<string, unknown> }[];
  server: HttpServer;
}> {
  const replies: { path: string; body: Record<string, unknown> }[] = [];
  const server = createHttpServer((req: IncomingMessage, res) => {
    let raw = '';
    req.on('data', (d: Buffer) => (raw += d.toString()));
    req.on('end', () => {
      replies.push({ path: req.url ?? '', body: JSON.parse(raw || '{}') as Record<string, unknown> });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `reply-${replies.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, replies, server };
}

async function botServer(env: NodeJS.ProcessEnv, failing = false): Promise<{ url: string; server: Server }> {
  const config = readConfig(botConfigSchema, env);
  const bot = new PartnerScoreBot({
    directory: {
      partnerForTenant: async (t) => (t === 'tenant-contoso' ? '4012345' : undefined),
      get: async () => ({
        id: 'registration',
        type: 'registration',
        partnerId: '4012345',
        name: 'Contoso Security Ltd',
        tenantIds: ['tenant-contoso'],
        adminObjectIds: [],
        adminsOnly: false,
        createdAt: 'x',
        updatedAt: 'x',
      }),
    },
    scores: {
      current: async () => {
        if (failing) throw new Error('store exploded (test)');
        return { versionId: 'v1', head: contoso.head };
      },
      findCustomers: async () => [],
    },
    conversations: {
      save: async () => undefined,
      remove: async () => undefined,
      subscribe: async () => undefined,
      unsubscribe: async () => false,
    },
    log,
    today: () => '2026-11-22',
  });
  const server = createServer({
    adapter: createAdapter(config, log),
    bot,
    health: { check: async () => ({ store: 'ok', mode: 'embedded', partnersWithData: 1 }) },
    log,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

function activity(serviceUrl: string, over: Record<string, unknown>): Record<string, unknown> {
  return {
    type: 'message',
    id: 'incoming-1',
    channelId: 'msteams',
    serviceUrl,
    from: { id: 'user-1', name: 'Ana', aadObjectId: 'oid-1' },
    recipient: { id: 'bot-1', name: 'Partner Score Bot' },
    conversation: { id: 'conv-1', conversationType: 'personal', tenantId: 'tenant-contoso' },
    channelData: { tenant: { id: 'tenant-contoso' } },
    ...over,
  };
}

describe('HTTP: POST /api/messages', () => {
  let connector: Awaited<ReturnType<typeof fakeConnector>>;
  beforeAll(async () => {
    connector = await fakeConnector();
  });
  afterAll(() => connector.server.close());

  test('local mode (no app id): a question is answered through the connector with the score card', async () => {
    const { url, server } = await botServer({});
    try {
      const response = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity(connector.url, { text: "what's our Security score?" })),
      });
      expect(response.status).toBe(200);
      const reply = connector.replies.at(-1)!;
      expect(reply.path).toBe('/v3/conversations/conv-1/activities/incoming-1');
      const card = (
        reply.body.attachments as { contentType: string; content: { body: { text?: string }[] } }[]
      )[0]!;
      expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
      expect(card.content.body[0]!.text).toBe('Contoso Security Ltd — Solutions Partner for Security');
    } finally {
      server.close();
    }
  }, 30_000);

  test('a card action (invoke) is answered in the HTTP response with the updated card', async () => {
    const { url, server } = await botServer({});
    try {
      const response = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(
          activity(connector.url, {
            type: 'invoke',
            name: 'adaptiveCard/action',
            value: { action: { type: 'Action.Execute', verb: 'gaps', data: { path: 'enterprise' } } },
          }),
        ),
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as {
        statusCode: number;
        type: string;
        value: { body: { text?: string }[] };
      };
      expect(body.statusCode).toBe(200);
      expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
      expect(body.value.body[0]!.text).toBe("What's missing — Enterprise path (23.33 / 100)");
    } finally {
      server.close();
    }
  }, 30_000);

  test('with an app id configured, a request without a valid token gets 401 and no answer', async () => {
    const { url, server } = await botServer({
      MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
      MicrosoftAppTenantId: '66666666-7777-8888-9999-000000000000',
      MicrosoftAppPassword: 'not-a-real-secret',
    });
    const before = connector.replies.length;
    try {
      const attempts: Record<string, string>[] = [{}, { authorization: 'Bearer not-a-token' }];
      for (const headers of attempts) {
        const response = await fetch(`${url}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify(activity(connector.url, { text: 'score' })),
        });
        expect(response.status).toBe(401);
      }
      expect(connector.replies.length).toBe(before);
    } finally {
      server.close();
    }
  }, 30_000);

  test('a failing turn: the user gets a neutral error card with a correlation id, the log gets the details', async () => {
    const { url, server } = await botServer({}, true);
    try {
      const response = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity(connector.url, { text: 'score' })),
      });
      expect(response.status).toBe(200);
      const card = (
        connector.replies.at(-1)!.body.attachments as { content: { body: { text?: string }[] } }[]
      )[0]!.content;
      expect(card.body[0]!.text).toBe('Something went wrong');
      expect(card.body.map((b) => b.text).join(' ')).toMatch(/reference: [0-9a-f-]{36}/);
      expect(JSON.stringify(card)).not.toContain('exploded');
    } finally {
      server.close();
    }
  }, 30_000);

  test('GET /healthz reports the store and the partners with data', async () => {
    const { url, server } = await botServer({});
    try {
      const response = await fetch(`${url}/healthz`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        status: 'ok',
        store: 'ok',
        mode: 'embedded',
        partnersWithData: 1,
      });
    } finally {
      server.close();
    }
  });

  test('configuration: an app id needs its tenant and, for SingleTenant, a secret', () => {
    expect(() => readConfig(botConfigSchema, { MicrosoftAppId: 'x' })).toThrow(
      /MicrosoftAppTenantId: is required with MicrosoftAppId[\s\S]*MicrosoftAppPassword: is required/,
    );
    expect(
      readConfig(botConfigSchema, {
        MicrosoftAppId: 'x',
        MicrosoftAppTenantId: 't',
        MicrosoftAppType: 'UserAssignedMSI',
      }).PORT,
    ).toBe(3978);
  });
});
