import { METRICS, type Track } from '../scoring';
import type { ScoreAlert } from '../scoring/alerts';
import { addYears, daysBetween } from '../scoring/calendar';
import { DESIGNATION_SUBJECT } from '../scoring/reminders';
import { renewalCalendar, type RenewalCalendar } from '../scoring/renewals';
import type { SnapshotHead } from '../scoring/snapshot';
import type { Requirement, SpecializationStatus } from '../scoring/specializations';
import type { DetailCardModel, DetailLine } from './detail';
import { METRIC_LABEL, plural, pts, TRACK_LABEL, type CardColor, dataLine, dayText } from './format';
import { executeAction, render, type AdaptiveCard } from './render';
import { auditNotes, checkedAt, mustShowAt, requirementText } from './renewals';
import { ruleSetFor } from '../scoring/rules';
import template from './templates/reminder.json';

/**
 * Proactive cards (issue 5): the renewal reminder of the designation or a specialization, and the
 * score alert after an import. Both carry a `refresh` action, so Teams asks the bot for the live
 * status whenever the card is shown, and the same three fields identify the card in every action:
 * the ledger key without the partner (the invoker's tenant gives it) and the recipient (the
 * conversation the click comes from).
 */

/** The subject of score alerts in the ledger and in the cards' action data. */
export const SCORE_ALERT_SUBJECT = 'score alert';

/** Who clicked "Got it" (structurally the ledger's; cards do not depend on the store). */
export interface Acknowledgement {
  readonly name: string;
  readonly objectId?: string | undefined;
  readonly at: string;
}

export interface ReminderSubject {
  /** DESIGNATION_SUBJECT for the designation, else the specialization's name as in the snapshot head. */
  readonly subject: string;
  readonly anniversary: string;
  /** The reminder's offset relative to the anniversary: −120, −90, −60, −30, 0 or 30 days. */
  readonly offsetDays: number;
  /** Year numbers (odd / even) count from the first award. */
  readonly firstAwarded?: string;
}

export interface ReminderCardState {
  readonly acknowledged?: Acknowledgement;
  readonly snoozedUntil?: string;
  readonly snoozedBy?: string;
}

/** The data of every reminder action and of the refresh: exactly these fields, in this order. */
export interface ReminderActionData {
  readonly subject: string;
  /** The anniversary (YYYY-MM-DD), or `version:<id>` for a score alert. */
  readonly occasion: string;
  readonly offsetDays: number;
}

export interface ReminderCardModel {
  readonly title: string;
  readonly subtitle: string;
  readonly headline: string;
  readonly headlineColor: CardColor;
  readonly facts: readonly { title: string; value: string }[];
  readonly sections: readonly { heading: string; lines: readonly DetailLine[] }[];
  /** Who acknowledged or snoozed it, for everyone in the conversation. */
  readonly notes: readonly DetailLine[];
  readonly actions: readonly Record<string, unknown>[];
}

/** Teams refreshes a card automatically in group chats and channels only for these users, at most 60. */
const REFRESH_USERS_LIMIT = 60;
const MIN_TOTAL = 70;

const line = (text: string, color: CardColor = 'Default'): DetailLine => ({ text, color });

function actionData(data: ReminderActionData): Record<string, string | number> {
  return { subject: data.subject, occasion: data.occasion, offsetDays: data.offsetDays };
}

function withRefresh(
  card: AdaptiveCard,
  data: ReminderActionData,
  userIds?: readonly string[],
): AdaptiveCard {
  const users = (userIds ?? []).slice(0, REFRESH_USERS_LIMIT);
  return {
    ...card,
    refresh: {
      action: { type: 'Action.Execute', verb: 'reminder.refresh', data: actionData(data) },
      ...(users.length > 0 ? { userIds: users } : {}),
    },
  };
}

/** One state at a time: an acknowledged reminder is done, whatever snooze came before it. */
function stateNotes(state: ReminderCardState): DetailLine[] {
  if (state.acknowledged)
    return [line(`✓ Acknowledged by ${state.acknowledged.name} on ${state.acknowledged.at}`, 'Good')];
  if (state.snoozedUntil)
    return [
      line(`Snoozed by ${state.snoozedBy ?? 'someone'} — reminder again on ${state.snoozedUntil}`, 'Accent'),
    ];
  return [];
}

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix =
    tens >= 11 && tens <= 13 ? 'th' : n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

function offsetText(offsetDays: number): string {
  if (offsetDays === 0) return 'on the anniversary';
  return `${plural(Math.abs(offsetDays), 'day')} ${offsetDays < 0 ? 'before' : 'after'} the anniversary`;
}

