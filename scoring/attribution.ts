import { acrTtm, aggregate, type Aggregates } from './aggregate';
import { certificationLookup, peopleOn } from './certifications';
import { protectedUsers } from './classify';
import {
  NameTable,
  normalizeName,
  type CertificationRow,
  type NormalizedDataset,
  type PartnerDataset,
} from './dataset';
import { deployments } from './metrics/deployments';
import { netCustomerAdds } from './metrics/netCustomerAdds';
import { usageGrowth } from './metrics/usageGrowth';
import { centsToUsd } from './money';
import { round2, type Points } from './points';
import { TRACKS, type RuleSet, type Track } from './rules/types';
import type { ScoreReport } from './score';
import {
  maskOf,
  NO_NEW_CUSTOMERS,
  pathFromInputs,
  pathInputs,
  simulationStats,
  stepCounts,
  type NewCustomers,
  type SimulationBase,
  type SimulatedPath,
  type SimulationPerson,
} from './simulate';

/**
 * The attribution finder (issue 12): usage, licences and certifications that are in the partner's
 * data but earn nothing because of their association, each with the points it would add on each
 * path once fixed and the fix in one line.
 *
 * A finding is one customer tenant × kind (its Azure rows, its Microsoft 365 rows) or one person.
 * The fix in data (`applyAttributionFixes`, what the points are re-scored with):
 * - Azure: every row of the tenant whose association is not eligible for Azure becomes `PAL`.
 * - Microsoft 365: per month and workload of the tenant without an eligible row, the non-eligible
 *   row with the most paid licences becomes `CPOR` (one claim per workload; a month and workload
 *   that already has an eligible row is left alone: its licences already count, and a second row
 *   would count them twice).
 * - Certification: every row of the person with `associated: false` becomes associated.
 * Only fixes that change what the score reads are findings (a DPOR row of a service that is not
 * eligible anyway is not one). Findings that add 0 points are kept, after those with points:
 * the association still matters next month and for the specializations.
 *
 * The points are exact: tenants are scored independently (every metric counts or sums per
 * tenant, the Azure side from Azure rows, the Microsoft 365 side from M365 rows), so a tenant's fix
 * changes the path's statistics by its contribution after the fix (one small aggregate of the
 * candidate tenants' fixed rows) minus before (the scored report's own lists); the statistics
 * then go through the simulator's `pathInputs` and `pathFromInputs`, equal to re-scoring the whole
 * dataset (the property test in test/scoring/attribution.test.ts re-scores every fix).
 */

export type AttributionKind = 'azure' | 'm365' | 'certification';

/** Why the rows do not count. */
export type AttributionReason =
  'dpor' | 'cporOnAzure' | 'palOnM365' | 'otherCsp' | 'unknownAssociation' | 'notAssociated';

export interface AttributionFinding {
  readonly kind: AttributionKind;
  /** The customer tenant (Azure, Microsoft 365) or the person. */
  readonly id: string;
  readonly name: string;
  readonly reason: AttributionReason;
  /** The associations found (as written, at most 3) or, for a person, the exams (at most 5). */
  readonly found: readonly string[];
  /** Rows the fix changes. */
  readonly rows: number;
  /** Azure: the amount of those rows (USD). */
  readonly usd?: number;
  /** Microsoft 365: the workloads of those rows (at most 3). */
  readonly workloads?: readonly string[];
  /** Points the fix adds on each path (may be negative: a customer can outgrow the SMB path). */
  readonly gain: Record<Track, number>;
  /** Each path's total once fixed. */
  readonly totalAfter: Record<Track, number>;
}

export interface AttributionReport {
  readonly version: 1;
  /** The headline path today: findings are sorted by their gain on it. */
  readonly headline: Track;
  readonly today: Record<Track, { readonly total: number; readonly qualified: boolean }>;
  /** The top findings (with points first). */
  readonly findings: readonly AttributionFinding[];
  /** All findings, and those that add points on some path. */
  readonly findingCount: number;
  readonly withPoints: number;
  /** Everything fixed at once, re-scored. */
  readonly allFixed: {
    readonly gain: Record<Track, number>;
    readonly paths: Record<Track, { readonly total: number; readonly qualified: boolean }>;
  };
}

