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
  return mapStrings(card as Json, restoreDollars) as AdaptiveCard;
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
