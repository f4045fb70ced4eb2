import { Template } from 'adaptivecards-templating';

/** An Adaptive Card as JSON. */
export type AdaptiveCard = Record<string, unknown> & { type: 'AdaptiveCard'; version: string };

export class CardError extends Error {
  readonly code = 'CARD_TEMPLATE_UNBOUND';
}

/**
 * Prepared templates, one per template object (the imported JSON files). `new Template()` parses
 * every `${…}` with an ANTLR grammar, which costs far more than binding the data; the library
 * documents that one instance can be expanded with different data, and `expand` is synchronous and
 * builds a new card, so sharing an instance is safe.
 */
const prepared = new WeakMap<object, Template>();

function templateFor(template: object): Template {
  let compiled = prepared.get(template);
  if (!compiled) {
    compiled = new Template(template);
    prepared.set(template, compiled);
  }
  return compiled;
}

/**
 * Data is never template. The templating engine does not evaluate the values it binds, but a name
 * from Partner Center may itself contain `${…}`, and the unbound-field check below must tell such a
 * value from a field the template left unbound. So every `$` that starts `${` in the data is bound
 * as PLAIN_DOLLAR (a private-use character, same length, so `length()` in a template is unchanged)
 * and turned back into `$` in the finished card.
 */
const PLAIN_DOLLAR = '\uE024';
const PLAIN_DOLLAR_ALL = new RegExp(PLAIN_DOLLAR, 'g');

type Json = string | number | boolean | null | undefined | Json[] | { [key: string]: Json };

function mapStrings(value: Json, map: (text: string) => string): Json {
  if (typeof value === 'string') return map(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, map));
  if (value !== null && typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const [key, item] of Object.entries(value)) out[map(key)] = mapStrings(item, map);
    return out;
  }
  return value;
}

/** `${` in data → PLAIN_DOLLAR + `{`. A PLAIN_DOLLAR already in the data is dropped: it is not text. */
const asPlainData = (text: string): string =>
  text.replace(PLAIN_DOLLAR_ALL, '').replace(/\$(?=\{)/g, PLAIN_DOLLAR);
const restoreDollars = (text: string): string => text.replace(PLAIN_DOLLAR_ALL, '$');

/**
 * Binds a card template (Adaptive Cards templating, `${…}`) to a view model. A field missing from
 * the view model would leave a literal `${…}` in the card; that is an error here, never shown. A
 * `${…}` inside the data is text, shown as written.
 */
export function render(template: object, data: object): AdaptiveCard {
  const card = templateFor(template).expand({ $root: mapStrings(data as Json, asPlainData) }) as AdaptiveCard;
  const leftover = /\$\{[^}]*\}/.exec(JSON.stringify(card));
  if (leftover) throw new CardError(`template field ${leftover[0]} has no value in the view model`);
  return withReadableColours(withOverflow(mapStrings(card as Json, restoreDollars))) as AdaptiveCard;
}

/**
 * How long a button's label may be so that it is not cut, with 1, 2 or 3 buttons in a row, on a
 * 480 px wide card (Teams on a phone, a narrow chat pane). Teams shows a card's buttons in one row
 * of equal widths and cuts longer labels. Measured in Chromium with the Agents Playground's button
 * style (14 px semibold, 12 px padding, 8 px apart, 448 px inside the card's padding) and Debian's
 * fallback font, wider than Segoe UI: 3 buttons take 14 characters each, 2 take 24, 1 takes 48.
 */
export const PRIMARY_TITLE_LENGTH: Readonly<Record<1 | 2 | 3, number>> = { 1: 48, 2: 24, 3: 14 };
export const PRIMARY_ACTIONS = 3;

const titleLength = (action: { [key: string]: Json }): number =>
  typeof action.title === 'string' ? [...action.title].length : 0;

/**
 * In every list of actions (the card's, each ActionSet's, a ShowCard's card's): the first 3 stay
 * buttons if their labels fit 3 in a row, else the first 2, else the first one; the others go to the
 * overflow menu ("…", `"mode": "secondary"`). Done here, once, so that no card cuts a label.
 */
