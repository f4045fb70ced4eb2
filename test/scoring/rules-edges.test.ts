/**
 * Every rule of ../../../shared/rules/security-designation.md pinned at its edges. Interpretations
 * are named I-1 … I-5 as in the rules file. Unless a test says otherwise asOf is 2026-11-22, so
 * L = 2026-10, L−12 = 2025-10, current TTM 2025-11 … 2026-10, previous TTM 2024-11 … 2025-10.
 */
import { validateDataset } from '../../scoring';
import { usdToCents } from '../../scoring/money';
import {
  ago,
  azure,
  azureEach,
  cert,
  certs,
  dataset,
  exact,
  m365,
  pointsOf,
  report,
  score,
  validate,
} from './builders';

/** A date on which every step-1/2/3 exam used below is valid on the default asOf. */
const EARNED = '2026-06-01';

/**
 * Skilling worth 40 on both paths: p1 … p6 hold SC-200 (step 2) and SC-300 (step 3); p1 and p2
 * also hold AZ-500 (step 1). Enterprise: 6 × 40/6 = 40. SMB: 4 + 4 + 6 × 8 = 56 → capped 40.
 */
function fullSkilling() {
  return [
    cert('p1', 'AZ-500', EARNED),
    cert('p2', 'AZ-500', EARNED),
    ...['p1', 'p2', 'p3', 'p4', 'p5', 'p6'].flatMap((p) => certs(p, ['SC-200', 'SC-300'], EARNED)),
  ];
}

// ---- §3.1 net customer adds ------------------------------------------------------------------------

describe('§3.1 net customer adds — Azure qualifying customer: acrTTM ≥ $600', () => {
  test('$599.99 over the current TTM ($200 + $200 + $199.99) does not qualify', () => {
    const s = exact({
      azure: [azure('c1', ago(11), 200), azure('c1', ago(5), 200), azure('c1', ago(0), 199.99)],
    });
    expect(s.enterprise.netCustomerAdds).toBe('0');
    expect(s.smb.netCustomerAdds).toBe('0');
  });

  test('$600.00 over the current TTM ($200 at L−11, L−5 and L) qualifies: Enterprise 2, SMB 4', () => {
    const s = exact({
      azure: [azure('c1', ago(11), 200), azure('c1', ago(5), 200), azure('c1', ago(0), 200)],
    });
    expect(s.enterprise.netCustomerAdds).toBe('2');
    expect(s.smb.netCustomerAdds).toBe('4');
  });

  test('a row at L−12 belongs to the previous window, not the current one', () => {
    const r = report({ azure: [azure('c1', ago(12), 300), azure('c1', ago(0), 300)] });
    const side = r.paths.smb.metrics.netCustomerAdds.azure;
    expect(side.current).toHaveLength(0);
    expect(side.previous).toHaveLength(0);
    expect(exact(r).smb.netCustomerAdds).toBe('0');
  });

  test('a customer qualifying in both windows is not a net add', () => {
    const r = report({ azure: [azure('c1', ago(12), 600), azure('c1', ago(0), 600)] });
    const side = r.paths.enterprise.metrics.netCustomerAdds.azure;
    expect(side.current).toHaveLength(1);
    expect(side.previous).toHaveLength(1);
    expect(side.net).toBe(0);
    expect(exact(r).enterprise.netCustomerAdds).toBe('0');
  });

  test('the same tenant counts for Azure and for M365 (one eligible customer can contribute to both)', () => {
    const s = exact({ azure: [azure('c1', ago(0), 600)], m365: [m365('c1', ago(0), 301, 0)] });
    expect(s.enterprise.netCustomerAdds).toBe('4');
  });
});

describe('§3.1 I-1: M365 qualifying customer is sized for the track in at least one month of the window', () => {
  test('I-1: Enterprise-sized only in L−11 (first month of the current window) is a net add', () => {
    const s = exact({ m365: [m365('c1', ago(11), 301, 0)] });
    expect(s.enterprise.netCustomerAdds).toBe('2');
  });

  test('I-1: Enterprise-sized only in L−12 counts in the previous window: a loss, floored at 0', () => {
    const r = report({ m365: [m365('c1', ago(12), 301, 0)] });
    const side = r.paths.enterprise.metrics.netCustomerAdds.m365;
    expect(side.current).toHaveLength(0);
    expect(side.previous).toHaveLength(1);
    expect(side.net).toBe(-1);
    expect(side.counted).toBe(0);
    expect(exact(r).enterprise.netCustomerAdds).toBe('0');
  });

  test('I-1: no activity is needed for a qualifying customer (0 active licenses)', () => {
    const s = exact({ m365: [m365('c1', ago(0), 301, 0), m365('c2', ago(0), 5, 0)] });
    expect(s.enterprise.netCustomerAdds).toBe('2');
    expect(s.smb.netCustomerAdds).toBe('4');
    expect(s.enterprise.deployments).toBe('0');
    expect(s.smb.deployments).toBe('0');
  });

  test('I-1: rows are tested one by one — two workloads of 200 do not make a tenant Enterprise-sized', () => {
    const s = exact({
      m365: [
        m365('c1', ago(0), 200, 0, { workload: 'Intune' }),
        m365('c1', ago(0), 200, 0, { workload: 'Microsoft Defender for Office 365' }),
      ],
    });
    expect(s.enterprise.netCustomerAdds).toBe('0');
    expect(s.smb.netCustomerAdds).toBe('4');
  });

  test('a tenant with a 301 row and a 20 row is both sizes: counts on both tracks', () => {
    const s = exact({
      m365: [
        m365('c1', ago(0), 301, 0, { workload: 'Intune' }),
        m365('c1', ago(0), 20, 0, { workload: 'Microsoft Defender for Identity' }),
      ],
    });
    expect(s.enterprise.netCustomerAdds).toBe('2');
    expect(s.smb.netCustomerAdds).toBe('4');
  });
});

describe('§2 M365 size by paid licenses: SMB-sized 5 … 300, Enterprise-sized > 300', () => {
  test.each([
    [4, '0', '0'],
    [5, '0', '4'],
    [300, '0', '4'],
    [301, '2', '0'],
  ])('paid %i → net customer adds Enterprise %s, SMB %s', (paid, ent, smb) => {
    const s = exact({ m365: [m365('c1', ago(0), paid, paid)] });
    expect(s.enterprise.netCustomerAdds).toBe(ent);
    expect(s.smb.netCustomerAdds).toBe(smb);
  });

  test.each([
    [4, '0', '0'],
    [5, '0', '10/3'],
    [300, '0', '10/3'],
    [301, '10/3', '0'],
  ])('paid %i, all active → deployments Enterprise %s, SMB %s', (paid, ent, smb) => {
    const s = exact({ m365: [m365('c1', ago(0), paid, paid)] });
    expect(s.enterprise.deployments).toBe(ent);
    expect(s.smb.deployments).toBe(smb);
  });
});

// ---- §3.3 deployments ------------------------------------------------------------------------------

describe('§3.3 Azure deployments: Enterprise acrTTM > $12,000; SMB $750 ≤ acrTTM ≤ $12,000', () => {
  test.each([
    [749.99, '0', '0'],
    [750, '0', '10/3'],
    [12000, '0', '10/3'],
    [12000.01, '10/3', '0'],
  ])('acrTTM $%s at L → Enterprise %s, SMB %s', (usd, ent, smb) => {
    const s = exact({ azure: [azure('c1', ago(3), usd)] });
    expect(s.enterprise.deployments).toBe(ent);
    expect(s.smb.deployments).toBe(smb);
  });

  test('acrTTM is summed over the 12 months: 4 × $3,000.00 + $0.01 is an Enterprise deployment', () => {
    const s = exact({
      azure: [...azureEach('c1', [ago(11), ago(8), ago(4), ago(0)], 3000), azure('c1', ago(6), 0.01)],
    });
    expect(s.enterprise.deployments).toBe('10/3');
    expect(s.smb.deployments).toBe('0');
  });

  test('a deployment in both L and L−12 is not a net new deployment', () => {
    const r = report({ azure: [azure('c1', ago(12), 1000), azure('c1', ago(0), 1000)] });
    const side = r.paths.smb.metrics.deployments.azure;
    expect(side.current).toHaveLength(1);
    expect(side.previous).toHaveLength(1);
    expect(exact(r).smb.deployments).toBe('0');
  });
});

