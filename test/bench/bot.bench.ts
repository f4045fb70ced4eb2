/**
 * Bot benchmark: `npm run bench:bot` (or `npm run --silent bench:bot` for the JSON line only).
 *
 * The bot runs as `npm start` runs it, in a child process: `node dist-bench/bot/index.js`, the
 * compiled composition root (embedded store on a free port, the demo partners seeded, restify on a
 * free port, local mode: no MicrosoftAppId, LOG_LEVEL info unless set). This process then:
 *   1. attaches to the child's embedded store, as `npm run import` does, and imports 1,000 partners
 *      (copies of bot/demo/contoso-security.json with distinct partnerId, name and partner.tenantId,
 *      each registered to its tenant) with bounded concurrency;
 *   2. runs a local fake Bot Framework connector (a plain node http server answering 200
 *      `{"id":"…"}`) that records when each reply arrives, keyed by the reply's conversation id and
 *      replyToId (`POST /v3/conversations/<conversation>/activities/<replyToId>`);
 *   3. sends "what's our Security score?" over HTTP (POST /api/messages, `serviceUrl` = the connector)
 *      from CONCURRENCY closed-loop senders: one virtual user per partner tenant, each with its own
 *      conversation, the users spread over the senders round robin. A question's latency is from
 *      sending the request to its reply arriving at the connector; an error is a non-200 response, a
 *      missing reply, or a reply that is not that partner's score card (an error card, "not
 *      connected", …). Warm-up questions first, then QUESTIONS measured ones;
 *   4. sends card clicks (invoke `adaptiveCard/action`, verb `gaps`, path `enterprise`), timed to the
 *      HTTP response, which carries the updated card (checked: that partner's gaps card).
 * Prints exactly one JSON line on stdout; progress and the targets go to stderr. Exit code 1 when
 * something fails (a missed target is reported, not a failure). The child is stopped by its PID.
 *
 * To profile the bot: `BENCH_BOT_CPU_PROF=dir npm run bench:bot` runs the child with
 * `node --cpu-prof --cpu-prof-dir=dir` (the profile is written when it stops).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { Agent, createServer as createHttpServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { readConfig, storeConfigSchema } from '../../bot/config';
import { importDataset, type ImportDependencies } from '../../bot/import/importDataset';
import { createLogger } from '../../bot/log';
import { newVersionId } from '../../bot/runtime';
import { openStore, type Store } from '../../bot/store/cosmos';
import { PartnerRepository } from '../../bot/store/partners';
import { VersionRepository } from '../../bot/store/versions';
import { projectFile, startStoreProcess } from './processes';

const PARTNERS = 1_000;
const PARTNER_ID_BASE = 5_000_000;
/** Partner imports in flight at once. */
const SETUP_CONCURRENCY = 16;
/** Closed-loop senders: each waits for its answer before it sends the next question. */
const CONCURRENCY = 50;
const WARMUP_QUESTIONS = 500;
const QUESTIONS = 5_000;
/** Open-loop questions at the target rate, after the closed loop. */
const PACED_QUESTIONS = 3_000;
const WARMUP_INVOKES = 100;
const INVOKES = 1_000;
/** How long a question waits for its reply after its HTTP response before it counts as missing. */
const REPLY_TIMEOUT_MS = 5_000;
const QUESTION = "what's our Security score?";
const TARGETS = { questionsPerSec: 200, p99Ms: 100, errors: 0, invokeP99Ms: 100 };
const PACED_PER_SEC = TARGETS.questionsPerSec;
/** When the bot falls behind the paced rate, at most this many questions wait for answers. */
const PACED_MAX_IN_FLIGHT = 200;
const DEMO_FILES = ['contoso-security.json', 'northwind-cyber.json'].map((f) => path.join('bot', 'demo', f));
const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

/**
 * `questionsPerSec` is the most the bot sustains (50 concurrent senders); the latencies are measured
 * at the target rate (questions and card actions paced at 200/s), as "≥ 200 questions/s with p99 ≤
 * 100 ms" asks; the saturated latencies (pure queueing once the bot is at its limit) are kept apart.
 */
