import { addDays, daysBetween } from './calendar';
import type { CertificationStatus, Person } from './certifications';
import type { CertificationRow } from './dataset';
import type { ExpiringCertification } from './atRisk';
import { qualifies, type Paths } from './evaluate';
import { examsForStep, skillingActions, type Action } from './gaps';
import { earnsStep3, skillingPoints } from './metrics/intermediateCertifications';
import { round2, unitsFor, points as toPoints, type Points } from './points';
import { METRICS, TRACKS, type RuleSet, type SkillingStep, type Track } from './rules/types';

/**
 * The certification planner: "who should take which exam?" and "which certifications should we
 * renew?". Pure: people with their valid steps on `asOf` (certifications.ts), both paths' points
 * and the rule set in; exact points out. The exams and the people come from gaps.ts
 * (skillingActions, examsForStep) and the points from the skilling metric itself (skillingPoints,
 * earnsStep3), so the planner holds no rule of its own.
 */

export type ExamAction = Extract<Action, { kind: 'exam' }>;

/** One person's exams within a plan step; `exams` of each entry count for its step on the date. */
export interface Assignment {
  readonly personId?: string;
  /** Numbers the new people of one plan ("New person 1"). */
  readonly newPerson?: number;
  readonly name: string;
  readonly exams: readonly { readonly step: SkillingStep; readonly exams: readonly string[] }[];
}

/**
 * A step of the plan: the exams that together add points on the planned path (or complete a
 * required step), e.g. the two people needed to complete Enterprise step 2.
 */
export interface PlanStep {
  readonly assignments: readonly Assignment[];
  /** The same exams as actions (`whatIf.applyActions` turns them into data). */
  readonly actions: readonly ExamAction[];
  /** Required steps this plan step completes on the planned path. */
  readonly completes: readonly (1 | 2)[];
  /** Points this plan step adds on each path. */
  readonly added: Record<Track, Points>;
  /** Once this and every earlier plan step is done: the skilling metric and the path total. */
  readonly skilling: Record<Track, Points>;
  readonly totals: Record<Track, Points>;
  readonly qualified: Record<Track, boolean>;
}

export interface PathCertificationPlan {
  readonly track: Track;
  /** Most points soonest, until the skilling metric reaches its maximum on this path. */
  readonly steps: readonly PlanStep[];
  readonly exams: number;
}

/** An expiring certification (as at-risk lists them) and what to do about it. */
export interface Renewal extends ExpiringCertification {
  readonly row: CertificationRow;
  /** `renew` the same certification, or `replace` it with one of `exams`: its exam retires before it lapses. */
  readonly how: 'renew' | 'replace';
  /** The exam's retirement date, when it is replaced. */
  readonly retires?: string;
  readonly exams: readonly string[];
  /** Points lost on each path if only this certification lapses (everything else as today). */
  readonly protects: Record<Track, Points>;
}

export interface CertificationPlan {
  readonly paths: Record<Track, PathCertificationPlan>;
  /** Renewals list the certifications that stop counting on or before this day. */
  readonly horizon: string;
  /** `days`: the at-risk horizon (90 days); `anniversary`: the designation's anniversary, when later. */
  readonly horizonBy: 'days' | 'anniversary';
  /** Soonest first. */
  readonly renewals: readonly Renewal[];
  /** Points lost on each path if none of them is renewed. */
  readonly atStake: Record<Track, Points>;
}

// ---- step counts: what the skilling metric's points depend on -------------------------------

interface Counts {
  n1: number;
  n2: number;
  earning: Record<Track, number>;
}

const NO_STEPS: ReadonlySet<SkillingStep> = new Set();

function countsOf(people: readonly Person[], rules: RuleSet): Counts {
  const counts: Counts = { n1: 0, n2: 0, earning: { enterprise: 0, smb: 0 } };
  for (const person of people) change(counts, NO_STEPS, person.steps, rules);
  return counts;
}

