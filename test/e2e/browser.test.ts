import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { DESIGNATION_SUBJECT, remindersDue } from '../../scoring/reminders';
import { demoSnapshot } from '../cards/fixtures';
import { root, SCORE_TITLE, startBot, startPlayground, stopTree, type Bot, type Playground } from './harness';

/**
 * The same flow as a user in the Agents Playground's web UI, in headless Debian Chromium: ask for the
 * score, see the score card, click through to the gaps; then a reminder run brings Contoso's due
 * renewal reminders into the chat. Saves screenshots of the score and a reminder card (SCREENSHOT_DIR).
 */

const CHROMIUM = '/usr/bin/chromium';
/**
 * Where the screenshots go: `npm test` writes them to the git-ignored test-output/screenshots, so a
 * test run leaves the tree clean; `npm run screenshots` points SCREENSHOT_DIR at
 * deployment/screenshots to refresh the committed ones the README shows.
 */
const GENERATED_SCREENSHOTS = 'test-output/screenshots';
const SCREENSHOT_DIR = path.resolve(root, process.env.SCREENSHOT_DIR ?? GENERATED_SCREENSHOTS);
const SCREENSHOT = path.join(SCREENSHOT_DIR, 'score-card.png');
const REMINDER_SCREENSHOT = path.join(SCREENSHOT_DIR, 'reminder-card.png');
const REMINDER_SECRET = randomBytes(24).toString('hex');
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

let bot: Bot | undefined;
let playground: Playground | undefined;
let context: BrowserContext | undefined;
let profile: string | undefined;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: install Debian's Chromium with \`apt-get update && apt-get install -y chromium\` (as root; .ci/run does it)`,
    );
  }
  // Reminder runs only on the trigger, so that the test decides when the cards come.
  bot = await startBot({
    env: { REMINDER_TRIGGER_SECRET: REMINDER_SECRET, REMINDER_RUN_INTERVAL_MINUTES: '0' },
  });
  playground = await startPlayground(bot.endpoint);
  profile = mkdtempSync(path.join(tmpdir(), 'playground-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 1000 },
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
  await stopTree(playground?.child);
  playground?.cleanUp();
  await stopTree(bot?.child);
}, 30_000);

describe('the bot in the Agents Playground web UI (headless Chromium)', () => {
  test('ask for the score, see the score card, click through to the gaps; a reminder run brings a reminder card; screenshots of both', async () => {
    const page = context!.pages()[0] ?? (await context!.newPage());
    await page.goto(playground!.url);
    // Opening the UI installs the app: wait until the bot has taken the install events.
    await page.getByText('conversationUpdate 200').first().waitFor({ timeout: 30_000 });

    await page.getByRole('textbox').fill("what's our Security score?");
    await page.getByRole('button', { name: 'Send Message' }).click();

    const cards = page.locator('.fai-OutputCard .ac-adaptiveCard');
    const score = cards.filter({ hasText: SCORE_TITLE }).filter({ hasText: '82 / 100 · qualified' });
    await score.waitFor({ timeout: 30_000 });
    await score.scrollIntoViewIfNeeded();
    const text = await score.innerText();
    expect(text).toContain('82');
    expect(text).toContain('23.33 / 100 · not qualified');
    // Let the gauge finish drawing before the picture.
    await page.evaluate('document.fonts.ready');
    await page.waitForTimeout(1_000);
    // The card element only: the same picture on every run (the page around it shows clock times).
    const picture = await score.screenshot({ type: 'png' });

    // Contoso qualifies on SMB, so the gaps button reads "How to improve" ("What's missing" when not qualified).
    await score.getByRole('button', { name: 'How to improve' }).click();
    const gaps = cards.filter({ hasText: 'How to improve — SMB path (82 / 100)' });
    await gaps.waitFor({ timeout: 30_000 });
    // Action.Execute updates the card in place: the score card is replaced by the gaps card.
    await expect(cards.filter({ hasText: SCORE_TITLE }).count()).resolves.toBe(0);

    mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    writeFileSync(SCREENSHOT, picture);
    expect(statSync(SCREENSHOT).size).toBeGreaterThan(10 * 1024);

    // The playground user administers Contoso: a reminder run sends the due reminders into this
    // chat (saved when the app was installed), and the page shows them as they come.
    const run = await fetch(`http://127.0.0.1:${bot!.port}/api/reminders/run`, {
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
    const reminder = cards.filter({ hasText: title });
    await reminder.waitFor({ timeout: 30_000 });
    await reminder.getByRole('button', { name: 'Got it' }).waitFor({ timeout: 10_000 });
    await reminder.scrollIntoViewIfNeeded();
    mkdirSync(path.dirname(REMINDER_SCREENSHOT), { recursive: true });
    writeFileSync(REMINDER_SCREENSHOT, await reminder.screenshot({ type: 'png' }));
    expect(statSync(REMINDER_SCREENSHOT).size).toBeGreaterThan(10 * 1024);
  }, 120_000);
});

test('npm test leaves the tree clean: the screenshots it writes by default are ignored by git', () => {
  const ignored = spawnSync(
    'git',
    ['check-ignore', '-q', path.join(GENERATED_SCREENSHOTS, 'score-card.png')],
    {
      cwd: root,
    },
  );
  expect(ignored.status).toBe(0);
});