/**
 * The calendar on `today`. renewalCalendar refuses an anniversary more than a year old (the data
 * would give the next one by then); a card opened that late shows the same dates, lapsed.
 */
function calendarOf(reminder: ReminderSubject, today: string): RenewalCalendar {
  const on = reminder.anniversary < addYears(today, -1) ? addYears(reminder.anniversary, 1) : today;
  return renewalCalendar({
    subject: reminder.subject,
    anniversary: reminder.anniversary,
    today: on,
    ...(reminder.firstAwarded ? { firstAwarded: reminder.firstAwarded } : {}),
  });
}

const SPECIALIZATION_STATE: Record<SpecializationStatus['state'], string> = {
  earned: 'earned',
  eligibleToApply: 'eligible to apply',
  notEligible: 'not eligible',
};

const NEXT_STEP: Record<Requirement['kind'], string> = {
  designation: 'the Solutions Partner for Security designation must be held first',
  performance: 'grow the usage or consumption in the trailing 12 months',
  knowledge: 'more people need to pass the exam',
  references: 'submit customer references in Partner Center for approval',
  audit: 'book the third-party audit and pass it (a gap review within 15 days of it)',
};

const WINDOW_STATE: Record<RenewalCalendar['state'], string> = {
  notYetOpen: 'not open yet',
  open: 'open',
  grace: 'in the 30-day grace period',
  lapsed: 'lapsed',
};

function headlineOf(
  c: RenewalCalendar,
  days: number,
  ready: boolean,
): { headline: string; headlineColor: CardColor } {
  switch (c.state) {
    case 'notYetOpen':
      return {
        headline: `Anniversary ${c.anniversary} in ${plural(days, 'day')} — the renewal window opens ${c.windowOpens}`,
        headlineColor: ready ? 'Default' : 'Warning',
      };
    case 'open':
      return {
        headline: `Renewal window open — ${days === 0 ? 'the anniversary is today' : `anniversary ${c.anniversary} in ${plural(days, 'day')}`}`,
        headlineColor: ready ? 'Good' : 'Warning',
      };
    case 'grace':
      return {
        headline: `Grace period — the anniversary was ${c.anniversary} (${plural(-days, 'day')} ago); the requirements must be met by ${c.graceEnds}`,
        headlineColor: 'Attention',
      };
    case 'lapsed':
      return {
        headline: `Lapsed — the anniversary was ${c.anniversary} (${plural(-days, 'day')} ago) and the grace period ended ${c.graceEnds}`,
        headlineColor: 'Attention',
      };
  }
}

/**
 * What this anniversary requires, and — computed from the same status lines the card shows —
 * whether it is met today (`missing`: requirements this renewal checks that are not met).
 */
function yearFacts(
  c: RenewalCalendar,
  designation: boolean,
  missing: number,
): { title: string; value: string }[] {
  const year =
    c.yearNumber === undefined
      ? []
      : [{ title: 'Year', value: `${ordinal(c.yearNumber)} anniversary — ${c.parity} year` }];
  if (designation)
    return [
      ...year,
      {
        title: 'Must show',
        value: `one path with ≥ ${MIN_TOTAL} points and ≥ 1 point in every metric, on at least one day in the window`,
      },
    ];
  if (c.requires === undefined)
    return [
      { title: 'Year', value: 'not known (the data gives no first-award date)' },
      { title: 'Must show', value: mustShowAt(c) },
    ];
  return [
    ...year,
    {
      title: 'Must show',
      value:
        c.requires === 'qualification'
          ? `the qualification requirements only (designation, performance, skilling) — ${
              missing === 0
                ? 'met today: it is re-enrolled automatically'
                : `${plural(missing, 'requirement')} not met today: meet ${missing === 1 ? 'it' : 'them'} by ${c.graceEnds} (end of grace) or it lapses`
            }`
          : mustShowAt(c),
    },
  ];
}

