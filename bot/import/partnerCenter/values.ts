import { isCalendarDate } from '../../../scoring/calendar';

/**
 * Cell values of Partner Center's downloads as they come: the portal does not document its date
 * or number formats, and the spellings drift between exports, so each reader goes through these.
 * Every function returns undefined for a value it cannot read; the caller names the file, row and column.
 */

/** `ACR_USD`, `acr usd`, `Acr-Usd` → `acrusd`: the one spelling header names are compared in. */
export function normalizeHeader(name: string): string {
  return name.toLowerCase().replace(/[\s_\-.]+/g, '');
}

const MONTH_NAMES = [
  'jan',
  'feb',
  'mar',
  'apr',
  'may',
  'jun',
  'jul',
  'aug',
  'sep',
  'oct',
  'nov',
  'dec',
] as const;

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * A calendar date from `2026-10-15`, an ISO timestamp `2026-10-15T00:00:00(.000)(Z)` or the US
 * `10/15/2026` (month first, as the portal writes it in en-US exports).
 */
export function parseDate(raw: string): string | undefined {
  const text = raw.trim();
  const iso =
    /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?(?: ?[AP]M)?)?$/i.exec(text);
  const date = iso
    ? `${iso[1]}-${iso[2]}-${iso[3]}`
    : us
      ? `${us[3]}-${pad(Number(us[1]))}-${pad(Number(us[2]))}`
      : undefined;
  return date !== undefined && isCalendarDate(date) ? date : undefined;
}

/** A month `YYYY-MM` from `2026-10`, `202610`, `Oct 2026`, `October 2026` or any date parseDate reads. */
export function parseMonth(raw: string): string | undefined {
  const text = raw.trim();
  const plain = /^(\d{4})-?(\d{2})$/.exec(text);
  if (plain) return Number(plain[2]) >= 1 && Number(plain[2]) <= 12 ? `${plain[1]}-${plain[2]}` : undefined;
  const named = /^([a-z]{3})[a-z]*\.? (\d{4})$/i.exec(text);
  if (named) {
    const index = MONTH_NAMES.indexOf(text.slice(0, 3).toLowerCase() as (typeof MONTH_NAMES)[number]);
    return index < 0 ? undefined : `${named[2]}-${pad(index + 1)}`;
  }
  return parseDate(text)?.slice(0, 7);
}

/** `1,234.50`, `$1234.5`, ` 12 ` → a number; empty → 0 (the column exists, the value is nothing). */
export function parseAmount(raw: string): number | undefined {
  const text = raw
    .trim()
    .replace(/^\$/, '')
    .replace(/,(?=\d{3}(?:\D|$))/g, '');
  if (text === '') return 0;
  if (!/^-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?$/.test(text)) return undefined;
  return Number(text);
}

/** A whole count (licenses, users): parseAmount that must be an integer. */
export function parseCount(raw: string): number | undefined {
  const value = parseAmount(raw);
  return value !== undefined && Number.isInteger(value) ? value : undefined;
}

/** The duplicate flags (IsACRDuplicateAtPGALevel, IsDuplicateRowForPGA): 1/true/yes mark a duplicate. */
export function isDuplicateFlag(raw: string): boolean {
  return ['1', 'true', 'yes', 'y'].includes(raw.trim().toLowerCase());
}

/**
 * Partner Center's attribution spellings → the dataset's association values (research note §1.1).
 * Values not in the table are kept as written, so scoring lists them as unknown associations.
 */
const ASSOCIATIONS: Readonly<Record<string, string>> = {
  partneradminlink: 'PAL',
  pal: 'PAL',
  partneradminlinkpal: 'PAL',
  csptier1: 'CSP Tier1',
  cspt1: 'CSP Tier1',
  tier1: 'CSP Tier1',
  cspdirect: 'CSP Tier1',
  directbill: 'CSP Tier1',
  csptier2: 'CSP Tier2',
  cspt2: 'CSP Tier2',
  tier2: 'CSP Tier2',
  cspindirect: 'CSP Tier2',
  indirectreseller: 'CSP Tier2',
  claimingpartnerofrecord: 'CPOR',
  cpor: 'CPOR',
  partnerofrecord: 'DPOR',
  dpor: 'DPOR',
  por: 'DPOR',
  digitalpartnerofrecord: 'DPOR',
};

/** A bare "CSP" takes its tier from SalesChannel (`Direct/CSP` → Tier1, `Indirect/CSP` → Tier2). */
export function mapAssociation(raw: string, salesChannel?: string): string {
  const key = raw.toLowerCase().replace(/[^a-z0-9]/g, '');
  const mapped = ASSOCIATIONS[key];
  if (mapped !== undefined) return mapped;
  if (key === 'csp' && salesChannel !== undefined) {
    const channel = salesChannel.toLowerCase().replace(/[^a-z]/g, '');
    if (channel === 'directcsp') return 'CSP Tier1';
    if (channel === 'indirectcsp') return 'CSP Tier2';
  }
  return raw.trim();
}
