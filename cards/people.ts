import { TRACKS, type Track } from '../scoring';
import { addYears, daysBetween } from '../scoring/calendar';
import type { CertificationRule, RuleSet } from '../scoring/rules';
import type { CertificationRequirement, SpecializationRule } from '../scoring/rules/specializations';
import type { SnapshotHead } from '../scoring/snapshot';
import { plural, pts, shortName, TRACK_LABEL, type CardColor, dataLine } from './format';
import { executeAction, render, type AdaptiveCard } from './render';
import { rulesOf } from './rulesInForce';
import template from './templates/people.json';

/**
 * "Who is certified?" and "how many SC-200 do we have?": the people the score counts, how many hold
 * each exam, whose certification stops counting when, and for one exam what it counts for and its
 * retirement (rules §3.2, I-6).
 */

export interface PeopleRow {
  readonly text: string;
  /** A short status word or date, the only coloured text. */
  readonly status: string;
  readonly color: CardColor;
}

export interface PeopleCardModel {
  readonly title: string;
  readonly subtitle: string;
  readonly facts: readonly { title: string; value: string }[];
  readonly hasFacts: boolean;
  readonly sections: readonly { heading: string; rows: readonly PeopleRow[] }[];
  readonly actions: readonly Record<string, unknown>[];
}

/** Rows per list; the rest are counted ("and 12 more"). Keeps the card well under 28 KB for 2,000 people. */
export const PEOPLE_ROWS = 20;
const NOT_COUNTED_ROWS = 10;
/** A certification ending within this many days is flagged (the at-risk horizon). */
const SOON_DAYS = 90;

type HeadPerson = SnapshotHead['people'][number];
type HeadCertification = HeadPerson['certifications'][number];

const row = (text: string, status = '', color: CardColor = 'Default'): PeopleRow => ({ text, status, color });
const people = (n: number): string => plural(n, 'person', 'people');
const sameExam = (a: string, b: string): boolean => a.trim().toUpperCase() === b.trim().toUpperCase();

const NOT_COUNTED: Record<string, string> = {
  expired: 'expired',
  unknownExam: 'not a Security exam',
  notYetEarned: 'not yet earned',
  earnedAfterRetirement: 'earned after retirement',
  retiredTooLongAgo: 'retired',
  notAssociated: 'Learn profile not associated',
};

/** "ends 2027-01-12", flagged when within the at-risk horizon. */
function endRow(text: string, endsOn: string | undefined, asOf: string): PeopleRow {
  if (!endsOn) return row(text);
  const soon = daysBetween(asOf, endsOn) <= SOON_DAYS;
  return row(text, `${soon ? '⚠ ' : ''}until ${endsOn}`, soon ? 'Warning' : 'Default');
}

/** The first `limit` rows, then "… and 12 more certifications". */
function capped(rows: readonly PeopleRow[], limit: number, one: string, many: string): PeopleRow[] {
  if (rows.length <= limit) return [...rows];
  return [
    ...rows.slice(0, limit),
    row(`… and ${plural(rows.length - limit, `more ${one}`, `more ${many}`)}`),
  ];
}

const counting = (c: HeadCertification): boolean => c.state === 'valid';
const byEnd = (a: { endsOn?: string }, b: { endsOn?: string }): number =>
  (a.endsOn ?? '9999').localeCompare(b.endsOn ?? '9999');

/**
 * The certifications that count, one per person and exam (a renewed one can appear twice in the
 * training report: the later end wins), the one that stops counting first at the top.
 */
function countingCertifications(
  head: SnapshotHead,
  exam?: string,
): { person: HeadPerson; c: HeadCertification }[] {
  const latest = new Map<string, { person: HeadPerson; c: HeadCertification }>();
  for (const person of head.people)
    for (const c of person.certifications) {
      if (!counting(c) || (exam !== undefined && !sameExam(c.exam, exam))) continue;
      const key = `${person.personId}\u0000${c.exam}`;
      const seen = latest.get(key);
      if (!seen || byEnd(seen.c, c) < 0) latest.set(key, { person, c });
    }
  return [...latest.values()].sort((a, b) => byEnd(a.c, b.c) || a.person.name.localeCompare(b.person.name));
}

function notCountedRows(head: SnapshotHead, exam?: string): PeopleRow[] {
  return head.people.flatMap((p) =>
    p.certifications
      .filter((c) => !counting(c) && (exam === undefined || sameExam(c.exam, exam)))
      .map((c) =>
        row(
          `${shortName(p.name)}: ${c.exam}`,
          `${NOT_COUNTED[c.state] ?? c.state}${c.state === 'expired' && c.endsOn ? ` ${c.endsOn}` : ''}`,
        ),
      ),
  );
}