describe('§3.3 I-3: M365 deployment needs ≥ 15% active on the sized workload itself', () => {
  test.each([
    [1000, 149, '0'],
    [1000, 150, '10/3'],
  ])('Enterprise: paid %i, active %i → %s', (paid, active, points) => {
    expect(pointsOf({ m365: [m365('c1', ago(0), paid, active)] }, 'enterprise', 'deployments')).toBe(points);
  });

  test.each([
    [100, 14, '0'],
    [100, 15, '10/3'],
    [7, 1, '0'], // 14.3%: 15% is not rounded down
    [7, 2, '10/3'],
  ])('SMB: paid %i, active %i → %s', (paid, active, points) => {
    expect(pointsOf({ m365: [m365('c1', ago(0), paid, active)] }, 'smb', 'deployments')).toBe(points);
  });

  test('I-3: a 400-seat workload at 14.75% active is no Enterprise deployment even if another workload is fully active', () => {
    const s = exact({
      m365: [
        m365('c1', ago(0), 400, 59, { workload: 'Intune' }),
        m365('c1', ago(0), 100, 100, { workload: 'Microsoft Defender for Office 365' }),
      ],
    });
    expect(s.enterprise.deployments).toBe('0');
    expect(s.smb.deployments).toBe('10/3');
  });

  test('I-3: the same 400-seat workload at 15% active is an Enterprise deployment', () => {
    const s = exact({ m365: [m365('c1', ago(0), 400, 60)] });
    expect(s.enterprise.deployments).toBe('10/3');
  });

  test('I-3: active licenses of different rows are not pooled for the 15% test', () => {
    // 250 + 250 paid, 30 + 50 active: 16% pooled, but the Intune row alone is 12%.
    const s = exact({
      m365: [
        m365('c1', ago(0), 250, 30, { workload: 'Intune' }),
        m365('c1', ago(0), 250, 50, {
          workload: 'Microsoft Defender for Identity',
          association: 'CSP Tier1',
        }),
        m365('c2', ago(0), 250, 30, { workload: 'Intune' }),
      ],
    });
    expect(s.smb.deployments).toBe('10/3');
  });
});

// ---- §3.4 usage growth -----------------------------------------------------------------------------

describe('§3.4 usage growth: one point per full unit of growth', () => {
  test.each([
    [21249.99, '0'],
    [21250, '1'],
    [22499.99, '1'],
    [22500, '2'],
  ])('Enterprise Azure: Security ACR $20,000 at L−12, $%s at L → %s', (now, points) => {
    const s = exact({ azure: [azure('c1', ago(12), 20000), azure('c1', ago(0), now)] });
    expect(s.enterprise.usageGrowth).toBe(points);
    expect(s.smb.usageGrowth).toBe('0');
  });

  test.each([
    [1749.99, '0'],
    [1750, '1'],
  ])('SMB Azure: Security ACR $1,000 at L−12, $%s at L → %s', (now, points) => {
    const s = exact({ azure: [azure('c1', ago(12), 1000), azure('c1', ago(0), now)] });
    expect(s.smb.usageGrowth).toBe(points);
    expect(s.enterprise.usageGrowth).toBe('0');
  });

  test.each([
    [324, '0'],
    [325, '1'],
  ])('Enterprise M365: 200 protected users at L−12, %i at L (growth 124 / 125) → %s', (now, points) => {
    const s = exact({ m365: [m365('c1', ago(12), 1000, 200), m365('c1', ago(0), 1000, now)] });
    expect(s.enterprise.usageGrowth).toBe(points);
  });

  test.each([
    [149, '0'],
    [150, '1'],
  ])('SMB M365: 100 protected users at L−12, %i at L (growth 49 / 50) → %s', (now, points) => {
    const s = exact({ m365: [m365('c1', ago(12), 300, 100), m365('c1', ago(0), 300, now)] });
    expect(s.smb.usageGrowth).toBe(points);
  });

  test('Enterprise Security ACR counts only tenants > $12,000: $12,000.00 → 0, SMB 16', () => {
    const s = exact({ azure: [azure('c1', ago(3), 12000)] });
    expect(s.enterprise.usageGrowth).toBe('0');
    expect(s.smb.usageGrowth).toBe('16');
  });

  test('Enterprise Security ACR at $12,000.01 → 9 points, SMB 0 (SMB only up to $12,000)', () => {
    const s = exact({ azure: [azure('c1', ago(3), 12000.01)] });
    expect(s.enterprise.usageGrowth).toBe('9');
    expect(s.smb.usageGrowth).toBe('0');
  });

  test('protected users are the active licenses of all eligible rows of a sized tenant', () => {
    // Intune 400 (Enterprise-sized) + Defender for Office 365 200 (SMB-sized): 100 + 25 = 125 active.
    const s = exact({
      m365: [
        m365('c1', ago(0), 400, 100, { workload: 'Intune' }),
        m365('c1', ago(0), 200, 25, { workload: 'Microsoft Defender for Office 365' }),
      ],
    });
    expect(s.enterprise.usageGrowth).toBe('1');
    expect(s.smb.usageGrowth).toBe('2');
  });

  test('protected users include an eligible row too small to size the tenant (400-seat row + 4-seat row)', () => {
    const s = exact({
      m365: [
        m365('c1', ago(0), 400, 121, { workload: 'Intune' }),
        m365('c1', ago(0), 4, 4, { workload: 'Microsoft Defender for Identity' }),
      ],
    });
    expect(s.enterprise.usageGrowth).toBe('1'); // 121 + 4 = 125
  });

  test('I-4: Security ACR at L is the TTM total at L (nothing billed in month L itself)', () => {
    const s = exact({ azure: [azure('c1', ago(5), 20000), azure('c2', ago(5), 7500)] });
    expect(s.enterprise.usageGrowth).toBe('16'); // 20,000 / 1,250
    expect(s.smb.usageGrowth).toBe('10'); // 7,500 / 750
  });

  test('I-4: "same month last year" is the TTM total at L−12 (L−23 … L−12)', () => {
    const r = report({
      azure: [azure('c1', ago(23), 10000), azure('c1', ago(12), 10000), azure('c1', ago(24), 5000)],
    });
    const side = r.paths.enterprise.metrics.usageGrowth.azure;
    expect(side.yearAgo).toBe(2_000_000); // cents: L−24 is outside the L−12 window
    expect(side.now).toBe(0);
    expect(exact(r).enterprise.usageGrowth).toBe('0');
  });
});

// ---- caps ------------------------------------------------------------------------------------------

