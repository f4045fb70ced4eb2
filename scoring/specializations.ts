import type { Aggregates } from './aggregate';
import { addDays, addMonths, addYears, daysBetween, monthIndex, type MonthIndex } from './calendar';
import type { Person } from './certifications';
import { normalizeName, type AuditRecord, type NormalizedDataset } from './dataset';
import {
  MAU_ASSOCIATIONS,
  type AppliedSkillRequirement,
  type AuditRules,
  type CertificationRequirement,
  type PerformanceTest,
  type SpecializationRule,
} from './rules/specializations';
import type { RuleSet, RuleSource } from './rules/types';

/**
 * Status of the four Security specializations (../shared/rules/specializations-and-renewals.md §1
 * and §6): each requirement met or not with have vs need, and the overall state, under the rule set
 * in force on asOf (customer references before 2026-07-30, an audit from then on).
 */

export type SpecializationState = 'earned' | 'eligibleToApply' | 'notEligible';

export interface Requirement {
  readonly kind: 'designation' | 'performance' | 'knowledge' | 'references' | 'audit';
  readonly label: string;
  readonly met: boolean;
  readonly have: string;
  readonly need: string;
  /** No source states this threshold: seed 000's number is kept; confirm in Partner Center. */
  readonly unconfirmed?: true;
  /** Applied Skills the rule set does not name (I-9): listed, not counted. */
  readonly notRecognized?: readonly string[];
}

/** What the audit needs and when (from 2026-07-30). */
export interface AuditStatus {
  /** The audit in the data, with its end of validity. */
  readonly recorded?: AuditRecord & { readonly validUntil: string };
  /** Why a recorded audit does not validate the specialization on asOf. */
  readonly outcome: 'pass' | 'noPass' | 'gapReviewLate' | 'expired' | 'none';
  /** The last day of the 15-day gap-review window of the recorded audit. */
  readonly gapReviewBy?: string;
  /** I-11: the renewal at which a holder must show a passed audit (an even anniversary). */
  readonly deadline?: string;
  readonly passValidYears: number;
  readonly gapReviewWithinDays: number;
  /** Partner Center shows the audit's Module A status from this month. */
  readonly moduleAStatusFrom: string;
  readonly checklistRefreshMonths: readonly string[];
}

export interface SpecializationStatus {
  readonly name: string;
  /** The name the partner's data gives, when it is an older one (e.g. Information Protection and Governance). */
  readonly formerName?: string;
  readonly state: SpecializationState;
  /** Qualification requirements (designation, performance, knowledge) all met. */
  readonly qualificationMet: boolean;
  readonly requirements: readonly Requirement[];
  /** What is missing, in words (empty when nothing is). */
  readonly missing: readonly string[];
  /** How the manual validation is shown under the rules in force: references or an audit. */
  readonly validation: 'references' | 'audit';
  readonly source: RuleSource;
  /** Some thresholds are not public (seed 000's kept): confirm in Partner Center. */
  readonly unconfirmed?: true;
  /** From the partner's data when it holds the specialization. */
  readonly firstAwarded?: string;
  /** The anniversary in force: moved six months later for holders on the audit date (I-10). */
  readonly anniversary?: string;
  /** I-10: the anniversary the data gives, before the six-month move. */
  readonly anniversaryMovedFrom?: string;
  /** Year numbers (odd / even) count from this date: the first award, six months later when moved (I-10). */
  readonly yearsCountFrom?: string;
  readonly audit?: AuditStatus;
  /** I-12: with more earned than the benefits cap, whether this one gets the benefits. */
  readonly benefits?: 'included' | 'beyondCap';
}

const usd = (cents: number): string => `$${Math.round(cents / 100).toLocaleString('en-US')}`;
const num = (n: number): string => n.toLocaleString('en-US');

/** I-7: MAU in month L minus MAU in L−12 of one product, over tenants with a CPOR or CSP association. */
export function mauGrowth(
  data: NormalizedDataset,
  names: readonly string[],
  L: MonthIndex,
): { now: number; yearAgo: number; growth: number } {
  const wanted = new Set(names.map(normalizeName));
  const associations = new Set(MAU_ASSOCIATIONS.map(normalizeName));
  let now = 0;
  let yearAgo = 0;
  for (const row of data.mau) {
    if (!wanted.has(normalizeName(row.product)) || !associations.has(normalizeName(row.association)))
      continue;
    const m = monthIndex(row.month);
    if (m === L) now += row.activeUsers;
    else if (m === L - 12) yearAgo += row.activeUsers;
  }
  return { now, yearAgo, growth: now - yearAgo };
}

