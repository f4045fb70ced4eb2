import type { ReminderDependencies } from '../../bot/conversation/reminderActions';
import type { Registration } from '../../bot/store/documents';
import type { ConversationReferences, FileDrops } from '../../bot/teamsBot';

/** Simple fakes of the bot's small interfaces, for bot tests that do not look at these parts. */

/** Conversation references accepted and forgotten; nothing is subscribed. */
export const ignoredConversations: ConversationReferences = {
  save: async () => undefined,
  forget: async () => undefined,
  subscribe: async () => undefined,
  unsubscribe: async () => false,
};

/** No reminder was ever sent: reminder actions are refused as cards not sent to that conversation. */
export const noReminders: ReminderDependencies = {
  ledger: { get: async () => undefined, acknowledge: async () => undefined, snooze: async () => undefined },
  alerts: { alertsOf: async () => undefined },
};

/** For tests that drop no files: a drop reaching it is a test error. */
export const noFileDrops: FileDrops = {
  receive: async () => {
    throw new Error('this test drops no files');
  },
};

/** A partner's registration as the store reads it: everyone may view, one admin (`admin-oid`). */
export const registration = (
  partnerId: string,
  name: string,
  over: Partial<Registration> = {},
): Registration => ({
  id: 'registration',
  type: 'registration',
  partnerId,
  name,
  tenantIds: [],
  adminObjectIds: ['admin-oid'],
  adminsOnly: false,
  createdAt: '2026-11-01T00:00:00Z',
  updatedAt: '2026-11-01T00:00:00Z',
  ...over,
});
