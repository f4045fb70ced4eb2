import { normalize, recognize } from '../../bot/conversation/intents';
import { CORPUS } from './intent-corpus';

describe('intent recognition', () => {
  const results = CORPUS.map((example) => {
    const got = recognize(example.text);
    const ok =
      got.name === example.intent &&
      (example.path === undefined || got.path === example.path) &&
      (example.metric === undefined || got.metric === example.metric) &&
      (example.customer === undefined || got.customer === example.customer);
    return { example, got, ok };
  });
  const accuracy = results.filter((r) => r.ok).length / results.length;

  test(`a corpus of ${CORPUS.length} phrasings written apart from the patterns: accuracy ≥ 90%`, () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(100);
    const misses = results
      .filter((r) => !r.ok)
      .map((r) => `${r.example.text} → ${JSON.stringify(r.got)} (want ${r.example.intent})`);
    process.stdout.write(
      `intent accuracy: ${(accuracy * 100).toFixed(1)}% (${results.length - misses.length}/${results.length})\n${misses.join('\n')}\n`,
    );
    expect(accuracy).toBeGreaterThanOrEqual(0.9);
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
