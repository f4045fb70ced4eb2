import type { AttributionReport } from './attribution';
import type { Forecast } from './forecast';
import type { HistoryPoint } from './history';
import type { ScoreResult } from './score';

/** Lists in a snapshot head are capped; the full lists stay with the per-customer explanations. */
const HEAD_LIST_LIMIT = 50;

/**
 * The score result without the per-customer explanations and with long lists capped: what every
 * card needs, small enough to read in one go. The explanations are kept apart, in buckets.
 */
export type SnapshotHead = Omit<ScoreResult, 'customers' | 'atRisk' | 'dataQuality'> & {
  readonly atRisk: ScoreResult['atRisk'] & { readonly customersLeavingCount: number };
  readonly dataQuality: ScoreResult['dataQuality'] & { readonly warningCount: number };
  readonly customerCount: number;
  /** How many buckets hold the per-customer explanations (see `customerBucket`). */
  readonly customerBuckets: number;
  /** Issue 7, set at import: the score per data month, the last 12 months, this version's last. */
  readonly history?: readonly HistoryPoint[];
  /** Issue 7, set at import: the next 3 months if nothing new happens. */
  readonly forecast?: Forecast;
  /** Issue 12, set at import: what the partner is not getting credit for (top findings, a few KB). */
  readonly attribution?: AttributionReport;
};

export function snapshotHead(result: ScoreResult, customerBuckets: number): SnapshotHead {
  const { customers, atRisk, dataQuality, ...rest } = result;
  return {
    ...rest,
    atRisk: {
      ...atRisk,
      customersLeavingNextMonth: atRisk.customersLeavingNextMonth.slice(0, HEAD_LIST_LIMIT),
      customersLeavingCount: atRisk.customersLeavingNextMonth.length,
    },
    dataQuality: {
      ...dataQuality,
      warnings: dataQuality.warnings.slice(0, HEAD_LIST_LIMIT),
      warningCount: dataQuality.warnings.length,
    },
    customerCount: customers.length,
    customerBuckets,
  };
}

/** FNV-1a: the bucket of a customer's explanation, stable across processes and versions. */
export function customerBucket(tenantId: string, buckets: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < tenantId.length; i++) {
    hash ^= tenantId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % buckets;
}
