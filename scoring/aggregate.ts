import { lastMonthOf, monthIndex, type MonthIndex } from './calendar';
import { NameTable, NO_OFFER, normalizeName, type NormalizedDataset } from './dataset';
import type { NamedItem, RuleSet } from './rules/types';

/**
 * Per customer tenant × month aggregates after the eligibility filters (rules §2), over months
 * L−35 … L. Built once per scoring run. The projections (next month, the forecast) read the months
 * after L through a steady-state view of them (`steadyFrom`, scoring/projection.ts).
 */

export type ExclusionReason =
  | 'monthAfterLastMonth'
  | 'monthTooOld'
  | 'serviceNotEligible'
  | 'serviceNotEligibleThatMonth'
  | 'serviceLeftList'
  | 'offerNotEligible'
  | 'associationNotEligible'
  | 'workloadNotEligible'
  | 'workloadPlanNotEligible';

export const EXCLUSION_TEXT: Record<ExclusionReason, string> = {
  monthAfterLastMonth: 'month after last month (not yet in the score)',
  monthTooOld: 'month older than L−35 (no longer read)',
  serviceNotEligible: 'not an eligible Azure Security service',
  serviceNotEligibleThatMonth: 'service not eligible in that month',
  serviceLeftList: "service no longer on Microsoft's list of eligible services",
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
  /** Months kept: base … L. */
  readonly span: number;
  /**
   * Issue 13: every month after this one reads this month's figures (the projections' steady
   * state, scoring/projection.ts); +Infinity in the aggregates of the data as it is.
   */
  readonly steadyFrom: MonthIndex;
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
  /** I-8: per service that left Microsoft's list on or before asOf, the rows that stopped counting. */
  readonly servicesLeftList: readonly ServiceLeftList[];
  /** Eligible cents over the 12 months ending at L per canonical service name (specializations). */
  readonly serviceTtmCents: ReadonlyMap<string, number>;
  /** OR of the M365 flags over the window ending at a month, per tenant; filled on first use. */
  readonly windowFlagsCache: (Uint8Array | undefined)[];
}