export type AttributionFix =
  | { readonly kind: 'azure' | 'm365'; readonly tenantId: string }
  | { readonly kind: 'certification'; readonly personId: string };

export const ATTRIBUTION_TOP = 20;
const AZURE_TARGET = 'PAL';
const M365_TARGET = 'CPOR';

// ---- the fix in data --------------------------------------------------------------------------

/**
 * Of one tenant's `n` Microsoft 365 rows (a key per month and workload, eligible association, paid
 * licences), the indices whose association the CPOR claim sets: per month and workload without an
 * eligible row, the non-eligible row with the most paid licences (the first on a tie).
 */
export function m365RowsToClaim<K>(
  n: number,
  keyOf: (i: number) => K,
  eligible: (i: number) => boolean,
  paid: (i: number) => number,
): number[] {
  const best = new Map<K, number>();
  const covered = new Set<K>();
  for (let i = 0; i < n; i++) {
    const key = keyOf(i);
    if (eligible(i)) {
      covered.add(key);
      continue;
    }
    const current = best.get(key);
    if (current === undefined || paid(current) < paid(i)) best.set(key, i);
  }
  return [...best].filter(([key]) => !covered.has(key)).map(([, i]) => i);
}

function eligibleSet(names: readonly string[]): Set<string> {
  return new Set(names.map(normalizeName));
}

/** The dataset with the fixes done (see the module comment): what the finder's points are re-scored with. */
export function applyAttributionFixes(
  source: PartnerDataset,
  fixes: readonly AttributionFix[],
  rules: RuleSet,
): PartnerDataset {
  const azureTenants = new Set<string>();
  const m365Tenants = new Set<string>();
  const persons = new Set<string>();
  for (const fix of fixes) {
    if (fix.kind === 'certification') persons.add(fix.personId);
    else (fix.kind === 'azure' ? azureTenants : m365Tenants).add(fix.tenantId);
  }
  const azureOk = eligibleSet(rules.azure.associations);
  const m365Ok = eligibleSet(rules.m365.associations);
  const azureConsumption = source.azureConsumption.map((row) =>
    azureTenants.has(row.customerTenantId) && !azureOk.has(normalizeName(row.association))
      ? { ...row, association: AZURE_TARGET }
      : row,
  );
  const m365Licenses = [...source.m365Licenses];
  const byTenant = new Map<string, number[]>();
  m365Licenses.forEach((row, i) => {
    if (!m365Tenants.has(row.customerTenantId)) return;
    let list = byTenant.get(row.customerTenantId);
    if (!list) byTenant.set(row.customerTenantId, (list = []));
    list.push(i);
  });
  for (const indices of byTenant.values()) {
    const rowAt = (local: number): PartnerDataset['m365Licenses'][number] => m365Licenses[indices[local]!]!;
    const claim = m365RowsToClaim(
      indices.length,
      (local) => `${rowAt(local).month}|${normalizeName(rowAt(local).workload)}`,
      (local) => m365Ok.has(normalizeName(rowAt(local).association)),
      (local) => rowAt(local).paidLicenses,
    );
    for (const local of claim) {
      const i = indices[local]!;
      m365Licenses[i] = { ...m365Licenses[i]!, association: M365_TARGET };
    }
  }
  const certifications = source.certifications.map((row) =>
    persons.has(row.personId) && row.associated === false ? associatedRow(row) : row,
  );
  return { ...source, azureConsumption, m365Licenses, certifications };
}

/** The certification row once the person's Learn profile is associated (the field absent = associated). */
function associatedRow(row: CertificationRow): CertificationRow {
  const copy = { ...row };
  delete copy.associated;
  return copy;
}

// ---- reasons and words ------------------------------------------------------------------------

const DPOR_NAMES = new Set(['dpor', 'por', 'partner of record', 'digital partner of record']);

function reasonOf(kind: 'azure' | 'm365', association: string): AttributionReason {
  const key = normalizeName(association);
  if (DPOR_NAMES.has(key)) return 'dpor';
  if (kind === 'azure' && key === 'cpor') return 'cporOnAzure';
  if (kind === 'm365' && (key === 'pal' || key === 'partner admin link')) return 'palOnM365';
  if (key.includes('csp')) return 'otherCsp';
  return 'unknownAssociation';
}

