import type { FileProblem } from '../bot/import/partnerCenter';
import { dayText, plural } from './format';
import { executeAction, render, type AdaptiveCard } from './render';
import template from './templates/importProblems.json';

/** The answer to dropped files that cannot be imported: each problem with its file, row and column. */

export interface ImportProblemsInput {
  readonly partnerName: string;
  readonly problems: readonly FileProblem[];
  /** Problems found beyond those given (the dataset validation stops listing at a limit). */
  readonly unlisted?: number;
  /** `asOf` of the partner's current data, which stays as it is; undefined when there is none. */
  readonly currentAsOf: string | undefined;
}

export interface ImportProblemsModel {
  readonly title: string;
  readonly subtitle: string;
  readonly problems: readonly { text: string }[];
  readonly advice: string;
  readonly actions: readonly Record<string, unknown>[];
}

/** Problems listed; the rest are counted ("and N more"), so the card stays under 28 KB. */
export const PROBLEMS_SHOWN = 30;

const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** "azure.csv, row 12, column Month: not a month" — where first, then what. */
export function problemText(problem: FileProblem): string {
  const where = [
    clip(problem.file, 120),
    ...(problem.row !== undefined ? [`row ${problem.row.toLocaleString('en-US')}`] : []),
    ...(problem.column !== undefined ? [`column ${clip(problem.column, 80)}`] : []),
  ].join(', ');
  return `${where}: ${clip(problem.message, 300)}`;
}

export function importProblemsModel(input: ImportProblemsInput): ImportProblemsModel {
  const count = input.problems.length + (input.unlisted ?? 0);
  const shown = input.problems.slice(0, PROBLEMS_SHOWN).map((p) => ({ text: `• ${problemText(p)}` }));
  if (count > shown.length) shown.push({ text: `… and ${count - shown.length} more` });
  return {
    title: `Nothing imported: ${plural(count, 'problem')} in the files`,
    subtitle: `${input.partnerName} · nothing was stored`,
    problems: shown,
    advice: input.currentAsOf
      ? `Fix the files and drop them again. The current data (Partner Center data of ${dayText(input.currentAsOf)}) and its score are unchanged.`
      : 'Fix the files and drop them again.',
    actions: input.currentAsOf ? [executeAction('Show the current score', 'score', {})] : [],
  };
}

export function importProblemsCard(input: ImportProblemsInput): AdaptiveCard {
  return render(template, importProblemsModel(input));
}
