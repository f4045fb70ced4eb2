import { StemmerEn } from '@nlpjs/lang-en-min';
import { NeuralNetwork, type NeuralExample } from '@nlpjs/neural';
import type { Verb } from './answers';
import { normalize } from './intents';
import { TRAINING_PHRASES, type TrainingLabel } from './trainingPhrases';

/**
 * "Didn't get that": the canonical questions closest to the text, as buttons. Closeness is the
 * score of an NLP.js classifier (its single-layer neural network over stemmed words, as NluNeural
 * builds it) trained on TRAINING_PHRASES. The intent patterns still decide what a message means;
 * measured on held-out phrasings, the classifier alone or as their fallback was no better
 * (docs/understanding.md).
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

const stemmer = new StemmerEn();

/** Stemmed words of the normalised text (shorthand expanded, typos corrected). */
function stems(text: string): string[] {
  return stemmer.stemWords(normalize(text, true).split(' ').filter(Boolean));
}

/** Words the classifier never saw count towards "None", as NLP.js's NluNeural does. */
const NONE = 'nonefeature';

function trainClassifier(): { network: NeuralNetwork; known: ReadonlySet<string>; noneStep: number } {
  const known = new Set<string>();
  const examples: NeuralExample[] = Object.entries(TRAINING_PHRASES).flatMap(([label, phrases]) =>
    phrases.map((phrase) => {
      const input = Object.fromEntries(stems(phrase).map((stem) => [stem, 1]));
      Object.keys(input).forEach((stem) => known.add(stem));
      return { input, output: { [label]: 1 } };
    }),
  );
  examples.push({ input: { [NONE]: 1 }, output: { None: 1 } });
  // Deterministic: the weights start at zero and the examples come in a fixed order.
  const network = new NeuralNetwork({ log: false });
  network.train(examples);
  return { network, known, noneStep: Object.keys(TRAINING_PHRASES).length / known.size };
}

// Trained once at module load, in memory (about 0.3 s; nothing is downloaded or written).
const classifier = trainClassifier();

/** Each label's closeness to the text, 0–1, summing to 1 when any label is close. */
export function closeness(text: string): ReadonlyMap<TrainingLabel | 'None', number> {
  const input: Record<string, number> = {};
  let none = 0;
  let step = classifier.noneStep;
  for (const stem of new Set(stems(text))) {
    if (classifier.known.has(stem)) input[stem] = 1;
    else {
      none += step;
      step *= 1.2;
    }
  }
  if (none > 0) input[NONE] = none;
  const activations = Object.entries(classifier.network.run(input) ?? {}) as [
    TrainingLabel | 'None',
    number,
  ][];
  // As NluNeural: squared activations, normalised to sum to 1.
  const total = activations.reduce((sum, [, a]) => sum + a * a, 0);
  return new Map(activations.map(([label, a]) => [label, total > 0 ? (a * a) / total : 0]));
}

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
