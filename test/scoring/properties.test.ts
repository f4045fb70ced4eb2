import fc from 'fast-check';
import type { PartnerDataset } from '../../scoring';
import type { Person } from '../../scoring/certifications';
import { skillingLevels } from '../../scoring/gaps';
import { intermediateCertifications, skillingPoints } from '../../scoring/metrics/intermediateCertifications';
import { security2026_05 as rules } from '../../scoring/rules/security-2026-05';
import { METRICS, TRACKS, type SkillingStep, type Track } from '../../scoring/rules/types';
import { applyActions } from '../../scoring/whatIf';
import { datasetArbitrary } from './arbitraries';
import { report } from './builders';

function metricPoints(data: PartnerDataset): Record<Track, number[]> {
  const r = report(data);
  return {
    enterprise: METRICS.map((m) => r.paths.enterprise.metrics[m].points.valueOf()),
    smb: METRICS.map((m) => r.paths.smb.metrics[m].points.valueOf()),
  };
}

const RUNS = { numRuns: 150 };

describe('properties of the score', () => {
  test('no metric exceeds its cap and the total is the exact sum of the metrics', () => {
    fc.assert(
      fc.property(datasetArbitrary, (data) => {
        const r = report(data);
        for (const track of TRACKS) {
          const path = r.paths[track];
          let sum = 0;
          for (const m of METRICS) {
            const p = path.metrics[m].points;
            expect(p.compare(0)).toBeGreaterThanOrEqual(0);
            expect(p.compare(path.metrics[m].max)).toBeLessThanOrEqual(0);
            sum += p.valueOf();
          }
          expect(path.total.valueOf()).toBeCloseTo(sum, 9);
        }
      }),
      RUNS,
    );
  });

  test('adding a qualifying customer in the current window never lowers a metric (Azure ≥ $600, or an M365 tenant of either size)', () => {
    const newCustomer = fc.constantFrom(
      { kind: 'azure' as const, usd: 600 },
      { kind: 'azure' as const, usd: 12000.01 },
      { kind: 'm365' as const, paid: 5 },
      { kind: 'm365' as const, paid: 301 },
    );
    fc.assert(
      fc.property(
        datasetArbitrary,
        newCustomer,
        fc.constantFrom('2026-10', '2026-03', '2025-11'),
        (data, c, month) => {
          const before = metricPoints(data);
          const more: PartnerDataset =
            c.kind === 'azure'
              ? {
                  ...data,
                  azureConsumption: [
                    ...data.azureConsumption,
                    {
                      customerTenantId: 'new',
                      month,
                      service: 'Microsoft Sentinel',
                      offer: 'Azure Plan',
                      association: 'PAL',
                      acrUsd: c.usd,
                    },
                  ],
                }
              : {
                  ...data,
                  m365Licenses: [
                    ...data.m365Licenses,
                    {
                      customerTenantId: 'new',
                      month,
                      workload: 'Intune',
                      association: 'CPOR',
                      paidLicenses: c.paid,
                      activeLicenses: c.paid,
                    },
                  ],
                };
          const after = metricPoints(more);
          for (const track of TRACKS)
            after[track].forEach((p, i) => expect(p).toBeGreaterThanOrEqual(before[track][i]!));
        },
      ),
      RUNS,
    );
  });

  test('adding a certified person never lowers a metric', () => {
    fc.assert(
      fc.property(
        datasetArbitrary,
        fc.constantFrom('AZ-500', 'SC-500', 'SC-200', 'SC-100', 'SC-401'),
        (data, exam) => {
          const before = metricPoints(data);
          const after = metricPoints({
            ...data,
            certifications: [...data.certifications, { personId: 'p-new', exam, earned: '2026-06-01' }],
          });
          for (const track of TRACKS)
            after[track].forEach((p, i) => expect(p).toBeGreaterThanOrEqual(before[track][i]!));
        },
      ),
      RUNS,
    );
  });

  test('the plan to qualify, applied to the data and re-scored, qualifies with at least the projected points (rules §5)', () => {
    fc.assert(
      fc.property(datasetArbitrary, (data) => {
        const r = report(data);
        for (const track of TRACKS) {
          const plan = r.plans[track];
          const actions = plan.steps.flatMap((s) => s.level.actions);
          const rescored = report(applyActions(data, actions, track, rules));
          const path = rescored.paths[track];
          expect(path.qualified).toBe(true);
          for (const m of METRICS)
            expect(path.metrics[m].points.compare(plan.projected.metrics[m])).toBeGreaterThanOrEqual(0);
          if (r.paths[track].qualified) expect(plan.additions).toBe(0);
        }
      }),
      { numRuns: 80 },
    );
  });
});

// ---- the skilling planner against a brute force ---------------------------------------------

type StepSet = number; // bit 0 = step 1, bit 1 = step 2, bit 2 = step 3

function pointsOfState(track: Track, state: readonly StepSet[]): number {
  const rule = rules.metrics.intermediateCertifications[track];
  const n1 = state.filter((s) => s & 1).length;
  const n2 = state.filter((s) => s & 2).length;
  const earning = state.filter((s) => s & 4 && (!rule.step3.requiresStep1Or2 || s & 3)).length;
  return skillingPoints(rule, rules.metrics.intermediateCertifications.max, n1, n2, earning).valueOf();
}

/** Fewest exams (existing or new people) to reach each points value, by breadth-first search. */
function bruteForce(track: Track, start: readonly StepSet[], depth: number): Map<number, number> {
  const best = new Map<number, number>();
  const key = (s: readonly StepSet[]) => [...s].sort().join(',');
  let frontier: StepSet[][] = [[...start]];
  const seen = new Set([key(start)]);
  for (let d = 0; d <= depth; d++) {
    const next: StepSet[][] = [];
    for (const state of frontier) {
      const p = pointsOfState(track, state);
      if (!best.has(p)) best.set(p, d);
      if (d === depth) continue;
      for (let i = 0; i <= state.length; i++) {
        for (const bit of [1, 2, 4]) {
          const current = i < state.length ? state[i]! : 0;
          if (current & bit) continue;
          const moved = i < state.length ? state.map((s, j) => (j === i ? s | bit : s)) : [...state, bit];
          const k = key(moved);
          if (!seen.has(k)) {
            seen.add(k);
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

describe('skilling planner is minimal', () => {
  test.each(TRACKS)('%s: every level costs exactly the fewest exams a brute force finds', (track) => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 7 }), { maxLength: 4 }), (sets) => {
        const people = sets.map((s, i) => person(i, s));
        const metric = intermediateCertifications(people, track, rules);
        const levels = skillingLevels(metric, people, rules, '2026-11-22');
        const depth = 6;
        const brute = bruteForce(track, sets, depth);
        // For every points value the brute force reaches, our cheapest level reaching it costs the same.
        for (const [target, exams] of brute) {
          if (target <= metric.points.valueOf()) continue;
          const ours = levels.find((l) => l.points.valueOf() >= target - 1e-9);
          expect(ours).toBeDefined();
          const cheapest = Math.min(...[...brute].filter(([p]) => p >= target - 1e-9).map(([, d]) => d));
          expect(ours!.additions).toBe(cheapest);
          expect(exams).toBeGreaterThanOrEqual(cheapest);
        }
        // And every level we offer within the search depth is really reachable at its cost.
        for (const level of levels.filter((l) => l.additions <= depth)) {
          const reachable = [...brute].some(
            ([p, d]) => d <= level.additions && p >= level.points.valueOf() - 1e-9,
          );
          expect(reachable).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });
});