/** Holders of each exam the score counts, in the rule set's order (step 1 first). */
function examCounts(head: SnapshotHead, rules: RuleSet): { title: string; value: string }[] {
  return rules.certifications.flatMap((rule) => {
    const holders = head.people.filter((p) =>
      p.certifications.some((c) => counting(c) && sameExam(c.exam, rule.exam)),
    ).length;
    // A retired exam nobody holds any more is not worth a line.
    if (holders === 0 && rule.retires !== undefined && rule.retires < head.asOf) return [];
    return [{ title: `${rule.exam} (step ${rule.step})`, value: people(holders) }];
  });
}

const dataAsOf = (head: SnapshotHead): string => `${head.partnerName} · ${dataLine(head)}`;

function overview(head: SnapshotHead, rules: RuleSet): PeopleCardModel {
  const certifications = countingCertifications(head);
  const certified = head.people.filter((p) => p.certifications.some(counting)).length;
  const notCounted = notCountedRows(head);
  return {
    title: `Who is certified — ${people(certified)}, ${plural(certifications.length, 'certification')} that ${certifications.length === 1 ? 'counts' : 'count'}`,
    subtitle: `${dataAsOf(head)} · the Security exams of the designation and its specializations`,
    facts: examCounts(head, rules),
    hasFacts: true,
    sections: [
      {
        heading: 'Who holds what — the one that stops counting first at the top',
        rows:
          certifications.length > 0
            ? capped(
                certifications.map(({ person, c }) =>
                  endRow(
                    `${shortName(person.name)}: ${c.exam}${c.step ? ` (step ${c.step})` : ''}`,
                    c.endsOn,
                    head.asOf,
                  ),
                ),
                PEOPLE_ROWS,
                'certification',
                'certifications',
              )
            : [row('Nobody holds a certification that counts today.')],
      },
      ...(notCounted.length > 0
        ? [
            {
              heading: 'Held but not counted',
              rows: capped(notCounted, NOT_COUNTED_ROWS, 'certification', 'certifications'),
            },
          ]
        : []),
    ],
    actions: [
      executeAction('Who should take which exam', 'certPlan', {}),
      executeAction('At risk', 'atRisk', {}),
      executeAction('Back to the score', 'score', {}),
    ],
  };
}

/** How the exam's step counts on one path today. */
function designationRow(
  head: SnapshotHead,
  rules: RuleSet,
  rule: CertificationRule,
  track: Track,
): PeopleRow {
  const skilling = head.paths[track].metrics.intermediateCertifications;
  const stepRule = rules.metrics.intermediateCertifications[track];
  if (rule.step === 3) {
    const [n, d] = stepRule.step3.pointsPerPerson;
    const holders = new Set(
      head.people
        .filter((p) => p.certifications.some((c) => counting(c) && sameExam(c.exam, rule.exam)))
        .map((p) => p.personId),
    );
    const counted = skilling.step3.counted.filter((id) => holders.has(id)).length;
    return row(
      `${TRACK_LABEL[track]}: step 3 — each holder${stepRule.step3.requiresStep1Or2 ? ' who also holds a step-1 or step-2 exam' : ''} adds ${pts(Math.round((n / d) * 100) / 100)} points once steps 1 and 2 are complete (up to ${skilling.max})`,
      `${counted} counted`,
      counted > 0 ? 'Good' : 'Default',
    );
  }
  const step = rule.step === 1 ? skilling.step1 : skilling.step2;
  const points = rule.step === 1 ? stepRule.step1.points : stepRule.step2.points;
  return row(
    `${TRACK_LABEL[track]}: step ${rule.step} needs ${people(step.needed)}${points > 0 ? ` and earns ${points} points` : ''}; steps 1 and 2 complete open the step-3 points — ${people(step.people.length)} today`,
    step.complete ? '✓ complete' : '✗ not complete',
    step.complete ? 'Good' : 'Attention',
  );
}

/** The certification requirements of the specializations in force, with the exams each accepts (a retired predecessor too, I-13). */
function certificationRequirements(
  rules: RuleSet,
): { spec: SpecializationRule; k: CertificationRequirement; accepted: string[] }[] {
  return rules.specializations.rules.flatMap((spec) =>
    spec.knowledge.flatMap((k) =>
      k.kind === 'certification'
        ? [{ spec, k, accepted: [...k.exams, ...(k.retiredPredecessors ?? [])] }]
        : [],
    ),
  );
}

