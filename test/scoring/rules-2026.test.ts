import { scorePartner, toScoreResult, validateDataset, type PartnerDataset } from '../../scoring';
import { addMonths as addMonthsToDate } from '../../scoring/calendar';
import { security2026_08_31 } from '../../scoring/rules/amendments-2026';
import type { AppliedSkillRequirement } from '../../scoring/rules/specializations';
import type { RuleSet } from '../../scoring/rules/types';
import { azure, cert, dataset, validate } from './builders';

/**
 * The amendments of December 2026 (specializations-and-renewals.md §6, security-designation.md §7),
 * each on both sides of its date.
 */

type Extra = Partial<Pick<PartnerDataset, 'mau' | 'designation' | 'specializations' | 'appliedSkills'>>;

function statuses(parts: Parameters<typeof dataset>[0], extra: Extra = {}, rules?: RuleSet) {
  const data = validate({ ...dataset(parts), designation: { enrolled: true }, ...extra });
  return toScoreResult(scorePartner(data, rules ? { rules } : {})).specializations;
}
const statusOf = (name: string, parts: Parameters<typeof dataset>[0], extra: Extra = {}, rules?: RuleSet) =>
  statuses(parts, extra, rules).find((s) => s.name === name)!;

const people = (exam: string, n: number, earned: string, prefix = exam) =>
  Array.from({ length: n }, (_, i) => cert(`${prefix}-${i}`, exam, earned));
const mau = (month: string, product: string, activeUsers: number) => ({
  customerTenantId: 't1',
  month,
  product,
  association: 'CPOR',
  activeUsers,
});

describe('2025-08-26: Information Protection and Governance becomes Data Security', () => {
  // L = 2025-07 on both days; growth 2,000 of Purview Information Protection; 6 SC-400 holders.
  const parts = (asOf: string) => ({ asOf, certifications: people('SC-401', 6, '2025-06-01') });
  const extra: Extra = {
    mau: [mau('2025-07', 'Microsoft Purview Information Protection', 2_000)],
    specializations: [{ name: 'Information Protection and Governance' }],
  };

  test('2025-08-25: the seed name and requirements (1,000 MAU, 6 × SC-400 or SC-401, references)', () => {
    const names = statuses(parts('2025-08-25'), extra).map((s) => s.name);
    expect(names).toContain('Information Protection and Governance');
    expect(names).not.toContain('Data Security');
    const s = statusOf('Information Protection and Governance', parts('2025-08-25'), extra);
    expect(s).toMatchObject({ qualificationMet: true, state: 'eligibleToApply', validation: 'references' });
    expect(s.formerName).toBeUndefined();
  });

  test('2025-08-26: Data Security — 2,500 MAU, 6 × SC-401 and 4 people with a Purview Applied Skill; the old name is an alias', () => {
    const s = statusOf('Data Security', parts('2025-08-26'), extra);
    expect(s.formerName).toBe('Information Protection and Governance');
    expect(s.source).toEqual({ kind: 'reported', reportedOn: '2026-08-31' });
    expect(s.requirements.map((r) => [r.label, r.met, r.need])).toEqual([
      ['Solutions Partner for Security', true, 'enrolled'],
      [
        'Microsoft Purview Information Protection MAU growth',
        false,
        'Microsoft Purview Information Protection MAU growth ≥ 2,500',
      ],
      ['People with SC-401', true, '≥ 6'],
      ['People with one of three Microsoft Purview Applied Skills', false, '≥ 4'],
      ['Approved customer references', false, '3, valid 2 years'],
    ]);
    // Before the audit date, references still validate it.
    expect(s.validation).toBe('references');
  });

  test('I-9: Applied Skills the rules do not name are listed, not counted; named ones count once per person', () => {
    const skills = ['p-1', 'p-2', 'p-3', 'p-4', 'p-4'].map((personId, i) => ({
      personId,
      name: i === 4 ? 'Some Other Applied Skill' : 'Purview Skill A',
      earned: '2025-08-01',
    }));
    const unnamed = statusOf('Data Security', parts('2025-08-26'), { ...extra, appliedSkills: skills });
    const requirement = unnamed.requirements.find((r) => r.label.includes('Applied Skills'))!;
    expect(requirement).toMatchObject({
      met: false,
      have: '0',
      unconfirmed: true,
      notRecognized: ['Purview Skill A', 'Some Other Applied Skill'],
    });
    // With the names confirmed in the rule data, four people count (p-4 once); the other name is still listed.
    const base = security2026_08_31;
    const named: RuleSet = {
      ...base,
      effectiveFrom: '2025-08-26',
      specializations: {
        ...base.specializations,
        rules: base.specializations.rules.map((r) =>
          r.name !== 'Data Security'
            ? r
            : {
                ...r,
                knowledge: r.knowledge.map((k) =>
                  k.kind === 'appliedSkill'
                    ? ({
                        ...k,
                        names: ['Purview Skill A', 'Purview Skill B', 'Purview Skill C'],
                      } satisfies AppliedSkillRequirement)
                    : k,
                ),
              },
        ),
      },
    };
    const confirmed = statusOf(
      'Data Security',
      parts('2025-08-26'),
      { ...extra, appliedSkills: skills },
      named,
    );
    expect(confirmed.requirements.find((r) => r.label.includes('Applied Skills'))).toMatchObject({
      met: true,
      have: '4',
      notRecognized: ['Some Other Applied Skill'],
    });
    expect(
      confirmed.requirements.find((r) => r.label.includes('Applied Skills'))!.unconfirmed,
    ).toBeUndefined();
  });
});