export interface BotBenchLine {
  readonly questionsPerSec: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  /** Over every phase. */
  readonly errors: number;
  readonly invokeP99Ms: number;
  readonly atPerSec: number;
  readonly questions: number;
  readonly invokes: number;
  readonly concurrency: number;
  readonly partners: number;
  readonly saturatedP50Ms: number;
  readonly saturatedP99Ms: number;
  readonly saturatedInvokesPerSec: number;
  readonly saturatedInvokeP99Ms: number;
  readonly setupMs: number;
  readonly botPeakRssMb: number | null;
}

const log = (message: string): void => {
  process.stderr.write(`${message}\n`);
};
const round1 = (n: number): number => Math.round(n * 10) / 10;
const round2 = (n: number): number => Math.round(n * 100) / 100;

/** Nearest-rank percentile of ascending `sorted` (p in 0…100). */
function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

const partnerIdOf = (i: number): string => String(PARTNER_ID_BASE + i);
const partnerNameOf = (i: number): string => `Bench Partner ${i + 1}`;
const tenantOf = (i: number): string => `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`;

// ---------------------------------------------------------------------------------------------
// The bot in a child process

interface BotProcess {
  readonly child: ChildProcess;
  readonly botUrl: string;
  readonly storePort: number;
  /** Error and fatal log lines the bot wrote after it was ready. */
  readonly errorLogs: () => string[];
  stop(): Promise<void>;
}

/** Starts `node dist-bench/bot/index.js` against the store on `storePort` and waits for its `ready` log line. */
async function startBot(storePort: number): Promise<BotProcess> {
  const entry = path.join(__dirname, '..', '..', 'bot', 'index.js');
  if (!existsSync(entry)) throw new Error(`${entry} not found: compile with tsc -p tsconfig.bench.json`);
  const profileDir = process.env.BENCH_BOT_CPU_PROF;
  const child = spawn(
    process.execPath,
    [...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir)}`] : []), entry],
    {
      cwd: path.dirname(projectFile('package.json')),
      // The store process and local mode: settings in the environment or a .env file are
      // deliberately overridden (dotenv never replaces a variable that is set, even to '').
      env: {
        ...process.env,
        COSMOS_ENDPOINT: `http://127.0.0.1:${storePort}`,
        COSMOS_KEY: 'bench-local-store-has-no-secret',
        EMBEDDED_COSMOS_PORT: '0',
        PORT: '0',
        MicrosoftAppId: '',
        MicrosoftAppPassword: '',
        MicrosoftAppTenantId: '',
        SEED_DATASETS: '',
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const killOnExit = (): void => {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      try {
        process.kill(child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  };
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const errors: string[] = [];
  let ready = false;
  const started = new Promise<{ botPort: number }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the bot did not log "ready" within 120 s')), 120_000);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the bot exited before it was ready (code ${code}, signal ${signal})`));
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (ready) {
        // The hot path logs at info: only errors are looked at (cheaply) once the bot runs.
        if (line.includes('"level":50') || line.includes('"level":60')) errors.push(line);
        return;
      }
      let entry: { msg?: string; port?: number; level?: number };
      try {
        entry = JSON.parse(line) as typeof entry;
      } catch {
        return;
      }
      if ((entry.level ?? 0) >= 50) errors.push(line);
      if (entry.msg === 'ready' && typeof entry.port === 'number') {
        ready = true;
        clearTimeout(timer);
        resolve({ botPort: entry.port });
      }
    });
  });

  try {
    const { botPort } = await started;
    return {
      child,
      botUrl: `http://127.0.0.1:${botPort}`,
      storePort,
      errorLogs: () => errors,
      stop: async () => {
        if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
          process.kill(child.pid, 'SIGTERM');
          const timer = setTimeout(killOnExit, 10_000);
          await exited;
          clearTimeout(timer);
        }
        process.removeListener('exit', killOnExit);
      },
    };
  } catch (error) {
    killOnExit();
    throw error;
  }
}

/** The peak resident set of a process (Linux /proc), or null where that is not available. */
function peakRssMb(pid: number | undefined): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
    return kb ? Math.round(Number(kb) / 1024) : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// 1,000 partners, imported into the bot's store as `npm run import` does