function specializationRows(head: SnapshotHead, exam: string): PeopleRow[] {
  return certificationRequirements(rulesOf(head))
    .filter(({ accepted }) => accepted.some((e) => sameExam(e, exam)))
    .map(({ spec, k }) => {
      const label = `People with ${k.exams.join(' or ')}`;
      const status = head.specializations
        .find((s) => s.name === spec.name)
        ?.requirements.find((r) => r.kind === 'knowledge' && r.label.startsWith(label));
      // I-13: a retired predecessor earned before its retirement still counts until it expires.
      const predecessors = k.retiredPredecessors ?? [];
      const accepted = `${k.exams.join(' or ')}${predecessors.length > 0 ? ` (or ${predecessors.join(', ')} earned before retiring)` : ''}`;
      return row(
        `${spec.name} specialization: ${people(k.people)} with ${accepted}${status ? ` — ${status.have} today` : ''}`,
        status ? (status.met ? '✓ met' : '✗ not met') : '',
        status ? (status.met ? 'Good' : 'Attention') : 'Default',
      );
    });
}

/** I-6: a retired exam's successor, as the rule set names it (AZ-500 → SC-500, SC-400 → SC-401). */
function successorsOf(rules: RuleSet, rule: CertificationRule): CertificationRule[] {
  return rules.certifications.filter((r) => r.exam === rule.successor);
}

function retirementRows(head: SnapshotHead, rules: RuleSet, rule: CertificationRule): PeopleRow[] {
  const rows: PeopleRow[] = [];
  if (rule.retires) {
    const retired = rule.retires < head.asOf;
    const successors = successorsOf(rules, rule).map((r) => `${r.exam} (${r.title})`);
    rows.push(
      row(
        `${rule.exam} ${retired ? 'retired' : 'retires'} on ${rule.retires}. Certificates earned on or before that day count until they expire, at the latest until ${addYears(rule.retires, rules.retiredValidityYears)}; earned after it, it does not count.`,
        retired ? 'retired' : 'retiring',
        'Warning',
      ),
    );
    if (successors.length > 0)
      rows.push(
        row(`Its successor: ${successors.join(', ')}, which counts for the same step and specializations.`),
      );
  }
  for (const old of rules.certifications.filter((r) => r.retires && successorsOf(rules, r).includes(rule)))
    rows.push(
      row(
        `${rule.exam} is the successor of ${old.exam}, which ${old.retires! < head.asOf ? 'retired' : 'retires'} on ${old.retires}.`,
      ),
    );
  return rows;
}

function examView(head: SnapshotHead, rules: RuleSet, exam: string): PeopleCardModel {
  const rule = rules.certifications.find((r) => sameExam(r.exam, exam));
  const code = rule?.exam ?? exam.trim().toUpperCase();
  const holders = countingCertifications(head, code);
  const notCounted = notCountedRows(head, code);
  const countsFor = rule
    ? [
        row(`Solutions Partner for Security — intermediate certifications, step ${rule.step}:`),
        ...TRACKS.map((t) => designationRow(head, rules, rule, t)),
        ...specializationRows(head, rule.exam),
      ]
    : [
        row(
          `${code} is not an exam of the Solutions Partner for Security designation or its specializations: it earns no points. The exams that count: ${rules.certifications
            .filter((r) => !r.retires || addYears(r.retires, rules.retiredValidityYears) > head.asOf)
            .map((r) => r.exam)
            .join(', ')}.`,
        ),
      ];
  const retirement = rule ? retirementRows(head, rules, rule) : [];
  return {
    title: `${code}: ${people(holders.length)}`,
    subtitle: `${rule ? `${rule.title} · ` : ''}${dataAsOf(head)} · certifications that count today`,
    facts: [],
    hasFacts: false,
    sections: [
      {
        heading: 'Holders — until when it counts',
        rows:
          holders.length > 0
            ? capped(
                holders.map(({ person, c }) => endRow(shortName(person.name), c.endsOn, head.asOf)),
                PEOPLE_ROWS,
                'person',
                'people',
              )
            : [row(`Nobody holds ${code} in a way that counts today.`)],
      },
      ...(notCounted.length > 0
        ? [
            {
              heading: 'Held but not counted',
              rows: capped(notCounted, NOT_COUNTED_ROWS, 'certification', 'certifications'),
            },
          ]
        : []),
      { heading: 'What it counts for', rows: countsFor },
      ...(retirement.length > 0 ? [{ heading: 'Retirement', rows: retirement }] : []),
    ],
    actions: [
      executeAction('Everyone certified', 'people', {}),
      executeAction('Who should take which exam', 'certPlan', {}),
      executeAction('Back to the score', 'score', {}),
    ],
  };
}

export function peopleModel(head: SnapshotHead, exam?: string): PeopleCardModel {
  const rules = rulesOf(head);
  return exam ? examView(head, rules, exam) : overview(head, rules);
}

export function peopleCard(head: SnapshotHead, exam?: string): AdaptiveCard {
  return render(template, peopleModel(head, exam));
}
