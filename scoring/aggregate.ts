import { lastMonthOf, monthLabel, type MonthIndex } from './calendar';
import { NameTable, normalizeName, type NormalizedDataset } from './dataset';
import type { NamedItem, RuleSet } from './rules/types';

/**
 * Per customer tenant × month aggregates after the eligibility filters (rules §2), over months
 * L−35 … L+1 (L+1 only feeds next month's projection). Built once per scoring run.
 */

export type ExclusionReason =
  | 'monthAfterLastMonth'
  | 'monthTooOld'
  | 'serviceNotEligible'
  | 'serviceNotEligibleThatMonth'
  | 'offerNotEligible'
  | 'associationNotEligible'
  | 'workloadNotEligible'
  | 'workloadPlanNotEligible';

export const EXCLUSION_TEXT: Record<ExclusionReason, string> = {
  monthAfterLastMonth: 'month after last month (not yet in the score)',
  monthTooOld: 'month older than L−35 (no longer read)',
  serviceNotEligible: 'not an eligible Azure Security service',
  serviceNotEligibleThatMonth: 'service not eligible in that month',
  offerNotEligible: 'offer not eligible (Support, Internal, Benefit Program, Trial)',
  associationNotEligible: 'partner association type not eligible',
  workloadNotEligible: 'not an eligible Microsoft 365 Security workload',
  workloadPlanNotEligible: 'plan not eligible',
};

export interface ExclusionCount {
  rows: number;
  /** Azure only: the excluded amount in cents. */
  cents: number;
}

export type ExclusionTally = Partial<Record<ExclusionReason, ExclusionCount>>;

export const M365_ENTERPRISE_SIZED = 1;
export const M365_SMB_SIZED = 2;
export const M365_ENTERPRISE_DEPLOYED = 4;
export const M365_SMB_DEPLOYED = 8;

export interface Aggregates {
  readonly rules: RuleSet;
  /** Last month L of the evaluation. */
  readonly lastMonth: MonthIndex;
  /** First month kept: L − history + 1. */
  readonly base: MonthIndex;
  /** Months kept: base … L+1. */
  readonly span: number;
  readonly tenantCount: number;
  /** Prefix sums of eligible cents: tenant t, month m → azurePrefix[t*(span+1) + (m − base) + 1]. */
  readonly azurePrefix: Float64Array;
  /** M365 flags per tenant × month (M365_* bits). */
  readonly m365Flags: Uint8Array;
  /** Sum of active licenses of all eligible rows per tenant × month. */
  readonly m365Active: Float64Array;
  readonly exclusions: { readonly azure: ExclusionTally; readonly m365: ExclusionTally };
  /** Exclusions per tenant, only for tenants that have any. */
  readonly tenantExclusions: ReadonlyMap<number, { azure: ExclusionTally; m365: ExclusionTally }>;
  /** Names not known to the rule set (typos become visible), with their row counts. */
  readonly unknownNames: UnknownNames;
  /** Detail text for `workloadPlanNotEligible` per workload name. */
  readonly planReasons: ReadonlyMap<string, string>;
}

export interface UnknownNames {
  readonly services: Record<string, number>;
  readonly workloads: Record<string, number>;
  readonly associations: Record<string, number>;
}

function lookupOf(items: readonly { name: string; aliases?: readonly string[] }[]): Map<string, number> {
  const map = new Map<string, number>();
  items.forEach((item, i) => {
    map.set(normalizeName(item.name), i);
    for (const alias of item.aliases ?? []) map.set(normalizeName(alias), i);
  });
  return map;
}

/** Canonical item for each interned name, or undefined when the rule set does not know it. */
function resolveTable<T extends { name: string; aliases?: readonly string[] }>(
  table: NameTable,
  items: readonly T[],
): (T | undefined)[] {
  const map = lookupOf(items);
  return table.keys.map((key) => {
    const i = map.get(key);
    return i === undefined ? undefined : items[i];
  });
}

function keySet(names: readonly string[]): Set<string> {
  return new Set(names.map(normalizeName));
}

function tally(target: ExclusionTally, reason: ExclusionReason, cents: number): void {
  const entry = target[reason];
  if (entry) {
    entry.rows += 1;
    entry.cents += cents;
  } else target[reason] = { rows: 1, cents };
}

