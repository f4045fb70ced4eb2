import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { toScoreResult, type PartnerDataset, type ScoreReport } from '../../scoring';
import { addMonths } from '../../scoring/calendar';
import { forecast, projectMonths } from '../../scoring/forecast';
import { round2 } from '../../scoring/points';
import { METRICS, TRACKS } from '../../scoring/rules/types';
import { datasetArbitrary } from './arbitraries';
import { cert, dataset, report, steadyStateData } from './builders';

/**
 * Issue 7: the forecast — the data scored with asOf one, two, three months on; issue 13: with the
 * last complete month's usage carried forward into the months not reported yet.
 */

const moved = (data: PartnerDataset, months: number): ScoreReport => report(steadyStateData(data, months));

const contoso = JSON.parse(
  readFileSync(path.resolve(__dirname, '../../bot/demo/contoso-security.json'), 'utf8'),
) as PartnerDataset;

describe('forecast: the next months if nothing new happens', () => {
  test('each projected month equals scoring the steady-state data with asOf moved that many months: exactly, both paths', () => {
    fc.assert(
      fc.property(datasetArbitrary, (data) => {
        const months = projectMonths(report(data));
        expect(months.map((m) => m.asOf)).toEqual([1, 2, 3].map((k) => addMonths(data.asOf, k)));
        months.forEach((month, i) => {
          const expected = moved(data, i + 1);
          expect(month.headline).toBe(expected.headline);
          for (const track of TRACKS) {
            const got = month.paths[track];
            const want = expected.paths[track];
            expect(got.total.equals(want.total)).toBe(true);
            expect(got.qualified).toBe(want.qualified);
            for (const m of METRICS) expect(got.metrics[m].points.equals(want.metrics[m].points)).toBe(true);
          }
        });
      }),
      { numRuns: 100 },
    );
  });

  test("the forecast's first month is at risk's next month (one projection for the score card, the at-risk card and the alert)", () => {
    fc.assert(
      fc.property(datasetArbitrary, (data) => {
        const r = report(data);
        const [first] = projectMonths(r);
        const next = r.atRisk.nextMonth;
        expect([first!.asOf, first!.lastMonth, first!.from, first!.headline]).toEqual([
          next.asOf,
          next.lastMonth,
          next.from,
          next.headline,
        ]);
        for (const track of TRACKS)
          for (const m of METRICS)
            expect(first!.paths[track].metrics[m].points.equals(next.paths[track].metrics[m].points)).toBe(
              true,
            );
      }),
      { numRuns: 50 },
    );
  });

  test("AZ-500's retirement: it counts until 2027-08-31 (retirement + 1 year) and the forecast drops it then", () => {
    const data = dataset({
      asOf: '2027-07-15',
      certifications: [
        cert('a', 'AZ-500', '2026-08-30', '2028-06-01'), // its expiry would be later: retirement wins
        cert('b', 'SC-100', '2027-01-10'), // step 3 earns nothing without step 2
      ],
    });
    const r = report(data);
    expect(round2(r.paths.smb.metrics.intermediateCertifications.points)).toBe(4); // step 1
    const projected = forecast(r).months;
    expect(projected.map((m) => [m.asOf, m.paths.smb.metrics.intermediateCertifications])).toEqual([
      ['2027-08-15', 4],
      ['2027-09-15', 0],
      ['2027-10-15', 0],
    ]);
    // Exactly what scoring those dates gives.
    projected.forEach((m, i) =>
      expect(m.paths.smb.metrics.intermediateCertifications).toBe(
        round2(moved(data, i + 1).paths.smb.metrics.intermediateCertifications.points),
      ),
    );
    expect(projected[0]!.drop).toBeUndefined();
    expect(projected[1]!.drop).toMatchObject({
      belowThreshold: false,
      metricsAtZero: ['intermediateCertifications'],
    });
  });

  test('a drop carries the cheapest way to prevent it: the plan to qualify of that month, on the cheaper path', () => {
    const r = report(contoso);
    const projected = forecast(r);
    expect(projected.from).toEqual({ asOf: '2026-11-22', headline: 'smb', total: 82 });
    expect(projected.projectedFrom).toBe('2026-10');
    const first = projected.months[0]!;
    // Even with October's usage carried forward, December compares with November 2025, when
    // Contoso's new Microsoft 365 customers had already started: no net new deployment is left.
    expect(first.paths.smb).toMatchObject({ total: 53, qualified: false });
    expect(first.paths.smb.metrics.deployments).toBe(0);
    expect(first.drop).toMatchObject({ belowThreshold: true, metricsAtZero: ['deployments'] });
    const rescored = toScoreResult(moved(contoso, 1));
    const cheapest = Math.min(...TRACKS.map((t) => rescored.paths[t].plan.additions));
    const prevention = first.drop!.prevention;
    expect(prevention.additions).toBe(cheapest);
    const plan = rescored.paths[prevention.path].plan;
    expect(prevention.projectedTotal).toBe(plan.projected.total);
    expect(prevention.steps).toEqual(
      plan.steps.map((s) => ({
        metric: s.metric,
        from: s.from,
        to: s.to,
        additions: s.additions,
        actions: s.actions.map((a) => a.text),
      })),
    );
  });

  test('the forecast is small: a few hundred bytes to a few kilobytes in the head', () => {
    expect(JSON.stringify(forecast(report(contoso))).length).toBeLessThan(4_000);
  });
});