export interface ServiceLeftList {
  /** The canonical name in the rule set. */
  readonly service: string;
  /** The day it left Microsoft's list. */
  readonly endsOn: string;
  readonly rows: number;
  readonly cents: number;
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

const REASONS: readonly ExclusionReason[] = Object.keys(EXCLUSION_TEXT) as ExclusionReason[];
const R = REASONS.length;
const reasonIndex = Object.fromEntries(REASONS.map((r, i) => [r, i])) as Record<ExclusionReason, number>;

/** Excluded rows and cents per reason, in total and per tenant (typed arrays: one pass, no allocation per row). */
class ExclusionCounter {
  readonly rows = new Float64Array(R);
  readonly cents = new Float64Array(R);
  readonly tenantRows: Float64Array;
  readonly tenantCents: Float64Array;
  constructor(tenants: number) {
    this.tenantRows = new Float64Array(tenants * R);
    this.tenantCents = new Float64Array(tenants * R);
  }
  add(tenant: number, reason: number, cents: number): void {
    this.rows[reason]! += 1;
    this.cents[reason]! += cents;
    this.tenantRows[tenant * R + reason]! += 1;
    this.tenantCents[tenant * R + reason]! += cents;
  }
  tally(tenant?: number): ExclusionTally | undefined {
    const offset = tenant === undefined ? 0 : tenant * R;
    const rows = tenant === undefined ? this.rows : this.tenantRows;
    const cents = tenant === undefined ? this.cents : this.tenantCents;
    let out: ExclusionTally | undefined;
    for (let r = 0; r < R; r++) {
      if (rows[offset + r]! > 0)
        (out ??= {})[REASONS[r]!] = { rows: rows[offset + r]!, cents: cents[offset + r]! };
    }
    return out;
  }
}

/** First and last month index in which an item's rows count (effective dates of the rule set). */
function monthRange(item: NamedItem | undefined): [number, number] {
  if (!item) return [Infinity, -Infinity];
  return [
    item.effectiveFrom ? monthIndex(item.effectiveFrom) : -Infinity,
    item.eligibleUntil ? monthIndex(item.eligibleUntil) : Infinity,
  ];
}

/** Adds the row counts of interned names unknown to the rule set to `into`, by display name. */
function countUnknown(
  into: Record<string, number>,
  table: NameTable,
  known: (key: string, i: number) => boolean,
  counts: Uint32Array,
): void {
  table.keys.forEach((key, i) => {
    if (!known(key, i)) into[table.display[i]!] = (into[table.display[i]!] ?? 0) + counts[i]!;
  });
}

function perService(services: readonly (NamedItem | undefined)[], cents: Float64Array): Map<string, number> {
  const out = new Map<string, number>();
  services.forEach((service, i) => {
    if (service) out.set(service.name, (out.get(service.name) ?? 0) + cents[i]!);
  });
  return out;
}

function countsOf(column: Int32Array, length: number, size: number): Uint32Array {
  const counts = new Uint32Array(size);
  for (let i = 0; i < length; i++) counts[column[i]!]! += 1;
  return counts;
}

/** Rows per canonical service that left the list (several spellings of one service are added). */
function servicesLeft(
  services: readonly (NamedItem | undefined)[],
  rows: Float64Array,
  cents: Float64Array,
): ServiceLeftList[] {
  const byName = new Map<string, ServiceLeftList>();
  services.forEach((item, i) => {
    if (!item?.endsOn || rows[i] === 0) return;
    const before = byName.get(item.name);
    byName.set(item.name, {
      service: item.name,
      endsOn: item.endsOn,
      rows: (before?.rows ?? 0) + rows[i]!,
      cents: (before?.cents ?? 0) + cents[i]!,
    });
  });
  return [...byName.values()].sort((a, b) => b.rows - a.rows || a.service.localeCompare(b.service));
}

export function aggregate(data: NormalizedDataset, rules: RuleSet): Aggregates {
  const lastMonth = lastMonthOf(data.asOf);
  const base = lastMonth - rules.months.history + 1;
  const span = rules.months.history;
  // The rows of asOf's month go through the filters for the tally: one a filter excludes is named by
  // that filter, one that passes them is "after last month" (incomplete: never stored). Later months
  // are "after last month" whatever else they fail.
  const ahead = lastMonth + 1;
  const T = data.tenants.ids.length;
  const cents = new Float64Array(T * span);
  const azureExcluded = new ExclusionCounter(T);
  const m365Excluded = new ExclusionCounter(T);
  const AFTER = reasonIndex.monthAfterLastMonth;
  const TOO_OLD = reasonIndex.monthTooOld;
  const ASSOCIATION = reasonIndex.associationNotEligible;
  const knownAssoc = keySet([...rules.azure.associations, ...rules.m365.associations, 'DPOR']);

  // ---- Azure -------------------------------------------------------------------------------
  const az = data.azure;
  const services = resolveTable(az.services, rules.azure.services);
  const serviceMonths = services.map(monthRange);
  // I-8: the list in force on asOf applies to every month of the evaluation.
  const serviceLeft = services.map((item) => item?.endsOn !== undefined && data.asOf >= item.endsOn);
  const leftRows = new Float64Array(az.services.keys.length);
  const leftCents = new Float64Array(az.services.keys.length);
  const LEFT = reasonIndex.serviceLeftList;
  const badOffers = keySet(rules.azure.ineligibleOffers);
  const offerOk = az.offers.keys.map((k) => !badOffers.has(k));
  const azureAssoc = keySet(rules.azure.associations);
  const azureAssocOk = az.associations.keys.map((k) => azureAssoc.has(k));
  const window = rules.months.window;
  const serviceCents = new Float64Array(az.services.keys.length);
  for (let i = 0; i < az.length; i++) {
    const t = az.tenant[i]!;
    const m = az.month[i]!;
    const c = az.cents[i]!;
    const s = az.service[i]!;
    const range = serviceMonths[s]!;
    let reason = -1;
    if (m > ahead) reason = AFTER;
    else if (m < base) reason = TOO_OLD;
    else if (!services[s]) reason = reasonIndex.serviceNotEligible;
    else if (serviceLeft[s]) reason = LEFT;
    else if (m < range[0] || m > range[1]) reason = reasonIndex.serviceNotEligibleThatMonth;
    else if (az.offer[i] !== NO_OFFER && !offerOk[az.offer[i]!]) reason = reasonIndex.offerNotEligible;
    else if (!azureAssocOk[az.association[i]!]) reason = ASSOCIATION;
    else if (m > lastMonth) reason = AFTER;
    else {
      if (m > lastMonth - window) serviceCents[s]! += c;
      cents[t * span + (m - base)]! += c;
    }
    if (reason >= 0) azureExcluded.add(t, reason, c);
    if (reason === LEFT) {
      leftRows[s]! += 1;
      leftCents[s]! += c;
    }
  }
  const servicesLeftList = servicesLeft(services, leftRows, leftCents);
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
  const workloadMonths = workloads.map(monthRange);
  const planIneligible = resolveTable(ms.workloads, rules.m365.ineligibleWorkloads);
  const planReasons = new Map<string, string>();
  planIneligible.forEach((plan, i) => {
    if (plan) planReasons.set(ms.workloads.display[i]!, plan.reason);
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
    const range = workloadMonths[w]!;
    let reason = -1;
    if (m > ahead) reason = AFTER;
    else if (m < base) reason = TOO_OLD;
    else if (planIneligible[w]) reason = reasonIndex.workloadPlanNotEligible;
    else if (m < range[0] || m > range[1]) reason = reasonIndex.workloadNotEligible;
    else if (!m365AssocOk[ms.association[i]!]) reason = ASSOCIATION;
    else if (m > lastMonth) reason = AFTER;
    else {
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
    if (reason >= 0) m365Excluded.add(t, reason, 0);
  }

  const unknownNames: UnknownNames = { services: {}, workloads: {}, associations: {} };
  countUnknown(
    unknownNames.services,
    az.services,
    (_, i) => services[i] !== undefined,
    countsOf(az.service, az.length, az.services.keys.length),
  );
  countUnknown(
    unknownNames.workloads,
    ms.workloads,
    (_, i) => workloads[i] !== undefined || planIneligible[i] !== undefined,
    countsOf(ms.workload, ms.length, ms.workloads.keys.length),
  );
  countUnknown(
    unknownNames.associations,
    az.associations,
    (k) => knownAssoc.has(k),
    countsOf(az.association, az.length, az.associations.keys.length),
  );
  countUnknown(
    unknownNames.associations,
    ms.associations,
    (k) => knownAssoc.has(k),
    countsOf(ms.association, ms.length, ms.associations.keys.length),
  );

  const tenantExclusions = new Map<number, { azure: ExclusionTally; m365: ExclusionTally }>();
  for (let t = 0; t < T; t++) {
    const azureTally = azureExcluded.tally(t);
    const m365Tally = m365Excluded.tally(t);
    if (azureTally || m365Tally) tenantExclusions.set(t, { azure: azureTally ?? {}, m365: m365Tally ?? {} });
  }
  const exclusions = { azure: azureExcluded.tally() ?? {}, m365: m365Excluded.tally() ?? {} };

  return {
    rules,
    lastMonth,
    base,
    span,
    steadyFrom: Number.POSITIVE_INFINITY,
    tenantCount: T,
    azurePrefix,
    m365Flags: flags,
    m365Active: active,
    exclusions,
    tenantExclusions,
    unknownNames,
    planReasons,
    servicesLeftList,
    serviceTtmCents: perService(services, serviceCents),
    windowFlagsCache: [],
  };
}

/** Eligible cents of tenant t stored for months first … last (months outside base … L count zero). */
function storedCents(agg: Aggregates, t: number, first: MonthIndex, last: MonthIndex): number {
  const row = t * (agg.span + 1);
  const start = Math.max(0, first - agg.base);
  const end = Math.min(agg.span, last - agg.base + 1);
  return end <= start ? 0 : agg.azurePrefix[row + end]! - agg.azurePrefix[row + start]!;
}

/** Eligible Azure ACR of tenant t over the 12 months ending at M (cents). */
export function acrTtm(agg: Aggregates, t: number, M: MonthIndex): number {
  const first = M - agg.rules.months.window + 1;
  const steady = agg.steadyFrom;
  if (M <= steady) return storedCents(agg, t, first, M);
  // Each month of the window after `steady` carries its amount.
  const carried = M - Math.max(first, steady + 1) + 1;
  return storedCents(agg, t, first, steady) + carried * storedCents(agg, t, steady, steady);
}

export function m365FlagsAt(agg: Aggregates, t: number, M: MonthIndex): number {
  const j = (M > agg.steadyFrom ? agg.steadyFrom : M) - agg.base;
  return j < 0 || j >= agg.span ? 0 : agg.m365Flags[t * agg.span + j]!;
}

export function m365ActiveAt(agg: Aggregates, t: number, M: MonthIndex): number {
  const j = (M > agg.steadyFrom ? agg.steadyFrom : M) - agg.base;
  return j < 0 || j >= agg.span ? 0 : agg.m365Active[t * agg.span + j]!;
}

/** OR of the M365 flags of tenant t over the window of 12 months ending at M. */
export function m365FlagsInWindow(agg: Aggregates, t: number, M: MonthIndex): number {
  const j = M - agg.base;
  // The projections' windows end a few months after L: the cache is sparse, by month.
  if (j < 0) return 0;
  let cached = agg.windowFlagsCache[j];
  if (!cached) {
    // Computed for every tenant at once: each window is read for every tenant, by several metrics.
    cached = new Uint8Array(agg.tenantCount);
    for (let tenant = 0; tenant < agg.tenantCount; tenant++) {
      let f = 0;
      for (let k = 0; k < agg.rules.months.window; k++) f |= m365FlagsAt(agg, tenant, M - k);
      cached[tenant] = f;
    }
    agg.windowFlagsCache[j] = cached;
  }
  return cached[t]!;
}
