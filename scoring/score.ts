import {
  aggregate,
  EXCLUSION_TEXT,
  type Aggregates,
  type ExclusionReason,
  type UnknownNames,
} from './aggregate';
import { atRisk as computeAtRisk, type AtRisk } from './atRisk';
import { lastMonthOf, monthLabel } from './calendar';
import {
  certificationPlan,
  certificationPlanJson,
  type CertificationPlan,
  type CertificationPlanJson,
} from './certificationPlanner';
import { certificationLookup, peopleOn, type Person } from './certifications';
import type { DatasetWarning, NormalizedDataset } from './dataset';
import { evaluatePaths, headlineOf, type PathEvaluation, type Paths } from './evaluate';
import { explainCustomers, type CustomerExplanation } from './explain';
import { describeAction, metricGaps, type Action, type Level, type MetricGap } from './gaps';
import { centsToUsd } from './money';
import type { SideCounts } from './metrics/types';
import { planToQualify, type QualificationPlan } from './plan';
import { lastCompleteMonth, steadyState } from './projection';
import { round2, type Points } from './points';
import { ruleSetFor } from './rules';
import { simulationStats, type SimulationStats } from './simulate';
import { securitySpecializations, type SpecializationStatus } from './specializations';
import { METRICS, TRACKS, type MetricName, type RuleSet, type Track } from './rules/types';

/** The full evaluation of one partner on `asOf`, with exact points (see `toScoreResult` for JSON). */
export interface ScoreReport {
  readonly data: NormalizedDataset;
  readonly rules: RuleSet;
  readonly lastMonth: number;
  readonly aggregates: Aggregates;
  /**
   * Issue 13: the aggregates as the projections read them (scoring/projection.ts), the last complete
   * month carried forward; at-risk's next month and the forecast share it and its M365 window cache.
   */
  readonly projected: Aggregates;
  readonly people: readonly Person[];
  readonly paths: Paths;
  readonly headline: Track;
  readonly gaps: Record<Track, readonly MetricGap[]>;
  readonly plans: Record<Track, QualificationPlan>;
  readonly atRisk: AtRisk;
  /** Per-customer explanations ("why doesn't Fabrikam count?"). */
  readonly customers: readonly CustomerExplanation[];
  /** The four Security specializations' requirements and state. */
  readonly specializations: readonly SpecializationStatus[];
  /** Who should take which exam, and the certifications to renew (certificationPlanner.ts). */
  readonly certificationPlan: CertificationPlan;
}

export interface ScoreOptions {
  /** Defaults to the rule set in force on the dataset's `asOf`. */
  readonly rules?: RuleSet;
}

/** Scores both paths with gaps, plans and at-risk items. Pure: data in, result out. */
export function scorePartner(data: NormalizedDataset, options: ScoreOptions = {}): ScoreReport {
  const rules = options.rules ?? ruleSetFor(data.asOf);
  const L = lastMonthOf(data.asOf);
  const aggregates = aggregate(data, rules);
  const projected = steadyState(aggregates, lastCompleteMonth(data, L));
  const people = peopleOn(data.certifications, rules, data.asOf, certificationLookup(rules));
  const paths = evaluatePaths(aggregates, L, people);
  const gaps = {
    enterprise: metricGaps(paths.enterprise, people, rules, data.asOf),
    smb: metricGaps(paths.smb, people, rules, data.asOf),
  };
  const atRisk = computeAtRisk(data, projected, paths, people, rules);
  return {
    data,
    rules,
    lastMonth: L,
    aggregates,
    projected,
    people,
    paths,
    headline: headlineOf(paths),
    gaps,
    plans: {
      enterprise: planToQualify(paths.enterprise, gaps.enterprise, rules),
      smb: planToQualify(paths.smb, gaps.smb, rules),
    },
    atRisk,
    specializations: securitySpecializations(data, aggregates, people),
    certificationPlan: certificationPlan(people, paths, rules, data.asOf, data.designation?.anniversary),
    customers: explainCustomers(
      aggregates,
      data.tenants.ids,
      data.tenants.names,
      L,
      paths,
      atRisk.nextMonth.paths,
    ),
  };
}

/** Customers that count in a trailing window now and drop out of it next month. */
export function customersLeaving(report: ScoreReport): CustomerExplanation[] {
  return report.customers.filter((c) => c.dropsNextMonth.length > 0);
}

// ---- JSON result (../shared/contract/score-result.md, plus explanations) ------------------------

const LIST_LIMIT = 50;

