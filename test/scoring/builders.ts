/**
 * Small, generic builders for partner datasets (../../shared/contract/partner-dataset.md) so that a
 * test states only what matters for the rule it pins. Every builder returns plain JSON-shaped
 * objects; `dataset()` assembles a valid document and `score()` / `report()` / `exact()` run the
 * public API on it.
 *
 * Defaults: asOf 2026-11-22, so the last month L is 2026-10, L−12 is 2025-10, the current TTM is
 * 2025-11 … 2026-10 and the previous TTM 2024-11 … 2025-10.
 */
import { datasetAsPulledOn } from '../../scoring/pulledOn';
import { LocalDate } from '@js-joda/core';
import type Fraction from 'fraction.js';
import {
  METRICS,
  scorePartner,
  toScoreResult,
  validateDataset,
  type DatasetIssue,
  type MetricName,
  type NormalizedDataset,
  type PartnerDataset,
  type ScoreReport,
  type ScoreResult,
  type Track,
} from '../../scoring';
import type { AzureRow, CertificationRow, M365Row } from '../../scoring/dataset';

export const AS_OF = '2026-11-22';
/** Last month L for the default asOf. */
export const L = '2026-10';

// ---- months --------------------------------------------------------------------------------------

/** `YYYY-MM` shifted by `delta` months (negative = earlier). */
export function addMonths(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + delta;
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, '0')}-${String(index - year * 12 + 1).padStart(2, '0')}`;
}

/** `L − n` for the default asOf: `ago(0)` = L = 2026-10, `ago(12)` = 2025-10. */
export function ago(n: number, last: string = L): string {
  return addMonths(last, -n);
}

/** `count` consecutive months starting at `from`. */
export function months(from: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addMonths(from, i));
}

/** The 12 months of the current TTM window (L−11 … L). */
export const CURRENT_TTM = months(ago(11), 12);
/** The 12 months of the previous TTM window (L−23 … L−12). */
export const PREVIOUS_TTM = months(ago(23), 12);

// ---- rows ----------------------------------------------------------------------------------------

/** One Azure row; by default an eligible service (Microsoft Sentinel), offer and association (PAL). */
export function azure(
  tenant: string,
  month: string,
  usd: number,
  overrides: Partial<AzureRow> = {},
): AzureRow {
  return {
    customerTenantId: tenant,
    month,
    service: 'Microsoft Sentinel',
    offer: 'Azure Plan',
    association: 'PAL',
    acrUsd: usd,
    ...overrides,
  };
}

/** The same Azure amount in each of `monthList`. */
export function azureEach(
  tenant: string,
  monthList: readonly string[],
  usd: number,
  overrides: Partial<AzureRow> = {},
): AzureRow[] {
  return monthList.map((month) => azure(tenant, month, usd, overrides));
}

/** One Microsoft 365 row; by default an eligible workload (Intune) and association (CPOR). */
export function m365(
  tenant: string,
  month: string,
  paid: number,
  active: number,
  overrides: Partial<M365Row> = {},
): M365Row {
  return {
    customerTenantId: tenant,
    month,
    workload: 'Intune',
    association: 'CPOR',
    paidLicenses: paid,
    activeLicenses: active,
    ...overrides,
  };
}

/** One certification row; without `expires` it is valid for a year after `earned`. */
export function cert(personId: string, exam: string, earned: string, expires?: string): CertificationRow {
  return { personId, exam, earned, ...(expires !== undefined ? { expires } : {}) };
}

/** One row per exam for the same person. */
export function certs(personId: string, exams: readonly string[], earned: string): CertificationRow[] {
  return exams.map((exam) => cert(personId, exam, earned));
}

// ---- documents -----------------------------------------------------------------------------------

export interface DatasetParts {
  readonly asOf?: string;
  readonly azure?: readonly AzureRow[];
  readonly m365?: readonly M365Row[];
  readonly certifications?: readonly CertificationRow[];
}

/** A valid partner dataset document with the given rows. */
export function dataset(parts: DatasetParts = {}): PartnerDataset {
  // A document-style key here (e.g. `m365Licenses`) would be silently ignored: refuse it.
  const unknown = Object.keys(parts).filter((k) => !['asOf', 'azure', 'm365', 'certifications'].includes(k));
  if (unknown.length > 0) throw new Error(`dataset(): unknown part(s) ${unknown.join(', ')}`);
  return {
    schemaVersion: 1,
    asOf: parts.asOf ?? AS_OF,
    partner: { partnerId: '4012345', name: 'Test Partner' },
    azureConsumption: [...(parts.azure ?? [])],
    m365Licenses: [...(parts.m365 ?? [])],
    certifications: [...(parts.certifications ?? [])],
  };
}

function formatErrors(errors: readonly DatasetIssue[]): string {
  return errors.map((e) => `${e.path}: ${e.reason}`).join('\n');
}

/** Validates a document, throwing with every error when it is invalid. */
export function validate(input: unknown): NormalizedDataset {
  const result = validateDataset(input);
  if (!result.ok)
    throw new Error(`invalid dataset (${result.errorCount} errors):\n${formatErrors(result.errors)}`);
  return result.dataset;
}

/** The full report with exact Fraction points. Accepts a document or `DatasetParts`. */
export function report(input: PartnerDataset | DatasetParts): ScoreReport {
  return scorePartner(validate(isDocument(input) ? input : dataset(input)));
}

/** The JSON result (points rounded to 2 decimals). Accepts a document or `DatasetParts`. */
export function score(input: PartnerDataset | DatasetParts): ScoreResult {
  return toScoreResult(report(input));
}

function isDocument(input: PartnerDataset | DatasetParts): input is PartnerDataset {
  return 'schemaVersion' in input;
}

/** Exact points of one path as fraction strings: `'10/3'`, `'20'`, `'0'`. */
export type ExactPath = Record<MetricName | 'total', string> & { readonly qualified: boolean };

export interface ExactScore {
  readonly headline: Track;
  readonly enterprise: ExactPath;
  readonly smb: ExactPath;
}

const asText = (p: Fraction): string => p.toFraction();

/** Exact points of both paths (and the headline), from a report, a document or `DatasetParts`. */
export function exact(input: ScoreReport | PartnerDataset | DatasetParts): ExactScore {
  const r = 'paths' in input ? input : report(input);
  const path = (track: Track): ExactPath => {
    const p = r.paths[track];
    const metrics = Object.fromEntries(METRICS.map((m) => [m, asText(p.metrics[m].points)])) as Record<
      MetricName,
      string
    >;
    return { ...metrics, total: asText(p.total), qualified: p.qualified };
  };
  return { headline: r.headline, enterprise: path('enterprise'), smb: path('smb') };
}

/** Exact points of one metric on one path as a fraction string. */
export function pointsOf(
  input: ScoreReport | PartnerDataset | DatasetParts,
  track: Track,
  metric: MetricName,
): string {
  return exact(input)[track][metric];
}

/** The dataset as pulled on another `asOf`: its months and events after that day are not in it yet. */
export const pulledOn = datasetAsPulledOn;

/**
 * Issue 13, written apart from scoring/projection.ts: the data a projection `months` on scores — asOf
 * moved on, the last complete month's rows (L's, or L−1's when L has none) copied into every later
 * month up to the new L, and the rows after the last complete month dropped.
 */
export function steadyStateData(data: PartnerDataset, months: number): PartnerDataset {
  const lastMonth = addMonths(data.asOf.slice(0, 7), -1);
  const hasRows = (month: string): boolean =>
    data.azureConsumption.some((r) => r.month === month) || data.m365Licenses.some((r) => r.month === month);
  const from = !hasRows(lastMonth) && hasRows(ago(1, lastMonth)) ? ago(1, lastMonth) : lastMonth;
  const later = monthsBetween(addMonths(from, 1), addMonths(lastMonth, months));
  const carried = <R extends { month: string }>(rows: readonly R[]): R[] => [
    ...rows.filter((r) => r.month <= from),
    ...later.flatMap((month) => rows.filter((r) => r.month === from).map((r) => ({ ...r, month }))),
  ];
  const asOf = LocalDate.parse(data.asOf).plusMonths(months).toString();
  return {
    ...data,
    asOf,
    azureConsumption: carried(data.azureConsumption),
    m365Licenses: carried(data.m365Licenses),
  };
}

/** The months first … last (`YYYY-MM`), both included. */
function monthsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  for (let month = first; month <= last; month = addMonths(month, 1)) out.push(month);
  return out;
}

/**
 * Issue 13: a steadily qualified SMB partner (84 points): six new customers since April 2026 (L−6 for
 * the default asOf), three on Azure and three on Microsoft 365, the same usage every month since;
 * steps 1 and 2 and two step-3 holders, certified until June 2027.
 */
export function steadyPartner(
  asOf = AS_OF,
  certifications: readonly CertificationRow[] = certs('a', ['SC-500', 'SC-200', 'SC-100'], '2026-06-01'),
): PartnerDataset {
  const since = months('2026-04', 7); // 2026-04 … 2026-10 (L)
  return dataset({
    asOf,
    azure: ['az-1', 'az-2', 'az-3'].flatMap((t) => azureEach(t, since, 500)),
    // Microsoft 365 deployments and protected users are single-month readings.
    m365: ['ms-1', 'ms-2', 'ms-3'].flatMap((t) => since.map((month) => m365(t, month, 200, 100))),
    certifications: [...certifications, cert('b', 'SC-300', '2026-06-01')],
  });
}