describe('2026-07-30: an audit replaces customer references; holders get six more months (I-10)', () => {
  const held = {
    name: 'Identity and Access Management',
    firstAwarded: '2024-09-15',
    anniversary: '2026-09-15',
    customerReferencesApproved: 3,
    referencesApprovedOn: '2025-01-01',
  };
  const parts = (asOf: string) => ({ asOf, certifications: people('SC-300', 6, '2026-01-10') });
  const extra = (over: Partial<typeof held> & { audit?: unknown } = {}): Extra =>
    ({
      mau: [mau('2026-06', 'Microsoft Entra ID Premium', 2_000)],
      specializations: [{ ...held, ...over }],
    }) as Extra;

  test('2026-07-29: approved references validate it; the anniversary is as given, thresholds confirmed', () => {
    const s = statusOf('Identity and Access Management', parts('2026-07-29'), extra());
    expect(s.validation).toBe('references');
    expect(s.requirements.at(-1)).toMatchObject({ kind: 'references', met: true });
    expect(s).toMatchObject({ anniversary: '2026-09-15', yearsCountFrom: '2024-09-15' });
    expect(s.anniversaryMovedFrom).toBeUndefined();
    expect(s.unconfirmed).toBeUndefined();
  });

  test('2026-07-30: references no longer count (I-11), an audit is needed by the even anniversary, moved six months (I-10), thresholds unconfirmed (I-14)', () => {
    const s = statusOf('Identity and Access Management', parts('2026-07-30'), extra());
    expect(s.validation).toBe('audit');
    expect(s.requirements.map((r) => r.kind)).not.toContain('references');
    expect(s.requirements.at(-1)).toEqual({
      kind: 'audit',
      label: 'Third-party audit',
      met: false,
      have: 'no audit recorded',
      need: 'Pass, valid 2 years',
    });
    expect(s).toMatchObject({
      anniversary: '2027-03-15',
      anniversaryMovedFrom: '2026-09-15',
      yearsCountFrom: '2025-03-15',
      // 2027-03-15 is the 2nd anniversary counted from 2025-03-15: even, so the audit is checked there.
      audit: {
        deadline: '2027-03-15',
        outcome: 'none',
        gapReviewWithinDays: 15,
        moduleAStatusFrom: '2026-09',
      },
      // The seed's thresholds are kept but not confirmed by any source.
      unconfirmed: true,
    });
    expect(s.state).toBe('earned');
  });

  test('I-10: an anniversary already moved by Partner Center is used as given; an award after the audit date is not moved', () => {
    const moved = statusOf(
      'Identity and Access Management',
      parts('2026-11-22'),
      extra({ anniversary: '2027-03-15' }),
    );
    expect(moved).toMatchObject({ anniversary: '2027-03-15', yearsCountFrom: '2025-03-15' });
    expect(moved.anniversaryMovedFrom).toBeUndefined();
    const later = statusOf(
      'Identity and Access Management',
      parts('2026-11-22'),
      extra({ firstAwarded: '2026-08-10', anniversary: '2027-08-10' }),
    );
    expect(later).toMatchObject({ anniversary: '2027-08-10', yearsCountFrom: '2026-08-10' });
    expect(later.audit?.deadline).toBe('2028-08-10'); // the 1st anniversary is odd: the audit is checked at the 2nd
  });

  test('I-11: an audit: Pass valid on asOf → met; No Pass, expired or a gap review after 15 days → not met, saying why', () => {
    const at = (audit: object, asOf = '2026-11-22') =>
      statusOf('Identity and Access Management', parts(asOf), extra({ audit } as never)).requirements.at(-1)!;
    expect(at({ module: 'Module A', result: 'Pass', auditDate: '2026-09-01' })).toMatchObject({
      met: true,
      have: 'Pass 2026-09-01, valid until 2028-09-01',
    });
    expect(at({ module: 'Module A', result: 'No Pass', auditDate: '2026-09-01' })).toMatchObject({
      met: false,
      have: 'No Pass 2026-09-01',
    });
    // The 15th day after the audit is still inside the window; the 16th counts as No Pass.
    expect(
      at({ module: 'Module A', result: 'Pass', auditDate: '2026-09-01', gapReviewDate: '2026-09-16' }).met,
    ).toBe(true);
    expect(
      at({ module: 'Module A', result: 'Pass', auditDate: '2026-09-01', gapReviewDate: '2026-09-17' }),
    ).toMatchObject({
      met: false,
      have: 'gap review 2026-09-17 after 2026-09-16: counts as No Pass',
    });
    expect(
      at({ module: 'Module A', result: 'Pass', auditDate: '2026-09-01', validUntil: '2026-11-22' }),
    ).toMatchObject({ met: false, have: 'Pass 2026-09-01, expired 2026-11-22' });
  });
});