/** Why a finding's rows do not count, in words (the card's text; kept out of the head to keep it small). */
export function attributionWhy({ kind, reason, found }: AttributionFinding): string {
  const quoted = found.map((a) => `"${a}"`).join(', ');
  switch (reason) {
    case 'dpor':
      return kind === 'azure'
        ? 'DPOR (partner of record) does not count for Azure: only PAL and CSP Tier 1/2 do'
        : 'DPOR (partner of record) does not count for Microsoft 365: only CPOR and CSP Tier 1/2 do';
    case 'cporOnAzure':
      return 'CPOR counts for Microsoft 365, not for Azure: Azure needs PAL or CSP Tier 1/2';
    case 'palOnM365':
      return 'PAL counts for Azure, not for Microsoft 365: Microsoft 365 needs CPOR or CSP Tier 1/2';
    case 'otherCsp':
      return `the CSP association ${quoted} is not this partner's Tier 1 or Tier 2 (another partner of record)`;
    case 'unknownAssociation':
      return `association ${quoted} is not one that counts (${kind === 'azure' ? 'PAL, CSP Tier 1/2' : 'CPOR, CSP Tier 1/2'})`;
    case 'notAssociated':
      return `certified (${found.join(', ')}) in the training report, but the Microsoft Learn profile is not associated with the partner`;
  }
}

/** The fix in one line, with the documented step names (research note §4). */
export function attributionFix(
  { kind, name, workloads = [] }: AttributionFinding,
  partnerId: string,
): string {
  switch (kind) {
    case 'azure':
      return `Link Partner ID ${partnerId} with PAL on ${name}'s subscriptions: in their tenant, az managementpartner create --partner-id ${partnerId} (or Azure portal → Link to a partner ID).`;
    case 'm365':
      return `Claim CPOR for ${workloads.join(', ')} at ${name}: Partner Center → Incentives → Customer associations → Submit claim.`;
    case 'certification':
      return `${name} associates their Microsoft Learn profile: Partner Center → My profile → Associate Microsoft Learning account.`;
  }
}

// ---- the finder -------------------------------------------------------------------------------

/** A tenant's contribution to one path's statistics (the order of `NewCustomers`' numbers). */
const STATS = 12;
/** The numbers of the Azure side (customers, deployments, Security ACR) and of the Microsoft 365 side. */
const AZURE_SLOTS = [0, 1, 4, 5, 8, 9];
const M365_SLOTS = [2, 3, 6, 7, 10, 11];

interface TenantCandidate {
  readonly tenant: number;
  /** Rows excluded for their association alone, on each side. */
  readonly azure: boolean;
  readonly m365: boolean;
  readonly allAzure: number[];
  readonly allM365: number[];
}

/** A finding before its points are known. */
interface Draft extends Omit<AttributionFinding, 'gain' | 'totalAfter'> {
  readonly delta?: Record<Track, NewCustomers>;
  readonly counts?: number[];
  /** Sort key among findings with equal points. */
  readonly weight: number;
}

function toNewCustomers(v: Float64Array, offset: number): NewCustomers {
  return {
    nca: {
      azure: { current: v[offset]!, previous: v[offset + 1]! },
      m365: { current: v[offset + 2]!, previous: v[offset + 3]! },
    },
    deployments: {
      azure: { current: v[offset + 4]!, previous: v[offset + 5]! },
      m365: { current: v[offset + 6]!, previous: v[offset + 7]! },
    },
    azureNowCents: v[offset + 8]!,
    azureYearAgoCents: v[offset + 9]!,
    usersNow: v[offset + 10]!,
    usersYearAgo: v[offset + 11]!,
  };
}

/** One copy of a candidate tenant's rows: its row indices and those whose association the fix sets. */
interface TenantCopy {
  readonly azure: readonly number[];
  readonly m365: readonly number[];
  /** Every row whose association is not eligible for Azure becomes PAL. */
  readonly fixAzure: boolean;
  readonly fixM365: ReadonlySet<number>;
}