/** Is `item` eligible for rows of month `month` (effective dates of the rule set)? */
export function eligibleInMonth(item: NamedItem, month: MonthIndex): boolean {
  const label = monthLabel(month);
  if (item.effectiveFrom && label < item.effectiveFrom) return false;
  if (item.eligibleUntil && label > item.eligibleUntil) return false;
  return true;
}

export function aggregate(data: NormalizedDataset, rules: RuleSet, asOf: string = data.asOf): Aggregates {
  const lastMonth = lastMonthOf(asOf);
  const base = lastMonth - rules.months.history + 1;
  const span = rules.months.history + 1;
  const T = data.tenants.ids.length;
  const cents = new Float64Array(T * span);
  const tenantExclusions = new Map<number, { azure: ExclusionTally; m365: ExclusionTally }>();
  const exclusions = { azure: {} as ExclusionTally, m365: {} as ExclusionTally };
  const unknownNames = { services: {}, workloads: {}, associations: {} } as {
    services: Record<string, number>;
    workloads: Record<string, number>;
    associations: Record<string, number>;
  };
  const exclude = (kind: 'azure' | 'm365', tenant: number, reason: ExclusionReason, amount: number): void => {
    tally(exclusions[kind], reason, amount);
    let perTenant = tenantExclusions.get(tenant);
    if (!perTenant) tenantExclusions.set(tenant, (perTenant = { azure: {}, m365: {} }));
    tally(perTenant[kind], reason, amount);
  };

  // ---- Azure -------------------------------------------------------------------------------
  const az = data.azure;
  const services = resolveTable(az.services, rules.azure.services);
  const badOffers = keySet(rules.azure.ineligibleOffers);
  const offerOk = az.offers.keys.map((k) => !badOffers.has(k));
  const azureAssoc = keySet(rules.azure.associations);
  const knownAssoc = keySet([...rules.azure.associations, ...rules.m365.associations, 'DPOR']);
  const azureAssocOk = az.associations.keys.map((k) => azureAssoc.has(k));
  const serviceAlways = services.map((s) => s !== undefined && !s.effectiveFrom && !s.eligibleUntil);
  services.forEach((s, i) => {
    if (!s) unknownNames.services[az.services.display[i]!] = 0;
  });
  az.associations.keys.forEach((k, i) => {
    if (!knownAssoc.has(k)) unknownNames.associations[az.associations.display[i]!] = 0;
  });
  for (let i = 0; i < az.length; i++) {
    const t = az.tenant[i]!;
    const m = az.month[i]!;
    const c = az.cents[i]!;
    const s = az.service[i]!;
    const service = services[s];
    if (!service) unknownNames.services[az.services.display[s]!]! += 1;
    if (!knownAssoc.has(az.associations.keys[az.association[i]!]!)) {
      unknownNames.associations[az.associations.display[az.association[i]!]!]! += 1;
    }
    if (m > lastMonth + 1) exclude('azure', t, 'monthAfterLastMonth', c);
    else if (m < base) exclude('azure', t, 'monthTooOld', c);
    else if (!service) exclude('azure', t, 'serviceNotEligible', c);
    else if (!serviceAlways[s] && !eligibleInMonth(service, m))
      exclude('azure', t, 'serviceNotEligibleThatMonth', c);
    else if (!offerOk[az.offer[i]!]) exclude('azure', t, 'offerNotEligible', c);
    else if (!azureAssocOk[az.association[i]!]) exclude('azure', t, 'associationNotEligible', c);
    else {
      if (m === lastMonth + 1) exclude('azure', t, 'monthAfterLastMonth', c); // kept for next month's projection
      cents[t * span + (m - base)]! += c;
    }
  }
  const azurePrefix = new Float64Array(T * (span + 1));
  for (let t = 0; t < T; t++) {
    let sum = 0;
    const row = t * (span + 1);
    for (let j = 0; j < span; j++) {
      sum += cents[t * span + j]!;
      azurePrefix[row + j + 1] = sum;
    }
  }

  // ---- Microsoft 365 -----------------------------------------------------------------------
  const ms = data.m365;
  const workloads = resolveTable(ms.workloads, rules.m365.workloads);
  const planIneligible = resolveTable(ms.workloads, rules.m365.ineligibleWorkloads);
  const planReasons = new Map<string, string>();
  workloads.forEach((w, i) => {
    const plan = planIneligible[i];
    if (plan) planReasons.set(ms.workloads.display[i]!, plan.reason);
    else if (!w) unknownNames.workloads[ms.workloads.display[i]!] = 0;
  });
  ms.associations.keys.forEach((k, i) => {
    if (!knownAssoc.has(k)) unknownNames.associations[ms.associations.display[i]!] = 0;
  });
  const m365Assoc = keySet(rules.m365.associations);
  const m365AssocOk = ms.associations.keys.map((k) => m365Assoc.has(k));
  const flags = new Uint8Array(T * span);
  const active = new Float64Array(T * span);
  const {
    enterpriseMinPaidExclusive: entMin,
    smbMinPaid,
    smbMaxPaid,
    deploymentMinActivePercent: pct,
  } = rules.m365;
  for (let i = 0; i < ms.length; i++) {
    const t = ms.tenant[i]!;
    const m = ms.month[i]!;
    const w = ms.workload[i]!;
    const workload = workloads[w];
    if (!workload && !planIneligible[w]) unknownNames.workloads[ms.workloads.display[w]!]! += 1;
    if (!knownAssoc.has(ms.associations.keys[ms.association[i]!]!)) {
      unknownNames.associations[ms.associations.display[ms.association[i]!]!]! += 1;
    }
    if (m > lastMonth + 1) exclude('m365', t, 'monthAfterLastMonth', 0);
    else if (m < base) exclude('m365', t, 'monthTooOld', 0);
    else if (planIneligible[w]) exclude('m365', t, 'workloadPlanNotEligible', 0);
    else if (!workload) exclude('m365', t, 'workloadNotEligible', 0);
    else if (!eligibleInMonth(workload, m)) exclude('m365', t, 'workloadNotEligible', 0);
    else if (!m365AssocOk[ms.association[i]!]) exclude('m365', t, 'associationNotEligible', 0);
    else {
      if (m === lastMonth + 1) exclude('m365', t, 'monthAfterLastMonth', 0);
      const cell = t * span + (m - base);
      const paid = ms.paid[i]!;
      const act = ms.active[i]!;
      // Rows are tested one by one: licenses of different rows are never added for these tests.
      const deployed = act * 100 >= pct * paid;
      let f = flags[cell]!;
      if (paid > entMin) f |= M365_ENTERPRISE_SIZED | (deployed ? M365_ENTERPRISE_DEPLOYED : 0);
      if (paid >= smbMinPaid && paid <= smbMaxPaid) f |= M365_SMB_SIZED | (deployed ? M365_SMB_DEPLOYED : 0);
      flags[cell] = f;
      active[cell]! += act;
    }
  }

  return {
    rules,
    lastMonth,
    base,
    span,
    tenantCount: T,
    azurePrefix,
    m365Flags: flags,
    m365Active: active,
    exclusions,
    tenantExclusions,
    unknownNames,
    planReasons,
  };
}

/** Eligible Azure ACR of tenant t over the 12 months ending at M (cents). */
export function acrTtm(agg: Aggregates, t: number, M: MonthIndex): number {
  const row = t * (agg.span + 1);
  const end = M - agg.base + 1;
  const start = Math.max(0, end - agg.rules.months.window);
  if (end <= 0) return 0;
  return agg.azurePrefix[row + Math.min(end, agg.span)]! - agg.azurePrefix[row + start]!;
}

export function m365FlagsAt(agg: Aggregates, t: number, M: MonthIndex): number {
  const j = M - agg.base;
  return j < 0 || j >= agg.span ? 0 : agg.m365Flags[t * agg.span + j]!;
}

export function m365ActiveAt(agg: Aggregates, t: number, M: MonthIndex): number {
  const j = M - agg.base;
  return j < 0 || j >= agg.span ? 0 : agg.m365Active[t * agg.span + j]!;
}

/** OR of the M365 flags of tenant t over the window of 12 months ending at M. */
export function m365FlagsInWindow(agg: Aggregates, t: number, M: MonthIndex): number {
  let f = 0;
  for (let k = 0; k < agg.rules.months.window; k++) f |= m365FlagsAt(agg, t, M - k);
  return f;
}
