import { randomBytes } from 'node:crypto';
import type { RunSummary } from '../../bot/reminders/run';
import { addDays } from '../../scoring/calendar';
import { DESIGNATION_SUBJECT, remindersDue, type DueReminder } from '../../scoring/reminders';
import { demoSnapshot } from '../cards/fixtures';
import {
  cardOf,
  ConversationStream,
  firstText,
  PlaygroundLogStream,
  type Bot,
  type Card,
  type Playground,
  type PlaygroundApi,
  type PlaygroundIds,
  type StreamMessage,
  startSession,
  stopSession,
  type PlaygroundSession,
} from './harness';

/**
 * Proactive renewal reminders in the Microsoft 365 Agents Playground: the playground's user
 * administers the demo partner Contoso (bot/demo/admins.json), so once it has written in its personal
 * chat, a reminder run sends Contoso's due reminders there — once — as cards whose buttons work.
 * Runs only on the trigger (REMINDER_RUN_INTERVAL_MINUTES=0). The bot uses the real date: what is due
 * is computed here from the demo data for the date the run reports.
 */

const SECRET = randomBytes(24).toString('hex');
const HELP_TITLE = 'What I can answer';
const CARD = 'application/vnd.microsoft.card.adaptive';

interface ReminderCard extends Card {
  refresh?: { action: { type: string; verb: string; data: Record<string, unknown> }; userIds?: string[] };
}

let session: PlaygroundSession | undefined;
let bot: Bot | undefined;
let playground: Playground | undefined;
let stream: ConversationStream | undefined;
let playgroundLog: PlaygroundLogStream | undefined;
let ids: PlaygroundIds;
let api: PlaygroundApi;
/** Set by the first run: what was due on its day, and the cards that arrived (one per reminder). */
let due: DueReminder[] = [];
let received: { card: ReminderCard; messageId: string; reminder: DueReminder }[] = [];

beforeAll(async () => {
  session = await startSession({
    env: { REMINDER_TRIGGER_SECRET: SECRET, REMINDER_RUN_INTERVAL_MINUTES: '0' },
  });
  ({ bot, playground, ids, api, stream } = session);
  playgroundLog = await PlaygroundLogStream.open(playground.url);
}, 120_000);

afterAll(async () => {
  playgroundLog?.close();
  await stopSession(session);
}, 30_000);

const clockDay = (): string => new Date().toISOString().slice(0, 10);

/**
 * The bot's log lines with message `msg`, once there are `count` of them (or the timeout): the bot
 * writes its log asynchronously, so a line can reach this process after the HTTP answer.
 */
