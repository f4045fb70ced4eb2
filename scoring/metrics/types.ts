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

export function sideCounts(current: number[], previous: number[]): SideCounts {
  const net = current.length - previous.length;
  return { current, previous, net, counted: Math.max(0, net) };
}
