import { z } from 'zod';
import { atRiskModel, customerModel, detailCard, metricDetailModel, planModel } from '../../cards/detail';
import { attributionCard } from '../../cards/attribution';
import { certPlanCard } from '../../cards/certPlan';
import { customersCard, TENANT_ID } from '../../cards/customers';
import { gapsCard } from '../../cards/gaps';
import { renewalsModel, requirementsCard, specializationsModel } from '../../cards/renewals';
import {
  helpModel,
  KEEP_FIELD,
  messageCard,
  noDataModel,
  notConnectedModel,
  type KeptCard,
} from '../../cards/message';
import { executeAction, type AdaptiveCard } from '../../cards/render';
import { forecastCard } from '../../cards/forecast';
import { peopleCard } from '../../cards/people';
import { scoreCard } from '../../cards/score';
import { summaryCard, summaryText } from '../../cards/summary';
import { trendCard } from '../../cards/trend';
import {
  SIMULATE_VERB,
  whatIfCard,
  whatIfCardFromWords,
  whatIfDataSchema,
  type WhatIfData,
  type WhatIfWords,
} from '../../cards/whatIf';
import { METRICS, TRACKS, type Track } from '../../scoring';
import { isCalendarDate } from '../../scoring/calendar';
import type { CustomerExplanation } from '../../scoring/explain';
import type { SnapshotHead } from '../../scoring/snapshot';
import type { Intent } from './intents';

/**
 * Questions (typed or clicked) → Adaptive Cards. Teams-free: the activity handler resolves the
 * partner from the sender's tenant and passes it here; nothing in a card payload chooses it.
 */

/** What the answers read: our small interface over the store. */
export interface ScoreSource {
  /** The partner's current snapshot head (one point read). */
  current(partnerId: string): Promise<{ versionId: string; head: SnapshotHead } | undefined>;
  findCustomers(
    partnerId: string,
    versionId: string,
    buckets: number,
    typed: string,
  ): Promise<CustomerExplanation[]>;
  /** Every customer of a version ("which customers count?"): all its buckets. */
  allCustomers(partnerId: string, versionId: string, buckets: number): Promise<CustomerExplanation[]>;
}

export interface Partner {
  readonly partnerId: string;
  readonly name: string;
}

const track = z.enum(TRACKS as unknown as [Track, ...Track[]]);
const metric = z.enum(METRICS as unknown as [(typeof METRICS)[number], ...(typeof METRICS)[number][]]);

/**
 * A reminder or score-alert card's data (cards/reminder.ts): the ledger key without the partner
 * (the invoker's tenant gives it) and the recipient (the conversation the click comes from).
 */
const reminderData = z.strictObject({
  subject: z.string().min(1).max(100),
  occasion: z.union([
    z.string().refine(isCalendarDate, 'must be a YYYY-MM-DD date or version:<id>'),
    z.string().regex(/^version:[A-Za-z0-9_-]{1,64}$/, 'must be a YYYY-MM-DD date or version:<id>'),
  ]),
  offsetDays: z.number().int().min(-400).max(400),
});
export type ReminderPayload = z.infer<typeof reminderData>;

/**
 * Every `Action.Execute` verb the cards use, with the schema of its data. Card payloads are
 * untrusted: unknown verbs and data that do not match are refused.
 */
export const VERBS = {
  score: z.object({ path: track.optional() }),
  gaps: z.object({ path: track.optional() }),
  plan: z.object({ path: track.optional() }),
  metric: z.object({ path: track.optional(), metric }),
  atRisk: z.object({}),
  specializations: z.object({}),
  renewals: z.object({}),
  certPlan: z.object({ path: track.optional() }),
  trend: z.object({}),
  forecast: z.object({}),
  attribution: z.object({}),
  people: z.object({
    exam: z
      .string()
      .regex(/^[A-Z]{2,3}-\d{3}$/)
      .optional(),
  }),
  customers: z.object({ path: track.optional() }),
  summary: z.object({}),
  // One customer's card, from a row of the customers card.
  customer: z.object({ tenantId: z.string().regex(TENANT_ID) }),
  // The what-if card: open it empty ("Clear") or with customers added (a welcome suggestion), or
  // simulate its inputs (strings from Teams, checked in the card).
  whatIf: z.object({ customers: z.number().int().min(1).max(1_000).optional() }),
  [SIMULATE_VERB]: whatIfDataSchema,
  // Reminder and score-alert cards: handled with the ledger (bot/conversation/reminderActions.ts).
  'reminder.refresh': reminderData,
  'reminder.missing': reminderData,
  'reminder.snooze': reminderData,
  'reminder.ack': reminderData,
} as const;

