import type { PathEvaluation } from './evaluate';
import type { Level, MetricGap } from './gaps';
import { ZERO, type Points } from './points';
import { METRICS, type MetricName, type RuleSet } from './rules/types';

export interface PlanStep {
  readonly metric: MetricName;
  readonly from: Points;
  readonly to: Points;
  readonly level: Level;
}

export interface QualificationPlan {
  readonly alreadyQualified: boolean;
  /** Total additions of the plan (0 when already qualified). */
  readonly additions: number;
  /** Metrics at 0 first (they block qualification whatever the total), then the others. */
  readonly steps: readonly PlanStep[];
  /** The path's metrics and total once the plan is done. */
  readonly projected: { readonly total: Points; readonly metrics: Record<MetricName, Points> };
}

/**
 * Rules §5: reach total ≥ 70 with every metric ≥ 1 point using the fewest additions. Each metric
 * contributes one of its levels (or stays as it is); the search is exhaustive over the few levels
 * each metric has. Ties: more points, then the order of the metrics.
 */
export function planToQualify(
  path: PathEvaluation,
  gaps: readonly MetricGap[],
  rules: RuleSet,
): QualificationPlan {
  const options = METRICS.map((metric) => {
    const gap = gaps.find((g) => g.metric === metric)!;
    const stay: Level = { points: path.metrics[metric].points, additions: 0, actions: [] };
    return [stay, ...gap.levels];
  });
  const minTotal = rules.qualification.minTotal;
  const minMetric = rules.qualification.minPointsPerMetric;
  let best: { choice: Level[]; additions: number; total: Points } | undefined;
  const choice: Level[] = [];
  const search = (i: number, additions: number, total: Points): void => {
    if (best && additions > best.additions) return;
    if (i === options.length) {
      if (total.compare(minTotal) < 0) return;
      if (
        !best ||
        additions < best.additions ||
        (additions === best.additions && total.compare(best.total) > 0)
      ) {
        best = { choice: [...choice], additions, total };
      }
      return;
    }
    for (const level of options[i]!) {
      if (level.points.compare(minMetric) < 0) continue;
      choice.push(level);
      search(i + 1, additions + level.additions, total.add(level.points));
      choice.pop();
    }
  };
  search(0, 0, ZERO);
  if (!best)
    throw new Error('PLAN_IMPOSSIBLE: the rule set caps do not allow reaching the qualification total');
  const chosen = best.choice;
  const metrics = Object.fromEntries(METRICS.map((m, i) => [m, chosen[i]!.points])) as Record<
    MetricName,
    Points
  >;
  const steps = METRICS.map((metric, i) => ({
    metric,
    from: path.metrics[metric].points,
    to: chosen[i]!.points,
    level: chosen[i]!,
  }))
    .filter((s) => s.level.additions > 0)
    .sort((a, b) => Number(b.from.compare(minMetric) < 0) - Number(a.from.compare(minMetric) < 0));
  return {
    alreadyQualified: path.qualified,
    additions: best.additions,
    steps,
    projected: { total: best.total, metrics },
  };
}
