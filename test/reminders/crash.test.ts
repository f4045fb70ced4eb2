import { spawn } from 'node:child_process';
import path from 'node:path';
import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { botConnector } from '../../bot/reminders/connector';
import { ReminderSender } from '../../bot/reminders/sender';
import { readConfig, storeConfigSchema } from '../../bot/config';
import { openStore, type Store } from '../../bot/store/cosmos';
import { parse, queryPartition } from '../../bot/store/read';
import {
  ledgerEntrySchema,
  ledgerId,
  ReminderLedger,
  type LedgerEntry,
} from '../../bot/store/reminderLedger';
import { killer, startStoreProcess } from '../bench/processes';
import { silentLog } from '../bot/store-helpers';
import { CRASH_TENANTS, crashWorkload } from './crashRunner';
import { startFakeConnector } from './fakeConnector';

/**
 * kill -9 in the middle of a reminder run: a runner in a child process sends to the fake connector
 * (which records every message it accepts) and is killed with SIGKILL as the connector accepts its
 * 100th message; after the lease a second runner finishes the run. Teams' connector takes no
 * idempotency key, so a message whose call was in flight at the kill may arrive twice — but only
 * those: each is marked `sending` before its call and completed as soon as it returns.
 * CRASH_FIGURES=1 prints each run's figures (accepted before the restart, entries left `sending`,
 * duplicates) on stderr.
 */

const root = path.resolve(__dirname, '../..');
const LEASE_MS = 1_000;
const KILL_AT = 100;
const DATABASE = `crash-${Math.random().toString(36).slice(2, 8)}`;

// The store in a process of its own, as Cosmos DB is remote: its work does not delay the fake
// connector's answers in this process, which would leave more calls in flight than the sender does.
let storeProcess: Awaited<ReturnType<typeof startStoreProcess>>;
let store: Store;
beforeAll(async () => {
  storeProcess = await startStoreProcess();
  store = await openStore(
    readConfig(storeConfigSchema, {
      EMBEDDED_COSMOS_PORT: String(storeProcess.port),
      COSMOS_DATABASE: DATABASE,
    }),
    silentLog,
    { embedded: 'attach' },
  );
});
afterAll(async () => {
  await store.close();
  storeProcess.stop();
});

async function ledgerEntries(partnerIds: readonly string[]): Promise<LedgerEntry[]> {
  const entries: LedgerEntry[] = [];
  for (const partnerId of partnerIds) {
    const rows = await queryPartition(
      store.containers.reminderLedger,
      'partnerId',
      partnerId,
      "c.type = 'ledger'",
    );
    entries.push(...rows.map((r) => parse(ledgerEntrySchema, r, `reminderLedger/${partnerId}`)));
  }
  return entries;
}

interface CrashFigures {
  readonly acceptedBeforeRestart: number;
  /** Entries the killed runner left `sending`: calls started whose outcome it had not recorded. */
  readonly inFlightAtKill: number;
  readonly duplicates: number;
}

let partnerBase = 8_100_000;

async function crashAndRecover(): Promise<CrashFigures> {
  partnerBase += 10;
  const base = partnerBase;
  let kill: () => void = () => undefined;
  const fake = await startFakeConnector({
    onAccepted: (_message, count) => {
      if (count === KILL_AT) kill();
    },
  });
  try {
    const deliveries = crashWorkload(fake.serviceUrl, base);
    const partnerIds = Array.from({ length: CRASH_TENANTS }, (_, t) => String(base + t));
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/reminders/crashRunner.ts'], {
      cwd: root,
      env: {
        ...process.env,
        CRASH_STORE_PORT: String(storeProcess.port),
        CRASH_DATABASE: DATABASE,
        CRASH_SERVICE_URL: fake.serviceUrl,
        CRASH_PARTNER_BASE: String(base),
        CRASH_LEASE_MS: String(LEASE_MS),
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    kill = killer(child);
    const exit = await new Promise<NodeJS.Signals | number | null>((resolve) =>
      child.once('exit', (code, signal) => resolve(signal ?? code)),
    );
    if (exit !== 'SIGKILL') throw new Error(`the runner ended with ${exit} before it was killed: ${stderr}`);
    const killedAt = Date.now();
    const acceptedBeforeRestart = fake.accepted.length;
    const inFlightAtKill = (await ledgerEntries(partnerIds)).filter((e) => e.status === 'sending').length;

    // After the lease, a second runner finishes the run.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, killedAt + LEASE_MS + 100 - Date.now())));
    const { report } = await new ReminderSender(
      {
        connector: botConnector(new ConfigurationBotFrameworkAuthentication({}), ''),
        ledger: new ReminderLedger(store.containers.reminderLedger, LEASE_MS),
        recipientGone: async (_partnerId, conversationId) => {
          throw new Error(`no recipient is gone in this test, yet ${conversationId} was reported gone`);
        },
        log: silentLog,
        runnerId: 'second-runner',
      },
      { backoffBaseMs: 20, backoffCapMs: 200 },
    ).send(deliveries);

    // Nothing lost: every reminder arrived, and the ledger says sent.
    const identities = new Set(fake.accepted.map((a) => a.identity));
    expect(identities.size).toBe(deliveries.length);
    const entries = await ledgerEntries(partnerIds);
    expect(entries.filter((e) => e.status === 'sent')).toHaveLength(deliveries.length);

    // Every repeated message is one whose call was in flight at the kill, and is recorded as such.
    const counts = new Map<string, number>();
    for (const a of fake.accepted) counts.set(a.identity, (counts.get(a.identity) ?? 0) + 1);
    const repeated = deliveries.filter((d) => (counts.get(identityOf(d)) ?? 0) > 1);
    const byId = new Map(entries.map((e) => [e.id, e]));
    for (const d of repeated) {
      expect(byId.get(ledgerId(d.key))).toMatchObject({
        interruptedSends: 1,
        outcome: expect.stringContaining('possibly repeated'),
      });
    }
    const duplicates = fake.duplicates();
    expect(duplicates).toBe(repeated.length);
    expect(duplicates).toBeLessThanOrEqual(inFlightAtKill);
    expect(report.possiblyRepeated).toBe(inFlightAtKill);
    return { acceptedBeforeRestart, inFlightAtKill, duplicates };
  } finally {
    kill();
    await fake.close();
  }
}

/** The identity the fake connector records: the conversation and the card's refresh data. */
function identityOf(d: ReturnType<typeof crashWorkload>[number]): string {
  return `${d.key.recipient}|${JSON.stringify(d.key)}`;
}

describe('kill -9 mid-run', () => {
  test('three runs killed at the 100th accepted message: nothing lost, repeated only what was in flight, each repeat recorded', async () => {
    const figures: CrashFigures[] = [];
    for (let run = 0; run < 3; run += 1) figures.push(await crashAndRecover());
    if (process.env.CRASH_FIGURES) process.stderr.write(`${JSON.stringify(figures)}\n`);
    for (const f of figures) {
      expect(f.acceptedBeforeRestart).toBeGreaterThanOrEqual(KILL_AT);
      expect(f.duplicates).toBeLessThanOrEqual(f.inFlightAtKill);
    }
  }, 120_000);
});