export interface SideJson {
  readonly current: number;
  readonly previous: number;
  readonly net: number;
  readonly counted: number;
  /** Customers counted now but not before (ids, at most 50; see the totals). */
  readonly added: readonly string[];
  readonly lost: readonly string[];
}

export interface ActionJson extends Record<string, unknown> {
  readonly kind: Action['kind'];
  readonly text: string;
}

export interface LevelJson {
  readonly points: number;
  readonly additions: number;
  readonly actions: readonly ActionJson[];
}

export interface GapJson {
  readonly metric: MetricName;
  readonly points: number;
  readonly max: number;
  readonly met: boolean;
  readonly nextPoint?: LevelJson;
  readonly toMax?: LevelJson;
}

export interface PlanJson {
  readonly alreadyQualified: boolean;
  readonly additions: number;
  readonly steps: readonly {
    metric: MetricName;
    from: number;
    to: number;
    additions: number;
    actions: readonly ActionJson[];
  }[];
  readonly projected: { readonly total: number; readonly metrics: Record<MetricName, number> };
}

export interface MetricJson {
  readonly points: number;
  readonly max: number;
  readonly met: boolean;
}

export interface CountsMetricJson extends MetricJson {
  readonly azure: SideJson;
  readonly m365: SideJson;
}

export interface UsageGrowthJson extends MetricJson {
  readonly azure: {
    lastUsd: number;
    yearAgoUsd: number;
    growthUsd: number;
    usdPerPoint: number;
    points: number;
    tenantsLast: number;
    tenantsYearAgo: number;
  };
  readonly m365: {
    protectedUsersLast: number;
    protectedUsersYearAgo: number;
    growth: number;
    usersPerPoint: number;
    points: number;
    tenantsLast: number;
    tenantsYearAgo: number;
  };
}

export interface SkillingJson extends MetricJson {
  readonly step1: { people: readonly string[]; needed: number; complete: boolean };
  readonly step2: { people: readonly string[]; needed: number; complete: boolean };
  readonly step3: {
    people: readonly string[];
    counted: readonly string[];
    notCounted: readonly { personId: string; reason: 'stepsIncomplete' | 'needsStep1Or2' | 'cap' }[];
  };
}

export interface MetricsJson {
  readonly netCustomerAdds: CountsMetricJson;
  readonly intermediateCertifications: SkillingJson;
  readonly deployments: CountsMetricJson;
  readonly usageGrowth: UsageGrowthJson;
}

export interface PathJson {
  readonly total: number;
  readonly qualified: boolean;
  readonly metrics: MetricsJson;
  readonly gaps: readonly GapJson[];
  readonly plan: PlanJson;
}

export interface PathSummaryJson {
  readonly total: number;
  readonly qualified: boolean;
  readonly metrics: Record<MetricName, { readonly points: number }>;
}

export interface ScoreResult {
  readonly partnerId: string;
  readonly partnerName: string;
  readonly asOf: string;
  readonly lastMonth: string;
  readonly ruleSet: { readonly id: string; readonly version: string };
  readonly headline: Track;
  readonly paths: Record<Track, PathJson>;
  readonly atRisk: {
    readonly certifications: AtRisk['certifications'];
    readonly withoutExpiring: Record<Track, { skilling: number; total: number; qualified: boolean }>;
    readonly customersLeavingNextMonth: readonly {
      tenantId: string;
      name: string;
      drops: readonly string[];
    }[];
    readonly nextMonth: {
      asOf: string;
      lastMonth: string;
      /**
       * Issue 13: `YYYY-MM`, the last complete month, whose usage next month carries forward. Absent in
       * results stored before: those read the months not reported yet as zero.
       */
      projectedFrom?: string;
      headline: Track;
      paths: Record<Track, PathSummaryJson>;
    };
  };
  readonly people: readonly {
    personId: string;
    name: string;
    steps: number[];
    certifications: { exam: string; step?: number; earned: string; state: string; endsOn?: string }[];
  }[];
  readonly customers: readonly CustomerExplanation[];
  /** The designation as the partner's data gives it (enrolment, anniversary). */
  readonly designation: { readonly enrolled: boolean; readonly anniversary?: string };
  readonly specializations: readonly SpecializationStatus[];
  /** Absent in results stored before the planner existed. */
  readonly certificationPlan?: CertificationPlanJson;
  /** The what-if simulator's statistics (scoring/simulate.ts); absent in snapshots made before it. */
  readonly simulation?: SimulationStats;
  readonly dataQuality: {
    readonly excludedRows: {
      azure: Record<string, { rows: number; usd: number; text: string }>;
      m365: Record<string, { rows: number; text: string }>;
    };
    readonly unknownNames: UnknownNames;
    readonly warnings: readonly DatasetWarning[];
    /** Azure rows without an offer, to which the offer filter could not be applied (absent in older results). */
    readonly azureRowsWithoutOffer?: number;
    /** I-8: rows of services that left Microsoft's list on or before asOf, per service (absent in older results). */
    readonly servicesLeftList?: readonly { service: string; endsOn: string; rows: number; usd: number }[];
  };
}

