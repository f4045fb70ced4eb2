import type { Track } from './rules/types';

/**
 * Score history (issue 7): one point per data month — the month of `asOf` — taken from the stored
 * data versions' summaries. Pure: the versions in, the points out (oldest first).
 */

/** Months shown in the trend. */
export const HISTORY_MONTHS = 12;

export interface HistoryPoint {
  /** `YYYY-MM` of the version's `asOf`. */
  readonly month: string;
  readonly asOf: string;
  readonly headline: Track;
  readonly totals: Record<Track, number>;
  readonly qualified: Record<Track, boolean>;
}

/** What a stored version tells about its score (bot/store/documents.ts versionSchema). */
export interface VersionSummary {
  readonly asOf: string;
  readonly importedAt: string;
  readonly status: 'writing' | 'complete';
  readonly summary?: {
    readonly headline: Track;
    readonly totals: Record<Track, number>;
    readonly qualified: Record<Track, boolean>;
  };
}

const monthOf = (asOf: string): string => asOf.slice(0, 7);

/** A version's own point, from its score result or snapshot head. */
export function historyPointOf(result: {
  readonly asOf: string;
  readonly headline: Track;
  readonly paths: Record<Track, { readonly total: number; readonly qualified: boolean }>;
}): HistoryPoint {
  const { enterprise, smb } = result.paths;
  return {
    month: monthOf(result.asOf),
    asOf: result.asOf,
    headline: result.headline,
    totals: { enterprise: enterprise.total, smb: smb.total },
    qualified: { enterprise: enterprise.qualified, smb: smb.qualified },
  };
}

/**
 * The last `limit` months ending with `latest` (the version being imported): for each earlier month,
 * the latest complete import of data from that month. Versions of `latest`'s month or later, still
 * writing, or without a summary are left out: `latest` replaces its month, and a history never
 * shows a month after its own.
 */
export function scoreHistory(
  versions: readonly VersionSummary[],
  latest: HistoryPoint,
  limit = HISTORY_MONTHS,
): HistoryPoint[] {
  const last = latest.month;
  const byMonth = new Map<string, { point: HistoryPoint; importedAt: string }>();
  for (const v of versions) {
    const month = monthOf(v.asOf);
    if (v.status !== 'complete' || !v.summary || month >= last) continue;
    const seen = byMonth.get(month);
    if (seen && seen.importedAt >= v.importedAt) continue;
    const { headline, totals, qualified } = v.summary;
    byMonth.set(month, {
      point: { month, asOf: v.asOf, headline, totals, qualified },
      importedAt: v.importedAt,
    });
  }
  const earlier = [...byMonth.values()].map((e) => e.point).sort((a, b) => a.month.localeCompare(b.month));
  earlier.splice(0, Math.max(0, earlier.length - (limit - 1)));
  return [...earlier, latest];
}

/** The point before the head's own month, if the history has one (the score card's "since" figure). */
export function previousPoint(
  history: readonly HistoryPoint[] | undefined,
  asOf: string,
): HistoryPoint | undefined {
  const month = monthOf(asOf);
  const earlier = (history ?? []).filter((p) => p.month < month);
  return earlier[earlier.length - 1];
}
