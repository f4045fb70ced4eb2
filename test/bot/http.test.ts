import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from 'restify';
import { readConfig, botConfigSchema } from '../../bot/config';
import { createLogger } from '../../bot/log';
import { triggerAuthenticator, type TriggerAuthenticator } from '../../bot/reminders/trigger';
import type { RunSummary } from '../../bot/reminders/run';
import { createAdapter, createServer } from '../../bot/server';
import { PartnerScoreBot } from '../../bot/teamsBot';
import { demoSnapshot } from '../cards/fixtures';
import { ignoredConversations, noReminders } from './fakes';

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

const runSummary: RunSummary = {
  runId: 'run-1',
  trigger: 'http',
  today: '2026-11-22',
  partners: 1,
  failedPartners: 0,
  planned: 0,
  report: {
    deliveries: 0,
    sent: 0,
    throttledThenSent: 0,
    gone: 0,
    failed: 0,
    alreadyDone: 0,
    busy: 0,
    released: 0,
    deferred: 0,
    retries: 0,
    throttled: 0,
    unrecorded: 0,
    possiblyRepeated: 0,
    durationMs: 1,
  },
};
/** Reminder runs the trigger endpoint started. */
const runs: string[] = [];

async function botServer(
  env: NodeJS.ProcessEnv,
  failing = false,
  triggerAuth: TriggerAuthenticator = triggerAuthenticator({}),
): Promise<{ url: string; server: Server }> {
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
    conversations: ignoredConversations,
    log,
    today: () => '2026-11-22',
    reminders: noReminders,
  });
  const server = createServer({
    adapter: createAdapter(config, log),
    bot,
    health: { check: async () => ({ store: 'ok', mode: 'embedded', partnersWithData: 1 }) },
    log,
    reminders: {
      runner: {
        run: async (trigger) => {
          runs.push(trigger);
          return runSummary;
        },
      },
      auth: triggerAuth,
    },
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

describe('HTTP: POST /api/reminders/run (for an external scheduler)', () => {
  const secret = 'a-shared-secret-of-at-least-32-characters!';
  const appId = '11111111-2222-3333-4444-555555555555';
  const tenantId = '99999999-8888-7777-6666-555555555555';

  async function trigger(url: string, authorization?: string): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${url}/api/reminders/run`, {
      method: 'POST',
      headers: authorization ? { authorization } : {},
    });
    return { status: response.status, body: await response.json() };
  }

  test('with no secret and no app id configured, every call is refused (never open)', async () => {
    const { url, server } = await botServer({});
    try {
      const before = runs.length;
      expect(await trigger(url)).toMatchObject({ status: 401, body: { code: 'UNAUTHORIZED' } });
      expect(await trigger(url, `Bearer ${secret}`)).toMatchObject({
        status: 401,
        body: { message: expect.stringContaining('REMINDER_TRIGGER_SECRET') },
      });
      expect(runs.length).toBe(before);
    } finally {
      server.close();
    }
  });

  test('shared secret: missing and wrong credentials get 401 and start nothing; the right one runs and reports', async () => {
    const { url, server } = await botServer({}, false, triggerAuthenticator({ secret }));
    try {
      const before = runs.length;
      expect((await trigger(url)).status).toBe(401);
      expect((await trigger(url, `Bearer ${secret}x`)).status).toBe(401);
      expect((await trigger(url, secret)).status).toBe(401);
      expect((await trigger(url, 'Basic abc')).status).toBe(401);
      expect(runs.length).toBe(before);
      expect(await trigger(url, `Bearer ${secret}`)).toEqual({ status: 200, body: runSummary });
      expect(runs.slice(before)).toEqual(['http']);
    } finally {
      server.close();
    }
  });

  test("Entra ID token: accepted only when signed by the tenant's keys for the bot's app id and not expired", async () => {
    const { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair } = await import('jose');
    const tenantKey = await generateKeyPair('RS256');
    const otherKey = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(tenantKey.publicKey)), kid: 'tenant-key', alg: 'RS256' };
    const keys = createLocalJWKSet({ keys: [jwk] });
    const token = (over: { aud?: string; iss?: string; exp?: string; key?: typeof tenantKey.privateKey }) =>
      new SignJWT({ azp: 'scheduler-client-id' })
        .setProtectedHeader({ alg: 'RS256', kid: 'tenant-key' })
        .setAudience(over.aud ?? appId)
        .setIssuer(over.iss ?? `https://login.microsoftonline.com/${tenantId}/v2.0`)
        .setIssuedAt()
        .setExpirationTime(over.exp ?? '10m')
        .sign(over.key ?? tenantKey.privateKey);
    const { url, server } = await botServer(
      {},
      false,
      triggerAuthenticator({ entra: { appId, tenantId, keys } }),
    );
    try {
      const before = runs.length;
      expect((await trigger(url, `Bearer ${await token({ aud: 'api://another-app' })}`)).status).toBe(401);
      expect(
        (await trigger(url, `Bearer ${await token({ iss: 'https://login.microsoftonline.com/other/v2.0' })}`))
          .status,
      ).toBe(401);
      expect((await trigger(url, `Bearer ${await token({ key: otherKey.privateKey })}`)).status).toBe(401);
      expect((await trigger(url, `Bearer ${await token({ exp: '-10m' })}`)).status).toBe(401);
      expect((await trigger(url, `Bearer not.a.token`)).status).toBe(401);
      expect(runs.length).toBe(before);
      expect((await trigger(url, `Bearer ${await token({})}`)).status).toBe(200);
      expect(runs.length).toBe(before + 1);
    } finally {
      server.close();
    }
    // With allowed callers configured, a valid token of another client of the tenant is refused.
    const restricted = await botServer(
      {},
      false,
      triggerAuthenticator({ entra: { appId, tenantId, keys, allowedCallers: ['the-scheduler'] } }),
    );
    try {
      const before = runs.length;
      expect(await trigger(restricted.url, `Bearer ${await token({})}`)).toMatchObject({
        status: 401,
        body: { message: expect.stringContaining('not an allowed caller') },
      });
      expect(runs.length).toBe(before);
    } finally {
      restricted.server.close();
    }
  });
});
