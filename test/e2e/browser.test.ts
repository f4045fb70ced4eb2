import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { DESIGNATION_SUBJECT, remindersDue } from '../../scoring/reminders';
import { demoSnapshot } from '../cards/fixtures';
import {
  cardOf,
  firstText,
  root,
  SCORE_TITLE,
  startSession,
  stopSession,
  WELCOME_TITLE,
  type Card,
  type PlaygroundSession,
} from './harness';

/**
 * Every card type as a user meets it in the Agents Playground's web UI, in headless Debian Chromium:
 * each question of CARD_TYPES is typed in the compose box, the card that answers is photographed in
 * the light and the dark theme, and every one of its buttons is clicked (Action.Execute: the answer
 * must be a card, never an error; Action.ShowCard: its card opens; Action.OpenUrl: only its URL is
 * checked). A reminder run brings the reminder card. The buttons clicked are printed at the end.
 */

/** One card type: what the user types (the welcome card comes when the UI opens) and its title's start. */
interface CardType {
  readonly name: string;
  readonly ask?: string;
  readonly title: string;
}

/** Every card type a question brings. A new card type is one line here. */
const CARD_TYPES: readonly CardType[] = [
  { name: 'welcome', title: WELCOME_TITLE },
  { name: 'help', ask: 'help', title: 'What I can answer' },
  { name: 'score', ask: "what's our Security score?", title: SCORE_TITLE },
  { name: 'gaps', ask: 'what are we missing?', title: 'How to improve — SMB path' },
  {
    name: 'plan',
    ask: 'how do we get to 70 on the enterprise path?',
    title: 'Plan to qualify — Enterprise path',
  },
  { name: 'metric', ask: 'why is usage growth low on enterprise', title: 'Usage growth — Enterprise path' },
  { name: 'customer', ask: "why doesn't Fabrikam count?", title: 'Fabrikam (c-01)' },
  { name: 'at-risk', ask: "what's at risk?", title: 'At risk' },
  {
    name: 'specializations',
    ask: 'which specializations could we go for?',
    title: 'Security specializations',
  },
  { name: 'renewals', ask: 'when do we renew?', title: 'Renewals — nearest first' },
  { name: 'cert-plan', ask: 'who should take which exam?', title: 'Who should take which exam' },
  { name: 'trend', ask: 'show our trend', title: 'Security score trend' },
  { name: 'forecast', ask: "what's our forecast?", title: 'Forecast if nothing new happens' },
  { name: 'what-if', ask: 'what if we add 2 customers?', title: 'What if… — Contoso Security Ltd' },
  {
    name: 'attribution',
    ask: 'what are we not getting credit for?',
    title: 'What are we not getting credit for?',
  },
  { name: 'people', ask: 'who on the team is certified?', title: 'Who is certified' },
  { name: 'people-exam', ask: 'how many SC-200 do we have', title: 'SC-200: ' },
  { name: 'customers', ask: 'which customers count?', title: 'Customers — SMB path' },
  { name: 'not-understood', ask: 'what is the weather', title: "Sorry, I didn't get that." },
];

/** Cards whose question buttons leave them in place: the answer is a new message (bot/teamsBot.ts). */
const KEPT = new Set(['welcome', 'help']);

const CHROMIUM = '/usr/bin/chromium';
/**
 * Where the screenshots go: `npm test` writes them to the git-ignored test-output/screenshots, so a
 * test run leaves the tree clean; `npm run screenshots` points SCREENSHOT_DIR at
 * deployment/screenshots to refresh the committed ones the README shows.
 */
const GENERATED_SCREENSHOTS = 'test-output/screenshots';
const SCREENSHOT_DIR = path.resolve(root, process.env.SCREENSHOT_DIR ?? GENERATED_SCREENSHOTS);
const REMINDER_SECRET = randomBytes(24).toString('hex');
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const THEMES = ['light', 'dark'] as const;
type Theme = (typeof THEMES)[number];

/**
 * The Agents Playground has one theme (light: its settings offer none, its card host config is
 * Teams' light one, and it ignores prefers-color-scheme). The dark pictures recolour the rendered
 * card with Teams' dark palette: dark text turns white, light backgrounds dark, borders grey; the
 * status colours stay as they are (they are the same in Teams' dark host config but Attention).
 */
const TEAMS_DARK = {
  background: 'rgb(41, 41, 41)',
  text: '255, 255, 255',
  border: 'rgb(92, 92, 92)',
  attention: 'rgb(249, 82, 107)',
};

