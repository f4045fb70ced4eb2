import { METRICS, TRACKS, type Track } from '../scoring';
import { renewalWindowOpens } from '../scoring/alerts';
import type { ForecastMonthJson } from '../scoring/forecast';
import type { SnapshotHead } from '../scoring/snapshot';
import { detailCard, type DetailCardModel, type DetailLine } from './detail';
import {
  dataLine,
  dayText,
  METRIC_LABEL,
  monthText,
  plural,
  pts,
  TRACK_LABEL,
  type CardColor,
} from './format';
import { executeAction, type AdaptiveCard } from './render';

/**
 * The forecast (issue 7): the next months if nothing new happens, as the import computed them
 * (scoring/forecast.ts, kept in the snapshot head). One line for the score and trend cards, and the
 * forecast card with each drop and the cheapest way to prevent it. Issue 13: each says which month's
 * data it projects from.
 */

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const line = (text: string, color: CardColor = 'Default'): DetailLine => ({ text, color });

/** "2026-12-22" → "Dec". */
export function shortMonth(date: string): string {
  return MONTH_NAMES[Number(date.slice(5, 7)) - 1] ?? date.slice(0, 7);
}

const mark = (qualified: boolean): string => (qualified ? '✓' : '✗');

/**
 * "If nothing new happens (usage as in October 2026), SMB path: Dec 53 → Jan 44 → Feb 48" for one
 * path; undefined without a forecast. A warning when the path qualifies today and some month it does not.
 */
export function forecastLine(
  head: SnapshotHead,
  track: Track,
): { text: string; color: CardColor } | undefined {
  const forecast = head.forecast;
  const months = forecast?.months ?? [];
  if (!forecast || months.length === 0) return undefined;
  const steps = months.map((m) => `${shortMonth(m.asOf)} ${pts(m.paths[track].total)}`).join(' → ');
  const firstOut = months.find((m) => !m.paths[track].qualified);
  const losing = head.paths[track].qualified && firstOut !== undefined;
  return {
    text: `If nothing new happens (usage as in ${monthText(forecast.projectedFrom)}), ${TRACK_LABEL[track]} path: ${steps}${losing ? ` (not qualified from ${shortMonth(firstOut.asOf)})` : ''}`,
    color: losing ? 'Warning' : 'Default',
  };
}

function monthLine(month: ForecastMonthJson): DetailLine {
  const paths = TRACKS.map(
    (t) =>
      `${TRACK_LABEL[t]}${t === month.headline ? ' ★' : ''} ${pts(month.paths[t].total)} ${mark(month.paths[t].qualified)}`,
  ).join(' · ');
  const qualifies = TRACKS.some((t) => month.paths[t].qualified);
  return line(`${dayText(month.asOf)}: ${paths}`, month.drop ? 'Attention' : qualifies ? 'Good' : 'Default');
}

function dropSection(head: SnapshotHead, month: ForecastMonthJson): { heading: string; lines: DetailLine[] } {
  const drop = month.drop!;
  const track = month.headline;
  const today = head.paths[track];
  const then = month.paths[track];
  const what = [
    drop.belowThreshold ? 'below 70' : '',
    drop.metricsAtZero.length > 0 ? `${drop.metricsAtZero.map((m) => METRIC_LABEL[m]).join(', ')} at 0` : '',
  ].filter(Boolean);
  const changes = METRICS.filter((m) => today.metrics[m].points !== then.metrics[m]).map((m) =>
    line(
      `${METRIC_LABEL[m]}: ${pts(today.metrics[m].points)} → ${pts(then.metrics[m])}`,
      then.metrics[m] === 0 ? 'Attention' : 'Default',
    ),
  );
  const p = drop.prevention;
  return {
    heading: `⚠ By ${month.asOf}: ${TRACK_LABEL[track]} path ${what.join(' with ')} (${pts(today.total)} → ${pts(then.total)})`,
    lines: [
      ...changes,
      line(
        `Cheapest way to prevent it: ${plural(p.additions, 'addition')} on the ${TRACK_LABEL[p.path]} path → ${pts(p.projectedTotal)} points that month`,
        'Accent',
      ),
      ...p.steps.flatMap((s) => s.actions.map((a) => line(`• ${a} (${METRIC_LABEL[s.metric]})`))),
    ],
  };
}

