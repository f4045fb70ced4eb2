import type { Aggregates } from '../aggregate';
import type { MonthIndex } from '../calendar';
import { azureDeployed, m365Deployed } from '../classify';
import { capped } from '../points';
import type { Track } from '../rules/types';
import { countBySide, type MetricBase, type SideCounts } from './types';

export interface DeploymentsResult extends MetricBase {
  readonly metric: 'deployments';
  /** `current` = deployments in L, `previous` = in L−12. */
  readonly azure: SideCounts;
  readonly m365: SideCounts;
}

/** Rules §3.3: eligible deployments in L minus in L−12, each side floored at 0 (I-2); 20/6 each. */
export function deployments(agg: Aggregates, track: Track, L: MonthIndex): DeploymentsResult {
  const { azure, m365 } = countBySide(
    agg.tenantCount,
    L,
    (t, M) => azureDeployed(agg, track, t, M),
    (t, M) => m365Deployed(agg, track, t, M),
  );
  const rule = agg.rules.metrics.deployments;
  return {
    metric: 'deployments',
    track,
    max: rule.max,
    points: capped(rule.pointsPerNetDeployment[track], azure.counted + m365.counted, rule.max),
    azure,
    m365,
  };
}
