import fc from 'fast-check';
import {
  applyAttributionFixes,
  attributionFix,
  attributionWhy,
  findAttribution,
  type AttributionFinding,
} from '../../scoring/attribution';
import { certificationStatus, peopleOn } from '../../scoring/certifications';
import { round2 } from '../../scoring/points';
import { ruleSetFor } from '../../scoring/rules';
import { TRACKS, type PartnerDataset, type Track } from '../../scoring';
import { datasetArbitrary } from './arbitraries';
import {
  AS_OF,
  azureEach,
  cert,
  certs,
  CURRENT_TTM,
  dataset,
  m365,
  PREVIOUS_TTM,
  report,
  validate,
} from './builders';

const rules = ruleSetFor(AS_OF);

/** Each path's exact total, re-scored from the document. */
function totals(doc: PartnerDataset): Record<Track, number> {
  const r = report(doc);
  return { enterprise: round2(r.paths.enterprise.total), smb: round2(r.paths.smb.total) };
}

function exactGain(before: PartnerDataset, after: PartnerDataset): Record<Track, number> {
  const a = report(before);
  const b = report(after);
  return {
    enterprise: round2(b.paths.enterprise.total.sub(a.paths.enterprise.total)),
    smb: round2(b.paths.smb.total.sub(a.paths.smb.total)),
  };
}

function fixOf(f: AttributionFinding) {
  return f.kind === 'certification'
    ? ({ kind: 'certification', personId: f.id } as const)
    : ({ kind: f.kind, tenantId: f.id } as const);
}

/** Some customers that count, so that a fix moves points without reaching a cap. */
const baseline = [
  ...azureEach('pal-1', CURRENT_TTM, 100),
  ...azureEach('pal-2', PREVIOUS_TTM, 100),
  ...azureEach('pal-2', CURRENT_TTM, 100),
];

