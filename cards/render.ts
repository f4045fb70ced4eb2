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
 * Binds a card template (Adaptive Cards templating, `${…}`) to a view model. A field missing from
 * the view model would leave a literal `${…}` in the card; that is an error here, never shown.
 */
export function render(template: object, data: object): AdaptiveCard {
  const card = templateFor(template).expand({ $root: data }) as AdaptiveCard;
  const text = JSON.stringify(card);
  const leftover = /\$\{[^}]*\}/.exec(text);
  if (leftover) throw new CardError(`template field ${leftover[0]} has no value in the view model`);
  return card;
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
