import { addDays, addYears, daysBetween, isCalendarDate } from './calendar';

/**
 * Renewal calendar of a specialization or designation (rules specializations-and-renewals.md §3–§5):
 * the renewal window around an anniversary, which year it is (odd / even) and which reminder is due.
 * Pure: "today" is an argument; dates are `YYYY-MM-DD` strings.
 */

export interface RenewalRules {
  /** The renewal window opens this many days before the anniversary (and closes on it). */
  readonly windowOpensDaysBefore: number;
  /** Grace period after the anniversary, in days. */
  readonly graceDaysAfter: number;
  /** Reminder offsets in days relative to the anniversary (negative = before), ascending. */
  readonly reminderOffsetsDays: readonly number[];
}

/** Rules §3: window 60 days before the anniversary, 30-day grace, reminders at −120 … +30 days. */
export const RENEWAL_RULES: RenewalRules = Object.freeze({
  windowOpensDaysBefore: 60,
  graceDaysAfter: 30,
  reminderOffsetsDays: Object.freeze([-120, -90, -60, -30, 0, 30]),
});

export type RenewalState = 'notYetOpen' | 'open' | 'grace' | 'lapsed';
export type RenewalParity = 'odd' | 'even';
/**
 * What must be shown at this anniversary: odd years re-check the qualification requirements only
 * (automatic re-enrolment); even years also need the manually validated ones (customer references or audit).
 */
export type RenewalRequirement = 'qualification' | 'qualification+manual';

export interface RenewalInput {
  /** The specialization or designation, used in messages. */
  readonly subject: string;
  /** Date of the first award; year numbers count from it. */
  readonly firstAwarded?: string;
  /** The next (or current) anniversary as given by Partner Center. */
  readonly anniversary: string;
  readonly today: string;
}

export interface RenewalCalendar {
  readonly subject: string;
  readonly anniversary: string;
  readonly windowOpens: string;
  /** The window closes on the anniversary itself. */
  readonly windowCloses: string;
  readonly graceEnds: string;
  /** Which anniversary this is (1st, 2nd, …); undefined without `firstAwarded`. */
  readonly yearNumber: number | undefined;
  readonly parity: RenewalParity | undefined;
  readonly requires: RenewalRequirement | undefined;
  readonly state: RenewalState;
  /** Days from today to the anniversary; negative after it. */
  readonly daysLeft: number;
  /** In grace only: days from today until the grace period ends (0 on its last day). */
  readonly daysToWindowEnd: number | undefined;
}

export interface ReminderDate {
  /** Days relative to the anniversary (negative = before). */
  readonly offsetDays: number;
  readonly date: string;
}

function requireDate(subject: string, field: string, value: string): void {
  if (!isCalendarDate(value)) {
    throw new RangeError(`Renewal of "${subject}": ${field} "${value}" is not a YYYY-MM-DD calendar date`);
  }
}

/**
 * Which anniversary `anniversary` is, counted from `firstAwarded`: the whole number of years whose
 * anniversary lies nearest to it. Exact for true anniversaries (29 February awards fall on 28 February
 * in common years via addYears) and tolerant of a Partner Center date that is off by a few days.
 */
function yearNumberOf(subject: string, firstAwarded: string, anniversary: string): number {
  // Dates compare as strings because they are all YYYY-MM-DD.
  if (anniversary <= firstAwarded) {
    throw new RangeError(
      `Renewal of "${subject}": anniversary ${anniversary} is not after the first award ${firstAwarded}`,
    );
  }
  const yearDifference = Number(anniversary.slice(0, 4)) - Number(firstAwarded.slice(0, 4));
  let nearest = yearDifference;
  let nearestDistance = Infinity;
  for (const years of [yearDifference - 1, yearDifference, yearDifference + 1]) {
    const distance = Math.abs(daysBetween(addYears(firstAwarded, years), anniversary));
    if (distance < nearestDistance) {
      nearest = years;
      nearestDistance = distance;
    }
  }
  if (nearest < 1) {
    // Less than half a year after the award: no anniversary can fall there.
    throw new RangeError(
      `Renewal of "${subject}": anniversary ${anniversary} is too close to the first award ${firstAwarded} to be an anniversary`,
    );
  }
  return nearest;
}

