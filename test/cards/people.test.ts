import { answer, cardActionFrom, questionFromIntent, VERBS } from '../../bot/conversation/answers';
import { PEOPLE_ROWS, peopleCard, peopleModel } from '../../cards/people';
import { toScoreResult, type PartnerDataset } from '../../scoring';
import { snapshotHead, type SnapshotHead } from '../../scoring/snapshot';
import { syntheticPartner } from '../fixtures/synthetic';
import { cert, certs, dataset, report } from '../scoring/builders';
import { demoSnapshot } from './fixtures';
import { cardProblems, verbsIn } from './validate';

const contoso = demoSnapshot('contoso-security').head;
const northwind = demoSnapshot('northwind-cyber').head;
const headOf = (data: PartnerDataset): SnapshotHead => snapshotHead(toScoreResult(report(data)), 1);
/** 200 people: the lists are cut at PEOPLE_ROWS. */
const large = headOf(syntheticPartner({ scale: 0.1, seed: 7 }));
const longNames = headOf({
  ...syntheticPartner({ scale: 0.1, seed: 7 }),
  certifications: syntheticPartner({ scale: 0.1, seed: 7 }).certifications.map((c) => ({
    ...c,
    personName: `${c.personName ?? c.personId} ${'x'.repeat(300)}`,
  })),
});

const texts = (model: ReturnType<typeof peopleModel>): string[] =>
  model.sections.flatMap((s) => s.rows.map((r) => r.text));

