import type { Person } from './certifications';
import type { PathEvaluation } from './evaluate';
import { formatUsdShort } from './money';
import {
  earnsStep3,
  skillingPoints,
  type IntermediateCertificationsResult,
} from './metrics/intermediateCertifications';
import type { SideCounts } from './metrics/types';
import { capped, points as toPoints, unitsFor, type Points } from './points';
import type { MetricName, RuleSet, SkillingStep, Track } from './rules/types';

/**
 * Missing requirements (rules §5). For every metric, the reachable point levels above today's,
 * each with the fewest additions that reach it. One addition is one net customer, one exam passed
 * (by someone already certified, or one new certified person), one net deployment, or one
 * usage-growth point's worth of ACR or protected users.
 */

export type Side = 'azure' | 'm365';

export type Action =
  | { readonly kind: 'netCustomer'; readonly side: Side; readonly count: number }
  | { readonly kind: 'deployment'; readonly side: Side; readonly count: number }
  | { readonly kind: 'azureGrowth'; readonly cents: number; readonly units: number }
  | { readonly kind: 'protectedUsersGrowth'; readonly users: number; readonly units: number }
  | {
      readonly kind: 'exam';
      readonly step: SkillingStep;
      /** Exams that complete the step (not retired on the evaluation date), first is suggested. */
      readonly exams: readonly string[];
      /** An existing person, or absent for a new person. */
      readonly personId?: string;
      readonly personName?: string;
      /** Numbers new people within one plan: "new person 1" needs two exams on Enterprise. */
      readonly newPerson?: number;
    };

export interface Level {
  readonly points: Points;
  readonly additions: number;
  readonly actions: readonly Action[];
}

export interface MetricGap {
  readonly metric: MetricName;
  readonly points: Points;
  readonly max: number;
  /** Met = at least the minimum points per metric. */
  readonly met: boolean;
  /** Cheapest way to earn more than today's points; absent at the max. */
  readonly nextPoint?: Level;
  /** Cheapest way to reach the max; absent at the max. */
  readonly toMax?: Level;
  /** Every reachable level above today's, fewest additions first (Pareto: more additions, more points). */
  readonly levels: readonly Level[];
}

/** Keep only levels that add points over every cheaper level. */
function pareto(levels: Level[], current: Points): Level[] {
  levels.sort((a, b) => a.additions - b.additions || b.points.compare(a.points));
  const kept: Level[] = [];
  let best = current;
  for (const level of levels) {
    if (level.points.compare(best) > 0) {
      kept.push(level);
      best = level.points;
    }
  }
  return kept;
}

/**
 * Two sides (Azure, M365), each with a net that may be negative and is floored at 0 (I-2). To gain
 * `units` counted units in total, the cheapest split: cost on a side is `target − net` once the
 * target exceeds the floored net.
 */
export function cheapestSplit(
  netA: number,
  netM: number,
  units: number,
): { a: number; m: number; cost: number } {
  const baseA = Math.max(0, netA);
  const baseM = Math.max(0, netM);
  const need = baseA + baseM + units;
  // On equal cost, grow the side that already earns more: that is where the partner does business.
  const preferAzure = baseA > baseM;
  let best = { a: 0, m: 0, cost: Infinity };
  for (let targetA = baseA; targetA <= need - baseM; targetA++) {
    const targetM = Math.max(baseM, need - targetA);
    const cost = (targetA > baseA ? targetA - netA : 0) + (targetM > baseM ? targetM - netM : 0);
    if (cost < best.cost || (cost === best.cost && preferAzure)) {
      best = { a: targetA > baseA ? targetA - netA : 0, m: targetM > baseM ? targetM - netM : 0, cost };
    }
  }
  return best;
}

