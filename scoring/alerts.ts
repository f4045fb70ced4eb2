import { addDays, addYears } from './calendar';
import type { ForecastPrevention } from './forecast';
import { RENEWAL_RULES } from './renewals';
import { METRICS, TRACKS, type MetricName, type Track } from './rules/types';
import type { SnapshotHead } from './snapshot';

/**
 * Score alerts between two data versions (issue 5): the headline path stopped or started
 * qualifying, or a metric that had points fell to 0 (a path cannot qualify with a metric at 0).
 * And the forecast (issue 7): if nothing new happens, the headline path drops below 70 or a metric
 * to 0 before the designation's renewal window opens. Pure: the two snapshot heads in, the alerts out.
 */

export type ScoreAlert =
  | {
      readonly kind: 'stoppedQualifying' | 'startedQualifying';
      readonly path: Track;
      readonly previousTotal: number;
      readonly total: number;
    }
  | {
      readonly kind: 'metricAtZero';
      readonly path: Track;
      readonly metric: MetricName;
      readonly previousPoints: number;
    }
  | {
      readonly kind: 'forecastDrop';
      /** The headline path in the month of the drop (the best path that still qualifies, if any). */
      readonly path: Track;
      /** The first projected month that drops: its `asOf` and last month. */
      readonly asOf: string;
      readonly lastMonth: string;
      /** Today's headline total and the projected total of `path` that month. */
      readonly total: number;
      readonly projectedTotal: number;
      readonly belowThreshold: boolean;
      readonly metricsAtZero: readonly MetricName[];
      /** The designation's renewal window opens on this day (absent: the data gives no anniversary). */
      readonly windowOpens?: string;
      readonly prevention: ForecastPrevention;
    };

/**
 * The day the designation's next renewal window opens (anniversary − 60 days): the anniversary the
 * data gives, or the next one when it is already past on the data's date.
 */
export function renewalWindowOpens(head: Pick<SnapshotHead, 'asOf' | 'designation'>): string | undefined {
  const given = head.designation.anniversary;
  if (!given) return undefined;
  let anniversary = given;
  for (let years = 1; anniversary < head.asOf; years++) anniversary = addYears(given, years);
  return addDays(anniversary, -RENEWAL_RULES.windowOpensDaysBefore);
}

/**
 * The forecast alert: the first projected month that drops the headline path (below 70, or a metric
 * to 0) on or before the day the renewal window opens — the partner would enter the window without
 * qualifying. A drop after the window opened is not one: qualifying on any day of the window is
 * enough, and today is such a day or comes before it. Without an anniversary, any drop counts.
 */
export function forecastAlert(head: SnapshotHead): ScoreAlert | undefined {
  if (!head.forecast) return undefined;
  const windowOpens = renewalWindowOpens(head);
  const month = head.forecast.months.find((m) => m.drop && (!windowOpens || m.asOf <= windowOpens));
  if (!month?.drop) return undefined;
  return {
    kind: 'forecastDrop',
    path: month.headline,
    asOf: month.asOf,
    lastMonth: month.lastMonth,
    total: head.forecast.from.total,
    projectedTotal: month.paths[month.headline].total,
    belowThreshold: month.drop.belowThreshold,
    metricsAtZero: month.drop.metricsAtZero,
    ...(windowOpens ? { windowOpens } : {}),
    prevention: month.drop.prevention,
  };
}

export function scoreAlerts(previous: SnapshotHead | undefined, current: SnapshotHead): ScoreAlert[] {
  // The first data version of a partner has nothing to compare with, and it gets no forecast alert
  // either: the score card (with its forecast line) says it all.
  if (!previous) return [];
  const alerts: ScoreAlert[] = [];
  const path = current.headline;
  const was = previous.paths[path];
  const now = current.paths[path];
  if (was.qualified !== now.qualified) {
    alerts.push({
      kind: now.qualified ? 'startedQualifying' : 'stoppedQualifying',
      path,
      previousTotal: was.total,
      total: now.total,
    });
  }
  for (const track of TRACKS) {
    for (const metric of METRICS) {
      const before = previous.paths[track].metrics[metric].points;
      if (before > 0 && current.paths[track].metrics[metric].points === 0) {
        alerts.push({ kind: 'metricAtZero', path: track, metric, previousPoints: before });
      }
    }
  }
  const forecast = forecastAlert(current);
  if (forecast) alerts.push(forecast);
  return alerts;
}
