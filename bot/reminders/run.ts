import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from '../log';
import type { ConversationRepository } from '../store/conversations';
import type { PartnerRepository } from '../store/partners';
import type { ReminderLedger } from '../store/reminderLedger';
import type { VersionRepository } from '../store/versions';
import type { ProactiveConnector } from './connector';
import { planReminders, type PlanSources } from './plan';
import { ReminderSender, type Delivery, type SendReport } from './sender';

/** Sends planned deliveries: our small interface over ReminderSender (a new runner id per run). */
export interface DeliverySender {
  send(runnerId: string, deliveries: readonly Delivery[], signal: AbortSignal): Promise<SendReport>;
}

/**
 * What a run reads and how it sends, over the store's repositories: the planner's sources, and a
 * ReminderSender per run through `connector` that forgets recipients the bot was removed from.
 */
export function storeReminderDependencies(
  store: {
    readonly partners: PartnerRepository;
    readonly versions: VersionRepository;
    readonly conversations: ConversationRepository;
    readonly ledger: ReminderLedger;
  },
  connector: ProactiveConnector,
  log: Logger,
): { sources: PlanSources; sender: DeliverySender } {
  const { partners, versions, conversations, ledger } = store;
  return {
    sources: {
      registrations: () => partners.list(),
      current: (partnerId) => versions.currentHead(partnerId),
      version: (partnerId, versionId) => versions.version(partnerId, versionId),
      conversations: (partnerId) => conversations.list(partnerId),
      subscriptions: (partnerId) => conversations.subscriptions(partnerId),
      snoozedBetween: (partnerId, from, to) => ledger.snoozedBetween(partnerId, from, to),
    },
    sender: {
      send: async (runnerId, deliveries, signal) =>
        (
          await new ReminderSender({
            connector,
            ledger,
            recipientGone: (partnerId, conversationId) => conversations.forget(partnerId, conversationId),
            log,
            runnerId,
          }).send(deliveries, signal)
        ).report,
    },
  };
}

export interface RunSummary {
  readonly runId: string;
  readonly trigger: RunTrigger;
  readonly today: string;
  readonly partners: number;
  readonly failedPartners: number;
  readonly planned: number;
  readonly report: SendReport;
}

export type RunTrigger = 'interval' | 'http';

/**
 * One reminder run at a time per process: plan what is due today, send it. A second trigger while
 * a run is going joins it instead of starting another (other processes are kept apart by the ledger).
 * `stop()` lets the run in progress finish its messages in flight and give the rest back.
 */
export class ReminderRunner {
  private running: Promise<RunSummary> | undefined;
  private readonly stopping = new AbortController();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly deps: {
      readonly sources: PlanSources;
      readonly sender: DeliverySender;
      readonly log: Logger;
      readonly today: () => string;
    },
  ) {}

  run(trigger: RunTrigger): Promise<RunSummary> {
    if (this.stopping.signal.aborted) return Promise.reject(new Error('the reminder runner is stopping'));
    this.running ??= this.runOnce(trigger).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async runOnce(trigger: RunTrigger): Promise<RunSummary> {
    const runId = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
    const today = this.deps.today();
    const log = this.deps.log.child({ runId, trigger });
    log.info({ today }, 'reminder run: planning');
    const plan = await planReminders(this.deps.sources, today, log);
    const report = await this.deps.sender.send(runId, plan.deliveries, this.stopping.signal);
    const summary: RunSummary = {
      runId,
      trigger,
      today,
      partners: plan.partners,
      failedPartners: plan.failedPartners.length,
      planned: plan.deliveries.length,
      report,
    };
    // runId and trigger are on the child logger already.
    log.info(
      {
        partners: summary.partners,
        failedPartners: summary.failedPartners,
        planned: summary.planned,
        report,
      },
      'reminder run: done',
    );
    return summary;
  }

  /** Runs every `minutes` (0: never); the first run soon after start. Runs never overlap. */
  schedule(minutes: number, firstAfterMs = 10_000): void {
    if (minutes <= 0) return;
    const tick = (): void => {
      this.run('interval')
        .catch((error: unknown) => this.deps.log.error({ err: error }, 'reminder run failed'))
        .finally(() => {
          if (!this.stopping.signal.aborted) this.timer = setTimeout(tick, minutes * 60_000).unref();
        });
    };
    this.timer = setTimeout(tick, firstAfterMs).unref();
  }

  /** Stops scheduling; waits for the run in progress to finish what is in flight and record it. */
  async stop(): Promise<void> {
    this.stopping.abort();
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }
}
