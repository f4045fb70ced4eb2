import {
  cardOf,
  ConversationStream,
  firstText,
  PLAYGROUND_TENANT,
  SCORE_TITLE,
  WELCOME_TITLE,
  type Bot,
  type Card,
  type PlaygroundApi,
  type PlaygroundIds,
  startSession,
  stopSession,
  type PlaygroundSession,
} from './harness';

/**
 * The bot as Teams would meet it, locally: `npm start` in local mode with the demo partners and the
 * Microsoft 365 Agents Playground, driven through the playground's own API (what its web UI calls).
 * The playground's tenant is registered to Contoso Security Ltd (SMB 82, qualified; Enterprise 23.33).
 */

let session: PlaygroundSession | undefined;
let bot: Bot | undefined;
let stream: ConversationStream | undefined;
let ids: PlaygroundIds;
let api: PlaygroundApi;
let scoreCard: { card: Card; messageId: string } | undefined;

beforeAll(async () => {
  session = await startSession();
  ({ bot, ids, api, stream } = session);
}, 120_000);

afterAll(async () => {
  await stopSession(session);
}, 30_000);

/** Every Action.Execute of a card, in document order (body action sets, then the card's actions). */
function executeActions(card: Card): NonNullable<Card['actions']> {
  const found: NonNullable<Card['actions']> = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'Action.Execute' && typeof o.verb === 'string') {
        found.push(o as NonNullable<Card['actions']>[number]);
        return; // its Action.Submit fallback is not a second action
      }
      Object.values(o).forEach(walk);
    }
  };
  walk(card.body);
  walk(card.actions);
  return found;
}

describe('the bot in the Microsoft 365 Agents Playground (its API)', () => {
  test("the playground's tenant is the demo partner's", () => {
    expect(ids.tenantId).toBe(PLAYGROUND_TENANT);
  });

  test('installing the app sends the welcome card', async () => {
    const from = stream!.length;
    const response = await api.post(`/_debug/conversation/${ids.conversationId}/installation`, {});
    expect(response.status).toBe(200);
    const welcome = await stream!.next(
      (m) => firstText(cardOf(m, ids.conversationId)) === WELCOME_TITLE,
      'welcome card',
      20_000,
      from,
    );
    expect(welcome.message?.from?.id).toBe(ids.botId);
  }, 30_000);

  test('"what\'s our Security score?" → the score card of Contoso Security Ltd', async () => {
    const from = stream!.length;
    const response = await api.say("what's our Security score?");
    expect(response.status).toBe(200);
    const reply = await stream!.next(
      (m) => firstText(cardOf(m, ids.conversationId)) === SCORE_TITLE,
      'score card',
      20_000,
      from,
    );
    const card = cardOf(reply, ids.conversationId)!;
    scoreCard = { card, messageId: reply.message!.messageId };
    const text = JSON.stringify(card);
    expect(text).toContain('82 / 100 · qualified');
    expect(text).toContain('23.33 / 100 · not qualified');
    expect(card.body).toContainEqual(expect.objectContaining({ type: 'Chart.Gauge', value: 82 }));
    expect(executeActions(card).map((a) => [a.verb, a.data])).toEqual([
      ['plan', { path: 'smb' }],
      ['atRisk', {}],
      ['trend', {}],
      ['whatIf', {}],
      ['gaps', { path: 'smb' }],
      ['score', { path: 'enterprise' }],
      ['specializations', {}],
      ['renewals', {}],
    ]);
  }, 30_000);

  test.each([
    ['gaps', 'How to improve — SMB path (82 / 100)', '20 / 20'],
    ['score', SCORE_TITLE, '23.33'],
    ['plan', 'Plan to qualify — SMB path (82 today)', 'Contoso Security Ltd'],
    ['atRisk', 'At risk', 'Contoso Security Ltd'],
    ['specializations', 'Security specializations', 'Threat Protection — earned'],
    ['renewals', 'Renewals — nearest first', 'Solutions Partner for Security (designation)'],
    // The trend: a Teams line chart of both paths and the 70 line (the demo data has one month).
    ['trend', 'Security score trend — Contoso Security Ltd', '"legend":"Qualifies at 70"'],
  ])(
    'clicking %s on the score card answers "%s"',
    async (verb, title, contains) => {
      if (!scoreCard) throw new Error('no score card: the previous test failed');
      const action = executeActions(scoreCard.card).find((a) => a.verb === verb);
      expect(action).toBeDefined();
      const response = await api.invoke(action!, scoreCard.messageId);
      expect(response.status).toBe(200);
      const body = (await response.json()) as { type: string; value: Card };
      expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
      expect(firstText(body.value)).toBe(title);
      expect(JSON.stringify(body.value)).toContain(contains);
      if (verb === 'score') {
        // The other path's score card: focused on Enterprise.
        expect(body.value.body).toContainEqual(
          expect.objectContaining({ type: 'Chart.Gauge', title: 'Enterprise path', value: 23.33 }),
        );
      }
    },
    30_000,
  );

  test('an unknown verb is refused: the bot answers 400 UNKNOWN_VERB, the playground reports 502', async () => {
    if (!scoreCard) throw new Error('no score card: the previous test failed');
    const response = await api.invoke(
      { type: 'Action.Execute', title: 'x', verb: 'deleteEverything', data: {} },
      scoreCard.messageId,
    );
    expect(response.status).toBe(502);
    const body = (await response.json()) as { innerHttpError?: { statusCode: number; body: unknown } };
    expect(body.innerHttpError).toMatchObject({
      statusCode: 400,
      body: { statusCode: 400, value: { code: 'UNKNOWN_VERB' } },
    });
  }, 30_000);

  test('the bot logged every turn without a failure', () => {
    const logs = bot!.logs;
    expect(logs.filter((l) => (l.level as number) >= 50)).toEqual([]);
    expect(logs.filter((l) => l.msg === 'card action').map((l) => l.verb)).toEqual([
      'gaps',
      'score',
      'plan',
      'atRisk',
      'specializations',
      'renewals',
      'trend',
    ]);
  });
});
