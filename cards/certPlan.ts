import type { Track } from '../scoring';
import { daysBetween } from '../scoring/calendar';
import type { Assignment, CertificationPlanJson } from '../scoring/certificationPlanner';
import type { SnapshotHead } from '../scoring/snapshot';
import { dataLine, dayText, OTHER_TRACK, plural, pts, TRACK_LABEL, type CardColor } from './format';
import { executeAction, render, type AdaptiveCard } from './render';
import template from './templates/certPlan.json';

/**
 * "Who should take which exam?": one path's exam plan (people, exams, points each step adds and the
 * running total against 70) and the certifications to renew with the points each protects.
 */

export interface CertPlanCardModel {
  readonly title: string;
  readonly subtitle: string;
  readonly summary: string;
  readonly summaryColor: CardColor;
  readonly steps: readonly {
    number: string;
    who: string;
    note: string;
    added: string;
    running: string;
    runningColor: CardColor;
  }[];
  readonly renewalsHeading: string;
  readonly renewals: readonly { text: string; protects: string; color: CardColor }[];
  readonly notes: readonly { text: string; color: CardColor }[];
  readonly actions: readonly Record<string, unknown>[];
}

/** Renewals shown on the card; the rest are counted in a note. */
const RENEWALS_SHOWN = 8;
const QUALIFYING_TOTAL = 70;

/** ['SC-100', 'SC-300', 'SC-401'] → "SC-100, SC-300 or SC-401". */
function orList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

const examsText = (exams: Assignment['exams']): string =>
  exams.map((e) => `${orList(e.exams)} (step ${e.step})`).join(', then ');

/** "New person 1 and New person 2 pass SC-200 (step 2)", or one line per person when their exams differ. */
function whoText(assignments: readonly Assignment[]): string {
  const first = examsText(assignments[0]?.exams ?? []);
  if (assignments.length > 1 && assignments.every((a) => examsText(a.exams) === first)) {
    const names = assignments.map((a) => a.name);
    return `${names.slice(0, -1).join(', ')} and ${names.at(-1)} pass ${first}`;
  }
  return assignments.map((a) => `${a.name} passes ${examsText(a.exams)}`).join('\n\n');
}

const signed = (n: number): string => `${n >= 0 ? '+' : '−'}${pts(Math.abs(n))}`;
const loss = (n: number): string => (n > 0 ? `−${pts(n)}` : '0');

function stepRows(plan: CertificationPlanJson, track: Track): CertPlanCardModel['steps'] {
  const other = OTHER_TRACK[track];
  return plan.paths[track].steps.map((s, i) => {
    const completes =
      s.completes.length === 0
        ? []
        : [`completes step${s.completes.length > 1 ? 's' : ''} ${s.completes.join(' and ')}`];
    const total = s.totals[track];
    return {
      number: `${i + 1}.`,
      who: whoText(s.assignments),
      note: [...completes, `${TRACK_LABEL[other]} ${signed(s.added[other])} → ${pts(s.totals[other])}`].join(
        ' · ',
      ),
      added: signed(s.added[track]),
      running: `${pts(total)} / ${QUALIFYING_TOTAL}${s.qualified[track] ? ' ✓' : ''}`,
      runningColor: s.qualified[track] ? 'Good' : total >= QUALIFYING_TOTAL ? 'Warning' : 'Default',
    };
  });
}

function summary(
  head: SnapshotHead,
  plan: CertificationPlanJson,
  track: Track,
): Pick<CertPlanCardModel, 'summary' | 'summaryColor'> {
  const path = head.paths[track];
  const steps = plan.paths[track].steps;
  const skilling = path.metrics.intermediateCertifications;
  const last = steps.at(-1);
  if (!last)
    return {
      summary: `Intermediate certifications are at their maximum (${skilling.max}) on the ${TRACK_LABEL[track]} path: no exam adds points.`,
      summaryColor: 'Good',
    };
  const firstQualifying = steps.findIndex((s) => s.qualified[track]);
  const verdict = path.qualified
    ? 'the path already qualifies'
    : firstQualifying >= 0
      ? `qualifies after step ${firstQualifying + 1}`
      : 'not qualified yet: other metrics are needed too';
  return {
    summary: `${plural(plan.paths[track].exams, 'exam')} → +${pts(last.skilling[track] - skilling.points)} points, ${pts(last.totals[track])} in all (${verdict})`,
    summaryColor: path.qualified || firstQualifying >= 0 ? 'Good' : 'Attention',
  };
}

