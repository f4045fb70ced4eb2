import { createHash } from 'node:crypto';
import type { Container } from '@azure/cosmos';
import { z } from 'zod';
import { guard, StoreError } from './errors';
import { parse, pointRead, queryPartition } from './read';

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
  /** The team of a channel: removing the bot from the team forgets all its channels. */
  teamId: z.string().min(1).optional(),
  updatedAt: z.string(),
});
export type ConversationDoc = z.infer<typeof conversationSchema>;

/** "Post reminders here": a chat or channel that receives the partner's reminders. */
export const subscriptionSchema = z.object({
  id: z.string().startsWith('subscription:'),
  type: z.literal('subscription'),
  partnerId: z.string().regex(/^\d+$/),
  conversationId: z.string().min(1),
  /** Entra object id of who asked. */
  subscribedBy: z.string().optional(),
  subscribedAt: z.string(),
});
export type Subscription = z.infer<typeof subscriptionSchema>;

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

  async subscribe(
    partnerId: string,
    conversationId: string,
    subscribedBy: string | undefined,
    now: Date,
  ): Promise<Subscription> {
    const doc: Subscription = {
      id: `subscription:${conversationDocId(conversationId)}`,
      type: 'subscription',
      partnerId,
      conversationId,
      ...(subscribedBy ? { subscribedBy } : {}),
      subscribedAt: now.toISOString(),
    };
    await guard(`subscribe a conversation of ${partnerId}`, () => this.container.items.upsert(doc));
    return doc;
  }

  /** True when there was a subscription to remove. */
  async unsubscribe(partnerId: string, conversationId: string): Promise<boolean> {
    try {
      await guard(`unsubscribe a conversation of ${partnerId}`, () =>
        this.container.item(`subscription:${conversationDocId(conversationId)}`, partnerId).delete(),
      );
      return true;
    } catch (error) {
      if (error instanceof StoreError && error.code === 'NOT_FOUND') return false;
      throw error;
    }
  }

  /** The partner's subscribed chats and channels (a single-partition query, for reminder runs). */
  async subscriptions(partnerId: string): Promise<Subscription[]> {
    const rows = await queryPartition(this.container, 'partnerId', partnerId, "c.type = 'subscription'");
    return rows.map((r) => parse(subscriptionSchema, r, `conversations/${partnerId}/subscription`));
  }

  /** The partner's conversation references (a single-partition query, for reminder runs). */
  async list(partnerId: string): Promise<ConversationDoc[]> {
    const rows = await queryPartition(this.container, 'partnerId', partnerId, 'NOT IS_DEFINED(c.type)');
    return rows.map((r) => parse(conversationSchema, r, `conversations/${partnerId}`));
  }

  /**
   * The bot was removed from the conversation (uninstalled, removed from the chat or team, or Teams
   * answered 403/404): its reference and any subscription go, so a reinstall starts unsubscribed.
   * With `teamId`, so do those of every channel of that team.
   */
  async forget(partnerId: string, conversationId: string, teamId?: string): Promise<void> {
    const channels = teamId ? await this.channelsOf(partnerId, teamId) : [];
    for (const id of new Set([conversationId, ...channels])) {
      await this.remove(partnerId, id);
      await this.unsubscribe(partnerId, id);
    }
  }

  /** The conversation ids saved with this team id (a single-partition query). */
  private async channelsOf(partnerId: string, teamId: string): Promise<string[]> {
    const rows = await queryPartition(
      this.container,
      'partnerId',
      partnerId,
      'NOT IS_DEFINED(c.type) AND c.teamId = @teamId',
      [{ name: '@teamId', value: teamId }],
    );
    return rows.map((r) => parse(conversationSchema, r, `conversations/${partnerId}`).conversationId);
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