function withOverflow(node: Json): Json {
  if (Array.isArray(node)) return node.map(withOverflow);
  if (node === null || typeof node !== 'object') return node;
  const out: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(node)) out[key] = withOverflow(value);
  const actions = out.actions;
  if (!Array.isArray(actions)) return out;
  const isAction = (a: Json): a is { [key: string]: Json } =>
    a !== null && typeof a === 'object' && !Array.isArray(a);
  const candidates = actions.filter(isAction).filter((a) => a.mode !== 'secondary');
  let shown = Math.min(PRIMARY_ACTIONS, candidates.length) as 0 | 1 | 2 | 3;
  while (
    shown > 1 &&
    candidates.slice(0, shown).some((a) => titleLength(a) > PRIMARY_TITLE_LENGTH[shown as 1 | 2 | 3])
  )
    shown -= 1;
  const primary = new Set(candidates.slice(0, shown));
  out.actions = actions.map((action) => {
    if (!isAction(action) || primary.has(action)) return action;
    const fallback = action.fallback;
    return {
      ...action,
      mode: 'secondary',
      ...(isAction(fallback) ? { fallback: { ...fallback, mode: 'secondary' } } : {}),
    };
  });
  return out;
}

/** An `Action.Execute` with an `Action.Submit` fallback for clients without Universal Actions. */
export function executeAction(
  title: string,
  verb: string,
  data: Record<string, string | number> = {},
): Record<string, unknown> {
  return {
    type: 'Action.Execute',
    title,
    verb,
    data,
    fallback: { type: 'Action.Submit', title, data: { ...data, verb } },
  };
}

/**
 * Teams' Good, Warning and Attention text colours are under 4.5:1 contrast on its light theme: a
 * whole sentence in them is hard to read. So a coloured TextBlock of more than STATUS_WORDS words
 * becomes a RichTextBlock whose leading icon (or, without one, a dot) keeps the colour and whose
 * text is in the default colour. Done here, once, for every card.
 */
const LOW_CONTRAST = new Set(['good', 'warning', 'attention']);
const STATUS_WORDS = 4;
const STATUS_ICON = /^([✓✔✗✘⚠▲▼★●])\uFE0F?\s*/u;
/** TextBlock properties that are the text's own (each run keeps them), not the block's. */
const RUN_PROPERTIES = ['size', 'weight', 'isSubtle', 'fontType', 'italic'] as const;
/** TextBlock properties a RichTextBlock does not have. */
const TEXT_ONLY = new Set(['type', 'text', 'color', 'wrap', 'maxLines', 'style', ...RUN_PROPERTIES]);

const wordCount = (text: string): number => text.split(/\s+/).filter((t) => /[\p{L}\p{N}]/u.test(t)).length;

function withReadableColours(node: Json): Json {
  if (Array.isArray(node)) return node.map(withReadableColours);
  if (node === null || typeof node !== 'object') return node;
  const out: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(node)) out[key] = withReadableColours(value);
  const { type, text, color } = out;
  if (
    type !== 'TextBlock' ||
    typeof text !== 'string' ||
    typeof color !== 'string' ||
    !LOW_CONTRAST.has(color.toLowerCase()) ||
    wordCount(text) <= STATUS_WORDS
  )
    return out;
  const icon = STATUS_ICON.exec(text);
  const run: { [key: string]: Json } = { type: 'TextRun' };
  for (const property of RUN_PROPERTIES) if (out[property] !== undefined) run[property] = out[property]!;
  const block: { [key: string]: Json } = { type: 'RichTextBlock' };
  for (const [key, value] of Object.entries(out)) if (!TEXT_ONLY.has(key)) block[key] = value;
  block.inlines = [
    { ...run, text: `${icon ? icon[1] : '●'} `, color, weight: 'Bolder' },
    { ...run, text: icon ? text.slice(icon[0].length) : text },
  ];
  return block;
}
