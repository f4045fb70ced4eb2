import { VERBS } from '../../bot/conversation/answers';
import { messageCard, notUnderstoodModel, type SuggestedQuestion } from '../../cards/message';
import { cardProblems, verbsIn } from './validate';

const suggestions: SuggestedQuestion[] = [
  { title: 'Who is certified?', verb: 'people', data: {} },
  { title: 'Explain certifications', verb: 'metric', data: { metric: 'intermediateCertifications' } },
  { title: "What's our Security score?", verb: 'score', data: {} },
];

interface Action {
  type: string;
  title: string;
  verb: string;
  data: Record<string, string>;
}

describe('"didn\'t get that" card', () => {
  test('valid Adaptive Card 1.5, the suggestions as Action.Execute buttons with verbs of VERBS', () => {
    const card = messageCard(notUnderstoodModel('certifcate holdr thingy??', suggestions));
    expect(cardProblems(card)).toEqual([]);
    expect(verbsIn(card)).toEqual(['people', 'metric', 'score']);
    for (const verb of verbsIn(card)) expect(Object.keys(VERBS)).toContain(verb);
    const actions = card.actions as Action[];
    expect(actions.map((a) => [a.type, a.title, a.data])).toEqual([
      ['Action.Execute', 'Who is certified?', {}],
      ['Action.Execute', 'Explain certifications', { metric: 'intermediateCertifications' }],
      ['Action.Execute', "What's our Security score?", {}],
    ]);
    expect(JSON.stringify(card)).toContain('You wrote: \\"certifcate holdr thingy??\\"');
  });

  test('the typed text is plain text: `${…}` stays as typed, on one line, shortened when long', () => {
    const card = messageCard(notUnderstoodModel('show ${title}\n\nand ${partner.name}', suggestions));
    // The text puts `${` into the card on purpose; an unbound field would have thrown in render().
    expect(cardProblems(card).filter((problem) => problem !== 'leftover ${…}')).toEqual([]);
    expect(JSON.stringify(card)).toContain('You wrote: \\"show ${title} and ${partner.name}\\"');
    const long = notUnderstoodModel('word '.repeat(200), suggestions).paragraphs[0]!.text;
    expect(long.length).toBeLessThanOrEqual('You wrote: ""'.length + 100);
    expect(long.endsWith('…"')).toBe(true);
  });
});