/**
 * "if usage stays as in October 2026": what next month's projection assumes (issue 13); results
 * stored before it have no `projectedFrom` and read the month not reported yet as zero.
 */
export function nextMonthBasis(nextMonth: { readonly projectedFrom?: string }): string {
  return nextMonth.projectedFrom
    ? `if usage stays as in ${monthText(nextMonth.projectedFrom)}`
    : 'without new data';
}

/**
 * What the projections assume and from which data (issue 13), e.g. "Partner Center data of 22 Nov
 * 2026 · usage up to October 2026. Projected from October 2026 data (the latest complete month),
 * assuming usage stays at that level; certifications expire on their dates and the 12-month windows
 * move on."
 */
export function projectionText(head: SnapshotHead, projectedFrom: string): string {
  const lastMonth = head.lastMonth;
  const latest =
    projectedFrom === lastMonth
      ? 'the latest complete month'
      : `the latest complete month: ${monthText(lastMonth)} data has not arrived yet, today's score counts it as zero`;
  // When L's usage has not arrived, "usage up to L" would contradict the sentence that says so.
  const data = projectedFrom === lastMonth ? dataLine(head) : `Partner Center data of ${dayText(head.asOf)}`;
  return `${data}. Projected from ${monthText(projectedFrom)} data (${latest}), assuming usage stays at that level; certifications expire on their dates and the 12-month windows move on.`;
}

export function forecastModel(head: SnapshotHead): DetailCardModel {
  const forecast = head.forecast;
  const actions = [
    executeAction('Trend', 'trend', {}),
    executeAction('Plan to qualify', 'plan', { path: head.headline }),
    executeAction('Back to the score', 'score', {}),
  ];
  const title = `Forecast if nothing new happens — ${head.partnerName}`;
  if (!forecast) {
    return {
      title,
      subtitle: dataLine(head),
      sections: [
        {
          heading: 'No forecast for this data version',
          lines: [line('The forecast is computed when data is imported: the next import brings it.')],
        },
      ],
      actions,
    };
  }
  const windowOpens = renewalWindowOpens(head);
  const drops = forecast.months.filter((m) => m.drop);
  const firstDrop = drops[0];
  const windowLines: DetailLine[] = windowOpens
    ? [
        line(
          !firstDrop
            ? `The designation's renewal window opens on ${windowOpens}.`
            : firstDrop.asOf <= windowOpens
              ? `⚠ The drop comes before the designation's renewal window opens on ${windowOpens}: subscribers get an alert.`
              : `The designation's renewal window opens on ${windowOpens}, before the drop: qualifying on any day of the window is enough.`,
          firstDrop && firstDrop.asOf <= windowOpens ? 'Attention' : 'Default',
        ),
      ]
    : [];
  return {
    title,
    subtitle: projectionText(head, forecast.projectedFrom),
    sections: [
      {
        heading: `Today: ${TRACK_LABEL[head.headline]} path ${pts(head.paths[head.headline].total)} ${mark(head.paths[head.headline].qualified)} · next ${plural(forecast.months.length, 'month')}`,
        lines: [...forecast.months.map(monthLine), ...windowLines],
      },
      ...(drops.length === 0
        ? [
            {
              heading: 'No drop',
              lines: [
                line(
                  'Your best path does not fall below 70, and no metric with points today falls to 0.',
                  'Good',
                ),
              ],
            },
          ]
        : drops.map((m) => dropSection(head, m))),
    ],
    actions,
  };
}

export function forecastCard(head: SnapshotHead): AdaptiveCard {
  return detailCard(forecastModel(head));
}
