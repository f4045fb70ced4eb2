import { ActivityTypes, TestAdapter, type Activity } from 'botbuilder';
import type { ScoreSource } from '../../bot/conversation/answers';
import { createLogger } from '../../bot/log';
import type { Registration } from '../../bot/store/documents';
import type { ConversationDoc } from '../../bot/store/conversations';
import { PartnerScoreBot, type ConversationReferences, type PartnerDirectory } from '../../bot/teamsBot';
import { demoSnapshot } from '../cards/fixtures';

const contoso = demoSnapshot('contoso-security');
const northwind = demoSnapshot('northwind-cyber');

const registration = (partnerId: string, name: string, over: Partial<Registration> = {}): Registration => ({
  id: 'registration',
  type: 'registration',
  partnerId,
  name,
  tenantIds: [],
  adminObjectIds: ['admin-oid'],
  adminsOnly: false,
  createdAt: '2026-11-01T00:00:00Z',
  updatedAt: '2026-11-01T00:00:00Z',
  ...over,
});

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
    (snapshots[partnerId as keyof typeof snapshots]?.customers ?? []).filter((c) =>
      c.name.toLowerCase().startsWith(typed.toLowerCase()),
    ),
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
  remove: async (_partnerId, conversationId) => {
    removed.push(conversationId);
  },
};

function adapter(): TestAdapter {
  const bot = new PartnerScoreBot({
    directory,
    scores,
    conversations,
    log: createLogger({ name: 'test', level: 'silent' }),
    today: () => '2026-11-22',
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
    ['stop reminders', 'Reminders were not posted here'], // nothing subscribed yet in this conversation
    ['post reminders here', 'Reminders will be posted here'],
  ])('%s → %s', async (text, title) => {
    await adapter()
      .send(message(text))
      .assertReply((reply) => expect(titleOf(reply)).toBe(title));
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
