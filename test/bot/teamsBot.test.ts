import { Writable } from 'node:stream';
import {
  ActivityTypes,
  ConfigurationBotFrameworkAuthentication,
  TestAdapter,
  type Activity,
} from 'botbuilder';
import { helpCard, VERBS, type ScoreSource } from '../../bot/conversation/answers';
import type { ReminderActions, ReminderDependencies } from '../../bot/conversation/reminderActions';
import { importDataset } from '../../bot/import/importDataset';
import { createLogger } from '../../bot/log';
import { botConnector } from '../../bot/reminders/connector';
import { planReminders } from '../../bot/reminders/plan';
import { storeReminderDependencies } from '../../bot/reminders/run';
import { ConversationRepository, type ConversationDoc } from '../../bot/store/conversations';
import { ReminderLedger, type LedgerEntry, type ReminderKey } from '../../bot/store/reminderLedger';
import {
  PartnerScoreBot,
  type BotDependencies,
  type ConversationReferences,
  type PartnerDirectory,
} from '../../bot/teamsBot';
import type { ScoreAlert } from '../../scoring/alerts';
import { summaryText } from '../../cards/summary';
import { demoSnapshot } from '../cards/fixtures';
import { textsIn } from '../cards/validate';
import { noFileDrops, noReminders, registration } from './fakes';
import { demo, embeddedStore, repositories, silentLog } from './store-helpers';

const contoso = demoSnapshot('contoso-security');
const northwind = demoSnapshot('northwind-cyber');

/** Simple fakes of our two small interfaces; storage itself is tested against the embedded server. */
const directory: PartnerDirectory = {
  partnerForTenant: async (tenantId) =>
    ({ 'tenant-contoso': '4012345', 'tenant-northwind': '4056789', 'tenant-nodata': '9' })[tenantId],
  get: async (partnerId) =>
    ({
      '4012345': registration('4012345', 'Contoso Security Ltd'),
      '4056789': registration('4056789', 'Northwind Cyber', { adminsOnly: true }),
      '9': registration('9', 'Empty Partner'),
    })[partnerId],
};
const snapshots = { '4012345': contoso, '4056789': northwind } as const;
const scores: ScoreSource = {
  current: async (partnerId) => {
    const s = snapshots[partnerId as keyof typeof snapshots];
    return s ? { versionId: 'v1', head: s.head } : undefined;
  },
  findCustomers: async (partnerId, _v, _b, typed) =>
    (snapshots[partnerId as keyof typeof snapshots]?.customers ?? []).filter(
      (c) => c.tenantId === typed || c.name.toLowerCase().startsWith(typed.toLowerCase()),
    ),
  allCustomers: async (partnerId) => snapshots[partnerId as keyof typeof snapshots]?.customers ?? [],
};

/** A recording fake of the conversation references. */
const saved: Omit<ConversationDoc, 'id'>[] = [];
const removed: string[] = [];
const subscribed = new Set<string>();
const conversations: ConversationReferences = {
  subscribe: async (partnerId, conversationId) => {
    subscribed.add(`${partnerId}|${conversationId}`);
  },
  unsubscribe: async (partnerId, conversationId) => subscribed.delete(`${partnerId}|${conversationId}`),
  save: async (doc) => {
    saved.push(doc);
  },
  forget: async (_partnerId, conversationId) => {
    removed.push(conversationId);
  },
};

/** An in-memory fake of the ledger's card-action interface; the ledger itself is tested on the embedded store. */
const ledger = new Map<string, LedgerEntry>();
const idOf = (k: ReminderKey): string =>
  JSON.stringify([k.partnerId, k.subject, k.occasion, k.offsetDays, k.recipient]);
function change(k: ReminderKey, apply: (e: LedgerEntry) => LedgerEntry): LedgerEntry | undefined {
  const entry = ledger.get(idOf(k));
  if (!entry) return undefined;
  const next = apply(entry);
  ledger.set(idOf(k), next);
  return next;
}
const reminderLedger: ReminderActions = {
  get: async (k) => {
    const entry = ledger.get(idOf(k));
    return entry ? { entry } : undefined;
  },
  acknowledge: async (k, by) => change(k, (e) => (e.acknowledged ? e : { ...e, acknowledged: by })),
  snooze: async (k, until, by) => change(k, (e) => ({ ...e, snoozedUntil: until, snoozedBy: by })),
};
const alertsByVersion: Record<string, ScoreAlert[]> = {
  'contoso-v2': [{ kind: 'stoppedQualifying', path: 'smb', previousTotal: 74, total: 68 }],
};
const reminders: ReminderDependencies = {
  ledger: reminderLedger,
  alerts: {
    alertsOf: async (partnerId, versionId) =>
      partnerId === '4012345' ? alertsByVersion[versionId] : undefined,
  },
};

