/**
 * The certification planner (scoring/certificationPlanner.ts): who should take which exam, and which
 * certifications to renew. Every promised figure is checked by applying the plan to the data
 * (whatIf.applyActions) or removing the certifications, and scoring again.
 */
import fc from 'fast-check';
import type { PartnerDataset } from '../../scoring';
import { pathCertificationPlan, type PlanStep } from '../../scoring/certificationPlanner';
import { certificationLookup, certificationStatus, type Person } from '../../scoring/certifications';
import { normalizeName } from '../../scoring/dataset';
import type { Paths } from '../../scoring/evaluate';
import { intermediateCertifications, skillingPoints } from '../../scoring/metrics/intermediateCertifications';
import { ZERO } from '../../scoring/points';
import { security2026_05 as rules } from '../../scoring/rules/security-2026-05';
import { TRACKS, type SkillingStep, type Track } from '../../scoring/rules/types';
import { applyActions } from '../../scoring/whatIf';
import { datasetArbitrary } from './arbitraries';
import { cert, certs, dataset, pulledOn, report } from './builders';

const EARNED = '2026-06-01';
const lookup = certificationLookup(rules);

/** "Tomás Ortega: SC-100|SC-300|SC-401 (3)" for each assignment of a plan step. */
const who = (step: PlanStep): string[] =>
  step.assignments.map(
    (a) => `${a.name}: ${a.exams.map((e) => `${e.exams.join('|')} (${e.step})`).join(' + ')}`,
  );

describe('who should take which exam', () => {
  test('Enterprise: the two people needed to complete step 2 first (unlocking the step-3 holders), then one step-3 exam per point', () => {
    // Seed example 3's data: step 1 complete, two step-3 holders, nobody with SC-200.
    const r = report({
      certifications: [
        ...certs('a', ['AZ-500', 'SC-100'], EARNED),
        ...certs('b', ['SC-500', 'SC-300'], EARNED),
      ],
    });
    const plan = r.certificationPlan.paths.enterprise;
    expect(plan.steps.map(who)).toEqual([
      ['New person 1: SC-200 (2)', 'New person 2: SC-200 (2)'],
      ['New person 1: SC-100|SC-300|SC-401 (3)'],
      ['New person 2: SC-100|SC-300|SC-401 (3)'],
      ['New person 3: SC-500 (1) + SC-100|SC-300|SC-401 (3)'],
      ['New person 4: SC-200 (2) + SC-100|SC-300|SC-401 (3)'],
    ]);
    expect(plan.steps[0]!.completes).toEqual([2]);
    expect(plan.steps.map((s) => s.added.enterprise.toFraction())).toEqual([
      '40/3',
      '20/3',
      '20/3',
      '20/3',
      '20/3',
    ]);
    expect(plan.steps.map((s) => s.skilling.enterprise.toFraction())).toEqual([
      '40/3',
      '20',
      '80/3',
      '100/3',
      '40',
    ]);
    // The same exams on SMB: step 2 (+4) unlocks both step-3 holders (+16), then +8 per new holder up to 40.
    expect(plan.steps.map((s) => s.added.smb.toFraction())).toEqual(['20', '8', '8', '0', '0']);
    expect(plan.exams).toBe(8);
  });

  test('Enterprise: step-3 exams go to people who already hold step 1 or 2, then a step-3 holder takes the missing step, then new people', () => {
    const r = report({
      certifications: [
        ...certs('a', ['AZ-500', 'SC-200', 'SC-100'], EARNED),
        ...certs('b', ['SC-500', 'SC-200'], EARNED),
        cert('c', 'SC-200', EARNED),
        cert('x', 'SC-300', EARNED),
      ],
    });
    const plan = r.certificationPlan.paths.enterprise;
    expect(plan.steps.map(who)).toEqual([
      ['b: SC-100|SC-300|SC-401 (3)'],
      ['c: SC-100|SC-300|SC-401 (3)'],
      ['x: SC-500 (1)'],
      ['New person 1: SC-500 (1) + SC-100|SC-300|SC-401 (3)'],
      ['New person 2: SC-200 (2) + SC-100|SC-300|SC-401 (3)'],
    ]);
    expect(plan.steps.map((s) => s.totals.enterprise.toFraction())).toEqual([
      '40/3',
      '20',
      '80/3',
      '100/3',
      '40',
    ]);
  });

  test('SMB: steps 1 and 2 earn 4 each, then 8 per step-3 holder up to 40; nothing once at the maximum', () => {
    const r = report({ certifications: [cert('a', 'SC-100', EARNED)] });
    const plan = r.certificationPlan.paths.smb;
    expect(plan.steps.map((s) => s.added.smb.toFraction())).toEqual(['4', '12', '8', '8', '8']);
    expect(plan.steps.at(-1)!.skilling.smb.toFraction()).toBe('40');
    const full = report({
      certifications: ['a', 'b', 'c', 'd'].flatMap((p) => certs(p, ['SC-500', 'SC-200', 'SC-401'], EARNED)),
    });
    expect(full.certificationPlan.paths.smb.steps).toEqual([]);
  });

  test('exams that count on the date: AZ-500 until its retirement on 2026-08-31, then SC-500 only; never SC-400', () => {
    const exams = (asOf: string): string[][] =>
      report({ asOf, certifications: [] })
        .certificationPlan.paths.enterprise.steps.flatMap((s) => s.actions)
        .map((a) => [...a.exams]);
    expect(exams('2026-05-15')).toContainEqual(['AZ-500', 'SC-500']);
    expect(exams('2026-11-22')).toContainEqual(['SC-500']);
    expect(exams('2026-11-22').flat()).not.toContain('AZ-500');
    expect(exams('2026-11-22').flat()).not.toContain('SC-400');
  });
});