function designationStatus(head: SnapshotHead): { lines: DetailLine[]; missing: number } {
  const track = head.headline;
  const path = head.paths[track];
  const short = Math.max(0, Math.round((MIN_TOTAL - path.total) * 100) / 100);
  const zero = METRICS.filter((m) => !path.metrics[m].met);
  const other: Track = track === 'enterprise' ? 'smb' : 'enterprise';
  const otherPath = head.paths[other];
  return {
    missing: path.qualified ? 0 : Math.max(1, zero.length),
    lines: [
      path.qualified
        ? line(`✓ ${TRACK_LABEL[track]} path (your best): ${pts(path.total)} / 100 — qualifies`, 'Good')
        : line(
            `✗ ${TRACK_LABEL[track]} path (your best): ${pts(path.total)} / 100 — does not qualify${short > 0 ? ` (${pts(short)} points short of ${MIN_TOTAL})` : ''}`,
            'Attention',
          ),
      ...METRICS.map((m) => {
        const metric = path.metrics[m];
        return metric.met
          ? line(`✓ ${METRIC_LABEL[m]}: ${pts(metric.points)} / ${metric.max}`, 'Good')
          : line(
              `✗ ${METRIC_LABEL[m]}: ${pts(metric.points)} / ${metric.max} — needs at least 1 point`,
              'Attention',
            );
      }),
      line(
        `${TRACK_LABEL[other]} path: ${pts(otherPath.total)} / 100 — ${otherPath.qualified ? 'qualifies' : 'does not qualify'}`,
      ),
    ],
  };
}

function specializationStatus(
  status: SpecializationStatus,
  c: RenewalCalendar,
): { lines: DetailLine[]; missing: number } {
  const lines = status.requirements.map((r) => {
    if (!checkedAt(r, c)) return line(`– ${requirementText(r)} — not checked at this anniversary`);
    // A requirement is a sentence with its figures: plain text, the ✓ / ✗ says met or not.
    return line(`${r.met ? '✓' : '✗'} ${requirementText(r)}`);
  });
  const missing = status.requirements.filter((r) => checkedAt(r, c) && !r.met);
  lines.push(
    missing.length === 0
      ? line('✓ Everything this renewal checks is met today', 'Good')
      : line(`✗ Missing for this renewal: ${missing.map((r) => r.label).join('; ')}`, 'Attention'),
  );
  const audit = ruleSetFor(c.anniversary).specializations.audit;
  if (c.parity === 'even')
    lines.push(
      line(
        audit
          ? 'Even year: a passed third-party audit must be valid on the anniversary — a pass lasts two years; customer references no longer count.'
          : 'Even year: customer references must be approved and still valid — an approval lasts two years.',
        'Accent',
      ),
    );
  if (status.validation === 'audit' && audit) lines.push(...auditNotes(status, audit).map((t) => line(t)));
  return { lines, missing: missing.length };
}

function findSpecialization(head: SnapshotHead, name: string): SpecializationStatus | undefined {
  return head.specializations.find((s) => s.name === name);
}

export function reminderCardModel(
  head: SnapshotHead,
  reminder: ReminderSubject,
  today: string,
  state: ReminderCardState = {},
): ReminderCardModel {
  const designation = reminder.subject === DESIGNATION_SUBJECT;
  const c = calendarOf(reminder, today);
  const days = daysBetween(today, reminder.anniversary);
  const specialization = designation ? undefined : findSpecialization(head, reminder.subject);
  const status = designation
    ? designationStatus(head)
    : specialization
      ? specializationStatus(specialization, c)
      : {
          lines: [line(`The data has no status for ${reminder.subject}.`, 'Warning')],
          missing: 1,
        };
  const data: ReminderActionData = {
    subject: reminder.subject,
    occasion: reminder.anniversary,
    offsetDays: reminder.offsetDays,
  };
  return {
    title: `Renewal reminder — ${designation ? `${DESIGNATION_SUBJECT} (designation)` : `${reminder.subject} specialization`}`,
    subtitle: `${head.partnerName} · ${dataLine(head)} · today ${dayText(today)} · reminder ${offsetText(reminder.offsetDays)}`,
    ...headlineOf(c, days, status.missing === 0),
    facts: [
      { title: 'Anniversary', value: c.anniversary },
      days >= 0
        ? { title: 'Days left', value: plural(days, 'day') }
        : { title: 'Days since', value: plural(-days, 'day') },
      {
        title: 'Window',
        value: `${WINDOW_STATE[c.state]} — opens ${c.windowOpens}, closes ${c.windowCloses}, grace until ${c.graceEnds}`,
      },
      ...yearFacts(c, designation, status.missing),
      ...(specialization?.anniversaryMovedFrom && specialization.anniversary === c.anniversary
        ? [
            {
              title: 'Moved from',
              value: `${specialization.anniversaryMovedFrom} (six more months for holders on the audit date)`,
            },
          ]
        : []),
      ...(specialization?.audit?.deadline
        ? [{ title: 'Audit by', value: `a pass valid on ${specialization.audit.deadline}` }]
        : []),
    ],
    sections: [
      {
        heading: designation
          ? `Status today — headline: ${TRACK_LABEL[head.headline]} path`
          : `Status today${specialization ? ` — ${SPECIALIZATION_STATE[specialization.state]}${status.missing === 0 ? '; this renewal is met' : `; ${plural(status.missing, 'requirement')} of this renewal not met`}` : ''}`,
        lines: status.lines,
      },
    ],
    notes: stateNotes(state),
    actions: [
      executeAction("Show what's missing", 'reminder.missing', actionData(data)),
      // Acknowledged is the end: no snooze or second "Got it" beside it.
      ...(state.acknowledged
        ? []
        : [
            executeAction('Snooze 7 days', 'reminder.snooze', actionData(data)),
            executeAction('Got it', 'reminder.ack', actionData(data)),
          ]),
    ],
  };
}

