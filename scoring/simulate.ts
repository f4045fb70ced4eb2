import { acrTtm, aggregate, type Aggregates } from './aggregate';
import { lastMonthOf, monthLabel } from './calendar';
import { certificationLookup, certificationStatus, type CertificationState } from './certifications';
import { m365Deployed, protectedUsers } from './classify';
import {
  normalizeName,
  validateDataset,
  type AzureRow,
  type M365Row,
  type NormalizedDataset,
  type PartnerDataset,
} from './dataset';
import { headlineOf, qualifies, type Paths } from './evaluate';
import { examsForStep, type Action } from './gaps';
import { deployments, deploymentsPoints } from './metrics/deployments';
import { earnsStep3, skillingPoints } from './metrics/intermediateCertifications';
import { netCustomerAdds, netCustomerAddsPoints } from './metrics/netCustomerAdds';
import { countedOf } from './metrics/types';
import { growthPoints, usageGrowth, usageGrowthPoints } from './metrics/usageGrowth';
import { formatUsdShort } from './money';
import { ZERO, type Points } from './points';
import { ruleSetFor } from './rules';
import { METRICS, TRACKS, type MetricName, type RuleSet, type SkillingStep, type Track } from './rules/types';
import { applyActions, type CustomerGrowth } from './whatIf';

/**
 * The what-if simulator (issue 7): "what if we add 2 customers and Dana passes SC-200?" answered
 * from the sufficient statistics of each metric, kept in the snapshot head at import, without
 * reading or re-scoring the partner's rows. Every simulated figure equals what re-scoring the
 * changed data gives: the data meaning of each addition is `simulationActions` (applied with
 * `applyActions`), and test/scoring/simulate.test.ts checks simulate against re-scoring for random
 * datasets and additions.
 *
 * What each addition means in data, per path (all rows in month L, the last month):
 * - Azure customers: one new tenant each with $600 of eligible Security ACR (a qualifying customer;
 *   on SMB its $600 also counts as SMB Security ACR).
 * - Microsoft 365 customers: one new tenant each with an eligible workload of > 300 paid licenses
 *   (Enterprise) or 5 (SMB), none active yet (no deployment, no protected users).
 * - Azure deployments: one new tenant each with $12,000.01 (Enterprise) or $750 (SMB): also a new
 *   qualifying customer and Security ACR of the path.
 * - Microsoft 365 deployments: one new tenant each with 301 (Enterprise) or 5 (SMB) paid licenses,
 *   15% of them active: also a new customer, and those active licenses are protected users.
 * - Security ACR growth ($): more usage by existing customers that already count as deployments on
 *   the path (Enterprise: > $12,000; SMB: $750 … $12,000, up to $12,000 each so they stay SMB), so no
 *   other metric moves; what they cannot take goes to new customers as the plan does (Enterprise:
 *   one of at least $12,000.01; SMB: up to $12,000 each), which then count as customers too.
 * - Protected users: a new fully active workload row (paid = active) at an existing customer that
 *   already counts as a Microsoft 365 deployment with protected users on the path; without one, new
 *   customers as the plan does.
 * - Certified people per step: new people, each passing the first exam of that step that can be
 *   taken on the date (Enterprise: a new step-3 person alone earns nothing — "same as step 1 or 2").
 * - A named person passing a named exam: a certification earned on `asOf`, read with the same rules
 *   as the data (its step on the date, expiry, retirement: an exam passed after its retirement
 *   does not count).
 */

/** Customers counted on one side now (L, or the window ending at L) and a year before. */
export interface SideStats {
  readonly current: number;
  readonly previous: number;
}

export interface GrowthTarget {
  readonly tenantId: string;
  readonly name: string;
}

/** The sufficient statistics of one path: the metrics' points depend on nothing else. */
export interface PathStats {
  readonly netCustomerAdds: { readonly azure: SideStats; readonly m365: SideStats };
  readonly deployments: { readonly azure: SideStats; readonly m365: SideStats };
  readonly usageGrowth: {
    readonly azureNowCents: number;
    readonly azureYearAgoCents: number;
    readonly usersNow: number;
    readonly usersYearAgo: number;
  };
  /** Existing customers that take usage growth without moving another metric of this path. */
  readonly growthInto: {
    /** Azure: at most one on Enterprise (no limit), a few on SMB with the cents each can take. */
    readonly azure: readonly (GrowthTarget & { readonly headroomCents?: number })[];
    readonly m365?: GrowthTarget & { readonly workload: string; readonly association: string };
  };
}

