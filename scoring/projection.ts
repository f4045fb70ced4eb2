import type { Aggregates } from './aggregate';
import { lastMonthOf, type MonthIndex } from './calendar';
import { peopleOn, type Person } from './certifications';
import type { NormalizedDataset } from './dataset';
import { evaluatePaths, headlineOf, type Paths } from './evaluate';
import type { CertificationRule, Track } from './rules/types';

/**
 * Issue 13: the projections — next month at risk, the forecast — start from the last complete month
 * and carry it forward (a steady state: its eligible ACR, licences, sizes and deployments stay as
 * they are), while certifications expire and retire on their dates and the 12-month windows move
 * on. Reading the months whose data has not arrived as zero would show a partner who qualifies
 * today as losing it next month. The score itself keeps rules §1: missing months count as zero.
 */

/**
 * The last complete month: L when the data has rows for L, else L−1 when it has rows for that, else
 * L. Decided from the data, as the engine has no clock: Partner Center's data lags about a month
 * (usage arrives by the 20th), so data pulled earlier in a month has no rows for L yet. A longer
 * gap is no lag: those months had no usage, and L (empty) is what carries forward.
 */
export function lastCompleteMonth(data: NormalizedDataset, L: MonthIndex): MonthIndex {
  const hasRows = (month: MonthIndex): boolean =>
    data.azure.month.subarray(0, data.azure.length).includes(month) ||
    data.m365.month.subarray(0, data.m365.length).includes(month);
  return !hasRows(L) && hasRows(L - 1) ? L - 1 : L;
}

/** The aggregates as the projections read them: every month after `from` holds `from`'s figures. */
export function steadyState(agg: Aggregates, from: MonthIndex): Aggregates {
  // A view, not a copy: the accessors read `from` for later months. Its own M365 window cache.
  return { ...agg, steadyFrom: from, windowFlagsCache: [] };
}

/** One projected month: the evaluation on `asOf` of the steady state from `from`. */
export interface ProjectedEvaluation {
  readonly asOf: string;
  readonly lastMonth: MonthIndex;
  /** The last complete month carried forward. */
  readonly from: MonthIndex;
  readonly people: readonly Person[];
  readonly paths: Paths;
  readonly headline: Track;
}

/** Both paths on `asOf` (after the data's): `steady` (see steadyState) and the certifications valid then. */
export function projectedEvaluation(
  data: NormalizedDataset,
  steady: Aggregates,
  asOf: string,
  lookup?: Map<string, CertificationRule>,
): ProjectedEvaluation {
  const lastMonth = lastMonthOf(asOf);
  const people = peopleOn(data.certifications, steady.rules, asOf, lookup);
  const paths = evaluatePaths(steady, lastMonth, people);
  return { asOf, lastMonth, from: steady.steadyFrom, people, paths, headline: headlineOf(paths) };
}
