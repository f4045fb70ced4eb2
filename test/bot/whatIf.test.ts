import { ActivityTypes, TestAdapter, type Activity } from 'botbuilder';
import { cardActionFrom, questionFromIntent, type ScoreSource } from '../../bot/conversation/answers';
import { recognize } from '../../bot/conversation/intents';
import { parseWhatIfWords } from '../../bot/conversation/whatIfWords';
import { createLogger } from '../../bot/log';
import { snapshotHeadSchema } from '../../bot/store/documents';
import { PartnerScoreBot } from '../../bot/teamsBot';
import { demoSnapshot } from '../cards/fixtures';
import { ignoredConversations, noFileDrops, noReminders, registration } from './fakes';

describe('what-if sentences', () => {
  test.each([
    [
      'what if we add 2 customers and Dana passes SC-200?',
      { customers: 2, exams: [{ person: 'Dana', exam: 'SC-200' }] },
    ],
    ['what if we add 3 Azure customers', { azureCustomers: 3 }],
    ['what if Sam passes AZ-500', { exams: [{ person: 'Sam', exam: 'AZ-500' }] }],
    ['what if we add 5,000 protected users', { protectedUsers: 5000 }],
    ['What happens if we get two more M365 deployments?', { m365Deployments: 2 }],
    ['what if our Security ACR grows by $10,000', { securityAcrUsd: 10000 }],
    ['what would our score be if we added $2.5k of Security ACR growth', { securityAcrUsd: 2500 }],
    ['what if 2 more people pass SC-200', { newPeople: [{ count: 2, exam: 'SC-200' }] }],
    ['what if someone takes sc500', { newPeople: [{ count: 1, exam: 'SC-500' }] }],
    ['suppose we had 3 more step 3 people', { newPeople: [{ count: 3, step: 3 }] }],
    ["let's say 1 azure deployment plus 2 m365 customers on SMB", { azureDeployments: 1, m365Customers: 2 }],
    [
      "What-if: Anne-Marie O'Neil passes SC-100 and SC-300, and 300 protected users",
      {
        protectedUsers: 300,
        exams: [
          { person: "Anne-Marie O'Neil", exam: 'SC-100' },
          { person: "Anne-Marie O'Neil", exam: 'SC-300' },
        ],
      },
    ],
    ['what if', {}],
    ['simulate', {}],
    ['what if we lose 2 customers', { unparsed: ['we lose 2 customers'] }],
  ])('%s', (text, expected) => {
    expect(parseWhatIfWords(text)).toEqual(expected);
    expect(recognize(text)).toEqual({ name: 'whatIf', whatIf: expected });
  });

  test.each([
    ['hypothetically, 3 more deployments — how many points would that be?', { deployments: 3 }],
    ['scenario: +1 customer, +2 SC-300', { customers: 1, newPeople: [{ count: 2, exam: 'SC-300' }] }],
    ['simulate 200 seats of Microsoft Defender for Office 365', { protectedUsers: 200 }],
    ['what if $3k of Sentinel consumption', { securityAcrUsd: 3000 }],
  ])('new triggers, result questions, products: %s', (text, expected) => {
    expect(parseWhatIfWords(text)).toEqual(expected);
    expect(recognize(text)).toEqual({ name: 'whatIf', whatIf: expected });
  });

  test.each([
    [
      'if we land 2 customers w/ 300 seats of Entra ID P2, whats the new score',
      { customers: 2, protectedUsers: 300 },
    ],
    ['say we add 4 azure deployments', { azureDeployments: 4 }],
    ['supose we add $8k of defender for cloud usage', { securityAcrUsd: 8000 }],
  ])('what-ifs without a trigger, or with a typo in it: %s', (text, expected) => {
    expect(recognize(text)).toEqual({ name: 'whatIf', whatIf: expected });
  });

  test('"if nothing changes" adds nothing: the forecast', () => {
    expect(recognize('if nothing changes where will we be in 5 months').name).toBe('forecast');
  });

  test('no trigger, no what-if: other questions keep their intents', () => {
    expect(parseWhatIfWords("what's our score?")).toBeUndefined();
    expect(recognize('how many new customers do we need?').name).not.toBe('whatIf');
    expect(recognize('who should take which exam?').name).not.toBe('whatIf');
  });

  test('"what if" alone opens the empty card; a sentence carries its additions', () => {
    expect(questionFromIntent(recognize('what if'))).toEqual({ kind: 'whatIf' });
    expect(questionFromIntent(recognize('what if we add 3 Azure customers'))).toEqual({
      kind: 'whatIf',
      words: { azureCustomers: 3 },
    });
  });

  test('the Simulate verb: shape checked by zod, the values by the card; unknown keys dropped', () => {
    expect(cardActionFrom('whatIf.simulate', { azureCustomers: '2', partnerId: '1' })).toEqual({
      kind: 'question',
      question: { kind: 'whatIf', data: { azureCustomers: '2' } },
    });
    expect(cardActionFrom('whatIf', {})).toEqual({ kind: 'question', question: { kind: 'whatIf' } });
    expect(() => cardActionFrom('whatIf.simulate', { person1: ['p-01'] })).toThrow(
      expect.objectContaining({ code: 'INVALID_DATA' }),
    );
  });
});

// ---- the bot ------------------------------------------------------------------------------------

