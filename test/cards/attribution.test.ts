import { VERBS } from '../../bot/conversation/answers';
import { attributionCard, attributionCardModel } from '../../cards/attribution';
import { scoreCard, scoreCardModel } from '../../cards/score';
import { toScoreResult, type PartnerDataset } from '../../scoring';
import { findAttribution } from '../../scoring/attribution';
import { snapshotHead, type SnapshotHead } from '../../scoring/snapshot';
import { syntheticPartner } from '../fixtures/synthetic';
import { azureEach, cert, CURRENT_TTM, dataset, m365, PREVIOUS_TTM, report } from '../scoring/builders';
import { cardProblems, verbsIn } from './validate';

/** The head as the import stores it: with the attribution finder's report. */
function headOf(data: PartnerDataset): SnapshotHead {
  const r = report(data);
  return { ...snapshotHead(toScoreResult(r), 1), attribution: findAttribution(r) };
}

const HOSTILE = 'Fabrikam ${customer.name}';
const baseline = [
  ...azureEach('pal-1', CURRENT_TTM, 100),
  ...azureEach('pal-2', PREVIOUS_TTM, 100),
  ...azureEach('pal-2', CURRENT_TTM, 100),
];
const withFindings = dataset({
  azure: [
    ...baseline,
    ...azureEach('dpor-1', CURRENT_TTM, 1500, { association: 'DPOR', customerName: HOSTILE }),
  ],
  m365: [m365('m-1', CURRENT_TTM[11]!, 400, 200, { association: 'None' })],
  certifications: [{ ...cert('d', 'SC-200', '2026-06-01'), personName: 'Dana', associated: false }],
});
const worthNothing = dataset({
  azure: [
    ...baseline,
    ...azureEach('flat', PREVIOUS_TTM, 1, { association: 'CPOR' }),
    ...azureEach('flat', CURRENT_TTM, 1, { association: 'CPOR' }),
  ],
});
const clean = dataset({ azure: baseline });

describe('attribution card', () => {
  const heads: [string, SnapshotHead][] = [
    ['findings', headOf(withFindings)],
    ['0-point finding', headOf(worthNothing)],
    ['nothing found', headOf(clean)],
    ['imported before the finder', snapshotHead(toScoreResult(report(clean)), 1)],
    // Many findings: the top 20 with long names and fixes.
    ['synthetic', headOf(syntheticPartner({ scale: 0.05, seed: 7 }))],
  ];

  test.each(heads)(
    '%s: valid Adaptive Card 1.5, fully bound, under 28 KB, every verb handled',
    (_n, head) => {
      const card = attributionCard(head);
      // The findings' customer name puts `${` into the card on purpose (render() throws on an unbound field).
      expect(
        cardProblems(card).filter((p) => p !== 'leftover ${…}' || !JSON.stringify(card).includes(HOSTILE)),
      ).toEqual([]);
      for (const verb of verbsIn(card)) expect(Object.keys(VERBS)).toContain(verb);
    },
  );

  test('each finding: what it is, the points on both paths (headline first), why it does not count, the fix; names are text', () => {
    const head = headOf(withFindings);
    const model = attributionCardModel(head);
    const a = head.attribution!;
    expect(model.findings).toHaveLength(a.findingCount);
    const azure = model.findings.find((f) => f.heading.startsWith(HOSTILE))!;
    expect(azure.heading).toBe(`${HOSTILE} — Azure usage ($18,000.00 in 12 rows)`);
    const finding = a.findings.find((f) => f.kind === 'azure')!;
    const other = a.headline === 'enterprise' ? 'SMB' : 'Enterprise';
    expect(azure.gain).toMatch(new RegExp(`^(Enterprise|SMB) \\+[\\d.]+ · ${other} [+−][\\d.]+$`));
    expect(finding.gain[a.headline]).toBeGreaterThan(0);
    expect(azure.why).toBe(
      'Not counted: DPOR (partner of record) does not count for Azure: only PAL and CSP Tier 1/2 do.',
    );
    expect(azure.fix).toContain(`PAL on ${HOSTILE}'s subscriptions`);
    expect(model.findings.some((f) => f.fix.includes('Submit claim'))).toBe(true);
    expect(model.findings.some((f) => f.fix.includes('Associate Microsoft Learning account'))).toBe(true);
    // The hostile name reaches the card as written, not bound as a template field.
    expect(JSON.stringify(attributionCard(head))).toContain(HOSTILE);
    expect(model.summary[0]!.text).toMatch(/^3 findings, \d worth points\. Fixing them all: /);
  });

  test('nothing found says so, and where the association data came from', () => {
    const model = attributionCardModel(headOf(clean));
    expect(model.findings).toEqual([]);
    expect(model.summary.map((l) => l.text)).toEqual([
      'Nothing found: every Azure row in the data has PAL or CSP, every Microsoft 365 row has CPOR or CSP, and every certification is associated with the partner.',
    ]);
    expect(model.note).toContain('from the Partner Center downloads');
  });

  test('a finding that adds 0 points is listed as +0 and the summary says none adds points today', () => {
    const model = attributionCardModel(headOf(worthNothing));
    expect(model.findings.map((f) => f.gain)).toEqual(['SMB +0 · Enterprise +0']);
    expect(model.summary[1]!.text).toMatch(/^None adds points today/);
  });

  test('a head stored before the finder: import again', () => {
    const model = attributionCardModel(snapshotHead(toScoreResult(report(clean)), 1));
    expect(model.summary[0]!.text).toContain('import the data again');
  });
});

describe('score card: the attribution line, only when it is worth points', () => {
  test('worth points: the line with the gain per path, and a button to the card', () => {
    const head = headOf(withFindings);
    const model = scoreCardModel(head);
    expect(model.credit).toHaveLength(1);
    expect(model.credit[0]!.text).toMatch(
      /^💡 Not getting credit: fixing \d associations? \(PAL, CPOR, Learn profiles\) would add /,
    );
    expect(verbsIn(scoreCard(head))).toContain('attribution');
    expect(cardProblems(scoreCard(head))).toEqual([]);
    // The line follows the re-scored total gain, path by path.
    for (const [track, label] of [
      ['enterprise', 'Enterprise'],
      ['smb', 'SMB'],
    ] as const) {
      const gain = head.attribution!.allFixed.gain[track];
      if (gain > 0) expect(model.credit[0]!.text).toContain(`${label} +${gain}`);
      else expect(model.credit[0]!.text).not.toContain(label);
    }
  });

  test.each([
    ['0-point findings', headOf(worthNothing)],
    ['nothing found', headOf(clean)],
    ['imported before the finder', snapshotHead(toScoreResult(report(clean)), 1)],
  ])('%s: no line, no button', (_n, head) => {
    expect(scoreCardModel(head).credit).toEqual([]);
    expect(verbsIn(scoreCard(head))).not.toContain('attribution');
  });
});
