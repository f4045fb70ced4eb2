import { normalizeName } from '../dataset';
import type { SpecializationRule } from './specializations';
import type { RuleSet } from './types';

/**
 * The rules drift check (issue 14): a saved copy of Microsoft's page, as plain text, against the rule
 * set in force on a date — the exam codes, the service names and the thresholds that differ, so the
 * next change Microsoft makes is found by a command. Pure: the command reads the file and strips HTML.
 */

export interface Difference {
  /** On the page, not in the rules. */
  readonly pageOnly: readonly string[];
  /** In the rules, not on the page. */
  readonly rulesOnly: readonly string[];
}

export interface RulesDrift {
  readonly version: string;
  /** 'designation' or the specialization's name. */
  readonly scope: string;
  readonly exams: Difference;
  readonly services: Difference;
  readonly thresholds: Difference;
}

/** Exam codes as Microsoft writes them: AZ-500, SC-200, MS-102 … */
const EXAM = /\b(?:AZ|SC|MS)-\d{3}\b/gi;
const MONEY = /\$\s?(\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{2})?\b/g;
const PEOPLE = /\b(\d{1,3})\s+(?:people|individuals|persons|certified (?:people|individuals))\b/gi;
/** "1,000 MAU", "2,500 monthly active users", "MAU growth of 1,000" (a number near MAU). */
const MAU_AFTER = /\b(\d{1,3}(?:,\d{3})+|\d{3,})\s+(?:net\s+)?(?:MAU|monthly active users)\b/gi;
const MAU_BEFORE = /\bMAU\b[^.\d$]{0,40}?(\d{1,3}(?:,\d{3})+|\d{3,})\b/gi;

const number = (text: string): number => Number(text.replace(/,/g, ''));
const usd = (dollars: number): string => `$${dollars.toLocaleString('en-US')}`;
const sorted = (items: Iterable<string>): string[] => [...new Set(items)].sort((a, b) => a.localeCompare(b));

function difference(page: Iterable<string>, rules: Iterable<string>): Difference {
  const onPage = new Set(page);
  const inRules = new Set(rules);
  return {
    pageOnly: sorted([...onPage].filter((x) => !inRules.has(x))),
    rulesOnly: sorted([...inRules].filter((x) => !onPage.has(x))),
  };
}

function matches(text: string, pattern: RegExp): string[] {
  return [...text.matchAll(pattern)].map((m) => m[1] ?? m[0]);
}

/** Whether `name` occurs in the page as whole words (case-insensitive, any run of spaces). */
function mentions(page: string, name: string): boolean {
  const words = normalizeName(name)
    .split(/\s+/)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`(?:^|[^a-z0-9])${words.join('\\s+')}(?![a-z0-9])`, 'i').test(page);
}

/** Names the rule set knows: a listed item on the page that is none of them is a new name. */
function knownNames(rules: RuleSet): string[] {
  const named = (items: readonly { name: string; aliases?: readonly string[] }[]) =>
    items.flatMap((i) => [i.name, ...(i.aliases ?? [])]);
  return [
    ...named(rules.azure.services),
    ...named(rules.m365.workloads),
    ...named(rules.m365.ineligibleWorkloads),
    ...rules.certifications.flatMap((c) => [c.title, ...(c.aliases ?? [])]),
    ...rules.specializations.rules.flatMap((s) => [
      s.name,
      ...(s.aliases ?? []),
      ...s.performance.flatMap((p) => (p.kind === 'mauGrowth' ? [p.product, ...(p.aliases ?? [])] : [])),
    ]),
  ].map(normalizeName);
}

/**
 * Items of a list on the page that look like a product name (start with Azure or Microsoft, a few
 * words, no sentence): those the rule set does not know are reported as on the page only.
 */
function listedProducts(items: readonly string[], known: readonly string[]): string[] {
  const knownSet = new Set(known);
  return items
    .map((item) => item.replace(/^[\s\-*•·]+/, '').trim())
    .filter(
      (item) => /^(?:Azure|Microsoft)\b/.test(item) && item.split(/\s+/).length <= 8 && !/[.:;]$/.test(item),
    )
    .filter((item) => !knownSet.has(normalizeName(item)));
}

function examsOf(rules: RuleSet, spec: SpecializationRule | undefined, asOf: string): string[] {
  if (spec)
    return spec.knowledge
      .flatMap((k) => (k.kind === 'certification' ? k.exams : []))
      .map((e) => e.toUpperCase());
  // A retired exam is not expected on the page any more (it may still be named there).
  return rules.certifications.filter((c) => !c.retires || c.retires > asOf).map((c) => c.exam);
}