/** A person's valid steps change from `before` to `after`. */
function change(
  counts: Counts,
  before: ReadonlySet<SkillingStep>,
  after: ReadonlySet<SkillingStep>,
  rules: RuleSet,
): void {
  counts.n1 += Number(after.has(1)) - Number(before.has(1));
  counts.n2 += Number(after.has(2)) - Number(before.has(2));
  for (const track of TRACKS) {
    const rule = rules.metrics.intermediateCertifications[track];
    counts.earning[track] += Number(earnsStep3(rule, after)) - Number(earnsStep3(rule, before));
  }
}

const copy = (c: Counts): Counts => ({ n1: c.n1, n2: c.n2, earning: { ...c.earning } });

function skillingOf(counts: Counts, track: Track, rules: RuleSet): Points {
  const metric = rules.metrics.intermediateCertifications;
  return skillingPoints(metric[track], metric.max, counts.n1, counts.n2, counts.earning[track]);
}

const perTrack = <T>(f: (track: Track) => T): Record<Track, T> =>
  ({ enterprise: f('enterprise'), smb: f('smb') }) as Record<Track, T>;

// ---- who should take which exam ---------------------------------------------------------------

const keyOf = (a: ExamAction): string => a.personId ?? `new:${a.newPerson}`;

function assignmentsOf(actions: readonly ExamAction[]): Assignment[] {
  const byPerson = new Map<string, { head: ExamAction; exams: Assignment['exams'][number][] }>();
  for (const action of actions) {
    const entry = byPerson.get(keyOf(action)) ?? { head: action, exams: [] };
    entry.exams.push({ step: action.step, exams: action.exams });
    byPerson.set(keyOf(action), entry);
  }
  return [...byPerson.values()].map(({ head, exams }) => ({
    ...(head.personId !== undefined ? { personId: head.personId } : { newPerson: head.newPerson }),
    name: head.personId !== undefined ? (head.personName ?? head.personId) : `New person ${head.newPerson}`,
    exams,
  }));
}

interface Simulation {
  readonly steps: PlanStep[];
  /** The planned path's skilling points after each exam. */
  readonly curve: Points[];
}

/**
 * Applies the exams one by one and cuts them into plan steps: a plan step ends when the planned
 * path gains points or a required step becomes complete. Exams after the last gain are dropped.
 */
function simulate(
  actions: readonly ExamAction[],
  people: readonly Person[],
  paths: Paths,
  rules: RuleSet,
  track: Track,
): Simulation {
  // Steps of the people the exams change; everyone else keeps the steps they hold today.
  const today = new Map(people.map((p) => [p.personId, p.steps]));
  const changed = new Map<string, ReadonlySet<SkillingStep>>();
  const counts = countsOf(people, rules);
  const rule = rules.metrics.intermediateCertifications[track];
  const complete = (): [boolean, boolean] => [
    counts.n1 >= rule.step1.minPeople,
    counts.n2 >= rule.step2.minPeople,
  ];
  const others = perTrack((t) => paths[t].total.sub(paths[t].metrics.intermediateCertifications.points));
  const steps: PlanStep[] = [];
  const curve: Points[] = [];
  let pending: ExamAction[] = [];
  let groupStart = perTrack((t) => skillingOf(counts, t, rules));
  let completeAtStart = complete();
  for (const action of actions) {
    const before = skillingOf(counts, track, rules);
    const had = changed.get(keyOf(action)) ?? today.get(action.personId ?? '') ?? NO_STEPS;
    const has = new Set(had).add(action.step);
    change(counts, had, has, rules);
    changed.set(keyOf(action), has);
    pending.push(action);
    const after = skillingOf(counts, track, rules);
    curve.push(after);
    const [c1, c2] = complete();
    const completes = [
      ...(c1 && !completeAtStart[0] ? [1 as const] : []),
      ...(c2 && !completeAtStart[1] ? [2 as const] : []),
    ];
    if (after.compare(before) <= 0 && completes.length === 0) continue;
    const skilling = perTrack((t) => skillingOf(counts, t, rules));
    steps.push({
      assignments: assignmentsOf(pending),
      actions: pending,
      completes,
      added: perTrack((t) => skilling[t].sub(groupStart[t])),
      skilling,
      totals: perTrack((t) => others[t].add(skilling[t])),
      qualified: perTrack((t) =>
        qualifies(
          METRICS.map((m) => (m === 'intermediateCertifications' ? skilling[t] : paths[t].metrics[m].points)),
          rules,
        ),
      ),
    });
    pending = [];
    groupStart = skilling;
    completeAtStart = [c1, c2];
  }
  while (steps.length > 0 && steps[steps.length - 1]!.added[track].compare(0) <= 0) steps.pop();
  return { steps, curve };
}

