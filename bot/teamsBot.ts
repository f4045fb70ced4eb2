import { randomUUID } from 'node:crypto';
import {
  CardFactory,
  TeamsActivityHandler,
  type Activity,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
} from 'botbuilder';
import { errorModel, messageCard, notUnderstoodModel } from '../cards/message';
import type { AdaptiveCard } from '../cards/render';
import {
  ActionError,
  answer,
  cardActionFrom,
  helpCard,
  keptCardOf,
  notConnectedCard,
  questionFromIntent,
  textAnswer,
  type Partner,
  type Question,
  type ScoreSource,
} from './conversation/answers';
import {
  dropOf,
  type ConversationReferenceLike,
  type Drop,
  type DropAnswer,
  type DropTurn,
} from './conversation/fileImport';
import { recognize, type Intent } from './conversation/intents';
import { reminderAction, type ReminderDependencies } from './conversation/reminderActions';
import { suggestionsFor } from './conversation/suggestions';
import type { Logger } from './log';
import type { ConversationDoc } from './store/conversations';
import type { Registration } from './store/documents';

/** Who may see which partner: our small interface over the registrations. */
export interface PartnerDirectory {
  partnerForTenant(tenantId: string): Promise<string | undefined>;
  get(partnerId: string): Promise<Registration | undefined>;
}

/** Where conversation references for proactive messages are kept: our small interface over the store. */
export interface ConversationReferences {
  save(doc: Omit<ConversationDoc, 'id'>): Promise<void>;
  /** The bot was removed: the reference and subscription go (with `teamId`, those of the team's channels). */
  forget(partnerId: string, conversationId: string, teamId?: string): Promise<void>;
  subscribe(
    partnerId: string,
    conversationId: string,
    subscribedBy: string | undefined,
    now: Date,
  ): Promise<unknown>;
  unsubscribe(partnerId: string, conversationId: string): Promise<boolean>;
}

/** Files dropped into the chat (bot/conversation/fileImport.ts): our small interface. */
export interface FileDrops {
  receive(turn: DropTurn): Promise<DropAnswer>;
}

export interface BotDependencies {
  readonly directory: PartnerDirectory;
  readonly scores: ScoreSource;
  readonly conversations: ConversationReferences;
  readonly log: Logger;
  /** Today's date, YYYY-MM-DD (the clock lives here, at the edge). */
  readonly today: () => string;
  /**
   * The reminder ledger and the score alerts, for clicks on reminder and score-alert cards. Without
   * them this bot sent no such card, and their actions are refused like any unknown card's.
   */
  readonly reminders: ReminderDependencies;
  /** Partner Center downloads dropped into the personal chat: checked, imported, summarised. */
  readonly fileDrops: FileDrops;
}

type Access = { ok: true; partner: Partner; current: Current } | { ok: false; card: AdaptiveCard };
/**
 * What the bot answers: a card, and for an answer meant to be copied (the summary) its text too. A
 * message then carries the text alone (plain text: Teams users cannot easily copy out of a card, and
 * names stay as written); a click gets the card, with the same text, and the text as a message.
 */
interface Reply {
  readonly card: AdaptiveCard;
  readonly text?: string;
}
type Current = Awaited<ReturnType<ScoreSource['current']>>;

/** Conversations whose reference this process has saved: skips a write per message (a restart writes again). */
const REMEMBERED_LIMIT = 10_000;

const CARD = 'application/vnd.microsoft.card.adaptive';
/** turnState key: the partner `access` resolved from the sender's tenant in this turn. */
const TURN_PARTNER_ID = Symbol('partnerId');

/** Small talk gets one short line back. */
const SMALL_TALK_REPLIES: Readonly<Record<NonNullable<Intent['smallTalk']>, string>> = {
  thanks: "You're welcome!",
  bye: 'Bye! Ask me anytime.',
  howAreYou: "I'm well, thanks! Ask me about your Security score anytime.",
  acknowledge: '👍',
};

/**
 * The Teams glue: messages → intents → cards; card clicks (Action.Execute) → verbs → updated cards;
 * installation → welcome. The partner always comes from the sender's Teams tenant.
 */
export class PartnerScoreBot extends TeamsActivityHandler {
  private readonly remembered = new Set<string>();