type SmallDataset = { partner: Record<string, unknown> };

function importDependencies(store: Store, keepVersions: number): ImportDependencies {
  return {
    partners: new PartnerRepository(store.containers.partners, store.containers.tenants),
    versions: new VersionRepository(store.containers.partners, store.containers.datasetChunks),
    log: createLogger({ name: 'bench-bot', level: 'warn', destination: 'stderr' }),
    now: () => new Date(),
    newVersionId: () => newVersionId(),
    keepVersions,
    futureToleranceDays: 1,
  };
}

async function importPartners(storePort: number): Promise<void> {
  const demo = JSON.parse(readFileSync(projectFile(DEMO_FILES[0]!), 'utf8')) as SmallDataset;
  const config = readConfig(storeConfigSchema, { EMBEDDED_COSMOS_PORT: String(storePort) });
  const store = await openStore(config, createLogger({ name: 'bench-bot', level: 'silent' }), {
    embedded: 'attach',
  });
  try {
    const deps = importDependencies(store, config.DATASET_VERSIONS_KEPT);
    const t0 = performance.now();
    let next = 0;
    let done = 0;
    const worker = async (): Promise<void> => {
      while (next < PARTNERS) {
        const i = next++;
        const document = {
          ...demo,
          partner: {
            ...demo.partner,
            partnerId: partnerIdOf(i),
            name: partnerNameOf(i),
            tenantId: tenantOf(i),
          },
        };
        const outcome = await importDataset(deps, { document, source: 'contoso-security.json' });
        if (!outcome.ok)
          throw new Error(`partner ${partnerIdOf(i)} rejected: ${JSON.stringify(outcome.errors)}`);
        if (!outcome.summary.current || outcome.summary.registeredTenant !== tenantOf(i))
          throw new Error(`partner ${partnerIdOf(i)} did not become current or was not registered`);
        if (++done % 200 === 0)
          log(`[partners] ${done}/${PARTNERS} imported, ${Math.round(performance.now() - t0)} ms`);
      }
    };
    await Promise.all(Array.from({ length: SETUP_CONCURRENCY }, worker));
  } finally {
    await store.close();
  }
}

// ---------------------------------------------------------------------------------------------
// The fake connector and the HTTP client

interface Reply {
  readonly at: number;
  readonly conversation: string;
  readonly body: { type?: string; attachments?: { contentType?: string; content?: CardJson }[] };
}
type CardJson = { body?: { text?: string }[] };

/**
 * A local stand-in for the Bot Framework connector. Replies are kept by replyToId until the question
 * asks for its reply; one that has not arrived REPLY_TIMEOUT_MS after that is missing.
 */
async function fakeConnector(): Promise<{
  url: string;
  waitFor(replyToId: string): Promise<Reply | undefined>;
  unexpected: () => number;
  close(): Promise<void>;
}> {
  const waiters = new Map<string, (reply: Reply) => void>();
  const early = new Map<string, Reply>();
  let unexpected = 0;
  let n = 0;
  const server = createHttpServer((req: IncomingMessage, res) => {
    const parts: Buffer[] = [];
    req.on('data', (d: Buffer) => parts.push(d));
    req.on('end', () => {
      const at = performance.now();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `reply-${++n}` }));
      const match = /^\/v3\/conversations\/([^/]+)\/activities\/([^/?]+)$/.exec(req.url ?? '');
      if (req.method !== 'POST' || !match) {
        unexpected++;
        return;
      }
      let body: Reply['body'];
      try {
        body = JSON.parse(Buffer.concat(parts).toString('utf8')) as Reply['body'];
      } catch {
        body = {};
      }
      const reply = { at, conversation: decodeURIComponent(match[1]!), body };
      const replyToId = decodeURIComponent(match[2]!);
      const waiter = waiters.get(replyToId);
      if (waiter) waiter(reply);
      else early.set(replyToId, reply);
    });
  });
  // Like the Bot Framework service, keep the bot's connections open well beyond a pause: the node
  // default (5 s) races the bot's own idle timeout and would fail replies that are not the bot's fault.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    waitFor: (replyToId) => {
      const arrived = early.get(replyToId);
      if (arrived) {
        early.delete(replyToId);
        return Promise.resolve(arrived);
      }
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          waiters.delete(replyToId);
          resolve(undefined);
        }, REPLY_TIMEOUT_MS);
        timer.unref();
        waiters.set(replyToId, (reply) => {
          clearTimeout(timer);
          waiters.delete(replyToId);
          resolve(reply);
        });
      });
    },
    unexpected: () => unexpected,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Keep-alive connections to the bot, at most one per request in flight (the closed loop holds
 * CONCURRENCY; the open loop as many as it needs). An idle connection is dropped after 4 s, before
 * the bot's server closes it (5 s): reusing one just as the server closes it fails with ECONNRESET,
 * an artefact of the client, not an answer of the bot. FIFO keeps every pooled connection in use.
 */
