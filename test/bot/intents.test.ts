import { normalize, recognize } from '../../bot/conversation/intents';
import { CORPUS } from './intent-corpus';
import { HOLDOUT } from './intent-holdout';

function evaluate(corpus: typeof CORPUS) {
  return corpus.map((example) => {
    const got = recognize(example.text);
    const ok =
      got.name === example.intent &&
      (example.path === undefined || got.path === example.path) &&
      (example.metric === undefined || got.metric === example.metric) &&
      (example.customer === undefined || got.customer === example.customer);
    return { example, got, ok };
  });
}

function report(name: string, results: ReturnType<typeof evaluate>): number {
  const misses = results
    .filter((r) => !r.ok)
    .map((r) => `  ${r.example.text} → ${JSON.stringify(r.got)} (want ${r.example.intent})`);
  const accuracy = (results.length - misses.length) / results.length;
  console.log(
    `${name}: ${(accuracy * 100).toFixed(1)}% (${results.length - misses.length}/${results.length})\n${misses.join('\n')}\n`,
  );
  return accuracy;
}

describe('intent recognition', () => {
  const results = evaluate(CORPUS);

  test(`the development corpus (${CORPUS.length} phrasings, written apart from the patterns, then used to tune them): ≥ 95%`, () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(100);
    expect(report('intent accuracy, development corpus', results)).toBeGreaterThanOrEqual(0.95);
  });

  test(`a held-out corpus (${HOLDOUT.length} phrasings never used for tuning): ≥ 85%`, () => {
    expect(report('intent accuracy, held-out corpus', evaluate(HOLDOUT))).toBeGreaterThanOrEqual(0.85);
  });

  test('no unrelated text is taken for a question about the score', () => {
    const unrelated = results.filter((r) => r.example.intent === 'unknown' && r.got.name !== 'unknown');
    expect(unrelated.map((r) => r.example.text)).toEqual([]);
  });

  test('normalisation: case, apostrophes, punctuation, filler words; typos only when asked', () => {
    expect(normalize("  What's OUR Security score?!  ")).toBe('whats our security score');
    expect(normalize('hey bot, please show the gaps')).toBe('show the gaps');
    expect(normalize('whats our scroe', true)).toBe('whats our score');
  });

  test('entities: path, metric and the customer as typed', () => {
    expect(recognize("what's our SMB score?")).toEqual({ name: 'score', path: 'smb' });
    expect(recognize('why is usage growth 0 on enterprise?')).toEqual({
      name: 'metric',
      metric: 'usageGrowth',
      path: 'enterprise',
    });
    expect(recognize("Why doesn't Fabrikam count?")).toEqual({ name: 'customer', customer: 'Fabrikam' });
    expect(recognize('lol')).toEqual({ name: 'unknown' });
  });
});
