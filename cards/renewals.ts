import { renewalCalendar, type RenewalCalendar } from '../scoring/renewals';
import type { SnapshotHead } from '../scoring/snapshot';
import type { Requirement, SpecializationStatus } from '../scoring/specializations';
import type { DetailCardModel, DetailLine } from './detail';
import { plural, pts, TRACK_LABEL, type CardColor } from './format';
import { executeAction } from './render';

/** Specialization status and the renewals overview, on the detail card. */

const STATE: Record<SpecializationStatus['state'], { text: string; color: CardColor }> = {
  earned: { text: 'earned', color: 'Good' },
  eligibleToApply: { text: 'eligible to apply — submit customer references', color: 'Accent' },
  notEligible: { text: 'not eligible yet', color: 'Attention' },
};

const dataAsOf = (head: SnapshotHead): string => `${head.partnerName} · data as of ${head.asOf}`;

/** "✓ People with SC-200: 6 (need ≥ 6)"; a performance requirement's figures name each test already. */
export function requirementText(r: Requirement): string {
  return r.kind === 'performance'
    ? `Performance — ${r.have} (need ${r.need})`
    : `${r.label}: ${r.have} (need ${r.need})`;
}

export function specializationsModel(head: SnapshotHead): DetailCardModel {
  return {
    title: 'Security specializations',
    subtitle: `${dataAsOf(head)} · each needs the Solutions Partner for Security designation`,
    sections: head.specializations.map((s) => ({
      heading: `${s.name} — ${STATE[s.state].text}${s.anniversary ? ` · anniversary ${s.anniversary}` : ''}`,
      lines: s.requirements.map<DetailLine>((r) => ({
        text: `${r.met ? '✓' : '✗'} ${requirementText(r)}`,
        color: r.met ? 'Good' : 'Attention',
      })),
    })),
    actions: [executeAction('Renewals', 'renewals', {}), executeAction('Back to the score', 'score', {})],
  };
}

const WINDOW: Record<RenewalCalendar['state'], string> = {
  notYetOpen: 'window not open yet',
  open: 'renewal window open',
  grace: 'in the 30-day grace period',
  lapsed: 'lapsed',
};

function calendarLine(c: RenewalCalendar): string {
  const when = c.daysLeft >= 0 ? `in ${plural(c.daysLeft, 'day')}` : `${plural(-c.daysLeft, 'day')} ago`;
  const year =
    c.yearNumber === undefined
      ? ''
      : ` · year ${c.yearNumber} (${c.parity}: ${c.requires === 'qualification' ? 'qualification re-checked, automatic re-enrolment' : 'qualification and customer references or audit'})`;
  return `Anniversary ${c.anniversary} (${when}) · ${WINDOW[c.state]}: opens ${c.windowOpens}, closes ${c.windowCloses}, grace until ${c.graceEnds}${year}`;
}

/** Every deadline, the nearest first, with the live state on `today` and what the year requires. */
export function renewalsModel(head: SnapshotHead, today: string): DetailCardModel {
  const items: { anniversary: string; heading: string; lines: DetailLine[] }[] = [];
  if (head.designation.anniversary) {
    const c = renewalCalendar({
      subject: 'Solutions Partner for Security',
      anniversary: head.designation.anniversary,
      today,
    });
    const path = head.paths[head.headline];
    items.push({
      anniversary: c.anniversary,
      heading: 'Solutions Partner for Security (designation)',
      lines: [
        { text: calendarLine(c), color: c.state === 'lapsed' ? 'Attention' : 'Default' },
        path.qualified
          ? { text: `✓ Qualifies today: ${TRACK_LABEL[head.headline]} ${pts(path.total)}`, color: 'Good' }
          : {
              text: `⚠ Would not qualify today: ${TRACK_LABEL[head.headline]} ${pts(path.total)} — ${plural(path.plan.additions, 'addition')} to qualify`,
              color: 'Warning',
            },
      ],
    });
  }
  for (const s of head.specializations) {
    if (!s.anniversary) continue;
    const c = renewalCalendar({
      subject: s.name,
      anniversary: s.anniversary,
      today,
      ...(s.firstAwarded ? { firstAwarded: s.firstAwarded } : {}),
    });
    const needed = s.requirements.filter((r) => r.kind !== 'references' || c.requires !== 'qualification');
    const missing = needed.filter((r) => !r.met);
    items.push({
      anniversary: c.anniversary,
      heading: s.name,
      lines: [
        { text: calendarLine(c), color: c.state === 'lapsed' ? 'Attention' : 'Default' },
        missing.length === 0
          ? { text: '✓ Everything this renewal checks is met today', color: 'Good' }
          : {
              text: `✗ Missing for this renewal: ${missing.map((r) => `${r.label} (${r.have}, need ${r.need})`).join('; ')}`,
              color: 'Attention',
            },
      ],
    });
  }
  items.sort((a, b) => a.anniversary.localeCompare(b.anniversary));
  return {
    title: 'Renewals — nearest first',
    subtitle: `${dataAsOf(head)} · today ${today} · windows open 60 days before an anniversary, 30 days' grace after`,
    sections:
      items.length > 0
        ? items.map(({ heading, lines }) => ({ heading, lines }))
        : [
            {
              heading: 'No anniversaries',
              lines: [
                {
                  text: 'The partner data gives no designation or specialization anniversary.',
                  color: 'Default',
                },
              ],
            },
          ],
    actions: [
      executeAction('Specializations', 'specializations', {}),
      executeAction('Back to the score', 'score', {}),
    ],
  };
}