export type Verb = keyof typeof VERBS;
const REMINDER_VERBS = ['reminder.refresh', 'reminder.missing', 'reminder.snooze', 'reminder.ack'] as const;
export type ReminderVerb = (typeof REMINDER_VERBS)[number];
const isReminderVerb = (verb: Verb): verb is ReminderVerb =>
  (REMINDER_VERBS as readonly string[]).includes(verb);

/** A validated click: a question any card can answer, or an action on a reminder card. */
export type CardAction =
  | { readonly kind: 'question'; readonly question: Question }
  | { readonly kind: 'reminder'; readonly verb: ReminderVerb; readonly data: ReminderPayload };
export type Question =
  | { readonly kind: 'score'; readonly path?: Track }
  | { readonly kind: 'bothPaths' }
  | { readonly kind: 'gaps'; readonly path?: Track }
  | { readonly kind: 'plan'; readonly path?: Track }
  | { readonly kind: 'metric'; readonly path?: Track; readonly metric: (typeof METRICS)[number] }
  | { readonly kind: 'atRisk' }
  | { readonly kind: 'specializations' }
  | { readonly kind: 'renewals' }
  | { readonly kind: 'certPlan'; readonly path?: Track }
  | { readonly kind: 'trend' }
  | { readonly kind: 'forecast' }
  | { readonly kind: 'attribution' }
  | { readonly kind: 'whatIf'; readonly data?: WhatIfData; readonly words?: WhatIfWords }
  | { readonly kind: 'customer'; readonly customer: string }
  | { readonly kind: 'people'; readonly exam?: string }
  | { readonly kind: 'customers'; readonly path?: Track }
  | { readonly kind: 'summary' };

export class ActionError extends Error {
  constructor(
    readonly code: 'UNKNOWN_VERB' | 'INVALID_DATA',
    message: string,
  ) {
    super(message);
  }
}

/** A clicked verb with its data → a question or a reminder action (zod-validated). */
export function cardActionFrom(verb: string, data: unknown): CardAction {
  if (!Object.prototype.hasOwnProperty.call(VERBS, verb))
    throw new ActionError('UNKNOWN_VERB', `unknown action "${verb.slice(0, 40)}"`);
  const known = verb as Verb;
  const parsed = VERBS[known].safeParse(data ?? {});
  if (!parsed.success)
    throw new ActionError(
      'INVALID_DATA',
      `invalid data for action "${verb}": ${parsed.error.issues[0]?.message ?? 'invalid'}`,
    );
  if (isReminderVerb(known)) return { kind: 'reminder', verb: known, data: parsed.data as ReminderPayload };
  const asked = (question: Question): CardAction => ({ kind: 'question', question });
  if (known === SIMULATE_VERB) return asked({ kind: 'whatIf', data: parsed.data as WhatIfData });
  if (known === 'customer')
    return asked({ kind: 'customer', customer: (parsed.data as { tenantId: string }).tenantId });
  if (known === 'whatIf') {
    const { customers } = parsed.data as { customers?: number };
    return asked({ kind: 'whatIf', ...(customers ? { words: { customers } } : {}) });
  }
  return asked({ kind: known, ...parsed.data } as Question);
}

const keptCard = z.object({ [KEEP_FIELD]: z.enum(['welcome', 'help']) });

/**
 * The card a question button sits on when that card stays in the chat (the welcome and help cards):
 * the answer then comes as a new message. Undefined for every other card: the answer replaces it.
 */
export function keptCardOf(data: unknown): KeptCard | undefined {
  const parsed = keptCard.safeParse(data);
  return parsed.success ? parsed.data[KEEP_FIELD] : undefined;
}

