import Decimal from 'decimal.js';

/**
 * Money is carried in integer cents. Each row's USD amount is rounded to whole cents, half away
 * from zero, on the decimal value written in the data (so 0.125 → 13 cents although the binary
 * double is 0.12499…).
 */
export function usdToCents(usd: number): number {
  const scaled = usd * 100;
  const fraction = Math.abs(scaled - Math.trunc(scaled));
  // Fast path: far from a tie, the binary error cannot change the rounding.
  if (Math.abs(usd) < 1e9 && Math.abs(fraction - 0.5) > 1e-6) {
    return Math.sign(scaled) * Math.round(Math.abs(scaled));
  }
  return new Decimal(usd).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).times(100).toNumber();
}

export function centsToUsd(cents: number): number {
  return cents / 100;
}

/** `$12,000.01`, `−$2,500.00`. */
export function formatUsd(cents: number): string {
  const sign = cents < 0 ? '−' : '';
  const abs = Math.abs(cents);
  const dollars = Math.floor(abs / 100);
  const rest = abs - dollars * 100;
  return `${sign}$${dollars.toLocaleString('en-US')}.${String(rest).padStart(2, '0')}`;
}

/** `$2,500` when whole dollars, else with cents. */
export function formatUsdShort(cents: number): string {
  return cents % 100 === 0 ? formatUsd(cents).slice(0, -3) : formatUsd(cents);
}
