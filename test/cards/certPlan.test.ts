import { answer, cardActionFrom, questionFromIntent, VERBS } from '../../bot/conversation/answers';
import { recognize } from '../../bot/conversation/intents';
import { certPlanCard, certPlanModel } from '../../cards/certPlan';
import { detailCard, metricDetailModel } from '../../cards/detail';
import { gapsCardModel } from '../../cards/gaps';
import { TRACKS, toScoreResult, type PartnerDataset } from '../../scoring';
import { snapshotHead, type SnapshotHead } from '../../scoring/snapshot';
import { syntheticPartner } from '../fixtures/synthetic';
import { cert, certs, dataset, report } from '../scoring/builders';
import { demoSnapshot } from './fixtures';
import { cardProblems, verbsIn } from './validate';

const contoso = demoSnapshot('contoso-security').head;
const northwind = demoSnapshot('northwind-cyber').head;
const headOf = (data: PartnerDataset): SnapshotHead => snapshotHead(toScoreResult(report(data)), 1);
const EARNED = '2026-06-01';

describe('certification plan card', () => {
  const heads: [string, SnapshotHead][] = [
    ['contoso', contoso],
    ['northwind', northwind],
    // 100 people: many renewals, most of them covered by others.
    ['synthetic', headOf(syntheticPartner({ scale: 0.05, seed: 7 }))],
    ['no plan stored', { ...northwind, certificationPlan: undefined }],
  ];
  const cards = heads.flatMap(([name, head]) =>
    TRACKS.map((track) => [`${name} ${track}`, certPlanCard(head, track)] as const),
  );

  test.each(cards)(
    '%s: valid Adaptive Card 1.5, fully bound, under 28 KB, every verb handled',
    (_name, card) => {
      expect(cardProblems(card)).toEqual([]);
      for (const verb of verbsIn(card)) expect(Object.keys(VERBS)).toContain(verb);
    },
  );

  test('Northwind, Enterprise: the people, the exams, the points each adds and the running total against 70; the renewal with the points it protects', () => {
    const model = certPlanModel(northwind, 'enterprise');
    expect(model.title).toBe('Who should take which exam — Enterprise path');
    expect(model.subtitle).toContain('today 64.67 points, intermediate certifications 26.67 / 40');
    expect(model.summary).toBe('2 exams → +13.33 points, 78 in all (qualifies after step 1)');
    expect(model.steps).toEqual([
      {
        number: '1.',
        who: 'Tomás Ortega passes SC-100, SC-300 or SC-401 (step 3)',
        note: 'SMB +0 → 49.33',
        added: '+6.67',
        running: '71.33 / 70 ✓',
        runningColor: 'Good',
      },
      {
        number: '2.',
        who: 'Elena Petrova passes SC-100, SC-300 or SC-401 (step 3)',
        note: 'SMB +0 → 49.33',
        added: '+6.67',
        running: '78 / 70 ✓',
        runningColor: 'Good',
      },
    ]);
    expect(model.renewalsHeading).toBe(
      'Renew before they lapse — certifications that stop counting within 90 days (by 2027-02-20)',
    );
    expect(model.renewals).toEqual([
      {
        text: 'Sofia Lindqvist: SC-200 (step 2) ends 2027-01-12, in 51 days — renew it (SMB: 0)',
        protects: 'protects 6.67',
        color: 'Warning',
      },
    ]);
    expect(model.notes).toEqual([
      { text: 'If none is renewed: Enterprise −6.67, SMB 0.', color: 'Attention' },
    ]);
    expect(verbsIn(model.actions)).toEqual(['certPlan', 'gaps', 'score']);
  });

  test('Contoso, Enterprise: one exam completes step 1 and unlocks the step-3 holders; SMB is at its maximum after one exam', () => {
    const model = certPlanModel(contoso, 'enterprise');
    expect(model.steps[0]).toMatchObject({
      who: 'Chen Wei passes SC-500 (step 1)',
      note: 'completes step 1 · SMB +0 → 82',
      added: '+20',
      running: '43.33 / 70',
      runningColor: 'Default',
    });
    expect(model.steps.map((s) => s.who)).toContain(
      'Dana Levi passes SC-500 (step 1), then SC-100, SC-300 or SC-401 (step 3)',
    );
    expect(model.summary).toBe(
      '6 exams → +40 points, 63.33 in all (not qualified yet: other metrics are needed too)',
    );
    expect(model.summaryColor).toBe('Attention');
    expect(certPlanModel(contoso, 'smb').summary).toBe(
      '1 exam → +8 points, 90 in all (the path already qualifies)',
    );
  });

  test('two people completing Enterprise step 2 share a line; a retired exam is replaced; a missing plan says when it comes', () => {
    const head = headOf({
      ...dataset({
        certifications: [
          ...certs('a', ['AZ-500', 'SC-100'], '2026-03-01'),
          ...certs('b', ['SC-500', 'SC-300'], EARNED),
          cert('c', 'SC-401', EARNED),
        ],
      }),
      designation: { enrolled: true, anniversary: '2027-03-15' },
    });
    const model = certPlanModel(head, 'enterprise');
    expect(model.steps[0]).toMatchObject({
      // c holds only SC-401: passing SC-200 both completes step 2 and makes c count for step 3.
      who: 'c and New person 1 pass SC-200 (step 2)',
      note: 'completes step 2 · SMB +28 → 32',
      added: '+20',
    });
    expect(model.renewalsHeading).toContain('before the designation anniversary (by 2027-03-15)');
    expect(model.renewals.map((r) => r.text)).toEqual([
      'a: AZ-500 (step 1) ends 2027-03-01, in 99 days — AZ-500 is retired: pass SC-500 instead (SMB: 0)',
      'a: SC-100 (step 3) ends 2027-03-01, in 99 days — renew it (SMB: 0)',
    ]);
    expect(certPlanModel({ ...head, certificationPlan: undefined }, 'smb')).toMatchObject({
      summary: 'The certification plan comes with the next data import.',
      steps: [],
      renewals: [],
    });
  });

  test('many renewals: the ones that protect points first, the rest counted, and whether they cover for each other', () => {
    const head = heads[2]![1];
    const plan = head.certificationPlan!;
    const model = certPlanModel(head, head.headline);
    expect(plan.renewalCount).toBeGreaterThan(model.renewals.length);
    expect(model.renewals.length).toBe(8);
    expect(model.notes[0]!.text).toMatch(/^\d+ more certifications end by \d{4}-\d{2}-\d{2}/);
  });

  test('the skilling rows of the gaps and detail cards link to it', () => {
    const gaps = gapsCardModel(northwind, 'enterprise');
    const skilling = gaps.metrics.find((m) => m.label === 'Intermediate certifications')!;
    expect(verbsIn(skilling.actions)).toEqual(['metric', 'certPlan']);
    expect(verbsIn(gaps.metrics.find((m) => m.label === 'Deployments')!.actions)).toEqual(['metric']);
    const detail = detailCard(metricDetailModel(northwind, 'smb', 'intermediateCertifications'));
    expect(verbsIn(detail)).toContain('certPlan');
  });
});

describe('the question and the click', () => {
  test.each([
    ['who should take which exam?', undefined],
    ['certification plan for SMB', 'smb'],
    ['which exams should we take on Enterprise?', 'enterprise'],
    ['who should get certified?', undefined],
  ])('"%s" → the certification plan card', async (text, path) => {
    const question = questionFromIntent(recognize(text));
    expect(question).toEqual({ kind: 'certPlan', ...(path ? { path } : {}) });
    const source = { current: jest.fn(), findCustomers: jest.fn(), allCustomers: jest.fn() };
    const card = await answer(
      question!,
      { partnerId: '4012345', name: 'Northwind' },
      { versionId: 'v1', head: northwind },
      source,
      '2026-11-22',
    );
    expect(JSON.stringify(card)).toContain(
      `Who should take which exam — ${path === 'smb' ? 'SMB' : 'Enterprise'} path`,
    );
  });

  test('the certPlan verb takes an optional path and refuses anything else', () => {
    expect(cardActionFrom('certPlan', { path: 'smb' })).toEqual({
      kind: 'question',
      question: { kind: 'certPlan', path: 'smb' },
    });
    expect(() => cardActionFrom('certPlan', { path: 'everything' })).toThrow(
      'invalid data for action "certPlan"',
    );
  });
});
