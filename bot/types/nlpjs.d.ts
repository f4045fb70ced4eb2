// The parts of NLP.js (plain JavaScript, no types of its own) that the suggestion classifier uses.

declare module '@nlpjs/neural' {
  export interface NeuralExample {
    input: Record<string, number>;
    output: Record<string, number>;
  }
  export class NeuralNetwork {
    constructor(settings?: { log?: boolean; iterations?: number; errorThresh?: number });
    train(corpus: NeuralExample[]): { iterations: number; error: number };
    /** Each label's activation for the features (undefined before training). */
    run(input: Record<string, number>): Record<string, number> | undefined;
  }
}

declare module '@nlpjs/lang-en-min' {
  /** The Snowball (Porter 2) English stemmer. */
  export class StemmerEn {
    stemWords(words: readonly string[]): string[];
  }
}