function performance(
  test: PerformanceTest,
  data: NormalizedDataset,
  agg: Aggregates,
): { met: boolean; have: string; need: string; label: string } {
  if (test.kind === 'mauGrowth') {
    const g = mauGrowth(data, [test.product, ...(test.aliases ?? [])], agg.lastMonth);
    return {
      label: `${test.product} MAU growth`,
      met: g.growth >= test.min,
      have: `${num(g.growth)} (${num(g.now)} vs ${num(g.yearAgo)})`,
      need: `≥ ${num(test.min)}`,
    };
  }
  let cents = 0;
  for (const [service, total] of agg.serviceTtmCents)
    if (!test.services || test.services.includes(service)) cents += total;
  return {
    label: test.label,
    met: cents >= test.minCents,
    have: usd(cents),
    need: `≥ ${usd(test.minCents)}`,
  };
}

function certificationRequirement(
  k: CertificationRequirement,
  people: readonly Person[],
  rules: RuleSet,
): Requirement {
  const counted = [...k.exams, ...(k.retiredPredecessors ?? [])];
  const holders = people.filter((p) => p.exams.some((e) => counted.includes(e))).length;
  // I-13 (I-6): a retired predecessor counts when earned by its retirement, until it expires (peopleOn checks both).
  const predecessors = (k.retiredPredecessors ?? []).map((exam) => {
    const retires = rules.certifications.find((c) => c.exam === exam)?.retires;
    return retires ? `${exam} earned by ${retires}` : exam;
  });
  return {
    kind: 'knowledge',
    label: `People with ${k.exams.join(' or ')}${predecessors.length > 0 ? ` (or ${predecessors.join(', ')})` : ''}`,
    met: holders >= k.people,
    have: num(holders),
    need: `≥ ${k.people}`,
  };
}

/** I-9: only Applied Skills the rule set names count; every other name is listed, not guessed. */
function appliedSkillRequirement(k: AppliedSkillRequirement, data: NormalizedDataset): Requirement {
  const names = new Set(k.names.map(normalizeName));
  const holders = new Set<string>();
  const notRecognized = new Set<string>();
  for (const row of data.appliedSkills) {
    if (row.earned > data.asOf) continue;
    if (names.has(normalizeName(row.name))) holders.add(row.personId);
    else notRecognized.add(row.name.trim());
  }
  return {
    kind: 'knowledge',
    label: `People with ${k.label}`,
    met: holders.size >= k.people,
    have: num(holders.size),
    need: `≥ ${k.people}`,
    ...(k.names.length < k.namedInSource ? { unconfirmed: true as const } : {}),
    ...(notRecognized.size > 0 ? { notRecognized: [...notRecognized].sort().slice(0, 10) } : {}),
  };
}

function findRecord(data: NormalizedDataset, rule: SpecializationRule) {
  const names = new Set([rule.name, ...(rule.aliases ?? [])].map(normalizeName));
  return data.specializations.find((s) => names.has(normalizeName(s.name)));
}

type SpecializationRecord = NormalizedDataset['specializations'][number];

/**
 * I-10: a specialization held on the audit date (first awarded on or before it) has its anniversary
 * moved six months later. The data's anniversary is Partner Center's: when it falls on or after the
 * audit date a whole number of years after the first award, it is the unmoved date and is moved here;
 * any other date (already moved by Partner Center) is used as given. Year numbers then count from
 * the first award plus six months, so the moved anniversary keeps its year number.
 */
