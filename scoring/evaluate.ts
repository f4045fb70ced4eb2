import type { Aggregates } from './aggregate';
import type { MonthIndex } from './calendar';
import type { Person } from './certifications';
import { deployments, type DeploymentsResult } from './metrics/deployments';
import {
  intermediateCertifications,
  type IntermediateCertificationsResult,
} from './metrics/intermediateCertifications';
import { netCustomerAdds, type NetCustomerAddsResult } from './metrics/netCustomerAdds';
import { usageGrowth, type UsageGrowthResult } from './metrics/usageGrowth';
import { ZERO, type Points } from './points';
import { METRICS, TRACKS, type RuleSet, type Track } from './rules/types';

export interface PathMetrics {
  readonly netCustomerAdds: NetCustomerAddsResult;
  readonly intermediateCertifications: IntermediateCertificationsResult;
  readonly deployments: DeploymentsResult;
  readonly usageGrowth: UsageGrowthResult;
}

export interface PathEvaluation {
  readonly track: Track;
  /** Exact sum of the four metrics. */
  readonly total: Points;
  /** Rules §4: total ≥ 70 and every metric ≥ 1 point. */
  readonly qualified: boolean;
  readonly metrics: PathMetrics;
}

export type Paths = Record<Track, PathEvaluation>;

export function qualifies(metricPoints: readonly Points[], rules: RuleSet): boolean {
  const total = metricPoints.reduce((sum, p) => sum.add(p), ZERO);
  return (
    total.compare(rules.qualification.minTotal) >= 0 &&
    metricPoints.every((p) => p.compare(rules.qualification.minPointsPerMetric) >= 0)
  );
}

export function evaluatePath(
  agg: Aggregates,
  track: Track,
  L: MonthIndex,
  people: readonly Person[],
): PathEvaluation {
  const metrics: PathMetrics = {
    netCustomerAdds: netCustomerAdds(agg, track, L),
    intermediateCertifications: intermediateCertifications(people, track, agg.rules),
    deployments: deployments(agg, track, L),
    usageGrowth: usageGrowth(agg, track, L),
  };
  const metricPoints = METRICS.map((m) => metrics[m].points);
  return {
    track,
    total: metricPoints.reduce((sum, p) => sum.add(p), ZERO),
    qualified: qualifies(metricPoints, agg.rules),
    metrics,
  };
}

export function evaluatePaths(agg: Aggregates, L: MonthIndex, people: readonly Person[]): Paths {
  return {
    enterprise: evaluatePath(agg, 'enterprise', L, people),
    smb: evaluatePath(agg, 'smb', L, people),
  };
}

/**
 * I-5: the headline path is the highest-scoring path that qualifies; if none qualifies, the
 * highest-scoring path. Ties: prefer the qualifying path, then Enterprise.
 */
export function headlineOf(paths: Readonly<Record<Track, { total: Points; qualified: boolean }>>): Track {
  const qualifying = TRACKS.filter((t) => paths[t].qualified);
  const candidates = qualifying.length > 0 ? qualifying : TRACKS;
  let best = candidates[0]!;
  for (const track of candidates) if (paths[track].total.compare(paths[best].total) > 0) best = track;
  return best;
}
