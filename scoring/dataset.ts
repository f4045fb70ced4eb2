import { z } from 'zod';
import { isCalendarDate, monthIndex } from './calendar';
import { usdToCents } from './money';

/**
 * The partner dataset exactly as in ../shared/contract/partner-dataset.md. Unknown keys are an
 * error at every level so that a typo never passes silently.
 */

const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;
const month = z.string().regex(MONTH_RE, 'must be a month written YYYY-MM');
const date = z.string().refine(isCalendarDate, 'must be a real calendar date written YYYY-MM-DD');
const nonEmpty = z.string().trim().min(1, 'must not be empty');
const id = z.string().min(1, 'must not be empty');
/**
 * Bounds of what the engine's storage holds exactly: counts go into Int32Array columns; amounts into
 * Float64Array columns of whole cents, which a double tells apart below 2^46 dollars; and sums over
 * rows (cents, licenses, users) stay exact integers only up to Number.MAX_SAFE_INTEGER (`normalize`).
 */
export const MAX_COUNT = 2_147_483_647;
export const MAX_ACR_USD = 10_000_000_000_000;
export const MAX_TOTAL = Number.MAX_SAFE_INTEGER;

const count = z
  .number()
  .int('must be a whole number')
  .nonnegative('must be 0 or more')
  .max(MAX_COUNT, `must be at most ${MAX_COUNT.toLocaleString('en-US')} (a 32-bit count)`);
const amount = z
  .number()
  .nonnegative('must be 0 or more')
  .max(MAX_ACR_USD, `must be at most ${MAX_ACR_USD.toLocaleString('en-US')} (kept in exact cents)`);

export const azureRowSchema = z.strictObject({
  customerTenantId: id,
  customerName: z.string().optional(),
  month,
  service: nonEmpty,
  /** Absent in Partner Center's Azure usage download: the row passes the offer filter (rules §7). */
  offer: nonEmpty.optional(),
  association: nonEmpty,
  acrUsd: amount,
});

export const m365RowSchema = z.strictObject({
  customerTenantId: id,
  customerName: z.string().optional(),
  month,
  workload: nonEmpty,
  association: nonEmpty,
  paidLicenses: count,
  activeLicenses: count,
});

export const mauRowSchema = z.strictObject({
  customerTenantId: id,
  month,
  product: nonEmpty,
  association: nonEmpty,
  activeUsers: count,
});

export const certificationRowSchema = z.strictObject({
  personId: id,
  personName: z.string().optional(),
  exam: nonEmpty,
  earned: date,
  expires: date.optional(),
  /**
   * False: the certification is in the training report but the person's Microsoft Learn profile is
   * not associated with this partner, so it does not count (the attribution finder lists it).
   * Absent or true: associated.
   */
  associated: z.boolean().optional(),
});

/** Free text from Partner Center (a module or an Applied Skill name): bounded so a card stays small. */
const label = nonEmpty.max(200, 'must be at most 200 characters');

/** From 2026-07-30 (reported): the third-party audit that validates a Security specialization. */
export const auditSchema = z.strictObject({
  /** The audit module as Partner Center names it, e.g. "Module A". */
  module: label,
  result: z.enum(['Pass', 'No Pass'], 'must be "Pass" or "No Pass"'),
  auditDate: date,
  /** The gap-review meeting, if one was held: later than 15 days after the audit counts as No Pass. */
  gapReviewDate: date.optional(),
  /** As Partner Center gives it; absent = the audit date + 2 years. */
  validUntil: date.optional(),
});

export const specializationRowSchema = z.strictObject({
  name: nonEmpty,
  firstAwarded: date.optional(),
  anniversary: date.optional(),
  customerReferencesApproved: count.optional(),
  referencesApprovedOn: date.optional(),
  audit: auditSchema.optional(),
});

/** A Microsoft Applied Skill a person holds (Data Security from 2025-08-26). */
export const appliedSkillRowSchema = z.strictObject({
  personId: id,
  personName: z.string().optional(),
  name: label,
  earned: date,
});

