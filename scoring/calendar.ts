import { LocalDate } from '@js-joda/core';

/**
 * Calendar arithmetic on plain `YYYY-MM` months and `YYYY-MM-DD` dates (js-joda LocalDate:
 * no time zone, no clock). A month is carried as an integer index `year * 12 + (month − 1)`.
 */

export type MonthIndex = number;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function monthIndex(month: string): MonthIndex {
  const m = MONTH.exec(month);
  if (!m) throw new Error(`BAD_MONTH: "${month}" is not a YYYY-MM month`);
  return Number(m[1]) * 12 + Number(m[2]) - 1;
}

export function monthLabel(index: MonthIndex): string {
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

/** True when `date` is a real calendar date written `YYYY-MM-DD`. */
export function isCalendarDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  try {
    LocalDate.parse(date);
    return true;
  } catch {
    return false;
  }
}

/** Month index of a date. */
export function monthOfDate(date: string): MonthIndex {
  return monthIndex(date.slice(0, 7));
}

/** "Last month" L: the calendar month before the month of `asOf`. */
export function lastMonthOf(asOf: string): MonthIndex {
  return monthOfDate(asOf) - 1;
}

export function addYears(date: string, years: number): string {
  // Every day but 29 February exists in every year: shift the year text (hot: once per certification).
  if (!date.endsWith('-02-29') && /^\d{4}-/.test(date)) {
    const year = Number(date.slice(0, 4)) + years;
    if (year >= 1000 && year <= 9999) return `${year}${date.slice(4)}`;
  }
  return LocalDate.parse(date).plusYears(years).toString();
}

export function addMonths(date: string, months: number): string {
  return LocalDate.parse(date).plusMonths(months).toString();
}

export function addDays(date: string, days: number): string {
  return LocalDate.parse(date).plusDays(days).toString();
}

export function daysBetween(from: string, to: string): number {
  return LocalDate.parse(to).toEpochDay() - LocalDate.parse(from).toEpochDay();
}
