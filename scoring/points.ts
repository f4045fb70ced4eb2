import Fraction from 'fraction.js';
import type { Ratio } from './rules/types';

/** Points are exact fractions (40/6 per person, 20/6 per deployment); rounded only for display. */
export type Points = Fraction;

export const ZERO: Points = new Fraction(0);

export function points(value: number | Ratio): Points {
  return typeof value === 'number' ? new Fraction(value) : new Fraction(value[0], value[1]);
}

/** `perUnit × units`, capped at `max`. */
export function capped(perUnit: Ratio | number, units: number, max: number): Points {
  const raw = points(perUnit).mul(Math.max(0, units));
  return raw.compare(max) > 0 ? new Fraction(max) : raw;
}

export function minPoints(a: Points, max: number): Points {
  return a.compare(max) > 0 ? new Fraction(max) : a;
}

/** Rounded to two decimals, half away from zero (points are never negative). */
export function round2(p: Points): number {
  return Number(p.round(2).valueOf().toFixed(2));
}

/** Smallest whole number of units of `perUnit` points that reaches `target` points. */
export function unitsFor(target: Points, perUnit: Ratio | number): number {
  if (target.compare(0) <= 0) return 0;
  return Number(target.div(points(perUnit)).ceil().valueOf());
}
