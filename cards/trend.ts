import { TRACKS, type Track } from '../scoring';
import { historyPointOf, previousPoint, type HistoryPoint } from '../scoring/history';
import type { SnapshotHead } from '../scoring/snapshot';
import { forecastLine } from './forecast';
import { monthText, pts, TRACK_LABEL, type CardColor, dataLine } from './format';
import { executeAction, render, type AdaptiveCard } from './render';
import template from './templates/trend.json';

/**
 * The trend card (issue 7): the score per data month, the last 12 months, both paths and the 70
 * line as a Teams `Chart.Line`, with a month → Enterprise, SMB table as the fallback for clients
 * without charts. Issue 13: with one or two data months a sentence says it instead of a few dots.
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
  /** Three data months or more: the chart and the change since the previous month; else `history`. */
  readonly chart: boolean;
  /** One or two data months, in words; empty with the chart. */
  readonly history: string;
  readonly chartTitle: string;
  readonly series: readonly LineSeries[];
  readonly table: readonly { month: string; value: string }[];
  readonly change: string;
  readonly forecast: readonly { text: string; color: CardColor }[];
  readonly note: string;
  readonly actions: readonly Record<string, unknown>[];
}

const MIN_TOTAL = 70;
/** Fewer data months than this are told in a sentence: two or three dots are no trend. */
const CHART_MIN_MONTHS = 3;
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

/** The headline path first: "SMB path 82 points, Enterprise path 23.33". */
function totalsText(point: HistoryPoint, headline: Track): string {
  const order: Track[] = [headline, ...TRACKS.filter((t) => t !== headline)];
  return order
    .map((t, i) => `${TRACK_LABEL[t]} path ${pts(point.totals[t])}${i === 0 ? ' points' : ''}`)
    .join(', ');
}

/** The history of one or two data months in words (empty from three on: the chart tells it). */
function historyText(points: readonly HistoryPoint[], headline: Track): string {
  const first = points[0]!;
  const last = points[points.length - 1]!;
  if (points.length === 1)
    return `Only one month of history so far (${monthText(first.month)}: ${totalsText(first, headline)}); the trend appears after the next import.`;
  if (points.length >= CHART_MIN_MONTHS) return '';
  const [a, b] = [headline, ...TRACKS.filter((t) => t !== headline)] as [Track, Track];
  return `From ${monthText(first.month)} to ${monthText(last.month)}, the ${TRACK_LABEL[a]} path went from ${pts(first.totals[a])} to ${pts(last.totals[a])} points and the ${TRACK_LABEL[b]} path from ${pts(first.totals[b])} to ${pts(last.totals[b])}.`;
}

export function trendCardModel(head: SnapshotHead): TrendCardModel {
  const points = pointsOf(head);
  const previous = previousPoint(points, head.asOf);
  const first = points[0]!;
  const last = points[points.length - 1]!;
  return {
    title: `Security score trend — ${head.partnerName}`,
    subtitle: `${points.length === 1 ? '1 data month' : `${points.length} data months, ${first.month} to ${last.month}`} · ${dataLine(head)}`,
    chart: points.length >= CHART_MIN_MONTHS,
    history: historyText(points, head.headline),
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
      : '',
    forecast: TRACKS.flatMap((t) => forecastLine(head, t) ?? []),
    note: `One point per data month: the latest import of data pulled in that month. ✓ qualified (≥ ${MIN_TOTAL} points and ≥ 1 point in every metric) · ★ your best path.`,
    actions: [executeAction('Forecast', 'forecast', {}), executeAction('Back to the score', 'score', {})],
  };
}

export function trendCard(head: SnapshotHead): AdaptiveCard {
  return render(template, trendCardModel(head));
}
