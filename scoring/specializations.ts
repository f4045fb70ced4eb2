import type { Aggregates } from './aggregate';
import { addYears, monthIndex, type MonthIndex } from './calendar';
import type { Person } from './certifications';
import { normalizeName, type NormalizedDataset } from './dataset';
import {
  MAU_ASSOCIATIONS,
  SECURITY_SPECIALIZATIONS,
  type PerformanceTest,
  type SpecializationRule,
} from './rules/specializations';

/**
 * Status of the four Security specializations (../shared/rules/specializations-and-renewals.md §1):
 * each requirement met or not with have vs need, and the overall state.
 */

export type SpecializationState = 'earned' | 'eligibleToApply' | 'notEligible';

export interface Requirement {
  readonly kind: 'designation' | 'performance' | 'knowledge' | 'references';
  readonly label: string;
  readonly met: boolean;
  readonly have: string;
  readonly need: string;
}

export interface SpecializationStatus {
  readonly name: string;
  readonly state: SpecializationState;
  /** Qualification requirements (designation, performance, knowledge) all met. */
  readonly qualificationMet: boolean;
  readonly requirements: readonly Requirement[];
  /** What is missing, in words (empty when nothing is). */
  readonly missing: readonly string[];
  /** From the partner's data when it holds the specialization. */
  readonly firstAwarded?: string;
  readonly anniversary?: string;
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

function findRecord(data: NormalizedDataset, rule: SpecializationRule) {
  const names = new Set([rule.name, ...(rule.aliases ?? [])].map(normalizeName));
  return data.specializations.find((s) => names.has(normalizeName(s.name)));
}

export function specializationStatus(
  rule: SpecializationRule,
  data: NormalizedDataset,
  agg: Aggregates,
  people: readonly Person[],
): SpecializationStatus {
  const asOf = data.asOf;
  const record = findRecord(data, rule);
  const enrolled = data.designation?.enrolled === true;
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
  });

  for (const k of rule.knowledge) {
    const holders = people.filter((p) => p.exams.some((e) => k.exams.includes(e))).length;
    requirements.push({
      kind: 'knowledge',
      label: `People with ${k.exams.join(' or ')}`,
      met: holders >= k.people,
      have: num(holders),
      need: `≥ ${k.people}`,
    });
  }

  const approved = record?.customerReferencesApproved ?? 0;
  const approvedOn = record?.referencesApprovedOn;
  const stillValid = approvedOn !== undefined && asOf < addYears(approvedOn, rule.referencesValidYears);
  requirements.push({
    kind: 'references',
    label: 'Approved customer references',
    met: approved >= rule.customerReferences && stillValid,
    have: approvedOn
      ? `${approved}, approved ${approvedOn}${stillValid ? '' : ` (expired ${addYears(approvedOn, rule.referencesValidYears)})`}`
      : `${approved}`,
    need: `${rule.customerReferences}, valid ${rule.referencesValidYears} years`,
  });

  const qualificationMet = requirements.filter((r) => r.kind !== 'references').every((r) => r.met);
  const earned = record?.firstAwarded !== undefined && record.firstAwarded <= asOf;
  const state: SpecializationState = earned ? 'earned' : qualificationMet ? 'eligibleToApply' : 'notEligible';
  return {
    name: rule.name,
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
    ...(record?.firstAwarded ? { firstAwarded: record.firstAwarded } : {}),
    ...(record?.anniversary ? { anniversary: record.anniversary } : {}),
  };
}

export function securitySpecializations(
  data: NormalizedDataset,
  agg: Aggregates,
  people: readonly Person[],
): SpecializationStatus[] {
  return SECURITY_SPECIALIZATIONS.map((rule) => specializationStatus(rule, data, agg, people));
}
