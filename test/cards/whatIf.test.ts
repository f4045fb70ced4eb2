import { VERBS } from '../../bot/conversation/answers';
import type { AdaptiveCard } from '../../cards/render';
import {
  EXAM_SLOTS,
  NUMBER_FIELDS,
  parseWhatIfData,
  SIMULATE_VERB,
  whatIfCard,
  whatIfCardFromWords,
  whatIfCardModel,
  whatIfDataFromWords,
  whatIfDataSchema,
} from '../../cards/whatIf';
import { scorePartner, toScoreResult, validateDataset } from '../../scoring';
import { simulate, simulationBase } from '../../scoring/simulate';
import { snapshotHead } from '../../scoring/snapshot';
import { syntheticPartner } from '../fixtures/synthetic';
import { demoSnapshot } from './fixtures';
import { cardProblems, verbsIn } from './validate';

const contoso = demoSnapshot('contoso-security').head;
const northwind = demoSnapshot('northwind-cyber').head;

/** A partner with more people than the card lists: the person is typed. */
const large = (() => {
  const validation = validateDataset(syntheticPartner({ scale: 0.1, seed: 3, asOf: '2026-11-22' }));
  if (!validation.ok) throw new Error('synthetic dataset rejected');
  return snapshotHead(toScoreResult(scorePartner(validation.dataset)), 1);
})();

type Element = Record<string, unknown>;

/** Every element of a card, depth first. */
function elements(node: unknown): Element[] {
  const out: Element[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Element;
      if (typeof o.type === 'string') out.push(o);
      Object.values(o).forEach(walk);
    }
  };
  walk(node);
  return out;
}
const inputsOf = (card: AdaptiveCard): Element[] =>
  elements(card.body).filter((e) => String(e.type).startsWith('Input.'));
const texts = (card: AdaptiveCard): string[] =>
  elements(card.body)
    .filter((e) => e.type === 'TextBlock')
    .map((e) => String(e.text));

/** What Teams sends: every input value as a string. */
const teamsData = { azureCustomers: '2', securityAcrUsd: '2,500', person1: 'p-04', exam1: 'SC-100' };