function ids(report: ScoreReport, tenants: readonly number[]): string[] {
  const out: string[] = [];
  for (const t of tenants) {
    if (out.length >= LIST_LIMIT) break;
    out.push(report.data.tenants.ids[t]!);
  }
  return out;
}

function sideJson(report: ScoreReport, side: SideCounts): SideJson {
  const before = new Set(side.previous);
  const now = new Set(side.current);
  return {
    current: side.current.length,
    previous: side.previous.length,
    net: side.net,
    counted: side.counted,
    added: ids(
      report,
      side.current.filter((t) => !before.has(t)),
    ),
    lost: ids(
      report,
      side.previous.filter((t) => !now.has(t)),
    ),
  };
}

function actionJson(action: Action, track: Track, rules: RuleSet): ActionJson {
  const extra = action.kind === 'azureGrowth' ? { usd: centsToUsd(action.cents) } : {};
  return { ...action, ...extra, text: describeAction(action, track, rules) };
}

function levelJson(level: Level, track: Track, rules: RuleSet): LevelJson {
  return {
    points: round2(level.points),
    additions: level.additions,
    actions: level.actions.map((a) => actionJson(a, track, rules)),
  };
}

function metricBase(report: ScoreReport, path: PathEvaluation, metric: MetricName): MetricJson {
  const points = path.metrics[metric].points;
  return {
    points: round2(points),
    max: path.metrics[metric].max,
    met: points.compare(report.rules.qualification.minPointsPerMetric) >= 0,
  };
}

function metricsJson(report: ScoreReport, path: PathEvaluation): MetricsJson {
  const m = path.metrics;
  const { azure, m365 } = m.usageGrowth;
  const s = m.intermediateCertifications;
  const rule = report.rules.metrics.intermediateCertifications[path.track];
  return {
    netCustomerAdds: {
      ...metricBase(report, path, 'netCustomerAdds'),
      azure: sideJson(report, m.netCustomerAdds.azure),
      m365: sideJson(report, m.netCustomerAdds.m365),
    },
    intermediateCertifications: {
      ...metricBase(report, path, 'intermediateCertifications'),
      step1: { people: s.step1, needed: rule.step1.minPeople, complete: s.step1Complete },
      step2: { people: s.step2, needed: rule.step2.minPeople, complete: s.step2Complete },
      step3: { people: s.step3, counted: s.step3Counted, notCounted: s.step3NotCounted },
    },
    deployments: {
      ...metricBase(report, path, 'deployments'),
      azure: sideJson(report, m.deployments.azure),
      m365: sideJson(report, m.deployments.m365),
    },
    usageGrowth: {
      ...metricBase(report, path, 'usageGrowth'),
      azure: {
        lastUsd: centsToUsd(azure.now),
        yearAgoUsd: centsToUsd(azure.yearAgo),
        growthUsd: centsToUsd(azure.growth),
        usdPerPoint: centsToUsd(azure.perPoint),
        points: azure.points,
        tenantsLast: azure.tenantsNow.length,
        tenantsYearAgo: azure.tenantsYearAgo.length,
      },
      m365: {
        protectedUsersLast: m365.now,
        protectedUsersYearAgo: m365.yearAgo,
        growth: m365.growth,
        usersPerPoint: m365.perPoint,
        points: m365.points,
        tenantsLast: m365.tenantsNow.length,
        tenantsYearAgo: m365.tenantsYearAgo.length,
      },
    },
  };
}

function gapJson(gap: MetricGap, track: Track, rules: RuleSet): GapJson {
  return {
    metric: gap.metric,
    points: round2(gap.points),
    max: gap.max,
    met: gap.met,
    ...(gap.nextPoint ? { nextPoint: levelJson(gap.nextPoint, track, rules) } : {}),
    ...(gap.toMax ? { toMax: levelJson(gap.toMax, track, rules) } : {}),
  };
}