/** Kept in the snapshot head (`simulation`): a few hundred bytes; people come from the head's `people`. */
export interface SimulationStats {
  readonly version: 1;
  readonly paths: Record<Track, PathStats>;
}

/** A person as the head lists them: the steps of their valid certifications on `asOf`. */
export interface SimulationPerson {
  readonly personId: string;
  readonly name: string;
  readonly steps: readonly number[];
}

export interface SimulationBase {
  readonly asOf: string;
  readonly rules: RuleSet;
  readonly stats: SimulationStats;
  readonly people: readonly SimulationPerson[];
}

/** What the simulator can add. Counts are whole numbers ≥ 0; absent means 0. */
export interface Additions {
  readonly azureCustomers?: number;
  readonly m365Customers?: number;
  readonly azureDeployments?: number;
  readonly m365Deployments?: number;
  /** Security ACR growth in cents. */
  readonly securityAcrCents?: number;
  readonly protectedUsers?: number;
  /** New people per step, each passing one exam of that step. */
  readonly newPeople?: Partial<Record<SkillingStep, number>>;
  /** Named people passing named exams (exam code, title or alias). */
  readonly exams?: readonly { readonly personId: string; readonly exam: string }[];
}

export interface SimulatedPath {
  readonly total: Points;
  readonly qualified: boolean;
  readonly metrics: Record<MetricName, Points>;
}

export interface SimulatedScore {
  readonly headline: Track;
  readonly paths: Record<Track, SimulatedPath>;
}

/** How a named exam was read on the date. */
export interface ExamReading {
  readonly personId: string;
  readonly name: string;
  /** False when the person is not in the data (a new person). */
  readonly known: boolean;
  readonly exam: string;
  readonly step: SkillingStep;
  /** `valid` when it counts on the date. */
  readonly state: CertificationState;
  readonly retires?: string;
}

export interface Simulation {
  readonly asOf: string;
  readonly today: SimulatedScore;
  readonly simulated: SimulatedScore;
  /** What the additions are in data on each path, in words. */
  readonly shapes: Record<Track, readonly string[]>;
  readonly exams: readonly ExamReading[];
}

export type SimulationErrorCode =
  'NO_SIMULATION_DATA' | 'RULES_CHANGED' | 'INVALID_ADDITION' | 'UNKNOWN_EXAM' | 'NO_EXAM_FOR_STEP';

export class SimulationError extends Error {
  constructor(
    readonly code: SimulationErrorCode,
    message: string,
  ) {
    super(message);
  }
}

// ---- the statistics, at scoring time ---------------------------------------------------------

/** Azure customers offered for SMB growth: the few with the most room below $12,000. */
const SMB_AZURE_TARGETS = 5;
/** Microsoft 365 customers looked at for a free workload row. */
const M365_CANDIDATES = 4;

const sideStats = (s: { current: readonly number[]; previous: readonly number[] }): SideStats => ({
  current: s.current.length,
  previous: s.previous.length,
});

function azureTargets(
  data: NormalizedDataset,
  agg: Aggregates,
  paths: Paths,
  track: Track,
): PathStats['growthInto']['azure'] {
  const L = agg.lastMonth;
  const tenants = paths[track].metrics.usageGrowth.azure.tenantsNow;
  const target = (t: number): GrowthTarget => ({
    tenantId: data.tenants.ids[t]!,
    name: data.tenants.names[t]!,
  });
  if (track === 'enterprise') return tenants.length > 0 ? [target(tenants[0]!)] : [];
  // SMB: $750 … $12,000 now (a customer and a deployment already), room up to $12,000.
  const { smbDeploymentMin, enterpriseMinExclusive } = agg.rules.azureCents;
  return tenants
    .map((t) => ({ t, acr: acrTtm(agg, t, L) }))
    .filter(({ acr }) => acr >= smbDeploymentMin && acr < enterpriseMinExclusive)
    .sort((a, b) => a.acr - b.acr || a.t - b.t)
    .slice(0, SMB_AZURE_TARGETS)
    .map(({ t, acr }) => ({ ...target(t), headroomCents: enterpriseMinExclusive - acr }));
}