const agent = new Agent({ keepAlive: true, scheduling: 'fifo', timeout: 4_000 });

function post(url: string, body: unknown): Promise<{ status: number; text: string }> {
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': payload.length },
      },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (d: Buffer) => parts.push(d));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(parts).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

function activity(serviceUrl: string, user: number, id: string, over: Record<string, unknown>): object {
  const tenantId = tenantOf(user);
  return {
    type: 'message',
    id,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from: { id: `29:bench-user-${user}`, name: `Bench User ${user}`, aadObjectId: `bench-oid-${user}` },
    recipient: { id: '28:partner-score-bot', name: 'Partner Score Bot' },
    conversation: { id: `bench-conv-${user}`, conversationType: 'personal', tenantId },
    channelData: { tenant: { id: tenantId } },
    locale: 'en-US',
    ...over,
  };
}

const firstText = (card: CardJson | undefined): string | undefined => card?.body?.[0]?.text;

// ---------------------------------------------------------------------------------------------
// Load

interface Run {
  readonly times: number[];
  readonly errors: number;
  readonly errorKinds: Record<string, number>;
  readonly elapsedMs: number;
}

type Outcome = number | { error: string };

/** Collects latencies and errors (by kind) of one phase. */
class Tally {
  readonly times: number[] = [];
  readonly errorKinds: Record<string, number> = {};
  errors = 0;
  private readonly t0 = performance.now();

  async attempt(one: () => Promise<Outcome>): Promise<void> {
    let outcome: Outcome;
    try {
      outcome = await one();
    } catch (error) {
      outcome = { error: `request failed: ${error instanceof Error ? error.message : String(error)}` };
    }
    if (typeof outcome === 'number') this.times.push(outcome);
    else {
      this.errors++;
      this.errorKinds[outcome.error] = (this.errorKinds[outcome.error] ?? 0) + 1;
    }
  }

  done(): Run {
    const elapsedMs = performance.now() - this.t0;
    return {
      times: this.times.sort((a, b) => a - b),
      errors: this.errors,
      errorKinds: this.errorKinds,
      elapsedMs,
    };
  }
}

/**
 * Closed loop: `count` requests from CONCURRENCY senders, each waiting for its answer before it
 * sends the next; sender s serves the virtual users s, s + CONCURRENCY, … (one per partner tenant).
 */
async function drive(count: number, one: (user: number) => Promise<Outcome>): Promise<Run> {
  const tally = new Tally();
  let issued = 0;
  const sender = async (s: number): Promise<void> => {
    for (let k = 0; issued < count; k++) {
      issued++;
      await tally.attempt(() => one((s + k * CONCURRENCY) % PARTNERS));
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, (_, s) => sender(s)));
  return tally.done();
}

/**
 * Open loop: `count` requests at a fixed rate whatever the answers take (question i from virtual
 * user i mod PARTNERS): the latency at that offered load, without the queueing a saturated closed
 * loop builds up.
 */
async function paced(count: number, perSec: number, one: (user: number) => Promise<Outcome>): Promise<Run> {
  const tally = new Tally();
  const t0 = performance.now();
  const all: Promise<void>[] = [];
  let inFlight = 0;
  const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
  for (let i = 0; i < count; i++) {
    const wait = t0 + (i * 1000) / perSec - performance.now();
    if (wait >= 1) await sleep(wait);
    // The bot is behind: wait for answers (the run then shows a rate below the paced one).
    while (inFlight >= PACED_MAX_IN_FLIGHT) await sleep(1);
    inFlight++;
    all.push(tally.attempt(() => one(i % PARTNERS)).finally(() => inFlight--));
  }
  await Promise.all(all);
  return tally.done();
}

