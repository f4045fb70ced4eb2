import { dueReminder, RENEWAL_RULES, type ReminderDate, type RenewalRules } from './renewals';
import type { SnapshotHead } from './snapshot';

/** The designation's reminders use this subject; specializations use their names. */
export const DESIGNATION_SUBJECT = 'Solutions Partner for Security';

export interface DueReminder extends ReminderDate {
  readonly subject: string;
  readonly anniversary: string;
  readonly firstAwarded?: string;
}

export interface RenewalSubject {
  readonly subject: string;
  readonly anniversary: string;
  readonly firstAwarded?: string;
}

/** Everything with an anniversary in the data: the designation and each specialization. */
export function renewalSubjects(head: SnapshotHead): RenewalSubject[] {
  const subjects: RenewalSubject[] = [];
  if (head.designation.anniversary)
    subjects.push({ subject: DESIGNATION_SUBJECT, anniversary: head.designation.anniversary });
  for (const s of head.specializations) {
    // I-10: the anniversary in force (moved six months for holders on the audit date); its year
    // number counts from the first award moved alike.
    const yearsFrom = s.yearsCountFrom ?? s.firstAwarded;
    if (s.anniversary)
      subjects.push({
        subject: s.name,
        anniversary: s.anniversary,
        ...(yearsFrom ? { firstAwarded: yearsFrom } : {}),
      });
  }
  return subjects;
}

/**
 * Reminders due on `today` for one partner: per subject with an anniversary (the designation and
 * each specialization), the latest reminder date on or before today (rules §3: −120 … +30 days). A
 * run that missed days therefore sends the latest due reminder, not a burst of old ones; the ledger
 * makes sure each one goes out once.
 */
export function remindersDue(
  head: SnapshotHead,
  today: string,
  rules: RenewalRules = RENEWAL_RULES,
): DueReminder[] {
  const due: DueReminder[] = [];
  for (const s of renewalSubjects(head)) {
    const reminder = dueReminder(s.anniversary, today, undefined, rules);
    if (reminder) due.push({ ...s, ...reminder });
  }
  return due.sort((a, b) => a.date.localeCompare(b.date) || a.subject.localeCompare(b.subject));
}