describe('caps: net adds 20, skilling 40, deployments 20, usage growth 20', () => {
  const customers = (n: number) => Array.from({ length: n }, (_, i) => azure(`c${i}`, ago(0), 600));

  test.each([
    [4, '8', '16'],
    [5, '10', '20'],
    [6, '12', '20'],
    [9, '18', '20'],
    [10, '20', '20'],
    [11, '20', '20'],
  ])('net customer adds: %i new customers → Enterprise %s, SMB %s', (n, ent, smb) => {
    const s = exact({ azure: customers(n) });
    expect(s.enterprise.netCustomerAdds).toBe(ent);
    expect(s.smb.netCustomerAdds).toBe(smb);
  });

  test.each([
    [3, '32'],
    [4, '40'],
    [5, '40'],
  ])('SMB skilling: steps 1 and 2 + %i step-3 people → %s', (n, points) => {
    const rows = [
      cert('a', 'AZ-500', EARNED),
      cert('b', 'SC-200', EARNED),
      ...Array.from({ length: n }, (_, i) => cert(`s${i}`, 'SC-300', EARNED)),
    ];
    expect(pointsOf({ certifications: rows }, 'smb', 'intermediateCertifications')).toBe(points);
  });

  test.each([
    [5, '100/3'],
    [6, '40'],
    [7, '40'],
  ])('Enterprise skilling: %i step-3 people holding SC-200 → %s', (n, points) => {
    const rows = [
      cert('a', 'AZ-500', EARNED),
      cert('b', 'AZ-500', EARNED),
      ...Array.from({ length: n }, (_, i) => certs(`s${i}`, ['SC-200', 'SC-401'], EARNED)).flat(),
    ];
    expect(pointsOf({ certifications: rows }, 'enterprise', 'intermediateCertifications')).toBe(points);
  });

  test.each([
    [5, '50/3'],
    [6, '20'],
    [7, '20'],
  ])('deployments: %i new SMB Azure deployments → %s', (n, points) => {
    const rows = Array.from({ length: n }, (_, i) => azure(`c${i}`, ago(0), 750));
    expect(pointsOf({ azure: rows }, 'smb', 'deployments')).toBe(points);
  });

  test('deployments: points are exact fractions, rounded only for display (5 × 20/6 → 16.67)', () => {
    const json = score({ azure: Array.from({ length: 5 }, (_, i) => azure(`c${i}`, ago(0), 750)) });
    expect(json.paths.smb.metrics.deployments.points).toBe(16.67);
    expect(json.paths.enterprise.metrics.deployments.points).toBe(0);
  });

  test('deployments: Azure and M365 are added before the cap (4 + 3 → 20)', () => {
    const s = exact({
      azure: Array.from({ length: 4 }, (_, i) => azure(`a${i}`, ago(0), 12000.01)),
      m365: Array.from({ length: 3 }, (_, i) => m365(`m${i}`, ago(0), 301, 301)),
    });
    expect(s.enterprise.deployments).toBe('20');
  });

  test.each([
    [24999.99, '19'],
    [25000, '20'],
    [50000, '20'],
  ])('usage growth: Enterprise Security ACR growth $%s → %s', (usd, points) => {
    expect(pointsOf({ azure: [azure('c1', ago(0), usd)] }, 'enterprise', 'usageGrowth')).toBe(points);
  });

  test('usage growth: Azure 15 + M365 10 points → capped at 20', () => {
    const r = report({ azure: [azure('c1', ago(0), 18750)], m365: [m365('m1', ago(0), 1250, 1250)] });
    const u = r.paths.enterprise.metrics.usageGrowth;
    expect(u.azure.points).toBe(15);
    expect(u.m365.points).toBe(10);
    expect(exact(r).enterprise.usageGrowth).toBe('20');
  });
});

// ---- I-2 -------------------------------------------------------------------------------------------

describe('I-2: Azure and M365 are floored at 0 individually before they are added', () => {
  test('I-2: net customer adds — losing 2 Azure customers does not cancel 1 new M365 customer', () => {
    const r = report({
      azure: [azure('a1', ago(12), 600), azure('a2', ago(15), 600)],
      m365: [m365('m1', ago(0), 301, 0), m365('m2', ago(0), 100, 0)],
    });
    expect(r.paths.enterprise.metrics.netCustomerAdds.azure.net).toBe(-2);
    expect(r.paths.enterprise.metrics.netCustomerAdds.azure.counted).toBe(0);
    const s = exact(r);
    expect(s.enterprise.netCustomerAdds).toBe('2');
    expect(s.smb.netCustomerAdds).toBe('4');
  });

  test('I-2: net customer adds — losing M365 customers does not cancel a new Azure customer', () => {
    const s = exact({
      azure: [azure('a1', ago(0), 600)],
      m365: [m365('m1', ago(12), 301, 0), m365('m2', ago(13), 301, 0), m365('m3', ago(14), 301, 0)],
    });
    expect(s.enterprise.netCustomerAdds).toBe('2');
  });

  test('I-2: deployments — a lost Azure deployment does not cancel a new M365 deployment', () => {
    const s = exact({
      azure: [azure('a1', ago(12), 13000)],
      m365: [m365('m1', ago(0), 301, 301)],
    });
    expect(s.enterprise.deployments).toBe('10/3');
  });

  test('I-2: usage growth — falling Security ACR does not cancel protected-user growth', () => {
    const r = report({
      azure: [azure('a1', ago(12), 50000), azure('a1', ago(0), 13000)],
      m365: [m365('m1', ago(0), 1000, 250)],
    });
    expect(r.paths.enterprise.metrics.usageGrowth.azure.growth).toBeLessThan(0);
    expect(r.paths.enterprise.metrics.usageGrowth.azure.points).toBe(0);
    expect(exact(r).enterprise.usageGrowth).toBe('2');
  });
});

// ---- §4 qualification and I-5 ----------------------------------------------------------------------

describe('§4 qualification: total ≥ 70 and every metric ≥ 1', () => {
  // SMB: skilling 4 + 4 + 4 × 8 = 40; 4 Azure customers → 16; 3 of them ≥ $750 → 3 deployments = 10;
  // Security ACR growth 3 × x + $749.99 → 3 or 4 points.
  const smbAt = (x: number) => ({
    certifications: [
      ...certs('p1', ['AZ-500', 'SC-200', 'SC-300'], EARNED),
      ...['p2', 'p3', 'p4'].map((p) => cert(p, 'SC-300', EARNED)),
    ],
    azure: [
      azure('c1', ago(0), x),
      azure('c2', ago(0), x),
      azure('c3', ago(0), x),
      azure('c4', ago(0), 749.99),
    ],
  });

  test('SMB total exactly 70 with every metric ≥ 1 qualifies', () => {
    const s = exact(smbAt(750.01));
    expect(s.smb).toEqual({
      netCustomerAdds: '16',
      intermediateCertifications: '40',
      deployments: '10',
      usageGrowth: '4',
      total: '70',
      qualified: true,
    });
  });

  test('SMB total 69 does not qualify', () => {
    const s = exact(smbAt(750));
    expect(s.smb.usageGrowth).toBe('3');
    expect(s.smb.total).toBe('69');
    expect(s.smb.qualified).toBe(false);
  });

  test('total 80 with one metric at 0 does not qualify', () => {
    const s = exact(enterprise80Unqualified());
    expect(s.enterprise).toMatchObject({ total: '80', deployments: '0', qualified: false });
  });
});

/**
 * Enterprise 20 + 40 + 0 + 20 = 80 (no net new deployment: the big tenant was deployed a year ago
 * too); SMB 20 + 40 + 10/3 + 8 = 214/3 ≈ 71.33, qualified.
 */
function enterprise80Unqualified() {
  return dataset({
    certifications: fullSkilling(),
    azure: [
      azure('big', ago(12), 15000),
      azure('big', ago(0), 45000),
      ...Array.from({ length: 9 }, (_, i) => azure(`s${i}`, ago(0), 600)),
      azure('d1', ago(0), 750),
    ],
  });
}

/**
 * Both 100 when `enterpriseDeployments` is 6: 10 SMB-sized Azure customers at $1,500 (net adds,
 * SMB deployments, SMB usage 20) and `n` M365 tenants with 1,000 of 1,000 licenses active.
 */
