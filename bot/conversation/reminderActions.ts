import { detailCard } from '../../cards/detail';
import { gapsCard } from '../../cards/gaps';
import { messageCard, noDataModel } from '../../cards/message';
import {
  reminderCard,
  SCORE_ALERT_SUBJECT,
  scoreAlertCard,
  specializationMissingModel,
  type ReminderCardState,
  type ReminderSubject,
} from '../../cards/reminder';
import { executeAction, type AdaptiveCard } from '../../cards/render';
import type { ScoreAlert } from '../../scoring/alerts';
import { addDays, isCalendarDate } from '../../scoring/calendar';
import { DESIGNATION_SUBJECT } from '../../scoring/reminders';
import type { SnapshotHead } from '../../scoring/snapshot';
import type { Acknowledgement, LedgerEntry, ReminderKey } from '../store/reminderLedger';
import { ActionError, type Partner, type ReminderPayload, type ReminderVerb } from './answers';

/**
 * Clicks on reminder and score-alert cards (issue 5): refresh (the live card), what's missing,
 * snooze 7 days, got it. Teams-free: the activity handler resolves the partner from the invoker's
 * tenant and passes the conversation and the user. A card counts only if the ledger shows it was
 * sent to this partner in this conversation; anything else is refused like invalid data.
 */

/** The reminder ledger as card actions use it: our small interface (ReminderLedger implements it). */
export interface ReminderActions {
  get(key: ReminderKey): Promise<{ readonly entry: LedgerEntry } | undefined>;
  acknowledge(key: ReminderKey, by: Acknowledgement): Promise<LedgerEntry | undefined>;
  snooze(key: ReminderKey, until: string, by: string): Promise<LedgerEntry | undefined>;
}

/** The score alerts the import recorded on a data version (its version document). */
export interface ScoreAlertSource {
  /** Undefined when the version is not kept (any more). */
  alertsOf(partnerId: string, versionId: string): Promise<readonly ScoreAlert[] | undefined>;
}

export interface ReminderDependencies {
  readonly ledger: ReminderActions;
  readonly alerts: ScoreAlertSource;
}

/** Who clicked, and where. */
export interface ReminderInvoker {
  /** The conversation the click comes from: the ledger's recipient. */
  readonly conversationId: string;
  readonly name: string | undefined;
  readonly objectId: string | undefined;
  /** Teams user ids the returned card refreshes for automatically (group chats and channels). */
  readonly refreshUserIds: string[] | undefined;
}

export interface ReminderOutcome {
  /** The invoke response: the clicker's card. */
  readonly card: AdaptiveCard;
  /** After "Got it" or "Snooze": the card everyone in the conversation sees, in place of the original. */
  readonly shared?: AdaptiveCard;
}

export const SNOOZE_DAYS = 7;

/**
 * The ledger entry of the clicked card. In a channel, Teams reports a click on a card the bot
 * posted with the card's thread as the conversation (`<channel>;messageid=<root>`), while the card
 * was sent to the channel itself: both ids are tried.
 */
async function findEntry(
  ledger: ReminderActions,
  partnerId: string,
  data: ReminderPayload,
  conversationId: string,
): Promise<{ key: ReminderKey; entry: LedgerEntry }> {
  const channel = conversationId.split(';messageid=')[0]!;
  for (const recipient of channel === conversationId ? [conversationId] : [conversationId, channel]) {
    const key: ReminderKey = {
      partnerId,
      subject: data.subject,
      occasion: data.occasion,
      offsetDays: data.offsetDays,
      recipient,
    };
    const found = await ledger.get(key);
    if (found) return { key, entry: found.entry };
  }
  throw new ActionError('INVALID_DATA', 'this reminder was not sent to this conversation');
}

function stateOf(entry: LedgerEntry): ReminderCardState {
  return {
    ...(entry.acknowledged ? { acknowledged: entry.acknowledged } : {}),
    ...(entry.snoozedUntil ? { snoozedUntil: entry.snoozedUntil } : {}),
    ...(entry.snoozedBy ? { snoozedBy: entry.snoozedBy } : {}),
  };
}