describe('renewals', () => {
  test('certifications ending within 90 days, each with the points it protects, and what is lost if none is renewed', () => {
    // asOf 2026-11-22: a's SC-200 (earned 2026-01-10) ends 2027-01-10; a holds SC-401 too.
    const r = report({
      certifications: [
        ...certs('a', ['SC-500', 'SC-401'], EARNED),
        cert('a', 'SC-200', '2026-01-10'),
        ...certs('b', ['SC-500', 'SC-200', 'SC-300'], EARNED),
        cert('c', 'SC-200', EARNED),
      ],
    });
    const plan = r.certificationPlan;
    expect(plan.horizon).toBe('2027-02-20');
    expect(plan.renewals.map((x) => [x.personId, x.exam, x.endsOn, x.daysLeft, x.how])).toEqual([
      ['a', 'SC-200', '2027-01-10', 49, 'renew'],
    ]);
    // Enterprise: a keeps SC-500, so a still counts for step 3; step 2 keeps b and c → nothing lost.
    expect(TRACKS.map((t) => plan.renewals[0]!.protects[t].toFraction())).toEqual(['0', '0']);
    expect(TRACKS.map((t) => plan.atStake[t].toFraction())).toEqual(['0', '0']);
  });

  test('the designation anniversary stretches the horizon; a retired exam is replaced, not renewed', () => {
    const base = dataset({
      certifications: [
        cert('a', 'AZ-500', '2026-03-01'), // ends 2027-03-01 (expiry before AZ-500's retirement + 1 year)
        cert('a', 'SC-200', EARNED),
        cert('a', 'SC-100', EARNED),
        cert('b', 'SC-500', EARNED),
        cert('b', 'SC-200', EARNED),
      ],
    });
    const without = report(base).certificationPlan;
    expect(without.renewals).toEqual([]);
    const r = report({ ...base, designation: { enrolled: true, anniversary: '2027-03-15' } });
    const plan = r.certificationPlan;
    expect([plan.horizon, plan.horizonBy]).toEqual(['2027-03-15', 'anniversary']);
    expect(plan.renewals.map((x) => [x.exam, x.endsOn, x.how, x.exams])).toEqual([
      ['AZ-500', '2027-03-01', 'replace', ['SC-500']],
    ]);
    // Without a's step 1, step 1 has one person: Enterprise loses a's step-3 points; SMB keeps step 1 (b).
    expect(plan.renewals[0]!.protects.enterprise.toFraction()).toBe('20/3');
    expect(plan.renewals[0]!.protects.smb.toFraction()).toBe('0');
  });
});