/** Compares two running-points curves: the one ahead at the first exam where they differ is better. */
function compareCurves(a: readonly Points[], b: readonly Points[]): number {
  const at = (c: readonly Points[], i: number): Points | undefined => c[Math.min(i, c.length - 1)];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = at(a, i);
    const y = at(b, i);
    if (!x || !y) return x ? 1 : y ? -1 : 0;
    const cmp = x.compare(y);
    if (cmp !== 0) return cmp;
  }
  return 0;
}

/**
 * The exams that add the most points soonest on one path, up to the skilling maximum: the required
 * steps completed first (by people who already hold the other step when that costs no more), then
 * step 3 by people who already hold a step-1 or step-2 certification, then new people.
 */
export function pathCertificationPlan(
  people: readonly Person[],
  paths: Paths,
  rules: RuleSet,
  asOf: string,
  track: Track,
): PathCertificationPlan {
  const metric = rules.metrics.intermediateCertifications;
  const seats = unitsFor(toPoints(metric.max), metric[track].step3.pointsPerPerson);
  // Seating already-certified people first is friendlier; kept unless the other way earns sooner.
  let best: Simulation | undefined;
  for (const preferCertified of [true, false]) {
    const { actions } = skillingActions(people, track, rules, asOf, true, true, seats, preferCertified);
    const exams = actions.filter((a): a is ExamAction => a.kind === 'exam');
    const simulation = simulate(exams, people, paths, rules, track);
    if (!best || compareCurves(simulation.curve, best.curve) > 0) best = simulation;
  }
  const steps = best!.steps;
  return { track, steps, exams: steps.reduce((n, s) => n + s.actions.length, 0) };
}

// ---- renewals ---------------------------------------------------------------------------------

function renewalHorizon(
  asOf: string,
  rules: RuleSet,
  anniversary: string | undefined,
): Pick<CertificationPlan, 'horizon' | 'horizonBy'> {
  const days = addDays(asOf, rules.atRisk.certificationHorizonDays);
  return anniversary && anniversary > days
    ? { horizon: anniversary, horizonBy: 'anniversary' }
    : { horizon: days, horizonBy: 'days' };
}

/**
 * A certification is renewed before it lapses; one whose exam retires before then (AZ-500) is
 * replaced by an exam of the same step that counts on the date.
 */
function renewal(
  status: CertificationStatus,
  rules: RuleSet,
  asOf: string,
): Pick<Renewal, 'how' | 'exams' | 'retires'> {
  const rule = status.rule!;
  return rule.retires !== undefined && rule.retires < status.endsOn!
    ? {
        how: 'replace',
        retires: rule.retires,
        exams: examsForStep(rules, rule.step, asOf).filter((e) => e !== rule.exam),
      }
    : { how: 'renew', exams: [rule.exam] };
}