let sequence = 0;

async function question(
  botUrl: string,
  connector: Awaited<ReturnType<typeof fakeConnector>>,
  user: number,
): Promise<Outcome> {
  const id = `q-${++sequence}`;
  const body = activity(connector.url, user, id, { text: QUESTION });
  const t = performance.now();
  const response = await post(`${botUrl}/api/messages`, body);
  if (response.status !== 200) return { error: `HTTP ${response.status}` };
  // The adapter answers the POST once the turn is over, so the reply normally arrived before.
  const reply = await connector.waitFor(id);
  if (!reply) return { error: 'no reply' };
  if (reply.conversation !== `bench-conv-${user}`) return { error: 'reply in another conversation' };
  const attachment = reply.body.attachments?.[0];
  if (reply.body.type !== 'message' || attachment?.contentType !== ADAPTIVE_CARD)
    return { error: 'reply is not an Adaptive Card' };
  const title = firstText(attachment.content);
  if (title !== `${partnerNameOf(user)} — Solutions Partner for Security`)
    return { error: `wrong card: ${String(title).replace(/\d+/g, 'N').slice(0, 60)}` };
  return reply.at - t;
}

async function invoke(botUrl: string, serviceUrl: string, user: number): Promise<Outcome> {
  const body = activity(serviceUrl, user, `i-${++sequence}`, {
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb: 'gaps', data: { path: 'enterprise' } } },
  });
  const t = performance.now();
  const response = await post(`${botUrl}/api/messages`, body);
  const ms = performance.now() - t;
  if (response.status !== 200) return { error: `HTTP ${response.status}` };
  let parsed: { statusCode?: number; type?: string; value?: CardJson };
  try {
    parsed = JSON.parse(response.text) as typeof parsed;
  } catch {
    return { error: 'invoke response is not JSON' };
  }
  if (parsed.statusCode !== 200 || parsed.type !== ADAPTIVE_CARD)
    return { error: `invoke response ${parsed.statusCode} ${parsed.type}` };
  const title = firstText(parsed.value);
  if (!title?.startsWith("What's missing — Enterprise path ("))
    return { error: `wrong card: ${String(title).replace(/\d+/g, 'N').slice(0, 60)}` };
  return ms;
}

function summary(name: string, run: Run): string {
  const t = run.times;
  return (
    `[${name}] ${t.length + run.errors} in ${Math.round(run.elapsedMs)} ms ` +
    `(${Math.round(((t.length + run.errors) / run.elapsedMs) * 1000)}/s): p50 ${round2(percentile(t, 50))} ms, ` +
    `p95 ${round2(percentile(t, 95))} ms, p99 ${round2(percentile(t, 99))} ms, ` +
    `max ${round2(t[t.length - 1] ?? Number.NaN)} ms; errors ${run.errors}` +
    (run.errors > 0 ? ` ${JSON.stringify(run.errorKinds)}` : '')
  );
}

const machine = (): string =>
  `${cpus().length} CPUs, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`;

