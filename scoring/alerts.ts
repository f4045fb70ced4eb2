import { METRICS, TRACKS, type MetricName, type Track } from './rules/types';
import type { SnapshotHead } from './snapshot';

/**
 * Score alerts between two data versions (issue 5): the headline path stopped or started
 * qualifying, or a metric that had points fell to 0 (a path cannot qualify with a metric at 0).
 * Pure: the two snapshot heads in, the alerts out.
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
    };

export function scoreAlerts(previous: SnapshotHead | undefined, current: SnapshotHead): ScoreAlert[] {
  // The first data version of a partner has nothing to compare with: the score card says it all.
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
  return alerts;
}
