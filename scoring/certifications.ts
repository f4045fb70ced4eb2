import { addYears } from './calendar';
import { normalizeName, type CertificationRow } from './dataset';
import type { CertificationRule, RuleSet, SkillingStep } from './rules/types';

/** Why a certification row does or does not count on a given date (rules §3.2). */
export type CertificationState =
  | 'valid'
  | 'unknownExam'
  | 'notYetEarned'
  | 'expired'
  | 'earnedAfterRetirement'
  | 'retiredTooLongAgo'
  | 'notAssociated';

export interface CertificationStatus {
  readonly row: CertificationRow;
  readonly rule?: CertificationRule;
  readonly state: CertificationState;
  /** The first day it no longer counts (the earlier of expiry and retirement + 1 year). */
  readonly endsOn?: string;
  readonly endsBy?: 'expiry' | 'retirement';
}

export function certificationLookup(rules: RuleSet): Map<string, CertificationRule> {
  const map = new Map<string, CertificationRule>();
  for (const rule of rules.certifications) {
    map.set(normalizeName(rule.exam), rule);
    map.set(normalizeName(rule.title), rule);
    for (const alias of rule.aliases ?? []) map.set(normalizeName(alias), rule);
  }
  return map;
}

/**
 * A certification counts on `date` if earned on or before it and `date` is before its expiry
 * (`expires` when given, else earned + 1 year; on the expiry date itself it no longer counts).
 * A retired one counts only if earned on or before retirement and while `date` is before
 * retirement + 1 year. A row with `associated: false` never counts (`notAssociated` when it otherwise would).
 */
export function certificationStatus(
  row: CertificationRow,
  rule: CertificationRule | undefined,
  rules: RuleSet,
  date: string,
): CertificationStatus {
  if (!rule) return { row, state: 'unknownExam' };
  const expiry = row.expires ?? addYears(row.earned, rules.certificationValidityYears);
  let endsOn = expiry;
  let endsBy: 'expiry' | 'retirement' = 'expiry';
  if (rule.retires) {
    if (row.earned > rule.retires) return { row, rule, state: 'earnedAfterRetirement' };
    const retiredEnd = addYears(rule.retires, rules.retiredValidityYears);
    if (retiredEnd < endsOn) {
      endsOn = retiredEnd;
      endsBy = 'retirement';
    }
  }
  if (row.earned > date) return { row, rule, state: 'notYetEarned', endsOn, endsBy };
  if (date >= endsOn)
    return { row, rule, state: endsBy === 'expiry' ? 'expired' : 'retiredTooLongAgo', endsOn, endsBy };
  // Otherwise valid, but a person whose Learn profile is not associated with the partner earns it no credit.
  if (row.associated === false) return { row, rule, state: 'notAssociated', endsOn, endsBy };
  return { row, rule, state: 'valid', endsOn, endsBy };
}

export interface Person {
  readonly personId: string;
  readonly name: string;
  /** Steps for which the person holds a valid certification on the date. */
  readonly steps: ReadonlySet<SkillingStep>;
  /** Valid exams, e.g. ['AZ-500', 'SC-300']. */
  readonly exams: readonly string[];
  /** Every row of this person with its status. */
  readonly certifications: readonly CertificationStatus[];
}

/** People with their valid steps on `date`, in first-appearance order. */
export function peopleOn(
  rows: readonly CertificationRow[],
  rules: RuleSet,
  date: string,
  lookup: Map<string, CertificationRule> = certificationLookup(rules),
  skip?: (row: CertificationRow) => boolean,
): Person[] {
  const byId = new Map<
    string,
    {
      personId: string;
      name: string;
      steps: Set<SkillingStep>;
      exams: string[];
      certifications: CertificationStatus[];
    }
  >();
  for (const row of rows) {
    let person = byId.get(row.personId);
    if (!person) {
      person = {
        personId: row.personId,
        name: row.personName?.trim() || row.personId,
        steps: new Set(),
        exams: [],
        certifications: [],
      };
      byId.set(row.personId, person);
    }
    if (skip?.(row)) continue;
    const status = certificationStatus(row, lookup.get(normalizeName(row.exam)), rules, date);
    person.certifications.push(status);
    if (status.state === 'valid' && status.rule) {
      person.steps.add(status.rule.step);
      if (!person.exams.includes(status.rule.exam)) person.exams.push(status.rule.exam);
    }
  }
  return [...byId.values()];
}
