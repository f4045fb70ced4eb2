import { REPORT_TITLE, type FileReadSummary } from '../bot/import/partnerCenter';
import type { HeadlineFigure, ImportSummary } from '../bot/import/importDataset';
import { dayText, plural, pts, TRACK_LABEL, usdCents, type CardColor } from './format';
import { executeAction, render, type AdaptiveCard } from './render';
import template from './templates/importSummary.json';

/**
 * The answer to files dropped into the chat once they are imported: what was read from each file,
 * what the score did not count and why, names the rules do not know, and the score change.
 */

export interface ImportSummaryInput {
  readonly summary: ImportSummary;
  /** The readers' per-file summary. */
  readonly files: readonly FileReadSummary[];
  /** Training titles no exam alias matches: listed, never guessed. */
  readonly unknownTitles: readonly { readonly title: string; readonly rows: number }[];
  readonly notes: readonly string[];
}

interface Line {
  readonly text: string;
  readonly color: CardColor;
}

export interface ImportSummaryModel {
  readonly title: string;
  readonly subtitle: string;
  readonly score: readonly Line[];
  readonly files: readonly { text: string }[];
  readonly sections: readonly { heading: string; lines: readonly Line[] }[];
  readonly actions: readonly Record<string, unknown>[];
}

/** Lines per list: a card stays well under Teams' 28 KB whatever the files hold. */
export const LIST_LIMIT = 12;

const line = (text: string, color: CardColor = 'Default'): Line => ({ text, color });
const clip = (text: string, max = 200): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function limited<T>(items: readonly T[], show: (item: T) => Line): Line[] {
  const lines = items.slice(0, LIST_LIMIT).map(show);
  if (items.length > LIST_LIMIT) lines.push(line(`… and ${items.length - LIST_LIMIT} more`));
  return lines;
}

function figureText(figure: HeadlineFigure): string {
  return `${TRACK_LABEL[figure.path]} path ${pts(figure.total)} / 100 · ${figure.qualified ? 'qualified' : 'not qualified'}`;
}

function scoreLines(summary: ImportSummary): Line[] {
  const { headline, previous } = summary;
  const color: CardColor = headline.qualified ? 'Good' : 'Attention';
  if (summary.unchanged) return [line(`Unchanged: ${figureText(headline)}`, color)];
  if (!previous) return [line(`First data: ${figureText(headline)}`, color)];
  const lines = [line(`Before: ${figureText(previous)} (data of ${previous.asOf})`)];
  const change = Math.round((headline.total - previous.total) * 100) / 100;
  const arrow = change > 0 ? `▲ ${pts(change)}` : change < 0 ? `▼ ${pts(-change)}` : 'no change';
  const samePath = headline.path === previous.path;
  lines.push(line(`Now: ${figureText(headline)}${samePath ? ` (${arrow})` : ''}`, color));
  if (!summary.current)
    lines.push(
      line(
        'This data is older than the current data, which stays current: the score card still shows that.',
        'Warning',
      ),
    );
  return lines;
}

function fileLine(file: FileReadSummary): { text: string } {
  const skipped = file.rowsSkipped.map((s) => `${plural(s.rows, 'row')} ${s.reason}`).join('; ');
  return {
    text: clip(
      `${file.file} (${REPORT_TITLE[file.report]}): ${plural(file.rowsRead, 'row')} read, ${file.rowsUsed.toLocaleString('en-US')} used${skipped ? ` — skipped: ${skipped}` : ''}`,
      400,
    ),
  };
}

function notCounted(summary: ImportSummary): Line[] {
  const azure = Object.values(summary.excludedRows.azure).map((e) =>
    line(`${plural(e.rows, 'Azure row')} (${usdCents(e.usd)}): ${e.text}`),
  );
  const m365 = Object.values(summary.excludedRows.m365).map((e) =>
    line(`${plural(e.rows, 'Microsoft 365 row')}: ${e.text}`),
  );
  return limited([...azure, ...m365], (l) => l);
}

/** I-8: "Network Watcher: 12 Azure rows ($3,400.00) stopped counting — left Microsoft's list on 2026-05-01". */
export function serviceLeftText(left: ImportSummary['servicesLeftList'][number]): string {
  return `${left.service}: ${plural(left.rows, 'Azure row')} (${usdCents(left.usd)}) stopped counting — no longer on Microsoft's list of eligible services since ${left.endsOn}`;
}

function unknownNames(input: ImportSummaryInput): Line[] {
  const names = input.summary.unknownNames;
  const entries = [
    ...Object.entries(names.services).map(
      ([name, rows]) => `Azure service "${name}" (${plural(rows, 'row')})`,
    ),
    ...Object.entries(names.workloads).map(([name, rows]) => `Workload "${name}" (${plural(rows, 'row')})`),
    ...Object.entries(names.associations).map(
      ([name, rows]) => `Association "${name}" (${plural(rows, 'row')})`,
    ),
    ...input.unknownTitles.map((t) => `Training title "${t.title}" (${plural(t.rows, 'row')})`),
  ];
  return limited(entries, (text) => line(clip(text), 'Warning'));
}

export function importSummaryModel(input: ImportSummaryInput): ImportSummaryModel {
  const { summary } = input;
  const sections: { heading: string; lines: Line[] }[] = [];
  const excluded = notCounted(summary);
  if (excluded.length > 0) sections.push({ heading: 'Rows the score does not count', lines: excluded });
  if (summary.servicesLeftList.length > 0)
    sections.push({
      heading: 'Services that left the list',
      lines: limited(summary.servicesLeftList, (left) => line(clip(serviceLeftText(left), 400))),
    });
  const unknown = unknownNames(input);
  if (unknown.length > 0)
    sections.push({ heading: 'Names the rules do not know (not counted, not guessed)', lines: unknown });
  // The offer filter (rules §7) is said once, from the score's count: the readers leave it to it.
  const notes = [
    ...input.notes,
    ...(summary.rowsWithoutOffer > 0
      ? [
          `${plural(summary.rowsWithoutOffer, 'Azure row')} without an offer: the offer filter (Support, Internal, Benefit Program, Trial) could not be applied to them.`,
        ]
      : []),
  ];
  if (notes.length > 0) sections.push({ heading: 'Notes', lines: limited(notes, (n) => line(clip(n, 400))) });
  const fileCount = input.files.length;
  return {
    title: summary.unchanged
      ? `No change for ${summary.partnerName}: the data is the same as the current data`
      : `Imported ${plural(fileCount, 'file')} for ${summary.partnerName}`,
    subtitle: `Partner Center data of ${dayText(summary.headline.asOf)} · import ${summary.versionId}`,
    score: scoreLines(summary),
    files: input.files
      .slice(0, LIST_LIMIT)
      .map(fileLine)
      .concat(fileCount > LIST_LIMIT ? [{ text: `… and ${fileCount - LIST_LIMIT} more files` }] : []),
    sections,
    actions: [executeAction('Show the score', 'score', {})],
  };
}

export function importSummaryCard(input: ImportSummaryInput): AdaptiveCard {
  return render(template, importSummaryModel(input));
}