/** Copies of the candidate tenants' rows, each with one fix done, as one small dataset. */
function candidateDataset(
  data: NormalizedDataset,
  copies: readonly TenantCopy[],
  azureOk: readonly boolean[],
): NormalizedDataset {
  const az = data.azure;
  const ms = data.m365;
  const azureAssociations = new NameTable();
  for (const name of az.associations.display) azureAssociations.intern(name);
  const pal = azureAssociations.intern(AZURE_TARGET);
  const m365Associations = new NameTable();
  for (const name of ms.associations.display) m365Associations.intern(name);
  const cpor = m365Associations.intern(M365_TARGET);
  let nAzure = 0;
  let nM365 = 0;
  for (const c of copies) {
    nAzure += c.azure.length;
    nM365 += c.m365.length;
  }
  const azure = {
    length: nAzure,
    tenant: new Int32Array(nAzure),
    month: new Int32Array(nAzure),
    cents: new Float64Array(nAzure),
    service: new Int32Array(nAzure),
    offer: new Int32Array(nAzure),
    association: new Int32Array(nAzure),
    services: az.services,
    offers: az.offers,
    associations: azureAssociations,
    rowsWithoutOffer: 0,
  };
  const m365 = {
    length: nM365,
    tenant: new Int32Array(nM365),
    month: new Int32Array(nM365),
    workload: new Int32Array(nM365),
    association: new Int32Array(nM365),
    paid: new Int32Array(nM365),
    active: new Int32Array(nM365),
    workloads: ms.workloads,
    associations: m365Associations,
  };
  let a = 0;
  let m = 0;
  copies.forEach((c, t) => {
    for (const i of c.azure) {
      azure.tenant[a] = t;
      azure.month[a] = az.month[i]!;
      azure.cents[a] = az.cents[i]!;
      azure.service[a] = az.service[i]!;
      azure.offer[a] = az.offer[i]!;
      const association = az.association[i]!;
      azure.association[a] = c.fixAzure && !azureOk[association] ? pal : association;
      a += 1;
    }
    for (const i of c.m365) {
      m365.tenant[m] = t;
      m365.month[m] = ms.month[i]!;
      m365.workload[m] = ms.workload[i]!;
      m365.association[m] = c.fixM365.has(i) ? cpor : ms.association[i]!;
      m365.paid[m] = ms.paid[i]!;
      m365.active[m] = ms.active[i]!;
      m += 1;
    }
  });
  const ids = copies.map((_, t) => String(t));
  return {
    asOf: data.asOf,
    partner: data.partner,
    tenants: { ids, names: ids },
    azure,
    m365,
    certifications: [],
    mau: [],
    specializations: [],
    appliedSkills: [],
    warnings: [],
  };
}

/** The per-tenant metric results a contribution is read from (a full evaluation has them already). */
interface TenantLists {
  readonly netCustomerAdds: Pick<ReturnType<typeof netCustomerAdds>, 'azure' | 'm365'>;
  readonly deployments: Pick<ReturnType<typeof deployments>, 'azure' | 'm365'>;
  readonly usageGrowth: Pick<ReturnType<typeof usageGrowth>, 'azure' | 'm365'>;
}

/** Per tenant and track, its contribution to the path's statistics (STATS numbers). */
function contributions(
  agg: Aggregates,
  L: number,
  lists: (track: Track) => TenantLists,
): Record<Track, Float64Array> {
  const out = {} as Record<Track, Float64Array>;
  for (const track of TRACKS) {
    const v = new Float64Array(agg.tenantCount * STATS);
    const add = (tenants: readonly number[], slot: number, value: (t: number) => number = () => 1): void => {
      for (const t of tenants) v[t * STATS + slot]! += value(t);
    };
    const { netCustomerAdds: nca, deployments: dep, usageGrowth: ug } = lists(track);
    add(nca.azure.current, 0);
    add(nca.azure.previous, 1);
    add(nca.m365.current, 2);
    add(nca.m365.previous, 3);
    add(dep.azure.current, 4);
    add(dep.azure.previous, 5);
    add(dep.m365.current, 6);
    add(dep.m365.previous, 7);
    add(ug.azure.tenantsNow, 8, (t) => acrTtm(agg, t, L));
    add(ug.azure.tenantsYearAgo, 9, (t) => acrTtm(agg, t, L - 12));
    add(ug.m365.tenantsNow, 10, (t) => protectedUsers(agg, t, L));
    add(ug.m365.tenantsYearAgo, 11, (t) => protectedUsers(agg, t, L - 12));
    out[track] = v;
  }
  return out;
}

