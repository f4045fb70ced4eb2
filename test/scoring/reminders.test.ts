import { DESIGNATION_SUBJECT, remindersDue } from '../../scoring/reminders';
import { demoSnapshot } from '../cards/fixtures';

// Northwind: Threat Protection 2027-01-10, designation 2027-02-15, Identity and Access Management 2027-03-05.
const { head } = demoSnapshot('northwind-cyber');
const due = (today: string) => remindersDue(head, today).map((r) => [r.subject, r.offsetDays, r.date]);

describe('reminders due on a day (specializations-and-renewals.md §3)', () => {
  test('nothing before the first reminder date (120 days before)', () => {
    expect(due('2026-09-11')).toEqual([]);
  });

  test('on the day of a reminder: that reminder', () => {
    expect(due('2026-09-12')).toEqual([['Threat Protection', -120, '2026-09-12']]);
  });

  test('after missed days: only the latest due reminder per subject, not a burst of old ones', () => {
    expect(due('2026-11-22')).toEqual([
      ['Identity and Access Management', -120, '2026-11-05'],
      ['Threat Protection', -60, '2026-11-11'],
      [DESIGNATION_SUBJECT, -90, '2026-11-17'],
    ]);
  });

  test('30 days after the anniversary the last reminder stays the latest due (the ledger sends it once)', () => {
    expect(due('2027-06-01').find((r) => r[0] === 'Threat Protection')).toEqual([
      'Threat Protection',
      30,
      '2027-02-09',
    ]);
  });
});