function anniversaryOf(
  record: SpecializationRecord | undefined,
  audit: AuditRules | undefined,
): Pick<SpecializationStatus, 'anniversary' | 'anniversaryMovedFrom' | 'yearsCountFrom'> {
  if (!record?.anniversary) return {};
  const given = record.anniversary;
  const first = record.firstAwarded;
  if (!audit || !first || first > audit.since)
    return { anniversary: given, ...(first ? { yearsCountFrom: first } : {}) };
  const shift = audit.anniversaryExtensionMonths;
  const yearsCountFrom = addMonths(first, shift);
  const years = Number(given.slice(0, 4)) - Number(first.slice(0, 4));
  const unmoved = given >= audit.since && years >= 1 && addYears(first, years) === given;
  return unmoved
    ? { anniversary: addMonths(given, shift), anniversaryMovedFrom: given, yearsCountFrom }
    : { anniversary: given, yearsCountFrom };
}

/** The whole years from `from` to `to` (nearest), or undefined when `to` is not at least half a year later. */
function yearNumber(from: string, to: string): number | undefined {
  const n = Math.round(daysBetween(from, to) / 365.25);
  return n >= 1 ? n : undefined;
}

/**
 * I-11: a holder must show a passed audit at the anniversary where the manual validation is checked:
 * the next even anniversary (the next anniversary when the year is not known).
 */
function auditDeadline(
  anniversary: string | undefined,
  yearsCountFrom: string | undefined,
): string | undefined {
  if (!anniversary) return undefined;
  const n = yearsCountFrom ? yearNumber(yearsCountFrom, anniversary) : undefined;
  return n !== undefined && n % 2 === 1 ? addYears(anniversary, 1) : anniversary;
}

function auditRequirement(
  record: SpecializationRecord | undefined,
  rule: Extract<SpecializationRule['validation'], { kind: 'audit' }>,
  auditRules: AuditRules,
  asOf: string,
  deadline: string | undefined,
): { requirement: Requirement; audit: AuditStatus } {
  const base = {
    passValidYears: rule.validYears,
    gapReviewWithinDays: rule.gapReviewWithinDays,
    moduleAStatusFrom: auditRules.moduleAStatusFrom,
    checklistRefreshMonths: auditRules.checklistRefreshMonths,
    ...(deadline ? { deadline } : {}),
  };
  const need = `Pass, valid ${rule.validYears} years`;
  const label = 'Third-party audit';
  const a = record?.audit;
  if (!a)
    return {
      requirement: { kind: 'audit', label, met: false, have: 'no audit recorded', need },
      audit: { ...base, outcome: 'none' },
    };
  const validUntil = a.validUntil ?? addYears(a.auditDate, rule.validYears);
  const gapReviewBy = addDays(a.auditDate, rule.gapReviewWithinDays);
  const recorded = { ...a, validUntil };
  const outcome: AuditStatus['outcome'] =
    a.result === 'No Pass'
      ? 'noPass'
      : a.gapReviewDate !== undefined && a.gapReviewDate > gapReviewBy
        ? 'gapReviewLate'
        : asOf >= validUntil
          ? 'expired'
          : 'pass';
  const have: Record<AuditStatus['outcome'], string> = {
    pass: `Pass ${a.auditDate}, valid until ${validUntil}`,
    noPass: `No Pass ${a.auditDate}`,
    gapReviewLate: `gap review ${a.gapReviewDate ?? ''} after ${gapReviewBy}: counts as No Pass`,
    expired: `Pass ${a.auditDate}, expired ${validUntil}`,
    none: 'no audit recorded',
  };
  return {
    requirement: { kind: 'audit', label, met: outcome === 'pass', have: have[outcome], need },
    audit: { ...base, recorded, outcome, gapReviewBy },
  };
}