function firstDistinct(values: Iterable<string>, limit: number): string[] {
  const out: string[] = [];
  for (const v of values) {
    if (!out.includes(v)) out.push(v);
    if (out.length === limit) break;
  }
  return out;
}

/**
 * The findings of a scored partner. Cost: the candidate tenants come from the aggregates (rows
 * excluded for their association alone, every other filter passed); one pass over the rows
 * collects theirs; one aggregate of the fixed copies; the simulator's arithmetic per finding,
 * cached by its whole-number inputs.
 */
export function findAttribution(report: ScoreReport, top = ATTRIBUTION_TOP): AttributionReport {
  const { data, rules } = report;
  const az = data.azure;
  const ms = data.m365;
  const azureEligible = eligibleSet(rules.azure.associations);
  const m365Eligible = eligibleSet(rules.m365.associations);
  const azureOk = az.associations.keys.map((k) => azureEligible.has(k));
  const m365Ok = ms.associations.keys.map((k) => m365Eligible.has(k));
  const L = report.lastMonth;
  const firstRead = L - rules.months.history + 1;

  // Candidates: tenants with rows that fail the association filter alone.
  const slot = new Int32Array(data.tenants.ids.length).fill(-1);
  const candidates: TenantCandidate[] = [];
  for (const [t, tally] of report.aggregates.tenantExclusions) {
    const azure = (tally.azure.associationNotEligible?.rows ?? 0) > 0;
    const m365 = (tally.m365.associationNotEligible?.rows ?? 0) > 0;
    if (!azure && !m365) continue;
    slot[t] = candidates.length;
    candidates.push({ tenant: t, azure, m365, allAzure: [], allM365: [] });
  }
  // Every row of a candidate tenant: its classification looks at all of them.
  for (let i = 0; i < az.length; i++) {
    const k = slot[az.tenant[i]!]!;
    if (k >= 0) candidates[k]!.allAzure.push(i);
  }
  for (let i = 0; i < ms.length; i++) {
    const k = slot[ms.tenant[i]!]!;
    if (k >= 0) candidates[k]!.allM365.push(i);
  }
  const inWindow = (month: number): boolean => month >= firstRead && month <= L;

  const copies: TenantCopy[] = [];
  const NO_ROWS: ReadonlySet<number> = new Set();
  // Workloads are interned: a month and workload key is a number.
  const workloadCount = ms.workloads.keys.length;
  const plans: {
    candidate: TenantCandidate;
    fixAzure: number[];
    claim: number[];
    azure?: number;
    m365?: number;
  }[] = [];
  for (const c of candidates) {
    const fixAzure = c.azure ? c.allAzure.filter((i) => !azureOk[az.association[i]!]) : [];
    const rowOf = c.allM365;
    const claim = c.m365
      ? m365RowsToClaim(
          rowOf.length,
          (local) => ms.month[rowOf[local]!]! * workloadCount + ms.workload[rowOf[local]!]!,
          (local) => m365Ok[ms.association[rowOf[local]!]!]!,
          (local) => ms.paid[rowOf[local]!]!,
        ).map((local) => rowOf[local]!)
      : [];
    // The Azure side of every metric reads Azure rows only, the Microsoft 365 side M365 rows only:
    // each fix's copy holds its own side's rows, and "all fixed" is both sides' changes added.
    const azure =
      fixAzure.length > 0
        ? copies.push({ azure: c.allAzure, m365: [], fixAzure: true, fixM365: NO_ROWS }) - 1
        : undefined;
    const m365 =
      claim.length > 0
        ? copies.push({ azure: [], m365: c.allM365, fixAzure: false, fixM365: new Set(claim) }) - 1
        : undefined;
    if (azure === undefined && m365 === undefined) continue;
    plans.push({
      candidate: c,
      fixAzure,
      claim,
      ...(azure !== undefined ? { azure } : {}),
      ...(m365 !== undefined ? { m365 } : {}),
    });
  }
  // Before: the scored report's own lists; after: one aggregate of the fixed copies.
  const before = contributions(report.aggregates, L, (track) => report.paths[track].metrics);
  let after: Record<Track, Float64Array> | undefined;
  if (copies.length > 0) {
    const mini = candidateDataset(data, copies, azureOk);
    const agg = aggregate(mini, rules);
    after = contributions(agg, L, (track) => ({
      netCustomerAdds: netCustomerAdds(agg, track, L),
      deployments: deployments(agg, track, L),
      usageGrowth: usageGrowth(agg, track, L),
    }));
  }
  const allDelta: Record<Track, Float64Array> = {
    enterprise: new Float64Array(STATS),
    smb: new Float64Array(STATS),
  };
  /** The change of one side's statistics (the others stay 0), also added to "all fixed". */
  const deltaOf = (
    copy: number,
    t: number,
    slots: readonly number[],
  ): Record<Track, NewCustomers> | undefined => {
    let changed = false;
    for (const track of TRACKS)
      for (const k of slots) changed ||= after![track][copy * STATS + k] !== before[track][t * STATS + k];
    if (!changed) return undefined;
    const out = {} as Record<Track, NewCustomers>;
    for (const track of TRACKS) {
      const d = new Float64Array(STATS);
      for (const k of slots) {
        d[k] = after![track][copy * STATS + k]! - before[track][t * STATS + k]!;
        allDelta[track][k]! += d[k]!;
      }
      out[track] = toNewCustomers(d, 0);
    }
    return out;
  };

  const drafts: Draft[] = [];
  for (const { candidate: c, fixAzure, claim, azure, m365 } of plans) {
    const t = c.tenant;
    const tenantId = data.tenants.ids[t]!;
    const name = data.tenants.names[t]!;
    const delta = azure !== undefined ? deltaOf(azure, t, AZURE_SLOTS) : undefined;
    if (delta) {
      const shown = fixAzure.filter((i) => inWindow(az.month[i]!));
      const found = firstDistinct(
        shown.map((i) => az.associations.display[az.association[i]!]!),
        3,
      );
      let cents = 0;
      for (const i of shown) cents += az.cents[i]!;
      drafts.push({
        kind: 'azure',
        id: tenantId,
        name,
        reason: reasonOf('azure', found[0] ?? ''),
        found,
        rows: shown.length,
        usd: centsToUsd(cents),
        delta,
        weight: cents,
      });
    }
    const m365Delta = m365 !== undefined ? deltaOf(m365, t, M365_SLOTS) : undefined;
    if (m365Delta) {
      const shown = claim.filter((i) => inWindow(ms.month[i]!));
      const found = firstDistinct(
        shown.map((i) => ms.associations.display[ms.association[i]!]!),
        3,
      );
      let paid = 0;
      for (const i of shown) paid = Math.max(paid, ms.paid[i]!);
      drafts.push({
        kind: 'm365',
        id: tenantId,
        name,
        reason: reasonOf('m365', found[0] ?? ''),
        found,
        rows: shown.length,
        workloads: firstDistinct(
          shown.map((i) => ms.workloads.display[ms.workload[i]!]!),
          3,
        ),
        delta: m365Delta,
        weight: paid,
      });
    }
  }

  // People: their step mask with the unassociated certifications counted.
  const lookup = certificationLookup(rules);
  const base: SimulationBase = {
    asOf: data.asOf,
    rules,
    stats: simulationStats(data, report.aggregates, report.paths),
    people: report.people.map((p): SimulationPerson => ({
      personId: p.personId,
      name: p.name,
      steps: [...p.steps],
    })),
  };
  const counts = stepCounts(base.people);
  const allCounts = [...counts];
  for (const person of report.people) {
    const unassociated = person.certifications.filter((s) => s.state === 'notAssociated');
    if (unassociated.length === 0) continue;
    const rows = person.certifications.map((s) => associatedRow(s.row));
    const fixed = peopleOn(rows, rules, data.asOf, lookup)[0]!;
    const from = maskOf([...person.steps]);
    const to = maskOf([...fixed.steps]);
    const personCounts = [...counts];
    personCounts[from]! -= 1;
    personCounts[to]! += 1;
    allCounts[from]! -= 1;
    allCounts[to]! += 1;
    drafts.push({
      kind: 'certification',
      id: person.personId,
      name: person.name,
      reason: 'notAssociated',
      found: firstDistinct(
        unassociated.map((s) => s.rule?.exam ?? s.row.exam),
        5,
      ),
      rows: unassociated.length,
      counts: personCounts,
      weight: unassociated.length,
    });
  }

  // Many fixes give a path the same whole-number inputs (and people): score each set once, and
  // its gain over today once.
  const cache = new Map<string, { path: SimulatedPath; gain: Points; order: number }>();
  const countsKey = (c: readonly number[]): string => c.join(',');
  const baseKey = countsKey(counts);
  const perTrack = <T>(f: (track: Track) => T): Record<Track, T> => ({
    enterprise: f('enterprise'),
    smb: f('smb'),
  });
  const today = perTrack((track) =>
    pathFromInputs(rules, track, pathInputs(base, track, NO_NEW_CUSTOMERS, 0, 0), counts),
  );
  const scoreOf = (
    track: Track,
    delta: NewCustomers,
    stepCounts: readonly number[],
    stepKey: string,
  ): { path: SimulatedPath; gain: Points; order: number } => {
    const inputs = pathInputs(base, track, delta, 0, 0);
    const key = `${track}|${inputs.netCustomerAdds}|${inputs.deployments}|${inputs.azureGrowthPoints}|${inputs.usersGrowthPoints}|${stepKey}`;
    let hit = cache.get(key);
    if (!hit) {
      const path = pathFromInputs(rules, track, inputs, stepCounts);
      const gain = path.total.sub(today[track].total);
      // Points have small denominators (sixths): their doubles order them exactly.
      cache.set(key, (hit = { path, gain, order: gain.valueOf() }));
    }
    return hit;
  };
  const headline = report.headline;
  const scored = drafts.map((d) => {
    const stepKey = d.counts ? countsKey(d.counts) : baseKey;
    const fixed = perTrack((track) =>
      scoreOf(track, d.delta?.[track] ?? NO_NEW_CUSTOMERS, d.counts ?? counts, stepKey),
    );
    return {
      d,
      fixed: perTrack((track) => fixed[track].path),
      gain: perTrack((track) => fixed[track].gain),
      order: perTrack((track) => fixed[track].order),
    };
  });
  const other: Track = headline === 'enterprise' ? 'smb' : 'enterprise';
  scored.sort(
    (a, b) =>
      b.order[headline] - a.order[headline] ||
      b.order[other] - a.order[other] ||
      b.d.weight - a.d.weight ||
      (a.d.id < b.d.id ? -1 : a.d.id > b.d.id ? 1 : 0) ||
      (a.d.kind < b.d.kind ? -1 : 1),
  );
  const allFixed = perTrack(
    (track) => scoreOf(track, toNewCustomers(allDelta[track], 0), allCounts, countsKey(allCounts)).path,
  );
  const pathJson = (p: SimulatedPath): { total: number; qualified: boolean } => ({
    total: round2(p.total),
    qualified: p.qualified,
  });
  return {
    version: 1,
    headline,
    today: perTrack((track) => pathJson(today[track])),
    findings: scored.slice(0, top).map(({ d, fixed, gain }) => ({
      kind: d.kind,
      id: d.id,
      name: d.name,
      reason: d.reason,
      found: d.found,
      rows: d.rows,
      ...(d.usd !== undefined ? { usd: d.usd } : {}),
      ...(d.workloads ? { workloads: d.workloads } : {}),
      gain: perTrack((track) => round2(gain[track])),
      totalAfter: perTrack((track) => round2(fixed[track].total)),
    })),
    findingCount: scored.length,
    withPoints: scored.filter((s) => TRACKS.some((track) => s.order[track] > 0)).length,
    allFixed: {
      gain: perTrack((track) => round2(allFixed[track].total.sub(today[track].total))),
      paths: perTrack((track) => pathJson(allFixed[track])),
    },
  };
}
