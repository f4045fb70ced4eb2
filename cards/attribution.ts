import {
  attributionFix,
  attributionWhy,
  type AttributionFinding,
  type AttributionReport,
} from '../scoring/attribution';
import type { SnapshotHead } from '../scoring/snapshot';
import { dataLine, OTHER_TRACK, plural, pts, TRACK_LABEL, usdCents, type CardColor } from './format';
import { executeAction, render, type AdaptiveCard } from './render';
import template from './templates/attribution.json';

/**
 * "What are we not getting credit for?" (issue 12): the attribution finder's findings from the
 * snapshot head, each with the points its fix adds on both paths and the fix in one line.
 */

export interface AttributionCardModel {
  readonly title: string;
  readonly subtitle: string;
  readonly summary: readonly { text: string; color: CardColor }[];
  readonly findings: readonly {
    heading: string;
    gain: string;
    gainColor: CardColor;
    why: string;
    fix: string;
  }[];
  readonly note: string;
  readonly actions: readonly Record<string, unknown>[];
}

const KIND: Record<AttributionFinding['kind'], string> = {
  azure: 'Azure usage',
  m365: 'Microsoft 365 licences',
  certification: 'certification',
};

const signed = (n: number): string => (n > 0 ? `+${pts(n)}` : n < 0 ? `−${pts(-n)}` : '+0');

function details(f: AttributionFinding): string {
  if (f.kind === 'azure') return `${usdCents(f.usd ?? 0)} in ${plural(f.rows, 'row')}`;
  if (f.kind === 'm365') return `${(f.workloads ?? []).join(', ')} · ${plural(f.rows, 'month')}`;
  return f.found.join(', ');
}

function summaryOf(a: AttributionReport, head: SnapshotHead): { text: string; color: CardColor }[] {
  const focus = a.headline;
  const other = OTHER_TRACK[focus];
  if (a.findingCount === 0)
    return [
      {
        text: 'Nothing found: every Azure row in the data has PAL or CSP, every Microsoft 365 row has CPOR or CSP, and every certification is associated with the partner.',
        color: 'Good',
      },
    ];
  const lines = [
    {
      text: `${plural(a.findingCount, 'finding')}, ${a.withPoints} worth points. Fixing them all: ${TRACK_LABEL[focus]} ${signed(a.allFixed.gain[focus])} → ${pts(a.allFixed.paths[focus].total)}${a.allFixed.paths[focus].qualified ? ' (qualifies)' : ''}, ${TRACK_LABEL[other]} ${signed(a.allFixed.gain[other])} → ${pts(a.allFixed.paths[other].total)}${a.allFixed.paths[other].qualified ? ' (qualifies)' : ''}.`,
      color: (a.withPoints > 0 ? 'Accent' : 'Default') as CardColor,
    },
  ];
  if (a.withPoints === 0)
    lines.push({
      text: `None adds points today (${TRACK_LABEL[focus]} ${pts(head.paths[focus].total)}); fixing them still makes the usage count for next months and for the specializations.`,
      color: 'Default',
    });
  if (a.findingCount > a.findings.length)
    lines.push({ text: `The ${a.findings.length} worth the most are listed.`, color: 'Default' });
  return lines;
}

export function attributionCardModel(head: SnapshotHead): AttributionCardModel {
  const a = head.attribution;
  const base = {
    title: 'What are we not getting credit for?',
    subtitle: `${head.partnerName} · ${dataLine(head)} · points counted again with each fix, ${TRACK_LABEL[head.headline]} path first`,
    actions: [executeAction('Back to the score', 'score', {}), executeAction('Plan to qualify', 'plan', {})],
  };
  if (!a)
    return {
      ...base,
      summary: [
        {
          text: 'This data version was imported before the attribution finder existed: import the data again to see what is not getting credit.',
          color: 'Warning',
        },
      ],
      findings: [],
      note: '',
    };
  const other = OTHER_TRACK[a.headline];
  return {
    ...base,
    summary: summaryOf(a, head),
    findings: a.findings.map((f) => ({
      heading: `${f.name} — ${KIND[f.kind]} (${details(f)})`,
      gain: `${TRACK_LABEL[a.headline]} ${signed(f.gain[a.headline])} · ${TRACK_LABEL[other]} ${signed(f.gain[other])}`,
      gainColor: f.gain[a.headline] > 0 || f.gain[other] > 0 ? 'Good' : 'Default',
      why: `Not counted: ${attributionWhy(f)}.`,
      fix: `Fix: ${attributionFix(f, head.partnerId)}`,
    })),
    note: 'The associations come from the Partner Center downloads (PartnerAttributionType of the Azure, Office and EMS usage reports; the training report for certifications). Points appear in Partner Center after the fix is processed (a Learn association within about ten days).',
  };
}

export function attributionCard(head: SnapshotHead): AdaptiveCard {
  return render(template, attributionCardModel(head));
}

/** The score card's line when fixing attribution is worth points on a path (none otherwise). */
export function attributionLine(head: SnapshotHead): { text: string; color: CardColor } | undefined {
  const a = head.attribution;
  if (!a) return undefined;
  const worth = (['enterprise', 'smb'] as const).filter((t) => a.allFixed.gain[t] > 0);
  if (worth.length === 0) return undefined;
  const gains = worth.map((t) => `${TRACK_LABEL[t]} ${signed(a.allFixed.gain[t])}`).join(', ');
  return {
    text: `💡 Not getting credit: fixing ${plural(a.withPoints, 'association')} (PAL, CPOR, Learn profiles) would add ${gains} points.`,
    color: 'Accent',
  };
}