function m365Targets(
  data: NormalizedDataset,
  agg: Aggregates,
  paths: Paths,
): Record<Track, PathStats['growthInto']['m365']> {
  const L = agg.lastMonth;
  const rules = agg.rules;
  const candidates = Object.fromEntries(
    TRACKS.map((track) => [
      track,
      paths[track].metrics.usageGrowth.m365.tenantsNow
        .filter((t) => m365Deployed(agg, track, t, L))
        .slice(0, M365_CANDIDATES),
    ]),
  ) as Record<Track, number[]>;
  const wanted = new Set([...candidates.enterprise, ...candidates.smb]);
  // The (workload, association) pairs each candidate already has in L: a second row would be a duplicate.
  const used = new Map<number, Set<string>>();
  const ms = data.m365;
  if (wanted.size > 0) {
    for (let i = 0; i < ms.length; i++) {
      const t = ms.tenant[i]!;
      if (ms.month[i] !== L || !wanted.has(t)) continue;
      let set = used.get(t);
      if (!set) used.set(t, (set = new Set()));
      set.add(`${ms.workloads.keys[ms.workload[i]!]}|${ms.associations.keys[ms.association[i]!]}`);
    }
  }
  const workloads = rules.m365.workloads.filter((w) => !w.effectiveFrom && !w.eligibleUntil);
  const pick = (track: Track): PathStats['growthInto']['m365'] => {
    for (const t of candidates[track]) {
      for (const workload of workloads) {
        for (const association of rules.m365.associations) {
          const key = `${normalizeName(workload.name)}|${normalizeName(association)}`;
          if (used.get(t)?.has(key)) continue;
          return {
            tenantId: data.tenants.ids[t]!,
            name: data.tenants.names[t]!,
            workload: workload.name,
            association,
          };
        }
      }
    }
    return undefined;
  };
  return { enterprise: pick('enterprise'), smb: pick('smb') };
}

/** The statistics kept in the snapshot head, from one scoring run. */
export function simulationStats(data: NormalizedDataset, agg: Aggregates, paths: Paths): SimulationStats {
  const m365 = m365Targets(data, agg, paths);
  const pathStats = (track: Track): PathStats => {
    const m = paths[track].metrics;
    const into = m365[track];
    return {
      netCustomerAdds: {
        azure: sideStats(m.netCustomerAdds.azure),
        m365: sideStats(m.netCustomerAdds.m365),
      },
      deployments: { azure: sideStats(m.deployments.azure), m365: sideStats(m.deployments.m365) },
      usageGrowth: {
        azureNowCents: m.usageGrowth.azure.now,
        azureYearAgoCents: m.usageGrowth.azure.yearAgo,
        usersNow: m.usageGrowth.m365.now,
        usersYearAgo: m.usageGrowth.m365.yearAgo,
      },
      growthInto: { azure: azureTargets(data, agg, paths, track), ...(into ? { m365: into } : {}) },
    };
  };
  return { version: 1, paths: { enterprise: pathStats('enterprise'), smb: pathStats('smb') } };
}

/**
 * The base from a snapshot head or a score result: the stored statistics, the people with their
 * steps, the rule set in force on `asOf` (the one the snapshot was made with, else refused).
 */
export function simulationBase(source: {
  readonly asOf: string;
  readonly ruleSet: { readonly id: string; readonly version: string };
  readonly simulation?: SimulationStats;
  readonly people: readonly SimulationPerson[];
}): SimulationBase {
  if (!source.simulation || source.simulation.version !== 1)
    throw new SimulationError(
      'NO_SIMULATION_DATA',
      'This data version was imported before the what-if simulator existed: import the data again to simulate.',
    );
  const rules = ruleSetFor(source.asOf);
  if (rules.id !== source.ruleSet.id || rules.version !== source.ruleSet.version)
    throw new SimulationError(
      'RULES_CHANGED',
      `The data was scored with rule set ${source.ruleSet.version}, now ${rules.version} applies: import the data again to simulate.`,
    );
  return { asOf: source.asOf, rules, stats: source.simulation, people: source.people };
}