const contoso = demoSnapshot('contoso-security');
const northwind = demoSnapshot('northwind-cyber');
const heads = { '4012345': contoso.head, '4056789': northwind.head } as const;
const scores: ScoreSource = {
  current: async (partnerId) => {
    const head = heads[partnerId as keyof typeof heads];
    return head ? { versionId: 'v1', head } : undefined;
  },
  findCustomers: async () => [],
  allCustomers: async () => [],
};

function adapter(): TestAdapter {
  const bot = new PartnerScoreBot({
    directory: {
      partnerForTenant: async (tenantId) =>
        ({ 'tenant-contoso': '4012345', 'tenant-northwind': '4056789' })[tenantId],
      get: async (partnerId) =>
        ({
          '4012345': registration('4012345', 'Contoso Security Ltd', { adminObjectIds: [] }),
          '4056789': registration('4056789', 'Northwind Cyber', { adminObjectIds: [] }),
        })[partnerId],
    },
    scores,
    conversations: ignoredConversations,
    log: createLogger({ name: 'test', level: 'silent' }),
    today: () => '2026-11-22',
    reminders: noReminders,
    fileDrops: noFileDrops,
  });
  return new TestAdapter(async (context) => bot.run(context), { channelId: 'msteams' } as Partial<Activity>);
}

const from = { id: 'u1', name: 'User', aadObjectId: 'user-oid' };
const message = (text: string, tenant: string): Partial<Activity> => ({
  type: ActivityTypes.Message,
  text,
  channelData: { tenant: { id: tenant } },
  from,
});
const invoke = (verb: string, data: unknown, tenant: string): Partial<Activity> => ({
  type: ActivityTypes.Invoke,
  name: 'adaptiveCard/action',
  value: { action: { type: 'Action.Execute', verb, data } },
  channelData: { tenant: { id: tenant } },
  from,
});
const cardText = (activity: Partial<Activity>): string => JSON.stringify(activity.attachments?.[0]?.content);
const invokeCard = (activity: Partial<Activity>): { status: number; text: string } => {
  const value = activity.value as { status: number; body: { value: unknown } };
  return { status: value.status, text: JSON.stringify(value.body.value) };
};

describe('the stored head', () => {
  test("the statistics are checked when a head is read: a head as imported passes, a damaged one doesn't", () => {
    const stored = JSON.parse(JSON.stringify(northwind.head)) as typeof northwind.head;
    expect(snapshotHeadSchema.safeParse(stored).success).toBe(true);
    const damaged = JSON.parse(JSON.stringify(stored)) as {
      simulation: { paths: { smb: { growthInto: { azure: { headroomCents: number }[] } } } };
    };
    damaged.simulation.paths.smb.growthInto.azure[0]!.headroomCents = -5;
    expect(snapshotHeadSchema.safeParse(damaged).success).toBe(false);
    expect(snapshotHeadSchema.safeParse({ ...stored, simulation: { version: 2 } }).success).toBe(false);
    // Heads imported before the simulator have none: still valid (the card then asks for a re-import).
    expect(snapshotHeadSchema.safeParse({ ...stored, simulation: undefined }).success).toBe(true);
  });
});

describe('the bot', () => {
  test('"what if we add 2 customers and Tomás passes SC-100?" answers with the card already simulated', async () => {
    await adapter()
      .send(message('what if we add 2 customers and Tomás passes SC-100?', 'tenant-northwind'))
      .assertReply((reply) => {
        const text = cardText(reply);
        expect(text).toContain('What if… — Northwind Cyber');
        expect(text).toContain('Tomás Ortega passes SC-100 (step 3) on 2026-11-22: counts for a year.');
        expect(text).toContain('\\"2 customers\\" read as Microsoft 365 customers');
        expect(text).toContain('"verb":"whatIf.simulate"');
      });
  });

  test('"simulate" alone: the empty card', async () => {
    await adapter()
      .send(message('simulate', 'tenant-contoso'))
      .assertReply((reply) => {
        const text = cardText(reply);
        expect(text).toContain('What if… — Contoso Security Ltd');
        expect(text).toContain('Enter what you would add');
      });
  });

  test("Simulate click: the partner is the invoker's tenant's, whatever the payload says", async () => {
    await adapter()
      .send(invoke('whatIf.simulate', { azureCustomers: '1', partnerId: '4056789' }, 'tenant-contoso'))
      .assertReply((reply) => {
        const { status, text } = invokeCard(reply);
        expect(status).toBe(200);
        expect(text).toContain('Contoso Security Ltd');
        expect(text).not.toContain('Northwind');
        expect(text).toContain('Best path: ');
      });
  });

  test('bad values come back in the card (200), not as an error', async () => {
    await adapter()
      .send(
        invoke(
          'whatIf.simulate',
          { azureCustomers: 'many', person1: 'Nobody', exam1: 'SC-200' },
          'tenant-contoso',
        ),
      )
      .assertReply((reply) => {
        const { status, text } = invokeCard(reply);
        expect(status).toBe(200);
        expect(text).toContain('More net Azure customers: must be a number');
        expect(text).toContain('No one called \\"Nobody\\"');
      });
  });

  test('an unknown organization gets "not connected", not a simulation', async () => {
    await adapter()
      .send(invoke('whatIf.simulate', { azureCustomers: '1' }, 'tenant-unknown'))
      .assertReply((reply) => {
        expect(invokeCard(reply).text).toContain("isn't connected");
      });
  });
});