function adapter(overrides: Partial<BotDependencies> = {}): TestAdapter {
  const bot = new PartnerScoreBot({
    directory,
    scores,
    conversations,
    log: createLogger({ name: 'test', level: 'silent' }),
    today: () => '2026-11-22',
    reminders,
    fileDrops: noFileDrops,
    ...overrides,
  });
  return new TestAdapter(async (context) => bot.run(context), { channelId: 'msteams' } as Partial<Activity>);
}

function message(
  text: string,
  tenant = 'tenant-contoso',
  user = 'user-oid',
  extra: Partial<Activity> = {},
): Partial<Activity> {
  return {
    type: ActivityTypes.Message,
    text,
    channelData: { tenant: { id: tenant } },
    from: { id: 'u1', name: 'User', aadObjectId: user },
    ...extra,
  };
}

function invoke(verb: string, data: unknown, tenant = 'tenant-contoso'): Partial<Activity> {
  return {
    type: ActivityTypes.Invoke,
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb, data } },
    channelData: { tenant: { id: tenant } },
    from: { id: 'u1', name: 'User', aadObjectId: 'user-oid' },
  };
}

interface CardShape {
  body: { type: string; text?: string }[];
}
const cardOf = (activity: Partial<Activity>): CardShape => activity.attachments?.[0]?.content as CardShape;
const titleOf = (activity: Partial<Activity>): string | undefined => cardOf(activity).body[0]?.text;

/** A logger at warn level whose lines the test reads. */
function warningsLog(): { log: ReturnType<typeof createLogger>; lines: string[] } {
  const lines: string[] = [];
  const log = createLogger({
    name: 'test',
    level: 'warn',
    destination: new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    }),
  });
  return { log, lines };
}

describe('messages → cards', () => {
  test.each([
    ["what's our Security score?", 'Contoso Security Ltd — Solutions Partner for Security'],
    ['what are we missing?', 'How to improve — SMB path (82 / 100)'],
    ['what are we missing on enterprise?', "What's missing — Enterprise path (23.33 / 100)"],
    ['how do we get to 70 on the enterprise path?', 'Plan to qualify — Enterprise path (23.33 today)'],
    ['why is usage growth low on enterprise', 'Usage growth — Enterprise path: 16 / 20'],
    ["what's at risk?", 'At risk'],
    ["why doesn't Fabrikam count?", 'Fabrikam (c-01)'],
    ['help', 'What I can answer'],
    ['what is the weather', "Sorry, I didn't get that."],
    ['when do we renew?', 'Renewals — nearest first'],
    ['which specializations could we go for?', 'Security specializations'],
    ['what are we not getting credit for?', 'What are we not getting credit for?'],
    ['stop reminders', 'Reminders were not posted here'], // nothing subscribed yet in this conversation
    ['post reminders here', 'Reminders will be posted here'],
  ])('%s → %s', async (text, title) => {
    await adapter()
      .send(message(text))
      .assertReply((reply) => expect(titleOf(reply)).toBe(title));
  });

  test('a message not understood: what was typed and its three closest questions as working buttons', async () => {
    await adapter()
      .send(message('certifcate holdr thingy??'))
      .assertReply((reply) => {
        expect(titleOf(reply)).toBe("Sorry, I didn't get that.");
        expect(JSON.stringify(reply)).toContain('You wrote: \\"certifcate holdr thingy??\\"');
        const actions = (
          reply.attachments?.[0]?.content as { actions: { type: string; title: string; verb: string }[] }
        ).actions;
        expect(actions).toHaveLength(3);
        expect(actions[0]).toMatchObject({
          type: 'Action.Execute',
          title: 'Who is certified?',
          verb: 'people',
        });
        for (const action of actions) expect(Object.keys(VERBS)).toContain(action.verb);
      });
  });

  test.each([
    ['thx!', "You're welcome!"],
    ['cya', 'Bye! Ask me anytime.'],
    ['how are you?', "I'm well, thanks! Ask me about your Security score anytime."],
    ['ok cool', '👍'],
  ])('small talk "%s" gets one short line, no card: %s', async (text, line) => {
    await adapter()
      .send(message(text))
      .assertReply((reply) => {
        expect(reply.text).toBe(line);
        expect(reply.attachments ?? []).toEqual([]);
      });
  });

  test('the @mention of the bot is not part of the question', async () => {
    const a = adapter();
    await a
      .send(
        message('<at>Partner Score Bot</at> what are we missing?', 'tenant-contoso', 'user-oid', {
          recipient: { id: 'bot', name: 'Partner Score Bot' },
          entities: [
            {
              type: 'mention',
              mentioned: { id: 'bot', name: 'Partner Score Bot' },
              text: '<at>Partner Score Bot</at>',
            },
          ],
        }),
      )
      .assertReply((reply) => expect(titleOf(reply)).toBe('How to improve — SMB path (82 / 100)'));
  });

  test('an unknown tenant gets the not-connected card and nothing else', async () => {
    await adapter()
      .send(message("what's our score?", 'tenant-stranger'))
      .assertReply((reply) => {
        expect(titleOf(reply)).toBe("This organization isn't connected to Partner Score Bot");
        expect(JSON.stringify(reply)).not.toContain('Contoso');
      });
  });

  test('a partner that restricts viewing to admins: others are refused, admins see the score', async () => {
    await adapter()
      .send(message("what's our score?", 'tenant-northwind', 'someone'))
      .assertReply((reply) =>
        expect(titleOf(reply)).toBe("Only Northwind Cyber's Partner Score Bot admins can see the score"),
      );
    await adapter()
      .send(message("what's our score?", 'tenant-northwind', 'admin-oid'))
      .assertReply((reply) =>
        expect(titleOf(reply)).toBe('Northwind Cyber — Solutions Partner for Security'),
      );
  });

  test('a partner without imported data is told so', async () => {
    await adapter()
      .send(message('score', 'tenant-nodata'))
      .assertReply((reply) => expect(titleOf(reply)).toBe('No score yet for Empty Partner'));
  });

  test('an Action.Submit fallback click arrives as a message with the verb and is answered', async () => {
    await adapter()
      .send(message('', 'tenant-contoso', 'user-oid', { value: { verb: 'plan', path: 'enterprise' } }))
      .assertReply((reply) => expect(titleOf(reply)).toBe('Plan to qualify — Enterprise path (23.33 today)'));
  });

  test('the summary asked without Universal Actions: a plain-text message only, to copy', async () => {
    await adapter()
      .send(message('', 'tenant-contoso', 'user-oid', { value: { verb: 'summary' } }))
      .assertReply((reply) => {
        expect(reply).toMatchObject({
          type: 'message',
          text: summaryText(contoso.head, '2026-11-22'),
          textFormat: 'plain',
        });
        expect(reply.attachments).toBeUndefined();
      });
    // Without data, the no-data card answers.
    await adapter()
      .send(message('', 'tenant-nodata', 'user-oid', { value: { verb: 'summary' } }))
      .assertReply((reply) => expect(titleOf(reply)).toBe('No score yet for Empty Partner'));
  });

  test('a fallback click with a bad payload gets the help card, not an error', async () => {
    await adapter()
      .send(message('', 'tenant-contoso', 'user-oid', { value: { verb: 'metric', metric: 'everything' } }))
      .assertReply((reply) => expect(titleOf(reply)).toBe("Sorry, I didn't get that."));
  });

  test('the bot added to a conversation says hello with suggestions', async () => {
    await adapter()
      .send({
        type: ActivityTypes.ConversationUpdate,
        membersAdded: [{ id: 'bot', name: 'Bot' }],
        recipient: { id: 'bot', name: 'Bot' },
        channelData: { tenant: { id: 'tenant-contoso' } },
      })
      .assertReply((reply) =>
        expect(titleOf(reply)).toBe('Hi! I track your Solutions Partner for Security score.'),
      );
  });
});