function bothQualify(enterpriseDeployments: number) {
  return dataset({
    certifications: fullSkilling(),
    azure: Array.from({ length: 10 }, (_, i) => azure(`a${i}`, ago(0), 1500)),
    m365: Array.from({ length: enterpriseDeployments }, (_, i) => m365(`e${i}`, ago(0), 1000, 1000)),
  });
}

describe('I-5: the headline path', () => {
  test('I-5: a qualifying SMB path beats a higher-scoring non-qualifying Enterprise path', () => {
    const r = report(enterprise80Unqualified());
    const s = exact(r);
    expect(s.enterprise).toMatchObject({ total: '80', qualified: false });
    expect(s.smb).toMatchObject({ total: '214/3', deployments: '10/3', usageGrowth: '8', qualified: true });
    expect(s.headline).toBe('smb');
    const json = score(enterprise80Unqualified());
    expect(json.headline).toBe('smb');
    expect(json.paths.enterprise.total).toBe(80);
    expect(json.paths.smb.total).toBe(71.33);
  });

  test('I-5: tie when both qualify → Enterprise', () => {
    const s = exact(bothQualify(6));
    expect(s.enterprise).toMatchObject({ total: '100', qualified: true });
    expect(s.smb).toMatchObject({ total: '100', qualified: true });
    expect(s.headline).toBe('enterprise');
  });

  test('I-5: both qualify, SMB higher → SMB', () => {
    const s = exact(bothQualify(5));
    expect(s.enterprise).toMatchObject({ total: '290/3', qualified: true });
    expect(s.smb).toMatchObject({ total: '100', qualified: true });
    expect(s.headline).toBe('smb');
  });

  test('I-5: tie at 80 where only SMB qualifies → SMB (prefer the qualifying path)', () => {
    const s = exact({
      certifications: fullSkilling(),
      azure: [
        ...Array.from({ length: 3 }, (_, i) => azure(`d${i}`, ago(0), 760)),
        ...Array.from({ length: 7 }, (_, i) => azure(`s${i}`, ago(0), 749.99)),
      ],
      m365: Array.from({ length: 6 }, (_, i) => [
        m365(`e${i}`, ago(12), 1000, 149),
        m365(`e${i}`, ago(0), 1000, 150),
      ]).flat(),
    });
    expect(s.enterprise).toEqual({
      netCustomerAdds: '20',
      intermediateCertifications: '40',
      deployments: '20',
      usageGrowth: '0',
      total: '80',
      qualified: false,
    });
    expect(s.smb).toEqual({
      netCustomerAdds: '20',
      intermediateCertifications: '40',
      deployments: '10',
      usageGrowth: '10',
      total: '80',
      qualified: true,
    });
    expect(s.headline).toBe('smb');
  });

  test('I-5: tie when neither qualifies (empty dataset, 0 and 0) → Enterprise', () => {
    const s = exact({});
    expect(s.enterprise.total).toBe('0');
    expect(s.smb.total).toBe('0');
    expect(s.headline).toBe('enterprise');
  });

  test('I-5: neither qualifies → the higher-scoring path (SMB 4 > Enterprise 0)', () => {
    expect(exact({ certifications: [cert('p1', 'SC-200', EARNED)] }).headline).toBe('smb');
  });

  test('I-5: neither qualifies → the higher-scoring path (Enterprise 2 > SMB 0)', () => {
    expect(exact({ m365: [m365('c1', ago(0), 301, 0)] }).headline).toBe('enterprise');
  });

  test('I-5: both paths are always in the result', () => {
    const json = score({ certifications: [cert('p1', 'SC-200', EARNED)] });
    expect(json.paths.enterprise.total).toBe(0);
    expect(json.paths.smb.total).toBe(4);
  });
});

// ---- §3.2 certifications ---------------------------------------------------------------------------

describe('§3.2 certifications: validity on asOf', () => {
  const smbSkilling = (rows: ReturnType<typeof cert>[], asOf?: string) =>
    pointsOf({ certifications: rows, ...(asOf ? { asOf } : {}) }, 'smb', 'intermediateCertifications');

  test('earned + 1 year: on the expiry day itself it no longer counts', () => {
    expect(smbSkilling([cert('p1', 'SC-200', '2025-11-22')])).toBe('0');
  });

  test('earned + 1 year: the day before the expiry day it still counts', () => {
    expect(smbSkilling([cert('p1', 'SC-200', '2025-11-23')])).toBe('4');
  });

  test('explicit expires: on that day it no longer counts, the day before it does', () => {
    expect(smbSkilling([cert('p1', 'SC-200', '2026-06-01', '2026-11-22')])).toBe('0');
    expect(smbSkilling([cert('p1', 'SC-200', '2026-06-01', '2026-11-23')])).toBe('4');
  });

  test('expires wins over earned + 1 year: a renewed certification earned long ago counts', () => {
    expect(smbSkilling([cert('p1', 'SC-200', '2024-01-10', '2027-01-10')])).toBe('4');
  });

  test('expires wins over earned + 1 year: an early expiry ends it although earned + 1 year is later', () => {
    expect(smbSkilling([cert('p1', 'SC-200', '2026-10-01', '2026-11-01')])).toBe('0');
  });

  test('earned on asOf counts; earned after asOf is not in data pulled on asOf: refused with its row', () => {
    expect(smbSkilling([cert('p1', 'SC-200', '2026-11-22')])).toBe('4');
    expect(validateDataset(dataset({ certifications: [cert('p1', 'SC-200', '2026-11-23')] }))).toMatchObject({
      ok: false,
      errors: [
        { path: 'certifications[0].earned', reason: expect.stringContaining('after asOf 2026-11-22') },
      ],
    });
  });

  test('AZ-500 earned after its retirement (2026-09-01) does not count', () => {
    expect(smbSkilling([cert('p1', 'AZ-500', '2026-09-01')])).toBe('0');
  });

  test('AZ-500 earned on its retirement day (2026-08-31) counts', () => {
    expect(smbSkilling([cert('p1', 'AZ-500', '2026-08-31')])).toBe('4');
  });

  test('AZ-500 earned before retirement counts until 2027-08-31 even with a later expires', () => {
    const row = cert('p1', 'AZ-500', '2026-08-01', '2028-08-01');
    expect(smbSkilling([row], '2027-08-30')).toBe('4');
    expect(smbSkilling([row], '2027-08-31')).toBe('0');
  });

  test('SC-500 is a step-1 certification', () => {
    expect(smbSkilling([cert('p1', 'SC-500', EARNED)])).toBe('4');
  });

  test('SC-400 earned after 2025-05-31 does not count; earned on it, it does (asOf 2025-08-01)', () => {
    const steps12 = certs('p1', ['AZ-500', 'SC-200'], '2025-07-01');
    expect(smbSkilling([...steps12, cert('p2', 'SC-400', '2025-05-31')], '2025-08-01')).toBe('16');
    expect(smbSkilling([...steps12, cert('p2', 'SC-400', '2025-06-01')], '2025-08-01')).toBe('8');
  });

  test('SC-400 earned before retirement no longer counts from 2026-05-31, whatever expires says', () => {
    const steps12 = certs('p1', ['AZ-500', 'SC-200'], '2026-01-15');
    const sc400 = cert('p2', 'SC-400', '2025-05-01', '2027-05-01');
    expect(smbSkilling([...steps12, sc400], '2026-05-30')).toBe('16');
    expect(smbSkilling([...steps12, sc400], '2026-05-31')).toBe('8');
  });

  test('a certification may be written by its title (Microsoft Security Operations Analyst = SC-200)', () => {
    expect(smbSkilling([cert('p1', 'microsoft security operations analyst ', EARNED)])).toBe('4');
  });

  test('a certification not in the step table (AZ-104) counts for nothing', () => {
    expect(smbSkilling([cert('p1', 'AZ-104', EARNED)])).toBe('0');
  });

  test('exam names are matched trimmed and case-insensitively; ids exactly', () => {
    expect(smbSkilling([cert('p1', '  sc-200 ', EARNED), cert('p2', 'az-500', EARNED)])).toBe('8');
    // 'P1' and 'p1' are two people: Enterprise step 2 is complete with them.
    const rows = [
      ...certs('a', ['AZ-500', 'SC-300'], EARNED),
      cert('b', 'AZ-500', EARNED),
      cert('P1', 'SC-200', EARNED),
      cert('p1', 'SC-200', EARNED),
    ];
    expect(pointsOf({ certifications: rows }, 'enterprise', 'intermediateCertifications')).toBe('20/3');
  });
});

