import type { Aggregates } from '../aggregate';
import type { MonthIndex } from '../calendar';
import { azureQualifies, m365Qualifies } from '../classify';
import { capped } from '../points';
import type { Track } from '../rules/types';
import { sideCounts, type MetricBase, type SideCounts } from './types';

export interface NetCustomerAddsResult extends MetricBase {
  readonly metric: 'netCustomerAdds';
  readonly azure: SideCounts;
  readonly m365: SideCounts;
}

/**
 * Rules §3.1: qualifying customers in the current TTM (L−11 … L) minus those in the previous TTM
 * (L−23 … L−12), Azure and M365 each floored at 0 (I-2) and then added; points per net add, capped.
 */
export function netCustomerAdds(agg: Aggregates, track: Track, L: MonthIndex): NetCustomerAddsResult {
  const azureNow: number[] = [];
  const azureBefore: number[] = [];
  const m365Now: number[] = [];
  const m365Before: number[] = [];
  for (let t = 0; t < agg.tenantCount; t++) {
    if (azureQualifies(agg, t, L)) azureNow.push(t);
    if (azureQualifies(agg, t, L - 12)) azureBefore.push(t);
    if (m365Qualifies(agg, track, t, L)) m365Now.push(t);
    if (m365Qualifies(agg, track, t, L - 12)) m365Before.push(t);
  }
  const azure = sideCounts(azureNow, azureBefore);
  const m365 = sideCounts(m365Now, m365Before);
  const rule = agg.rules.metrics.netCustomerAdds;
  return {
    metric: 'netCustomerAdds',
    track,
    max: rule.max,
    points: capped(rule.pointsPerNetAdd[track], azure.counted + m365.counted, rule.max),
    azure,
    m365,
  };
}
