import { TRACKS, type Track } from '../scoring';
import { historyPointOf, previousPoint, type HistoryPoint } from '../scoring/history';
import type { SnapshotHead } from '../scoring/snapshot';
import { forecastLine } from './forecast';
import { pts, TRACK_LABEL, type CardColor } from './format';
import { executeAction, render, type AdaptiveCard } from './render';
import template from './templates/trend.json';

/**
 * The trend card (issue 7): the score per data month, the last 12 months, both paths and the 70
 * line as a Teams `Chart.Line`, with a month → Enterprise, SMB table as the fallback for clients
 * without charts.
 */

/** One series of a Teams line chart: x is the data month, y the points. */
export interface LineSeries {
  readonly legend: string;
  readonly color: string;
  readonly values: readonly { x: string; y: number }[];
}

export interface TrendCardModel {
  readonly title: string;
  readonly subtitle: string;
  readonly chartTitle: string;
  readonly series: readonly LineSeries[];
  readonly table: readonly { month: string; value: string }[];
  readonly change: string;
  readonly forecast: readonly { text: string; color: CardColor }[];
  readonly note: string;
  readonly actions: readonly Record<string, unknown>[];
}

const MIN_TOTAL = 70;
const SERIES_COLOR: Record<Track, string> = { enterprise: 'categoricalBlue', smb: 'categoricalPurple' };

/** The head's own month when the import kept no history (data imported before issue 7). */
function pointsOf(head: SnapshotHead): readonly HistoryPoint[] {
  return head.history && head.history.length > 0 ? head.history : [historyPointOf(head)];
}

/** "▲ 4.5", "▼ 2", "no change": points with at most two decimals, no trailing zeros. */
export function changeText(now: number, before: number): string {
  const delta = Math.round((now - before) * 100) / 100;
  if (delta === 0) return 'no change';
  return `${delta > 0 ? '▲' : '▼'} ${Math.abs(delta)}`;
}

export function trendCardModel(head: SnapshotHead): TrendCardModel {
  const points = pointsOf(head);
  const previous = previousPoint(points, head.asOf);
  const first = points[0]!;
  const last = points[points.length - 1]!;
  return {
    title: `Security score trend — ${head.partnerName}`,
    subtitle: `${points.length === 1 ? '1 data month' : `${points.length} data months, ${first.month} to ${last.month}`} · data as of ${head.asOf}`,
    chartTitle: 'Partner capability score per data month',
    series: [
      ...TRACKS.map((t) => ({
        legend: TRACK_LABEL[t],
        color: SERIES_COLOR[t],
        values: points.map((p) => ({ x: p.month, y: p.totals[t] })),
      })),
      {
        legend: `Qualifies at ${MIN_TOTAL}`,
        color: 'neutral',
        values: points.map((p) => ({ x: p.month, y: MIN_TOTAL })),
      },
    ],
    table: points.map((p) => ({
      month: p.month,
      value: TRACKS.map(
        (t) =>
          `${TRACK_LABEL[t]}${t === p.headline ? ' ★' : ''} ${pts(p.totals[t])} ${p.qualified[t] ? '✓' : '✗'}`,
      ).join(' · '),
    })),
    change: previous
      ? `Since ${previous.month}: ${TRACKS.map((t) => `${TRACK_LABEL[t]} ${changeText(head.paths[t].total, previous.totals[t])}`).join(' · ')}`
      : 'No earlier data month is stored yet: the trend grows with each monthly import.',
    forecast: TRACKS.flatMap((t) => forecastLine(head, t) ?? []),
    note: `One point per data month: the latest import of data pulled in that month. ✓ qualified (≥ ${MIN_TOTAL} points and ≥ 1 point in every metric) · ★ headline path.`,
    actions: [executeAction('Forecast', 'forecast', {}), executeAction('Back to the score', 'score', {})],
  };
}

export function trendCard(head: SnapshotHead): AdaptiveCard {
  return render(template, trendCardModel(head));
}