describe('§3.2 certifications: steps', () => {
  const base = [
    cert('p1', 'AZ-500', EARNED),
    cert('p2', 'AZ-500', EARNED),
    cert('p3', 'SC-200', EARNED),
    cert('p4', 'SC-200', EARNED),
  ];

  test('Enterprise: a step-3 holder without a step-1/2 certification does not count ("same as step 1 or step 2")', () => {
    const s = exact({ certifications: [...base, cert('p5', 'SC-300', EARNED)] });
    expect(s.enterprise.intermediateCertifications).toBe('0');
    expect(s.smb.intermediateCertifications).toBe('16'); // SMB: same or different people
  });

  test('Enterprise: a step-3 holder who also holds step 1 counts 40/6', () => {
    const s = exact({ certifications: [...base, cert('p1', 'SC-300', EARNED)] });
    expect(s.enterprise.intermediateCertifications).toBe('20/3');
    expect(
      score({ certifications: [...base, cert('p1', 'SC-300', EARNED)] }).paths.enterprise.metrics
        .intermediateCertifications.points,
    ).toBe(6.67);
  });

  test('Enterprise: a step-3 holder who also holds step 2 counts 40/6', () => {
    const s = exact({ certifications: [...base, cert('p4', 'SC-100', EARNED)] });
    expect(s.enterprise.intermediateCertifications).toBe('20/3');
  });

  test('Enterprise: the step-1/2 certification of a step-3 holder must itself be valid', () => {
    const s = exact({
      certifications: [
        ...base,
        cert('p5', 'SC-200', '2025-01-01'), // expired 2026-01-01
        cert('p5', 'SC-300', EARNED),
      ],
    });
    expect(s.enterprise.intermediateCertifications).toBe('0');
  });

  test('a person counts at most once per step (two step-3 exams → one person)', () => {
    const s = exact({ certifications: [...base, ...certs('p1', ['SC-300', 'SC-100', 'SC-401'], EARNED)] });
    expect(s.enterprise.intermediateCertifications).toBe('20/3');
    expect(s.smb.intermediateCertifications).toBe('16');
  });

  test('a person counts at most once per step (AZ-500 and SC-500 → one step-1 person: Enterprise step 1 incomplete)', () => {
    const s = exact({
      certifications: [
        ...certs('p1', ['AZ-500', 'SC-500', 'SC-300'], EARNED),
        cert('p3', 'SC-200', EARNED),
        cert('p4', 'SC-200', EARNED),
      ],
    });
    expect(s.enterprise.intermediateCertifications).toBe('0');
  });

  test('SMB: step 1 and step 2 earn 4 each independently; step 3 needs both', () => {
    expect(
      pointsOf(
        { certifications: [cert('p1', 'AZ-500', EARNED), cert('p2', 'SC-300', EARNED)] },
        'smb',
        'intermediateCertifications',
      ),
    ).toBe('4');
    expect(
      pointsOf(
        { certifications: [cert('p1', 'SC-200', EARNED), cert('p2', 'SC-300', EARNED)] },
        'smb',
        'intermediateCertifications',
      ),
    ).toBe('4');
  });
});

// ---- §2 SMB carry-over -----------------------------------------------------------------------------

describe('§2 SMB carry-over', () => {
  test('Azure: Enterprise at L and SMB-deployed at L−12 counts as an SMB deployment at L', () => {
    const r = report({ azure: [azure('a', ago(12), 5000), azure('a', ago(0), 15000)] });
    const side = r.paths.smb.metrics.deployments.azure;
    expect(side.current).toHaveLength(1);
    expect(side.previous).toHaveLength(1);
    expect(r.paths.enterprise.metrics.deployments.azure.current).toHaveLength(1);
  });

  test('Azure: the carried-over tenant keeps a new SMB deployment from being cancelled', () => {
    const s = exact({
      azure: [azure('a', ago(12), 5000), azure('a', ago(0), 15000), azure('b', ago(0), 1000)],
    });
    expect(s.smb.deployments).toBe('10/3');
  });

  test('Azure: carried-over tenant counts in SMB Security ACR (15,000 − 5,000 → 13 points)', () => {
    const s = exact({ azure: [azure('a', ago(12), 5000), azure('a', ago(0), 15000)] });
    expect(s.smb.usageGrowth).toBe('13');
    expect(s.enterprise.usageGrowth).toBe('12');
  });

  test('Azure: $700 at L−12 is SMB for usage (> 0) but not for deployments (< $750)', () => {
    const r = report({ azure: [azure('a', ago(12), 700), azure('a', ago(0), 15000)] });
    expect(r.paths.smb.metrics.deployments.azure.current).toHaveLength(0);
    expect(exact(r).smb.usageGrowth).toBe('19'); // (15,000 − 700) / 750
  });

  test('Azure: no carry-over when the tenant was already Enterprise at L−12', () => {
    const s = exact({ azure: [azure('a', ago(12), 13000), azure('a', ago(0), 15000)] });
    expect(s.smb.usageGrowth).toBe('0');
    expect(s.smb.deployments).toBe('0');
  });

  test('Azure: no carry-over for a tenant that is new at L', () => {
    const s = exact({ azure: [azure('a', ago(0), 15000)] });
    expect(s.smb.usageGrowth).toBe('0');
    expect(s.smb.deployments).toBe('0');
  });

  test('M365: Enterprise-sized at L and SMB-sized at L−12 (no activity needed then) is an SMB deployment', () => {
    const s = exact({ m365: [m365('m', ago(12), 200, 0), m365('m', ago(0), 400, 100)] });
    expect(s.smb.deployments).toBe('10/3');
    expect(s.smb.usageGrowth).toBe('2'); // 100 protected users
    expect(s.enterprise.deployments).toBe('10/3');
    expect(s.enterprise.usageGrowth).toBe('0'); // 100 < 125
  });

  test('M365: a carried-over tenant needs its > 300 workload at ≥ 15% active to be an SMB deployment', () => {
    const s = exact({ m365: [m365('m', ago(12), 200, 0), m365('m', ago(0), 400, 59)] });
    expect(s.smb.deployments).toBe('0');
    expect(s.smb.usageGrowth).toBe('1'); // still protected users: 59
  });

  test('M365: no carry-over without an SMB-sized row a year earlier', () => {
    const s = exact({ m365: [m365('m', ago(0), 400, 100)] });
    expect(s.smb.deployments).toBe('0');
    expect(s.smb.usageGrowth).toBe('0');
    expect(s.smb.netCustomerAdds).toBe('0');
  });

  test('M365 net customer adds: SMB-sized in the previous window, Enterprise-sized now → still an SMB customer', () => {
    const r = report({
      m365: [m365('n', ago(20), 200, 0), m365('n', ago(0), 400, 0), m365('p', ago(0), 100, 0)],
    });
    expect(r.paths.smb.metrics.netCustomerAdds.m365.current).toHaveLength(2);
    expect(r.paths.smb.metrics.netCustomerAdds.m365.previous).toHaveLength(1);
    expect(exact(r).smb.netCustomerAdds).toBe('4');
  });

  test.each([
    [12000, '10'], // carried over: growth 20,000 − 12,000 = 8,000 → 10 points
    [12000.01, '0'], // Enterprise a year ago too: not carried
  ])('Azure: $%s at L−12 and $20,000 at L → SMB usage growth %s', (before, points) => {
    const s = exact({ azure: [azure('a', ago(12), before), azure('a', ago(0), 20000)] });
    expect(s.smb.usageGrowth).toBe(points);
  });

  test.each([
    [750, 1],
    [749.99, 0],
  ])('Azure: $%s at L−12 and $20,000 at L → %i carried-over SMB deployment(s) at L', (before, count) => {
    const r = report({ azure: [azure('a', ago(12), before), azure('a', ago(0), 20000)] });
    expect(r.paths.smb.metrics.deployments.azure.current).toHaveLength(count);
  });

  test.each([
    [5, '10/3'],
    [4, '0'],
  ])(
    'M365: paid %i at L−12 (SMB-sized or not) and 400 at L, 100 active → SMB deployments %s',
    (paid, points) => {
      const s = exact({ m365: [m365('m', ago(12), paid, 0), m365('m', ago(0), 400, 100)] });
      expect(s.smb.deployments).toBe(points);
    },
  );
});

