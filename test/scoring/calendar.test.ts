import { addYears, addMonths, lastMonthOf, monthIndex, monthLabel } from '../../scoring/calendar';

describe('calendar dates', () => {
  test.each([
    ['2026-03-19', 1, '2027-03-19'],
    ['2024-02-29', 1, '2025-02-28'], // leap day: clamped to the end of February
    ['2024-02-29', 4, '2028-02-29'],
    ['2025-12-31', 1, '2026-12-31'],
    ['2026-08-31', 1, '2027-08-31'],
  ])('addYears(%s, %d) = %s', (date, years, expected) => {
    expect(addYears(date, years)).toBe(expected);
  });

  test.each([
    ['2026-01-31', '2026-02-28'],
    ['2026-11-22', '2026-12-22'],
    ['2026-12-05', '2027-01-05'],
  ])('addMonths(%s, 1) = %s', (date, expected) => {
    expect(addMonths(date, 1)).toBe(expected);
  });

  test('last month L is the calendar month before asOf, across a year boundary', () => {
    expect(monthLabel(lastMonthOf('2026-11-22'))).toBe('2026-10');
    expect(monthLabel(lastMonthOf('2027-01-01'))).toBe('2026-12');
    expect(monthIndex('2026-10') - monthIndex('2025-10')).toBe(12);
  });
});
