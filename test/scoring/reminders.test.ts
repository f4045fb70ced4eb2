import { DESIGNATION_SUBJECT, remindersDue } from '../../scoring/reminders';
import { demoSnapshot } from '../cards/fixtures';

/**
 * Northwind (data as of 2026-11-22, rules of 2026-08-31): the designation 2027-02-15; Threat Protection
 * (first awarded 2024-01-10) and Identity and Access Management (2025-03-05) were held on 2026-07-30,
 * so their anniversaries moved six months (I-10): 2027-01-10 → 2027-07-10 and 2027-03-05 → 2027-09-05.
 */
const { head } = demoSnapshot('northwind-cyber');
const due = (today: string) => remindersDue(head, today).map((r) => [r.subject, r.offsetDays, r.date]);

describe('reminders due on a day (specializations-and-renewals.md §3)', () => {
  test('nothing before the first reminder date (120 days before)', () => {
    expect(due('2026-10-17')).toEqual([]);
  });

  test('on the day of a reminder: that reminder', () => {
    expect(due('2026-10-18')).toEqual([[DESIGNATION_SUBJECT, -120, '2026-10-18']]);
  });

  test('I-10: the moved anniversaries — the old reminder dates fire nothing, the new ones do', () => {
    // The old dates of Threat Protection (2027-01-10 − 120 … + 30) and Identity and Access Management.
    for (const old of ['2026-09-12', '2026-10-12', '2026-11-11', '2026-12-11', '2027-01-10'])
      expect(due(old).filter((r) => r[0] === 'Threat Protection')).toEqual([]);
    expect(due('2026-11-05').filter((r) => r[0] === 'Identity and Access Management')).toEqual([]);
    // The new ones: 120 days before 2027-07-10 and 2027-09-05.
    expect(due('2027-03-11').filter((r) => r[0] === 'Threat Protection')).toEqual([]);
    expect(due('2027-03-12').filter((r) => r[0] === 'Threat Protection')).toEqual([
      ['Threat Protection', -120, '2027-03-12'],
    ]);
    expect(due('2027-05-08').filter((r) => r[0] === 'Identity and Access Management')).toEqual([
      ['Identity and Access Management', -120, '2027-05-08'],
    ]);
    expect(due('2027-07-10').find((r) => r[0] === 'Threat Protection')).toEqual([
      'Threat Protection',
      0,
      '2027-07-10',
    ]);
  });

  test('after missed days: only the latest due reminder per subject, not a burst of old ones', () => {
    expect(due('2027-05-20')).toEqual(
      [
        ['Threat Protection', -60, '2027-05-11'],
        ['Identity and Access Management', -120, '2027-05-08'],
        [DESIGNATION_SUBJECT, 30, '2027-03-17'],
      ].sort((a, b) => String(a[2]).localeCompare(String(b[2]))),
    );
  });

  test('30 days after the anniversary the last reminder stays the latest due (the ledger sends it once)', () => {
    expect(due('2027-12-01').find((r) => r[0] === 'Threat Protection')).toEqual([
      'Threat Protection',
      30,
      '2027-08-09',
    ]);
  });
});
