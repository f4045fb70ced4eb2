import { scorePartner, validateDataset } from '../../scoring';
import { MAX_ACR_USD, MAX_COUNT } from '../../scoring/dataset';
import { azure, cert, dataset, L, m365 } from './builders';

/**
 * Issue 11: counts and amounts bounded to what the engine's columns hold (Int32Array counts,
 * Float64Array whole cents, sums exact up to Number.MAX_SAFE_INTEGER), and nothing after asOf.
 */

const errorsOf = (input: unknown) => {
  const validation = validateDataset(input);
  return validation.ok ? [] : validation.errors.map((e) => `${e.path}: ${e.reason}`);
};

describe('counts fit a 32-bit column', () => {
  test(`paidLicenses ${MAX_COUNT.toLocaleString('en-US')} is kept exactly: an Enterprise-sized, deployed customer`, () => {
    const data = dataset({ m365: [m365('t-big', L, MAX_COUNT, MAX_COUNT)] });
    const validation = validateDataset(data);
    if (!validation.ok) throw new Error(JSON.stringify(validation.errors));
    expect(validation.dataset.m365.paid[0]).toBe(MAX_COUNT);
    expect(validation.dataset.m365.active[0]).toBe(MAX_COUNT);
    // Counted like any Enterprise-sized deployment (a wrapped count was negative: not even SMB-sized).
    const deployments = (paid: number) =>
      scorePartner(validateOk(dataset({ m365: [m365('t-big', L, paid, paid)] }))).paths.enterprise.metrics
        .deployments.points;
    expect(deployments(MAX_COUNT).valueOf()).toBe(deployments(1000).valueOf());
    expect(deployments(MAX_COUNT).valueOf()).toBeGreaterThan(0);
  });

  test('one more (2^31) is refused with its row, field and limit instead of wrapping to a negative count', () => {
    const rows = [m365('t-1', L, 300, 100), m365('t-big', L, MAX_COUNT + 1, 100)];
    expect(errorsOf(dataset({ m365: rows }))).toEqual([
      'm365Licenses[1].paidLicenses: must be at most 2,147,483,647 (a 32-bit count)',
    ]);
    expect(errorsOf(dataset({ m365: [m365('t-big', L, 300, MAX_COUNT + 1)] }))).toEqual([
      'm365Licenses[0].activeLicenses: must be at most 2,147,483,647 (a 32-bit count)',
    ]);
  });

  test('MAU users and approved references have the same bound', () => {
    const data = {
      ...dataset({}),
      mau: [
        {
          customerTenantId: 't-1',
          month: L,
          product: 'Entra ID P1',
          association: 'CPOR',
          activeUsers: MAX_COUNT,
        },
        {
          customerTenantId: 't-2',
          month: L,
          product: 'Entra ID P1',
          association: 'CPOR',
          activeUsers: MAX_COUNT + 1,
        },
      ],
      specializations: [{ name: 'Threat Protection', customerReferencesApproved: MAX_COUNT + 1 }],
    };
    expect(errorsOf(data)).toEqual([
      'mau[1].activeUsers: must be at most 2,147,483,647 (a 32-bit count)',
      'specializations[0].customerReferencesApproved: must be at most 2,147,483,647 (a 32-bit count)',
    ]);
  });
});

describe('amounts stay exact in whole cents', () => {
  test(`acrUsd ${MAX_ACR_USD.toLocaleString('en-US')} is kept to the cent; a cent more is refused`, () => {
    const at = validateOk(dataset({ azure: [azure('t-1', L, MAX_ACR_USD)] }));
    expect(at.azure.cents[0]).toBe(MAX_ACR_USD * 100);
    expect(errorsOf(dataset({ azure: [azure('t-1', L, MAX_ACR_USD + 0.01)] }))).toEqual([
      'azureConsumption[0].acrUsd: must be at most 10,000,000,000,000 (kept in exact cents)',
    ]);
  });

  test('the sum of all rows stays an exact number of cents: the row that passes Number.MAX_SAFE_INTEGER is named', () => {
    // 9 rows at the limit are 9e15 cents ≤ 2^53 − 1 (9,007,199,254,740,991); a 10th passes it.
    const nine = Array.from({ length: 9 }, (_, i) => azure(`t-${i}`, L, MAX_ACR_USD));
    expect(errorsOf(dataset({ azure: nine }))).toEqual([]);
    expect(errorsOf(dataset({ azure: [...nine, azure('t-9', L, 71_992_547_409.91)] }))).toEqual([]);
    expect(errorsOf(dataset({ azure: [...nine, azure('t-9', L, 71_992_547_409.92)] }))).toEqual([
      'azureConsumption[9].acrUsd: the acrUsd of azureConsumption[0…9] add up to more than 9,007,199,254,740,991 cents, the most the engine adds exactly',
    ]);
  });
});

describe('nothing after asOf (2026-11-22)', () => {
  test("rows of asOf's own month and events on asOf are accepted; renewal and expiry dates may be later", () => {
    const data = {
      ...dataset({
        azure: [azure('t-1', '2026-11', 100)],
        m365: [m365('t-2', '2026-11', 300, 100)],
        certifications: [cert('p-1', 'SC-200', '2026-11-22', '2027-11-22')],
      }),
      mau: [
        { customerTenantId: 't-2', month: '2026-11', product: 'Intune', association: 'CPOR', activeUsers: 5 },
      ],
      designation: { enrolled: true, anniversary: '2027-03-01' },
      specializations: [
        {
          name: 'Threat Protection',
          firstAwarded: '2026-11-22',
          anniversary: '2027-11-22',
          referencesApprovedOn: '2026-11-22',
        },
      ],
    };
    expect(errorsOf(data)).toEqual([]);
  });

  test('a later month or event is refused, each with its row and field', () => {
    const data = {
      ...dataset({
        azure: [azure('t-1', L, 100), azure('t-1', '2099-12', 100)],
        m365: [m365('t-2', '2026-12', 300, 100)],
        certifications: [cert('p-1', 'SC-200', '2026-11-22'), cert('p-2', 'SC-200', '2099-01-01')],
      }),
      mau: [
        { customerTenantId: 't-2', month: '2027-01', product: 'Intune', association: 'CPOR', activeUsers: 5 },
      ],
      specializations: [
        { name: 'Threat Protection', firstAwarded: '2026-11-23', referencesApprovedOn: '2099-12-31' },
      ],
    };
    expect(errorsOf(data)).toEqual([
      'azureConsumption[1].month: 2099-12 is after asOf 2026-11-22: the data cannot hold a later month',
      'm365Licenses[0].month: 2026-12 is after asOf 2026-11-22: the data cannot hold a later month',
      'mau[0].month: 2027-01 is after asOf 2026-11-22: the data cannot hold a later month',
      'specializations[0].firstAwarded: 2026-11-23 is after asOf 2026-11-22: the data cannot hold a later event',
      'specializations[0].referencesApprovedOn: 2099-12-31 is after asOf 2026-11-22: the data cannot hold a later event',
      'certifications[1].earned: 2099-01-01 is after asOf 2026-11-22: the data cannot hold a later event',
    ]);
  });
});

function validateOk(input: unknown) {
  const validation = validateDataset(input);
  if (!validation.ok) throw new Error(JSON.stringify(validation.errors));
  return validation.dataset;
}