describe('card actions (Action.Execute) → updated card as the invoke response', () => {
  const invokeResponse = (
    activity: Partial<Activity>,
  ): { status: number; body: { type: string; value: CardShape & { code?: string } } } =>
    activity.value as { status: number; body: { type: string; value: CardShape & { code?: string } } };

  test.each([
    ['score', { path: 'enterprise' }, 'Contoso Security Ltd — Solutions Partner for Security'],
    ['gaps', { path: 'smb' }, 'How to improve — SMB path (82 / 100)'],
    ['plan', {}, 'Plan to qualify — SMB path (82 today)'],
    ['metric', { path: 'enterprise', metric: 'deployments' }, 'Deployments — Enterprise path: 3.33 / 20'],
    ['atRisk', {}, 'At risk'],
    ['specializations', {}, 'Security specializations'],
    ['renewals', {}, 'Renewals — nearest first'],
    ['attribution', {}, 'What are we not getting credit for?'],
    ['people', {}, 'Who is certified — 4 people, 7 certifications that count'],
    ['people', { exam: 'SC-200' }, 'SC-200: 3 people'],
    ['customers', { path: 'enterprise' }, 'Customers — Enterprise path: 7 of 16 customers count'],
    ['customers', {}, 'Customers — SMB path: 13 of 16 customers count'],
    ['customer', { tenantId: 'c-01' }, 'Fabrikam (c-01)'],
  ])('%s %j', async (verb, data, title) => {
    await adapter()
      .send(invoke(verb, data))
      .assertReply((reply) => {
        expect(reply.type).toBe('invokeResponse');
        const response = invokeResponse(reply);
        expect(response.status).toBe(200);
        expect(response.body.type).toBe('application/vnd.microsoft.card.adaptive');
        expect(response.body.value.body[0]?.text).toBe(title);
      });
  });

  test.each([
    ['unknown verb', 'deleteEverything', {}, 'UNKNOWN_VERB'],
    ['bad path', 'gaps', { path: 'galaxy' }, 'INVALID_DATA'],
    ['missing metric', 'metric', { path: 'smb' }, 'INVALID_DATA'],
    ['exam not a code', 'people', { exam: 'SC 200 or so' }, 'INVALID_DATA'],
    ['customer without a tenant id', 'customer', { name: 'Fabrikam' }, 'INVALID_DATA'],
  ])('%s: an error response, never a card', async (_name, verb, data, code) => {
    await adapter()
      .send(invoke(verb, data))
      .assertReply((reply) => {
        const response = invokeResponse(reply);
        expect(response.status).toBe(400);
        expect(response.body.type).toBe('application/vnd.microsoft.error');
        expect(response.body.value.code).toBe(code);
      });
  });

  test('summary: the card with the text, and the same text as a plain message to copy', async () => {
    const expected = summaryText(contoso.head, '2026-11-22');
    await adapter()
      .send(invoke('summary', {}))
      .assertReply((reply) => {
        expect(reply).toMatchObject({ type: 'message', text: expected, textFormat: 'plain' });
        expect(reply.attachments).toBeUndefined();
      })
      .assertReply((reply) => {
        const card = invokeResponse(reply).body.value;
        expect(card.body[0]?.text).toBe('Summary for your manager — Contoso Security Ltd');
        expect(
          card.body
            .slice(1, -1)
            .map((b) => b.text)
            .join('\n\n'),
        ).toBe(expected);
      });
  });

  test('summary: when the text cannot be posted, the clicker still gets the card and the failure is logged', async () => {
    const { log, lines } = warningsLog();
    const a = adapter({ log });
    const send = a.sendActivities.bind(a);
    jest.spyOn(a, 'sendActivities').mockImplementation(async (context, activities) => {
      if (activities.some((activity) => activity.type === 'message'))
        throw Object.assign(new Error('throttled'), { statusCode: 429 });
      return send(context, activities);
    });
    await a.send(invoke('summary', {})).assertReply((reply) => {
      expect(reply.type).toBe('invokeResponse');
      expect(invokeResponse(reply).body.value.body[0]?.text).toBe(
        'Summary for your manager — Contoso Security Ltd',
      );
    });
    expect(lines.map((l) => JSON.parse(l) as { msg: string; status?: number })).toContainEqual(
      expect.objectContaining({ msg: 'could not post the text to copy', status: 429 }),
    );
    expect(lines.join('')).not.toContain('qualifies for Solutions Partner');
  });

  test.each([
    ['welcome', 'Our score', 'Contoso Security Ltd — Solutions Partner for Security'],
    ['help', 'Renewal dates', 'Renewals — nearest first'],
  ] as const)(
    'a question on the %s card: the answer comes as a new message, the card stays (the invoke response is that card)',
    async (kind, title, answerTitle) => {
      const button = (
        helpCard(kind) as unknown as { actions: { title: string; verb: string; data: object }[] }
      ).actions.find((a) => a.title === title)!;
      await adapter()
        .send(invoke(button.verb, button.data))
        .assertReply((reply) => {
          expect(reply.type).toBe('message');
          expect(titleOf(reply)).toBe(answerTitle);
        })
        .assertReply((reply) => {
          const response = invokeResponse(reply);
          expect(response.status).toBe(200);
          expect(response.body.value.body[0]?.text).toBe(
            cardOf({ attachments: [{ contentType: '', content: helpCard(kind) }] }).body[0]?.text,
          );
        });
    },
  );

  test('"What if we add 2 customers?" on the welcome card opens the what-if card with 2 customers added', async () => {
    await adapter()
      .send(invoke('whatIf', { customers: 2, keep: 'welcome' }))
      .assertReply((reply) =>
        expect(JSON.stringify(cardOf(reply))).toContain(
          '"id":"m365Customers","label":"More net Microsoft 365 customers","min":0,"max":1000,"placeholder":"0","value":2',
        ),
      )
      .assertReply((reply) => expect(invokeResponse(reply).status).toBe(200));
  });

  test("a payload cannot choose another partner: the sender's tenant decides", async () => {
    await adapter()
      .send(invoke('score', { path: 'smb', partnerId: '4056789' }, 'tenant-contoso'))
      .assertReply((reply) => {
        const text = JSON.stringify(invokeResponse(reply).body.value);
        expect(text).toContain('Contoso Security Ltd');
        expect(text).not.toContain('Northwind');
      });
  });
});

