import { scorePartner, toScoreResult, type PartnerDataset } from '../../scoring';
import { security2026_05 as seedRules } from '../../scoring/rules/security-2026-05';
import type { RuleSet } from '../../scoring/rules/types';
import { azure, cert, dataset, m365, score, validate } from './builders';

type Extra = Pick<PartnerDataset, 'mau' | 'designation' | 'specializations'>;

/**
 * `rules`: the seed's rules (customer references, Information Protection and Governance) pin §1 at the
 * builders' asOf; the amendments of §6 are pinned at their dates in rules-2026.test.ts.
 */
function statusOf(
  parts: Parameters<typeof dataset>[0],
  extra: Partial<Extra>,
  name: string,
  rules?: RuleSet,
) {
  const data = { ...dataset(parts), ...extra };
  const result = rules ? toScoreResult(scorePartner(validate(data), { rules })) : score(data);
  return result.specializations.find((s) => s.name === name)!;
}

const mau = (tenant: string, month: string, product: string, activeUsers: number, association = 'CPOR') => ({
  customerTenantId: tenant,
  month,
  product,
  association,
  activeUsers,
});
const people = (exam: string, n: number, prefix = exam) =>
  Array.from({ length: n }, (_, i) => cert(`${prefix}-${i}`, exam, '2026-06-01'));
const enrolled = { designation: { enrolled: true } };

describe('Security specializations (specializations-and-renewals.md §1)', () => {
  test('I-7: Threat Protection performance is MDI MAU growth L vs L−12 ≥ 1,000 — 999 fails, 1,000 passes', () => {
    const at = (growth: number) =>
      statusOf(
        { certifications: people('SC-200', 6) },
        {
          ...enrolled,
          mau: [
            mau('t1', '2025-10', 'Microsoft Defender for Identity', 500),
            mau('t1', '2026-10', 'Microsoft Defender for Identity', 500 + growth),
          ],
        },
        'Threat Protection',
      );
    expect(at(999)).toMatchObject({ state: 'notEligible', qualificationMet: false });
    expect(at(1_000)).toMatchObject({ state: 'eligibleToApply', qualificationMet: true });
  });

  test('I-7: MAU growth counts only CPOR or CSP associations, summed over tenants; "or" means either product alone', () => {
    const s = statusOf(
      { certifications: people('SC-200', 6) },
      {
        ...enrolled,
        mau: [
          mau('t1', '2026-10', 'Microsoft Defender for Cloud Apps', 600, 'CSP Tier2'),
          mau('t2', '2026-10', 'Microsoft Defender for Cloud Apps', 400),
          mau('t3', '2026-10', 'Microsoft Defender for Cloud Apps', 5_000, 'DPOR'),
          mau('t4', '2026-10', 'Microsoft Defender for Identity', 900),
        ],
      },
      'Threat Protection',
    );
    expect(s.requirements.find((r) => r.kind === 'performance')).toMatchObject({ met: true });
    expect(s.requirements.find((r) => r.kind === 'performance')!.have).toContain(
      'Microsoft Defender for Cloud Apps MAU growth: 1,000 (1,000 vs 0)',
    );
  });

  test('Threat Protection: or $100,000 Sentinel ACR over 12 months (eligible rows only)', () => {
    const rows = (usd: number) => [
      azure('t1', '2026-10', usd),
      azure('t1', '2026-09', 50_000, { service: 'Key Vault' }),
    ];
    const at = (usd: number) =>
      statusOf({ azure: rows(usd), certifications: people('SC-200', 6) }, enrolled, 'Threat Protection');
    expect(at(99_999.99).qualificationMet).toBe(false);
    expect(at(100_000).qualificationMet).toBe(true);
  });

  test('seed rules — Cloud Security: $200,000 of any eligible Security ACR, 6 × AZ-500 or SC-500 (I-6) and 4 × SC-200', () => {
    const rows = [
      azure('t1', '2026-10', 150_000),
      azure('t2', '2026-05', 50_000, { service: 'Azure Firewall' }),
    ];
    const knowledge = [...people('AZ-500', 3), ...people('SC-500', 3), ...people('SC-200', 4)];
    expect(
      statusOf({ azure: rows, certifications: knowledge }, enrolled, 'Cloud Security', seedRules),
    ).toMatchObject({
      qualificationMet: true,
      state: 'eligibleToApply',
    });
    const short = statusOf(
      { azure: rows, certifications: knowledge.slice(0, -1) },
      enrolled,
      'Cloud Security',
      seedRules,
    );
    expect(short.missing).toEqual([
      'People with SC-200: have 3, need ≥ 4',
      'Approved customer references: have 0, need 3, valid 2 years',
    ]);
  });

  test('seed rules — I-6: Information Protection and Governance counts SC-400 (retired) holders still valid and its successor SC-401', () => {
    const knowledge = [...people('SC-401', 5), cert('old', 'SC-400', '2025-05-01')]; // SC-400 expired 2026-05-01
    const growth = { mau: [mau('t1', '2026-10', 'Microsoft Purview Information Protection', 1_000)] };
    expect(
      statusOf(
        { certifications: knowledge },
        { ...enrolled, ...growth },
        'Information Protection and Governance',
        seedRules,
      ).requirements.find((r) => r.kind === 'knowledge'),
    ).toMatchObject({ met: false, have: '5' });
    expect(
      statusOf(
        { certifications: [...knowledge, ...people('SC-401', 1, 'extra')] },
        { ...enrolled, ...growth },
        'Information Protection and Governance',
        seedRules,
      ).qualificationMet,
    ).toBe(true);
  });

  test('seed rules — the designation is a prerequisite; references must be 3 and at most 2 years old; earned when the partner holds it', () => {
    const parts = { certifications: people('SC-300', 6) };
    const growth = [mau('t1', '2026-10', 'Microsoft Entra ID Premium', 2_000)];
    expect(statusOf(parts, { mau: growth }, 'Identity and Access Management', seedRules)).toMatchObject({
      state: 'notEligible',
      missing: [
        expect.stringContaining('Solutions Partner for Security: have not enrolled'),
        expect.any(String),
      ],
    });
    const held = {
      name: 'Identity and Access Management',
      firstAwarded: '2025-03-05',
      anniversary: '2027-03-05',
      customerReferencesApproved: 3,
    };
    const fresh = statusOf(
      parts,
      { ...enrolled, mau: growth, specializations: [{ ...held, referencesApprovedOn: '2024-11-23' }] },
      'Identity and Access Management',
      seedRules,
    );
    expect(fresh).toMatchObject({
      state: 'earned',
      qualificationMet: true,
      missing: [],
      anniversary: '2027-03-05',
    });
    const stale = statusOf(
      parts,
      { ...enrolled, mau: growth, specializations: [{ ...held, referencesApprovedOn: '2024-11-22' }] },
      'Identity and Access Management',
      seedRules,
    );
    expect(stale.missing).toEqual([
      'Approved customer references: have 3, approved 2024-11-22 (expired 2026-11-22), need 3, valid 2 years',
    ]);
  });

  test('M365 rows do not feed MAU: only the mau array does', () => {
    const s = statusOf(
      {
        m365: [m365('t1', '2026-10', 5_000, 5_000, { workload: 'Microsoft Entra ID P1' })],
        certifications: people('SC-300', 6),
      },
      enrolled,
      'Identity and Access Management',
    );
    expect(s.qualificationMet).toBe(false);
  });
});