function stateOn(today: string, windowOpens: string, anniversary: string, graceEnds: string): RenewalState {
  if (today < windowOpens) return 'notYetOpen';
  if (today <= anniversary) return 'open';
  if (today <= graceEnds) return 'grace';
  return 'lapsed';
}

/**
 * The renewal calendar for one anniversary on `today`. Throws a RangeError for invalid input: a
 * malformed date, an anniversary more than one year before today (Partner Center would already show
 * the next one) or an anniversary not after `firstAwarded`.
 */
export function renewalCalendar(input: RenewalInput, rules: RenewalRules = RENEWAL_RULES): RenewalCalendar {
  const { subject, firstAwarded, anniversary, today } = input;
  requireDate(subject, 'anniversary', anniversary);
  requireDate(subject, 'today', today);
  if (firstAwarded !== undefined) requireDate(subject, 'firstAwarded', firstAwarded);

  if (anniversary < addYears(today, -1)) {
    throw new RangeError(
      `Renewal of "${subject}": anniversary ${anniversary} is more than one year before today ${today}; pass the next anniversary`,
    );
  }

  const yearNumber =
    firstAwarded === undefined ? undefined : yearNumberOf(subject, firstAwarded, anniversary);
  const parity: RenewalParity | undefined =
    yearNumber === undefined ? undefined : yearNumber % 2 === 1 ? 'odd' : 'even';
  const requires: RenewalRequirement | undefined =
    parity === undefined ? undefined : parity === 'odd' ? 'qualification' : 'qualification+manual';

  const windowOpens = addDays(anniversary, -rules.windowOpensDaysBefore);
  const graceEnds = addDays(anniversary, rules.graceDaysAfter);
  const state = stateOn(today, windowOpens, anniversary, graceEnds);

  return {
    subject,
    anniversary,
    windowOpens,
    windowCloses: anniversary,
    graceEnds,
    yearNumber,
    parity,
    requires,
    state,
    daysLeft: daysBetween(today, anniversary),
    daysToWindowEnd: state === 'grace' ? daysBetween(today, graceEnds) : undefined,
  };
}

/** The reminder dates of one anniversary (rules §3), earliest first. */
export function reminderDates(anniversary: string, rules: RenewalRules = RENEWAL_RULES): ReminderDate[] {
  return [...rules.reminderOffsetsDays]
    .sort((a, b) => a - b)
    .map((offsetDays) => ({ offsetDays, date: addDays(anniversary, offsetDays) }));
}

/**
 * The reminder to send today, if any: the latest reminder whose date is on or before today and whose
 * offset is after `lastSentOffset` (the last one sent for this same anniversary). A run that missed
 * days sends only the latest due reminder, not a burst of older ones; nothing is sent twice.
 */
export function dueReminder(
  calendarOrAnniversary: RenewalCalendar | string,
  today: string,
  lastSentOffset?: number,
  rules: RenewalRules = RENEWAL_RULES,
): ReminderDate | undefined {
  const [subject, anniversary] =
    typeof calendarOrAnniversary === 'string'
      ? ['(no subject)', calendarOrAnniversary]
      : [calendarOrAnniversary.subject, calendarOrAnniversary.anniversary];
  requireDate(subject, 'anniversary', anniversary);
  requireDate(subject, 'today', today);
  let due: ReminderDate | undefined;
  for (const reminder of reminderDates(anniversary, rules)) {
    if (reminder.date > today) break;
    if (lastSentOffset === undefined || reminder.offsetDays > lastSentOffset) due = reminder;
  }
  return due;
}
