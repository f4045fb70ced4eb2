import { cardActionFrom, VERBS } from '../../bot/conversation/answers';
import { closeness, recognize } from '../../bot/conversation/intents';
import { CATALOG, suggestionsFor } from '../../bot/conversation/suggestions';

describe('"didn\'t get that": the closest questions', () => {
  test('the catalog: every verb is in VERBS with valid data, titles short (≤ 28 characters) and distinct', () => {
    for (const entry of CATALOG) {
      expect(Object.keys(VERBS)).toContain(entry.verb);
      expect(cardActionFrom(entry.verb, entry.data).kind).toBe('question');
      expect({ title: entry.title, length: entry.title.length <= 28 }).toEqual({
        title: entry.title,
        length: true,
      });
    }
    expect(new Set(CATALOG.map((entry) => entry.title)).size).toBe(CATALOG.length);
  });

  test.each([
    ['certifcate holdr thingy??', 'Who is certified?'],
    ['money numbers for boss', 'Summary for my manager'],
    ['my boss asked about customers', 'Which customers count?'],
  ])('"%s" is not understood; its closest question comes first: %s', (text, first) => {
    expect(recognize(text).name).toBe('unknown');
    const suggestions = suggestionsFor(text);
    expect(suggestions).toHaveLength(3);
    expect(suggestions[0]!.title).toBe(first);
    expect(new Set(suggestions.map((s) => s.title)).size).toBe(3);
  });

  test('words the classifier never saw: the first three questions of the catalog', () => {
    expect(suggestionsFor('asdfgh qwerty').map((s) => s.title)).toEqual(
      CATALOG.slice(0, 3).map((e) => e.title),
    );
  });

  test('training is deterministic: a second training in a fresh module gives the same scores', async () => {
    const text = 'who has certs and which customers count';
    await jest.isolateModulesAsync(async () => {
      const again = await import('../../bot/conversation/intents');
      expect(again.closeness).not.toBe(closeness); // a fresh module: trained again
      expect([...again.closeness(text)]).toEqual([...closeness(text)]);
    });
  });
});
