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

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Days since 1970-01-01 (js-joda's `toEpochDay`). Parsing with js-joda costs ~40 µs a date, which
 * adds up over thousands of certifications: a valid date is computed directly (H. Hinnant's
 * days_from_civil, proleptic Gregorian); anything else goes to js-joda, which throws.
 */
function epochDay(date: string): number {
  const m = DATE.exec(date);
  const year = Number(m?.[1]);
  const month = Number(m?.[2]);
  const day = Number(m?.[3]);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const monthDays = (MONTH_DAYS[month - 1] ?? 0) + (month === 2 && leap ? 1 : 0);
  if (!m || day < 1 || day > monthDays) return LocalDate.parse(date).toEpochDay();
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

export function daysBetween(from: string, to: string): number {
  return epochDay(to) - epochDay(from);
}