describe('2026-08-31: AZ-500 retires — I-13: Cloud Security counts SC-500, and AZ-500 earned by then until it expires', () => {
  const parts = (asOf: string) => ({
    asOf,
    azure: [azure('t1', '2026-07', 200_000)],
    certifications: [...people('AZ-500', 6, '2026-01-10'), ...people('SC-200', 4, '2026-01-10')],
  });
  const knowledge = (asOf: string) =>
    statusOf('Cloud Security', parts(asOf)).requirements.find((r) => r.kind === 'knowledge')!;

  test('2026-08-30: "AZ-500 or SC-500"', () => {
    expect(knowledge('2026-08-30')).toMatchObject({
      label: 'People with AZ-500 or SC-500',
      met: true,
      have: '6',
    });
  });

  test('2026-08-31 and after: SC-500, with the AZ-500 earned before its retirement still counted until it expires', () => {
    expect(knowledge('2026-08-31')).toMatchObject({
      label: 'People with SC-500 (or AZ-500 earned by 2026-08-31)',
      met: true,
      have: '6',
    });
    expect(knowledge('2027-01-09')).toMatchObject({ met: true, have: '6' });
    expect(knowledge('2027-01-10')).toMatchObject({ met: false, have: '0' }); // expired one year after earning
  });
});

