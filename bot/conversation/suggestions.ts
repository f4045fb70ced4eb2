import type { Verb } from './answers';
import { closeness } from './intents';
import type { TrainingLabel } from './trainingPhrases';

/**
 * "Didn't get that": the canonical questions closest to the text, as buttons, ranked by the intent
 * classifier's closeness (bot/conversation/intents.ts, trained on TRAINING_PHRASES).
 */

export interface Suggestion {
  /** The button's title: at most 28 characters, so that nothing is cut at 480 px. */
  readonly title: string;
  readonly verb: Verb;
  readonly data: Readonly<Record<string, string>>;
}

/** Canonical questions, one or more per intent, in the order offered when nothing is close. */
export const CATALOG: readonly (Suggestion & { readonly label: TrainingLabel })[] = [
  { label: 'score', title: "What's our Security score?", verb: 'score', data: {} },
  { label: 'gaps', title: 'What are we missing?', verb: 'gaps', data: {} },
  { label: 'plan', title: 'Plan to qualify', verb: 'plan', data: {} },
  { label: 'summary', title: 'Summary for my manager', verb: 'summary', data: {} },
  { label: 'people', title: 'Who is certified?', verb: 'people', data: {} },
  { label: 'customers', title: 'Which customers count?', verb: 'customers', data: {} },
  { label: 'certPlan', title: 'Who should take which exam?', verb: 'certPlan', data: {} },
  { label: 'atRisk', title: "What's at risk?", verb: 'atRisk', data: {} },
  { label: 'trend', title: 'How has our score changed?', verb: 'trend', data: {} },
  { label: 'forecast', title: 'Forecast for 3 months', verb: 'forecast', data: {} },
  { label: 'whatIf', title: 'What if we add customers?', verb: 'whatIf', data: {} },
  { label: 'attribution', title: 'Where are we losing credit?', verb: 'attribution', data: {} },
  { label: 'specializations', title: 'Specializations', verb: 'specializations', data: {} },
  { label: 'renewals', title: 'When do we renew?', verb: 'renewals', data: {} },
  {
    label: 'metric.netCustomerAdds',
    title: 'Explain net customer adds',
    verb: 'metric',
    data: { metric: 'netCustomerAdds' },
  },
  {
    label: 'metric.intermediateCertifications',
    title: 'Explain certifications',
    verb: 'metric',
    data: { metric: 'intermediateCertifications' },
  },
  {
    label: 'metric.deployments',
    title: 'Explain deployments',
    verb: 'metric',
    data: { metric: 'deployments' },
  },
  {
    label: 'metric.usageGrowth',
    title: 'Explain usage growth',
    verb: 'metric',
    data: { metric: 'usageGrowth' },
  },
];

const NOT_CLOSE = 0.05;

/** The `count` catalog questions closest to the text, distinct, closest first. */
export function suggestionsFor(text: string, count = 3): Suggestion[] {
  const scores = closeness(text);
  // A label no closer than "None" (words the classifier never saw) is not close at all: such
  // labels keep the catalog's order.
  const floor = Math.max(NOT_CLOSE, scores.get('None') ?? 0);
  const close = (label: TrainingLabel): number => {
    const score = scores.get(label) ?? 0;
    return score > floor ? score : 0;
  };
  return CATALOG.map((entry, order) => ({ entry, order, score: close(entry.label) }))
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, count)
    .map(({ entry: { title, verb, data } }) => ({ title, verb, data }));
}
