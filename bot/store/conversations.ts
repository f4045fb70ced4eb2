import { createHash } from 'node:crypto';
import type { Container } from '@azure/cosmos';
import { z } from 'zod';
import { guard, StoreError } from './errors';
import { pointRead } from './read';

/**
 * Conversation references for proactive messages (reminders): saved when the bot is installed and
 * on each message, removed on uninstall. One logical partition per partner.
 */

export const conversationSchema = z.object({
  id: z.string().min(1),
  partnerId: z.string().regex(/^\d+$/),
  conversationId: z.string().min(1),
  conversationType: z.string(),
  /** botbuilder's ConversationReference, as returned by TurnContext.getConversationReference. */
  reference: z.looseObject({
    serviceUrl: z.string().optional(),
    conversation: z.looseObject({ id: z.string() }),
  }),
  /** The Entra object id of the user in a personal chat (who receives admin reminders). */
  userObjectId: z.string().optional(),
  updatedAt: z.string(),
});
export type ConversationDoc = z.infer<typeof conversationSchema>;

/** Document id: a hash, since Teams conversation ids are long and contain characters ids should not. */
export function conversationDocId(conversationId: string): string {
  return createHash('sha256').update(conversationId).digest('hex').slice(0, 40);
}

export class ConversationRepository {
  constructor(private readonly container: Container) {}

  async save(doc: Omit<ConversationDoc, 'id'>): Promise<void> {
    const full: ConversationDoc = { ...doc, id: conversationDocId(doc.conversationId) };
    await guard(`save conversation of ${doc.partnerId}`, () => this.container.items.upsert(full));
  }

  async get(partnerId: string, conversationId: string): Promise<ConversationDoc | undefined> {
    return (await pointRead(this.container, conversationDocId(conversationId), partnerId, conversationSchema))
      ?.doc;
  }

  async remove(partnerId: string, conversationId: string): Promise<void> {
    try {
      await guard(`remove conversation of ${partnerId}`, () =>
        this.container.item(conversationDocId(conversationId), partnerId).delete(),
      );
    } catch (error) {
      if (!(error instanceof StoreError && error.code === 'NOT_FOUND')) throw error;
    }
  }
}