describe('reminder subscriptions', () => {
  test('"post reminders here" subscribes this conversation, "stop reminders" undoes it', async () => {
    subscribed.clear();
    const inChannel = {
      conversation: { id: 'channel-1', conversationType: 'channel', isGroup: true, name: 'Security' },
    } as Partial<Activity>;
    await adapter()
      .send(message('post reminders here', 'tenant-contoso', 'user-oid', inChannel))
      .assertReply((reply) => expect(titleOf(reply)).toBe('Reminders will be posted here'))
      .send(message('stop reminders', 'tenant-contoso', 'user-oid', inChannel))
      .assertReply((reply) => expect(titleOf(reply)).toBe('No more reminders here'));
    expect([...subscribed]).toEqual([]);
    await adapter()
      .send(message('post reminders here', 'tenant-contoso', 'user-oid', inChannel))
      .assertReply(() => undefined);
    expect([...subscribed]).toEqual(['4012345|channel-1']);
  });

  test('an unknown tenant cannot subscribe', async () => {
    subscribed.clear();
    await adapter()
      .send(message('post reminders here', 'tenant-stranger'))
      .assertReply((reply) =>
        expect(titleOf(reply)).toBe("This organization isn't connected to Partner Score Bot"),
      );
    expect(subscribed.size).toBe(0);
  });
});

