import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { gunzipSync } from 'node:zlib';
import { generate } from 'selfsigned';

const root = path.resolve(__dirname, '../..');

describe('startTelemetry', () => {
  test('without a connection string: off, and the telemetry SDK is never loaded', () => {
    jest.isolateModules(() => {
      jest.doMock('@azure/monitor-opentelemetry', () => {
        throw new Error('the telemetry SDK was loaded');
      });
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { startTelemetry } = require('../../bot/telemetry') as typeof import('../../bot/telemetry');
      expect(startTelemetry({})).toBe('off');
      expect(startTelemetry({ APPLICATIONINSIGHTS_CONNECTION_STRING: ' ' })).toBe('off');
    });
  });

  test('a malformed connection string is a configuration error naming the variable', () => {
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { startTelemetry } = require('../../bot/telemetry') as typeof import('../../bot/telemetry');
      expect(() => startTelemetry({ APPLICATIONINSIGHTS_CONNECTION_STRING: 'https://example.com' })).toThrow(
        expect.objectContaining({
          code: 'CONFIG_INVALID',
          message: expect.stringContaining(
            'APPLICATIONINSIGHTS_CONNECTION_STRING: must be an Application Insights connection string',
          ),
        }),
      );
    });
  });
});

interface Envelope {
  name: string;
  tags: Record<string, string>;
  data: { baseType: string; baseData: Record<string, unknown> };
}

/** Application Insights ingestion on loopback (HTTPS: the exporter upgrades every endpoint to it). */
async function fakeIngestion(): Promise<{
  url: string;
  envelopes: Envelope[];
  raw: string[];
  server: Server;
  ca: string;
}> {
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec',
    curve: 'P-256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  });
  const envelopes: Envelope[] = [];
  const raw: string[] = [];
  const server = createHttpsServer({ cert: pems.cert, key: pems.private }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body = Buffer.concat(chunks);
      if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
      raw.push(body.toString());
      if (req.url?.startsWith('/v2.1/track')) envelopes.push(...(JSON.parse(body.toString()) as Envelope[]));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ itemsReceived: 1, itemsAccepted: 1, errors: [] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    envelopes,
    raw,
    server,
    ca: pems.cert,
  };
}

/** The Bot Framework connector on loopback: takes the bot's replies. */
async function fakeConnector(): Promise<{ url: string; server: Server }> {
  const server = createHttpServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"id":"reply-1"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createHttpServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function until<T>(what: string, find: () => T | undefined, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('the bot with APPLICATIONINSIGHTS_CONNECTION_STRING', () => {
  let ingestion: Awaited<ReturnType<typeof fakeIngestion>>;
  let connector: Awaited<ReturnType<typeof fakeConnector>>;
  let child: ChildProcess;
  let workDir: string;
  const lines: string[] = [];

  beforeAll(async () => {
    ingestion = await fakeIngestion();
    connector = await fakeConnector();
    workDir = mkdtempSync(path.join(tmpdir(), 'telemetry-test-'));
    writeFileSync(path.join(workDir, 'ca.pem'), ingestion.ca);
  });

  afterAll(async () => {
    if (child?.exitCode === null) {
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        process.kill(child.pid!, 'SIGTERM');
      });
    }
    ingestion.server.close();
    connector.server.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  test('requests, dependencies and the JSON logs reach Application Insights under one operation id, without secrets', async () => {
    const port = await freePort();
    child = spawn(
      process.execPath,
      ['--require', './test/bot/loopback-only.js', '--import', 'tsx', 'bot/index.ts'],
      {
        cwd: root,
        env: {
          ...process.env,
          PORT: String(port),
          EMBEDDED_COSMOS_PORT: String(await freePort()),
          COSMOS_ENDPOINT: '',
          COSMOS_KEY: '',
          SEED_DATASETS: '',
          MicrosoftAppId: '',
          LOG_LEVEL: 'info',
          APPLICATIONINSIGHTS_CONNECTION_STRING: `InstrumentationKey=00000000-0000-0000-0000-00000000a11c;IngestionEndpoint=${ingestion.url};LiveEndpoint=${ingestion.url}`,
          NODE_EXTRA_CA_CERTS: path.join(workDir, 'ca.pem'),
          // Every trace (the default samples 5 per second, and seeding the embedded store makes many).
          OTEL_TRACES_SAMPLER: 'always_on',
          // The SDK's own usage statistics go to Microsoft: not from a test.
          APPLICATIONINSIGHTS_STATSBEAT_DISABLED: 'true',
          APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
        },
      },
    );
    createInterface({ input: child.stdout! }).on('line', (line) => lines.push(line));
    await until('the ready log line', () => lines.find((l) => l.includes('"msg":"ready"')));

    const base = `http://127.0.0.1:${port}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const question = "what's our Security score?";
    const posted = await fetch(`${base}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer not-a-real-token-0123456789' },
      body: JSON.stringify({
        type: 'message',
        id: 'incoming-1',
        channelId: 'msteams',
        serviceUrl: connector.url,
        from: { id: 'user-1', aadObjectId: 'object-1' },
        recipient: { id: 'bot' },
        conversation: { id: 'conversation-1', tenantId: '00000000-0000-0000-0000-0000000000001' },
        channelData: { tenant: { id: '00000000-0000-0000-0000-0000000000001' } },
        text: question,
      }),
    });
    expect(posted.status).toBe(200);

    // The log line written while handling the message carries the request's trace id.
    const logged = await until('the message log line', () =>
      lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'message'),
    );
    expect(logged).toMatchObject({ intent: 'score', trace_id: expect.stringMatching(/^[0-9a-f]{32}$/) });
    const operation = logged.trace_id as string;

    // In one operation: the request, the store read of the sender's tenant and the reply's call.
    const inOperation = (type: string, name: string): Envelope | undefined =>
      ingestion.envelopes.find(
        (e) =>
          e.data.baseType === type &&
          e.tags['ai.operation.id'] === operation &&
          String(e.data.baseData.name).startsWith(name),
      );
    const request = await until('the request record', () => inOperation('RequestData', 'POST /api/messages'));
    expect(request.data.baseData).toMatchObject({ responseCode: '200', success: true });
    await until('the store read', () =>
      inOperation('RemoteDependencyData', 'GET /dbs/partner-score-bot/colls/tenants/docs/'),
    );
    await until('the reply to the connector', () =>
      inOperation('RemoteDependencyData', 'POST /v3/conversations/conversation-1/activities'),
    );
    const message = await until('the exported log record', () =>
      ingestion.envelopes.find(
        (e) => e.data.baseType === 'MessageData' && e.data.baseData.message === 'message',
      ),
    );
    expect(message.tags['ai.operation.id']).toBe(operation);
    // Health probes make no request records; nothing secret or typed by the user is exported.
    expect(ingestion.envelopes.filter((e) => String(e.data.baseData.url).endsWith('/healthz'))).toEqual([]);
    const exported = ingestion.raw.join('\n');
    expect(exported).not.toContain('not-a-real-token');
    expect(exported).not.toContain(question);
    // Even with the SDK on, stdout is JSON lines only.
    expect(lines.filter((l) => !l.startsWith('{'))).toEqual([]);
  }, 90_000);
});