function planJson(plan: QualificationPlan, track: Track, rules: RuleSet): PlanJson {
  return {
    alreadyQualified: plan.alreadyQualified,
    additions: plan.additions,
    steps: plan.steps.map((s) => ({
      metric: s.metric,
      from: round2(s.from),
      to: round2(s.to),
      additions: s.level.additions,
      actions: s.level.actions.map((a) => actionJson(a, track, rules)),
    })),
    projected: {
      total: round2(plan.projected.total),
      metrics: Object.fromEntries(METRICS.map((m) => [m, round2(plan.projected.metrics[m])])) as Record<
        MetricName,
        number
      >,
    },
  };
}

function pathSummary(path: PathEvaluation): PathSummaryJson {
  return {
    total: round2(path.total),
    qualified: path.qualified,
    metrics: Object.fromEntries(
      METRICS.map((m) => [m, { points: round2(path.metrics[m].points) }]),
    ) as Record<MetricName, { points: number }>,
  };
}

const pointsOf = (p: Points): number => round2(p);

function pathJson(report: ScoreReport, track: Track): PathJson {
  const path = report.paths[track];
  return {
    ...pathSummary(path),
    metrics: metricsJson(report, path),
    gaps: report.gaps[track].map((g) => gapJson(g, track, report.rules)),
    plan: planJson(report.plans[track], track, report.rules),
  };
}

/** The JSON result: the contract's fields first, then gaps, plan, at-risk and explanations. */
export function toScoreResult(report: ScoreReport): ScoreResult {
  const { data, rules, atRisk } = report;
  const customers = report.customers;
  const excluded = report.aggregates.exclusions;
  return {
    partnerId: data.partner.partnerId,
    partnerName: data.partner.name,
    asOf: data.asOf,
    lastMonth: monthLabel(report.lastMonth),
    ruleSet: { id: rules.id, version: rules.version },
    headline: report.headline,
    paths: { enterprise: pathJson(report, 'enterprise'), smb: pathJson(report, 'smb') },
    atRisk: {
      certifications: atRisk.certifications,
      withoutExpiring: Object.fromEntries(
        TRACKS.map((t) => [
          t,
          {
            skilling: pointsOf(atRisk.withoutExpiring[t].skilling),
            total: pointsOf(atRisk.withoutExpiring[t].total),
            qualified: atRisk.withoutExpiring[t].qualified,
          },
        ]),
      ) as Record<Track, { skilling: number; total: number; qualified: boolean }>,
      customersLeavingNextMonth: customersLeaving(report).map((c) => ({
        tenantId: c.tenantId,
        name: c.name,
        drops: c.dropsNextMonth,
      })),
      nextMonth: {
        asOf: atRisk.nextMonth.asOf,
        lastMonth: monthLabel(atRisk.nextMonth.lastMonth),
        projectedFrom: monthLabel(atRisk.nextMonth.from),
        headline: atRisk.nextMonth.headline,
        paths: {
          enterprise: pathSummary(atRisk.nextMonth.paths.enterprise),
          smb: pathSummary(atRisk.nextMonth.paths.smb),
        },
      },
    },
    people: report.people.map((p) => ({
      personId: p.personId,
      name: p.name,
      steps: [...p.steps].sort(),
      certifications: p.certifications.map((c) => ({
        exam: c.rule?.exam ?? c.row.exam,
        ...(c.rule ? { step: c.rule.step } : {}),
        earned: c.row.earned,
        state: c.state,
        ...(c.endsOn ? { endsOn: c.endsOn } : {}),
      })),
    })),
    customers,
    designation: {
      enrolled: data.designation?.enrolled ?? false,
      ...(data.designation?.anniversary ? { anniversary: data.designation.anniversary } : {}),
    },
    specializations: report.specializations,
    certificationPlan: certificationPlanJson(report.certificationPlan),
    simulation: simulationStats(data, report.aggregates, report.paths),
    dataQuality: {
      excludedRows: {
        azure: Object.fromEntries(
          Object.entries(excluded.azure).map(([r, c]) => [
            r,
            { rows: c.rows, usd: centsToUsd(c.cents), text: EXCLUSION_TEXT[r as ExclusionReason] },
          ]),
        ),
        m365: Object.fromEntries(
          Object.entries(excluded.m365).map(([r, c]) => [
            r,
            { rows: c.rows, text: EXCLUSION_TEXT[r as ExclusionReason] },
          ]),
        ),
      },
      unknownNames: report.aggregates.unknownNames,
      warnings: data.warnings,
      azureRowsWithoutOffer: data.azure.rowsWithoutOffer,
      servicesLeftList: report.aggregates.servicesLeftList.map((s) => ({
        service: s.service,
        endsOn: s.endsOn,
        rows: s.rows,
        usd: centsToUsd(s.cents),
      })),
    },
  };
}