async function main(): Promise<BotBenchLine> {
  log(`[machine] ${machine()}`);
  let t = performance.now();
  const store = await startStoreProcess();
  const bot = await startBot(store.port);
  log(
    `[bot] pid ${bot.child.pid} ready on ${bot.botUrl} (store 127.0.0.1:${bot.storePort}) in ${Math.round(performance.now() - t)} ms`,
  );
  const connector = await fakeConnector();
  try {
    t = performance.now();
    await importPartners(store.port);
    const setupMs = performance.now() - t;
    log(`[partners] ${PARTNERS} partners imported in ${Math.round(setupMs)} ms`);

    const ask = (user: number): Promise<Outcome> => question(bot.botUrl, connector, user);
    const click = (user: number): Promise<Outcome> => invoke(bot.botUrl, connector.url, user);

    log(summary('warm-up questions', await drive(WARMUP_QUESTIONS, ask)));
    const questions = await drive(QUESTIONS, ask);
    log(summary('questions', questions));
    const pacedRun = await paced(PACED_QUESTIONS, PACED_PER_SEC, ask);
    log(summary(`questions paced at ${PACED_PER_SEC}/s`, pacedRun));
    log(summary('warm-up invokes', await drive(WARMUP_INVOKES, click)));
    const invokes = await drive(INVOKES, click);
    log(summary('invokes', invokes));
    const pacedInvokes = await paced(INVOKES, PACED_PER_SEC, click);
    log(summary(`invokes paced at ${PACED_PER_SEC}/s`, pacedInvokes));

    log(`[machine] ${machine()} (other work on the machine slows the bot and the senders alike)`);
    const botErrors = bot.errorLogs();
    if (botErrors.length > 0)
      log(`[bot] ${botErrors.length} error log lines, the first: ${botErrors[0]!.slice(0, 500)}`);
    if (connector.unexpected() > 0) log(`[connector] ${connector.unexpected()} unexpected requests`);

    const pt = pacedRun.times;
    return {
      questionsPerSec: Math.round((QUESTIONS / questions.elapsedMs) * 1000),
      p50Ms: round2(percentile(pt, 50)),
      p95Ms: round2(percentile(pt, 95)),
      p99Ms: round2(percentile(pt, 99)),
      errors: questions.errors + pacedRun.errors + invokes.errors + pacedInvokes.errors,
      invokeP99Ms: round2(percentile(pacedInvokes.times, 99)),
      atPerSec: PACED_PER_SEC,
      questions: PACED_QUESTIONS,
      invokes: INVOKES,
      concurrency: CONCURRENCY,
      partners: PARTNERS,
      saturatedP50Ms: round2(percentile(questions.times, 50)),
      saturatedP99Ms: round2(percentile(questions.times, 99)),
      saturatedInvokesPerSec: Math.round((INVOKES / invokes.elapsedMs) * 1000),
      saturatedInvokeP99Ms: round2(percentile(invokes.times, 99)),
      setupMs: Math.round(setupMs),
      botPeakRssMb: peakRssMb(bot.child.pid),
    };
  } finally {
    agent.destroy();
    await connector.close();
    await bot.stop();
    store.stop();
  }
}

main().then(
  (line) => {
    process.stdout.write(`${JSON.stringify(line)}\n`);
    const checks: [string, boolean, string][] = [
      [
        'questionsPerSec',
        line.questionsPerSec >= TARGETS.questionsPerSec,
        `${line.questionsPerSec} questions/s sustained (target ≥ ${TARGETS.questionsPerSec})`,
      ],
      [
        'p99Ms',
        line.p99Ms <= TARGETS.p99Ms,
        `question p99 ${line.p99Ms} ms at ${line.atPerSec}/s (target ≤ ${TARGETS.p99Ms} ms)`,
      ],
      ['errors', line.errors <= TARGETS.errors, `errors ${line.errors} (target ${TARGETS.errors})`],
      [
        'invokeP99Ms',
        line.invokeP99Ms <= TARGETS.invokeP99Ms,
        `invoke p99 ${line.invokeP99Ms} ms at ${line.atPerSec}/s (target ≤ ${TARGETS.invokeP99Ms} ms)`,
      ],
    ];
    const missed = checks.filter(([, ok]) => !ok).map(([name]) => name);
    log(
      `${missed.length === 0 ? 'all targets met' : `TARGETS MISSED: ${missed.join(', ')}`}: ` +
        `${checks.map(([, , text]) => text).join(', ')}; saturated by ${line.concurrency} concurrent senders over ` +
        `${line.partners} partners: p50 ${line.saturatedP50Ms} ms, p99 ${line.saturatedP99Ms} ms, invoke p99 ` +
        `${line.saturatedInvokeP99Ms} ms (queueing); bot peak RSS ${line.botPeakRssMb ?? '?'} MB, setup ${round1(line.setupMs / 1000)} s`,
    );
  },
  (error: unknown) => {
    log(`bot benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  },
);
