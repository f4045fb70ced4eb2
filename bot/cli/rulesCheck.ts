import { readFile } from 'node:fs/promises';
import { ruleSetFor } from '../../scoring/rules';
import { driftFound, rulesDrift, type Difference, type RulesDrift } from '../../scoring/rules/drift';
import { command, parseArgs } from './common';

/**
 * `npm run rules:check -- [--as-of DATE] [--specialization NAME] FILE`: compares a saved copy of
 * Microsoft's page (saved as text or HTML) with the rule set in force today (or on --as-of) and lists
 * what differs: exam codes, service names, thresholds. Exit code 0 when nothing differs, 1 when
 * something does, 2 for unreadable input or a usage error.
 */

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  rsquo: '’',
  lsquo: '‘',
  rdquo: '”',
  ldquo: '“',
  hellip: '…',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/**
 * The text of a saved HTML page: scripts, styles, comments and templates dropped; block elements end
 * a line (so list items stay items); every other tag becomes a space; entities decoded once, last.
 */
export function htmlToText(html: string): string {
  return decodeEntities(
    html
      .replace(/<!--[\s\S]*?-->/g, ' ')
      .replace(/<(script|style|template|noscript|svg)\b[\s\S]*?<\/\1\s*>/gi, ' ')
      .replace(
        /<\/?(?:p|div|li|ul|ol|tr|td|th|h[1-6]|br|section|article|header|footer|table|dt|dd)\b[^>]*>/gi,
        '\n',
      )
      .replace(/<[^>]*>/g, ' '),
  )
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

const looksLikeHtml = (file: string, text: string): boolean =>
  /\.html?$/i.test(file) || /^\s*(?:<!doctype html|<html\b)/i.test(text);

function section(title: string, d: Difference): string[] {
  if (d.pageOnly.length === 0 && d.rulesOnly.length === 0) return [`${title}: same`];
  return [
    `${title}:`,
    ...(d.pageOnly.length > 0 ? [`  on the page, not in the rules: ${d.pageOnly.join(', ')}`] : []),
    ...(d.rulesOnly.length > 0 ? [`  in the rules, not on the page: ${d.rulesOnly.join(', ')}`] : []),
  ];
}

export function formatDrift(file: string, asOf: string, drift: RulesDrift): string {
  return [
    `${file} against rule set ${drift.version} (in force on ${asOf}), ${drift.scope === 'designation' ? "the designation's page" : `the ${drift.scope} specialization's page`}`,
    ...section('Exams', drift.exams),
    ...(drift.scope === 'designation' ? section('Services', drift.services) : []),
    ...section('Thresholds', drift.thresholds),
    driftFound(drift)
      ? 'The page differs from the rules: check the change and update scoring/rules/ (a new dated rule set).'
      : 'No difference found.',
  ].join('\n');
}

export async function main(
  argv: readonly string[],
  today = new Date().toISOString().slice(0, 10),
): Promise<number> {
  const program = command(
    'rules:check',
    "Compare a saved copy of Microsoft's page (text or HTML) with the rule set in force.",
  )
    .option('--as-of <date>', 'the rule set in force on this day (YYYY-MM-DD); default today')
    .option('--specialization <name>', "the page is this specialization's (default: the designation's page)")
    .option('--json', 'print the differences as JSON')
    .argument('<file>', 'the saved page (.txt or .html)');
  const stopped = await parseArgs(program, argv);
  if (stopped !== undefined) return stopped;
  const options = program.opts<{ asOf?: string; specialization?: string; json?: boolean }>();
  const file = program.args[0]!;
  const asOf = options.asOf ?? today;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
    process.stderr.write(`--as-of ${asOf}: not a date written YYYY-MM-DD\n`);
    return 2;
  }
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch (error) {
    process.stderr.write(`${file}: cannot be read: ${(error as Error).message}\n`);
    return 2;
  }
  if (raw.includes('\u0000')) {
    process.stderr.write(`${file}: not a text or HTML file (binary content)\n`);
    return 2;
  }
  const text = looksLikeHtml(file, raw) ? htmlToText(raw) : raw;
  if (text.trim().length === 0) {
    process.stderr.write(`${file}: no text in it\n`);
    return 2;
  }
  let drift: RulesDrift;
  try {
    drift = rulesDrift(text, ruleSetFor(asOf), asOf, {
      ...(options.specialization ? { specialization: options.specialization } : {}),
      listItems: text.split('\n'),
    });
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
  process.stdout.write(`${options.json ? JSON.stringify(drift) : formatDrift(file, asOf, drift)}\n`);
  return driftFound(drift) ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`rules:check failed: ${(error as Error).stack ?? String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
