import { METRICS } from '../scoring';
import { renewalCalendar, type RenewalCalendar } from '../scoring/renewals';
import type { SnapshotHead } from '../scoring/snapshot';
import { dayText, METRIC_LABEL, monthText, OTHER_TRACK, plural, pts, TRACK_LABEL } from './format';
import { nextMonthBasis } from './forecast';
import { levelText } from './metricText';
import { executeAction, render, type AdaptiveCard } from './render';
import { rulesOf } from './rulesInForce';
import template from './templates/summary.json';

/**
 * "Give me a summary for my boss": a few plain sentences to paste into an email or a chat. Sent as
 * a plain-text message because Teams users cannot easily copy text out of an Adaptive Card; the card
 * (a button's answer) shows exactly the same paragraphs.
 */

const DESIGNATION = 'Solutions Partner for Security';

function standing(head: SnapshotHead): string {
  const { minTotal, minPointsPerMetric } = rulesOf(head).qualification;
  const rule = `with at least ${plural(minPointsPerMetric, 'point')} in each of the four metrics`;
  const best = head.headline;
  const other = OTHER_TRACK[best];
  const path = head.paths[best];
  const second = head.paths[other];
  const otherText = `the ${TRACK_LABEL[other]} path has ${pts(second.total)}${second.qualified ? ' and qualifies too' : ''}`;
  return path.qualified
    ? `${head.partnerName} qualifies for ${DESIGNATION}: ${pts(path.total)} points on the ${TRACK_LABEL[best]} path (${minTotal} needed, ${rule}); ${otherText}.`
    : `${head.partnerName} does not qualify for ${DESIGNATION} yet: its best path, ${TRACK_LABEL[best]}, has ${pts(path.total)} of the ${minTotal} points needed (${rule}); ${otherText}.`;
}

/** ['a', 'b', 'c'] → "a, b and c". */
const andList = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;

function biggestGap(head: SnapshotHead): string {
  const track = head.headline;
  const path = head.paths[track];
  if (!path.qualified) {
    const { minTotal, minPointsPerMetric } = rulesOf(head).qualification;
    const short = Math.max(0, Math.round((minTotal - path.total) * 100) / 100);
    const zero = METRICS.filter((m) => path.metrics[m].points < minPointsPerMetric).map((m) =>
      METRIC_LABEL[m].toLowerCase(),
    );
    const gap = [
      short > 0 ? `${pts(short)} points short on the ${TRACK_LABEL[track]} path` : '',
      zero.length > 0 ? `${andList(zero)} at 0` : '',
    ]
      .filter(Boolean)
      .join(', with ');
    const steps = path.plan.steps.flatMap((s) => s.actions.map((a) => a.text));
    return `The biggest gap: ${gap}. What closes it (${plural(path.plan.additions, 'addition')}): ${steps.join('; ')}.`;
  }
  const gaps = path.gaps.filter((g) => g.nextPoint).sort((a, b) => b.max - b.points - (a.max - a.points));
  const gap = gaps[0];
  if (!gap) return `Every metric of the ${TRACK_LABEL[track]} path is at its maximum.`;
  const next = gap.nextPoint!;
  return `The most room to grow: ${METRIC_LABEL[gap.metric].toLowerCase()} at ${pts(gap.points)} of ${gap.max} points; ${levelText(next)} would bring it to ${pts(next.points)}.`;
}

function nextRenewal(head: SnapshotHead, today: string): string {
  const calendars: RenewalCalendar[] = [];
  if (head.designation.anniversary)
    calendars.push(
      renewalCalendar({
        subject: `the ${DESIGNATION} designation`,
        anniversary: head.designation.anniversary,
        today,
      }),
    );
  for (const s of head.specializations)
    if (s.anniversary)
      calendars.push(
        renewalCalendar({ subject: `the ${s.name} specialization`, anniversary: s.anniversary, today }),
      );
  const next = calendars
    .filter((c) => c.state !== 'lapsed')
    .sort((a, b) => a.anniversary.localeCompare(b.anniversary))[0];
  if (!next) return 'No renewal date is in the Partner Center data.';
  const when =
    next.daysLeft >= 0
      ? `in ${plural(next.daysLeft, 'day')}`
      : `${plural(-next.daysLeft, 'day')} ago, in its grace period until ${dayText(next.graceEnds)}`;
  const window =
    next.state === 'notYetOpen'
      ? `; its renewal window opens ${dayText(next.windowOpens)}`
      : next.state === 'open'
        ? '; its renewal window is open'
        : '';
  return `Next renewal: ${next.subject}, anniversary ${dayText(next.anniversary)} (${when}${window}).`;
}

function atRisk(head: SnapshotHead): string {
  const risk = head.atRisk;
  const track = head.headline;
  const parts: string[] = [];
  const certs = risk.certifications;
  if (certs.length > 0) {
    const named =
      certs.length <= 3
        ? ` (${certs.map((c) => `${c.personName}'s ${c.exam} on ${dayText(c.endsOn)}`).join(', ')})`
        : '';
    const without = risk.withoutExpiring[track];
    parts.push(
      `${plural(certs.length, 'certification')} ${certs.length === 1 ? 'stops' : 'stop'} counting within 90 days${named}; without ${certs.length === 1 ? 'it' : 'them'} the ${TRACK_LABEL[track]} path would have ${pts(without.total)}${without.qualified ? '' : ' and not qualify'}`,
    );
  }
  if (risk.customersLeavingCount > 0) {
    const next = risk.nextMonth.paths[track];
    const basis = nextMonthBasis(risk.nextMonth);
    parts.push(
      `${plural(risk.customersLeavingCount, 'customer')} ${risk.customersLeavingCount === 1 ? 'leaves' : 'leave'} a 12-month window next month (${TRACK_LABEL[track]} next month ${basis}: ${pts(next.total)}${next.qualified ? '' : ', not qualified'})`,
    );
  }
  return parts.length > 0 ? `At risk: ${parts.join('; ')}.` : 'Nothing is at risk in the next 90 days.';
}

/** The summary's paragraphs: standing, biggest gap, next renewal, risk, where the data comes from. */
export function managerSummary(head: SnapshotHead, today: string): string[] {
  return [
    standing(head),
    biggestGap(head),
    nextRenewal(head, today),
    atRisk(head),
    `Data from Partner Center as of ${dayText(head.asOf)}, covering usage to ${monthText(head.lastMonth)}.`,
  ];
}

/** The message text: the paragraphs separated by blank lines (sent as plain text: names stay as written). */
export function summaryText(head: SnapshotHead, today: string): string {
  return managerSummary(head, today).join('\n\n');
}

export interface SummaryCardModel {
  readonly title: string;
  readonly paragraphs: readonly { text: string }[];
  readonly note: string;
  readonly actions: readonly Record<string, unknown>[];
}

export function summaryModel(head: SnapshotHead, today: string): SummaryCardModel {
  return {
    title: `Summary for your manager — ${head.partnerName}`,
    paragraphs: managerSummary(head, today).map((text) => ({ text })),
    note: 'The same text is posted in this chat as a message, ready to copy.',
    actions: [executeAction('Back to the score', 'score', {}), executeAction('Plan to qualify', 'plan', {})],
  };
}

export function summaryCard(head: SnapshotHead, today: string): AdaptiveCard {
  return render(template, summaryModel(head, today));
}
