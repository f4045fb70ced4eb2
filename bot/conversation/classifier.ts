import { StemmerEn } from '@nlpjs/lang-en-min';
import { NeuralNetwork, type NeuralExample } from '@nlpjs/neural';

/**
 * An NLP.js intent classifier: the single-layer neural network that NLP.js's NluNeural trains, over
 * stemmed words (Snowball English), with its "None" feature for words never seen in training.
 * Used synchronously (recognize() is synchronous), so the few steps of NluNeural's pipeline around
 * the network are done here: the text's words come normalised from the caller.
 */

export interface Classifier<Label extends string> {
  /** Each label's closeness to the text, 0–1, summing to 1; `None`: nothing like the training. */
  closeness(text: string): ReadonlyMap<Label | 'None', number>;
}

const NONE_FEATURE = 'nonefeature';
const stemmer = new StemmerEn();

/**
 * Trains on `phrases` (label → phrases); `words` splits a text into normalised words. Deterministic:
 * the network's weights start at zero and the examples come in a fixed order.
 */
export function trainClassifier<Label extends string>(
  phrases: Readonly<Record<Label, readonly string[]>>,
  words: (text: string) => string[],
): Classifier<Label> {
  const stems = (text: string): string[] => stemmer.stemWords(words(text));
  const known = new Set<string>();
  const labels = Object.keys(phrases) as Label[];
  const examples: NeuralExample[] = labels.flatMap((label) =>
    phrases[label].map((phrase) => {
      const input = Object.fromEntries(stems(phrase).map((stem) => [stem, 1]));
      Object.keys(input).forEach((stem) => known.add(stem));
      return { input, output: { [label]: 1 } };
    }),
  );
  examples.push({ input: { [NONE_FEATURE]: 1 }, output: { None: 1 } });
  const network = new NeuralNetwork({ log: false });
  network.train(examples);
  const noneStep = labels.length / known.size;

  return {
    closeness(text) {
      // As NluNeural: each unknown word adds to the "None" feature, a little more each time.
      const input: Record<string, number> = {};
      let none = 0;
      let step = noneStep;
      for (const stem of new Set(stems(text))) {
        if (known.has(stem)) input[stem] = 1;
        else {
          none += step;
          step *= 1.2;
        }
      }
      if (none > 0) input[NONE_FEATURE] = none;
      const activations = Object.entries(network.run(input) ?? {}) as [Label | 'None', number][];
      // As NluNeural: squared activations, normalised to sum to 1.
      const total = activations.reduce((sum, [, a]) => sum + a * a, 0);
      return new Map(activations.map(([label, a]) => [label, total > 0 ? (a * a) / total : 0]));
    },
  };
}