// ---- additions → data ------------------------------------------------------------------------

function count(value: number | undefined, what: string): number {
  const n = value ?? 0;
  if (!Number.isSafeInteger(n) || n < 0)
    throw new SimulationError('INVALID_ADDITION', `${what} must be a whole number, 0 or more (got ${n})`);
  return n;
}

/** Exams each new person of a step takes: the first that can be taken on the date. */
function examForStep(rules: RuleSet, step: SkillingStep, asOf: string): string {
  const exam = examsForStep(rules, step, asOf)[0];
  if (!exam)
    throw new SimulationError(
      'NO_EXAM_FOR_STEP',
      `no step-${step} exam can be taken on ${asOf}: all are retired`,
    );
  return exam;
}

/** The rule of an exam named by code, title or alias, or a refusal naming the known exams. */
export function examRule(rules: RuleSet, exam: string): RuleSet['certifications'][number] {
  const rule = certificationLookup(rules).get(normalizeName(exam));
  if (!rule)
    throw new SimulationError(
      'UNKNOWN_EXAM',
      `"${exam.slice(0, 40)}" is not a Security skilling exam; known: ${rules.certifications.map((c) => c.exam).join(', ')}`,
    );
  return rule;
}

/**
 * The data meaning of `additions` on one path, as actions for `applyActions` (see the module
 * comment). The simulator and the property test share it; `applyActions` turns it into rows.
 */
export function simulationActions(
  base: SimulationBase,
  additions: Additions,
  track: Track,
): (Action | CustomerGrowth)[] {
  const { rules, asOf } = base;
  const stats = base.stats.paths[track];
  const actions: (Action | CustomerGrowth)[] = [];
  const sides = [
    ['netCustomer', 'azure', additions.azureCustomers, 'Azure customers'],
    ['netCustomer', 'm365', additions.m365Customers, 'Microsoft 365 customers'],
    ['deployment', 'azure', additions.azureDeployments, 'Azure deployments'],
    ['deployment', 'm365', additions.m365Deployments, 'Microsoft 365 deployments'],
  ] as const;
  for (const [kind, side, value, what] of sides) {
    const n = count(value, what);
    if (n > 0) actions.push({ kind, side, count: n });
  }

  let cents = count(additions.securityAcrCents, 'Security ACR growth (cents)');
  for (const target of stats.growthInto.azure) {
    if (cents === 0) break;
    const part = target.headroomCents === undefined ? cents : Math.min(cents, target.headroomCents);
    if (part > 0) actions.push({ kind: 'azureGrowthOf', tenantId: target.tenantId, cents: part });
    cents -= part;
  }
  if (cents > 0) actions.push({ kind: 'azureGrowth', cents, units: 0 });

  const users = count(additions.protectedUsers, 'Protected users');
  const m365 = stats.growthInto.m365;
  if (users > 0 && m365)
    actions.push({
      kind: 'protectedUsersOf',
      tenantId: m365.tenantId,
      workload: m365.workload,
      association: m365.association,
      users,
    });
  else if (users > 0) actions.push({ kind: 'protectedUsersGrowth', users, units: 0 });

  let newPerson = 0;
  for (const step of [1, 2, 3] as const) {
    const n = count(additions.newPeople?.[step], `New step-${step} people`);
    if (n === 0) continue;
    const exam = examForStep(rules, step, asOf);
    for (let i = 0; i < n; i++) actions.push({ kind: 'exam', step, exams: [exam], newPerson: ++newPerson });
  }
  for (const { personId, exam } of additions.exams ?? []) {
    const rule = examRule(rules, exam);
    const person = base.people.find((p) => p.personId === personId);
    actions.push({
      kind: 'exam',
      step: rule.step,
      exams: [rule.exam],
      personId,
      personName: person?.name ?? personId,
    });
  }
  return actions;
}

// ---- simulation -------------------------------------------------------------------------------

/**
 * The statistics of the new customers alone: their few rows scored by the engine itself. Also a
 * change of existing customers (the attribution finder): then the numbers may be negative.
 */
export interface NewCustomers {
  readonly nca: { readonly azure: SideStats; readonly m365: SideStats };
  readonly deployments: { readonly azure: SideStats; readonly m365: SideStats };
  readonly azureNowCents: number;
  readonly azureYearAgoCents: number;
  readonly usersNow: number;
  readonly usersYearAgo: number;
}

