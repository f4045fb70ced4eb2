import * as AC from 'adaptivecards';
import type { AdaptiveCard } from '../../cards/render';

/** Elements Teams knows that the reference renderer does not: accepted only with a fallback. */
const TEAMS_ONLY = /^Unknown element type "Chart\.\w+"\. Fallback will be used if present\.$/;

/** Problems the Adaptive Cards parser reports for a card (empty when the card is valid 1.5). */
export function cardProblems(card: AdaptiveCard): string[] {
  const problems: string[] = [];
  if (card.version !== '1.5') problems.push(`version ${card.version}, want 1.5`);
  const text = JSON.stringify(card);
  if (/\$\{/.test(text)) problems.push('leftover ${…}');
  const size = Buffer.byteLength(text, 'utf8');
  if (size > 28 * 1024) problems.push(`${size} bytes, over 28 KB`);
  const context = new AC.SerializationContext();
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, context);
  for (let i = 0; i < context.eventCount; i++) {
    const message = context.getEventAt(i).message;
    if (!TEAMS_ONLY.test(message)) problems.push(`parse: ${message}`);
  }
  for (const event of parsed.validateProperties().validationEvents)
    problems.push(`validate: ${event.message}`);
  return problems;
}

/** Every Action.Execute verb anywhere in a card (actions, action sets, fallbacks). */
export function verbsIn(card: unknown): string[] {
  const verbs: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'Action.Execute' && typeof o.verb === 'string') verbs.push(o.verb);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return verbs;
}

/** Every Chart element has a fallback for clients that do not know it. */
export function chartsWithoutFallback(card: unknown): number {
  let missing = 0;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (typeof o.type === 'string' && o.type.startsWith('Chart.') && !o.fallback) missing += 1;
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return missing;
}