describe('people card', () => {
  const cards = [contoso, northwind, large, longNames].flatMap((head, i) =>
    [undefined, 'SC-200', 'AZ-500', 'SC-401', 'AZ-104'].map(
      (exam) => [`head ${i} ${exam ?? 'everyone'}`, peopleCard(head, exam)] as const,
    ),
  );

  test.each(cards)(
    '%s: valid Adaptive Card 1.5, fully bound, under 28 KB, every verb handled',
    (_n, card) => {
      expect(cardProblems(card)).toEqual([]);
      for (const verb of verbsIn(card)) expect(Object.keys(VERBS)).toContain(verb);
    },
  );

  test('everyone: how many per exam, who holds what with the one that stops counting first at the top, what is held but not counted', () => {
    const model = peopleModel(northwind);
    expect(model.title).toBe('Who is certified — 8 people, 12 certifications that count');
    expect(model.facts).toContainEqual({ title: 'SC-200 (step 2)', value: '3 people' });
    expect(model.facts).toContainEqual({ title: 'AZ-500 (step 1)', value: '1 person' });
    // SC-400 retired in 2025 and nobody holds it any more: no line.
    expect(model.facts.map((f) => f.title)).not.toContain('SC-400 (step 3)');
    const holders = model.sections[0]!.rows;
    expect(holders[0]).toEqual({
      text: 'Sofia Lindqvist: SC-200 (step 2)',
      status: '⚠ until 2027-01-12',
      color: 'Warning',
    });
    const ends = holders.map((r) => r.status.replace(/^⚠ /, ''));
    expect(ends).toEqual([...ends].sort());
    expect(holders[1]).toMatchObject({ status: 'until 2027-02-25', color: 'Default' });
    expect(model.sections[1]).toEqual({
      heading: 'Held but not counted',
      rows: [
        { text: 'Jonas Weber: SC-400', status: 'expired 2026-03-18', color: 'Default' },
        { text: 'Jonas Weber: AZ-104', status: 'not a Security exam', color: 'Default' },
        { text: 'Daniel Kowalski: AZ-500', status: 'expired 2026-06-10', color: 'Default' },
      ],
    });
  });

  test('"how many SC-200 do we have": the count at a glance in the title, the holders, what it counts for', () => {
    const model = peopleModel(contoso, 'SC-200');
    expect(model.title).toBe('SC-200: 3 people');
    expect(model.subtitle).toMatch(/^Microsoft Security Operations Analyst · Contoso Security Ltd/);
    expect(model.sections[0]!.rows.map((r) => r.text)).toEqual(['Eli Novak', 'Ben Okafor', 'Ana Silva']);
    const countsFor = model.sections.find((s) => s.heading === 'What it counts for')!.rows;
    expect(countsFor.map((r) => r.text)).toEqual([
      'Solutions Partner for Security — intermediate certifications, step 2:',
      'Enterprise: step 2 needs 2 people; steps 1 and 2 complete open the step-3 points — 3 people today',
      'SMB: step 2 needs 1 person and earns 4 points; steps 1 and 2 complete open the step-3 points — 3 people today',
      'Threat Protection specialization: 6 people with SC-200 — 3 today',
      'Cloud Security specialization: 4 people with SC-200 — 3 today',
    ]);
    expect(countsFor.slice(1).map((r) => r.status)).toEqual([
      '✓ complete',
      '✓ complete',
      '✗ not met',
      '✗ not met',
    ]);
    expect(peopleModel(northwind, 'AZ-500').title).toBe('AZ-500: 1 person');
    expect(peopleModel(northwind, 'sc-500').title).toBe('SC-500: 2 people');
  });

  test('I-6: AZ-500 retired on 2026-08-31, SC-500 its successor; earned before, it counts until it expires', () => {
    const model = peopleModel(northwind, 'AZ-500');
    const retirement = model.sections.find((s) => s.heading === 'Retirement')!.rows;
    expect(retirement).toEqual([
      {
        text: 'AZ-500 retired on 2026-08-31. Certificates earned on or before that day count until they expire, at the latest until 2027-08-31; earned after it, it does not count.',
        status: 'retired',
        color: 'Warning',
      },
      {
        text: 'Its successor: SC-500 (Cloud and AI Security Engineer Associate), which counts for the same step and specializations.',
        status: '',
        color: 'Default',
      },
    ]);
    expect(texts(model)).toContain(
      'Cloud Security specialization: 6 people with SC-500 (or AZ-500 earned before retiring) — 3 today',
    );
    // Before the retirement date: "retires".
    const before = headOf(
      dataset({ asOf: '2026-07-15', certifications: certs('a', ['AZ-500'], '2026-03-01') }),
    );
    expect(texts(peopleModel(before, 'AZ-500'))).toContainEqual(
      expect.stringMatching(/^AZ-500 retires on 2026-08-31\. Certificates earned on or before/),
    );
    expect(texts(peopleModel(northwind, 'SC-500'))).toContain(
      'SC-500 is the successor of AZ-500, which retired on 2026-08-31.',
    );
    expect(texts(peopleModel(northwind, 'SC-401'))).toContain(
      'SC-401 is the successor of SC-400, which retired on 2025-05-31.',
    );
  });

  test('an exam the rules do not know: nobody counted, said plainly, the holders listed as not counted', () => {
    const model = peopleModel(contoso, 'AZ-104');
    expect(model.title).toBe('AZ-104: 0 people');
    expect(model.sections.map((s) => s.heading)).toEqual([
      'Holders — until when it counts',
      'Held but not counted',
      'What it counts for',
    ]);
    expect(model.sections[1]!.rows).toEqual([
      { text: 'Dana Levi: AZ-104', status: 'not a Security exam', color: 'Default' },
    ]);
    // SC-400 counts for nobody any more (retired 2025-05-31, plus a year): not listed.
    expect(model.sections[2]!.rows[0]!.text).toBe(
      'AZ-104 is not an exam of the Solutions Partner for Security designation or its specializations: it earns no points. The exams that count: AZ-500, SC-500, SC-200, SC-100, SC-300, SC-401.',
    );
  });

  test('plurals: 1 person, 2 people; a step-3 exam says what each holder adds', () => {
    const head = headOf(
      dataset({ certifications: [cert('a', 'SC-300', '2026-06-01'), cert('b', 'SC-300', '2026-06-01')] }),
    );
    expect(peopleModel(head, 'SC-300').title).toBe('SC-300: 2 people');
    expect(peopleModel(head).title).toBe('Who is certified — 2 people, 2 certifications that count');
    expect(texts(peopleModel(head, 'SC-300'))).toContain(
      'SMB: step 3 — each holder adds 8 points once steps 1 and 2 are complete (up to 40)',
    );
    const one = headOf(dataset({ certifications: [cert('a', 'SC-200', '2026-06-01')] }));
    expect(peopleModel(one).title).toBe('Who is certified — 1 person, 1 certification that counts');
  });

  test('a certification renewed before it expired counts once, until the later end', () => {
    const head = headOf(
      dataset({
        certifications: [
          cert('a', 'SC-200', '2026-01-10'),
          cert('a', 'SC-200', '2026-10-01'),
          cert('b', 'SC-200', '2026-06-01'),
        ],
      }),
    );
    const model = peopleModel(head, 'SC-200');
    expect(model.title).toBe('SC-200: 2 people');
    expect(model.sections[0]!.rows.map((r) => [r.text, r.status])).toEqual([
      ['b', 'until 2027-06-01'],
      ['a', 'until 2027-10-01'],
    ]);
    expect(peopleModel(head).title).toBe('Who is certified — 2 people, 2 certifications that count');
    expect(peopleModel(head).facts).toContainEqual({ title: 'SC-200 (step 2)', value: '2 people' });
  });

  test('one more than fits: "and 1 more person"', () => {
    const head = headOf(
      dataset({
        certifications: Array.from({ length: PEOPLE_ROWS + 1 }, (_, i) =>
          cert(`p${i}`, 'SC-300', '2026-06-01'),
        ),
      }),
    );
    expect(peopleModel(head, 'SC-300').sections[0]!.rows.at(-1)!.text).toBe('… and 1 more person');
    expect(peopleModel(head).sections[0]!.rows.at(-1)!.text).toBe('… and 1 more certification');
  });

  test('a large team: the first 20 and "and N more"; coloured text is only a short status', () => {
    const model = peopleModel(large);
    const rows = model.sections[0]!.rows;
    expect(rows).toHaveLength(PEOPLE_ROWS + 1);
    expect(rows.at(-1)!.text).toMatch(/^… and \d+ more certifications$/);
    for (const head of [large, longNames, northwind])
      for (const exam of [undefined, 'SC-200', 'AZ-500']) {
        const m = peopleModel(head, exam);
        for (const r of m.sections.flatMap((s) => s.rows))
          if (r.color !== 'Default') expect(r.status.length).toBeLessThanOrEqual(20);
      }
    expect(JSON.stringify(peopleModel(longNames))).not.toContain('x'.repeat(100));
  });
});