// ---- §1 months read --------------------------------------------------------------------------------

describe('§1 months: rows after L and older than L−35 are ignored', () => {
  test('an Azure row in 2026-11 (after L) is ignored', () => {
    const json = score({ azure: [azure('c1', '2026-11', 600)] });
    expect(json.paths.smb.metrics.netCustomerAdds.points).toBe(0);
    expect(json.dataQuality.excludedRows.azure.monthAfterLastMonth?.rows).toBe(1);
  });

  test('an M365 row in 2026-11 (after L) is ignored', () => {
    expect(pointsOf({ m365: [m365('c1', '2026-11', 301, 301)] }, 'enterprise', 'netCustomerAdds')).toBe('0');
  });

  test('Azure: a row at L−35 is read (SMB carry-over at L−12), a row at L−36 is not', () => {
    // x: Enterprise at L−12 ($13,000); SMB at L−24 only through the old row. y: new SMB deployment at L.
    const rows = (old: number) => [
      azure('x', ago(old), 1000),
      azure('x', ago(12), 13000),
      azure('y', ago(0), 1000),
    ];
    expect(pointsOf({ azure: rows(35) }, 'smb', 'deployments')).toBe('0'); // x carried over at L−12
    expect(pointsOf({ azure: rows(36) }, 'smb', 'deployments')).toBe('10/3');
    expect(score({ azure: rows(36) }).dataQuality.excludedRows.azure.monthTooOld?.rows).toBe(1);
  });

  test('M365: a row at L−35 is read (carry-over in the previous window), a row at L−36 is not', () => {
    const rows = (old: number) => [
      m365('x', ago(old), 100, 0),
      m365('x', ago(12), 400, 0),
      m365('y', ago(0), 100, 0),
    ];
    expect(pointsOf({ m365: rows(35) }, 'smb', 'netCustomerAdds')).toBe('0');
    expect(pointsOf({ m365: rows(36) }, 'smb', 'netCustomerAdds')).toBe('4');
  });

  test('L is the month before asOf across a year boundary (asOf 2027-01-01 → L = 2026-12)', () => {
    const json = score({
      asOf: '2027-01-01',
      azure: [azure('c1', '2026-12', 600), azure('c2', '2027-01', 600), azure('c3', '2026-01', 600)],
    });
    expect(json.lastMonth).toBe('2026-12');
    // c1 (2026-12) and c3 (2026-01 = L−11) are in the current window; c2 (2027-01) is after L.
    expect(json.paths.smb.metrics.netCustomerAdds.points).toBe(8);
  });

  test('asOf on the first of a month: L is still the previous month', () => {
    expect(score({ asOf: '2026-11-01' }).lastMonth).toBe('2026-10');
  });
});

// ---- §2 eligibility filters ------------------------------------------------------------------------

describe('§2 eligibility: Azure services (names and aliases, trimmed, case-insensitive)', () => {
  test.each([
    'Application Gateway',
    'Azure AD B2C',
    'Microsoft Entra ID B2C',
    'Azure Active Directory B2C',
    'Azure AD for External Identities',
    'Microsoft Entra ID for External Identities',
    'Microsoft Entra Domain Services',
    'Azure Bastion',
    'Azure DDoS Protection',
    'Azure DDOS Protection',
    'Azure Defender',
    'Security Center',
    'Microsoft Defender for Cloud',
    'Azure Firewall',
    'Azure Firewall Manager',
    'Azure Front Door Service',
    'Azure IoT Security',
    'Key Vault',
    'Microsoft Entra',
    'Microsoft Entra Verified ID',
    'Microsoft Purview',
    'Microsoft Security Copilot',
    'Microsoft Sentinel',
    'Azure Sentinel',
    '  microsoft SENTINEL ',
    'KEY VAULT',
    // Partner Center's ServiceLevel4 spellings (Azure usage report guide), aliases in the rule set.
    'Sentinel',
    'Microsoft Defender for servers',
    'Application Gateway WAF v2',
    'Azure Active Directory Domain Services',
    'Microsoft Defender for IoT',
  ])('"%s" counts', (service) => {
    expect(pointsOf({ azure: [azure('c1', ago(0), 600, { service })] }, 'smb', 'netCustomerAdds')).toBe('4');
  });

  // I-8: the May 2026 page no longer lists these three; the list in force on asOf applies to every month.
  test.each(['Advanced Data Security', 'Advanced Threat Protection', 'Network Watcher', ' network watcher '])(
    'I-8: "%s" counts with asOf 2026-04-30 and in no month with asOf 2026-05-01',
    (service) => {
      const rows = [azure('c1', '2026-03', 600, { service })];
      expect(pointsOf({ asOf: '2026-04-30', azure: rows }, 'smb', 'netCustomerAdds')).toBe('4');
      expect(pointsOf({ asOf: '2026-05-01', azure: rows }, 'smb', 'netCustomerAdds')).toBe('0');
    },
  );

  test.each(['Virtual Machines', 'Azure Monitor', 'Microsoft Sentinel Plus', 'Sentinel Plus'])(
    '"%s" does not count',
    (service) => {
      expect(pointsOf({ azure: [azure('c1', ago(0), 600, { service })] }, 'smb', 'netCustomerAdds')).toBe(
        '0',
      );
    },
  );
});

describe('§2 ids are compared exactly', () => {
  test('tenant ids "c1" and "C1" are two customers: $300 each does not make a qualifying customer', () => {
    const s = exact({ azure: [azure('c1', ago(0), 300), azure('C1', ago(0), 300)] });
    expect(s.smb.netCustomerAdds).toBe('0');
  });

  test('tenant ids "c1" and " c1" are two customers', () => {
    const s = exact({ azure: [azure('c1', ago(0), 300), azure(' c1', ago(0), 300)] });
    expect(s.smb.netCustomerAdds).toBe('0');
  });
});