function renewals(
  people: readonly Person[],
  rules: RuleSet,
  asOf: string,
  horizon: string,
): Pick<CertificationPlan, 'renewals' | 'atStake'> {
  const today = countsOf(people, rules);
  const now = perTrack((t) => skillingOf(today, t, rules));
  const noneRenewed = copy(today);
  const list: Renewal[] = [];
  for (const person of people) {
    const valid = person.certifications.filter((s) => s.state === 'valid' && s.rule && s.endsOn);
    const lapsing = valid.filter((s) => s.endsOn! <= horizon);
    if (lapsing.length === 0) continue;
    const stepsWithout = (gone: (s: CertificationStatus) => boolean): Set<SkillingStep> =>
      new Set(valid.filter((s) => !gone(s)).map((s) => s.rule!.step));
    change(
      noneRenewed,
      person.steps,
      stepsWithout((s) => lapsing.includes(s)),
      rules,
    );
    for (const status of lapsing) {
      const without = copy(today);
      change(
        without,
        person.steps,
        stepsWithout((s) => s === status),
        rules,
      );
      list.push({
        row: status.row,
        personId: person.personId,
        personName: person.name,
        exam: status.rule!.exam,
        step: status.rule!.step,
        endsOn: status.endsOn!,
        endsBy: status.endsBy ?? 'expiry',
        daysLeft: daysBetween(asOf, status.endsOn!),
        ...renewal(status, rules, asOf),
        protects: perTrack((t) => now[t].sub(skillingOf(without, t, rules))),
      });
    }
  }
  list.sort(
    (a, b) =>
      a.endsOn.localeCompare(b.endsOn) ||
      a.personName.localeCompare(b.personName) ||
      a.exam.localeCompare(b.exam),
  );
  return { renewals: list, atStake: perTrack((t) => now[t].sub(skillingOf(noneRenewed, t, rules))) };
}

/**
 * Both paths' exam plans and the renewals: certifications that stop counting within the at-risk
 * horizon (90 days), or before the designation's anniversary when that is later, each with the
 * points it protects.
 */
export function certificationPlan(
  people: readonly Person[],
  paths: Paths,
  rules: RuleSet,
  asOf: string,
  anniversary?: string,
): CertificationPlan {
  const horizon = renewalHorizon(asOf, rules, anniversary);
  return {
    paths: perTrack((t) => pathCertificationPlan(people, paths, rules, asOf, t)),
    ...horizon,
    ...renewals(people, rules, asOf, horizon.horizon),
  };
}

// ---- JSON (the snapshot head carries it; points rounded to two decimals) ----------------------

export interface CertificationPlanJson {
  readonly paths: Record<
    Track,
    {
      readonly exams: number;
      readonly steps: readonly {
        readonly assignments: readonly Assignment[];
        readonly completes: readonly (1 | 2)[];
        readonly added: Record<Track, number>;
        readonly skilling: Record<Track, number>;
        readonly totals: Record<Track, number>;
        readonly qualified: Record<Track, boolean>;
      }[];
    }
  >;
  readonly horizon: string;
  readonly horizonBy: 'days' | 'anniversary';
  /** Every renewal that protects points, then the soonest others, at most `limit`; soonest first. */
  readonly renewals: readonly (Omit<Renewal, 'row' | 'protects'> & { protects: Record<Track, number> })[];
  readonly renewalCount: number;
  readonly atStake: Record<Track, number>;
}

const rounded = (r: Record<Track, Points>): Record<Track, number> => perTrack((t) => round2(r[t]));

export function certificationPlanJson(plan: CertificationPlan, limit = 50): CertificationPlanJson {
  const protecting = plan.renewals.filter((r) => TRACKS.some((t) => r.protects[t].compare(0) > 0));
  const others = plan.renewals.filter((r) => !protecting.includes(r));
  const kept = new Set([...protecting, ...others].slice(0, limit));
  return {
    paths: perTrack((t) => ({
      exams: plan.paths[t].exams,
      steps: plan.paths[t].steps.map((s) => ({
        assignments: s.assignments,
        completes: s.completes,
        added: rounded(s.added),
        skilling: rounded(s.skilling),
        totals: rounded(s.totals),
        qualified: s.qualified,
      })),
    })),
    horizon: plan.horizon,
    horizonBy: plan.horizonBy,
    renewals: plan.renewals
      .filter((r) => kept.has(r))
      .map((r) => ({
        personId: r.personId,
        personName: r.personName,
        exam: r.exam,
        step: r.step,
        endsOn: r.endsOn,
        endsBy: r.endsBy,
        daysLeft: r.daysLeft,
        how: r.how,
        ...(r.retires ? { retires: r.retires } : {}),
        exams: r.exams,
        protects: rounded(r.protects),
      })),
    renewalCount: plan.renewals.length,
    atStake: rounded(plan.atStake),
  };
}