export const partnerDatasetSchema = z.strictObject({
  schemaVersion: z.literal(1, 'must be 1'),
  asOf: date,
  partner: z.strictObject({
    partnerId: z.string().regex(/^\d+$/, 'must be a string of digits'),
    name: nonEmpty,
    tenantId: id.optional(),
  }),
  azureConsumption: z.array(azureRowSchema),
  m365Licenses: z.array(m365RowSchema),
  mau: z.array(mauRowSchema).optional(),
  certifications: z.array(certificationRowSchema),
  designation: z.strictObject({ enrolled: z.boolean(), anniversary: date.optional() }).optional(),
  specializations: z
    .array(specializationRowSchema)
    .max(100, 'must list at most 100 specializations')
    .optional(),
  appliedSkills: z.array(appliedSkillRowSchema).optional(),
});

export type PartnerDataset = z.infer<typeof partnerDatasetSchema>;
export type AzureRow = z.infer<typeof azureRowSchema>;
export type M365Row = z.infer<typeof m365RowSchema>;
export type CertificationRow = z.infer<typeof certificationRowSchema>;
export type AppliedSkillRow = z.infer<typeof appliedSkillRowSchema>;
export type AuditRecord = z.infer<typeof auditSchema>;

/** One problem in the input: where it is (array, index, field) and what is wrong. */
export interface DatasetIssue {
  /** Dotted location, e.g. `azureConsumption[12].acrUsd`. */
  readonly path: string;
  readonly array?: string;
  readonly index?: number;
  readonly field?: string;
  readonly reason: string;
}

/** A row kept but changed (never silently): e.g. active licenses clamped to paid licenses. */
export interface DatasetWarning extends DatasetIssue {
  readonly code: 'ACTIVE_CLAMPED';
}

/** Interned, case-insensitive names: `key` is trimmed and lower-cased, `display` as first written. */
/** The offer index of an Azure row without an offer (Partner Center's download has no offer column). */
export const NO_OFFER = -1;

export class NameTable {
  readonly keys: string[] = [];
  readonly display: string[] = [];
  private readonly byKey = new Map<string, number>();
  private readonly byRaw = new Map<string, number>();

  intern(raw: string): number {
    const hit = this.byRaw.get(raw);
    if (hit !== undefined) return hit;
    const trimmed = raw.trim();
    const key = normalizeName(trimmed);
    let index = this.byKey.get(key);
    if (index === undefined) {
      index = this.keys.length;
      this.keys.push(key);
      this.display.push(trimmed);
      this.byKey.set(key, index);
    }
    this.byRaw.set(raw, index);
    return index;
  }
}

/** Names are compared trimmed and case-insensitively (rules §2). */
export function normalizeName(name: string): string {
  return name.trim().toLowerCase();
}

/**
 * The dataset in the engine's working form: months as indices, money in cents, names interned,
 * customer tenants numbered. Column arrays keep a 1,000,000-row partner fast and small.
 */
export interface NormalizedDataset {
  readonly asOf: string;
  readonly partner: PartnerDataset['partner'];
  readonly tenants: { readonly ids: string[]; readonly names: string[] };
  readonly azure: {
    readonly length: number;
    readonly tenant: Int32Array;
    readonly month: Int32Array;
    readonly cents: Float64Array;
    readonly service: Int32Array;
    /** NO_OFFER when the row has none. */
    readonly offer: Int32Array;
    readonly association: Int32Array;
    readonly services: NameTable;
    readonly offers: NameTable;
    readonly associations: NameTable;
    /** Rows without an offer: the offer filter could not be applied to them. */
    readonly rowsWithoutOffer: number;
  };
  readonly m365: {
    readonly length: number;
    readonly tenant: Int32Array;
    readonly month: Int32Array;
    readonly workload: Int32Array;
    readonly association: Int32Array;
    readonly paid: Int32Array;
    /** Active licenses clamped to paid licenses. */
    readonly active: Int32Array;
    readonly workloads: NameTable;
    readonly associations: NameTable;
  };
  readonly certifications: readonly CertificationRow[];
  /** Monthly active users per product (specializations), the designation and the specializations as given. */
  readonly mau: NonNullable<PartnerDataset['mau']>;
  readonly designation?: PartnerDataset['designation'];
  readonly specializations: NonNullable<PartnerDataset['specializations']>;
  readonly appliedSkills: readonly AppliedSkillRow[];
  readonly warnings: readonly DatasetWarning[];
}

