import { ruleSetFor } from '../scoring/rules';
import type { AuditRules } from '../scoring/rules/specializations';
import type { RuleSource } from '../scoring/rules/types';
import { renewalCalendar, type RenewalCalendar } from '../scoring/renewals';
import type { SnapshotHead } from '../scoring/snapshot';
import type { Requirement, SpecializationStatus } from '../scoring/specializations';
import { plural, pts, TRACK_LABEL, type CardColor, dataLine, dayText, monthText } from './format';
import { executeAction, render, type AdaptiveCard } from './render';
import template from './templates/requirements.json';

/**
 * The specializations card and the renewals card: per specialization (and the designation) a short
 * have / need row per requirement, a coloured status word, and plain notes — under the rules in force
 * on the card's date (customer references before 2026-07-30, the audit from then on).
 */

export interface RequirementRow {
  readonly label: string;
  /** "have 5 · need ≥ 6" */
  readonly figures: string;
  /** A short status word, the only coloured text. */
  readonly status: string;
  readonly statusColor: CardColor;
}

export interface RequirementsSection {
  readonly heading: string;
  readonly status: string;
  readonly statusColor: CardColor;
  readonly rows: readonly RequirementRow[];
  readonly notes: readonly { readonly text: string }[];
}

export interface RequirementsCardModel {
  readonly title: string;
  readonly subtitle: string;
  readonly sections: readonly RequirementsSection[];
  readonly actions: readonly Record<string, unknown>[];
}

export function requirementsCard(model: RequirementsCardModel): AdaptiveCard {
  return render(template, model);
}

const STATE: Record<SpecializationStatus['state'], { heading: string; status: string; color: CardColor }> = {
  earned: { heading: 'earned', status: 'Earned', color: 'Good' },
  eligibleToApply: { heading: 'eligible to apply', status: 'Eligible', color: 'Accent' },
  notEligible: { heading: 'not eligible yet', status: 'Not eligible', color: 'Attention' },
};

const CONFIRM = 'confirm in Partner Center';
const note = (text: string): { text: string } => ({ text });
/** The rules a card applies, in partner words: the dated change they follow, or the original documents. */
const rulesInForceText = (version: string): string =>
  /^\d{4}-\d{2}-\d{2}$/.test(version)
    ? `rules as changed on ${dayText(version)}`
    : 'rules of the program guide';

const dataAsOf = (head: SnapshotHead): string => `${head.partnerName} · ${dataLine(head)}`;

/** "✓ People with SC-200: 6 (need ≥ 6)"; a performance requirement's figures name each test already. */
export function requirementText(r: Requirement): string {
  const text =
    r.kind === 'performance'
      ? `Performance — ${r.have} (need ${r.need})`
      : `${r.label}: ${r.have} (need ${r.need})`;
  return r.unconfirmed ? `${text} — ${CONFIRM}` : text;
}

const LABEL: Partial<Record<Requirement['kind'], string>> = { performance: 'Performance' };

export function requirementRow(r: Requirement, checked = true): RequirementRow {
  const label = `${LABEL[r.kind] ?? r.label}${r.unconfirmed ? ` (${CONFIRM})` : ''}`;
  const figures = `have ${r.have} · need ${r.need}`;
  if (!checked) return { label, figures, status: 'Not checked', statusColor: 'Default' };
  return r.met
    ? { label, figures, status: 'Met', statusColor: 'Good' }
    : { label, figures, status: 'Not met', statusColor: 'Attention' };
}

function sourceText(source: RuleSource): string {
  if (source.kind === 'reported')
    return `Rules: changes reported on ${source.reportedOn}, not yet checked against Microsoft's page`;
  return source.kind === 'seed' ? "Rules: Microsoft's program guide" : 'Rules: Microsoft Learn, May 2026';
}

/** The audit's needs and dates, in plain words (rules §6). */
export function auditNotes(s: SpecializationStatus, audit: AuditRules): string[] {
  const a = s.audit;
  if (!a) return [];
  const lines = [
    `Validated by a third-party audit since ${audit.since}, paid by the partner: Pass or No Pass, a pass is valid ${plural(a.passValidYears, 'year')}. Customer references no longer count.`,
  ];
  if (a.recorded)
    lines.push(
      `Audit ${a.recorded.module} on ${a.recorded.auditDate}: ${a.recorded.result}${a.recorded.gapReviewDate ? ` · gap review ${a.recorded.gapReviewDate}` : ''} · gap-review window until ${a.gapReviewBy ?? ''} (${plural(a.gapReviewWithinDays, 'day')}; later counts as No Pass).`,
    );
  else
    lines.push(
      `A gap-review meeting must be held within ${plural(a.gapReviewWithinDays, 'day')} of the audit, or the audit counts as No Pass.`,
    );
  if (a.deadline) lines.push(`Audit deadline: a pass valid on ${a.deadline}, the renewal that checks it.`);
  lines.push(
    `Partner Center shows the Module A status from ${monthText(a.moduleAStatusFrom)}. The checklist is refreshed each ${a.checklistRefreshMonths.join(' and ')}: the audit uses the one in force on its date.`,
  );
  return lines;
}

