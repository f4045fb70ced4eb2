import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { readConfig, storeConfigSchema } from '../../bot/config';
import { createLogger } from '../../bot/log';
import { botConnector } from '../../bot/reminders/connector';
import { ReminderSender, type Delivery } from '../../bot/reminders/sender';
import { openStore } from '../../bot/store/cosmos';
import { ReminderLedger, type ReminderKey } from '../../bot/store/reminderLedger';
import { personalChatDelivery } from './fakeConnector';

/**
 * The runner the crash test kills with SIGKILL mid-run (test/reminders/crash.test.ts), and the
 * workload both share. Run as `node --import tsx test/reminders/crashRunner.ts` with
 * CRASH_STORE_PORT, CRASH_DATABASE, CRASH_SERVICE_URL, CRASH_PARTNER_BASE and CRASH_LEASE_MS: it
 * attaches to the test's embedded store and sends the workload to the test's fake connector.
 */

export const CRASH_TENANTS = 4;
const CONVERSATIONS_PER_TENANT = 10;
const SUBJECTS = ['Threat Protection', 'Cloud Security', 'Identity and Access Management', 'Designation'];
const OFFSETS_DAYS = [-60, -30];

/** 4 tenants (one partner each) × 10 conversations × 8 reminders: 320 deliveries, about 1.6 s of sends. */
export function crashWorkload(serviceUrl: string, partnerBase: number): Delivery[] {
  const out: Delivery[] = [];
  for (let t = 0; t < CRASH_TENANTS; t += 1) {
    const partnerId = String(partnerBase + t);
    const tenantId = `crash-tenant-${partnerId}`;
    for (let c = 0; c < CONVERSATIONS_PER_TENANT; c += 1) {
      const conversationId = `a:crash-${partnerId}-${c}`;
      for (const subject of SUBJECTS) {
        for (const offsetDays of OFFSETS_DAYS) {
          const key: ReminderKey = {
            partnerId,
            subject,
            occasion: '2027-01-10',
            offsetDays,
            recipient: conversationId,
          };
          out.push(personalChatDelivery(key, tenantId, serviceUrl));
        }
      }
    }
  }
  return out;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: this runner is started by test/reminders/crash.test.ts`);
  return value;
}

async function main(): Promise<void> {
  const log = createLogger({ name: 'crash-runner', level: 'silent' });
  const config = readConfig(storeConfigSchema, {
    EMBEDDED_COSMOS_PORT: required('CRASH_STORE_PORT'),
    COSMOS_DATABASE: required('CRASH_DATABASE'),
  });
  const store = await openStore(config, log, { embedded: 'attach' });
  const ledger = new ReminderLedger(store.containers.reminderLedger, Number(required('CRASH_LEASE_MS')));
  const sender = new ReminderSender({
    connector: botConnector(new ConfigurationBotFrameworkAuthentication({}), ''),
    ledger,
    recipientGone: async (_partnerId, conversationId) => {
      throw new Error(`no recipient is gone in the crash test, yet ${conversationId} was reported gone`);
    },
    log,
    runnerId: 'killed-runner',
  });
  await sender.send(crashWorkload(required('CRASH_SERVICE_URL'), Number(required('CRASH_PARTNER_BASE'))));
  await store.close();
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`crash runner failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