export function specializationStatus(
  rule: SpecializationRule,
  data: NormalizedDataset,
  agg: Aggregates,
  people: readonly Person[],
): SpecializationStatus {
  const asOf = data.asOf;
  const rules = agg.rules;
  const record = findRecord(data, rule);
  const enrolled = data.designation?.enrolled === true;
  const unconfirmed = rule.unconfirmed ? { unconfirmed: true as const } : {};
  const requirements: Requirement[] = [
    {
      kind: 'designation',
      label: `Solutions Partner for ${rule.designation}`,
      met: enrolled,
      have: enrolled ? 'enrolled' : 'not enrolled',
      need: 'enrolled',
    },
  ];

  const tests = rule.performance.map((t) => performance(t, data, agg));
  const passed = tests.find((t) => t.met);
  requirements.push({
    kind: 'performance',
    label: tests.map((t) => t.label).join(' or '),
    met: passed !== undefined,
    have: tests.map((t) => `${t.label}: ${t.have}`).join('; '),
    need: tests.map((t) => `${t.label} ${t.need}`).join(' or '),
    ...unconfirmed,
  });

  for (const k of rule.knowledge) {
    const requirement =
      k.kind === 'certification'
        ? certificationRequirement(k, people, rules)
        : appliedSkillRequirement(k, data);
    requirements.push({ ...requirement, ...unconfirmed });
  }

  const auditRules = rules.specializations.audit;
  const dates = anniversaryOf(record, auditRules);
  let audit: AuditStatus | undefined;
  if (rule.validation.kind === 'references') {
    const v = rule.validation;
    const approved = record?.customerReferencesApproved ?? 0;
    const approvedOn = record?.referencesApprovedOn;
    const stillValid = approvedOn !== undefined && asOf < addYears(approvedOn, v.validYears);
    requirements.push({
      kind: 'references',
      label: 'Approved customer references',
      met: approved >= v.count && stillValid,
      have: approvedOn
        ? `${approved}, approved ${approvedOn}${stillValid ? '' : ` (expired ${addYears(approvedOn, v.validYears)})`}`
        : `${approved}`,
      need: `${v.count}, valid ${v.validYears} years`,
    });
  } else {
    if (!auditRules) throw new Error(`RULES_INVALID: ${rule.name} is validated by audit without audit rules`);
    const held = record?.firstAwarded !== undefined && record.firstAwarded <= asOf;
    const deadline = held ? auditDeadline(dates.anniversary, dates.yearsCountFrom) : undefined;
    const evaluated = auditRequirement(record, rule.validation, auditRules, asOf, deadline);
    requirements.push(evaluated.requirement);
    audit = evaluated.audit;
  }

  const manual = (r: Requirement): boolean => r.kind === 'references' || r.kind === 'audit';
  const qualificationMet = requirements.filter((r) => !manual(r)).every((r) => r.met);
  const earned = record?.firstAwarded !== undefined && record.firstAwarded <= asOf;
  const state: SpecializationState = earned ? 'earned' : qualificationMet ? 'eligibleToApply' : 'notEligible';
  const formerName =
    record && normalizeName(record.name) !== normalizeName(rule.name) ? record.name.trim() : undefined;
  return {
    name: rule.name,
    ...(formerName ? { formerName } : {}),
    state,
    qualificationMet,
    requirements,
    missing: requirements
      .filter((r) => !r.met)
      .map((r) =>
        r.kind === 'performance'
          ? `Performance — have ${r.have}; need ${r.need}`
          : `${r.label}: have ${r.have}, need ${r.need}`,
      ),
    validation: rule.validation.kind,
    source: rule.source,
    ...unconfirmed,
    ...(record?.firstAwarded ? { firstAwarded: record.firstAwarded } : {}),
    ...dates,
    ...(audit ? { audit } : {}),
  };
}

/**
 * I-12: when more specializations are earned than the benefits cap, the ones awarded first get the
 * benefits (unknown award dates last, then the rule set's order): a later award does not take the
 * benefits away from an earlier one.
 */
function withBenefits(statuses: SpecializationStatus[], cap: number | undefined): SpecializationStatus[] {
  const earned = statuses.filter((s) => s.state === 'earned');
  if (cap === undefined || earned.length <= cap) return statuses;
  const order = [...earned].sort((a, b) =>
    (a.firstAwarded ?? '9999').localeCompare(b.firstAwarded ?? '9999'),
  );
  const included = new Set(order.slice(0, cap).map((s) => s.name));
  return statuses.map((s) =>
    s.state === 'earned' ? { ...s, benefits: included.has(s.name) ? 'included' : 'beyondCap' } : s,
  );
}

export function securitySpecializations(
  data: NormalizedDataset,
  agg: Aggregates,
  people: readonly Person[],
): SpecializationStatus[] {
  const spec = agg.rules.specializations;
  return withBenefits(
    spec.rules.map((rule) => specializationStatus(rule, data, agg, people)),
    spec.benefitsCap,
  );
}