function renewalParts(
  head: SnapshotHead,
  plan: CertificationPlanJson,
  track: Track,
): Pick<CertPlanCardModel, 'renewalsHeading' | 'renewals' | 'notes'> {
  const other = OTHER_TRACK[track];
  const within =
    plan.horizonBy === 'anniversary'
      ? 'before the designation anniversary'
      : `within ${plural(daysBetween(head.asOf, plan.horizon), 'day')}`;
  const protecting = plan.renewals.filter((r) => r.protects[track] > 0);
  const shown = [...protecting, ...plan.renewals.filter((r) => r.protects[track] <= 0)]
    .slice(0, RENEWALS_SHOWN)
    .sort((a, b) => a.endsOn.localeCompare(b.endsOn));
  const notes: { text: string; color: CardColor }[] = [];
  const more = plan.renewalCount - shown.length;
  if (more > 0) {
    const moreProtecting = protecting.filter((r) => !shown.includes(r)).length;
    notes.push({
      text: `${plural(more, 'more certification')} end by ${plan.horizon}${moreProtecting === 0 ? '; none of them alone costs points on this path' : ''}.`,
      color: 'Default',
    });
  }
  if (plan.renewalCount === 0) {
    notes.push({ text: `No certification stops counting by ${plan.horizon}.`, color: 'Good' });
  } else {
    const stake = plan.atStake[track];
    notes.push({
      text:
        stake > 0
          ? `If none is renewed: ${TRACK_LABEL[track]} ${loss(stake)}, ${TRACK_LABEL[other]} ${loss(plan.atStake[other])}.`
          : `If none is renewed, the ${TRACK_LABEL[track]} path loses nothing today: other holders cover them (${TRACK_LABEL[other]} ${loss(plan.atStake[other])}).`,
      color: stake > 0 ? 'Attention' : 'Good',
    });
    const alone = protecting.reduce((sum, r) => sum + r.protects[track], 0);
    if (stake - alone > 0.005)
      notes.push({
        text: 'They cover for each other: each alone protects less than all of them together.',
        color: 'Warning',
      });
  }
  return {
    renewalsHeading: `Renew before they lapse — certifications that stop counting ${within} (by ${plan.horizon})`,
    renewals: shown.map((r) => ({
      text: `${r.personName}: ${r.exam} (step ${r.step}) ends ${r.endsOn}, in ${plural(r.daysLeft, 'day')} — ${
        r.how === 'renew'
          ? 'renew it'
          : `${r.exam} ${r.retires && r.retires >= head.asOf ? `retires on ${r.retires}` : 'is retired'}: ${
              r.exams.length > 0 ? `pass ${orList(r.exams)} instead` : 'its step has no other exam'
            }`
      } (${TRACK_LABEL[other]}: ${pts(r.protects[other])})`,
      protects: `protects ${pts(r.protects[track])}`,
      color: r.protects[track] > 0 ? 'Warning' : 'Default',
    })),
    notes,
  };
}

export function certPlanModel(head: SnapshotHead, track: Track): CertPlanCardModel {
  const path = head.paths[track];
  const skilling = path.metrics.intermediateCertifications;
  const plan = head.certificationPlan;
  const actions = [
    executeAction(`${TRACK_LABEL[OTHER_TRACK[track]]} path`, 'certPlan', { path: OTHER_TRACK[track] }),
    executeAction("What's missing", 'gaps', { path: track }),
    executeAction('Back to the score', 'score', { path: track }),
  ];
  const base = {
    title: `Who should take which exam — ${TRACK_LABEL[track]} path`,
    subtitle: `${head.partnerName} · ${dataLine(head)} · today ${pts(path.total)} points, intermediate certifications ${pts(skilling.points)} / ${skilling.max} · exams that count on ${dayText(head.asOf)}`,
    actions,
  };
  if (!plan)
    return {
      ...base,
      summary: 'The certification plan comes with the next data import.',
      summaryColor: 'Default',
      steps: [],
      renewalsHeading: '',
      renewals: [],
      notes: [],
    };
  return {
    ...base,
    ...summary(head, plan, track),
    steps: stepRows(plan, track),
    ...renewalParts(head, plan, track),
  };
}

export function certPlanCard(head: SnapshotHead, track: Track): AdaptiveCard {
  return render(template, certPlanModel(head, track));
}
