import { scorePartner, toScoreResult, type PartnerDataset } from '../../scoring';
import type { AzureRow } from '../../scoring/dataset';
import { ruleSetFor, RULE_SETS } from '../../scoring/rules';
import { security2026_05 } from '../../scoring/rules/security-2026-05';
import type { RuleSet } from '../../scoring/rules/types';
import { azure, dataset, m365, validate } from './builders';

function result(data: PartnerDataset, rules?: RuleSet) {
  return toScoreResult(scorePartner(validate(data), rules ? { rules } : {}));
}

const row = (tenant: string, month: string, acrUsd: number, over: Partial<AzureRow> = {}) =>
  azure(tenant, month, acrUsd, { customerName: tenant.toUpperCase(), ...over });

describe('rules as data', () => {
  test('the rule set in force on asOf is chosen by effective date, each change date on both sides', () => {
    expect(RULE_SETS[0]).toBe(security2026_05);
    expect(
      [
        '2025-08-25',
        '2025-08-26',
        '2026-04-30',
        '2026-05-01',
        '2026-07-29',
        '2026-07-30',
        '2026-08-30',
        '2026-08-31',
        '2026-11-22',
      ].map((asOf) => ruleSetFor(asOf).version),
    ).toEqual([
      'seed',
      '2025-08-26',
      '2025-08-26',
      '2026-05-01',
      '2026-05-01',
      '2026-07-30',
      '2026-07-30',
      '2026-08-31',
      '2026-08-31',
    ]);
    // The designation's scoring rules do not change with the versions: only services and specializations.
    expect(ruleSetFor('2026-11-22').metrics).toBe(security2026_05.metrics);
  });

  test('the certification table of rules §3.2, with retirement dates', () => {
    const table = security2026_05.certifications.map((c) => [c.exam, c.step, c.retires ?? null]);
    expect(table).toEqual([
      ['AZ-500', 1, '2026-08-31'],
      ['SC-500', 1, null],
      ['SC-200', 2, null],
      ['SC-100', 3, null],
      ['SC-300', 3, null],
      ['SC-400', 3, '2025-05-31'],
      ['SC-401', 3, null],
    ]);
  });

  test('a threshold change is a data change: with a $500 qualifying minimum a $500 customer counts', () => {
    const data = dataset({ azure: [row('c-1', '2026-10', 500)] });
    expect(result(data).paths.smb.metrics.netCustomerAdds.points).toBe(0);
    const lowered: RuleSet = {
      ...security2026_05,
      azureCents: { ...security2026_05.azureCents, qualifyingCustomerMin: 50_000 },
    };
    expect(result(data, lowered).paths.smb.metrics.netCustomerAdds.points).toBe(4);
  });

  test('a service with an effective month counts only from that month, and the explanation says why', () => {
    const rules: RuleSet = {
      ...security2026_05,
      azure: {
        ...security2026_05.azure,
        services: [
          ...security2026_05.azure.services,
          { name: 'Azure Confidential Ledger', effectiveFrom: '2026-06' },
        ],
      },
    };
    const data = dataset({
      azure: [
        row('c-1', '2026-05', 400, { service: 'Azure Confidential Ledger' }),
        row('c-1', '2026-06', 300, { service: 'azure confidential ledger ' }),
      ],
    });
    const r = result(data, rules);
    const customer = r.customers.find((c) => c.tenantId === 'c-1')!;
    expect(customer.azure.acrTtmUsd.last).toBe(300);
    expect(customer.excluded).toEqual([
      {
        reason: 'serviceNotEligibleThatMonth',
        text: 'service not eligible in that month',
        rows: 1,
        usd: 400,
      },
    ]);
    // Without the rule change the name is unknown and listed so that a typo is visible.
    const plain = result(data);
    expect(plain.dataQuality.unknownNames.services).toEqual({ 'Azure Confidential Ledger': 2 });
  });
});

describe('explanations: why does a customer (not) count?', () => {
  const data = dataset({
    azure: [
      row('fab', '2026-10', 900, { offer: 'Trial' }),
      row('fab', '2026-09', 100, { service: 'Virtual Machines' }),
      row('fab', '2026-08', 200, { association: 'DPOR' }),
      row('fab', '2026-07', 50),
      row('con', '2026-10', 700),
    ],
    m365: [
      m365('nw', '2026-10', 40, 40, {
        customerName: 'Northwind',
        workload: 'Microsoft Defender for Endpoint P1',
      }),
    ],
  });
  const r = result(data);

  test('each filter that excluded a row is named with its rows and amount, in the order the filters apply', () => {
    const fab = r.customers.find((c) => c.tenantId === 'fab')!;
    expect(fab.name).toBe('FAB');
    expect(fab.azure.acrTtmUsd.last).toBe(50);
    expect(fab.counts.smb.netCustomerAdds.azure).toBe('none');
    expect(fab.excluded.map((e) => [e.reason, e.rows, e.usd])).toEqual([
      ['serviceNotEligible', 1, 100],
      ['offerNotEligible', 1, 900],
      ['associationNotEligible', 1, 200],
    ]);
    const nw = r.customers.find((c) => c.tenantId === 'nw')!;
    expect(nw.excluded).toEqual([{ reason: 'workloadPlanNotEligible', text: 'plan not eligible', rows: 1 }]);
    expect(nw.m365.sizeLast).toBe('none');
  });

  test('a counted customer says where it counts, and the metric lists it as added', () => {
    const con = r.customers.find((c) => c.tenantId === 'con')!;
    expect(con.counts.enterprise.netCustomerAdds).toEqual({ azure: 'current', m365: 'none' });
    expect(con.counts.smb.usageGrowth.azure).toBe('current');
    expect(r.paths.smb.metrics.netCustomerAdds.azure).toMatchObject({
      current: 1,
      previous: 0,
      net: 1,
      added: ['con'],
    });
  });

  test('the data-quality summary totals the exclusions', () => {
    expect(r.dataQuality.excludedRows.azure).toEqual({
      offerNotEligible: {
        rows: 1,
        usd: 900,
        text: 'offer not eligible (Support, Internal, Benefit Program, Trial)',
      },
      serviceNotEligible: { rows: 1, usd: 100, text: 'not an eligible Azure Security service' },
      associationNotEligible: { rows: 1, usd: 200, text: 'partner association type not eligible' },
    });
    expect(r.dataQuality.unknownNames.services).toEqual({ 'Virtual Machines': 1 });
  });
});