/**
 * The renewal reminder. `userIds` (Teams user ids, at most 60 are kept) make Teams refresh the card
 * automatically for those users in group chats and channels; personal chats need none.
 */
export function reminderCard(
  head: SnapshotHead,
  reminder: ReminderSubject,
  today: string,
  state?: ReminderCardState,
  userIds?: string[],
): AdaptiveCard {
  return withRefresh(
    render(template, reminderCardModel(head, reminder, today, state)),
    { subject: reminder.subject, occasion: reminder.anniversary, offsetDays: reminder.offsetDays },
    userIds,
  );
}

/** "Show what's missing" on a specialization's reminder: its requirements, what this renewal lacks. */
export function specializationMissingModel(
  head: SnapshotHead,
  reminder: ReminderSubject,
  today: string,
): DetailCardModel {
  const c = calendarOf(reminder, today);
  const index = head.specializations.findIndex((s) => s.name === reminder.subject);
  const status = head.specializations[index];
  const back = executeAction('Back to the reminder', 'reminder.refresh', {
    subject: reminder.subject,
    occasion: reminder.anniversary,
    offsetDays: reminder.offsetDays,
  });
  if (!status)
    return {
      title: `${reminder.subject} — no status in the data`,
      subtitle: `${head.partnerName} · ${dataLine(head)}`,
      sections: [],
      actions: [back],
    };
  const missing = status.requirements.filter((r) => checkedAt(r, c) && !r.met);
  const year = c.yearNumber === undefined ? '' : ` (${ordinal(c.yearNumber)} anniversary, ${c.parity} year)`;
  return {
    title: `What's missing — ${reminder.subject}, renewal on ${c.anniversary}${year}`,
    subtitle: `${head.partnerName} · ${dataLine(head)} · today ${dayText(today)} · window ${WINDOW_STATE[c.state]}`,
    sections: [
      {
        heading: missing.length === 0 ? 'Nothing is missing for this renewal' : 'Missing for this renewal',
        lines:
          missing.length === 0
            ? [line('Everything this renewal checks is met today.', 'Good')]
            : missing.map((r) => line(`✗ ${requirementText(r)} — ${NEXT_STEP[r.kind]}`, 'Attention')),
      },
      {
        heading: `Every requirement — ${status.name}, ${SPECIALIZATION_STATE[status.state]}`,
        lines: status.requirements.map((r) => line(`${r.met ? '✓' : '✗'} ${requirementText(r)}`)),
      },
    ],
    actions: [back, executeAction('Specializations', 'specializations', {})],
  };
}

function alertText(alert: ScoreAlert): string {
  const path = `${TRACK_LABEL[alert.path]} path`;
  switch (alert.kind) {
    case 'stoppedQualifying':
      return `${path} no longer qualifies (${pts(alert.previousTotal)} → ${pts(alert.total)})`;
    case 'startedQualifying':
      return `${path} qualifies again (${pts(alert.previousTotal)} → ${pts(alert.total)})`;
    case 'metricAtZero':
      return `${METRIC_LABEL[alert.metric]} fell to 0 on the ${path} (was ${pts(alert.previousPoints)})`;
    case 'forecastDrop': {
      const what = [
        alert.belowThreshold ? 'below 70' : '',
        alert.metricsAtZero.length > 0
          ? `${alert.metricsAtZero.map((m) => METRIC_LABEL[m]).join(', ')} at 0`
          : '',
      ].filter(Boolean);
      const window = alert.windowOpens ? `, before the renewal window opens on ${alert.windowOpens}` : '';
      return `If nothing new happens, the ${path} drops ${what.join(' with ')} by ${alert.asOf} (${pts(alert.total)} → ${pts(alert.projectedTotal)})${window}`;
    }
  }
}

