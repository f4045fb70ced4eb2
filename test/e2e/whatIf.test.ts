import {
  cardOf,
  ConversationStream,
  firstText,
  type Bot,
  type Card,
  type PlaygroundApi,
  type PlaygroundIds,
  startSession,
  stopSession,
  type PlaygroundSession,
} from './harness';

/**
 * The what-if card in the Microsoft 365 Agents Playground (its API): a sentence answers with the card
 * already simulated, and its Simulate button (Action.Execute with the inputs, as Teams sends them:
 * strings) answers with the card simulated again. The playground's tenant is Contoso Security Ltd
 * (SMB 82, qualified; Enterprise 23.33, no skilling points: step 1 has one person, Ana Silva).
 */

const TITLE = 'What if… — Contoso Security Ltd';

let session: PlaygroundSession | undefined;
let bot: Bot | undefined;
let stream: ConversationStream | undefined;
let ids: PlaygroundIds;
let api: PlaygroundApi;
let whatIf: { card: Card; messageId: string } | undefined;

beforeAll(async () => {
  session = await startSession();
  ({ bot, ids, api, stream } = session);
}, 120_000);

afterAll(async () => {
  await stopSession(session);
}, 30_000);

/** Every element of a card with the given type, depth first. */
function elementsOf(node: unknown, type: string): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (o.type === type) found.push(o);
      Object.values(o).forEach(walk);
    }
  };
  walk(node);
  return found;
}

describe('the what-if card in the Microsoft 365 Agents Playground', () => {
  test('"what if we add 2 Azure customers and Chen Wei passes SC-500?" → the card, already simulated', async () => {
    const from = stream!.length;
    const response = await api.say('what if we add 2 Azure customers and Chen Wei passes SC-500?');
    expect(response.status).toBe(200);
    const reply = await stream!.next(
      (m) => firstText(cardOf(m, ids.conversationId)) === TITLE,
      'what-if card',
      20_000,
      from,
    );
    const card = cardOf(reply, ids.conversationId)!;
    whatIf = { card, messageId: reply.message!.messageId };
    const text = JSON.stringify(card);
    // Chen Wei's SC-500 completes Enterprise step 1 (with Ana Silva): three step-3 holders then earn 40/6 each.
    expect(text).toContain('23.33 → 47.33 (+24) / 100');
    expect(text).toContain('0 → 20 (+20) / 40');
    expect(text).toContain('Chen Wei passes SC-500 (step 1) on 2026-11-22: counts for a year.');
    const inputs = Object.fromEntries(elementsOf(card.body, 'Input.Number').map((i) => [i.id, i.value]));
    expect(inputs).toMatchObject({ azureCustomers: 2 });
  }, 30_000);

  test('Simulate with changed inputs (strings, as Teams sends them) → the card simulated again', async () => {
    if (!whatIf) throw new Error('no what-if card: the previous test failed');
    const simulateButton = whatIf.card.actions!.find((a) => a.verb === 'whatIf.simulate')!;
    expect(simulateButton).toMatchObject({ type: 'Action.Execute', associatedInputs: 'auto' });
    // The inputs as Teams sends them with the action's data: strings.
    const response = await api.invoke(
      {
        ...simulateButton,
        data: {
          ...simulateButton.data,
          azureCustomers: '2',
          protectedUsers: '600',
          person1: 'p-03',
          exam1: 'SC-500',
        },
      },
      whatIf.messageId,
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as { type: string; value: Card };
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(firstText(body.value)).toBe(TITLE);
    const text = JSON.stringify(body.value);
    expect(text).toContain('23.33 → 51.33 (+28) / 100'); // + 4 usage growth points from 600 protected users
    expect(text).toContain('16 → 20 (+4) / 20');
    const inputs = Object.fromEntries(
      [...elementsOf(body.value.body, 'Input.Number'), ...elementsOf(body.value.body, 'Input.ChoiceSet')].map(
        (i) => [i.id, i.value],
      ),
    );
    expect(inputs).toMatchObject({
      azureCustomers: 2,
      protectedUsers: 600,
      person1: 'p-03',
      exam1: 'SC-500',
    });
  }, 30_000);

  test('the bot logged the turns without a failure', () => {
    const logs = bot!.logs;
    expect(logs.filter((l) => (l.level as number) >= 50)).toEqual([]);
    expect(logs.filter((l) => l.msg === 'message').map((l) => l.intent)).toContain('whatIf');
    expect(logs.filter((l) => l.msg === 'card action').map((l) => l.verb)).toEqual(['whatIf.simulate']);
  });
});