  constructor(private readonly deps: BotDependencies) {
    super();
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botAdded = (context.activity.membersAdded ?? []).some(
        (m) => m.id === context.activity.recipient.id,
      );
      if (botAdded) {
        await context.sendActivity({ attachments: [CardFactory.adaptiveCard(helpCard('welcome'))] });
        await this.remember(context);
      }
      await next();
    });
    this.onMembersRemoved(async (context, next) => {
      const botRemoved = (context.activity.membersRemoved ?? []).some(
        (m) => m.id === context.activity.recipient.id,
      );
      if (botRemoved) await this.forget(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.remember(context);
      await next();
    });
    this.onInstallationUpdateRemove(async (context, next) => {
      await this.forget(context);
      await next();
    });
  }

  /**
   * Uninstalled, or removed from the chat or team: the conversation's reference and subscription go
   * (for a team, every channel's), so a reinstall starts unsubscribed, as a first install does.
   */
  private async forget(context: TurnContext): Promise<void> {
    const partnerId = await this.partnerIdOf(context);
    if (!partnerId) return;
    // A later message saves the reference again: this process must not skip it as already saved.
    this.remembered.clear();
    await this.deps.conversations.forget(partnerId, context.activity.conversation.id, teamOf(context));
  }

  private async partnerIdOf(context: TurnContext): Promise<string | undefined> {
    const tenantId = tenantOf(context);
    return tenantId ? this.deps.directory.partnerForTenant(tenantId) : undefined;
  }

  /** Keeps this conversation's reference for proactive messages (registered partners only). */
  private async remember(context: TurnContext, partnerId?: string, onlyIfNew = false): Promise<void> {
    const id = partnerId ?? (await this.partnerIdOf(context));
    if (!id) return;
    const activity = context.activity;
    const key = `${id}|${activity.conversation.id}`;
    if (onlyIfNew && this.remembered.has(key)) return;
    const conversationType = activity.conversation.conversationType ?? 'personal';
    const teamId = teamOf(context);
    await this.deps.conversations.save({
      partnerId: id,
      conversationId: activity.conversation.id,
      conversationType,
      reference: TurnContext.getConversationReference(activity) as unknown as ConversationDoc['reference'],
      ...(conversationType === 'personal' && activity.from?.aadObjectId
        ? { userObjectId: activity.from.aadObjectId }
        : {}),
      ...(teamId ? { teamId } : {}),
      updatedAt: new Date().toISOString(),
    });
    if (this.remembered.size >= REMEMBERED_LIMIT) this.remembered.clear();
    this.remembered.add(key);
  }

  /** Resolves the sender's partner: unknown tenants and, for admins-only partners, non-admins are refused. */
  private async access(context: TurnContext): Promise<Access> {
    const activity = context.activity;
    const tenantId = tenantOf(context);
    if (!tenantId) return { ok: false, card: notConnectedCard('(unknown)') };
    const partnerId = await this.deps.directory.partnerForTenant(tenantId);
    if (!partnerId) return { ok: false, card: notConnectedCard(tenantId) };
    context.turnState.set(TURN_PARTNER_ID, partnerId);
    // Both point reads at once; the score is shown only after the checks below.
    const [registration, current] = await Promise.all([
      this.deps.directory.get(partnerId),
      this.deps.scores.current(partnerId),
    ]);
    if (!registration) return { ok: false, card: notConnectedCard(tenantId) };
    const user = activity.from?.aadObjectId;
    if (registration.adminsOnly && (!user || !registration.adminObjectIds.includes(user))) {
      return {
        ok: false,
        card: messageCard({
          title: `Only ${registration.name}'s Partner Score Bot admins can see the score`,
          paragraphs: [
            {
              text: 'Ask one of your partner admins to add you, or to share the score with everyone in your organization.',
              subtle: false,
            },
          ],
          actions: [],
        }),
      };
    }
    return { ok: true, partner: { partnerId: registration.partnerId, name: registration.name }, current };
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const drop = dropOf(activity.attachments);
    if (drop) return this.handleDrop(context, drop);
    // An Action.Submit fallback click arrives as a message with the verb in its value.
    const submitted = activity.value as { verb?: unknown } | undefined;
    let reply: Reply;
    if (submitted && typeof submitted.verb === 'string') {
      // The fallback's data carries the verb beside the Action.Execute data: not part of it.
      const { verb, ...data } = submitted;
      try {
        reply = await this.replyForAction(context, verb, data);
      } catch (error) {
        if (!(error instanceof ActionError)) throw error;
        this.deps.log.warn({ code: error.code }, 'refused card action (fallback)');
        reply = { card: helpCard('unknown') };
      }
    } else {
      // The bot's own @mention (channels, group chats) is not part of the question.
      const text = TurnContext.removeRecipientMention(activity) ?? activity.text ?? '';
      const intent = recognize(text);
      this.deps.log.info({ intent: intent.name, conversation: activity.conversation?.id }, 'message');
      if (intent.name === 'smallTalk') {
        // "thx!", "ok": one short line, no card.
        await context.sendActivity(SMALL_TALK_REPLIES[intent.smallTalk ?? 'acknowledge']);
        await this.remember(context, undefined, true);
        return;
      }
      reply = await this.replyForIntent(context, intent, text);
    }
    await context.sendActivity(
      reply.text !== undefined
        ? textMessage(reply.text)
        : { attachments: [CardFactory.adaptiveCard(reply.card)] },
    );
    // After the answer, so that saving never delays it; awaited, so a failure is not lost. The
    // partner this turn already resolved saves a second read of the tenant mapping, and a
    // conversation this process already saved is not written again.
    await this.remember(context, context.turnState.get(TURN_PARTNER_ID) as string | undefined, true);
  }

  /** Files dropped into the chat: the answer now, the import summary later (fileImport.ts). */
  private async handleDrop(context: TurnContext, drop: Drop): Promise<void> {
    const activity = context.activity;
    this.deps.log.info({ files: drop.files.length, conversation: activity.conversation?.id }, 'file drop');
    const answer = await this.deps.fileDrops.receive({
      tenantId: tenantOf(context),
      userObjectId: activity.from?.aadObjectId,
      personal: (activity.conversation?.conversationType ?? 'personal') === 'personal',
      reference: TurnContext.getConversationReference(activity) as unknown as ConversationReferenceLike,
      drop,
    });
    try {
      await context.sendActivity({ attachments: [CardFactory.adaptiveCard(answer.card)] });
    } finally {
      // The job was reserved for this partner: it runs (and reports) even if the acknowledgement failed.
      answer.start?.();
    }
    await this.remember(context, undefined, true);
  }

  private async replyForIntent(
    context: TurnContext,
    intent: ReturnType<typeof recognize>,
    text: string,
  ): Promise<Reply> {
    const notUnderstood = (): Reply => ({
      card: messageCard(notUnderstoodModel(text, suggestionsFor(text))),
    });
    if (intent.name === 'help') return { card: helpCard('help') };
    if (intent.name === 'unknown') return notUnderstood();
    const access = await this.access(context);
    if (!access.ok) return { card: access.card };
    if (intent.name === 'subscribe' || intent.name === 'unsubscribe')
      return { card: await this.subscription(context, access.partner, intent.name) };
    const question = questionFromIntent(intent);
    if (!question) return notUnderstood();
    return this.replyTo(question, access.partner, access.current);
  }

  private async replyTo(question: Question, partner: Partner, current: Current): Promise<Reply> {
    const today = this.deps.today();
    const card = await answer(question, partner, current, this.deps.scores, today);
    const text = textAnswer(question, current, today);
    return text === undefined ? { card } : { card, text };
  }

  /** "Post reminders here" / "stop reminders" in this chat or channel. */
  private async subscription(
    context: TurnContext,
    partner: Partner,
    intent: 'subscribe' | 'unsubscribe',
  ): Promise<AdaptiveCard> {
    const conversationId = context.activity.conversation.id;
    if (intent === 'subscribe') {
      await this.remember(context, partner.partnerId);
      await this.deps.conversations.subscribe(
        partner.partnerId,
        conversationId,
        context.activity.from?.aadObjectId,
        new Date(),
      );
      return messageCard({
        title: 'Reminders will be posted here',
        paragraphs: [
          {
            text: `Renewal reminders for ${partner.name} (designation and specializations: 120, 90, 60 and 30 days before each anniversary, on the day and 30 days after) will appear in this conversation.`,
            subtle: false,
          },
          { text: 'Say "stop reminders" to turn them off.', subtle: true },
        ],
        actions: [],
      });
    }
    const removed = await this.deps.conversations.unsubscribe(partner.partnerId, conversationId);
    return messageCard({
      title: removed ? 'No more reminders here' : 'Reminders were not posted here',
      paragraphs: [
        {
          text: 'The partner\'s admins still get theirs in personal chat. Say "post reminders here" to turn them back on.',
          subtle: true,
        },
      ],
      actions: [],
    });
  }

  private async replyForAction(context: TurnContext, verb: string, data: unknown): Promise<Reply> {
    const access = await this.access(context);
    if (!access.ok) return { card: access.card };
    const action = cardActionFrom(verb, data);
    if (action.kind === 'question') return this.replyTo(action.question, access.partner, access.current);
    const activity = context.activity;
    const personal = (activity.conversation.conversationType ?? 'personal') === 'personal';
    const outcome = await reminderAction(
      action.verb,
      action.data,
      access.partner,
      access.current,
      this.deps.reminders,
      {
        conversationId: activity.conversation.id,
        name: activity.from?.name,
        objectId: activity.from?.aadObjectId,
        // The clicker's own view keeps refreshing in group chats and channels; personal chats need no list.
        refreshUserIds: !personal && activity.from?.id ? [activity.from.id] : undefined,
      },
      this.deps.today(),
    );
    if (outcome.shared) await this.replaceSharedCard(context, outcome.shared);
    return { card: outcome.card };
  }

  /**
   * Puts the updated card in place of the clicked message for everyone in the conversation (who
   * acknowledged or snoozed it). Best effort: the clicker gets the card in the invoke response anyway.
   */
  private async replaceSharedCard(context: TurnContext, card: AdaptiveCard): Promise<void> {
    const messageId = context.activity.replyToId;
    if (!messageId) return;
    try {
      await context.updateActivity({
        id: messageId,
        type: 'message',
        attachments: [CardFactory.adaptiveCard(card)],
      });
    } catch (error) {
      // Not the error itself: an SDK error may carry the request, i.e. the card with the partner's data.
      this.deps.log.warn(
        {
          conversation: context.activity.conversation.id,
          error: error instanceof Error ? error.name : typeof error,
          status: (error as { statusCode?: unknown } | undefined)?.statusCode,
        },
        'could not update the reminder card for everyone',
      );
    }
  }

  /** Best effort: the clicker gets the same text on the card in the invoke response anyway. */
  private async sendCopyableText(context: TurnContext, text: string): Promise<void> {
    try {
      await context.sendActivity(textMessage(text));
    } catch (error) {
      // Not the error itself: an SDK error may carry the request, i.e. the partner's data.
      this.deps.log.warn(
        {
          conversation: context.activity.conversation.id,
          error: error instanceof Error ? error.name : typeof error,
          status: (error as { statusCode?: unknown } | undefined)?.statusCode,
        },
        'could not post the text to copy',
      );
    }
  }

  /**
   * A click on an Action.Execute. The answer replaces the clicked card, except on the welcome and
   * help cards: Teams users scroll back to those for the next question, so they stay and the answer
   * comes as a new message below them (the invoke response is the same card again).
   */
  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const verb = typeof invokeValue?.action?.verb === 'string' ? invokeValue.action.verb : '';
    const data: unknown = invokeValue?.action?.data;
    let reply: Reply;
    try {
      reply = await this.replyForAction(context, verb, data);
      this.deps.log.info({ verb, conversation: context.activity.conversation?.id }, 'card action');
    } catch (error) {
      if (error instanceof ActionError) {
        this.deps.log.warn({ verb: verb.slice(0, 40), code: error.code }, 'refused card action');
        return {
          statusCode: 400,
          type: 'application/vnd.microsoft.error',
          value: {
            code: error.code,
            message: error.message,
          } as unknown as AdaptiveCardInvokeResponse['value'],
        };
      }
      const correlationId = randomUUID();
      this.deps.log.error({ err: error, verb, correlationId }, 'card action failed');
      reply = { card: messageCard(errorModel(correlationId)) };
    }
    // Text meant to be copied (the summary) also comes as a message.
    if (reply.text !== undefined) await this.sendCopyableText(context, reply.text);
    const kept = keptCardOf(data);
    if (kept) {
      await context.sendActivity({ attachments: [CardFactory.adaptiveCard(reply.card)] });
      return cardResponse(helpCard(kept));
    }
    return cardResponse(reply.card);
  }
}

/** A plain-text message: shown as written (no markdown), so names from the data cannot format it. */
function textMessage(text: string): Partial<Activity> {
  return { type: 'message', text, textFormat: 'plain' };
}

function cardResponse(card: AdaptiveCard): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: CARD, value: card as unknown as AdaptiveCardInvokeResponse['value'] };
}

/** The sender's Teams tenant: from channelData (Teams) or the conversation. */
function tenantOf(context: TurnContext): string | undefined {
  const channelData = context.activity.channelData as { tenant?: { id?: string } } | undefined;
  return channelData?.tenant?.id ?? context.activity.conversation?.tenantId;
}

/** The team of a channel conversation (Teams' channelData), undefined elsewhere. */
function teamOf(context: TurnContext): string | undefined {
  const channelData = context.activity.channelData as { team?: { id?: string } } | undefined;
  return channelData?.team?.id || undefined;
}