describe('conversation references for proactive messages', () => {
  test('saved on install and on the first message of a conversation of a registered tenant, removed on uninstall', async () => {
    saved.length = 0;
    removed.length = 0;
    const a = adapter();
    const elsewhere = {
      conversation: { id: 'other-chat', conversationType: 'groupChat', isGroup: true, name: 'x' },
    } as Partial<Activity>;
    await a
      .send({
        type: ActivityTypes.InstallationUpdate,
        action: 'add',
        channelData: { tenant: { id: 'tenant-contoso' } },
        from: { id: 'u1', name: 'User', aadObjectId: 'user-oid' },
      })
      .send(message("what's our score?")) // same conversation: already saved on install
      .assertReply(() => undefined)
      .send(message('score', 'tenant-contoso', 'user-oid', elsewhere)) // a conversation not seen yet
      .assertReply(() => undefined)
      .send(message('score', 'tenant-contoso', 'user-oid', elsewhere)) // seen: no second write
      .assertReply(() => undefined)
      .send(message('score', 'tenant-stranger'))
      .assertReply(() => undefined)
      .send({
        type: ActivityTypes.InstallationUpdate,
        action: 'remove',
        channelData: { tenant: { id: 'tenant-contoso' } },
      });
    expect(saved.map((d) => [d.partnerId, d.conversationType, d.conversationId])).toEqual([
      ['4012345', 'personal', saved[0]!.conversationId],
      ['4012345', 'groupChat', 'other-chat'],
    ]);
    expect(saved[0]!.reference.conversation.id).toBe(saved[0]!.conversationId);
    expect(saved[0]!.userObjectId).toBe('user-oid');
    expect(saved[1]!.userObjectId).toBeUndefined();
    expect(removed).toEqual([saved[0]!.conversationId]);
  });
});