describe('benefits are capped at three Security specializations (I-12)', () => {
  const four = (asOf: string) =>
    statuses(
      { asOf },
      {
        specializations: [
          { name: 'Threat Protection', firstAwarded: '2024-05-01' },
          { name: 'Cloud Security', firstAwarded: '2023-02-01' },
          { name: 'Identity and Access Management', firstAwarded: '2025-01-01' },
          { name: 'Data Security', firstAwarded: '2024-11-01' },
        ],
      },
    ).map((s) => [s.name, s.benefits]);

  test('2026-07-29: no cap', () => {
    expect(four('2026-07-29').map(([, benefits]) => benefits)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  test('2026-07-30: a partner holding four — the three awarded first get the benefits', () => {
    expect(four('2026-07-30')).toEqual([
      ['Threat Protection', 'included'],
      ['Data Security', 'included'],
      ['Cloud Security', 'included'],
      ['Identity and Access Management', 'beyondCap'],
    ]);
  });
});

describe('the dataset: audit and Applied Skills are optional, bounded and checked', () => {
  const base = (specializations: unknown[], appliedSkills?: unknown[]) => ({
    ...dataset(),
    specializations,
    ...(appliedSkills ? { appliedSkills } : {}),
  });
  const errors = (input: unknown) => {
    const r = validateDataset(input);
    return r.ok ? [] : r.errors.map((e) => [e.path, e.reason]);
  };

  test('an old dataset stays valid; a full audit and Applied Skills are accepted', () => {
    expect(errors(dataset())).toEqual([]);
    expect(
      errors(
        base(
          [
            {
              name: 'Cloud Security',
              audit: {
                module: 'Module A',
                result: 'Pass',
                auditDate: '2026-09-01',
                gapReviewDate: '2026-09-10',
                validUntil: '2028-09-01',
              },
            },
          ],
          [{ personId: 'p-1', personName: 'Ana', name: 'Purview Skill A', earned: '2026-05-01' }],
        ),
      ),
    ).toEqual([]);
  });

  test('each problem with its row and field', () => {
    expect(
      errors(
        base(
          [
            { name: 'A', audit: { module: 'Module A', result: 'Passed', auditDate: '2026-09-01' } },
            { name: 'B', audit: { module: 'Module A', result: 'Pass', auditDate: '2026-12-01' } },
            {
              name: 'C',
              audit: {
                module: 'Module A',
                result: 'Pass',
                auditDate: '2026-09-01',
                gapReviewDate: '2026-08-30',
                validUntil: '2026-09-01',
              },
            },
          ],
          [{ personId: 'p-1', name: 'x'.repeat(201), earned: '2026-05-01' }],
        ),
      ),
    ).toEqual([
      ['specializations[0].audit.result', 'must be "Pass" or "No Pass"'],
      ['appliedSkills[0].name', 'must be at most 200 characters'],
    ]);
    expect(
      errors(
        base([
          { name: 'B', audit: { module: 'Module A', result: 'Pass', auditDate: '2026-12-01' } },
          {
            name: 'C',
            audit: {
              module: 'Module A',
              result: 'Pass',
              auditDate: '2026-09-01',
              gapReviewDate: '2026-08-30',
              validUntil: '2026-09-01',
            },
          },
        ]),
      ),
    ).toEqual([
      [
        'specializations[0].audit.auditDate',
        '2026-12-01 is after asOf 2026-11-22: the data cannot hold a later event',
      ],
      ['specializations[1].audit.gapReviewDate', '2026-08-30 is before the audit date 2026-09-01'],
      ['specializations[1].audit.validUntil', '2026-09-01 is not after the audit date 2026-09-01'],
    ]);
  });
});

test('calendar: addMonths keeps the day (the six-month move)', () => {
  expect(addMonthsToDate('2026-09-15', 6)).toBe('2027-03-15');
});
