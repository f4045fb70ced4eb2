import { answer, cardActionFrom, questionFromIntent, VERBS } from '../../bot/conversation/answers';
import { COUNTING_ROWS, customersCard, customersModel, NOT_COUNTING_ROWS } from '../../cards/customers';
import { customerModel, detailCard } from '../../cards/detail';
import { TRACKS, toScoreResult, type PartnerDataset } from '../../scoring';
import type { CustomerExplanation } from '../../scoring/explain';
import { snapshotHead, type SnapshotHead } from '../../scoring/snapshot';
import { syntheticPartner } from '../fixtures/synthetic';
import { report } from '../scoring/builders';
import { demoSnapshot } from './fixtures';
import { cardProblems, verbsIn } from './validate';

const contoso = demoSnapshot('contoso-security');
const northwind = demoSnapshot('northwind-cyber');

function scored(data: PartnerDataset): { head: SnapshotHead; customers: CustomerExplanation[] } {
  const result = toScoreResult(report(data));
  return { head: snapshotHead(result, 4), customers: [...result.customers] };
}
/** About 2,000 customers: the lists are cut. */
const synthetic = syntheticPartner({ scale: 0.1, seed: 7 });
const large = scored(synthetic);
const longNames = scored({
  ...synthetic,
  azureConsumption: synthetic.azureConsumption.map((r) => ({
    ...r,
    customerName: `${r.customerName ?? ''} ${'y'.repeat(400)}`,
  })),
  m365Licenses: synthetic.m365Licenses.map((r) => ({
    ...r,
    customerName: `${r.customerName ?? ''} ${'y'.repeat(400)}`,
  })),
});

describe('customers card', () => {
  const cards = (
    [
      ['contoso', contoso],
      ['northwind', northwind],
      ['about 2,000 customers', large],
      ['long names', longNames],
      ['no customers', { head: contoso.head, customers: [] }],
    ] as const
  ).flatMap(([name, s]) =>
    TRACKS.map((track) => [`${name} ${track}`, customersCard(s.head, s.customers, track)] as const),
  );

  test.each(cards)(
    '%s: valid Adaptive Card 1.5, fully bound, under 28 KB, every verb handled',
    (_n, card) => {
      expect(cardProblems(card)).toEqual([]);
      for (const verb of verbsIn(card)) expect(Object.keys(VERBS)).toContain(verb);
    },
  );

  test('Contoso, Enterprise: who counts with what it counts toward, biggest first; who does not and why', () => {
    const model = customersModel(contoso.head, contoso.customers, 'enterprise');
    expect(model.title).toBe('Customers — Enterprise path: 7 of 16 customers count');
    expect(model.summary).toBe(
      '7 customers count toward at least one measure on the Enterprise path; 9 customers do not. Tap a customer for its details.',
    );
    const [count, notCount] = model.sections;
    expect(count!.rows[0]).toMatchObject({
      name: 'Fabrikam',
      detail:
        'Net customer adds: Azure · Deployments: Azure · Usage growth: Azure $22,680 Security ACR over 12 months (+$5,880 on a year before)',
      status: '✓ counts',
      color: 'Good',
    });
    expect(count!.rows.find((r) => r.name === "Margie's Travel")).toMatchObject({
      detail: expect.stringContaining('Deployments: Azure (new)'),
      status: '✓ new',
    });
    expect(count!.rows.find((r) => r.name === 'Blue Yonder Airlines')!.detail).toBe(
      'Net customer adds: Microsoft 365 · Deployments: Microsoft 365 · Usage growth: Microsoft 365 210 protected users (+35)',
    );
    const why = Object.fromEntries(notCount!.rows.map((r) => [r.name, r]));
    expect(why['Wingtip Toys']!.detail).toBe(
      'Does not count: Azure Security ACR over 12 months $560, below the $600 a customer needs; counts on the SMB path.',
    );
    expect(why['Coho Winery']!.detail).toBe(
      'Does not count: Microsoft 365 is SMB-sized (no workload with more than 300 paid licences); counts on the SMB path.',
    );
    expect(why['Alpine Ski House']!.detail).toBe(
      'Does not count: 24 rows not counted: offer not eligible (Support, Internal, Benefit Program, Trial).',
    );
    expect(notCount!.more).toBe('… and 1 more customer');
    const proseware = contoso.customers.filter((c) => c.name === 'Proseware');
    expect(customersModel(contoso.head, proseware, 'enterprise').sections[0]!.rows[0]).toMatchObject({
      detail: 'Does not count: counted a year before, not now: net customer adds (Azure).',
      status: '✗ lost',
      color: 'Attention',
    });
    // Each row opens the customer's own card.
    expect(count!.rows[0]!.action).toMatchObject({ verb: 'customer', data: { tenantId: 'c-01' } });
    expect(verbsIn(model.actions)).toEqual(['customers', 'attribution', 'score']);
  });

  test('biggest contributors first: the number of measures counted never grows down the list', () => {
    for (const track of TRACKS) {
      const model = customersModel(northwind.head, northwind.customers, track);
      const measures = model.sections[0]!.rows.map((r) => r.detail.split(/, | · /).length);
      expect(measures).toEqual([...measures].sort((a, b) => b - a));
    }
  });

  test('about 2,000 customers: the first 12 and 8, then "and N more"; coloured text is only a short status', () => {
    const model = customersModel(large.head, large.customers, 'enterprise');
    const [count, notCount] = model.sections;
    expect(count!.rows).toHaveLength(COUNTING_ROWS);
    expect(notCount!.rows).toHaveLength(NOT_COUNTING_ROWS);
    const counting =
      large.customers.length -
      Number(/^… and ([\d,]+) more/.exec(notCount!.more)![1]!.replace(',', '')) -
      NOT_COUNTING_ROWS;
    expect(model.title).toBe(
      `Customers — Enterprise path: ${counting.toLocaleString('en-US')} of ${large.customers.length.toLocaleString('en-US')} customers count`,
    );
    expect(counting).toBeGreaterThan(1000);
    expect(count!.more).toBe(`… and ${(counting - COUNTING_ROWS).toLocaleString('en-US')} more customers`);
    expect(notCount!.hasMore).toBe(true);
    for (const r of [...count!.rows, ...notCount!.rows]) expect(r.status.length).toBeLessThanOrEqual(10);
    expect(JSON.stringify(customersModel(longNames.head, longNames.customers, 'smb'))).not.toContain(
      'y'.repeat(100),
    );
  });

  test('plurals, and a customer whose tenant id is not an id gets no button', () => {
    const one = customersModel(contoso.head, contoso.customers.slice(0, 1), 'enterprise');
    expect(one.title).toBe('Customers — Enterprise path: 1 of 1 customer count');
    expect(one.summary).toMatch(/^1 customer counts toward at least one measure .*; 0 customers do not\./);
    const odd = { ...contoso.customers[0]!, tenantId: 'tenant with spaces' };
    const row = customersModel(contoso.head, [odd], 'enterprise').sections[0]!.rows[0]!;
    expect(row).toMatchObject({ hasAction: false, action: {} });
    expect(cardProblems(customersCard(contoso.head, [odd], 'enterprise'))).toEqual([]);
  });
});