function countLevels(
  kind: 'netCustomer' | 'deployment',
  azure: SideCounts,
  m365: SideCounts,
  perUnit: readonly [number, number],
  max: number,
): Level[] {
  const counted = azure.counted + m365.counted;
  const maxUnits = unitsFor(toPoints(max), perUnit);
  const levels: Level[] = [];
  for (let extra = 1; counted + extra <= maxUnits; extra++) {
    const split = cheapestSplit(azure.net, m365.net, extra);
    const actions: Action[] = [];
    if (split.a > 0) actions.push({ kind, side: 'azure', count: split.a });
    if (split.m > 0) actions.push({ kind, side: 'm365', count: split.m });
    levels.push({ points: capped(perUnit, counted + extra, max), additions: split.cost, actions });
  }
  return levels;
}

function growthLevels(path: PathEvaluation): Level[] {
  const { azure, m365, max } = path.metrics.usageGrowth;
  const counted = azure.points + m365.points;
  const levels: Level[] = [];
  // The "net" of a side in points: floor(growth / unit), negative when usage fell.
  const netA = Math.floor(azure.growth / azure.perPoint);
  const netM = Math.floor(m365.growth / m365.perPoint);
  for (let extra = 1; counted + extra <= max; extra++) {
    const split = cheapestSplit(netA, netM, extra);
    const actions: Action[] = [];
    if (split.a > 0) {
      const target = netA + split.a;
      actions.push({ kind: 'azureGrowth', cents: target * azure.perPoint - azure.growth, units: split.a });
    }
    if (split.m > 0) {
      const target = netM + split.m;
      actions.push({
        kind: 'protectedUsersGrowth',
        users: target * m365.perPoint - m365.growth,
        units: split.m,
      });
    }
    levels.push({ points: toPoints(Math.min(max, counted + extra)), additions: split.cost, actions });
  }
  return levels;
}

/** Exams of a step that can still be taken on `date` (not retired), in rule-set order. */
export function examsForStep(rules: RuleSet, step: SkillingStep, date: string): string[] {
  return rules.certifications
    .filter((c) => c.step === step && !(c.retires && c.retires < date))
    .map((c) => c.exam);
}

interface Candidate {
  readonly personId?: string;
  readonly personName?: string;
  readonly newPerson?: number;
  readonly steps: Set<SkillingStep>;
}

/**
 * The fewest exams that complete the chosen required steps and bring the step-3 people who earn
 * points to `step3Target`. Enterprise ("same as step 1 or step 2"): a step-3 holder without step 1
 * or 2 first takes the missing required exam (one exam both completes a step and unlocks their
 * step 3); new or uncertified people fill the remaining required seats, so that they can later take
 * a step-3 exam for one more exam each. Verified minimal against a brute force in the tests.
 */
