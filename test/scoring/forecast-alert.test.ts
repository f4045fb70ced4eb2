import { LocalDate } from '@js-joda/core';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { toScoreResult, type PartnerDataset, type ScoreReport } from '../../scoring';
import { forecastAlert, scoreAlerts } from '../../scoring/alerts';
import { addMonths } from '../../scoring/calendar';
import { forecast } from '../../scoring/forecast';
import { round2 } from '../../scoring/points';
import { METRICS, type MetricName } from '../../scoring/rules/types';
import { snapshotHead, type SnapshotHead } from '../../scoring/snapshot';
import { datasetArbitrary } from './arbitraries';
import { report, steadyStateData } from './builders';

/**
 * Issue 7: the forecast alert — the headline path dropping below 70 or a metric to 0 before the
 * designation's renewal window opens, if nothing new happens.
 */

/** The month `months` on as the forecast projects it (issue 13: the last complete month carried forward). */
const moved = (data: PartnerDataset, months: number): ScoreReport => report(steadyStateData(data, months));

function headOf(data: PartnerDataset, r: ScoreReport = report(data)): SnapshotHead {
  return { ...snapshotHead(toScoreResult(r), 1), forecast: forecast(r) };
}

const contoso = JSON.parse(
  readFileSync(path.resolve(__dirname, '../../bot/demo/contoso-security.json'), 'utf8'),
) as PartnerDataset;

/** The next anniversary on or after asOf, minus 60 days (written apart from renewalWindowOpens). */
function windowOpensOf(anniversary: string, asOf: string): string {
  let next = LocalDate.parse(anniversary);
  for (let years = 1; next.toString() < asOf; years++) next = LocalDate.parse(anniversary).plusYears(years);
  return next.minusDays(60).toString();
}

/** The condition of the forecast alert, from each month scored anew (`later[k − 1]`). */
function expectedAlertMonth(
  data: PartnerDataset,
  today: ScoreReport,
  later: readonly ScoreReport[],
): number | undefined {
  const h0 = today.paths[today.headline];
  const anniversary = data.designation?.anniversary;
  for (let k = 1; k <= 3; k++) {
    const hk = later[k - 1]!.paths[later[k - 1]!.headline];
    const below = h0.total.compare(70) >= 0 && hk.total.compare(70) < 0;
    const zero = METRICS.some(
      (m) => h0.metrics[m].points.compare(0) > 0 && hk.metrics[m].points.compare(0) === 0,
    );
    const asOf = addMonths(data.asOf, k);
    const beforeWindow = !anniversary || asOf <= windowOpensOf(anniversary, data.asOf);
    if ((below || zero) && beforeWindow) return k;
  }
  return undefined;
}

describe('forecast alert', () => {
  const withAnniversary = fc
    .tuple(datasetArbitrary, fc.option(fc.integer({ min: -400, max: 500 })))
    .map(([data, offset]) => ({
      ...data,
      ...(offset === null
        ? {}
        : {
            designation: {
              enrolled: true,
              anniversary: LocalDate.parse(data.asOf).plusDays(offset).toString(),
            },
          }),
    }));

  test('fires exactly when the headline drops below 70 or a metric to 0 on or before the renewal window opens', () => {
    const seen = { fired: 0, silent: 0 };
    fc.assert(
      fc.property(withAnniversary, (data) => {
        const today = report(data);
        const months = [1, 2, 3].map((k) => moved(data, k));
        const head = headOf(data, today);
        const alert = forecastAlert(head);
        const k = expectedAlertMonth(data, today, months);
        if (k === undefined) {
          seen.silent += 1;
          expect(alert).toBeUndefined();
          return;
        }
        seen.fired += 1;
        const later = months[k - 1]!;
        expect(alert).toEqual({
          kind: 'forecastDrop',
          path: later.headline,
          asOf: addMonths(data.asOf, k),
          lastMonth: toScoreResult(later).lastMonth,
          total: round2(today.paths[today.headline].total),
          projectedTotal: round2(later.paths[later.headline].total),
          belowThreshold:
            today.paths[today.headline].total.compare(70) >= 0 &&
            later.paths[later.headline].total.compare(70) < 0,
          metricsAtZero: METRICS.filter(
            (m: MetricName) =>
              today.paths[today.headline].metrics[m].points.compare(0) > 0 &&
              later.paths[later.headline].metrics[m].points.compare(0) === 0,
          ),
          ...(data.designation?.anniversary
            ? { windowOpens: windowOpensOf(data.designation.anniversary, data.asOf) }
            : {}),
          prevention: head.forecast!.months[k - 1]!.drop!.prevention,
        });
      }),
      { numRuns: 100 },
    );
    // Both outcomes occurred, so the property tested something either way.
    expect(seen.fired).toBeGreaterThan(0);
    expect(seen.silent).toBeGreaterThan(0);
  });

  test('Contoso: the drop in December comes after the window opens on 2026-12-03 — no alert; a later anniversary — alert', () => {
    expect(forecastAlert(headOf(contoso))).toBeUndefined();
    const later = headOf({ ...contoso, designation: { enrolled: true, anniversary: '2027-06-01' } });
    expect(forecastAlert(later)).toMatchObject({
      kind: 'forecastDrop',
      path: 'smb',
      asOf: '2026-12-22',
      total: 82,
      projectedTotal: 53,
      windowOpens: '2027-04-02',
    });
  });

  test('the alert goes with the version alerts (not on a first version), once per data version', () => {
    const later = headOf({ ...contoso, designation: { enrolled: true, anniversary: '2027-06-01' } });
    expect(scoreAlerts(undefined, later)).toEqual([]);
    expect(scoreAlerts(later, later)).toEqual([forecastAlert(later)]);
    // A head without a forecast (imported before issue 7) gets no forecast alert.
    expect(scoreAlerts(later, { ...later, forecast: undefined })).toEqual([]);
  });
});