describe('the what-if card', () => {
  const cards: [string, AdaptiveCard][] = [
    ['contoso empty', whatIfCard(contoso)],
    ['northwind empty', whatIfCard(northwind)],
    ['northwind simulated', whatIfCard(northwind, teamsData)],
    [
      'contoso everything',
      whatIfCard(contoso, {
        azureCustomers: 1000,
        m365Customers: 1000,
        azureDeployments: 1000,
        m365Deployments: 1000,
        securityAcrUsd: 10_000_000,
        protectedUsers: 1_000_000,
        step1People: 100,
        step2People: 100,
        step3People: 100,
        person1: 'p-01',
        exam1: 'SC-100',
        person2: 'Dana',
        exam2: 'SC-200',
      }),
    ],
    [
      'northwind errors',
      whatIfCard(northwind, { azureCustomers: 'lots', person1: 'Nobody', exam1: 'AZ-104' }),
    ],
    [
      'large partner (typed person)',
      whatIfCard(large, { protectedUsers: '500', person1: large.people[0]!.name, exam1: 'SC-200' }),
    ],
    [
      'large partner words',
      whatIfCardFromWords(large, { customers: 3, newPeople: [{ count: 2, exam: 'SC-200' }] }),
    ],
  ];

  test.each(cards)(
    '%s: valid Adaptive Card 1.5, no leftover ${…}, under 28 KB, every verb handled',
    (_n, card) => {
      expect(cardProblems(card)).toEqual([]);
      for (const verb of verbsIn(card)) expect(Object.keys(VERBS)).toContain(verb);
    },
  );

  test('inputs: stable ids, min 0, a maximum, labels; the Simulate button sends them (Action.Execute, associatedInputs auto)', () => {
    const card = whatIfCard(northwind);
    const inputs = inputsOf(card);
    expect(inputs.map((i) => i.id)).toEqual([
      'azureCustomers',
      'm365Customers',
      'azureDeployments',
      'm365Deployments',
      'securityAcrUsd',
      'protectedUsers',
      'step1People',
      'step2People',
      'step3People',
      'person1',
      'exam1',
      'person2',
      'exam2',
    ]);
    for (const input of inputs.filter((i) => i.type === 'Input.Number')) {
      expect(input).toMatchObject({ min: 0, max: expect.any(Number), label: expect.any(String) });
      expect(input).not.toHaveProperty('value');
    }
    // Northwind has 10 people: a list to choose from; the exams that can be passed on the date.
    const person = inputs.find((i) => i.id === 'person1')!;
    expect(person).toMatchObject({ type: 'Input.ChoiceSet', style: 'filtered' });
    expect((person.choices as unknown[]).length).toBe(northwind.people.length);
    const exams = (inputs.find((i) => i.id === 'exam1')!.choices as { value: string }[]).map((c) => c.value);
    expect(exams).toEqual(['SC-500', 'SC-200', 'SC-100', 'SC-300', 'SC-401']); // AZ-500 and SC-400 retired
    const simulateButton = (card.actions as Element[])[0]!;
    expect(simulateButton).toMatchObject({
      type: 'Action.Execute',
      verb: SIMULATE_VERB,
      associatedInputs: 'auto',
      fallback: { type: 'Action.Submit', data: { verb: SIMULATE_VERB }, associatedInputs: 'auto' },
    });
    expect(verbsIn(card.actions)).toEqual([SIMULATE_VERB, 'whatIf', 'score']);
    expect(texts(card).some((t) => t.startsWith('Enter what you would add'))).toBe(true);
  });

  test('Simulate with Teams strings: both paths simulated, the change against today, the inputs kept', () => {
    const model = whatIfCardModel(northwind, teamsData);
    expect(model.errors).toEqual([]);
    expect(model.simulated).toBe(true);
    // The card's figures are simulate()'s, rounded for display.
    const sim = simulate(simulationBase(northwind), {
      azureCustomers: 2,
      securityAcrCents: 250_000,
      exams: [{ personId: 'p-04', exam: 'SC-100' }],
    });
    const enterprise = model.paths.find((p) => p.label.startsWith('Enterprise'))!;
    expect(sim.simulated.paths.enterprise.total.round(2).valueOf()).toBe(75.33);
    expect(enterprise.totalText).toBe('64.67 → 75.33 (+10.67) / 100');
    expect(enterprise.verdict).toBe('qualified ✓ (today: not qualified)');
    expect(enterprise.metrics).toEqual([
      { label: 'Net customer adds', value: '8 → 12 (+4) / 20' },
      { label: 'Intermediate certifications', value: '26.67 → 33.33 (+6.67) / 40' },
      { label: 'Deployments', value: '10 / 20' },
      { label: 'Usage growth', value: '20 / 20' },
    ]);
    expect(model.headlineLine).toBe('Best path: Enterprise, 75.33 points, qualified');
    expect(model.notes).toEqual(['Tomás Ortega passes SC-100 (step 3) on 2026-11-22: counts for a year.']);
    expect(enterprise.dataLines[0]).toContain(
      '2 new Azure customers with $600 eligible Security ACR each in 2026-10',
    );
    const kept = Object.fromEntries(inputsOf(whatIfCard(northwind, teamsData)).map((i) => [i.id, i.value]));
    expect(kept).toMatchObject({ azureCustomers: 2, securityAcrUsd: 2500, person1: 'p-04', exam1: 'SC-100' });
  });

  test('untrusted inputs: each problem is a line in the card, nothing is simulated, nothing throws', () => {
    const model = whatIfCardModel(northwind, {
      azureCustomers: 'lots',
      m365Customers: '-1',
      azureDeployments: '2.5',
      securityAcrUsd: '1.234',
      protectedUsers: '2000000',
      person1: 'Nobody',
      exam1: 'AZ-104',
      person2: 'p-01',
    });
    expect(model.simulated).toBe(false);
    expect(model.errors).toEqual([
      'More net Azure customers: must be a number: "lots"',
      'More net Microsoft 365 customers: from 0 to 1,000: "-1"',
      'More Azure deployments: must be a whole number: "2.5"',
      'More Security ACR growth ($): dollars with at most 2 decimals: "1.234"',
      'More protected users: from 0 to 1,000,000: "2000000"',
      'Named exam 1: "AZ-104" is not a Security skilling exam; known: AZ-500, SC-500, SC-200, SC-100, SC-300, SC-400, SC-401',
      'Named exam 1: No one called "Nobody" holds or held a Security certification in this data: use "New people passing a step-… exam" for someone new.',
      'Named exam 2: choose both a person and an exam.',
    ]);
    expect(whatIfCardModel(northwind, {}).errors).toEqual([
      'Nothing to simulate yet: enter at least one addition.',
    ]);
  });

  test('a head imported before the simulator: the card asks for a re-import instead of failing', () => {
    const old = whatIfCardModel({ ...northwind, simulation: undefined }, { azureCustomers: '1' });
    expect(old.simulated).toBe(false);
    expect(old.errors).toEqual([
      'This data version was imported before the what-if simulator existed: import the data again to simulate.',
    ]);
    expect(
      cardProblems(whatIfCard({ ...northwind, simulation: undefined }, { azureCustomers: '1' })),
    ).toEqual([]);
  });

  test('people by id, full name, or a unique first name, case-insensitively; ambiguous names are refused', () => {
    const ok = (person: string): string | undefined =>
      parseWhatIfData(northwind, { person1: person, exam1: 'SC-100' }).additions.exams?.[0]?.personId;
    expect(ok('p-04')).toBe('p-04');
    expect(ok('tomás ortega')).toBe('p-04');
    expect(ok('Tomás')).toBe('p-04');
    expect(ok('HANNAH')).toBe('p-07');
    const twins = {
      ...northwind,
      people: [...northwind.people, { ...northwind.people[0]!, personId: 'p-99' }],
    };
    expect(parseWhatIfData(twins, { person1: 'Priya', exam1: 'SC-100' }).errors[0]).toMatch(
      /^Named exam 1: 2 people match "Priya" \(Priya Raman \(p-01\), Priya Raman \(p-99\)\): use the full name or the id\.$/,
    );
  });

  test('a retired exam or one already held changes nothing, and the card says why', () => {
    const model = whatIfCardModel(northwind, {
      person1: 'Daniel',
      exam1: 'AZ-500',
      person2: 'Tomás',
      exam2: 'SC-200',
    });
    expect(model.notes).toEqual([
      'Daniel Kowalski passes AZ-500 (step 1): AZ-500 retired on 2026-08-31; passed after that, it does not count.',
      'Tomás Ortega passes SC-200 (step 2): already holds a valid step-2 certification, so nothing changes.',
    ]);
    for (const path of model.paths) expect(path.totalText).not.toContain('→');
  });

  test('a large partner: the person is typed (no list of thousands), the card stays small', () => {
    const card = whatIfCard(large, { person1: large.people[3]!.name, exam1: 'SC-200' });
    const person = inputsOf(card).find((i) => i.id === 'person1')!;
    expect(person).toMatchObject({ type: 'Input.Text', value: large.people[3]!.name });
    expect(JSON.stringify(card).length).toBeLessThan(16 * 1024);
  });

  test('the data schema takes strings and numbers of bounded length, and drops unknown keys', () => {
    expect(whatIfDataSchema.parse({ azureCustomers: '3', protectedUsers: 50, partnerId: '4056789' })).toEqual(
      {
        azureCustomers: '3',
        protectedUsers: 50,
      },
    );
    expect(whatIfDataSchema.safeParse({ person1: 'x'.repeat(61) }).success).toBe(false);
    expect(whatIfDataSchema.safeParse({ exam1: { $ne: 1 } }).success).toBe(false);
    expect(NUMBER_FIELDS).toHaveLength(9);
    expect(EXAM_SLOTS).toBe(2);
  });
});