async function logLines(msg: string, count: number, timeoutMs = 5_000): Promise<Record<string, unknown>[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const lines = bot!.logs.filter((l) => l.msg === msg);
    if (lines.length >= count || Date.now() > deadline) return lines;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function runReminders(authorization?: string): Promise<Response> {
  return fetch(`http://127.0.0.1:${bot!.port}/api/reminders/run`, {
    method: 'POST',
    headers: authorization ? { authorization } : {},
  });
}

/** Clicks a button of a received reminder card (or runs its refresh); the invoke response's card. */
async function click(target: (typeof received)[number], verb: string): Promise<Card> {
  const refresh = target.card.refresh && { ...target.card.refresh.action, title: 'refresh' };
  const action = [...(target.card.actions ?? []), ...(refresh ? [refresh] : [])].find((a) => a.verb === verb);
  if (!action) throw new Error(`the ${target.reminder.subject} reminder card has no ${verb} button`);
  const response = await api.invoke(action, target.messageId);
  expect(response.status).toBe(200);
  const body = (await response.json()) as { type: string; value: Card };
  expect(body.type).toBe(CARD);
  return body.value;
}

/** The date the bot used for something done during `act`: the clock's day before or after it. */
async function daysAround<T>(act: () => Promise<T>): Promise<{ result: T; days: string[] }> {
  const before = clockDay();
  const result = await act();
  return { result, days: [...new Set([before, clockDay()])] };
}

/**
 * Everything the chat received from index `from` on, made certain: "help" is sent and its answer
 * awaited, so whatever the playground got before is in the stream (one WebSocket, in order).
 */
async function chatSince(from: number): Promise<StreamMessage[]> {
  const mark = stream!.length;
  expect((await api.say('help')).status).toBe(200);
  const answer = await stream!.next(
    (m) => firstText(cardOf(m, ids.conversationId)) === HELP_TITLE,
    'answer to "help"',
    20_000,
    mark,
  );
  return stream!.since(from).filter((m) => m !== answer);
}

function reminderTitle(subject: string): string {
  return subject === DESIGNATION_SUBJECT
    ? `Renewal reminder — ${DESIGNATION_SUBJECT} (designation)`
    : `Renewal reminder — ${subject} specialization`;
}

describe('proactive reminders in the Microsoft 365 Agents Playground', () => {
  test("the playground user's first message saves the personal chat for reminders", async () => {
    const mark = stream!.length;
    expect((await api.say('hi')).status).toBe(200);
    await stream!.next(
      (m) => firstText(cardOf(m, ids.conversationId)) === HELP_TITLE,
      'answer to "hi"',
      20_000,
      mark,
    );
    // The bot saves the conversation after answering; the playground logs the bot's HTTP 200 once the turn is over.
    await playgroundLog!.next(
      (e) =>
        e.log?.conversationId === ids.conversationId &&
        e.log.activityName === 'message' &&
        e.log.request?.body?.text === 'hi' &&
        e.log.response?.statusCode === 200,
      'the bot\'s 200 for "hi" in the playground log',
    );
  }, 30_000);

  test('the trigger refuses a missing or wrong credential with 401, and nothing is sent', async () => {
    const mark = stream!.length;
    for (const authorization of [undefined, `Bearer ${randomBytes(24).toString('hex')}`, SECRET]) {
      const response = await runReminders(authorization);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ code: 'UNAUTHORIZED' });
    }
    expect((await logLines('reminder trigger refused', 3)).map((l) => l.reason)).toEqual([
      'missing "Authorization: Bearer <secret or token>"',
      'wrong credential',
      'missing "Authorization: Bearer <secret or token>"',
    ]);
    expect(bot!.logs.filter((l) => String(l.msg).startsWith('reminder run'))).toEqual([]);
    expect(await chatSince(mark)).toEqual([]);
  }, 30_000);

  test("with the secret: a run sends Contoso's due reminders into the personal chat as cards", async () => {
    const mark = stream!.length;
    const { result: response, days } = await daysAround(() => runReminders(`Bearer ${SECRET}`));
    expect(response.status).toBe(200);
    const summary = (await response.json()) as RunSummary;
    expect(days).toContain(summary.today);

    due = remindersDue(demoSnapshot('contoso-security').head, summary.today);
    if (due.length === 0) {
      throw new Error(
        `no Contoso renewal reminder is due on ${summary.today} (the first one is 120 days before an anniversary; ` +
          'bot/demo/contoso-security.json has the designation on 2027-02-01, Threat Protection on 2027-01-20, ' +
          'Identity and Access Management on 2027-03-05): move the demo anniversaries so that this test sends something',
      );
    }
    // One recipient (the playground user's personal chat), one message per due reminder.
    expect(summary.planned).toBe(due.length);
    expect(summary.report).toMatchObject({ sent: due.length, alreadyDone: 0, failed: 0, gone: 0 });

    for (const reminder of due) {
      await stream!.next(
        (m) => firstText(cardOf(m, ids.conversationId)) === reminderTitle(reminder.subject),
        `reminder card for ${reminder.subject}`,
        20_000,
        mark,
      );
    }
    const chat = await chatSince(mark);
    // Exactly the due reminders, nothing else.
    expect(chat.map((m) => firstText(cardOf(m, ids.conversationId))).sort()).toEqual(
      due.map((r) => reminderTitle(r.subject)).sort(),
    );

    received = due.map((reminder) => {
      const message = chat.find(
        (m) => firstText(cardOf(m, ids.conversationId)) === reminderTitle(reminder.subject),
      )!;
      return {
        card: cardOf(message, ids.conversationId) as ReminderCard,
        messageId: message.message!.messageId,
        reminder,
      };
    });
    for (const { card, reminder } of received) {
      const data = {
        subject: reminder.subject,
        occasion: reminder.anniversary,
        offsetDays: reminder.offsetDays,
      };
      expect(JSON.stringify(card)).toContain('Contoso Security Ltd');
      expect(card.body).toContainEqual(
        expect.objectContaining({
          type: 'FactSet',
          facts: expect.arrayContaining([{ title: 'Anniversary', value: reminder.anniversary }]),
        }),
      );
      expect(card.actions?.map((a) => [a.type, a.title, a.verb, a.data])).toEqual([
        ['Action.Execute', "Show what's missing", 'reminder.missing', data],
        ['Action.Execute', 'Snooze 7 days', 'reminder.snooze', data],
        ['Action.Execute', 'Got it', 'reminder.ack', data],
      ]);
      // Teams asks the bot for the live card whenever it shows it (in a personal chat: for its user).
      expect(card.refresh).toEqual({
        action: { type: 'Action.Execute', verb: 'reminder.refresh', data },
        userIds: [ids.userId],
      });
    }
    expect(chat.every((m) => m.message?.from?.id === ids.botId)).toBe(true);
  }, 60_000);

  test('a second run sends nothing: each reminder goes out exactly once', async () => {
    if (received.length === 0) throw new Error('no reminder cards: the previous test failed');
    const mark = stream!.length;
    const response = await runReminders(`Bearer ${SECRET}`);
    expect(response.status).toBe(200);
    const summary = (await response.json()) as RunSummary;
    expect(summary.planned).toBe(due.length);
    expect(summary.report).toMatchObject({ sent: 0, alreadyDone: due.length, failed: 0 });
    expect(await chatSince(mark)).toEqual([]);
  }, 30_000);

  test('"Got it" on a reminder card: the card says who acknowledged it, for everyone', async () => {
    const target = received[0];
    if (!target) throw new Error('no reminder cards: an earlier test failed');
    const mark = stream!.length;
    const { result: card, days } = await daysAround(() => click(target, 'reminder.ack'));
    const acknowledged = days.map((day) => `Acknowledged by ${ids.userName} on ${day}`);
    const text = JSON.stringify(card);
    expect(acknowledged.some((a) => text.includes(a))).toBe(true);
    expect(firstText(card)).toBe(reminderTitle(target.reminder.subject));
    // Acknowledged is the end: neither Snooze nor Got it beside it (issue 13: one state).
    expect(card.actions?.map((a) => a.verb)).toEqual(['reminder.missing']);

    // The message in the chat is replaced for everyone.
    const updated = await stream!.next(
      (m) =>
        m.action === 'updateMessage' &&
        m.actionConversationId === ids.conversationId &&
        m.message?.messageId === target.messageId,
      'the acknowledged card in place of the reminder',
      20_000,
      mark,
    );
    const shared = updated.message?.attachments?.find((a) => a.contentType === CARD)?.content;
    expect(acknowledged.some((a) => JSON.stringify(shared).includes(a))).toBe(true);

    // Refreshed (as Teams does when it shows the card again), it still says so.
    const refreshed = await click(target, 'reminder.refresh');
    expect(acknowledged.some((a) => JSON.stringify(refreshed).includes(a))).toBe(true);
  }, 30_000);

  test('"Show what\'s missing" on each reminder card answers with what the renewal lacks', async () => {
    if (received.length === 0) throw new Error('no reminder cards: an earlier test failed');
    for (const target of received) {
      const { subject, anniversary, offsetDays } = target.reminder;
      const card = await click(target, 'reminder.missing');
      if (subject === DESIGNATION_SUBJECT) {
        // The designation's gaps: Contoso qualifies on SMB, so the gaps card reads "How to improve".
        expect(firstText(card)).toBe('How to improve — SMB path (82 / 100)');
      } else {
        const title = `What's missing — ${subject}, renewal on ${anniversary}`;
        expect(firstText(card)?.slice(0, title.length)).toBe(title);
        expect(JSON.stringify(card)).toContain(`Every requirement — ${subject}`);
      }
      expect(card.actions?.map((a) => [a.title, a.verb, a.data])).toContainEqual([
        'Back to the reminder',
        'reminder.refresh',
        { subject, occasion: anniversary, offsetDays },
      ]);
    }
  }, 30_000);

  test('"Snooze 7 days" on a reminder card: the card says who snoozed it and until when', async () => {
    const target = received[received.length - 1];
    if (!target) throw new Error('no reminder cards: an earlier test failed');
    const { result: card, days } = await daysAround(() => click(target, 'reminder.snooze'));
    const text = JSON.stringify(card);
    expect(
      days.some((day) => text.includes(`Snoozed by ${ids.userName} — reminder again on ${addDays(day, 7)}`)),
    ).toBe(true);
  }, 30_000);

  test('the bot logged no failure and never the trigger secret', async () => {
    const actions = await logLines('card action', received.length + 3);
    const logs = bot!.logs;
    expect(logs.filter((l) => (l.level as number) >= 50)).toEqual([]);
    expect(JSON.stringify(logs)).not.toContain(SECRET);
    expect(actions.map((l) => l.verb)).toEqual([
      'reminder.ack',
      'reminder.refresh',
      ...received.map(() => 'reminder.missing'),
      'reminder.snooze',
    ]);
  });
});