let session: PlaygroundSession | undefined;
let context: BrowserContext | undefined;
let profile: string | undefined;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: install Debian's Chromium with \`apt-get update && apt-get install -y chromium\` (as root; .ci/run does it)`,
    );
  }
  // Reminder runs only on the trigger, so that the test decides when the cards come.
  session = await startSession({
    env: { REMINDER_TRIGGER_SECRET: REMINDER_SECRET, REMINDER_RUN_INTERVAL_MINUTES: '0' },
  });
  profile = mkdtempSync(path.join(tmpdir(), 'playground-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 2400 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  // Offline by construction: the playground's UI asks for fonts and animations on a CDN.
  await context.route('**/*', (route) =>
    LOCAL_HOSTS.has(new URL(route.request().url()).hostname) ? route.continue() : route.abort(),
  );
}, 120_000);

afterAll(async () => {
  await context?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
  await stopSession(session);
}, 30_000);

/** A button of a card's JSON, with where the page shows it. */
interface Button {
  readonly action: Record<string, unknown> & { type: string; title: string };
  /** In the overflow menu ("More options") of this card's n-th action row that has one. */
  readonly overflow?: number;
  /** Among the card's buttons of the same title (e.g. each metric's "Details"), the n-th. */
  readonly sameTitle: number;
}

/** Every button of a card, in the page's order: the body's action sets, then the card's actions. */
function buttonsOf(card: Card): Button[] {
  const rows: Record<string, unknown>[][] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'ActionSet' && Array.isArray(o.actions))
        rows.push(o.actions as Record<string, unknown>[]);
      else if (!String(o.type).startsWith('Action.')) Object.values(o).forEach(walk);
    }
  };
  walk(card.body);
  if (card.actions) rows.push(card.actions as unknown as Record<string, unknown>[]);
  const buttons: Button[] = [];
  const seen = new Map<string, number>();
  let overflowRows = 0;
  for (const row of rows) {
    const hasOverflow = row.some((a) => a.mode === 'secondary');
    for (const action of row) {
      const place =
        action.mode === 'secondary' ? `${overflowRows}|${String(action.title)}` : String(action.title);
      const sameTitle = seen.get(place) ?? 0;
      seen.set(place, sameTitle + 1);
      buttons.push({
        action: action as Button['action'],
        sameTitle,
        ...(action.mode === 'secondary' ? { overflow: overflowRows } : {}),
      });
    }
    if (hasOverflow) overflowRows += 1;
  }
  // Got it ends a reminder's actions (its other buttons go): clicked last.
  return buttons.sort(
    (a, b) => Number(a.action.verb === 'reminder.ack') - Number(b.action.verb === 'reminder.ack'),
  );
}

/** Mean brightness (0–255) of a PNG: the dark picture must be darker than the light one. */
function brightness(png: Buffer): number {
  const { data } = PNG.sync.read(png);
  let sum = 0;
  for (let i = 0; i < data.length; i += 4) sum += (data[i]! + data[i + 1]! + data[i + 2]!) / 3;
  return sum / (data.length / 4);
}

/** The little of the DOM that darken() uses (this project's TypeScript has no DOM types). */
interface PageElement {
  readonly style: { setProperty(name: string, value: string, priority: string): void };
  querySelectorAll(selector: string): ArrayLike<PageElement>;
}
interface PageStyle {
  readonly color: string;
  readonly backgroundColor: string;
  readonly borderTopColor: string;
  readonly fill: string;
}

/** Recolours a rendered card with Teams' dark palette (see TEAMS_DARK); runs in the page. */
async function darken(card: Locator): Promise<void> {
  await card.evaluate((root, dark) => {
    const element = root as unknown as PageElement;
    const { getComputedStyle } = globalThis as unknown as { getComputedStyle(e: PageElement): PageStyle };
    const rgba = (value: string): number[] => (value.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r = 0, g = 0, b = 0]: number[]): number =>
      (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
    for (const node of [element, ...Array.from(element.querySelectorAll('*'))]) {
      const style = getComputedStyle(node);
      const color = rgba(style.color);
      if (luminance(color) < 0.3)
        node.style.setProperty('color', `rgba(${dark.text}, ${color[3] ?? 1})`, 'important');
      else if (style.color === 'rgb(196, 49, 75)')
        node.style.setProperty('color', dark.attention, 'important');
      const background = rgba(style.backgroundColor);
      if ((background[3] ?? 1) > 0 && luminance(background) > 0.7)
        node.style.setProperty('background-color', dark.background, 'important');
      // The charts' SVG text (the gauge's value and scale).
      if (style.fill.startsWith('rgb') && luminance(rgba(style.fill)) < 0.3)
        node.style.setProperty('fill', `rgb(${dark.text})`, 'important');
      if (luminance(rgba(style.borderTopColor)) > 0.6)
        node.style.setProperty('border-color', dark.border, 'important');
    }
    element.style.setProperty('background-color', dark.background, 'important');
  }, TEAMS_DARK);
}

