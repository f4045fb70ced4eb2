import { CardFactory, type Activity, type ConversationReference } from 'botbuilder';
import {
  reminderCard,
  SCORE_ALERT_SUBJECT,
  scoreAlertCard,
  type ReminderSubject,
} from '../../cards/reminder';
import type { AdaptiveCard } from '../../cards/render';
import { addDays, daysBetween } from '../../scoring/calendar';
import { remindersDue, renewalSubjects } from '../../scoring/reminders';
import type { SnapshotHead } from '../../scoring/snapshot';
import type { Logger } from '../log';
import type { ConversationDoc, Subscription } from '../store/conversations';
import type { Registration, VersionDoc } from '../store/documents';
import type { LedgerEntry, ReminderKey } from '../store/reminderLedger';
import type { Delivery } from './sender';

/**
 * What a reminder run sends on a day, per registered partner with data: the due renewal reminder
 * of the designation and of each specialization (the latest one on or before today: a run that
 * missed days does not send a burst), snoozed reminders whose day has come, and the score alerts
 * of a data version imported in the last days — to every recipient: the partner's admins in
 * personal chat and every chat or channel that asked for reminders. The ledger decides what was
 * sent before; planning the same day twice plans the same keys.
 */

/** A version's score alerts go out when it was imported at most this many days ago. */
export const ALERT_DAYS = 7;
/** How far back a run looks for snoozed reminders whose day has come (a run can miss days). */
export const SNOOZE_LOOKBACK_DAYS = 30;

/** What the planner reads: our small interface over the repositories. */
export interface PlanSources {
  registrations(): Promise<Registration[]>;
  current(partnerId: string): Promise<{ versionId: string; head: SnapshotHead } | undefined>;
  version(partnerId: string, versionId: string): Promise<VersionDoc | undefined>;
  conversations(partnerId: string): Promise<ConversationDoc[]>;
  subscriptions(partnerId: string): Promise<Subscription[]>;
  snoozedBetween(partnerId: string, from: string, to: string): Promise<LedgerEntry[]>;
}

export interface Plan {
  readonly deliveries: Delivery[];
  readonly partners: number;
  /** Partners whose planning failed (logged): the others still get their reminders. */
  readonly failedPartners: string[];
}

function activityOf(card: AdaptiveCard, summary: string): Partial<Activity> {
  return {
    type: 'message',
    summary,
    attachments: [CardFactory.adaptiveCard(card)],
    // Teams shows the message in the recipient's activity feed too.
    channelData: { notification: { alert: true } },
  };
}

/** Recipients: admins in personal chat, and subscribed chats and channels (each conversation once). */
export function recipientsOf(
  registration: Registration,
  conversations: readonly ConversationDoc[],
  subscriptions: readonly Subscription[],
): ConversationDoc[] {
  const subscribed = new Set(subscriptions.map((s) => s.conversationId));
  const admins = new Set(registration.adminObjectIds);
  return conversations
    .filter(
      (c) =>
        subscribed.has(c.conversationId) ||
        (c.conversationType === 'personal' && c.userObjectId !== undefined && admins.has(c.userObjectId)),
    )
    .sort((a, b) => a.conversationId.localeCompare(b.conversationId));
}

/** Personal chats refresh the card automatically for their one user; channels refresh on demand. */
function userIdsOf(conversation: ConversationDoc): string[] | undefined {
  const user = (conversation.reference as { user?: { id?: string } }).user?.id;
  return conversation.conversationType === 'personal' && user ? [user] : undefined;
}

export async function planReminders(sources: PlanSources, today: string, log: Logger): Promise<Plan> {
  const deliveries: Delivery[] = [];
  const failedPartners: string[] = [];
  const registrations = await sources.registrations();
  for (const registration of registrations) {
    try {
      deliveries.push(...(await planPartner(sources, registration, today)));
    } catch (error) {
      failedPartners.push(registration.partnerId);
      log.error({ err: error, partnerId: registration.partnerId }, 'reminder planning failed for a partner');
    }
  }
  return { deliveries, partners: registrations.length, failedPartners };
}

async function planPartner(
  sources: PlanSources,
  registration: Registration,
  today: string,
): Promise<Delivery[]> {
  const { partnerId } = registration;
  const current = await sources.current(partnerId);
  if (!current) return [];
  const { head, versionId } = current;
  const [conversations, subscriptions, version, snoozed] = await Promise.all([
    sources.conversations(partnerId),
    sources.subscriptions(partnerId),
    sources.version(partnerId, versionId),
    sources.snoozedBetween(partnerId, addDays(today, -SNOOZE_LOOKBACK_DAYS), today),
  ]);
  const recipients = recipientsOf(registration, conversations, subscriptions);
  const byConversation = new Map(conversations.map((c) => [c.conversationId, c]));

  const deliveries: Delivery[] = [];
  const deliver = (
    conversation: ConversationDoc,
    key: Omit<ReminderKey, 'partnerId' | 'recipient'>,
    card: AdaptiveCard,
    summary: string,
  ) => {
    deliveries.push({
      key: { partnerId, ...key, recipient: conversation.conversationId },
      tenantId:
        (conversation.reference.conversation as { tenantId?: string }).tenantId ??
        registration.tenantIds[0] ??
        partnerId,
      // Stored as TurnContext.getConversationReference returned it.
      reference: conversation.reference as unknown as Partial<ConversationReference>,
      activity: activityOf(card, summary),
    });
  };

  for (const due of remindersDue(head, today)) {
    const subject: ReminderSubject = {
      subject: due.subject,
      anniversary: due.anniversary,
      offsetDays: due.offsetDays,
      ...(due.firstAwarded ? { firstAwarded: due.firstAwarded } : {}),
    };
    for (const conversation of recipients) {
      deliver(
        conversation,
        { subject: due.subject, occasion: due.anniversary, offsetDays: due.offsetDays },
        reminderCard(head, subject, today, undefined, userIdsOf(conversation)),
        `Renewal reminder: ${due.subject}, anniversary ${due.anniversary}`,
      );
    }
  }

  // "Snooze 7 days": sent again on its day, keyed by that day's offset (a regular reminder on the
  // same day is the same message). Only while the anniversary is still the one in the data.
  for (const entry of snoozed) {
    const conversation = byConversation.get(entry.recipient);
    if (!conversation || !entry.snoozedUntil || entry.snoozedUntil > today) continue;
    const subjectNow = renewalSubjects(head).find(
      (s) => s.subject === entry.subject && s.anniversary === entry.occasion,
    );
    if (!subjectNow) continue;
    const offsetDays = daysBetween(entry.occasion, entry.snoozedUntil);
    deliver(
      conversation,
      { subject: entry.subject, occasion: entry.occasion, offsetDays },
      reminderCard(head, { ...subjectNow, offsetDays }, today, undefined, userIdsOf(conversation)),
      `Renewal reminder (snoozed): ${entry.subject}, anniversary ${entry.occasion}`,
    );
  }

  const alerts = version?.alerts ?? [];
  const importedOn = version?.importedAt.slice(0, 10);
  if (alerts.length > 0 && importedOn && daysBetween(importedOn, today) <= ALERT_DAYS) {
    for (const conversation of recipients) {
      deliver(
        conversation,
        { subject: SCORE_ALERT_SUBJECT, occasion: `version:${versionId}`, offsetDays: 0 },
        scoreAlertCard(head, alerts, versionId, undefined, userIdsOf(conversation)),
        `Security score alert for ${head.partnerName}`,
      );
    }
  }
  return deliveries;
}
