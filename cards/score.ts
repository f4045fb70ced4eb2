import type { SnapshotHead } from '../scoring/snapshot';
import { METRICS, type Track } from '../scoring';
import { previousPoint } from '../scoring/history';
import { attributionLine } from './attribution';
import { forecastLine, nextMonthBasis } from './forecast';
import {
  dataLine,
  METRIC_LABEL,
  monthText,
  OTHER_TRACK,
  plural,
  pts,
  TRACK_LABEL,
  type CardColor,
} from './format';
import { executeAction, render, type AdaptiveCard } from './render';
import { changeText } from './trend';
import template from './templates/score.json';

/** The score card: the headline path (or the one asked for) against the 70 line, both paths side by side. */

export interface ScoreCardModel {
  readonly title: string;
  readonly subtitle: string;
  readonly threshold: number;
  readonly headroom: number;
  readonly headline: { label: string; total: number; totalText: string; verdict: string };
  readonly paths: readonly {
    label: string;
    totalText: string;
    verdict: string;
    color: CardColor;
    /** "▲ 4.5 since October 2026" against the previous data month (issue 7); empty without one. */
    change: string;
    hasChange: boolean;
    metrics: readonly { label: string; value: string }[];
  }[];
  readonly rule: string;
  readonly atRisk: string;
  readonly atRiskColor: CardColor;
  /** "If nothing new happens (usage as in October 2026), SMB path: Dec 53 → Jan 44 → Feb 48" (issue 7); none without a forecast. */
  readonly forecast: readonly { text: string; color: CardColor }[];
  /** Issue 12: "Not getting credit: … would add N points" when fixing attribution is worth points; else none. */
  readonly credit: readonly { text: string; color: CardColor }[];
  /** Next to the at-risk line; the card holds at most five actions of its own. */
  readonly bodyActions: readonly Record<string, unknown>[];
  readonly actions: readonly Record<string, unknown>[];
}

const MIN_TOTAL = 70;

function verdict(path: SnapshotHead['paths'][Track]): string {
  if (path.qualified) return 'qualified ✓';
  const short = Math.max(0, MIN_TOTAL - path.total);
  const zero = METRICS.filter((m) => path.metrics[m].points < 1).length;
  const parts = [
    short > 0 ? `${pts(Math.round(short * 100) / 100)} points short` : '',
    zero > 0 ? `${plural(zero, 'metric')} below 1 point` : '',
  ];
  return `not qualified — ${parts.filter(Boolean).join(', ')}`;
}

function atRiskLine(head: SnapshotHead): { text: string; color: CardColor } {
  const certs = head.atRisk.certifications.length;
  const leaving = head.atRisk.customersLeavingCount;
  const next = head.atRisk.nextMonth.paths[head.headline];
  const parts: string[] = [];
  if (certs > 0)
    parts.push(`${plural(certs, 'certification')} ${certs === 1 ? 'stops' : 'stop'} counting within 90 days`);
  if (leaving > 0) parts.push(`${plural(leaving, 'customer')} leave a 12-month window next month`);
  if (parts.length === 0) {
    // Not "nothing at risk" when the forecast line below shows a drop (single-month readings at 0).
    const dropping = head.forecast?.months.some((m) => m.drop) ?? false;
    return dropping
      ? {
          text: 'No certification stops counting and no customer leaves a 12-month window within 90 days.',
          color: 'Default',
        }
      : { text: 'Nothing at risk in the next 90 days.', color: 'Good' };
  }
  const projection = `${TRACK_LABEL[head.headline]} next month ${nextMonthBasis(head.atRisk.nextMonth)}: ${pts(next.total)}${next.qualified ? '' : ' (not qualified)'}`;
  return { text: `⚠ At risk: ${parts.join('; ')}. ${projection}.`, color: 'Warning' };
}

export function scoreCardModel(head: SnapshotHead, focus: Track = head.headline): ScoreCardModel {
  const shown = head.paths[focus];
  const order: Track[] = [focus, OTHER_TRACK[focus]];
  const risk = atRiskLine(head);
  const previous = previousPoint(head.history, head.asOf);
  const projection = forecastLine(head, focus);
  const credit = attributionLine(head);
  return {
    title: `${head.partnerName} — Solutions Partner for Security`,
    subtitle: `${dataLine(head)} · ★ your best path`,
    threshold: MIN_TOTAL,
    headroom: 100 - MIN_TOTAL,
    headline: {
      label: TRACK_LABEL[focus],
      total: shown.total,
      totalText: pts(shown.total),
      verdict: verdict(shown),
    },
    paths: order.map((track) => {
      const path = head.paths[track];
      return {
        label: `${TRACK_LABEL[track]}${track === head.headline ? ' ★' : ''}`,
        totalText: `${pts(path.total)} / 100`,
        verdict: path.qualified ? 'qualified' : 'not qualified',
        color: path.qualified ? 'Good' : 'Attention',
        change: previous
          ? `${changeText(path.total, previous.totals[track])} since ${monthText(previous.month)}`
          : '',
        hasChange: previous !== undefined,
        metrics: METRICS.map((m) => {
          const metric = path.metrics[m] as { points: number; max?: number };
          const mark = metric.points >= 1 ? '' : ' ✗';
          return { label: METRIC_LABEL[m], value: `${pts(metric.points)} / ${metric.max ?? '—'}${mark}` };
        }),
      };
    }),
    rule: 'A path qualifies with at least 70 points and at least 1 point in every metric.',
    atRisk: risk.text,
    atRiskColor: risk.color,
    forecast: projection ? [projection] : [],
    credit: credit ? [credit] : [],
    bodyActions: [
      executeAction('Plan to qualify', 'plan', { path: focus }),
      executeAction('At risk', 'atRisk', {}),
      executeAction('Trend', 'trend', {}),
      executeAction('What if…', 'whatIf', {}),
      ...(credit ? [executeAction('Not getting credit', 'attribution', {})] : []),
    ],
    actions: [
      executeAction(shown.qualified ? 'How to improve' : "What's missing", 'gaps', { path: focus }),
      executeAction(`${TRACK_LABEL[OTHER_TRACK[focus]]} path`, 'score', { path: OTHER_TRACK[focus] }),
      executeAction('Specializations', 'specializations', {}),
      executeAction('Renewals', 'renewals', {}),
    ],
  };
}

export function scoreCard(head: SnapshotHead, focus?: Track): AdaptiveCard {
  return render(template, scoreCardModel(head, focus));
}