function specializationNotes(s: SpecializationStatus, head: SnapshotHead): string[] {
  const audit = ruleSetFor(head.asOf).specializations.audit;
  const lines: string[] = [];
  if (s.formerName) lines.push(`Named ${s.formerName} in the data (renamed ${s.name}).`);
  if (s.anniversaryMovedFrom && audit)
    lines.push(
      `Anniversary moved six months for holders on ${audit.since}: ${s.anniversaryMovedFrom} → ${s.anniversary ?? ''}.`,
    );
  if (s.validation === 'references' && s.state === 'eligibleToApply')
    lines.push('Next: submit customer references in Partner Center for approval.');
  if (s.validation === 'audit' && audit) lines.push(...auditNotes(s, audit));
  if (s.unconfirmed)
    lines.push(
      `The thresholds since ${audit?.since ?? 'the audit date'} are not public: the earlier figures are shown — ${CONFIRM}.`,
    );
  for (const r of s.requirements)
    if (r.notRecognized)
      lines.push(
        `Applied Skills not counted because their names are not confirmed yet: ${r.notRecognized.join(', ')} — ${CONFIRM}.`,
      );
  if (s.benefits === 'beyondCap')
    lines.push('No program benefits: they go to three Security specializations, the first three awarded.');
  lines.push(sourceText(s.source));
  return lines;
}

/** I-12: a partner holding more than the cap is told which ones get the benefits. */
function benefitsSection(head: SnapshotHead): RequirementsSection[] {
  const earned = head.specializations.filter((s) => s.benefits !== undefined);
  if (earned.length === 0) return [];
  const included = earned.filter((s) => s.benefits === 'included').map((s) => s.name);
  const beyond = earned.filter((s) => s.benefits === 'beyondCap').map((s) => s.name);
  return [
    {
      heading: `Benefits — ${plural(earned.length, 'specialization')} held, benefits for ${included.length}`,
      status: 'Capped',
      statusColor: 'Warning',
      rows: [],
      notes: [
        note(`Benefits go to: ${included.join(', ')} (the first awarded).`),
        note(`Held without benefits: ${beyond.join(', ')}.`),
      ],
    },
  ];
}

/**
 * One section per specialization; what every one of them says alike (how the audit works, what the
 * rules rest on) is said once, in a last section, rather than four times.
 */
function specializationSections(head: SnapshotHead): RequirementsSection[] {
  const notes = head.specializations.map((s) => specializationNotes(s, head));
  const shared =
    notes.length > 1 ? notes[0]!.filter((line) => notes.every((other) => other.includes(line))) : [];
  const sections: RequirementsSection[] = head.specializations.map((s, i) => ({
    heading: `${s.name} — ${STATE[s.state].heading}${s.anniversary ? ` · anniversary ${s.anniversary}` : ''}`,
    status: STATE[s.state].status,
    statusColor: STATE[s.state].color,
    rows: s.requirements.map((r) => requirementRow(r)),
    notes: notes[i]!.filter((line) => !shared.includes(line)).map(note),
  }));
  if (shared.length > 0)
    sections.push({
      heading: 'For every Security specialization',
      status: '',
      statusColor: 'Default',
      rows: [],
      notes: shared.map(note),
    });
  return sections;
}

export function specializationsModel(head: SnapshotHead): RequirementsCardModel {
  return {
    title: 'Security specializations',
    subtitle: `${dataAsOf(head)} · ${rulesInForceText(head.ruleSet.version)} · each needs the Solutions Partner for Security designation`,
    sections: [...benefitsSection(head), ...specializationSections(head)],
    actions: [executeAction('Renewals', 'renewals', {}), executeAction('Back to the score', 'score', {})],
  };
}

const WINDOW: Record<RenewalCalendar['state'], { text: string; status: string; color: CardColor }> = {
  notYetOpen: { text: 'window not open yet', status: 'Not open yet', color: 'Default' },
  open: { text: 'renewal window open', status: 'Window open', color: 'Accent' },
  grace: { text: 'in the 30-day grace period', status: 'Grace', color: 'Warning' },
  lapsed: { text: 'lapsed', status: 'Lapsed', color: 'Attention' },
};

function calendarLine(c: RenewalCalendar): string {
  const when = c.daysLeft >= 0 ? `in ${plural(c.daysLeft, 'day')}` : `${plural(-c.daysLeft, 'day')} ago`;
  return `Anniversary ${c.anniversary} (${when}) · ${WINDOW[c.state].text}: opens ${c.windowOpens}, closes ${c.windowCloses}, grace until ${c.graceEnds}`;
}

/**
 * What this anniversary must show under the rules in force on it: odd years the qualification only;
 * even (or unknown) years also the manual validation — customer references before the audit date,
 * a passed audit on or after it.
 */