describe('renewals of an exam that retires', () => {
  test('AZ-500 lapsing after its retirement (2026-08-31) is replaced by SC-500; one lapsing before it is renewed', () => {
    const r = report({
      asOf: '2026-08-01',
      certifications: [cert('a', 'AZ-500', '2025-10-01'), cert('b', 'AZ-500', '2025-08-20')],
    });
    expect(
      r.certificationPlan.renewals.map((x) => [x.personId, x.endsOn, x.how, x.retires, x.exams]),
    ).toEqual([
      ['b', '2026-08-20', 'renew', undefined, ['AZ-500']],
      ['a', '2026-10-01', 'replace', '2026-08-31', ['SC-500']],
    ]);
  });
});

// ---- properties: the promises re-score -------------------------------------------------------

/** Random datasets on a few dates around AZ-500's retirement (2026-08-31), with an anniversary or not. */
const scenario = fc
  .tuple(
    datasetArbitrary,
    fc.constantFrom('2026-05-15', '2026-08-31', '2026-11-22', '2027-09-15'),
    fc.option(fc.constantFrom('2026-12-01', '2027-04-30', '2027-10-01'), { nil: undefined }),
  )
  .map(([data, asOf, anniversary]): PartnerDataset => ({
    ...pulledOn(data, asOf),
    ...(anniversary ? { designation: { enrolled: true, anniversary } } : {}),
  }));