const NO_SIDE: SideStats = { current: 0, previous: 0 };
export const NO_NEW_CUSTOMERS: NewCustomers = {
  nca: { azure: NO_SIDE, m365: NO_SIDE },
  deployments: { azure: NO_SIDE, m365: NO_SIDE },
  azureNowCents: 0,
  azureYearAgoCents: 0,
  usersNow: 0,
  usersYearAgo: 0,
};

const NEW_CUSTOMER_KINDS = new Set(['netCustomer', 'deployment', 'azureGrowth', 'protectedUsersGrowth']);

/**
 * New customers have rows in month L only, and every classification is per customer: their counts
 * and sums add to the stored ones. They come in a few shapes (every new Azure customer is the same
 * $600 row, …): one customer of each shape goes through the engine — validation, eligibility,
 * classification — so that no rule is written twice, and counts as many times as the shape occurs.
 */
function newCustomers(base: SimulationBase, actions: readonly Action[], track: Track): NewCustomers {
  if (actions.length === 0) return NO_NEW_CUSTOMERS;
  const empty: PartnerDataset = {
    schemaVersion: 1,
    asOf: base.asOf,
    partner: { partnerId: '0', name: 'what-if' },
    azureConsumption: [],
    m365Licenses: [],
    certifications: [],
  };
  const added = applyActions(empty, actions, track, base.rules);
  const byTenant = new Map<string, { azure: AzureRow[]; m365: M365Row[] }>();
  const rowsOf = (tenantId: string): { azure: AzureRow[]; m365: M365Row[] } => {
    let rows = byTenant.get(tenantId);
    if (!rows) byTenant.set(tenantId, (rows = { azure: [], m365: [] }));
    return rows;
  };
  for (const row of added.azureConsumption) rowsOf(row.customerTenantId).azure.push(row);
  for (const row of added.m365Licenses) rowsOf(row.customerTenantId).m365.push(row);
  const shapes = new Map<string, { rows: { azure: AzureRow[]; m365: M365Row[] }; times: number }>();
  for (const rows of byTenant.values()) {
    const key =
      rows.azure.map((r) => `a|${r.month}|${r.service}|${r.offer}|${r.association}|${r.acrUsd}`).join(';') +
      rows.m365
        .map((r) => `m|${r.month}|${r.workload}|${r.association}|${r.paidLicenses}|${r.activeLicenses}`)
        .join(';');
    const shape = shapes.get(key);
    if (shape) shape.times += 1;
    else shapes.set(key, { rows, times: 1 });
  }
  const times = new Map<string, number>();
  const one: PartnerDataset = { ...empty };
  [...shapes.values()].forEach((shape, i) => {
    const tenantId = `shape-${i}`;
    times.set(tenantId, shape.times);
    one.azureConsumption.push(...shape.rows.azure.map((r) => ({ ...r, customerTenantId: tenantId })));
    one.m365Licenses.push(...shape.rows.m365.map((r) => ({ ...r, customerTenantId: tenantId })));
  });
  const validation = validateDataset(one);
  if (!validation.ok) throw new Error(`SIMULATION_ROWS_INVALID: ${validation.errors[0]?.reason ?? ''}`);
  const agg = aggregate(validation.dataset, base.rules);
  const weight = (t: number): number => times.get(validation.dataset.tenants.ids[t]!)!;
  const weighed = (tenants: readonly number[], value: (t: number) => number = () => 1): number =>
    tenants.reduce((sum, t) => sum + weight(t) * value(t), 0);
  const side = (s: { current: readonly number[]; previous: readonly number[] }): SideStats => ({
    current: weighed(s.current),
    previous: weighed(s.previous),
  });
  const L = lastMonthOf(base.asOf);
  const nca = netCustomerAdds(agg, track, L);
  const dep = deployments(agg, track, L);
  const { azure, m365 } = usageGrowth(agg, track, L);
  return {
    nca: { azure: side(nca.azure), m365: side(nca.m365) },
    deployments: { azure: side(dep.azure), m365: side(dep.m365) },
    // The sums usageGrowth makes, each customer counted as many times as its shape occurs.
    azureNowCents: weighed(azure.tenantsNow, (t) => acrTtm(agg, t, L)),
    azureYearAgoCents: weighed(azure.tenantsYearAgo, (t) => acrTtm(agg, t, L - 12)),
    usersNow: weighed(m365.tenantsNow, (t) => protectedUsers(agg, t, L)),
    usersYearAgo: weighed(m365.tenantsYearAgo, (t) => protectedUsers(agg, t, L - 12)),
  };
}

