/**
 * Reminders benchmark: `npm run bench:reminders` (or `npm run --silent bench:reminders` for the JSON
 * line only).
 *
 * 10,000 due reminders — 20 partners with one Teams tenant each, 50 conversations per tenant, 10
 * reminders per conversation (5 subjects × 2 offsets: 10 ledger keys) — sent by the real
 * `ReminderSender` through `botConnector` with local-mode Bot Framework credentials (no app id), with
 * the `ReminderLedger` on the embedded Cosmos-compatible server, to the local fake Teams connector
 * (test/reminders/fakeConnector.ts) enforcing Teams' limits and injecting 1% 429s (Retry-After 1 s)
 * and 0.5% 500s from a fixed seed. Three processes, as in production the ledger (Azure Cosmos DB)
 * and Teams are remote and their CPU is not the sender's:
 *   - the embedded store in a child process (as bench:bot runs it);
 *   - the fake connector in a child process (this file run with `--fake-connector`, talking over an
 *     IPC channel), unless BENCH_REMINDERS_CONNECTOR=inline runs it in this process. Measured on 2
 *     cores: in this process its CPU (about 0.3 ms a request) runs on the sender's event loop and
 *     every run was slower (4 interleaved pairs: 22–34 s inline against 20–25 s in a child);
 *   - the sender in this process.
 * durationS is the wall time of `send()`; lost counts the reminders whose identity (conversation +
 * the card's refresh data) the connector never accepted; every ledger entry must end `sent`.
 * ratioToOptimum = durationS / optimumS, where optimumS is the fastest the limits allow this
 * workload: for each tenant and each conversation, the sends scheduled greedily as early as their
 * sliding windows let them (TENANT_WINDOWS, CONVERSATION_WINDOWS), until the windows would admit
 * one more — the time the sends occupy (500 at 50 per second: ten full one-second windows, 10 s;
 * 10 in one conversation: 2 s); the largest of these.
 *
 * eventLoopDelayP99Ms shows a CPU-starved sender: its timers fire late and its sends arrive bunched,
 * which the connector's sliding windows count as limitViolations.
 *
 * Prints exactly one JSON line on stdout; progress, per-tenant figures and the target go to stderr.
 * Exit code 1 when a reminder is duplicated or lost or the run fails (a missed ratio is reported,
 * not a failure). BENCH_REMINDERS_OPTIONS='{"workersPerTenant":16}' passes SenderOptions (to try
 * a change; they are echoed in the line).
 */
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import { readConfig, storeConfigSchema } from '../../bot/config';
import { createLogger } from '../../bot/log';
import { botConnector } from '../../bot/reminders/connector';
import {
  CONVERSATION_WINDOWS,
  SlidingWindowLimiter,
  TENANT_WINDOWS,
  type Window,
} from '../../bot/reminders/rateLimits';
import {
  ReminderSender,
  type Delivery,
  type LedgerPort,
  type SenderOptions,
} from '../../bot/reminders/sender';
import { openStore, type Store } from '../../bot/store/cosmos';
import { parse, queryPartition } from '../../bot/store/read';
import {
  ledgerEntrySchema,
  ledgerId,
  ReminderLedger,
  type ReminderKey,
} from '../../bot/store/reminderLedger';
import {
  startFakeConnector,
  type FakeConnector,
  type FakeConnectorOptions,
} from '../reminders/fakeConnector';
import { killer, startStoreProcess } from './processes';

const TENANTS = 20;
const CONVERSATIONS_PER_TENANT = 50;
const SUBJECTS = [
  'Solutions Partner for Security',
  'Threat Protection',
  'Cloud Security',
  'Identity and Access Management',
  'Information Protection and Governance',
];
const OFFSETS_DAYS = [-60, -30];
const OCCASION = '2027-01-10';
const PARTNER_ID_BASE = 7_000_000;
const CONNECTOR_OPTIONS: FakeConnectorOptions = {
  enforceLimits: true,
  inject: { throttle: 0.01, error: 0.005 },
  retryAfterSeconds: 1,
  seed: 20261122,
};
const TARGET_RATIO = 1.3;
const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

