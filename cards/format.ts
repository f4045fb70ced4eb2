import type { MetricName, Track } from '../scoring';

/** Shared wording and formatting of the cards. */

export const TRACK_LABEL: Record<Track, string> = { enterprise: 'Enterprise', smb: 'SMB' };
export const OTHER_TRACK: Record<Track, Track> = { enterprise: 'smb', smb: 'enterprise' };

export const METRIC_LABEL: Record<MetricName, string> = {
  netCustomerAdds: 'Net customer adds',
  intermediateCertifications: 'Intermediate certifications',
  deployments: 'Deployments',
  usageGrowth: 'Usage growth',
};

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** 20 → "20", 26.666 → "26.67". */
export function pts(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2);
}

/** 1234.5 → "$1,234.50": an amount of the data, to the cent. */
export function usdCents(n: number): string {
  return `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? word : many}`;
}

/** Adaptive Card text colours. */
export type CardColor = 'Good' | 'Attention' | 'Warning' | 'Default' | 'Accent';

/** '2026-11-22' → "22 Nov 2026": a date in partner words, the same in every locale. */
export function dayText(date: string): string {
  const [year, month, day] = date.split('-');
  return `${Number(day)} ${MONTH_NAMES[Number(month) - 1]!.slice(0, 3)} ${year}`;
}

/** '2026-10' → "October 2026". */
export function monthText(month: string): string {
  const [year, m] = month.split('-');
  return `${MONTH_NAMES[Number(m) - 1]} ${year}`;
}

/** A name from the data on a list card: at most `max` characters, so that a long one cannot push the card over its size. */
export function shortName(name: string, max = 80): string {
  return name.length <= max ? name : `${name.slice(0, max - 1)}…`;
}

/**
 * The line on every card that says which data it shows, in partner words: the day of the Partner
 * Center data and the last month of usage it holds (the reports run a month behind).
 */
export function dataLine(data: { readonly asOf: string; readonly lastMonth: string }): string {
  return `Partner Center data of ${dayText(data.asOf)} · usage up to ${monthText(data.lastMonth)}`;
}