const plus = (a: SideStats, b: SideStats): number =>
  countedOf(a.current + b.current, a.previous + b.previous);

/** A combination of valid steps as bits: 1 = step 1, 2 = step 2, 4 = step 3. */
type StepMask = number;
const STEP_BIT: Record<SkillingStep, StepMask> = { 1: 1, 2: 2, 3: 4 };

export function maskOf(steps: readonly number[]): StepMask {
  let mask = 0;
  for (const step of steps) if (step === 1 || step === 2 || step === 3) mask |= STEP_BIT[step];
  return mask;
}

/** People per combination of valid steps: the skilling metric depends on nothing else. */
export function stepCounts(people: readonly SimulationPerson[]): number[] {
  const counts = new Array<number>(8).fill(0);
  for (const p of people) counts[maskOf(p.steps)]! += 1;
  return counts;
}

/**
 * The step counts on `asOf` once the exams are passed, each read like a data row earned on `asOf`
 * (its step on the date, expiry, retirement), and how each named exam was read.
 */
function skillingAfter(
  base: SimulationBase,
  exams: readonly Extract<Action, { kind: 'exam' }>[],
): { counts: number[]; readings: ExamReading[] } {
  const counts = stepCounts(base.people);
  if (exams.length === 0) return { counts, readings: [] };
  const named = new Set(exams.flatMap((a) => (a.personId !== undefined ? [a.personId] : [])));
  const masks = new Map<string, StepMask>();
  for (const p of base.people) if (named.has(p.personId)) masks.set(p.personId, maskOf(p.steps));
  const lookup = certificationLookup(base.rules);
  const readings: ExamReading[] = [];
  for (const action of exams) {
    const personId = action.personId ?? `whatif-person-${action.newPerson}`;
    const exam = action.exams[0]!;
    const rule = lookup.get(normalizeName(exam));
    const status = certificationStatus({ personId, exam, earned: base.asOf }, rule, base.rules, base.asOf);
    const before = masks.get(personId);
    if (action.personId !== undefined)
      readings.push({
        personId,
        name: action.personName ?? personId,
        known: base.people.some((p) => p.personId === personId),
        exam: rule?.exam ?? exam,
        step: action.step,
        state: status.state,
        ...(rule?.retires ? { retires: rule.retires } : {}),
      });
    // Someone not in the data yet is a new person, with no valid step before.
    if (before === undefined) counts[0]! += 1;
    const from = before ?? 0;
    const to = status.state === 'valid' && status.rule ? from | STEP_BIT[status.rule.step] : from;
    counts[from]! -= 1;
    counts[to]! += 1;
    masks.set(personId, to);
  }
  return { counts, readings };
}

/** The skilling metric from step counts, with the engine's own rules (steps complete, "same as step 1 or 2"). */
function skillingOf(rules: RuleSet, track: Track, counts: readonly number[]): Points {
  const rule = rules.metrics.intermediateCertifications[track];
  let n1 = 0;
  let n2 = 0;
  let earning = 0;
  counts.forEach((people, mask) => {
    const steps = new Set(([1, 2, 3] as const).filter((step) => mask & STEP_BIT[step]));
    if (steps.has(1)) n1 += people;
    if (steps.has(2)) n2 += people;
    if (earnsStep3(rule, steps)) earning += people;
  });
  return skillingPoints(rule, rules.metrics.intermediateCertifications.max, n1, n2, earning);
}

/**
 * What one path's points depend on besides the people: whole numbers (counted net adds and
 * deployments, growth points per side). Many changes give the same inputs: callers can cache.
 */
export interface PathInputs {
  readonly netCustomerAdds: number;
  readonly deployments: number;
  readonly azureGrowthPoints: number;
  readonly usersGrowthPoints: number;
}