describe('uninstall forgets the reminder subscription (embedded store)', () => {
  test('subscribed in a group chat and a team channel, uninstalled and removed from the team, reinstalled: no reminder planned there', async () => {
    const store = await embeddedStore();
    try {
      const repos = repositories(store);
      const northwind = demo('northwind-cyber');
      const { partnerId } = northwind.partner;
      const tenantId = northwind.partner.tenantId!;
      expect((await importDataset(repos.deps(), { document: northwind, source: 'n.json' })).ok).toBe(true);
      await repos.partners.register({ partnerId, name: 'Northwind Cyber', adminObjectIds: ['admin-oid'] });
      const conversations = new ConversationRepository(store.containers.conversations);
      const bot = new PartnerScoreBot({
        directory: repos.partners,
        scores: {
          current: (id) => repos.versions.currentHead(id),
          findCustomers: (id, versionId, buckets, typed) =>
            repos.versions.findCustomers(id, versionId, buckets, typed),
          allCustomers: (id, versionId, buckets) => repos.versions.allCustomers(id, versionId, buckets),
        },
        conversations,
        log: silentLog,
        today: () => '2026-11-22',
        reminders: noReminders,
        fileDrops: noFileDrops,
      });
      const { sources } = storeReminderDependencies(
        { ...repos, conversations, ledger: new ReminderLedger(store.containers.reminderLedger) },
        botConnector(new ConfigurationBotFrameworkAuthentication({}), ''),
        silentLog,
      );
      const plannedTo = async (): Promise<string[]> =>
        [
          ...new Set(
            (await planReminders(sources, '2026-11-22', silentLog)).deliveries.map((d) => d.key.recipient),
          ),
        ].sort();

      const botAccount = { id: '28:bot', name: 'Partner Score Bot' };
      const groupChat = {
        conversation: { id: '19:group@thread.v2', conversationType: 'groupChat', isGroup: true, name: '' },
        channelData: { tenant: { id: tenantId } },
        recipient: botAccount,
      } as Partial<Activity>;
      const team = { tenant: { id: tenantId }, team: { id: '19:general@thread.tacv2' } };
      const general = {
        conversation: { id: '19:general@thread.tacv2', conversationType: 'channel', isGroup: true, name: '' },
        channelData: team,
        recipient: botAccount,
      } as Partial<Activity>;
      const channel = {
        conversation: {
          id: '19:security@thread.tacv2',
          conversationType: 'channel',
          isGroup: true,
          name: '',
        },
        channelData: { ...team, channel: { id: '19:security@thread.tacv2' } },
        recipient: botAccount,
      } as Partial<Activity>;
      const from = { id: 'u1', name: 'User', aadObjectId: 'user-oid' };
      const install = async (): Promise<void> => {
        const a = new TestAdapter(async (context) => bot.run(context), {
          channelId: 'msteams',
        } as Partial<Activity>);
        await a.send({ type: ActivityTypes.InstallationUpdate, action: 'add', from, ...groupChat });
        await a
          .send({ type: ActivityTypes.ConversationUpdate, membersAdded: [botAccount], from, ...general })
          .assertReply(() => undefined); // the welcome card
      };
      const say = async (text: string, where: Partial<Activity>): Promise<void> => {
        const a = new TestAdapter(async (context) => bot.run(context), {
          channelId: 'msteams',
        } as Partial<Activity>);
        await a.send({ type: ActivityTypes.Message, text, from, ...where }).assertReply(() => undefined);
      };

      await install();
      await say('post reminders here', groupChat);
      await say('post reminders here', channel);
      expect(await plannedTo()).toEqual(['19:group@thread.v2', '19:security@thread.tacv2']);

      const a = new TestAdapter(async (context) => bot.run(context), {
        channelId: 'msteams',
      } as Partial<Activity>);
      await a.send({ type: ActivityTypes.InstallationUpdate, action: 'remove', from, ...groupChat });
      await a.send({
        type: ActivityTypes.ConversationUpdate,
        membersRemoved: [botAccount],
        from,
        ...general,
      });
      expect(await plannedTo()).toEqual([]);

      // Reinstalled, and used again: the references come back, the subscriptions do not.
      await install();
      await say("what's our score?", channel);
      await say("what's our score?", groupChat);
      expect((await conversations.list(partnerId)).map((c) => c.conversationId).sort()).toEqual([
        '19:general@thread.tacv2',
        '19:group@thread.v2',
        '19:security@thread.tacv2',
      ]);
      expect(await conversations.subscriptions(partnerId)).toEqual([]);
      expect(await plannedTo()).toEqual([]);
    } finally {
      await store.close();
    }
  });
});