function reminderSubject(head: SnapshotHead, data: ReminderPayload): ReminderSubject {
  if (!isCalendarDate(data.occasion))
    throw new ActionError('INVALID_DATA', 'a renewal reminder is about an anniversary date');
  const specialization =
    data.subject === DESIGNATION_SUBJECT
      ? undefined
      : head.specializations.find((s) => s.name === data.subject);
  return {
    subject: data.subject,
    anniversary: data.occasion,
    offsetDays: data.offsetDays,
    // I-10: year numbers count from the first award, moved six months with the anniversary.
    ...(specialization?.firstAwarded
      ? { firstAwarded: specialization.yearsCountFrom ?? specialization.firstAwarded }
      : {}),
  };
}

function withBackToReminder(card: AdaptiveCard, data: ReminderPayload): AdaptiveCard {
  const actions = Array.isArray(card.actions) ? (card.actions as unknown[]) : [];
  return {
    ...card,
    actions: [
      ...actions,
      executeAction('Back to the reminder', 'reminder.refresh', {
        subject: data.subject,
        occasion: data.occasion,
        offsetDays: data.offsetDays,
      }),
    ],
  };
}

/** `current` is the partner's snapshot, read by the caller; `today` (YYYY-MM-DD) comes from the edge. */
export async function reminderAction(
  verb: ReminderVerb,
  data: ReminderPayload,
  partner: Partner,
  current: { readonly versionId: string; readonly head: SnapshotHead } | undefined,
  deps: ReminderDependencies,
  invoker: ReminderInvoker,
  today: string,
): Promise<ReminderOutcome> {
  const { key, entry } = await findEntry(deps.ledger, partner.partnerId, data, invoker.conversationId);
  if (!current) return { card: messageCard(noDataModel(partner.name)) };
  const head = current.head;

  if (data.subject === SCORE_ALERT_SUBJECT) {
    const versionId = data.occasion.startsWith('version:') ? data.occasion.slice('version:'.length) : '';
    if (!versionId) throw new ActionError('INVALID_DATA', 'a score alert is about a data version');
    const alerts = (await deps.alerts.alertsOf(partner.partnerId, versionId)) ?? [];
    const card = (state: ReminderCardState, userIds?: string[]): AdaptiveCard =>
      scoreAlertCard(head, alerts, versionId, state, userIds);
    switch (verb) {
      case 'reminder.refresh':
        return { card: card(stateOf(entry), invoker.refreshUserIds) };
      case 'reminder.missing':
        return { card: gapsCard(head, alerts[0]?.path ?? head.headline) };
      case 'reminder.snooze':
        throw new ActionError('INVALID_DATA', 'a score alert cannot be snoozed');
      case 'reminder.ack':
        return acknowledged(deps.ledger, key, invoker, today, card);
    }
  }

  const reminder = reminderSubject(head, data);
  const card = (state: ReminderCardState, userIds?: string[]): AdaptiveCard =>
    reminderCard(head, reminder, today, state, userIds);
  switch (verb) {
    case 'reminder.refresh':
      return { card: card(stateOf(entry), invoker.refreshUserIds) };
    case 'reminder.missing':
      return {
        card:
          reminder.subject === DESIGNATION_SUBJECT
            ? withBackToReminder(gapsCard(head, head.headline), data)
            : detailCard(specializationMissingModel(head, reminder, today)),
      };
    case 'reminder.snooze': {
      const until = addDays(today, SNOOZE_DAYS);
      const updated = await deps.ledger.snooze(key, until, invoker.name ?? 'someone');
      if (!updated) throw new ActionError('INVALID_DATA', 'this reminder was not sent to this conversation');
      return { card: card(stateOf(updated), invoker.refreshUserIds), shared: card(stateOf(updated)) };
    }
    case 'reminder.ack':
      return acknowledged(deps.ledger, key, invoker, today, card);
  }
}

/** "Got it": the first acknowledgement is kept; the card shows it to everyone. */
async function acknowledged(
  ledger: ReminderActions,
  key: ReminderKey,
  invoker: ReminderInvoker,
  today: string,
  card: (state: ReminderCardState, userIds?: string[]) => AdaptiveCard,
): Promise<ReminderOutcome> {
  const updated = await ledger.acknowledge(key, {
    name: invoker.name ?? 'someone',
    ...(invoker.objectId ? { objectId: invoker.objectId } : {}),
    at: today,
  });
  if (!updated) throw new ActionError('INVALID_DATA', 'this reminder was not sent to this conversation');
  return { card: card(stateOf(updated), invoker.refreshUserIds), shared: card(stateOf(updated)) };
}