describe('the question and the click', () => {
  const source = { current: jest.fn(), findCustomers: jest.fn(), allCustomers: jest.fn() };
  const ask = (question: NonNullable<ReturnType<typeof questionFromIntent>>) =>
    answer(
      question,
      { partnerId: '4012345', name: 'Contoso' },
      { versionId: 'v1', head: contoso },
      source,
      '2026-11-22',
    );

  test('people with an exam → the exam card; without → everyone', async () => {
    const question = questionFromIntent({ name: 'people', exam: 'SC-200' });
    expect(question).toEqual({ kind: 'people', exam: 'SC-200' });
    expect(JSON.stringify(await ask(question!))).toContain('SC-200: 3 people');
    expect(questionFromIntent({ name: 'people' })).toEqual({ kind: 'people' });
    expect(JSON.stringify(await ask({ kind: 'people' }))).toContain('Who is certified — 4 people');
  });

  test('the people verb takes an optional exam code and refuses anything else', () => {
    expect(cardActionFrom('people', { exam: 'AZ-500' })).toEqual({
      kind: 'question',
      question: { kind: 'people', exam: 'AZ-500' },
    });
    expect(cardActionFrom('people', {})).toEqual({ kind: 'question', question: { kind: 'people' } });
    for (const exam of ['sc-200', 'SC200', '${x}', 'SC-2000'])
      expect(() => cardActionFrom('people', { exam })).toThrow('invalid data for action "people"');
  });
});