/** The inputs of one path from the stored statistics plus `added` (a change: new or fixed customers) and growth. */
export function pathInputs(
  base: SimulationBase,
  track: Track,
  added: NewCustomers,
  grownCents: number,
  grownUsers: number,
): PathInputs {
  const s = base.stats.paths[track];
  const perPoint = base.rules.metrics.usageGrowth;
  const azureGrowth =
    s.usageGrowth.azureNowCents +
    added.azureNowCents +
    grownCents -
    (s.usageGrowth.azureYearAgoCents + added.azureYearAgoCents);
  const usersGrowth =
    s.usageGrowth.usersNow + added.usersNow + grownUsers - (s.usageGrowth.usersYearAgo + added.usersYearAgo);
  return {
    netCustomerAdds:
      plus(s.netCustomerAdds.azure, added.nca.azure) + plus(s.netCustomerAdds.m365, added.nca.m365),
    deployments:
      plus(s.deployments.azure, added.deployments.azure) + plus(s.deployments.m365, added.deployments.m365),
    azureGrowthPoints: growthPoints(azureGrowth, perPoint.azureCentsPerPoint[track]),
    usersGrowthPoints: growthPoints(usersGrowth, perPoint.protectedUsersPerPoint[track]),
  };
}

/** One path's points from its inputs and the people's step counts. */
export function pathFromInputs(
  rules: RuleSet,
  track: Track,
  inputs: PathInputs,
  stepCounts: readonly number[],
): SimulatedPath {
  const metrics: Record<MetricName, Points> = {
    netCustomerAdds: netCustomerAddsPoints(rules, track, inputs.netCustomerAdds),
    intermediateCertifications: skillingOf(rules, track, stepCounts),
    deployments: deploymentsPoints(rules, track, inputs.deployments),
    usageGrowth: usageGrowthPoints(rules, inputs.azureGrowthPoints, inputs.usersGrowthPoints),
  };
  const points = METRICS.map((m) => metrics[m]);
  return {
    total: points.reduce((sum, p) => sum.add(p), ZERO),
    qualified: qualifies(points, rules),
    metrics,
  };
}

function pathScore(
  base: SimulationBase,
  track: Track,
  added: NewCustomers,
  grownCents: number,
  grownUsers: number,
  stepCounts: readonly number[],
): SimulatedPath {
  return pathFromInputs(
    base.rules,
    track,
    pathInputs(base, track, added, grownCents, grownUsers),
    stepCounts,
  );
}

function scoreOf(paths: Record<Track, SimulatedPath>): SimulatedScore {
  return { headline: headlineOf(paths), paths };
}

/** Today's score from the base alone (equals the stored one). */
export function scoreToday(base: SimulationBase): SimulatedScore {
  const counts = stepCounts(base.people);
  const path = (track: Track): SimulatedPath => pathScore(base, track, NO_NEW_CUSTOMERS, 0, 0, counts);
  return scoreOf({ enterprise: path('enterprise'), smb: path('smb') });
}

/**
 * Both paths with the additions: totals, metric points and qualification, exactly as re-scoring the
 * data with `applyActions(data, simulationActions(base, additions, track), track)` gives them.
 */
export function simulate(base: SimulationBase, additions: Additions): Simulation {
  const shapes = { enterprise: [] as string[], smb: [] as string[] };
  let readings: ExamReading[] = [];
  const path = (track: Track): SimulatedPath => {
    const actions = simulationActions(base, additions, track);
    const tenantActions = actions.filter((a): a is Action => NEW_CUSTOMER_KINDS.has(a.kind));
    const exams = actions.filter((a): a is Extract<Action, { kind: 'exam' }> => a.kind === 'exam');
    let grownCents = 0;
    let grownUsers = 0;
    for (const a of actions) {
      if (a.kind === 'azureGrowthOf') grownCents += a.cents;
      if (a.kind === 'protectedUsersOf') grownUsers += a.users;
    }
    const after = skillingAfter(base, exams);
    readings = after.readings;
    shapes[track] = describeShapes(base, actions, track);
    return pathScore(
      base,
      track,
      newCustomers(base, tenantActions, track),
      grownCents,
      grownUsers,
      after.counts,
    );
  };
  const simulated = scoreOf({ enterprise: path('enterprise'), smb: path('smb') });
  return { asOf: base.asOf, today: scoreToday(base), simulated, shapes, exams: readings };
}

