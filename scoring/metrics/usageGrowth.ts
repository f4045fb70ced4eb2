import { acrTtm, type Aggregates } from '../aggregate';
import type { MonthIndex } from '../calendar';
import { azureInSecurityAcr, m365Protects, protectedUsers } from '../classify';
import { minPoints, points, type Points } from '../points';
import type { RuleSet, Track } from '../rules/types';
import type { MetricBase } from './types';

export interface GrowthSide {
  /** Measured at L (I-4: the TTM total at L for Azure; protected users in month L for M365). */
  readonly now: number;
  /** Measured at L−12. */
  readonly yearAgo: number;
  readonly growth: number;
  /** Growth per point: cents (Azure) or protected users (M365). */
  readonly perPoint: number;
  /** I-2: floor(growth / perPoint), floored at 0. */
  readonly points: number;
  readonly tenantsNow: number[];
  readonly tenantsYearAgo: number[];
}

export interface UsageGrowthResult extends MetricBase {
  readonly metric: 'usageGrowth';
  /** Amounts in cents. */
  readonly azure: GrowthSide;
  /** Amounts in protected users. */
  readonly m365: GrowthSide;
}

/** I-2: one point per full `perPoint` of growth, floored at 0. */
export function growthPoints(growth: number, perPoint: number): number {
  return Math.max(0, Math.floor(growth / perPoint));
}

/** The metric's points from each side's points: added and capped. */
export function usageGrowthPoints(rules: RuleSet, azurePoints: number, m365Points: number): Points {
  return minPoints(points(azurePoints + m365Points), rules.metrics.usageGrowth.max);
}

function side(
  now: number,
  yearAgo: number,
  perPoint: number,
  tenantsNow: number[],
  tenantsYearAgo: number[],
): GrowthSide {
  const growth = now - yearAgo;
  return {
    now,
    yearAgo,
    growth,
    perPoint,
    points: growthPoints(growth, perPoint),
    tenantsNow,
    tenantsYearAgo,
  };
}

/**
 * Rules §3.4 with I-4: Security ACR "last month" is the TTM total at L, "same month last year" the
 * TTM total at L−12; protected users are the active licenses of all eligible rows of the track's
 * tenants. One point per full unit of growth, each side floored at 0 (I-2), capped in total.
 */
export function usageGrowth(agg: Aggregates, track: Track, L: MonthIndex): UsageGrowthResult {
  let acrNow = 0;
  let acrBefore = 0;
  let usersNow = 0;
  let usersBefore = 0;
  const azureNow: number[] = [];
  const azureBefore: number[] = [];
  const m365Now: number[] = [];
  const m365Before: number[] = [];
  for (let t = 0; t < agg.tenantCount; t++) {
    if (azureInSecurityAcr(agg, track, t, L)) {
      acrNow += acrTtm(agg, t, L);
      azureNow.push(t);
    }
    if (azureInSecurityAcr(agg, track, t, L - 12)) {
      acrBefore += acrTtm(agg, t, L - 12);
      azureBefore.push(t);
    }
    if (m365Protects(agg, track, t, L)) {
      usersNow += protectedUsers(agg, t, L);
      m365Now.push(t);
    }
    if (m365Protects(agg, track, t, L - 12)) {
      usersBefore += protectedUsers(agg, t, L - 12);
      m365Before.push(t);
    }
  }
  const rule = agg.rules.metrics.usageGrowth;
  const azure = side(acrNow, acrBefore, rule.azureCentsPerPoint[track], azureNow, azureBefore);
  const m365 = side(usersNow, usersBefore, rule.protectedUsersPerPoint[track], m365Now, m365Before);
  return {
    metric: 'usageGrowth',
    track,
    max: rule.max,
    points: usageGrowthPoints(agg.rules, azure.points, m365.points),
    azure,
    m365,
  };
}