export type ValidationResult =
  | { readonly ok: true; readonly dataset: NormalizedDataset; readonly warnings: readonly DatasetWarning[] }
  | { readonly ok: false; readonly errors: readonly DatasetIssue[]; readonly errorCount: number };

export interface ValidateOptions {
  /** At most this many errors are listed (all are counted). */
  readonly maxErrors?: number;
}

const ARRAYS = new Set([
  'azureConsumption',
  'm365Licenses',
  'mau',
  'certifications',
  'specializations',
  'appliedSkills',
]);

function issueAt(path: readonly PropertyKey[], reason: string): DatasetIssue {
  const [head, index, ...rest] = path;
  if (typeof head === 'string' && ARRAYS.has(head) && typeof index === 'number') {
    const field = rest.length > 0 ? rest.map(String).join('.') : undefined;
    return {
      path: `${head}[${index}]${field ? `.${field}` : ''}`,
      array: head,
      index,
      ...(field ? { field } : {}),
      reason,
    };
  }
  const dotted = path.map(String).join('.');
  return { path: dotted || '(document)', ...(dotted ? { field: dotted } : {}), reason };
}

function zodReason(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown field(s): ${issue.keys.join(', ')}`;
  if (issue.code === 'invalid_type') {
    return issue.input === undefined ? `is required (${issue.expected})` : `must be ${issue.expected}`;
  }
  return issue.message;
}

/**
 * Validates a parsed JSON document against the contract and, when valid, normalizes it.
 * Every problem is listed (up to `maxErrors`) with its row and field; nothing is half-accepted.
 */
export function validateDataset(input: unknown, options: ValidateOptions = {}): ValidationResult {
  const maxErrors = options.maxErrors ?? 100;
  const parsed = partnerDatasetSchema.safeParse(input);
  if (!parsed.success) {
    const all = parsed.error.issues.flatMap((issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => issueAt([...issue.path, key], 'unknown field'))
        : [issueAt(issue.path, zodReason(issue))],
    );
    return { ok: false, errors: all.slice(0, maxErrors), errorCount: all.length };
  }
  return normalize(parsed.data, maxErrors);
}

function normalize(data: PartnerDataset, maxErrors: number): ValidationResult {
  const errors: DatasetIssue[] = [];
  let errorCount = 0;
  const fail = (issue: DatasetIssue): void => {
    errorCount += 1;
    if (errors.length < maxErrors) errors.push(issue);
  };
  const failRow = (array: string, index: number, field: string, reason: string): void =>
    fail({ path: `${array}[${index}].${field}`, array, index, field, reason });

  // Data pulled on asOf describes nothing later: its months and the dates of what happened (a
  // certification earned, a specialization awarded) are on or before asOf. Renewal and expiry dates
  // are ahead by nature. (asOf against today is the import's check: the engine has no clock.)
  const asOf = data.asOf;
  const asOfMonth = asOf.slice(0, 7);
  const monthAfterAsOf = (array: string, index: number, month: string): void => {
    if (month > asOfMonth)
      failRow(array, index, 'month', `${month} is after asOf ${asOf}: the data cannot hold a later month`);
  };
  const dateAfterAsOf = (array: string, index: number, field: string, date: string | undefined): void => {
    if (date !== undefined && date > asOf)
      failRow(array, index, field, `${date} is after asOf ${asOf}: the data cannot hold a later event`);
  };
  // Sums over rows are exact up to MAX_TOTAL: the row whose running total passes it is named.
  const totalChecker = (array: string, field: string, unit: string) => {
    let total = 0;
    let passed = false;
    return (index: number, value: number): void => {
      total += value;
      if (passed || total <= MAX_TOTAL) return;
      passed = true;
      failRow(
        array,
        index,
        field,
        `the ${field} of ${array}[0…${index}] add up to more than ${MAX_TOTAL.toLocaleString('en-US')} ${unit}, the most the engine adds exactly`,
      );
    };
  };

  const tenantIndex = new Map<string, number>();
  const tenantIds: string[] = [];
  const tenantNames: string[] = [];
  // Rows usually come grouped by tenant: remember the last one to skip most hash lookups.
  let lastTenantId = '';
  let lastTenant = -1;
  const tenantOf = (tenantId: string, name: string | undefined): number => {
    if (tenantId === lastTenantId && (!name || tenantNames[lastTenant] !== tenantId)) return lastTenant;
    let index = tenantIndex.get(tenantId);
    if (index === undefined) {
      index = tenantIds.length;
      tenantIndex.set(tenantId, index);
      tenantIds.push(tenantId);
      tenantNames.push(name?.trim() || tenantId);
    } else if (name && tenantNames[index] === tenantId) {
      tenantNames[index] = name.trim() || tenantId;
    }
    lastTenantId = tenantId;
    lastTenant = index;
    return index;
  };
  const monthCache = new Map<string, number>();
  const monthOf = (value: string): number => {
    let index = monthCache.get(value);
    if (index === undefined) {
      index = monthIndex(value);
      monthCache.set(value, index);
    }
    return index;
  };

  const azureRows = data.azureConsumption;
  let rowsWithoutOffer = 0;
  const services = new NameTable();
  const offers = new NameTable();
  const azureAssociations = new NameTable();
  const azure = {
    length: azureRows.length,
    tenant: new Int32Array(azureRows.length),
    month: new Int32Array(azureRows.length),
    cents: new Float64Array(azureRows.length),
    service: new Int32Array(azureRows.length),
    offer: new Int32Array(azureRows.length),
    association: new Int32Array(azureRows.length),
    services,
    offers,
    associations: azureAssociations,
  };
  const azureTotal = totalChecker('azureConsumption', 'acrUsd', 'cents');
  for (let i = 0; i < azureRows.length; i++) {
    const row = azureRows[i]!;
    monthAfterAsOf('azureConsumption', i, row.month);
    azure.tenant[i] = tenantOf(row.customerTenantId, row.customerName);
    azure.month[i] = monthOf(row.month);
    const cents = usdToCents(row.acrUsd);
    azure.cents[i] = cents;
    azureTotal(i, cents);
    azure.service[i] = services.intern(row.service);
    if (row.offer === undefined) rowsWithoutOffer += 1;
    azure.offer[i] = row.offer === undefined ? NO_OFFER : offers.intern(row.offer);
    azure.association[i] = azureAssociations.intern(row.association);
  }

  const m365Rows = data.m365Licenses;
  const workloads = new NameTable();
  const m365Associations = new NameTable();
  const m365 = {
    length: m365Rows.length,
    tenant: new Int32Array(m365Rows.length),
    month: new Int32Array(m365Rows.length),
    workload: new Int32Array(m365Rows.length),
    association: new Int32Array(m365Rows.length),
    paid: new Int32Array(m365Rows.length),
    active: new Int32Array(m365Rows.length),
    workloads,
    associations: m365Associations,
  };
  const warnings: DatasetWarning[] = [];
  const m365Total = totalChecker('m365Licenses', 'activeLicenses', 'licenses');
  for (let i = 0; i < m365Rows.length; i++) {
    const row = m365Rows[i]!;
    monthAfterAsOf('m365Licenses', i, row.month);
    const tenant = tenantOf(row.customerTenantId, row.customerName);
    const workload = workloads.intern(row.workload);
    const association = m365Associations.intern(row.association);
    m365.tenant[i] = tenant;
    m365.month[i] = monthOf(row.month);
    m365.workload[i] = workload;
    m365.association[i] = association;
    m365.paid[i] = row.paidLicenses;
    m365.active[i] = Math.min(row.activeLicenses, row.paidLicenses);
    m365Total(i, m365.active[i]!);
    if (row.activeLicenses > row.paidLicenses) {
      warnings.push({
        code: 'ACTIVE_CLAMPED',
        path: `m365Licenses[${i}].activeLicenses`,
        array: 'm365Licenses',
        index: i,
        field: 'activeLicenses',
        reason: `activeLicenses ${row.activeLicenses} is more than paidLicenses ${row.paidLicenses}; counted as ${row.paidLicenses}`,
      });
    }
  }

  // Two rows for the same tenant, month, workload and association would count licenses twice.
  for (const [i, first] of duplicateRows(m365, tenantIds.length)) {
    fail({
      path: `m365Licenses[${i}]`,
      array: 'm365Licenses',
      index: i,
      field: 'workload',
      reason: `duplicates m365Licenses[${first}] (same customerTenantId, month, workload and association): licenses would be counted twice`,
    });
  }

  const mauTotal = totalChecker('mau', 'activeUsers', 'users');
  (data.mau ?? []).forEach((row, i) => {
    monthAfterAsOf('mau', i, row.month);
    mauTotal(i, row.activeUsers);
  });
  (data.specializations ?? []).forEach((row, i) => {
    dateAfterAsOf('specializations', i, 'firstAwarded', row.firstAwarded);
    dateAfterAsOf('specializations', i, 'referencesApprovedOn', row.referencesApprovedOn);
    const audit = row.audit;
    if (!audit) return;
    dateAfterAsOf('specializations', i, 'audit.auditDate', audit.auditDate);
    dateAfterAsOf('specializations', i, 'audit.gapReviewDate', audit.gapReviewDate);
    if (audit.gapReviewDate !== undefined && audit.gapReviewDate < audit.auditDate)
      failRow(
        'specializations',
        i,
        'audit.gapReviewDate',
        `${audit.gapReviewDate} is before the audit date ${audit.auditDate}`,
      );
    if (audit.validUntil !== undefined && audit.validUntil <= audit.auditDate)
      failRow(
        'specializations',
        i,
        'audit.validUntil',
        `${audit.validUntil} is not after the audit date ${audit.auditDate}`,
      );
  });
  (data.appliedSkills ?? []).forEach((row, i) => dateAfterAsOf('appliedSkills', i, 'earned', row.earned));

  data.certifications.forEach((row, i) => {
    dateAfterAsOf('certifications', i, 'earned', row.earned);
    if (row.expires !== undefined && row.expires < row.earned) {
      fail({
        path: `certifications[${i}].expires`,
        array: 'certifications',
        index: i,
        field: 'expires',
        reason: `expires ${row.expires} is before earned ${row.earned}`,
      });
    }
  });

  if (errorCount > 0) return { ok: false, errors, errorCount };
  const dataset: NormalizedDataset = {
    asOf: data.asOf,
    partner: data.partner,
    tenants: { ids: tenantIds, names: tenantNames },
    azure: { ...azure, rowsWithoutOffer },
    m365,
    certifications: data.certifications,
    mau: data.mau ?? [],
    ...(data.designation ? { designation: data.designation } : {}),
    specializations: data.specializations ?? [],
    appliedSkills: data.appliedSkills ?? [],
    warnings,
  };
  return { ok: true, dataset, warnings };
}

/** Pairs [row, first row with the same key] of M365 rows sharing tenant, month, workload and association. */
function duplicateRows(
  m365: {
    length: number;
    tenant: Int32Array;
    month: Int32Array;
    workload: Int32Array;
    association: Int32Array;
    workloads: NameTable;
    associations: NameTable;
  },
  tenants: number,
): [number, number][] {
  let minMonth = Infinity;
  let maxMonth = -Infinity;
  for (let i = 0; i < m365.length; i++) {
    minMonth = Math.min(minMonth, m365.month[i]!);
    maxMonth = Math.max(maxMonth, m365.month[i]!);
  }
  const nW = m365.workloads.keys.length;
  const nA = m365.associations.keys.length;
  const nM = maxMonth - minMonth + 1;
  // A numeric key is exact while the key space fits in a double's integers; else fall back to text.
  const numeric = tenants * nW * nA * nM < Number.MAX_SAFE_INTEGER;
  const seen = new Map<number | string, number>();
  const out: [number, number][] = [];
  for (let i = 0; i < m365.length; i++) {
    const key = numeric
      ? ((m365.tenant[i]! * nW + m365.workload[i]!) * nA + m365.association[i]!) * nM +
        (m365.month[i]! - minMonth)
      : `${m365.tenant[i]}|${m365.month[i]}|${m365.workload[i]}|${m365.association[i]}`;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, i);
    else out.push([i, first]);
  }
  return out;
}

/** Human-readable lines for a list of issues (CLI and import summaries). */
export function formatIssues(issues: readonly DatasetIssue[], total: number): string[] {
  const lines = issues.map((issue) => `${issue.path}: ${issue.reason}`);
  if (total > issues.length) lines.push(`… and ${total - issues.length} more`);
  return lines;
}
