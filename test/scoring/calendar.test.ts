import { LocalDate } from '@js-joda/core';
import {
  addYears,
  addMonths,
  daysBetween,
  lastMonthOf,
  monthIndex,
  monthLabel,
} from '../../scoring/calendar';

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

describe('days between dates', () => {
  test('equals js-joda on every day of 1999 … 2101 against a fixed day, leap days and centuries included', () => {
    const reference = LocalDate.parse('2026-11-22').toEpochDay();
    const mismatches: string[] = [];
    for (let day = LocalDate.parse('1999-01-01'); day.year() <= 2101; day = day.plusDays(1)) {
      if (daysBetween('2026-11-22', day.toString()) !== day.toEpochDay() - reference)
        mismatches.push(day.toString());
    }
    expect(mismatches).toEqual([]);
  });

  test('an impossible date is refused as before', () => {
    expect(() => daysBetween('2026-11-22', '2026-02-30')).toThrow();
    expect(() => daysBetween('2025-02-29', '2026-11-22')).toThrow();
  });
});