export interface RemindersBenchLine {
  readonly durationS: number;
  readonly sendsPerSec: number;
  readonly retries: number;
  readonly duplicates: number;
  readonly lost: number;
  readonly ratioToOptimum: number;
  readonly optimumS: number;
  readonly deliveries: number;
  readonly sent: number;
  /** 429s the sender got (injected, or the limits'). */
  readonly throttled: number;
  readonly errors500: number;
  /** 429s the fake connector's limits caused: the sender keeps under the limits, so 0. */
  readonly limitViolations: number;
  /** Completions the ledger did not take. */
  readonly unrecorded: number;
  /** Ledger entries not `sent` after the run (or missing). */
  readonly ledgerNotSent: number;
  /**
   * Ledger requests: transactional batches of one partner's ≤ 100 claims (made ahead), and bulk
   * requests of ≤ 100 `sending` marks (as each waits for its send slot) and completions (as soon as
   * its call returns), group-committed.
   */
  readonly ledgerRequests: number;
  /** The longest claimMany (ahead of sending) and updateMany (marks: on the send path) took. */
  readonly claimMaxMs: number;
  readonly updateMaxMs: number;
  /** Messages sent again after an interrupted call (none here: nothing crashes). */
  readonly possiblyRepeated: number;
  /** From the start of send() to the first accepted message (the first claims). */
  readonly firstSendS: number;
  /** The slowest tenant: from the start of send() to its last accepted message. */
  readonly slowestTenantS: number;
  /** From the last accepted message to the end of send() (the last completion). */
  readonly drainS: number;
  readonly connector: 'process' | 'inline';
  /** The sender's event-loop delay during send(): late timers send late and bunch arrivals. */
  readonly eventLoopDelayP99Ms: number;
  readonly senderCpuS: number;
  readonly storeCpuS: number | null;
  readonly connectorCpuS: number | null;
  readonly peakRssMb: number;
  readonly storePeakRssMb: number | null;
  readonly options: Partial<SenderOptions>;
}

const log = (message: string): void => {
  process.stderr.write(`${message}\n`);
};
const round2 = (n: number): number => Math.round(n * 100) / 100;
const round3 = (n: number): number => Math.round(n * 1000) / 1000;

/** Linux /proc figures of another process: peak resident set and CPU seconds (null elsewhere). */
function processFigures(pid: number | undefined): { peakRssMb: number | null; cpuS: number | null } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
    // utime and stime are fields 14 and 15, counted after the parenthesised command name.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    const ticks = Number(fields[11]) + Number(fields[12]);
    return {
      peakRssMb: kb ? Math.round(Number(kb) / 1024) : null,
      cpuS: Number.isFinite(ticks) ? ticks / 100 : null,
    };
  } catch {
    return { peakRssMb: null, cpuS: null };
  }
}

const machine = (): string =>
  `${cpus().length} CPUs, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`;

// ---------------------------------------------------------------------------------------------
// The fastest schedule the limits allow

/**
 * How long `n` sends occupy `windows` in the fastest schedule: each send as early as the sliding
 * windows allow, then the time at which they would admit one more (for 500 under 50 per second,
 * the 501st could go at 10 s: ten full windows).
 */
export function occupiedMs(n: number, windows: readonly Window[]): number {
  const limiter = new SlidingWindowLimiter(windows);
  for (let i = 0; i < n; i += 1) limiter.reserve(limiter.earliest(0));
  return limiter.earliest(0);
}

function optimumMs(deliveries: readonly Delivery[]): number {
  const count = (keyOf: (d: Delivery) => string): number[] => {
    const counts = new Map<string, number>();
    for (const d of deliveries) counts.set(keyOf(d), (counts.get(keyOf(d)) ?? 0) + 1);
    return [...new Set(counts.values())];
  };
  return Math.max(
    ...count((d) => d.tenantId).map((n) => occupiedMs(n, TENANT_WINDOWS)),
    ...count((d) => d.key.recipient).map((n) => occupiedMs(n, CONVERSATION_WINDOWS)),
  );
}

