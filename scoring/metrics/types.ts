import type { MonthIndex } from '../calendar';
import type { MetricName, Track } from '../rules/types';
import type { Points } from '../points';

export interface MetricBase {
  readonly metric: MetricName;
  readonly track: Track;
  readonly points: Points;
  readonly max: number;
}

/** Customers (tenant indices) counted in the current and the previous window or month. */
export interface SideCounts {
  readonly current: number[];
  readonly previous: number[];
  /** current − previous, may be negative. */
  readonly net: number;
  /** I-2: each side floored at 0 before the sides are added. */
  readonly counted: number;
}

/** I-2: a side's net (current − previous) floored at 0. */
export function countedOf(current: number, previous: number): number {
  return Math.max(0, current - previous);
}

export function sideCounts(current: number[], previous: number[]): SideCounts {
  const net = current.length - previous.length;
  return { current, previous, net, counted: countedOf(current.length, previous.length) };
}

/**
 * Customers counted on each side at L (`current`) and at L−12 (`previous`) by per-tenant tests
 * that take the month they measure at (the end of a window, or the month itself).
 */
export function countBySide(
  tenantCount: number,
  L: MonthIndex,
  azureCounts: (t: number, M: MonthIndex) => boolean,
  m365Counts: (t: number, M: MonthIndex) => boolean,
): { azure: SideCounts; m365: SideCounts } {
  const azureNow: number[] = [];
  const azureBefore: number[] = [];
  const m365Now: number[] = [];
  const m365Before: number[] = [];
  for (let t = 0; t < tenantCount; t++) {
    if (azureCounts(t, L)) azureNow.push(t);
    if (azureCounts(t, L - 12)) azureBefore.push(t);
    if (m365Counts(t, L)) m365Now.push(t);
    if (m365Counts(t, L - 12)) m365Before.push(t);
  }
  return { azure: sideCounts(azureNow, azureBefore), m365: sideCounts(m365Now, m365Before) };
}
