import { aggregate } from './aggregate';
import { addMonths, monthLabel } from './calendar';
import { certificationLookup } from './certifications';
import type { Paths } from './evaluate';
import { describeAction, metricGaps } from './gaps';
import { planToQualify, type QualificationPlan } from './plan';
import { round2, ZERO } from './points';
import { projectedEvaluation, steadyState, type ProjectedEvaluation } from './projection';
import { ruleSetFor } from './rules';
import { METRICS, TRACKS, type MetricName, type RuleSet, type Track } from './rules/types';
import type { ScoreReport } from './score';

/**
 * The forecast (issue 7): the score of each of the next months if nothing new happens — `asOf`
 * moved on one, two, three months, the last complete month's usage carried forward (issue 13,
 * scoring/projection.ts: the trailing windows move on; certifications expire and retire by then,
 * AZ-500's retirement included). Pure: the report of today's data in, the projections out.
 */

/** Months projected. */
export const FORECAST_MONTHS = 3;

/** One projected month with exact points, and the rule set in force on its `asOf`. */
export interface ProjectedMonth extends ProjectedEvaluation {
  readonly rules: RuleSet;
}

export interface ForecastPathJson {
  readonly total: number;
  readonly qualified: boolean;
  readonly metrics: Record<MetricName, number>;
}

/** The cheapest way to keep qualifying that month: the plan to qualify computed on that month's result. */
export interface ForecastPrevention {
  readonly path: Track;
  readonly additions: number;
  readonly projectedTotal: number;
  readonly steps: readonly {
    readonly metric: MetricName;
    readonly from: number;
    readonly to: number;
    readonly additions: number;
    readonly actions: readonly string[];
  }[];
}

/**
 * A drop: against today's headline path, the month's headline path (I-5 on the projection: the
 * best path that still qualifies, if any) falls below 70 from today's ≥ 70, or has a metric at 0
 * that has points today.
 */
export interface ForecastDrop {
  readonly belowThreshold: boolean;
  readonly metricsAtZero: readonly MetricName[];
  readonly prevention: ForecastPrevention;
}

export interface ForecastMonthJson {
  readonly asOf: string;
  readonly lastMonth: string;
  readonly headline: Track;
  readonly paths: Record<Track, ForecastPathJson>;
  readonly drop?: ForecastDrop;
}

/** Kept in the snapshot head (a few hundred bytes): the score card, the forecast card and the alert read it. */
export interface Forecast {
  /** Today's headline path and total, the reference of every drop. */
  readonly from: { readonly asOf: string; readonly headline: Track; readonly total: number };
  /** `YYYY-MM`: the last complete month, whose usage every projected month carries forward. */
  readonly projectedFrom: string;
  readonly months: readonly ForecastMonthJson[];
}

export interface ForecastOptions {
  readonly months?: number;
  /** The rule set of every projected month; by default the one in force on its `asOf` (as scorePartner). */
  readonly rules?: RuleSet;
}

/**
 * The projected evaluations, exact: each is at-risk's next month's computation (projectedEvaluation)
 * on that month's `asOf`. The report's projected aggregates serve when the month's rule set is the
 * report's; another rule set aggregates the rows anew.
 */
export function projectMonths(report: ScoreReport, options: ForecastOptions = {}): ProjectedMonth[] {
  const months = options.months ?? FORECAST_MONTHS;
  const out: ProjectedMonth[] = [];
  for (let k = 1; k <= months; k++) {
    const asOf = addMonths(report.data.asOf, k);
    const rules = options.rules ?? ruleSetFor(asOf);
    const agg =
      rules === report.rules
        ? report.projected
        : steadyState(aggregate(report.data, rules), report.projected.steadyFrom);
    out.push({ ...projectedEvaluation(report.data, agg, asOf, certificationLookup(rules)), rules });
  }
  return out;
}

function pathJson(paths: Paths, track: Track): ForecastPathJson {
  const path = paths[track];
  return {
    total: round2(path.total),
    qualified: path.qualified,
    metrics: Object.fromEntries(METRICS.map((m) => [m, round2(path.metrics[m].points)])) as Record<
      MetricName,
      number
    >,
  };
}

function preventionOf(month: ProjectedMonth): ForecastPrevention {
  // The cheaper of the two paths' plans; on a tie, the month's headline path.
  let best: { track: Track; plan: QualificationPlan } | undefined;
  for (const track of [month.headline, ...TRACKS.filter((t) => t !== month.headline)]) {
    const path = month.paths[track];
    const plan = planToQualify(path, metricGaps(path, month.people, month.rules, month.asOf), month.rules);
    if (!best || plan.additions < best.plan.additions) best = { track, plan };
  }
  const { track, plan } = best!;
  return {
    path: track,
    additions: plan.additions,
    projectedTotal: round2(plan.projected.total),
    steps: plan.steps.map((s) => ({
      metric: s.metric,
      from: round2(s.from),
      to: round2(s.to),
      additions: s.level.additions,
      actions: s.level.actions.map((a) => describeAction(a, track, month.rules)),
    })),
  };
}

/** Today's headline path against a projected month (see ForecastDrop); undefined when nothing drops. */
export function dropOf(
  report: Pick<ScoreReport, 'paths' | 'headline' | 'rules'>,
  month: Pick<ProjectedMonth, 'paths' | 'headline'>,
): { belowThreshold: boolean; metricsAtZero: MetricName[] } | undefined {
  const today = report.paths[report.headline];
  const then = month.paths[month.headline];
  const minTotal = report.rules.qualification.minTotal;
  const belowThreshold = today.total.compare(minTotal) >= 0 && then.total.compare(minTotal) < 0;
  const metricsAtZero = METRICS.filter(
    (m) => today.metrics[m].points.compare(ZERO) > 0 && then.metrics[m].points.compare(ZERO) === 0,
  );
  return belowThreshold || metricsAtZero.length > 0 ? { belowThreshold, metricsAtZero } : undefined;
}

/** The forecast as kept in the snapshot head, with the cheapest way to prevent each drop. */
export function forecast(report: ScoreReport, options: ForecastOptions = {}): Forecast {
  return {
    from: {
      asOf: report.data.asOf,
      headline: report.headline,
      total: round2(report.paths[report.headline].total),
    },
    projectedFrom: monthLabel(report.projected.steadyFrom),
    months: projectMonths(report, options).map((month) => {
      const drop = dropOf(report, month);
      return {
        asOf: month.asOf,
        lastMonth: monthLabel(month.lastMonth),
        headline: month.headline,
        paths: { enterprise: pathJson(month.paths, 'enterprise'), smb: pathJson(month.paths, 'smb') },
        ...(drop ? { drop: { ...drop, prevention: preventionOf(month) } } : {}),
      };
    }),
  };
}