// ---------------------------------------------------------------------------------------------
// The workload

const tenantOf = (t: number): string => `00000000-0000-4000-9000-${String(t + 1).padStart(12, '0')}`;

/** The conversation + refresh data identity the fake connector records for a delivery. */
const identityOf = (d: Delivery): string =>
  `${d.key.recipient}|${JSON.stringify({ subject: d.key.subject, occasion: d.key.occasion, offsetDays: d.key.offsetDays })}`;

function buildDeliveries(serviceUrl: string): Delivery[] {
  const out: Delivery[] = [];
  for (let t = 0; t < TENANTS; t += 1) {
    const partnerId = String(PARTNER_ID_BASE + t);
    const tenantId = tenantOf(t);
    for (let c = 0; c < CONVERSATIONS_PER_TENANT; c += 1) {
      const conversationId = `19:bench-${t}-${c}@thread.tacv2`;
      for (const subject of SUBJECTS) {
        for (const offsetDays of OFFSETS_DAYS) {
          const key: ReminderKey = {
            partnerId,
            subject,
            occasion: OCCASION,
            offsetDays,
            recipient: conversationId,
          };
          const data = { subject, occasion: OCCASION, offsetDays };
          const activity: Partial<Activity> = {
            type: 'message',
            attachments: [
              {
                contentType: ADAPTIVE_CARD,
                content: {
                  type: 'AdaptiveCard',
                  version: '1.5',
                  body: [
                    {
                      type: 'TextBlock',
                      text: `${subject}: renewal on ${OCCASION}`,
                      weight: 'Bolder',
                      wrap: true,
                    },
                    { type: 'TextBlock', text: `${-offsetDays} days left.`, wrap: true },
                  ],
                  actions: [
                    { type: 'Action.Execute', title: 'Got it', verb: 'reminderAck', data },
                    { type: 'Action.Execute', title: 'Snooze 7 days', verb: 'reminderSnooze', data },
                  ],
                  refresh: { action: { type: 'Action.Execute', verb: 'reminderRefresh', data } },
                },
              },
            ],
          };
          out.push({
            key,
            tenantId,
            reference: {
              serviceUrl,
              channelId: 'msteams',
              bot: { id: '28:partner-score-bot', name: 'Partner Score Bot' },
              conversation: {
                id: conversationId,
                tenantId,
                isGroup: true,
                conversationType: 'channel',
                name: '',
              },
            },
            activity,
          });
        }
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The store in a child process

// ---------------------------------------------------------------------------------------------
// The fake connector, in a child process or in this one

/** What the connector saw: each accepted message as [identity, tenant, arrival ms since the epoch]. */
interface ConnectorReport {
  readonly accepted: [string, string, number][];
  readonly duplicates: number;
  readonly limitViolations: number;
  readonly responses: Record<string, number>;
  readonly peakRssMb: number | null;
  readonly cpuS: number | null;
}

interface ConnectorHandle {
  readonly serviceUrl: string;
  readonly where: 'process' | 'inline';
  report(): Promise<ConnectorReport>;
  stop(): Promise<void>;
}

function reportOf(fake: FakeConnector): Omit<ConnectorReport, 'peakRssMb' | 'cpuS'> {
  return {
    accepted: fake.accepted.map((a) => [a.identity, a.tenantId ?? '', a.at]),
    duplicates: fake.duplicates(),
    limitViolations: fake.limitViolations,
    responses: Object.fromEntries([...fake.responses].map(([status, n]) => [String(status), n])),
  };
}

type ChildMessage = { kind: 'ready'; serviceUrl: string } | ({ kind: 'report' } & ConnectorReport);

/** `--fake-connector`: serve until the parent asks for the report, then send it and exit. */
async function connectorChild(): Promise<void> {
  const fake = await startFakeConnector(CONNECTOR_OPTIONS);
  const send = (message: ChildMessage, then?: () => void): void => {
    process.send!(message, undefined, {}, () => then?.());
  };
  process.on('message', (message) => {
    if (message !== 'report') return;
    const cpu = process.cpuUsage();
    send(
      {
        kind: 'report',
        ...reportOf(fake),
        peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
        cpuS: (cpu.user + cpu.system) / 1e6,
      },
      () => void fake.close().then(() => process.exit(0)),
    );
  });
  process.once('disconnect', () => process.exit(0));
  send({ kind: 'ready', serviceUrl: fake.serviceUrl });
}

async function startConnector(where: 'process' | 'inline'): Promise<ConnectorHandle> {
  if (where === 'inline') {
    const fake = await startFakeConnector(CONNECTOR_OPTIONS);
    return {
      serviceUrl: fake.serviceUrl,
      where,
      report: async () => ({ ...reportOf(fake), peakRssMb: null, cpuS: null }),
      stop: () => fake.close(),
    };
  }
  const child = fork(__filename, ['--fake-connector'], {
    execArgv: [],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const stop = killer(child);
  process.once('exit', stop);
  const messages: ChildMessage[] = [];
  const waiters: ((m: ChildMessage) => void)[] = [];
  child.on('message', (m) => {
    const waiter = waiters.shift();
    if (waiter) waiter(m as ChildMessage);
    else messages.push(m as ChildMessage);
  });
  const next = (): Promise<ChildMessage> =>
    messages.length > 0
      ? Promise.resolve(messages.shift()!)
      : new Promise((resolve, reject) => {
          waiters.push(resolve);
          child.once('exit', (code) => reject(new Error(`the fake connector exited with ${code}`)));
        });
  const ready = await next();
  if (ready.kind !== 'ready') throw new Error('the fake connector did not start');
  return {
    serviceUrl: ready.serviceUrl,
    where,
    report: async () => {
      child.send('report');
      const report = await next();
      if (report.kind !== 'report') throw new Error('the fake connector sent no report');
      return report;
    },
    stop: async () => {
      stop();
      process.removeListener('exit', stop);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The ledger, counted

interface CallStats {
  calls: number;
  requests: number;
  operations: number;
  maxMs: number;
}

/** Transactional batches for these partners' operations: one per partner and 100. */
function perPartnerBatches(partnerIds: readonly string[]): number {
  const perPartner = new Map<string, number>();
  for (const p of partnerIds) perPartner.set(p, (perPartner.get(p) ?? 0) + 1);
  return [...perPartner.values()].reduce((sum, n) => sum + Math.ceil(n / 100), 0);
}

/**
 * The ledger with its calls timed and its requests counted (a transactional batch holds one
 * partner's ≤ 100 claims). Claims are made ahead (the next chunk while the current one is sent);
 * each message's `sending` mark is on its send path (before its slot), its completion right after it.
 */
class CountingLedger implements LedgerPort {
  readonly claims: CallStats = { calls: 0, requests: 0, operations: 0, maxMs: 0 };
  /** `sending` marks and completions, group-committed in bulk requests. */
  readonly updates: CallStats = { calls: 0, requests: 0, operations: 0, maxMs: 0 };

  constructor(private readonly ledger: ReminderLedger) {}

  private async timed<T>(
    stats: CallStats,
    requests: number,
    operations: number,
    call: () => Promise<T>,
  ): Promise<T> {
    stats.requests += requests;
    stats.calls += 1;
    stats.operations += operations;
    const t = performance.now();
    try {
      return await call();
    } finally {
      stats.maxMs = Math.max(stats.maxMs, performance.now() - t);
    }
  }

  claimMany: LedgerPort['claimMany'] = (keys, runner, now) =>
    this.timed(this.claims, perPartnerBatches(keys.map((k) => k.partnerId)), keys.length, () =>
      this.ledger.claimMany(keys, runner, now),
    );
  updateMany: LedgerPort['updateMany'] = (updates, now) =>
    // One bulk request per 100 (the store has one partition key range).
    this.timed(this.updates, Math.ceil(updates.length / 100), updates.length, () =>
      this.ledger.updateMany(updates, now),
    );
  /** Not called in this benchmark (nothing stops the run). */
  releaseMany: LedgerPort['releaseMany'] = (claims, now) => this.ledger.releaseMany(claims, now);
}

/** Ledger entries of the deliveries that are not `sent` (or missing), read back per partner. */
async function ledgerNotSent(store: Store, deliveries: readonly Delivery[]): Promise<number> {
  const expected = new Set(deliveries.map((d) => ledgerId(d.key)));
  const partners = [...new Set(deliveries.map((d) => d.key.partnerId))];
  let sent = 0;
  for (const partnerId of partners) {
    const rows = await queryPartition(
      store.containers.reminderLedger,
      'partnerId',
      partnerId,
      "c.type = 'ledger'",
    );
    for (const row of rows) {
      const entry = parse(ledgerEntrySchema, row, `reminderLedger/${partnerId}`);
      if (expected.has(entry.id) && entry.status === 'sent') sent += 1;
    }
  }
  return expected.size - sent;
}

function senderOptions(): Partial<SenderOptions> {
  const text = process.env.BENCH_REMINDERS_OPTIONS;
  if (!text) return {};
  const parsed = JSON.parse(text) as unknown;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new Error('BENCH_REMINDERS_OPTIONS must be a JSON object of SenderOptions');
  return parsed as Partial<SenderOptions>;
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<RemindersBenchLine> {
  const where = process.env.BENCH_REMINDERS_CONNECTOR === 'inline' ? 'inline' : 'process';
  const options = senderOptions();
  log(`[machine] ${machine()}`);
  const storeProcess = await startStoreProcess();
  const connector = await startConnector(where);
  const config = readConfig(storeConfigSchema, {
    COSMOS_ENDPOINT: `http://127.0.0.1:${storeProcess.port}`,
    COSMOS_KEY: 'bench-local-store-has-no-secret',
  });
  const store = await openStore(config, createLogger({ name: 'bench-reminders', level: 'silent' }), {
    embedded: 'attach',
  });
  try {
    const deliveries = buildDeliveries(connector.serviceUrl);
    const optimum = optimumMs(deliveries) / 1000;
    const ledger = new CountingLedger(new ReminderLedger(store.containers.reminderLedger));
    const auth = new ConfigurationBotFrameworkAuthentication({});
    const gone: string[] = [];
    const sender = new ReminderSender(
      {
        connector: botConnector(auth, ''),
        ledger,
        recipientGone: async (_partnerId, conversationId) => {
          gone.push(conversationId);
        },
        log: createLogger({ name: 'bench-reminders', level: 'warn', destination: 'stderr' }),
        runnerId: 'bench-runner',
      },
      options,
    );
    log(
      `[reminders] ${deliveries.length} deliveries, ${TENANTS} tenants × ${CONVERSATIONS_PER_TENANT} conversations × ` +
        `${SUBJECTS.length * OFFSETS_DAYS.length}; connector in ${where === 'process' ? 'a child process' : 'this process'}; ` +
        `optimum ${optimum} s${Object.keys(options).length > 0 ? `; options ${JSON.stringify(options)}` : ''}`,
    );

    const storeCpu0 = processFigures(storeProcess.pid).cpuS;
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const cpu0 = process.cpuUsage();
    const started = Date.now();
    const { report } = await sender.send(deliveries);
    const durationMs = Date.now() - started;
    const cpu = process.cpuUsage(cpu0);
    loopDelay.disable();
    const storeFigures = processFigures(storeProcess.pid);
    const seen = await connector.report();

    const expected = new Set(deliveries.map(identityOf));
    const accepted = new Set(seen.accepted.map(([identity]) => identity).filter((i) => expected.has(i)));
    const notSent = await ledgerNotSent(store, deliveries);

    const lastByTenant = new Map<string, number>();
    let firstAccepted = Infinity;
    let lastAccepted = -Infinity;
    for (const [, tenant, at] of seen.accepted) {
      lastByTenant.set(tenant, Math.max(lastByTenant.get(tenant) ?? -Infinity, at));
      firstAccepted = Math.min(firstAccepted, at);
      lastAccepted = Math.max(lastAccepted, at);
    }
    const tenantSeconds = [...lastByTenant.values()].map((at) => (at - started) / 1000).sort((a, b) => a - b);
    log(
      `[tenants] last message accepted after (s): min ${round2(tenantSeconds[0] ?? NaN)}, median ` +
        `${round2(tenantSeconds[Math.floor(tenantSeconds.length / 2)] ?? NaN)}, max ${round2(tenantSeconds.at(-1) ?? NaN)}`,
    );
    log(
      `[ledger] claims: ${ledger.claims.calls} calls, ${ledger.claims.requests} requests, max ${Math.round(ledger.claims.maxMs)} ms; ` +
        `sending marks and completions: ${ledger.updates.requests} requests for ${ledger.updates.operations} ` +
        `updates, max ${Math.round(ledger.updates.maxMs)} ms`,
    );
    log(`[connector] responses ${JSON.stringify(seen.responses)}; report ${JSON.stringify(report)}`);
    log(`[machine] ${machine()} (other work on the machine delays sends: the ratio, and limit violations)`);
    if (gone.length > 0) log(`[reminders] ${gone.length} recipients reported gone (none expected)`);

    const storeCpuS =
      storeCpu0 !== null && storeFigures.cpuS !== null ? round2(storeFigures.cpuS - storeCpu0) : null;
    return {
      durationS: round3(durationMs / 1000),
      sendsPerSec: Math.round(report.sent / (durationMs / 1000)),
      retries: report.retries,
      duplicates: seen.duplicates,
      lost: deliveries.length - accepted.size,
      ratioToOptimum: round3(durationMs / 1000 / optimum),
      optimumS: optimum,
      deliveries: deliveries.length,
      sent: report.sent,
      throttled: report.throttled,
      errors500: seen.responses['500'] ?? 0,
      limitViolations: seen.limitViolations,
      unrecorded: report.unrecorded,
      ledgerNotSent: notSent,
      ledgerRequests: ledger.claims.requests + ledger.updates.requests,
      claimMaxMs: Math.round(ledger.claims.maxMs),
      updateMaxMs: Math.round(ledger.updates.maxMs),
      possiblyRepeated: report.possiblyRepeated,
      firstSendS: round3((firstAccepted - started) / 1000),
      slowestTenantS: round3((lastAccepted - started) / 1000),
      drainS: round3((started + durationMs - lastAccepted) / 1000),
      connector: where,
      eventLoopDelayP99Ms: round2(loopDelay.percentile(99) / 1e6),
      senderCpuS: round2((cpu.user + cpu.system) / 1e6),
      storeCpuS,
      connectorCpuS: seen.cpuS === null ? null : round2(seen.cpuS),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      storePeakRssMb: storeFigures.peakRssMb,
      options,
    };
  } finally {
    await store.close();
    await connector.stop();
    storeProcess.stop();
  }
}

if (process.argv.includes('--fake-connector')) {
  void connectorChild();
} else {
  main().then(
    (line) => {
      process.stdout.write(`${JSON.stringify(line)}\n`);
      const broken = line.duplicates > 0 || line.lost > 0 || line.ledgerNotSent > 0;
      log(
        `${broken ? 'FAILED: reminders duplicated or lost' : line.ratioToOptimum <= TARGET_RATIO ? 'target met' : 'TARGET MISSED'}: ` +
          `${line.deliveries} reminders in ${line.durationS} s (${line.sendsPerSec}/s), ${line.ratioToOptimum}× the fastest ` +
          `the limits allow (${line.optimumS} s; target ≤ ${TARGET_RATIO}), duplicates ${line.duplicates}, lost ${line.lost}, ` +
          `ledger entries not sent ${line.ledgerNotSent}; ${line.throttled} throttled, ${line.retries} retries, ` +
          `${line.limitViolations} limit violations`,
      );
      if (broken) process.exitCode = 1;
    },
    (error: unknown) => {
      log(
        `reminders benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      process.exitCode = 1;
    },
  );
}
