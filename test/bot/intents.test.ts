import { normalize, recognize, type Intent } from '../../bot/conversation/intents';
import { TRAINING_PHRASES } from '../../bot/conversation/trainingPhrases';
import { CORPUS } from './intent-corpus';
import { HOLDOUT } from './intent-holdout';
import { DEV_BATCH_3 } from './intent-dev-3';
import { FRESH_BATCH_4 } from './intent-fresh-4';
import { SEALED_HOLDOUT } from './intent-holdout-sealed';
import { SEALED_HOLDOUT_2 } from './intent-holdout-sealed-2';
import { SEALED_HOLDOUT_3 } from './intent-holdout-sealed-3';
import { SEALED_HOLDOUT_4 } from './intent-holdout-sealed-4';

type Example = (typeof CORPUS)[number];

function evaluate(corpus: readonly Example[]) {
  return corpus.map((example) => {
    const got = recognize(example.text);
    const ok =
      got.name === example.intent &&
      (example.path === undefined || got.path === example.path) &&
      (example.metric === undefined || got.metric === example.metric) &&
      (example.customer === undefined || got.customer === example.customer) &&
      (example.exam === undefined || got.exam === example.exam) &&
      (example.smallTalk === undefined || got.smallTalk === example.smallTalk);
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

/** The classifier's training phrases, as examples of the patterns' development corpus. */
const TRAINING: readonly Example[] = Object.entries(TRAINING_PHRASES).flatMap(([label, phrases]) => {
  const [intent, metric] = label.split('.') as [Intent['name'], Example['metric']];
  return phrases.map((text): Example => ({ text, intent, ...(metric ? { metric } : {}) }));
});

describe('intent recognition', () => {
  const results = evaluate(CORPUS);

  test(`the development corpus (${CORPUS.length} phrasings, written apart from the patterns, then used to tune them): ≥ 97%`, () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(250);
    expect(report('intent accuracy, development corpus', results)).toBeGreaterThanOrEqual(0.97);
  });

  test(`the classifier's training phrases (${TRAINING.length}, development corpus too): ≥ 97%`, () => {
    expect(report('intent accuracy, training phrases', evaluate(TRAINING))).toBeGreaterThanOrEqual(0.97);
  });

  test(`a held-out corpus (${HOLDOUT.length} phrasings never used for tuning): ≥ 97%`, () => {
    expect(HOLDOUT.length).toBeGreaterThanOrEqual(150);
    expect(report('intent accuracy, held-out corpus', evaluate(HOLDOUT))).toBeGreaterThanOrEqual(0.97);
  });

  // Each written by someone who never saw the recognizer; the figure when first measured, then tuned on.
  test.each<{ name: string; set: typeof SEALED_HOLDOUT; size: number; history: string }>([
    {
      name: 'the sealed held-out set',
      set: SEALED_HOLDOUT,
      size: 300,
      history: '89.0% when first measured; tuned on since',
    },
    {
      name: 'the second sealed set',
      set: SEALED_HOLDOUT_2,
      size: 250,
      history: '86.4% when first measured, 90.6% after tuning on set 1; tuned on since',
    },
    {
      name: 'the third sealed set',
      set: SEALED_HOLDOUT_3,
      size: 240,
      history: '93.0% when first measured; tuned on since',
    },
    {
      name: 'the fourth sealed set',
      set: SEALED_HOLDOUT_4,
      size: 200,
      history: '99.1% when first measured; never tuned on',
    },
  ])('$name ($history): ≥ 97%', ({ name, set, size }) => {
    expect(set.length).toBeGreaterThanOrEqual(size);
    expect(report(`intent accuracy, ${name}`, evaluate(set))).toBeGreaterThanOrEqual(0.97);
  });

  test('actions only when asked: "turn of(f)" and "opt … out" never subscribe; "outlook" alone is no forecast', () => {
    expect(recognize('switch of the alerts')).toEqual({ name: 'unsubscribe' });
    expect(recognize('turn the notifications of')).toEqual({ name: 'unsubscribe' });
    expect(recognize('opt us out')).toEqual({ name: 'unsubscribe' });
    expect(recognize('opt in to reminders')).toEqual({ name: 'subscribe' });
    expect(recognize('check my outlook calendar')).toEqual({ name: 'unknown' });
    expect(recognize('open outlook')).toEqual({ name: 'unknown' });
    expect(recognize('score outlook')).toEqual({ name: 'forecast' });
  });

  test('a loss for want of renewing is the renewal; a named name beside a generic word is a customer', () => {
    expect(recognize('we might lose points if we dont renew')).toEqual({ name: 'renewals' });
    expect(recognize('AZ-500 still valid?')).toEqual({ name: 'people', exam: 'AZ-500' });
    expect(recognize('Contoso Ltd status')).toEqual({ name: 'customer', customer: 'Contoso Ltd' });
    expect(recognize('usage for Fabrikam')).toEqual({ name: 'customer', customer: 'Fabrikam' });
    expect(recognize('tell me about our customer Fabrikam')).toEqual({
      name: 'customer',
      customer: 'Fabrikam',
    });
    // No names: a quarter, a month, a question word in the singular.
    expect(recognize('Q3 status').name).not.toBe('customer');
    expect(recognize('ACR for March').name).not.toBe('customer');
    expect(recognize('Reminder status').name).not.toBe('customer');
  });

  test(`development batch 3 (${DEV_BATCH_3.length} phrasings written before studying set 2's misses; 73.3% then): ≥ 97%`, () => {
    expect(report('intent accuracy, development batch 3', evaluate(DEV_BATCH_3))).toBeGreaterThanOrEqual(
      0.97,
    );
  });

  test(`fresh batch 4 (${FRESH_BATCH_4.length} phrasings never tuned on; 68.8% with the code before set 2's round, 90.6% after): ≥ 85%`, () => {
    expect(report('intent accuracy, fresh batch 4', evaluate(FRESH_BATCH_4))).toBeGreaterThanOrEqual(0.85);
  });

  test('a weak rule (a generic word alone) gives way to a sure classifier; unmatched text needs it sure too', () => {
    // "score" / "certs" alone matched the catch-all rules; the wording says more.
    expect(recognize('certs we hold as a team')).toEqual({ name: 'people' });
    expect(recognize('qualifying steps')).toEqual({ name: 'plan' });
    // A sure classifier that agrees keeps the rule's reading.
    expect(recognize('status on smb')).toEqual({ name: 'score', path: 'smb' });
    // Presence, not our status; off-topic text stays unknown.
    expect(recognize('set my status to busy')).toEqual({ name: 'unknown' });
    expect(recognize('approve my expense report')).toEqual({ name: 'unknown' });
  });

  test('customer names exactly as typed: apostrophes, a bare name, a clause after it, lead-ins and tenant ids', () => {
    expect(recognize("why is Margie's Travel not counted")).toEqual({
      name: 'customer',
      customer: "Margie's Travel",
    });
    expect(recognize('Northwind Traders?')).toEqual({ name: 'customer', customer: 'Northwind Traders' });
    expect(recognize('is Alpine Ski House in or out')).toEqual({
      name: 'customer',
      customer: 'Alpine Ski House',
    });
    expect(recognize('whats the deal with Trey Research, do they count')).toEqual({
      name: 'customer',
      customer: 'Trey Research',
    });
    expect(recognize('customer info for Wide World Importers')).toEqual({
      name: 'customer',
      customer: 'Wide World Importers',
    });
    expect(recognize('check tenant 9f8e7d6c-1234-4321-abcd-0123456789ab')).toEqual({
      name: 'customer',
      customer: '9f8e7d6c-1234-4321-abcd-0123456789ab',
    });
    expect(recognize('tenant 9f8e7d6c-1234-4321-abcd-0123456789ab why doesnt it count')).toEqual({
      name: 'customer',
      customer: '9f8e7d6c-1234-4321-abcd-0123456789ab',
    });
    expect(
      recognize('sales says Alpine Ski House grew a lot on Defender, can u check why they dont count'),
    ).toEqual({ name: 'customer', customer: 'Alpine Ski House' });
    // Not names: a lower-case word with "?", question words, a metric after a dash.
    expect(recognize('sentinel?').name).not.toBe('customer');
    expect(recognize('Renewals?')).toEqual({ name: 'renewals' });
    expect(recognize('customer success - deployments?')).toEqual({ name: 'metric', metric: 'deployments' });
  });

  test('a typo in the key word wins over a weaker rule the uncorrected text matches; names stay as typed', () => {
    // As typed, "where are we" is a score question; corrected, "falling short" is the gap.
    expect(recognize('where are we fallng short')).toEqual({ name: 'gaps' });
    expect(recognize('how far along is the threat protection renwal')).toEqual({ name: 'renewals' });
    // The typed reading wins a tie, the corrected one adds what it read: the path.
    expect(recognize('how do we get to 70 on entreprise')).toEqual({ name: 'plan', path: 'enterprise' });
    // Names and everyday words are not "corrected": Dana is no "data", "well" no "will".
    expect(normalize('what if Dana gets SC-200', true)).toBe('what if dana gets sc-200');
    expect(normalize('well the store has it', true)).toBe('well the store has it');
    expect(recognize('why does Fabrikm not count')).toEqual({ name: 'customer', customer: 'Fabrikm' });
  });

  test('customers named around the question: tenant ids, a name before it, a question after it', () => {
    expect(recognize('why isnt tenant 0a1b2c3d-1111-2222-3333-444455556666 counted')).toEqual({
      name: 'customer',
      customer: '0a1b2c3d-1111-2222-3333-444455556666',
    });
    expect(recognize('Tailspin Toys: why zero points?')).toEqual({
      name: 'customer',
      customer: 'Tailspin Toys',
    });
    expect(recognize('how about Litware, does it qualify?')).toEqual({
      name: 'customer',
      customer: 'Litware',
    });
    expect(recognize('whats happening with Adatum')).toEqual({ name: 'customer', customer: 'Adatum' });
    // Only question words, or no name: not a customer.
    expect(recognize('whats going on with reminders').name).not.toBe('customer');
    expect(recognize('how are we doing these days')).toEqual({ name: 'score' });
  });

  test('every intent has examples in the development corpus', () => {
    const covered = new Set(CORPUS.map((example) => example.intent));
    for (const intent of Object.keys(TRAINING_PHRASES).map((label) => label.split('.')[0]))
      expect({ intent, covered: covered.has(intent as Example['intent']) }).toEqual({
        intent,
        covered: true,
      });
  });

  test('no unrelated text is taken for a question about the score', () => {
    const unrelated = results.filter((r) => r.example.intent === 'unknown' && r.got.name !== 'unknown');
    expect(unrelated.map((r) => r.example.text)).toEqual([]);
  });

  test('normalisation: case, apostrophes, punctuation, filler words, chat shorthand; typos only when asked', () => {
    expect(normalize("  What's OUR Security score?!  ")).toBe('whats our security score');
    expect(normalize('hey bot, please show the gaps')).toBe('show the gaps');
    expect(normalize('whats our scroe', true)).toBe('whats our score');
    expect(normalize('how many pts r we short on ent thx')).toBe(
      'how many points are we short on enterprise thanks',
    );
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

  test('entities of the new intents: the exam, the kind of small talk, the customers path, a customer named without "why"', () => {
    expect(recognize('how many sc200 holders do we have?')).toEqual({ name: 'people', exam: 'SC-200' });
    expect(recognize('Is AZ 500 retiring?')).toEqual({ name: 'people', exam: 'AZ-500' });
    expect(recognize('who on the team is certified')).toEqual({ name: 'people' });
    expect(recognize('which customers count on SMB?')).toEqual({ name: 'customers', path: 'smb' });
    expect(recognize('Tell me about Woodgrove Bank')).toEqual({
      name: 'customer',
      customer: 'Woodgrove Bank',
    });
    expect(recognize('what does Fabrikam contribute to our score?')).toEqual({
      name: 'customer',
      customer: 'Fabrikam',
    });
    expect(recognize('exec summary pls')).toEqual({ name: 'summary' });
    expect(recognize('Thx!')).toEqual({ name: 'smallTalk', smallTalk: 'thanks' });
    expect(recognize('cya')).toEqual({ name: 'smallTalk', smallTalk: 'bye' });
    expect(recognize('how are you?')).toEqual({ name: 'smallTalk', smallTalk: 'howAreYou' });
    expect(recognize('ok, got it')).toEqual({ name: 'smallTalk', smallTalk: 'acknowledge' });
    // "hi" and "hello" stay the welcome: help.
    expect(recognize('hello')).toEqual({ name: 'help' });
    // Thanks beside a question: the question wins.
    expect(recognize('thanks, and what are we missing?')).toEqual({ name: 'gaps' });
  });

  test('what-if in shorthand and reversed order reads the same additions', () => {
    expect(recognize('whatif 3 new azure custmers')).toEqual({
      name: 'whatIf',
      whatIf: { azureCustomers: 3 },
    });
    expect(recognize('wat if 2 ppl pass SC-200')).toEqual({
      name: 'whatIf',
      whatIf: { newPeople: [{ count: 2, exam: 'SC-200' }] },
    });
    expect(recognize('if we add 2 customers, what would our score be?')).toEqual({
      name: 'whatIf',
      whatIf: { customers: 2 },
    });
  });
});