describe('the customer card says what the customer contributes ("what does Fabrikam contribute to our score")', () => {
  const fabrikam = contoso.customers.find((c) => c.name === 'Fabrikam')!;

  test('the headline path first: the measures it counts toward with its figures; on a path where it counts toward nothing, why', () => {
    const model = customerModel(contoso.head, fabrikam);
    expect(model.sections[0]).toEqual({
      heading: 'What it contributes to the score',
      lines: [
        { text: 'SMB path: ✓ counts — Net customer adds: Azure', color: 'Default' },
        {
          text: 'Enterprise path: ✓ counts — Net customer adds: Azure · Deployments: Azure · Usage growth: Azure $22,680 Security ACR over 12 months (+$5,880 on a year before)',
          color: 'Default',
        },
      ],
    });
    const wingtip = contoso.customers.find((c) => c.name === 'Wingtip Toys')!;
    expect(customerModel(contoso.head, wingtip).sections[0]!.lines[1]!.text).toBe(
      'Enterprise path: ✗ counts toward nothing — Azure Security ACR over 12 months $560, below the $600 a customer needs; counts on the SMB path',
    );
    expect(verbsIn(detailCard(model))).toEqual(['customers', 'score']);
  });

  test('no whole sentence in a status colour', () => {
    for (const c of [...contoso.customers, ...northwind.customers])
      for (const l of customerModel(contoso.head, c).sections.flatMap((s) => s.lines))
        expect(l.color).toBe('Default');
  });
});

describe('the question and the click', () => {
  const source = {
    current: jest.fn(),
    findCustomers: jest.fn(async () => contoso.customers.filter((c) => c.tenantId === 'c-01')),
    allCustomers: jest.fn(async () => contoso.customers),
  };
  const ask = (question: NonNullable<ReturnType<typeof questionFromIntent>>) =>
    answer(
      question,
      { partnerId: '4012345', name: 'Contoso' },
      { versionId: 'v7', head: contoso.head },
      source,
      '2026-11-22',
    );

  test('customers → every customer of the current version, on the path asked or the headline path', async () => {
    const question = questionFromIntent({ name: 'customers', path: 'enterprise' });
    expect(question).toEqual({ kind: 'customers', path: 'enterprise' });
    expect(JSON.stringify(await ask(question!))).toContain(
      'Customers — Enterprise path: 7 of 16 customers count',
    );
    expect(source.allCustomers).toHaveBeenCalledWith('4012345', 'v7', contoso.head.customerBuckets);
    expect(JSON.stringify(await ask(questionFromIntent({ name: 'customers' })!))).toContain(
      'Customers — SMB path:',
    );
  });

  test('the customers verb takes an optional path; the customer verb a tenant id, routed to the customer card', async () => {
    expect(cardActionFrom('customers', { path: 'smb' })).toEqual({
      kind: 'question',
      question: { kind: 'customers', path: 'smb' },
    });
    expect(() => cardActionFrom('customers', { path: 'all' })).toThrow('invalid data for action "customers"');
    const click = cardActionFrom('customer', { tenantId: 'c-01' });
    expect(click).toEqual({ kind: 'question', question: { kind: 'customer', customer: 'c-01' } });
    expect(cardActionFrom('customer', { tenantId: 'cba4011e-ef53-5791-8eaf-ff15d26eca2a' })).toMatchObject({
      question: { customer: 'cba4011e-ef53-5791-8eaf-ff15d26eca2a' },
    });
    for (const tenantId of ['', '${x}', 'a b', 'x'.repeat(65), 42])
      expect(() => cardActionFrom('customer', { tenantId })).toThrow('invalid data for action "customer"');
    if (click.kind !== 'question') throw new Error('a question');
    const card = JSON.stringify(await ask(click.question));
    expect(card).toContain('Fabrikam (c-01)');
    expect(card).toContain('What it contributes to the score');
  });
});
