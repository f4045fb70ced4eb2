import { requirementsCard, specializationsModel, renewalsModel } from '../../cards/renewals';
import { scorePartner, toScoreResult, type PartnerDataset } from '../../scoring';
import { snapshotHead, type SnapshotHead } from '../../scoring/snapshot';
import { cert, dataset, validate } from '../scoring/builders';
import { cardProblems } from './validate';

/** The specializations and renewals cards follow the rules in force on the data's date (issue 14). */

function head(asOf: string, extra: Partial<PartnerDataset> = {}): SnapshotHead {
  const data = validate({
    ...dataset({ asOf, certifications: [cert('p-1', 'SC-200', '2026-01-10')] }),
    designation: { enrolled: true },
    specializations: [
      {
        name: 'Threat Protection',
        firstAwarded: '2024-09-15',
        anniversary: '2026-09-15',
        customerReferencesApproved: 3,
        referencesApprovedOn: '2025-01-01',
      },
    ],
    ...extra,
  });
  return snapshotHead(toScoreResult(scorePartner(data)), 1);
}

describe('specializations card on both sides of 2026-07-30', () => {
  test('2026-07-29: customer references, the anniversary as given, no "confirm" note', () => {
    const model = specializationsModel(head('2026-07-29'));
    const tp = model.sections[0]!;
    expect(tp.heading).toBe('Threat Protection — earned · anniversary 2026-09-15');
    expect(tp.rows.at(-1)).toEqual({
      label: 'Approved customer references',
      figures: 'have 3, approved 2025-01-01 · need 3, valid 2 years',
      status: 'Met',
      statusColor: 'Good',
    });
    expect(JSON.stringify(tp)).not.toMatch(/audit|confirm in Partner Center/i);
    expect(tp.notes).toEqual([{ text: "Rules: Microsoft's program guide" }]);
  });

  test('2026-07-30: audit readiness — what it needs, its deadline, the gap-review window, the moved anniversary, Module A', () => {
    const model = specializationsModel(head('2026-07-30'));
    const tp = model.sections[0]!;
    expect(tp.heading).toBe('Threat Protection — earned · anniversary 2027-03-15');
    expect(tp.rows.at(-1)).toEqual({
      label: 'Third-party audit',
      figures: 'have no audit recorded · need Pass, valid 2 years',
      status: 'Not met',
      statusColor: 'Attention',
    });
    expect(tp.rows.find((r) => r.label.startsWith('People with SC-200'))?.label).toBe(
      'People with SC-200 (confirm in Partner Center)',
    );
    expect(tp.notes.map((n) => n.text)).toEqual([
      'Anniversary moved six months for holders on 2026-07-30: 2026-09-15 → 2027-03-15.',
      'Audit deadline: a pass valid on 2027-03-15, the renewal that checks it.',
      'The thresholds since 2026-07-30 are not public: the earlier figures are shown — confirm in Partner Center.',
    ]);
    // What every specialization says alike is said once, at the end.
    const shared = model.sections.at(-1)!;
    expect(shared.heading).toBe('For every Security specialization');
    expect(shared.notes.map((n) => n.text)).toEqual([
      'Validated by a third-party audit since 2026-07-30, paid by the partner: Pass or No Pass, a pass is valid 2 years. Customer references no longer count.',
      'A gap-review meeting must be held within 15 days of the audit, or the audit counts as No Pass.',
      'Partner Center shows the Module A status from September 2026. The checklist is refreshed each January and July: the audit uses the one in force on its date.',
      "Rules: changes reported on 2026-08-31, not yet checked against Microsoft's page",
    ]);
    expect(cardProblems(requirementsCard(model))).toEqual([]);
  });

  test('I-12: a partner holding four is told which three get the benefits', () => {
    const four = head('2026-11-22', {
      specializations: [
        { name: 'Threat Protection', firstAwarded: '2024-05-01' },
        { name: 'Cloud Security', firstAwarded: '2023-02-01' },
        { name: 'Identity and Access Management', firstAwarded: '2025-01-01' },
        { name: 'Information Protection and Governance', firstAwarded: '2024-11-01' },
      ],
    });
    const model = specializationsModel(four);
    expect(model.sections[0]).toEqual({
      heading: 'Benefits — 4 specializations held, benefits for 3',
      status: 'Capped',
      statusColor: 'Warning',
      rows: [],
      notes: [
        { text: 'Benefits go to: Threat Protection, Data Security, Cloud Security (the first awarded).' },
        { text: 'Held without benefits: Identity and Access Management.' },
      ],
    });
    expect(model.sections.find((s) => s.heading.startsWith('Identity'))!.notes.map((n) => n.text)).toContain(
      'No program benefits: they go to three Security specializations, the first three awarded.',
    );
    expect(model.sections.find((s) => s.heading.startsWith('Data Security'))!.notes[0]!.text).toBe(
      'Named Information Protection and Governance in the data (renamed Data Security).',
    );
    expect(cardProblems(requirementsCard(model))).toEqual([]);
  });
});

describe('renewals card: what the anniversary must show under the rules in force on it', () => {
  test('an even anniversary before 2026-07-30 asks for references; the moved one after it for an audit', () => {
    const before = renewalsModel(
      head('2026-06-01', {
        specializations: [
          { name: 'Threat Protection', firstAwarded: '2024-07-01', anniversary: '2026-07-01' },
        ],
      }),
      '2026-06-01',
    );
    expect(before.sections[0]!.notes[1]!.text).toBe(
      'Must show (year 2, even): the qualification requirements and approved customer references (valid two years).',
    );
    const after = renewalsModel(head('2026-07-30'), '2026-12-01');
    expect(after.sections[0]!.notes.map((n) => n.text)).toEqual(
      expect.arrayContaining([
        'Must show (year 2, even): the qualification requirements and a passed third-party audit (valid two years, gap review within 15 days of it).',
        'Anniversary moved six months for holders on 2026-07-30 (was 2026-09-15).',
        'Audit deadline: a pass valid on 2027-03-15.',
      ]),
    );
    expect(after.sections[0]!.rows.at(-1)).toMatchObject({ label: 'Third-party audit', status: 'Not met' });
  });

  test('no anniversary in the data: one plain section, a valid card', () => {
    const none = renewalsModel(head('2026-11-22', { specializations: [] }), '2026-12-01');
    expect(none.sections).toEqual([
      {
        heading: 'No anniversaries',
        status: '—',
        statusColor: 'Default',
        rows: [],
        notes: [{ text: 'The partner data gives no designation or specialization anniversary.' }],
      },
    ]);
    expect(cardProblems(requirementsCard(none))).toEqual([]);
  });
});