describe('properties of the certification plan', () => {
  test('applied step by step and re-scored, every path scores exactly the skilling points, totals and qualification promised', () => {
    fc.assert(
      fc.property(scenario, (data) => {
        const r = report(data);
        for (const track of TRACKS) {
          const plan = r.certificationPlan.paths[track];
          const max = rules.metrics.intermediateCertifications.max;
          const last = plan.steps.at(-1);
          expect(
            (last?.skilling[track] ?? r.paths[track].metrics.intermediateCertifications.points).valueOf(),
          ).toBe(max);
          let before = { enterprise: r.paths.enterprise.total, smb: r.paths.smb.total };
          for (let k = 0; k < plan.steps.length; k++) {
            const step = plan.steps[k]!;
            // Each plan step gains on its path, or completes a required step that a later one needs.
            expect(step.added[track].compare(0) > 0 || step.completes.length > 0).toBe(true);
            const actions = plan.steps.slice(0, k + 1).flatMap((s) => s.actions);
            const rescored = report(applyActions(data, actions, track, rules));
            for (const t of TRACKS) {
              const path = rescored.paths[t];
              expect(path.metrics.intermediateCertifications.points.toFraction()).toBe(
                step.skilling[t].toFraction(),
              );
              expect(path.total.toFraction()).toBe(step.totals[t].toFraction());
              expect(path.qualified).toBe(step.qualified[t]);
              expect(step.totals[t].sub(before[t]).toFraction()).toBe(step.added[t].toFraction());
            }
            before = step.totals;
          }
        }
      }),
      { numRuns: 25 },
    );
  });

  test('no assignment suggests an exam that does not count on the date, and each exam adds its step', () => {
    fc.assert(
      fc.property(scenario, (data) => {
        const r = report(data);
        for (const track of TRACKS) {
          for (const action of r.certificationPlan.paths[track].steps.flatMap((s) => s.actions)) {
            expect(action.exams.length).toBeGreaterThan(0);
            for (const exam of action.exams) {
              const row = { personId: 'x', exam, earned: data.asOf };
              const status = certificationStatus(row, lookup.get(normalizeName(exam)), rules, data.asOf);
              expect([exam, status.state, status.rule?.step]).toEqual([exam, 'valid', action.step]);
            }
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  test('"protects" is the drop when that certification alone is removed; "at stake" the drop when all are', () => {
    fc.assert(
      fc.property(scenario, (data) => {
        const r = report(data);
        const plan = r.certificationPlan;
        const skilling = (d: PartnerDataset) => {
          const p = report(d).paths;
          return { enterprise: p.enterprise, smb: p.smb };
        };
        const indexOf = (row: (typeof plan.renewals)[number]['row']): number =>
          r.data.certifications.indexOf(row);
        const removing = (indexes: ReadonlySet<number>): PartnerDataset => ({
          ...data,
          certifications: data.certifications.filter((_, i) => !indexes.has(i)),
        });
        for (const renewal of plan.renewals) {
          expect(indexOf(renewal.row)).toBeGreaterThanOrEqual(0);
          expect(renewal.endsOn > data.asOf && renewal.endsOn <= plan.horizon).toBe(true);
          const after = skilling(removing(new Set([indexOf(renewal.row)])));
          for (const t of TRACKS)
            expect(r.paths[t].total.sub(after[t].total).toFraction()).toBe(renewal.protects[t].toFraction());
          for (const exam of renewal.exams)
            expect(
              certificationStatus(
                { personId: 'x', exam, earned: data.asOf },
                lookup.get(normalizeName(exam)),
                rules,
                data.asOf,
              ).state,
            ).toBe('valid');
        }
        const none = skilling(removing(new Set(plan.renewals.map((x) => indexOf(x.row)))));
        for (const t of TRACKS)
          expect(r.paths[t].total.sub(none[t].total).toFraction()).toBe(plan.atStake[t].toFraction());
        // Every certification counting today and ending by the horizon is listed.
        const ending = r.people.flatMap((p) =>
          p.certifications.filter((c) => c.state === 'valid' && c.endsOn! <= plan.horizon),
        );
        expect(plan.renewals.length).toBe(ending.length);
      }),
      { numRuns: 50 },
    );
  });
});

// ---- "most points soonest" against a brute force ---------------------------------------------

type StepSet = number; // bit 0 = step 1, bit 1 = step 2, bit 2 = step 3

function pointsOfState(track: Track, state: readonly StepSet[]): number {
  const rule = rules.metrics.intermediateCertifications[track];
  const n1 = state.filter((s) => s & 1).length;
  const n2 = state.filter((s) => s & 2).length;
  const earning = state.filter((s) => s & 4 && (!rule.step3.requiresStep1Or2 || s & 3)).length;
  return skillingPoints(rule, rules.metrics.intermediateCertifications.max, n1, n2, earning).valueOf();
}

/** The most points any `k` exams (by existing or new people) can earn, for k = 0 … depth. */
function bestWithExams(track: Track, start: readonly StepSet[], depth: number): number[] {
  const key = (s: readonly StepSet[]) => [...s].sort().join(',');
  const best: number[] = [];
  let frontier: StepSet[][] = [[...start]];
  const seen = new Set([key(start)]);
  for (let d = 0; d <= depth; d++) {
    best.push(Math.max(best[d - 1] ?? 0, ...frontier.map((s) => pointsOfState(track, s))));
    const next: StepSet[][] = [];
    for (const state of frontier) {
      for (let i = 0; i <= state.length; i++) {
        for (const bit of [1, 2, 4]) {
          const current = i < state.length ? state[i]! : 0;
          if (current & bit) continue;
          const moved = i < state.length ? state.map((s, j) => (j === i ? s | bit : s)) : [...state, bit];
          if (!seen.has(key(moved))) {
            seen.add(key(moved));
            next.push(moved);
          }
        }
      }
    }
    frontier = next;
  }
  return best;
}

function person(i: number, set: StepSet): Person {
  const steps = new Set<SkillingStep>();
  if (set & 1) steps.add(1);
  if (set & 2) steps.add(2);
  if (set & 4) steps.add(3);
  return { personId: `p${i}`, name: `P${i}`, steps, exams: [], certifications: [] };
}

describe('the plan earns the most points soonest', () => {
  test.each(TRACKS)(
    '%s: after each plan step, no choice of as many exams earns more (brute force)',
    (track) => {
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 0, max: 7 }), { maxLength: 4 }), (sets) => {
          const people = sets.map((s, i) => person(i, s));
          const metricOf = (t: Track) => intermediateCertifications(people, t, rules);
          const pathOf = (t: Track) => ({
            track: t,
            total: metricOf(t).points,
            qualified: false,
            metrics: {
              netCustomerAdds: { points: ZERO },
              intermediateCertifications: metricOf(t),
              deployments: { points: ZERO },
              usageGrowth: { points: ZERO },
            },
          });
          const paths = { enterprise: pathOf('enterprise'), smb: pathOf('smb') } as unknown as Paths;
          const plan = pathCertificationPlan(people, paths, rules, '2026-11-22', track);
          const depth = 6;
          const best = bestWithExams(track, sets, depth);
          let exams = 0;
          for (const step of plan.steps) {
            exams += step.actions.length;
            if (exams > depth) break;
            expect(step.skilling[track].valueOf()).toBeCloseTo(best[exams]!, 9);
          }
        }),
        { numRuns: 100 },
      );
    },
  );
});