describe('reminder and score-alert card actions', () => {
  type Data = { subject: string; occasion: string; offsetDays: number };
  const DESIGNATION: Data = {
    subject: 'Solutions Partner for Security',
    occasion: '2027-02-01',
    offsetDays: -90,
  };
  const THREAT: Data = { subject: 'Threat Protection', occasion: '2027-01-20', offsetDays: -60 };
  const ALERT: Data = { subject: 'score alert', occasion: 'version:contoso-v2', offsetDays: 0 };

  /** The ledger entry of a card the bot sent (the reminder run writes these). */
  function sent(data: Data, recipient = 'Convo1', partnerId = '4012345'): ReminderKey {
    const key: ReminderKey = { partnerId, recipient, ...data };
    ledger.set(idOf(key), {
      id: idOf(key),
      type: 'ledger',
      ...key,
      status: 'sent',
      claimedBy: 'run-1',
      leaseUntil: '2026-11-22T09:05:00Z',
      claims: 1,
      updatedAt: '2026-11-22T09:00:00Z',
    });
    return key;
  }
  const entry = (key: ReminderKey): LedgerEntry | undefined => ledger.get(idOf(key));

  function click(
    verb: string,
    data: unknown,
    over: { tenant?: string; user?: string; conversation?: Partial<Activity['conversation']> } = {},
  ): Partial<Activity> {
    return {
      ...invoke(verb, data, over.tenant ?? 'tenant-contoso'),
      from: { id: '29:u1', name: 'Ana Silva', aadObjectId: over.user ?? 'user-oid' },
      replyToId: 'card-message-1',
      ...(over.conversation ? { conversation: over.conversation as Activity['conversation'] } : {}),
    };
  }

  interface InvokeBody {
    status: number;
    body: {
      type: string;
      value: {
        code?: string;
        body: unknown[];
        actions?: { title: string; verb?: string }[];
        refresh?: { action: { verb: string; data: unknown }; userIds?: string[] };
      };
    };
  }
  const response = (reply: Partial<Activity>): InvokeBody => reply.value as InvokeBody;
  // The card's JSON and its texts (a coloured sentence is split into runs: its icon and its text).
  const textOf = (card: unknown): string => `${JSON.stringify(card)}\n${textsIn(card).join('\n')}`;

  beforeEach(() => ledger.clear());

  test('refresh: the reminder rebuilt with the live snapshot, today and the ledger state', async () => {
    const key = sent(DESIGNATION);
    change(key, (e) => ({ ...e, snoozedUntil: '2026-11-29', snoozedBy: 'Ben' }));
    await adapter()
      .send(click('reminder.refresh', DESIGNATION))
      .assertReply((reply) => {
        const r = response(reply);
        expect(r.status).toBe(200);
        expect(r.body.type).toBe('application/vnd.microsoft.card.adaptive');
        const card = r.body.value;
        expect((card.body[0] as { text: string }).text).toBe(
          'Renewal reminder — Solutions Partner for Security (designation)',
        );
        expect(textOf(card)).toContain(
          'Anniversary 2027-02-01 in 71 days — the renewal window opens 2026-12-03',
        );
        expect(textOf(card)).toContain('Snoozed by Ben — reminder again on 2026-11-29');
        // Personal chat: no user list; the refresh identifies the same card.
        expect(card.refresh).toStrictEqual({
          action: { type: 'Action.Execute', verb: 'reminder.refresh', data: DESIGNATION },
        });
      });
  });

  test("refresh in a channel: the card keeps refreshing for the clicker; a click from the card's thread finds the card sent to the channel", async () => {
    sent(THREAT, '19:security@thread.tacv2');
    await adapter()
      .send(
        click('reminder.refresh', THREAT, {
          conversation: {
            id: '19:security@thread.tacv2;messageid=1732266000000',
            conversationType: 'channel',
            isGroup: true,
          },
        }),
      )
      .assertReply((reply) => {
        const card = response(reply).body.value;
        expect(textOf(card)).toContain('Renewal reminder — Threat Protection specialization');
        expect(card.refresh?.userIds).toEqual(['29:u1']);
      });
  });

  test("what's missing: the designation's gaps card with a way back; a specialization's requirements", async () => {
    sent(DESIGNATION);
    sent(THREAT);
    await adapter()
      .send(click('reminder.missing', DESIGNATION))
      .assertReply((reply) => {
        const card = response(reply).body.value;
        expect((card.body[0] as { text: string }).text).toBe('How to improve — SMB path (82 / 100)');
        expect(card.actions?.at(-1)).toMatchObject({
          title: 'Back to the reminder',
          verb: 'reminder.refresh',
        });
      })
      .send(click('reminder.missing', THREAT))
      .assertReply((reply) => {
        const card = response(reply).body.value;
        expect((card.body[0] as { text: string }).text).toBe(
          "What's missing — Threat Protection, renewal on 2027-01-20 (3rd anniversary, odd year)",
        );
        expect(textOf(card)).toContain(
          '✗ People with SC-200: 3 (need ≥ 6) — confirm in Partner Center — more people need to pass the exam',
        );
      });
  });

  test('snooze 7 days: recorded with who, shown on the card, and on the message everyone sees', async () => {
    const key = sent(THREAT);
    const a = adapter();
    const updates = jest.spyOn(a, 'updateActivity');
    await a.send(click('reminder.snooze', THREAT)).assertReply((reply) => {
      expect(response(reply).status).toBe(200);
      expect(textOf(response(reply).body.value)).toContain(
        'Snoozed by Ana Silva — reminder again on 2026-11-29',
      );
    });
    expect(entry(key)).toMatchObject({ snoozedUntil: '2026-11-29', snoozedBy: 'Ana Silva' });
    expect(updates).toHaveBeenCalledTimes(1);
    expect(updates.mock.calls[0]![1]).toMatchObject({ id: 'card-message-1', type: 'message' });
  });

  test('got it: the first acknowledgement is recorded and kept; the card shows who, without the button, for everyone', async () => {
    const key = sent(DESIGNATION);
    const a = adapter();
    const updates = jest.spyOn(a, 'updateActivity');
    await a
      .send(click('reminder.ack', DESIGNATION))
      .assertReply((reply) => {
        const card = response(reply).body.value;
        expect(textOf(card)).toContain('✓ Acknowledged by Ana Silva on 2026-11-22');
        expect(card.actions?.map((x) => x.title)).toEqual(["Show what's missing"]);
      })
      .send({
        ...click('reminder.ack', DESIGNATION, { user: 'other-oid' }),
        from: { id: '29:u2', name: 'Ben' },
      })
      .assertReply((reply) =>
        expect(textOf(response(reply).body.value)).toContain('Acknowledged by Ana Silva'),
      );
    expect(entry(key)?.acknowledged).toEqual({ name: 'Ana Silva', objectId: 'user-oid', at: '2026-11-22' });
    const shared = updates.mock.calls[0]![1] as Partial<Activity>;
    expect(shared.id).toBe('card-message-1');
    const sharedCard = shared.attachments?.[0]?.content as { refresh: { userIds?: string[] } };
    expect(textOf(sharedCard)).toContain('✓ Acknowledged by Ana Silva on 2026-11-22');
    expect(sharedCard.refresh).not.toHaveProperty('userIds');
  });

  test('got it: when the shared message cannot be updated, the clicker still gets the card and the failure is logged', async () => {
    sent(DESIGNATION);
    const { log, lines } = warningsLog();
    const a = adapter({ log });
    jest.spyOn(a, 'updateActivity').mockRejectedValue(Object.assign(new Error('gone'), { statusCode: 404 }));
    await a.send(click('reminder.ack', DESIGNATION)).assertReply((reply) => {
      expect(response(reply).status).toBe(200);
      expect(textOf(response(reply).body.value)).toContain('✓ Acknowledged by Ana Silva');
    });
    expect(lines.map((l) => JSON.parse(l) as { msg: string; status?: number })).toContainEqual(
      expect.objectContaining({ msg: 'could not update the reminder card for everyone', status: 404 }),
    );
  });

  test('score alert: refresh shows the version’s alerts against the live score; missing opens that path; it cannot be snoozed', async () => {
    const key = sent(ALERT);
    await adapter()
      .send(click('reminder.refresh', ALERT))
      .assertReply((reply) => {
        const card = response(reply).body.value;
        expect((card.body[0] as { text: string }).text).toBe(
          'Security score alert — Contoso Security Ltd: SMB path no longer qualifies (74 → 68)',
        );
        expect(card.refresh?.action.data).toStrictEqual(ALERT);
      })
      .send(click('reminder.missing', ALERT))
      .assertReply((reply) =>
        expect((response(reply).body.value.body[0] as { text: string }).text).toBe(
          'How to improve — SMB path (82 / 100)',
        ),
      )
      .send(click('reminder.snooze', ALERT))
      .assertReply((reply) => {
        expect(response(reply).status).toBe(400);
        expect(response(reply).body.value.code).toBe('INVALID_DATA');
      })
      .send(click('reminder.ack', ALERT))
      .assertReply((reply) =>
        expect(textOf(response(reply).body.value)).toContain('✓ Acknowledged by Ana Silva'),
      );
    expect(entry(key)?.snoozedUntil).toBeUndefined();
  });

  test.each([
    ['a card never sent to this conversation', 'reminder.refresh', THREAT],
    ['an extra field', 'reminder.ack', { ...DESIGNATION, partnerId: '4056789' }],
    ['an empty subject', 'reminder.refresh', { ...DESIGNATION, subject: '' }],
    ['a subject over 100 characters', 'reminder.refresh', { ...DESIGNATION, subject: 'x'.repeat(101) }],
    ['an occasion that is no date', 'reminder.refresh', { ...DESIGNATION, occasion: '2027-02-30' }],
    ['a version id with odd characters', 'reminder.refresh', { ...ALERT, occasion: 'version:../../x' }],
    ['a fractional offset', 'reminder.snooze', { ...DESIGNATION, offsetDays: -89.5 }],
    ['an offset out of range', 'reminder.snooze', { ...DESIGNATION, offsetDays: 401 }],
    ['an offset as a string', 'reminder.snooze', { ...DESIGNATION, offsetDays: '-90' }],
    ['no data at all', 'reminder.ack', undefined],
  ])('refused: %s (400 INVALID_DATA, ledger untouched)', async (_name, verb, data) => {
    const key = sent(DESIGNATION);
    const before = JSON.stringify(entry(key));
    await adapter()
      .send(click(verb, data))
      .assertReply((reply) => {
        expect(response(reply).status).toBe(400);
        expect(response(reply).body.type).toBe('application/vnd.microsoft.error');
        expect(response(reply).body.value.code).toBe('INVALID_DATA');
      });
    expect(JSON.stringify(entry(key))).toBe(before);
  });

  test("another tenant's user cannot act on a partner's card: the partner comes from the invoker's tenant", async () => {
    const key = sent(DESIGNATION);
    await adapter()
      .send(click('reminder.ack', DESIGNATION, { tenant: 'tenant-northwind', user: 'admin-oid' }))
      .assertReply((reply) => {
        expect(response(reply).status).toBe(400);
        expect(response(reply).body.value.code).toBe('INVALID_DATA');
      })
      .send(click('reminder.ack', DESIGNATION, { tenant: 'tenant-stranger' }))
      .assertReply((reply) =>
        expect(textOf(response(reply).body.value)).toContain("This organization isn't connected"),
      );
    expect(entry(key)?.acknowledged).toBeUndefined();
  });

  test('the Action.Submit fallback of Got it acknowledges too and answers with the card', async () => {
    const key = sent(DESIGNATION);
    await adapter()
      .send(
        message('', 'tenant-contoso', 'user-oid', {
          value: { ...DESIGNATION, verb: 'reminder.ack' },
          from: { id: '29:u1', name: 'Ana Silva', aadObjectId: 'user-oid' },
        }),
      )
      .assertReply((reply) =>
        expect(textOf(cardOf(reply))).toContain('✓ Acknowledged by Ana Silva on 2026-11-22'),
      );
    expect(entry(key)?.acknowledged?.name).toBe('Ana Silva');
  });
});
