import type { AdaptiveCard } from '../../cards/render';
import { everyCard } from './everyCard';

/**
 * What users see on every card type: no button label cut on a 480 px card, and no sentence in a
 * colour that reads badly.
 *
 * Buttons: Teams shows a card's buttons in one row of equal widths and cuts longer labels. Measured
 * in Chromium at 480 px (448 px inside the card's padding) with the Agents Playground's button style
 * (14 px semibold, 12 px padding, 8 px apart): 3 buttons fit labels of 14 characters, 2 of 24, 1 of 48.
 * More buttons go to the overflow menu ("mode": "secondary").
 *
 * Colours: Teams' Good, Warning and Attention text on its light theme is under 4.5:1 contrast
 * (WCAG AA), so only a short status (at most 4 words, or an icon) may be coloured.
 */

const MAX_PRIMARY = 3;
const MAX_TITLE: Record<number, number> = { 1: 48, 2: 24, 3: 14 };
const MAX_COLOURED_WORDS = 4;
const LOW_CONTRAST = new Set(['good', 'warning', 'attention']);

type Node = Record<string, unknown>;

function walk(node: unknown, visit: (o: Node) => void): void {
  if (Array.isArray(node)) node.forEach((n) => walk(n, visit));
  else if (node && typeof node === 'object') {
    visit(node as Node);
    Object.values(node).forEach((n) => walk(n, visit));
  }
}

/** Every row of buttons that would be cut: "N buttons: titles". */
function cutButtonRows(card: AdaptiveCard): string[] {
  const problems: string[] = [];
  walk(card, (o) => {
    if (!Array.isArray(o.actions)) return;
    const primary = (o.actions as Node[]).filter((a) => a.mode !== 'secondary');
    const limit = MAX_TITLE[primary.length];
    const tooLong = primary.filter((a) => [...String(a.title ?? '')].length > (limit ?? 0));
    if (primary.length > MAX_PRIMARY || tooLong.length > 0)
      problems.push(`${primary.length} buttons: ${primary.map((a) => a.title).join(' | ')}`);
  });
  return problems;
}

/** Words of a text: tokens with a letter or a digit (not arrows, dots or icons). */
const words = (text: string): number => text.split(/\s+/).filter((t) => /[\p{L}\p{N}]/u.test(t)).length;

/** Every coloured text (TextBlock, TextRun) longer than a short status. */
function colouredSentences(card: AdaptiveCard): string[] {
  const problems: string[] = [];
  walk(card, (o) => {
    if (typeof o.color !== 'string' || !LOW_CONTRAST.has(o.color.toLowerCase())) return;
    if (typeof o.text === 'string' && words(o.text) > MAX_COLOURED_WORDS)
      problems.push(`${o.color}: ${o.text}`);
  });
  return problems;
}

let cards: [string, AdaptiveCard][] = [];
beforeAll(async () => {
  cards = await everyCard();
});

describe('every card at 480 px', () => {
  test('the list covers the card types', () => {
    expect(cards.length).toBeGreaterThan(40);
  });

  test('at most 3 buttons in a row, each label short enough for its row; the rest in the overflow menu', () => {
    const problems = cards.flatMap(([name, card]) => cutButtonRows(card).map((p) => `${name}: ${p}`));
    expect(problems).toEqual([]);
  });

  test('only short statuses (at most 4 words or an icon) in Good, Warning or Attention colours', () => {
    const problems = cards.flatMap(([name, card]) => colouredSentences(card).map((p) => `${name}: ${p}`));
    expect(problems).toEqual([]);
  });
});

describe('the checks themselves', () => {
  const card = (body: unknown[], actions: unknown[] = []): AdaptiveCard =>
    ({ type: 'AdaptiveCard', version: '1.5', body, actions }) as AdaptiveCard;

  test('4 buttons, or 3 with a 15-character label, are a cut row; secondary ones do not count', () => {
    const button = (title: string, mode?: string): Node => ({
      type: 'Action.Execute',
      title,
      ...(mode ? { mode } : {}),
    });
    expect(
      cutButtonRows(
        card(
          [],
          ['a', 'b', 'c', 'd'].map((t) => button(t)),
        ),
      ),
    ).toHaveLength(1);
    expect(cutButtonRows(card([], [button('Plan to qualify'), button('b'), button('c')]))).toHaveLength(1);
    expect(
      cutButtonRows(card([], [button('Plan to qualify'), button('b'), button('c', 'secondary')])),
    ).toEqual([]);
  });

  test('a coloured sentence is reported, a coloured status word or icon is not', () => {
    expect(
      colouredSentences(
        card([
          { type: 'TextBlock', text: '⚠ At risk: 1 certification stops counting', color: 'Warning' },
          { type: 'TextBlock', text: '82 / 100 · qualified', color: 'Good' },
          { type: 'TextBlock', text: '⚠', color: 'Attention' },
        ]),
      ),
    ).toEqual(['Warning: ⚠ At risk: 1 certification stops counting']);
  });
});