function allExams(rules: RuleSet): Set<string> {
  return new Set([
    ...rules.certifications.map((c) => c.exam),
    ...rules.specializations.rules.flatMap((s) =>
      s.knowledge.flatMap((k) =>
        k.kind === 'certification' ? [...k.exams, ...(k.retiredPredecessors ?? [])] : [],
      ),
    ),
  ]);
}

function thresholdsOf(rules: RuleSet, spec: SpecializationRule | undefined): string[] {
  if (!spec) {
    const c = rules.azureCents;
    const g = rules.metrics.usageGrowth.azureCentsPerPoint;
    return [c.qualifyingCustomerMin, c.enterpriseMinExclusive, c.smbDeploymentMin, g.enterprise, g.smb].map(
      (cents) => usd(cents / 100),
    );
  }
  return [
    ...spec.performance.map((p) =>
      p.kind === 'acr' ? usd(p.minCents / 100) : `${p.min.toLocaleString('en-US')} MAU`,
    ),
    ...spec.knowledge.map((k) => `${k.people} people`),
  ];
}

function pageThresholds(page: string, spec: SpecializationRule | undefined): string[] {
  const money = matches(page, MONEY).map((m) => usd(number(m)));
  if (!spec) return money;
  const mau = [...matches(page, MAU_AFTER), ...matches(page, MAU_BEFORE)].map(
    (m) => `${number(m).toLocaleString('en-US')} MAU`,
  );
  const people = matches(page, PEOPLE).map((m) => `${number(m)} people`);
  return [...money, ...mau, ...people];
}

export interface DriftOptions {
  /** The specialization whose page this is (name or alias); absent = the designation's page. */
  readonly specialization?: string;
  /** List items or short lines of the page, where new product names are looked for. */
  readonly listItems?: readonly string[];
}

export function rulesDrift(
  page: string,
  rules: RuleSet,
  asOf: string,
  options: DriftOptions = {},
): RulesDrift {
  const wanted = options.specialization && normalizeName(options.specialization);
  const spec = wanted
    ? rules.specializations.rules.find((s) =>
        [s.name, ...(s.aliases ?? [])].map(normalizeName).includes(wanted),
      )
    : undefined;
  if (wanted && !spec)
    throw new RangeError(
      `no specialization "${options.specialization ?? ''}" in rule set ${rules.version}: ${rules.specializations.rules.map((s) => s.name).join(', ')}`,
    );
  const pageExams = matches(page, EXAM).map((e) => e.toUpperCase());
  const known = allExams(rules);
  const exams = difference(pageExams, examsOf(rules, spec, asOf));
  // An exam the rules know but no longer expect (retired) is not "new" when the page still names it.
  const examDrift = {
    pageOnly: exams.pageOnly.filter((e) => !known.has(e) || spec !== undefined),
    rulesOnly: exams.rulesOnly,
  };

  let services: Difference = { pageOnly: [], rulesOnly: [] };
  if (!spec) {
    const inForce = rules.azure.services.filter((s) => !s.endsOn || s.endsOn > asOf);
    const ended = rules.azure.services.filter((s) => s.endsOn !== undefined && s.endsOn <= asOf);
    const onPage = (s: { name: string; aliases?: readonly string[] }) =>
      [s.name, ...(s.aliases ?? [])].some((n) => mentions(page, n));
    services = {
      pageOnly: sorted([
        ...ended.filter(onPage).map((s) => `${s.name} (left the list on ${s.endsOn ?? ''})`),
        ...listedProducts(options.listItems ?? [], knownNames(rules)),
      ]),
      rulesOnly: sorted([
        ...inForce.filter((s) => !onPage(s)).map((s) => s.name),
        ...rules.m365.workloads.filter((w) => !onPage(w)).map((w) => w.name),
      ]),
    };
  }
  return {
    version: rules.version,
    scope: spec ? spec.name : 'designation',
    exams: examDrift,
    services,
    thresholds: difference(pageThresholds(page, spec), thresholdsOf(rules, spec)),
  };
}

export function driftFound(drift: RulesDrift): boolean {
  return [drift.exams, drift.services, drift.thresholds].some(
    (d) => d.pageOnly.length > 0 || d.rulesOnly.length > 0,
  );
}