describe('§2 eligibility: Azure offers and associations', () => {
  test.each(['Trial', 'Support', 'Internal', 'Benefit Program', ' trial ', 'BENEFIT PROGRAM'])(
    'offer "%s" does not count',
    (offer) => {
      expect(pointsOf({ azure: [azure('c1', ago(0), 600, { offer })] }, 'smb', 'netCustomerAdds')).toBe('0');
    },
  );

  test.each(['Azure Plan', 'Pay-As-You-Go', 'Enterprise Agreement'])('offer "%s" counts', (offer) => {
    expect(pointsOf({ azure: [azure('c1', ago(0), 600, { offer })] }, 'smb', 'netCustomerAdds')).toBe('4');
  });

  test.each(['DPOR', 'CPOR', 'Reseller'])('association "%s" does not count for Azure', (association) => {
    expect(pointsOf({ azure: [azure('c1', ago(0), 600, { association })] }, 'smb', 'netCustomerAdds')).toBe(
      '0',
    );
  });

  test.each(['PAL', 'CSP Tier1', 'CSP Tier2', ' csp tier2 ', 'pal'])(
    'association "%s" counts for Azure',
    (association) => {
      expect(pointsOf({ azure: [azure('c1', ago(0), 600, { association })] }, 'smb', 'netCustomerAdds')).toBe(
        '4',
      );
    },
  );

  test('an excluded row is not an error and is reported with its reason', () => {
    const json = score({
      azure: [azure('c1', ago(0), 600, { offer: 'Trial' }), azure('c2', ago(0), 50, { association: 'DPOR' })],
    });
    expect(json.dataQuality.excludedRows.azure.offerNotEligible).toMatchObject({ rows: 1, usd: 600 });
    expect(json.dataQuality.excludedRows.azure.associationNotEligible).toMatchObject({ rows: 1, usd: 50 });
  });
});

describe('§2 eligibility: M365 workloads and associations', () => {
  test.each([
    'Microsoft Entra ID P1',
    'Microsoft Defender for Office 365',
    'Microsoft Defender for Endpoint',
    'Microsoft Defender for Endpoints',
    'Microsoft Defender for Endpoint P2',
    'Microsoft Defender for Endpoints P2',
    'Microsoft Defender for Identity',
    'Microsoft Purview Information Protection',
    'Intune',
    ' INTUNE ',
    'microsoft defender for endpoint p2',
  ])('workload "%s" counts', (workload) => {
    expect(pointsOf({ m365: [m365('c1', ago(0), 100, 0, { workload })] }, 'smb', 'netCustomerAdds')).toBe(
      '4',
    );
  });

  test.each([
    'Microsoft Defender for Endpoint P1',
    'Microsoft Defender for Endpoints P1',
    ' microsoft defender for endpoint p1',
    'Exchange Online',
    'Microsoft Entra ID P2 Plus',
  ])('workload "%s" does not count', (workload) => {
    expect(pointsOf({ m365: [m365('c1', ago(0), 100, 0, { workload })] }, 'smb', 'netCustomerAdds')).toBe(
      '0',
    );
  });

  test.each(['PAL', 'DPOR', 'Reseller'])('association "%s" does not count for M365', (association) => {
    expect(pointsOf({ m365: [m365('c1', ago(0), 100, 0, { association })] }, 'smb', 'netCustomerAdds')).toBe(
      '0',
    );
  });

  test.each(['CPOR', 'CSP Tier1', 'CSP Tier2', ' cpor '])(
    'association "%s" counts for M365',
    (association) => {
      expect(
        pointsOf({ m365: [m365('c1', ago(0), 100, 0, { association })] }, 'smb', 'netCustomerAdds'),
      ).toBe('4');
    },
  );

  test('an ineligible workload row adds no protected users to an eligible tenant', () => {
    const s = exact({
      m365: [
        m365('c1', ago(0), 100, 40, { workload: 'Intune' }),
        m365('c1', ago(0), 100, 100, { workload: 'Microsoft Defender for Endpoint P1' }),
      ],
    });
    expect(s.smb.usageGrowth).toBe('0'); // 40 < 50
  });
});

// ---- money and rounding ----------------------------------------------------------------------------

describe('money: Azure amounts rounded to cents half away from zero, then added as integers', () => {
  test.each([
    [0.125, 13],
    [1.005, 101],
    [2.675, 268],
    [599.995, 60000],
    [599.994, 59999],
    [0.004, 0],
    [0.005, 1],
    [-0.125, -13],
    [1520.4, 152040],
  ])('usdToCents(%s) = %i', (usd, cents) => {
    expect(usdToCents(usd)).toBe(cents);
  });

  test('$599.995 rounds to $600.00 and qualifies', () => {
    expect(pointsOf({ azure: [azure('c1', ago(0), 599.995)] }, 'enterprise', 'netCustomerAdds')).toBe('2');
  });

  test('$599.994 rounds to $599.99 and does not qualify', () => {
    expect(pointsOf({ azure: [azure('c1', ago(0), 599.994)] }, 'enterprise', 'netCustomerAdds')).toBe('0');
  });

  test('each row is rounded before adding: $599.98 + $0.005 + $0.005 = $600.00', () => {
    const rows = [azure('c1', ago(0), 599.98), azure('c1', ago(0), 0.005), azure('c1', ago(0), 0.005)];
    expect(pointsOf({ azure: rows }, 'enterprise', 'netCustomerAdds')).toBe('2');
  });

  test('Azure rows with the same tenant, month, service, offer and association are added', () => {
    const rows = [azure('c1', ago(0), 300), azure('c1', ago(0), 300)];
    const json = score({ azure: rows });
    expect(json.paths.enterprise.metrics.netCustomerAdds.points).toBe(2);
    expect(json.customers[0]?.azure.acrTtmUsd.last).toBe(600);
  });

  test('3 × $200.00 is exactly $600', () => {
    const json = score({ azure: azureEach('c1', [ago(2), ago(1), ago(0)], 200) });
    expect(json.customers[0]?.azure.acrTtmUsd.last).toBe(600);
    expect(json.paths.smb.metrics.netCustomerAdds.points).toBe(4);
  });

  test('$599.40 + $0.30 + $0.30 is exactly $600 (a float sum gives 599.9999999999999)', () => {
    expect(599.4 + 0.3 + 0.3).toBeLessThan(600);
    const rows = [azure('c1', ago(2), 599.4), azure('c1', ago(1), 0.3), azure('c1', ago(0), 0.3)];
    const json = score({ azure: rows });
    expect(json.customers[0]?.azure.acrTtmUsd.last).toBe(600);
    expect(json.paths.smb.metrics.netCustomerAdds.points).toBe(4);
  });

  test('$599.70 + $0.20 + $0.10 is exactly $600, not 600.0000000000001', () => {
    expect(599.7 + 0.2 + 0.1).not.toBe(600);
    const rows = [azure('c1', ago(2), 599.7), azure('c1', ago(1), 0.2), azure('c1', ago(0), 0.1)];
    const json = score({ azure: rows });
    expect(json.customers[0]?.azure.acrTtmUsd.last).toBe(600);
    expect(json.paths.smb.metrics.usageGrowth.azure).toMatchObject({ lastUsd: 600 });
  });

  test('6,000 rows of $0.10 are exactly $600 (a float sum would drift)', () => {
    let float = 0;
    for (let i = 0; i < 6000; i++) float += 0.1;
    expect(float).not.toBe(600);
    const rows = Array.from({ length: 6000 }, () => azure('c1', ago(0), 0.1));
    const json = score({ azure: rows });
    expect(json.customers[0]?.azure.acrTtmUsd.last).toBe(600);
    expect(json.paths.enterprise.metrics.netCustomerAdds.points).toBe(2);
  });
});

// ---- §6 data quality and validation ----------------------------------------------------------------