describe('every card type in the Agents Playground web UI (headless Chromium)', () => {
  test('each card photographed in the light and dark theme; every button clicked answers with a card', async () => {
    const started = Date.now();
    const { ids, stream, bot } = session!;
    const page: Page = context!.pages()[0] ?? (await context!.newPage());
    await page.goto(session!.playground.url);
    // Opening the UI installs the app: wait until the bot has taken the install events.
    await page.getByText('conversationUpdate 200').first().waitFor({ timeout: 30_000 });
    await page.evaluate('document.fonts.ready');
    const cards = page.locator('.fai-OutputCard .ac-adaptiveCard');
    const shots: Record<Theme, string[]> = { light: [], dark: [] };
    const clicked: string[] = [];
    mkdirSync(SCREENSHOT_DIR, { recursive: true });

    /** The card of the next bot message whose title starts with `title` (from stream index `from`). */
    const nextCard = async (title: string, from: number): Promise<Card> =>
      cardOf(
        await stream.next(
          (m) => firstText(cardOf(m, ids.conversationId))?.startsWith(title) ?? false,
          title,
          20_000,
          from,
        ),
        ids.conversationId,
      )!;
    /** Types the question; resolves with the card's JSON and its place in the page. */
    const ask = async (type: CardType): Promise<{ json: Card; element: Locator }> => {
      const from = stream.length;
      const before = await cards.count();
      await page.getByRole('textbox').fill(type.ask!);
      await page.getByRole('button', { name: 'Send Message' }).click();
      const json = await nextCard(type.title, from);
      const element = cards.nth(before);
      await element.filter({ hasText: type.title }).waitFor({ timeout: 20_000 });
      return { json, element };
    };

    const photograph = async (name: string, element: Locator): Promise<void> => {
      await element.scrollIntoViewIfNeeded();
      // Let charts finish drawing before the picture.
      await page.waitForTimeout(600);
      const light = await element.screenshot({ type: 'png' });
      await darken(element);
      const dark = await element.screenshot({ type: 'png' });
      expect(brightness(dark)).toBeLessThan(brightness(light) - 50);
      for (const [theme, png] of [
        ['light', light],
        ['dark', dark],
      ] as const) {
        writeFileSync(path.join(SCREENSHOT_DIR, `${name}-${theme}.png`), png);
        shots[theme].push(name);
      }
    };

    /**
     * Clicks one button of `element` and checks what comes back: what happened, and the card now
     * in that place when the click replaced it.
     */
    const click = async (
      type: CardType,
      element: Locator,
      button: Button,
    ): Promise<{ outcome: string; replacedBy?: Card }> => {
      const { action } = button;
      if (action.type === 'Action.OpenUrl') {
        expect(String(action.url)).toMatch(/^https:\/\/[\w.-]+\.(microsoft|office)\.com\//);
        return { outcome: `opens ${String(action.url)}` };
      }
      const press = async (): Promise<void> => {
        if (button.overflow === undefined) {
          await element
            .getByRole('button', { name: action.title, exact: true })
            .nth(button.sameTitle)
            .click();
        } else {
          await element.getByRole('button', { name: 'More options' }).nth(button.overflow).click();
          await page.getByRole('menuitem', { name: action.title, exact: true }).nth(button.sameTitle).click();
        }
      };
      if (action.type === 'Action.ShowCard') {
        await press();
        const shown = firstText(action.card as Card) ?? '';
        await element.filter({ hasText: shown }).waitFor({ timeout: 10_000 });
        return { outcome: `shows "${shown}"` };
      }
      expect(action.type).toBe('Action.Execute');
      const from = stream.length;
      const invoked = page.waitForResponse((r) => r.url().endsWith('/_conversation/v1/invoke'), {
        timeout: 20_000,
      });
      await press();
      const response = await invoked;
      expect(response.status()).toBe(200);
      const body = (await response.json()) as { type: string; value: Card };
      expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
      const replaced = firstText(body.value) ?? '';
      expect(replaced).not.toBe('Something went wrong');
      if (KEPT.has(type.name)) {
        // The card stays as it was; the answer comes as a new message below it.
        expect(replaced).toBe(type.title);
        const answer = firstText(
          cardOf(
            await stream.next((m) => cardOf(m, ids.conversationId) !== undefined, 'the answer', 20_000, from),
            ids.conversationId,
          ),
        )!;
        expect(answer).not.toBe('Something went wrong');
        await cards.last().filter({ hasText: answer }).waitFor({ timeout: 20_000 });
        return { outcome: `new message "${answer}"` };
      }
      await element.filter({ hasText: replaced }).waitFor({ timeout: 20_000 });
      return { outcome: `"${replaced}"`, replacedBy: body.value };
    };

    /**
     * Clicks every button of a card type, each distinct one once in the run (the same question on
     * another card is not asked again: it keeps the run short). A click that replaces the card goes
     * on from the card it brings; when that one has nothing new, `again` brings the card back.
     */
    const done = new Set<string>();
    const keyOf = ({ action }: Button): string => {
      // The welcome and help cards ask the same questions (they differ only in the card that stays).
      const data = Object.entries((action.data ?? {}) as Record<string, unknown>).filter(
        ([k]) => k !== 'keep',
      );
      return `${action.type}|${String(action.verb ?? action.title)}|${JSON.stringify(data)}|${String(action.url ?? '')}`;
    };
    const clickAll = async (
      type: CardType,
      first: { json: Card; element: Locator },
      again: () => Promise<{ json: Card; element: Locator }>,
    ): Promise<void> => {
      const own = buttonsOf(first.json);
      let shown = first;
      for (let step = 0; step < 60; step++) {
        const next = buttonsOf(shown.json).find((b) => !done.has(keyOf(b)));
        if (!next) {
          if (own.every((b) => done.has(keyOf(b)))) return;
          shown = await again();
          continue;
        }
        done.add(keyOf(next));
        const { outcome, replacedBy } = await click(type, shown.element, next);
        const title = firstText(shown.json) ?? '';
        clicked.push(
          `${type.name}: ${next.action.title}${next.overflow === undefined ? '' : ' (…)'}${title.startsWith(type.title) ? '' : ` on "${title}"`} → ${outcome}`,
        );
        if (replacedBy) shown = { json: replacedBy, element: shown.element };
      }
      throw new Error(`${type.name}: buttons still not clicked after 60 clicks`);
    };

    for (const type of CARD_TYPES) {
      let shown: { json: Card; element: Locator };
      if (type.ask) shown = await ask(type);
      else {
        const json = await nextCard(type.title, 0);
        shown = { json, element: cards.filter({ hasText: type.title }).first() };
        await shown.element.waitFor({ timeout: 20_000 });
      }
      await photograph(type.name, shown.element);
      await clickAll(type, shown, () => ask(type));
    }

    // The playground user administers Contoso: a reminder run sends the due renewal reminders into
    // this chat (saved when the app was installed).
    const from = stream.length;
    const cardsBefore = await cards.count();
    const run = await fetch(`http://127.0.0.1:${bot.port}/api/reminders/run`, {
      method: 'POST',
      headers: { authorization: `Bearer ${REMINDER_SECRET}` },
    });
    expect(run.status).toBe(200);
    const { today } = (await run.json()) as { today: string };
    const [first] = remindersDue(demoSnapshot('contoso-security').head, today);
    if (!first) throw new Error(`no Contoso renewal reminder is due on ${today}: nothing to show`);
    const title =
      first.subject === DESIGNATION_SUBJECT
        ? `Renewal reminder — ${DESIGNATION_SUBJECT} (designation)`
        : `Renewal reminder — ${first.subject} specialization`;
    const reminderJson = await nextCard(title, from);
    const reminder = cards.filter({ hasText: title }).first();
    await reminder.waitFor({ timeout: 30_000 });
    let reminderIndex = cardsBefore;
    while (!(await cards.nth(reminderIndex).innerText()).includes(title)) reminderIndex += 1;
    const reminderCard = { json: reminderJson, element: cards.nth(reminderIndex) };
    await photograph('reminder', reminderCard.element);
    // The reminder cannot be asked for again: its own "Back to the reminder" buttons lead back.
    await clickAll({ name: 'reminder', title }, reminderCard, () => {
      throw new Error('the reminder card has buttons the walk could not reach');
    });

    expect(shots.light).toEqual([...CARD_TYPES.map((t) => t.name), 'reminder']);
    expect(shots.dark).toEqual(shots.light);
    expect(bot.logs.filter((l) => (l.level as number) >= 50)).toEqual([]);
    console.log(
      `${shots.light.length} card types photographed per theme (${THEMES.join(', ')}) in ${SCREENSHOT_DIR}; ` +
        `${clicked.length} buttons clicked in ${Math.round((Date.now() - started) / 1000)} s:\n${clicked.join('\n')}`,
    );
  }, 360_000);
});

test('npm test leaves the tree clean: the screenshots it writes by default are ignored by git', () => {
  const ignored = spawnSync(
    'git',
    ['check-ignore', '-q', path.join(GENERATED_SCREENSHOTS, 'score-light.png')],
    {
      cwd: root,
    },
  );
  expect(ignored.status).toBe(0);
});