describe('attribution finder', () => {
  test('a DPOR Azure customer: the PAL fix adds exactly the re-scored points', () => {
    const doc = dataset({
      azure: [...baseline, ...azureEach('dpor-1', CURRENT_TTM, 1500, { association: 'DPOR' })],
    });
    const found = findAttribution(report(doc));
    expect(found.findings).toHaveLength(1);
    const f = found.findings[0]!;
    expect(f).toMatchObject({
      kind: 'azure',
      id: 'dpor-1',
      reason: 'dpor',
      found: ['DPOR'],
      rows: 12,
      usd: 18000,
    });
    expect(attributionFix(f, '4012345')).toContain('az managementpartner create --partner-id 4012345');
    const fixed = applyAttributionFixes(doc, [fixOf(f)], rules);
    expect(fixed.azureConsumption.filter((r) => r.association === 'PAL')).toHaveLength(baseline.length + 12);
    const gain = exactGain(doc, fixed);
    expect(gain.enterprise).toBeGreaterThan(0);
    expect(f.gain).toEqual(gain);
    expect(f.totalAfter).toEqual(totals(fixed));
    expect(found.allFixed.gain).toEqual(gain);
    expect(found.withPoints).toBe(1);
  });

  test('Microsoft 365 licences with an unknown association ("None", what an empty cell becomes): claim CPOR', () => {
    const doc = dataset({
      azure: baseline,
      m365: CURRENT_TTM.map((month) => m365('m-1', month, 400, 200, { association: 'None' })),
    });
    const f = findAttribution(report(doc)).findings[0]!;
    expect(f).toMatchObject({ kind: 'm365', id: 'm-1', reason: 'unknownAssociation', workloads: ['Intune'] });
    expect(attributionWhy(f)).toContain('"None"');
    expect(attributionFix(f, '4012345')).toContain('Claim CPOR for Intune');
    expect(f.gain).toEqual(exactGain(doc, applyAttributionFixes(doc, [fixOf(f)], rules)));
    expect(f.gain.enterprise).toBeGreaterThan(0);
  });

  test('an empty association is refused by the schema (the readers write what the cell said)', () => {
    const doc = dataset({ m365: [m365('m-1', CURRENT_TTM[0]!, 10, 5, { association: ' ' })] });
    expect(() => validate(doc)).toThrow('m365Licenses[0].association');
  });

  test('a month and workload that already has a CPOR row is not claimed again (no double count)', () => {
    const month = CURRENT_TTM[11]!;
    const doc = dataset({
      m365: [m365('m-1', month, 400, 200), m365('m-1', month, 400, 200, { association: 'DPOR' })],
    });
    expect(findAttribution(report(doc)).findings).toEqual([]);
  });

  test('an unassociated SC-200 holder completes step 2 (Enterprise): the fix is the Learn association', () => {
    const doc = dataset({
      azure: baseline,
      certifications: [
        ...certs('a', ['AZ-500', 'SC-200'], '2026-06-01'),
        cert('b', 'SC-500', '2026-06-01'),
        ...certs('c', ['SC-500', 'SC-100'], '2026-06-01'),
        { ...cert('d', 'SC-200', '2026-06-01'), personName: 'Dana ${name}', associated: false },
      ],
    });
    const r = report(doc);
    expect(r.paths.enterprise.metrics.intermediateCertifications.points.valueOf()).toBe(0);
    const f = findAttribution(r).findings[0]!;
    expect(f).toMatchObject({ kind: 'certification', id: 'd', name: 'Dana ${name}', found: ['SC-200'] });
    expect(attributionWhy(f)).toContain('not associated');
    expect(attributionFix(f, '4012345')).toContain('Associate Microsoft Learning account');
    const fixed = applyAttributionFixes(doc, [fixOf(f)], rules);
    expect(fixed.certifications.some((c) => c.associated === false)).toBe(false);
    const gain = exactGain(doc, fixed);
    expect(gain.enterprise).toBeGreaterThan(0);
    expect(f.gain).toEqual(gain);
  });

  test('findings that add 0 points are reported as such, after those with points', () => {
    const doc = dataset({
      azure: [
        ...baseline,
        ...azureEach('dpor-1', CURRENT_TTM, 1500, { association: 'DPOR' }),
        // Spent in both windows the same way: no net add, no deployment change, no growth.
        ...azureEach('flat', PREVIOUS_TTM, 1, { association: 'CPOR' }),
        ...azureEach('flat', CURRENT_TTM, 1, { association: 'CPOR' }),
      ],
    });
    // Not an eligible service anyway: not a finding at all.
    doc.azureConsumption.push(
      ...azureEach('vm', CURRENT_TTM, 5000, { association: 'DPOR', service: 'Virtual Machines' }),
    );
    const found = findAttribution(report(doc));
    expect(found.findings.map((f) => f.id)).toEqual(['dpor-1', 'flat']);
    expect(found.findings[1]!.gain).toEqual({ enterprise: 0, smb: 0 });
    expect(found.findings[1]!.reason).toBe('cporOnAzure');
    expect(found.findingCount).toBe(2);
    expect(found.withPoints).toBe(1);
  });

  test('nothing to fix: no findings, all-fixed equals today', () => {
    const found = findAttribution(report(dataset({ azure: baseline })));
    expect(found.findings).toEqual([]);
    expect(found.allFixed.gain).toEqual({ enterprise: 0, smb: 0 });
    expect(found.allFixed.paths).toEqual(found.today);
  });

  test('property: applying each reported fix, and all of them, re-scores to exactly the promised points', () => {
    const withUnassociated = fc
      .tuple(datasetArbitrary, fc.array(fc.boolean(), { maxLength: 14 }), fc.boolean())
      .map(([doc, flags, unknown]) => ({
        ...doc,
        azureConsumption: doc.azureConsumption.map((row, i) =>
          unknown && i % 5 === 0 ? { ...row, association: 'Unassociated' } : row,
        ),
        certifications: doc.certifications.map((row, i) => (flags[i] ? { ...row, associated: false } : row)),
      }));
    fc.assert(
      fc.property(withUnassociated, (doc) => {
        const found = findAttribution(report(doc), Infinity);
        expect(found.findings).toHaveLength(found.findingCount);
        for (const f of found.findings) {
          const fixed = applyAttributionFixes(doc, [fixOf(f)], rules);
          expect(f.totalAfter).toEqual(totals(fixed));
          expect(f.gain).toEqual(exactGain(doc, fixed));
        }
        const all = applyAttributionFixes(doc, found.findings.map(fixOf), rules);
        const after = totals(all);
        for (const track of TRACKS) expect(found.allFixed.paths[track].total).toBe(after[track]);
        expect(found.allFixed.gain).toEqual(exactGain(doc, all));
        // Once everything is fixed there is nothing left that would add points.
        expect(findAttribution(report(all), Infinity).withPoints).toBe(0);
      }),
      { numRuns: 60 },
    );
  });
});

describe('certifications not associated with the partner (dataset field `associated`)', () => {
  test('the schema takes a boolean and refuses anything else, naming the row', () => {
    expect(() =>
      validate(dataset({ certifications: [{ ...cert('p', 'SC-200', '2026-06-01'), associated: false }] })),
    ).not.toThrow();
    expect(() =>
      validate(
        dataset({
          certifications: [{ ...cert('p', 'SC-200', '2026-06-01'), associated: 'no' as unknown as boolean }],
        }),
      ),
    ).toThrow('certifications[0].associated');
  });

  test('associated: false does not count and says why; true or absent counts', () => {
    const row = cert('p', 'SC-200', '2026-06-01');
    const rule = rules.certifications.find((c) => c.exam === 'SC-200');
    expect(certificationStatus({ ...row, associated: false }, rule, rules, AS_OF).state).toBe(
      'notAssociated',
    );
    expect(certificationStatus({ ...row, associated: true }, rule, rules, AS_OF).state).toBe('valid');
    expect(certificationStatus(row, rule, rules, AS_OF).state).toBe('valid');
    // An expired one stays expired: association would not make it count.
    expect(
      certificationStatus({ ...cert('p', 'SC-200', '2025-01-01'), associated: false }, rule, rules, AS_OF)
        .state,
    ).toBe('expired');
    const [person] = peopleOn([{ ...row, associated: false }], rules, AS_OF);
    expect([...person!.steps]).toEqual([]);
    const r = report(dataset({ certifications: [{ ...row, associated: false }] }));
    expect(r.paths.smb.metrics.intermediateCertifications.points.valueOf()).toBe(0);
  });
});