/** A recognised message → a question, or undefined for help, subscriptions and what needs another issue's data. */
export function questionFromIntent(intent: Intent): Question | undefined {
  switch (intent.name) {
    case 'score':
      return { kind: 'score', ...(intent.path ? { path: intent.path } : {}) };
    case 'bothPaths':
      return { kind: 'bothPaths' };
    case 'gaps':
    case 'plan':
    case 'certPlan':
      return { kind: intent.name, ...(intent.path ? { path: intent.path } : {}) };
    case 'metric':
      return intent.metric
        ? { kind: 'metric', metric: intent.metric, ...(intent.path ? { path: intent.path } : {}) }
        : undefined;
    case 'atRisk':
    case 'specializations':
    case 'renewals':
    case 'trend':
    case 'forecast':
    case 'attribution':
      return { kind: intent.name };
    case 'whatIf':
      return {
        kind: 'whatIf',
        ...(intent.whatIf && Object.keys(intent.whatIf).length > 0 ? { words: intent.whatIf } : {}),
      };
    case 'customer':
      return intent.customer ? { kind: 'customer', customer: intent.customer } : undefined;
    case 'people':
      return { kind: 'people', ...(intent.exam ? { exam: intent.exam } : {}) };
    case 'customers':
      return { kind: 'customers', ...(intent.path ? { path: intent.path } : {}) };
    case 'summary':
      return { kind: 'summary' };
    default:
      return undefined;
  }
}

/** `current` is the partner's snapshot, read by the caller; `today` (YYYY-MM-DD) comes from the edge: renewal windows are shown live. */
export async function answer(
  question: Question,
  partner: Partner,
  current: Awaited<ReturnType<ScoreSource['current']>>,
  source: ScoreSource,
  today: string,
): Promise<AdaptiveCard> {
  if (!current) return messageCard(noDataModel(partner.name));
  const head = current.head;
  const pathOf = (q: { path?: Track }): Track => q.path ?? head.headline;
  switch (question.kind) {
    case 'score':
      return scoreCard(head, pathOf(question));
    case 'bothPaths':
      // The score card always shows both paths; focus on the one that is not the headline.
      return scoreCard(head, head.headline === 'enterprise' ? 'smb' : 'enterprise');
    case 'gaps':
      return gapsCard(head, pathOf(question));
    case 'plan':
      return detailCard(planModel(head, pathOf(question)));
    case 'metric':
      return detailCard(metricDetailModel(head, pathOf(question), question.metric));
    case 'atRisk':
      return detailCard(atRiskModel(head));
    case 'specializations':
      return requirementsCard(specializationsModel(head));
    case 'renewals':
      return requirementsCard(renewalsModel(head, today));
    case 'certPlan':
      return certPlanCard(head, pathOf(question));
    case 'trend':
      return trendCard(head);
    case 'forecast':
      return forecastCard(head);
    case 'attribution':
      return attributionCard(head);
    case 'whatIf':
      return question.words ? whatIfCardFromWords(head, question.words) : whatIfCard(head, question.data);
    case 'people':
      return peopleCard(head, question.exam);
    case 'customers': {
      const customers = await source.allCustomers(partner.partnerId, current.versionId, head.customerBuckets);
      return customersCard(head, customers, pathOf(question));
    }
    case 'summary':
      return summaryCard(head, today);
    case 'customer': {
      const found = await source.findCustomers(
        partner.partnerId,
        current.versionId,
        head.customerBuckets,
        question.customer,
      );
      if (found.length === 1) return detailCard(customerModel(head, found[0]!));
      return messageCard({
        title:
          found.length === 0
            ? `No customer "${question.customer}" in ${head.asOf}'s data`
            : `${found.length} customers match "${question.customer}"`,
        paragraphs:
          found.length === 0
            ? [
                {
                  text: 'A customer appears here once Partner Center reports any row for its tenant. Try the exact name or the tenant id.',
                  subtle: false,
                },
              ]
            : found.slice(0, 10).map((c) => ({ text: `${c.name} (${c.tenantId})`, subtle: false })),
        actions: found
          .filter((c) => TENANT_ID.test(c.tenantId))
          .slice(0, 5)
          .map((c) => executeAction(c.name, 'customer', { tenantId: c.tenantId })),
      });
    }
  }
}

/**
 * The answer as a plain-text message, for the questions whose answer is meant to be copied (the
 * summary): Teams users cannot easily copy text out of an Adaptive Card. Undefined for the others
 * (and without data, where the no-data card answers).
 */
export function textAnswer(
  question: Question,
  current: Awaited<ReturnType<ScoreSource['current']>>,
  today: string,
): string | undefined {
  return question.kind === 'summary' && current ? summaryText(current.head, today) : undefined;
}

export function helpCard(kind: 'welcome' | 'help' | 'unknown'): AdaptiveCard {
  return messageCard(helpModel(kind));
}

export function notConnectedCard(tenantId: string): AdaptiveCard {
  return messageCard(notConnectedModel(tenantId));
}