// ---- words ------------------------------------------------------------------------------------

const n = (value: number, one: string, many: string): string =>
  `${value.toLocaleString('en-US')} ${value === 1 ? one : many}`;

/** One line per kind of addition: what it is in data on this path. */
function describeShapes(
  base: SimulationBase,
  actions: readonly (Action | CustomerGrowth)[],
  track: Track,
): string[] {
  const { rules } = base;
  const month = monthLabel(lastMonthOf(base.asOf));
  const { qualifyingCustomerMin, enterpriseMinExclusive, smbDeploymentMin } = rules.azureCents;
  const { enterpriseMinPaidExclusive, smbMinPaid, deploymentMinActivePercent } = rules.m365;
  const paid = track === 'enterprise' ? enterpriseMinPaidExclusive + 1 : smbMinPaid;
  const lines: string[] = [];
  let newPeople = 0;
  for (const a of actions) {
    switch (a.kind) {
      case 'netCustomer':
        lines.push(
          a.side === 'azure'
            ? `${n(a.count, 'new Azure customer', 'new Azure customers')} with ${formatUsdShort(qualifyingCustomerMin)} eligible Security ACR each in ${month}`
            : `${n(a.count, 'new Microsoft 365 customer', 'new Microsoft 365 customers')} with ${paid} paid licenses of an eligible workload each, none active yet`,
        );
        break;
      case 'deployment':
        lines.push(
          a.side === 'azure'
            ? `${n(a.count, 'new Azure customer', 'new Azure customers')} with ${formatUsdShort(track === 'enterprise' ? enterpriseMinExclusive + 1 : smbDeploymentMin)} eligible Security ACR each in ${month} (deployments, also customers)`
            : `${n(a.count, 'new Microsoft 365 customer', 'new Microsoft 365 customers')} with ${paid} paid licenses, ${deploymentMinActivePercent}% active (deployments, also customers)`,
        );
        break;
      case 'azureGrowthOf': {
        lines.push(
          `${formatUsdShort(a.cents)} more Security ACR in ${month} from ${nameOf(base, track, a.tenantId)}`,
        );
        break;
      }
      case 'azureGrowth':
        lines.push(
          track === 'enterprise'
            ? `${formatUsdShort(Math.max(a.cents, enterpriseMinExclusive + 1))} Security ACR from a new customer (only customers above ${formatUsdShort(enterpriseMinExclusive)} count on Enterprise; also a customer and a deployment)`
            : `${formatUsdShort(a.cents)} Security ACR from new customers of up to ${formatUsdShort(enterpriseMinExclusive)} each (they count as customers and deployments too)`,
        );
        break;
      case 'protectedUsersOf':
        lines.push(
          `${n(a.users, 'more active license', 'more active licenses')} of ${a.workload} at ${nameOf(base, track, a.tenantId)}`,
        );
        break;
      case 'protectedUsersGrowth':
        lines.push(
          `${n(a.users, 'protected user', 'protected users')} at new customers (no existing Microsoft 365 deployment to grow; they count as customers too)`,
        );
        break;
      case 'exam':
        if (a.personId === undefined) newPeople += 1;
        break;
    }
  }
  if (newPeople > 0) {
    const byStep = [1, 2, 3]
      .map((step) => ({
        step,
        people: actions.filter((a) => a.kind === 'exam' && a.personId === undefined && a.step === step),
      }))
      .filter((s) => s.people.length > 0)
      .map((s) => {
        const exam = (s.people[0] as Extract<Action, { kind: 'exam' }>).exams[0]!;
        return `${n(s.people.length, 'new person', 'new people')} passing ${exam} (step ${s.step})`;
      });
    lines.push(...byStep);
  }
  return lines;
}

function nameOf(base: SimulationBase, track: Track, tenantId: string): string {
  const into = base.stats.paths[track].growthInto;
  const found = [...into.azure, ...(into.m365 ? [into.m365] : [])].find((t) => t.tenantId === tenantId);
  return found && found.name !== tenantId ? `${found.name} (${tenantId})` : tenantId;
}