export function skillingActions(
  people: readonly Person[],
  track: Track,
  rules: RuleSet,
  date: string,
  complete1: boolean,
  complete2: boolean,
  step3Target: number,
  /** Seat people who already hold the other required step before new people (equal cost is checked by the caller). */
  preferCertified = false,
): { actions: Action[]; points: Points } {
  const rule = rules.metrics.intermediateCertifications[track];
  const requires = rule.step3.requiresStep1Or2;
  const earns = (steps: ReadonlySet<SkillingStep>): boolean => earnsStep3(rule, steps);
  // Counts over everyone; candidates only the first few of each combination of steps, since no plan
  // seats more people of one kind than the steps and the cap can use.
  const held = { 1: 0, 2: 0, 3: 0 };
  let earning = 0;
  const perKind = new Map<string, number>();
  const seats = unitsFor(toPoints(rules.metrics.intermediateCertifications.max), rule.step3.pointsPerPerson);
  const keep = seats + rule.step1.minPeople + rule.step2.minPeople;
  const pool: Candidate[] = [];
  for (const p of people) {
    for (const step of p.steps) held[step] += 1;
    if (earns(p.steps)) earning += 1;
    const kind = [...p.steps].sort().join();
    const seen = perKind.get(kind) ?? 0;
    perKind.set(kind, seen + 1);
    if (seen < keep) pool.push({ personId: p.personId, personName: p.name, steps: new Set(p.steps) });
  }
  const actions: Action[] = [];
  let newPeople = 0;
  const take = (c: Candidate, step: SkillingStep): void => {
    const before = earns(c.steps);
    if (!c.steps.has(step)) held[step] += 1;
    c.steps.add(step);
    earning += Number(earns(c.steps)) - Number(before);
    actions.push({
      kind: 'exam',
      step,
      exams: examsForStep(rules, step, date),
      ...(c.personId !== undefined
        ? { personId: c.personId, personName: c.personName }
        : { newPerson: c.newPerson }),
    });
  };
  const newcomer = (): Candidate => {
    const c: Candidate = { newPerson: ++newPeople, steps: new Set() };
    pool.push(c);
    return c;
  };
  const count = (step: SkillingStep): number => held[step];

  const fill = (step: 1 | 2, wanted: boolean, minPeople: number): void => {
    if (!wanted) return;
    while (count(step) < minPeople) {
      const stranded = requires
        ? pool.find((c) => c.steps.has(3) && !c.steps.has(1) && !c.steps.has(2))
        : undefined;
      const uncertified = pool.find((c) => c.personId !== undefined && c.steps.size === 0);
      const other = requires && !preferCertified ? undefined : pool.find((c) => !c.steps.has(step));
      take(stranded ?? uncertified ?? other ?? newcomer(), step);
    }
  };
  fill(1, complete1, rule.step1.minPeople);
  fill(2, complete2, rule.step2.minPeople);

  if (complete1 && complete2) {
    while (earning < step3Target) {
      const holdsRequired = pool.find((c) => !c.steps.has(3) && (c.steps.has(1) || c.steps.has(2)));
      if (holdsRequired) {
        take(holdsRequired, 3);
        continue;
      }
      if (requires) {
        const stranded = pool.find((c) => c.steps.has(3) && !c.steps.has(1) && !c.steps.has(2));
        if (stranded) {
          take(stranded, count(1) <= count(2) ? 1 : 2);
          continue;
        }
        const fresh = pool.find((c) => c.personId !== undefined && c.steps.size === 0) ?? newcomer();
        take(fresh, count(1) <= count(2) ? 1 : 2);
        take(fresh, 3);
      } else {
        take(pool.find((c) => !c.steps.has(3)) ?? newcomer(), 3);
      }
    }
  }
  return {
    actions,
    points: skillingPoints(rule, rules.metrics.intermediateCertifications.max, held[1], held[2], earning),
  };
}

/** Skilling levels above today's (before the Pareto filter) for one track. */
export function skillingLevels(
  metric: IntermediateCertificationsResult,
  people: readonly Person[],
  rules: RuleSet,
  date: string,
): Level[] {
  const rule = rules.metrics.intermediateCertifications[metric.track];
  const maxStep3 = unitsFor(toPoints(metric.max), rule.step3.pointsPerPerson);
  const levels: Level[] = [];
  for (const c1 of metric.step1Complete ? [true] : [false, true]) {
    for (const c2 of metric.step2Complete ? [true] : [false, true]) {
      const targets = c1 && c2 ? Array.from({ length: maxStep3 + 1 }, (_, k) => k) : [0];
      for (const k of targets) {
        // Seating already-certified people is friendlier; it is kept only when it costs no more exams.
        for (const preferCertified of [true, false]) {
          const { actions, points } = skillingActions(
            people,
            metric.track,
            rules,
            date,
            c1,
            c2,
            k,
            preferCertified,
          );
          if (actions.length > 0) levels.push({ points, additions: actions.length, actions });
        }
      }
    }
  }
  return pareto(levels, metric.points);
}