describe('from words', () => {
  test('customers without a side go where they count at once: the side with more net adds on the headline path', () => {
    // Northwind Enterprise: Azure net +1, Microsoft 365 net +3.
    const { data, notes } = whatIfDataFromWords(northwind, { customers: 2, deployments: 1 });
    expect(data).toEqual({ m365Customers: 2, azureDeployments: 1 }); // deployments: Azure +2, M365 +1
    expect(notes[0]).toBe(
      '"2 customers" read as Microsoft 365 customers: the side with more net adds on the Enterprise path. Change the fields to compare.',
    );
  });

  test('new people by exam go to its step; named exams fill the person/exam pairs; the rest is reported', () => {
    const { data, errors } = whatIfDataFromWords(northwind, {
      newPeople: [
        { count: 2, exam: 'SC-200' },
        { count: 1, step: 3 },
        { count: 1, exam: 'XX-999' },
      ],
      exams: [
        { person: 'Dana', exam: 'SC-200' },
        { person: 'Tomás', exam: 'SC-100' },
        { person: 'Hannah', exam: 'SC-300' },
      ],
      unparsed: ['we lose 2 customers'],
    });
    expect(data).toEqual({
      step2People: 2,
      step3People: 1,
      person1: 'Dana',
      exam1: 'SC-200',
      person2: 'Tomás',
      exam2: 'SC-100',
    });
    expect(errors).toEqual([
      '"XX-999" is not a Security skilling exam; known: AZ-500, SC-500, SC-200, SC-100, SC-300, SC-400, SC-401',
      'At most 2 named people per simulation: the first 2 are filled in.',
      'Not understood: "we lose 2 customers" — use the fields below.',
    ]);
  });

  test('the card from words is already simulated; nothing asked gives the empty card', () => {
    const model = whatIfCardFromWords(contoso, { azureCustomers: 3 });
    expect(texts(model).some((t) => t.startsWith('Best path: '))).toBe(true);
    expect(inputsOf(model).find((i) => i.id === 'azureCustomers')!.value).toBe(3);
    const empty = whatIfCardFromWords(contoso, {});
    expect(texts(empty).some((t) => t.startsWith('Enter what you would add'))).toBe(true);
    expect(texts(empty).some((t) => t.startsWith('Nothing to simulate'))).toBe(false);
  });
});