describe('§6 data quality', () => {
  test('duplicate M365 rows (same tenant, month, workload, association) are a validation error naming array, index and field', () => {
    const result = validateDataset(
      dataset({ m365: [m365('c1', ago(0), 100, 10), m365('c1', ago(0), 50, 5)] }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errorCount).toBe(1);
    expect(result.errors[0]).toMatchObject({ array: 'm365Licenses', index: 1, field: 'workload' });
    expect(result.errors[0]?.reason).toMatch(/m365Licenses\[0\]/);
  });

  test('duplicate M365 rows are detected through trimming and case', () => {
    const result = validateDataset(
      dataset({
        m365: [
          m365('c1', ago(0), 100, 10, { workload: 'Intune', association: 'CPOR' }),
          m365('c1', ago(0), 50, 5, { workload: ' intune ', association: 'cpor' }),
        ],
      }),
    );
    expect(result.ok).toBe(false);
  });

  test('M365 rows differing in association or month are not duplicates', () => {
    expect(() =>
      validate(
        dataset({
          m365: [
            m365('c1', ago(0), 100, 10),
            m365('c1', ago(0), 100, 10, { association: 'CSP Tier1' }),
            m365('c1', ago(1), 100, 10),
            m365('c2', ago(0), 100, 10),
          ],
        }),
      ),
    ).not.toThrow();
  });

  test('active > paid is clamped to paid with a warning (row kept)', () => {
    const result = validateDataset(dataset({ m365: [m365('c1', ago(0), 100, 150)] }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatchObject({
      code: 'ACTIVE_CLAMPED',
      array: 'm365Licenses',
      index: 0,
      field: 'activeLicenses',
    });
    const json = score({ m365: [m365('c1', ago(0), 100, 150)] });
    expect(json.paths.smb.metrics.usageGrowth.points).toBe(2); // 100 protected users, not 150
    expect(json.dataQuality.warnings).toHaveLength(1);
  });
});

describe('§6 validation: every problem listed with array, index, field and reason', () => {
  const errorsOf = (input: unknown) => {
    const result = validateDataset(input);
    if (result.ok) throw new Error('expected the dataset to be invalid');
    return result;
  };

  test('several bad rows → one error each', () => {
    const doc = dataset({
      azure: [azure('c1', ago(0), -1), azure('c2', ago(0), 5), azure('c3', '2026-13', 5)],
      m365: [m365('c1', ago(0), 10, 1), m365('c2', ago(0), 2.5, 1)],
      certifications: [cert('p1', 'SC-200', '2026-02-30')],
    });
    const result = errorsOf(doc);
    expect(result.errorCount).toBe(4);
    expect(result.errors).toHaveLength(4);
    const where = result.errors.map((e) => [e.array, e.index, e.field]);
    expect(where).toEqual(
      expect.arrayContaining([
        ['azureConsumption', 0, 'acrUsd'],
        ['azureConsumption', 2, 'month'],
        ['m365Licenses', 1, 'paidLicenses'],
        ['certifications', 0, 'earned'],
      ]),
    );
    for (const e of result.errors) expect(e.reason.length).toBeGreaterThan(0);
  });

  test('an unknown key inside a row is an error naming the key', () => {
    const doc = dataset({ azure: [azure('c1', ago(0), 5)] }) as unknown as { azureConsumption: object[] };
    doc.azureConsumption[0] = { ...doc.azureConsumption[0], subscriptionId: 's-1' };
    const result = errorsOf(doc);
    expect(result.errors).toEqual([
      expect.objectContaining({ array: 'azureConsumption', index: 0, field: 'subscriptionId' }),
    ]);
  });

  test('a typo in a row key is an unknown key and a missing field', () => {
    const row = { ...m365('c1', ago(0), 10, 1), activelicenses: 1 } as Record<string, unknown>;
    delete row.activeLicenses;
    const result = errorsOf({ ...dataset(), m365Licenses: [row] });
    expect(result.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ array: 'm365Licenses', index: 0, field: 'activelicenses' }),
        expect.objectContaining({ array: 'm365Licenses', index: 0, field: 'activeLicenses' }),
      ]),
    );
    expect(result.errorCount).toBe(2);
  });

  test('an unknown top-level key is an error', () => {
    const result = errorsOf({ ...dataset(), azureConsumptions: [] });
    expect(result.errors).toEqual([expect.objectContaining({ field: 'azureConsumptions' })]);
  });

  test('an unknown key inside partner is an error', () => {
    const doc = { ...dataset(), partner: { partnerId: '1', name: 'P', partnerName: 'x' } };
    expect(errorsOf(doc).errors).toEqual([expect.objectContaining({ field: 'partner.partnerName' })]);
  });

  test('at most 100 errors are listed, all are counted', () => {
    const doc = dataset({ azure: Array.from({ length: 150 }, (_, i) => azure(`c${i}`, ago(0), -1)) });
    const result = errorsOf(doc);
    expect(result.errorCount).toBe(150);
    expect(result.errors).toHaveLength(100);
    expect(result.errors.map((e) => e.index)).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  test.each(['2026-13', '2026-00', '2026-1', '26-10', '2026/10', '2026-10-01'])(
    'month "%s" is an error',
    (month) => {
      const result = errorsOf(dataset({ azure: [azure('c1', month, 5)] }));
      expect(result.errors).toEqual([
        expect.objectContaining({ array: 'azureConsumption', index: 0, field: 'month' }),
      ]);
    },
  );

  test.each(['2026-02-30', '2025-02-29', '2026-04-31', '2026-1-05', '2026-13-01', '20261105'])(
    'date "%s" is an error',
    (earned) => {
      const result = errorsOf(dataset({ certifications: [cert('p1', 'SC-200', earned)] }));
      expect(result.errors).toEqual([
        expect.objectContaining({ array: 'certifications', index: 0, field: 'earned' }),
      ]);
    },
  );

  test('2028-02-29 is a real date', () => {
    expect(() =>
      validate(dataset({ asOf: '2028-03-01', certifications: [cert('p1', 'SC-200', '2028-02-29')] })),
    ).not.toThrow();
  });

  test('a bad asOf is an error', () => {
    const result = errorsOf(dataset({ asOf: '2026-02-30' }));
    expect(result.errors).toEqual([expect.objectContaining({ field: 'asOf' })]);
  });

  test.each([
    ['acrUsd', -0.01],
    ['acrUsd', Number.NaN],
    ['acrUsd', Number.POSITIVE_INFINITY],
    ['acrUsd', '600'],
  ])('Azure %s = %p is an error', (field, value) => {
    const row = { ...azure('c1', ago(0), 5), [field]: value };
    const result = errorsOf({ ...dataset(), azureConsumption: [row] });
    expect(result.errors).toEqual([expect.objectContaining({ array: 'azureConsumption', index: 0, field })]);
  });

  test.each([
    ['paidLicenses', 2.5],
    ['paidLicenses', -1],
    ['activeLicenses', 0.5],
    ['activeLicenses', -3],
  ])('M365 %s = %p is an error', (field, value) => {
    const row = { ...m365('c1', ago(0), 10, 1), [field]: value };
    const result = errorsOf({ ...dataset(), m365Licenses: [row] });
    expect(result.errors).toEqual([expect.objectContaining({ array: 'm365Licenses', index: 0, field })]);
  });

  test('a missing required field is an error', () => {
    const row = azure('c1', ago(0), 5) as Partial<ReturnType<typeof azure>>;
    delete row.association;
    const result = errorsOf({ ...dataset(), azureConsumption: [row] });
    expect(result.errors).toEqual([
      expect.objectContaining({ array: 'azureConsumption', index: 0, field: 'association' }),
    ]);
  });

  test('expires before earned is an error', () => {
    const result = errorsOf(dataset({ certifications: [cert('p1', 'SC-200', '2026-06-01', '2026-05-31')] }));
    expect(result.errors).toEqual([
      expect.objectContaining({ array: 'certifications', index: 0, field: 'expires' }),
    ]);
  });

  test('an unknown name is not an error (it is kept and simply not counted)', () => {
    expect(() =>
      validate(dataset({ azure: [azure('c1', ago(0), 5, { service: 'Sentinal' })] })),
    ).not.toThrow();
    expect(
      score({ azure: [azure('c1', ago(0), 5, { service: 'Sentinal' })] }).dataQuality.unknownNames.services,
    ).toEqual({
      Sentinal: 1,
    });
  });
});