function alertLine(alert: ScoreAlert): DetailLine {
  if (alert.kind === 'startedQualifying') return line(`✓ ${alertText(alert)}`, 'Good');
  if (alert.kind === 'stoppedQualifying') return line(`⚠ ${alertText(alert)}`, 'Attention');
  if (alert.kind === 'forecastDrop') return line(`⚠ Forecast: ${alertText(alert)}`, 'Warning');
  return line(
    `⚠ ${alertText(alert)} — a path cannot qualify with a metric below 1 point, whatever its total`,
    'Attention',
  );
}

function planLine(head: SnapshotHead, track: Track): DetailLine {
  const path = head.paths[track];
  if (path.plan.alreadyQualified)
    return line(
      `The ${TRACK_LABEL[track]} path qualifies today — keep every metric at 1 point or more.`,
      'Good',
    );
  return line(
    `${TRACK_LABEL[track]} path: ${plural(path.plan.additions, 'addition')} to qualify → ${pts(path.plan.projected.total)} points. "What's missing" shows each one.`,
    'Accent',
  );
}

/** A forecast alert's cheapest way to prevent the drop: the plan to qualify on that month's data. */
function preventionLines(alert: Extract<ScoreAlert, { kind: 'forecastDrop' }>): DetailLine[] {
  const p = alert.prevention;
  return [
    line(
      `To prevent it: ${plural(p.additions, 'addition')} on the ${TRACK_LABEL[p.path]} path by ${alert.asOf} → ${pts(p.projectedTotal)} points that month:`,
      'Accent',
    ),
    ...p.steps.flatMap((s) => s.actions.map((a) => line(`• ${a} (${METRIC_LABEL[s.metric]})`))),
  ];
}

export function scoreAlertCardModel(
  head: SnapshotHead,
  alerts: readonly ScoreAlert[],
  versionId: string,
  state: ReminderCardState = {},
): ReminderCardModel {
  const first = alerts[0];
  const focus: Track = first?.path ?? head.headline;
  const forecasts = alerts.filter((a) => a.kind === 'forecastDrop');
  const paths = [...new Set<Track>(alerts.filter((a) => a.kind !== 'forecastDrop').map((a) => a.path))];
  const headlinePath = head.paths[head.headline];
  const data: ReminderActionData = {
    subject: SCORE_ALERT_SUBJECT,
    occasion: `version:${versionId}`,
    offsetDays: 0,
  };
  return {
    title: `Security score alert — ${head.partnerName}: ${
      first
        ? `${alertText(first)}${alerts.length > 1 ? ` · +${alerts.length - 1} more` : ''}`
        : 'no change recorded for this data version'
    }`,
    subtitle: `${dataLine(head)} · a path qualifies with ≥ ${MIN_TOTAL} points and ≥ 1 point in every metric`,
    headline: `Now: ${TRACK_LABEL[head.headline]} path (your best) ${pts(headlinePath.total)} / 100 — ${headlinePath.qualified ? 'qualifies' : 'does not qualify'}`,
    headlineColor: headlinePath.qualified ? 'Good' : 'Attention',
    facts: (['enterprise', 'smb'] as const).map((t) => ({
      title: `${TRACK_LABEL[t]} path${t === head.headline ? ' ★' : ''}`,
      value: `${pts(head.paths[t].total)} / 100 — ${head.paths[t].qualified ? 'qualified' : 'not qualified'}`,
    })),
    sections: [
      {
        heading: 'What changed with the new data',
        lines: alerts.length > 0 ? alerts.map(alertLine) : [line('No score alert was recorded.')],
      },
      {
        heading: 'What to do',
        lines:
          alerts.length > 0
            ? [...paths.map((t) => planLine(head, t)), ...forecasts.flatMap(preventionLines)]
            : [planLine(head, head.headline)],
      },
    ],
    notes: stateNotes(state),
    actions: [
      executeAction('Show the score', 'score', { path: focus }),
      executeAction("What's missing", 'gaps', { path: focus }),
      ...(forecasts.length > 0 ? [executeAction('Forecast', 'forecast', {})] : []),
      ...(state.acknowledged ? [] : [executeAction('Got it', 'reminder.ack', actionData(data))]),
    ],
  };
}

/** The score alert of one data version (sent once per version to subscribers). */
export function scoreAlertCard(
  head: SnapshotHead,
  alerts: readonly ScoreAlert[],
  versionId: string,
  state?: ReminderCardState,
  userIds?: string[],
): AdaptiveCard {
  return withRefresh(
    render(template, scoreAlertCardModel(head, alerts, versionId, state)),
    { subject: SCORE_ALERT_SUBJECT, occasion: `version:${versionId}`, offsetDays: 0 },
    userIds,
  );
}
