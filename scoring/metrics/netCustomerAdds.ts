import type { Aggregates } from '../aggregate';
import type { MonthIndex } from '../calendar';
import { azureQualifies, m365Qualifies } from '../classify';
import { capped, type Points } from '../points';
import type { RuleSet, Track } from '../rules/types';
import { countBySide, type MetricBase, type SideCounts } from './types';

export interface NetCustomerAddsResult extends MetricBase {
  readonly metric: 'netCustomerAdds';
  readonly azure: SideCounts;
  readonly m365: SideCounts;
}

/** Points for `counted` net adds (both sides, each already floored at 0): per net add, capped. */
export function netCustomerAddsPoints(rules: RuleSet, track: Track, counted: number): Points {
  const rule = rules.metrics.netCustomerAdds;
  return capped(rule.pointsPerNetAdd[track], counted, rule.max);
}

/**
 * Rules §3.1: qualifying customers in the current TTM (L−11 … L) minus those in the previous TTM
 * (L−23 … L−12), Azure and M365 each floored at 0 (I-2) and then added; points per net add, capped.
 */
export function netCustomerAdds(agg: Aggregates, track: Track, L: MonthIndex): NetCustomerAddsResult {
  const { azure, m365 } = countBySide(
    agg.tenantCount,
    L,
    (t, M) => azureQualifies(agg, t, M),
    (t, M) => m365Qualifies(agg, track, t, M),
  );
  return {
    metric: 'netCustomerAdds',
    track,
    max: agg.rules.metrics.netCustomerAdds.max,
    points: netCustomerAddsPoints(agg.rules, track, azure.counted + m365.counted),
    azure,
    m365,
  };
}
