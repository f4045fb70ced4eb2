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
  return withOverflow(mapStrings(card as Json, restoreDollars)) as AdaptiveCard;
}

/**
 * What fits in one row of buttons on a 480 px wide card (Teams on a phone, a narrow chat pane):
 * measured in Chromium (test/e2e/browser.test.ts reports it). Teams shows a card's buttons in one
 * row and cuts longer labels, so the rest go to its overflow menu ("…", `"mode": "secondary"`).
 */
export const PRIMARY_ACTIONS = 3;
export const PRIMARY_TITLE_LENGTH = 20;

function fitsPrimary(action: Json): boolean {
  const title = (action as { title?: unknown } | null)?.title;
  return typeof title === 'string' && [...title].length <= PRIMARY_TITLE_LENGTH;
}

/**
 * In every list of actions (the card's, each ActionSet's, a ShowCard's card's): the first
 * PRIMARY_ACTIONS actions whose titles fit stay buttons, the others are secondary. Done here, once,
 * so that no card can cut a label.
 */
function withOverflow(node: Json): Json {
  if (Array.isArray(node)) return node.map(withOverflow);
  if (node === null || typeof node !== 'object') return node;
  const out: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(node)) out[key] = withOverflow(value);
  const actions = out.actions;
  if (Array.isArray(actions)) {
    let primary = 0;
    out.actions = actions.map((action) => {
      if (action === null || typeof action !== 'object' || Array.isArray(action)) return action;
      if (action.mode !== 'secondary' && primary < PRIMARY_ACTIONS && fitsPrimary(action)) {
        primary += 1;
        return action;
      }
      const fallback = action.fallback;
      return {
        ...action,
        mode: 'secondary',
        ...(fallback !== null && typeof fallback === 'object' && !Array.isArray(fallback)
          ? { fallback: { ...fallback, mode: 'secondary' } }
          : {}),
      };
    });
  }
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
