import type { Aggregates } from '../aggregate';
import type { MonthIndex } from '../calendar';
import { azureDeployed, m365Deployed } from '../classify';
import { capped, type Points } from '../points';
import type { RuleSet, Track } from '../rules/types';
import { countBySide, type MetricBase, type SideCounts } from './types';

export interface DeploymentsResult extends MetricBase {
  readonly metric: 'deployments';
  /** `current` = deployments in L, `previous` = in L−12. */
  readonly azure: SideCounts;
  readonly m365: SideCounts;
}

/** Points for `counted` net deployments (both sides, each already floored at 0): 20/6 each, capped. */
export function deploymentsPoints(rules: RuleSet, track: Track, counted: number): Points {
  const rule = rules.metrics.deployments;
  return capped(rule.pointsPerNetDeployment[track], counted, rule.max);
}

/** Rules §3.3: eligible deployments in L minus in L−12, each side floored at 0 (I-2); 20/6 each. */
export function deployments(agg: Aggregates, track: Track, L: MonthIndex): DeploymentsResult {
  const { azure, m365 } = countBySide(
    agg.tenantCount,
    L,
    (t, M) => azureDeployed(agg, track, t, M),
    (t, M) => m365Deployed(agg, track, t, M),
  );
  return {
    metric: 'deployments',
    track,
    max: agg.rules.metrics.deployments.max,
    points: deploymentsPoints(agg.rules, track, azure.counted + m365.counted),
    azure,
    m365,
  };
}