/** Reachable levels above today's for one metric of one path. */
export function metricLevels(
  path: PathEvaluation,
  metric: MetricName,
  people: readonly Person[],
  rules: RuleSet,
  date: string,
): Level[] {
  const m = path.metrics;
  let levels: Level[];
  switch (metric) {
    case 'netCustomerAdds':
      levels = countLevels(
        'netCustomer',
        m.netCustomerAdds.azure,
        m.netCustomerAdds.m365,
        rules.metrics.netCustomerAdds.pointsPerNetAdd[path.track],
        m.netCustomerAdds.max,
      );
      break;
    case 'deployments':
      levels = countLevels(
        'deployment',
        m.deployments.azure,
        m.deployments.m365,
        rules.metrics.deployments.pointsPerNetDeployment[path.track],
        m.deployments.max,
      );
      break;
    case 'usageGrowth':
      levels = growthLevels(path);
      break;
    case 'intermediateCertifications':
      levels = skillingLevels(m.intermediateCertifications, people, rules, date);
      break;
  }
  return pareto(levels, m[metric].points);
}

export function metricGaps(
  path: PathEvaluation,
  people: readonly Person[],
  rules: RuleSet,
  date: string,
): MetricGap[] {
  return (['netCustomerAdds', 'intermediateCertifications', 'deployments', 'usageGrowth'] as const).map(
    (metric) => {
      const result = path.metrics[metric];
      const levels = metricLevels(path, metric, people, rules, date);
      const top = levels[levels.length - 1];
      return {
        metric,
        points: result.points,
        max: result.max,
        met: result.points.compare(rules.qualification.minPointsPerMetric) >= 0,
        ...(levels[0] ? { nextPoint: levels[0] } : {}),
        ...(top && top.points.compare(result.max) >= 0 ? { toMax: top } : {}),
        levels,
      };
    },
  );
}

/** One line for an action, e.g. "3 more net Azure customers (≥ $600 Security ACR in 12 months)". */
export function describeAction(action: Action, track: Track, rules: RuleSet): string {
  const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
  switch (action.kind) {
    case 'netCustomer':
      return action.side === 'azure'
        ? `${plural(action.count, 'more net Azure customer', 'more net Azure customers')} (≥ ${formatUsdShort(rules.azureCents.qualifyingCustomerMin)} eligible Security ACR over 12 months)`
        : `${plural(action.count, 'more net Microsoft 365 customer', 'more net Microsoft 365 customers')} (${track === 'enterprise' ? `a workload with > ${rules.m365.enterpriseMinPaidExclusive}` : `a workload with ${rules.m365.smbMinPaid}–${rules.m365.smbMaxPaid}`} paid licenses)`;
    case 'deployment':
      return action.side === 'azure'
        ? `${plural(action.count, 'more net Azure deployment', 'more net Azure deployments')} (${track === 'enterprise' ? `> ${formatUsdShort(rules.azureCents.enterpriseMinExclusive)}` : `${formatUsdShort(rules.azureCents.smbDeploymentMin)}–${formatUsdShort(rules.azureCents.enterpriseMinExclusive)}`} Security ACR over 12 months)`
        : `${plural(action.count, 'more net Microsoft 365 deployment', 'more net Microsoft 365 deployments')} (≥ ${rules.m365.deploymentMinActivePercent}% of ${track === 'enterprise' ? `> ${rules.m365.enterpriseMinPaidExclusive}` : `${rules.m365.smbMinPaid}–${rules.m365.smbMaxPaid}`} paid licenses active)`;
    case 'azureGrowth':
      return `${formatUsdShort(action.cents)} more Security ACR growth (last 12 months vs the 12 months a year earlier)`;
    case 'protectedUsersGrowth':
      return `${action.users.toLocaleString('en-US')} more protected users (active licenses, last month vs a year earlier)`;
    case 'exam': {
      const who =
        action.personId !== undefined
          ? (action.personName ?? action.personId)
          : `New person ${action.newPerson}`;
      return `${who} passes ${action.exams.join(' or ')} (step ${action.step})`;
    }
  }
}