export function mustShowAt(c: RenewalCalendar): string {
  const audited = ruleSetFor(c.anniversary).specializations.audit !== undefined;
  const manual = audited
    ? 'a passed third-party audit (valid two years, gap review within 15 days of it)'
    : 'approved customer references (valid two years)';
  if (c.requires === 'qualification')
    return 'the qualification requirements only (designation, performance, skilling) — re-enrolled automatically when met';
  if (c.requires === 'qualification+manual') return `the qualification requirements and ${manual}`;
  return `the qualification requirements; at an even anniversary also ${manual}`;
}

const yearText = (c: RenewalCalendar): string =>
  c.yearNumber === undefined ? 'year not known' : `year ${c.yearNumber}, ${c.parity}`;

/** Whether this renewal checks a requirement: the manual validation only at even (or unknown) anniversaries. */
export const checkedAt = (r: Requirement, c: RenewalCalendar): boolean =>
  (r.kind !== 'references' && r.kind !== 'audit') || c.requires !== 'qualification';

/** The calendar of a specialization: years count from the first award (six months later when moved, I-10). */
export function specializationCalendar(s: SpecializationStatus, anniversary: string, today: string) {
  const yearsFrom = s.yearsCountFrom ?? s.firstAwarded;
  return renewalCalendar({
    subject: s.name,
    anniversary,
    today,
    ...(yearsFrom ? { firstAwarded: yearsFrom } : {}),
  });
}

/** Every deadline, the nearest first, with the live state on `today` and what the year requires. */
export function renewalsModel(head: SnapshotHead, today: string): RequirementsCardModel {
  const items: { anniversary: string; section: RequirementsSection }[] = [];
  if (head.designation.anniversary) {
    const c = renewalCalendar({
      subject: 'Solutions Partner for Security',
      anniversary: head.designation.anniversary,
      today,
    });
    const rows = (['enterprise', 'smb'] as const).map<RequirementRow>((track) => {
      const path = head.paths[track];
      return {
        label: `${TRACK_LABEL[track]} path${track === head.headline ? ' (your best)' : ''}`,
        figures: `have ${pts(path.total)} · need ≥ 70, every metric ≥ 1`,
        status: path.qualified ? 'Qualifies' : 'Does not qualify',
        statusColor: path.qualified ? 'Good' : 'Attention',
      };
    });
    const path = head.paths[head.headline];
    items.push({
      anniversary: c.anniversary,
      section: {
        heading: 'Solutions Partner for Security (designation)',
        status: WINDOW[c.state].status,
        statusColor: WINDOW[c.state].color,
        rows,
        notes: [
          note(calendarLine(c)),
          ...(path.qualified
            ? []
            : [
                note(
                  `To qualify: ${plural(path.plan.additions, 'addition')} on the ${TRACK_LABEL[head.headline]} path.`,
                ),
              ]),
        ],
      },
    });
  }
  const audit = ruleSetFor(head.asOf).specializations.audit;
  for (const s of head.specializations) {
    if (!s.anniversary) continue;
    const c = specializationCalendar(s, s.anniversary, today);
    const missing = s.requirements.filter((r) => checkedAt(r, c) && !r.met);
    items.push({
      anniversary: c.anniversary,
      section: {
        heading: s.name,
        status: WINDOW[c.state].status,
        statusColor: WINDOW[c.state].color,
        rows: s.requirements.map((r) => requirementRow(r, checkedAt(r, c))),
        notes: [
          note(calendarLine(c)),
          note(`Must show (${yearText(c)}): ${mustShowAt(c)}.`),
          note(
            missing.length === 0
              ? 'Everything this renewal checks is met today.'
              : `Missing for this renewal: ${missing.map((r) => r.label).join('; ')}.`,
          ),
          ...(s.anniversaryMovedFrom && audit
            ? [
                note(
                  `Anniversary moved six months for holders on ${audit.since} (was ${s.anniversaryMovedFrom}).`,
                ),
              ]
            : []),
          ...(s.audit?.deadline ? [note(`Audit deadline: a pass valid on ${s.audit.deadline}.`)] : []),
          ...(s.unconfirmed ? [note(`Some thresholds are not public — ${CONFIRM}.`)] : []),
        ],
      },
    });
  }
  items.sort((a, b) => a.anniversary.localeCompare(b.anniversary));
  return {
    title: 'Renewals — nearest first',
    subtitle: `${dataAsOf(head)} · today ${today} · windows open 60 days before an anniversary, 30 days' grace after`,
    sections:
      items.length > 0
        ? items.map((i) => i.section)
        : [
            {
              heading: 'No anniversaries',
              status: '—',
              statusColor: 'Default',
              rows: [],
              notes: [note('The partner data gives no designation or specialization anniversary.')],
            },
          ],
    actions: [
      executeAction('Specializations', 'specializations', {}),
      executeAction('Back to the score', 'score', {}),
    ],
  };
}
