import {
  answer,
  cardActionFrom,
  questionFromIntent,
  textAnswer,
  VERBS,
} from '../../bot/conversation/answers';
import { managerSummary, summaryCard, summaryModel, summaryText } from '../../cards/summary';
import { toScoreResult } from '../../scoring';
import { snapshotHead, type SnapshotHead } from '../../scoring/snapshot';
import { cert, dataset, report } from '../scoring/builders';
import { demoSnapshot } from './fixtures';
import { cardProblems, verbsIn } from './validate';

const contoso = demoSnapshot('contoso-security').head;
const northwind = demoSnapshot('northwind-cyber').head;
const TODAY = '2026-11-22';

describe('summary for a manager', () => {
  test('not qualified: the standing per path, the biggest gap and what closes it, the next renewal, the risk, the data month in partner words', () => {
    expect(managerSummary(northwind, TODAY)).toEqual([
      'Northwind Cyber does not qualify for Solutions Partner for Security yet: its best path, Enterprise, has 64.67 of the 70 points needed (with at least 1 point in each of the four metrics); the SMB path has 49.33.',
      'The biggest gap: 5.33 points short on the Enterprise path. What closes it (1 addition): Tomás Ortega passes SC-100 or SC-300 or SC-401 (step 3).',
      // Threat Protection's anniversary moved six months to July 2027 (I-10): the designation is next.
      'Next renewal: the Solutions Partner for Security designation, anniversary 15 Feb 2027 (in 85 days; its renewal window opens 17 Dec 2026).',
      "At risk: 1 certification stops counting within 90 days (Sofia Lindqvist's SC-200 on 12 Jan 2027); without it the Enterprise path would have 58 and not qualify.",
      'Data from Partner Center as of 22 Nov 2026, covering usage to October 2026.',
    ]);
  });

  test('qualified: the headline path, where there is most room to grow, nothing at risk', () => {
    expect(managerSummary(contoso, TODAY)).toEqual([
      'Contoso Security Ltd qualifies for Solutions Partner for Security: 82 points on the SMB path (70 needed, with at least 1 point in each of the four metrics); the Enterprise path has 23.33.',
      'The most room to grow: deployments at 10 of 20 points; 1 more net Microsoft 365 deployment (≥ 15% of 5–300 paid licenses active) would bring it to 13.33.',
      'Next renewal: the Threat Protection specialization, anniversary 20 Jan 2027 (in 59 days; its renewal window is open).',
      'Nothing is at risk in the next 90 days.',
      'Data from Partner Center as of 22 Nov 2026, covering usage to October 2026.',
    ]);
  });

  test('far from qualifying: the points short and the metrics at 0, the plan that closes it', () => {
    const head = snapshotHead(
      toScoreResult(report(dataset({ certifications: [cert('a', 'SC-200', '2026-06-01')] }))),
      1,
    );
    expect(managerSummary(head, TODAY).slice(0, 2)).toEqual([
      expect.stringMatching(
        /^Test Partner does not qualify for Solutions Partner for Security yet: its best path, SMB, has 4 of the 70 points needed/,
      ),
      expect.stringMatching(
        /^The biggest gap: 66 points short on the SMB path, with net customer adds, deployments and usage growth at 0\. What closes it \(\d+ additions\): /,
      ),
    ]);
  });

  test('the next renewal: a window not open yet, the grace period, none in the data', () => {
    const onlyDesignation: SnapshotHead = {
      ...contoso,
      specializations: contoso.specializations.map(({ anniversary: _a, ...s }) => s),
    };
    expect(managerSummary(onlyDesignation, '2026-10-01')[2]).toBe(
      'Next renewal: the Solutions Partner for Security designation, anniversary 1 Feb 2027 (in 123 days; its renewal window opens 3 Dec 2026).',
    );
    expect(managerSummary(onlyDesignation, '2027-02-11')[2]).toBe(
      'Next renewal: the Solutions Partner for Security designation, anniversary 1 Feb 2027 (10 days ago, in its grace period until 3 Mar 2027).',
    );
    const none: SnapshotHead = { ...onlyDesignation, designation: { enrolled: true } };
    expect(managerSummary(none, TODAY)[2]).toBe('No renewal date is in the Partner Center data.');
  });

  test('many certifications at risk are counted, not named; customers leaving are counted', () => {
    const cert = northwind.atRisk.certifications[0]!;
    const head: SnapshotHead = {
      ...northwind,
      atRisk: {
        ...northwind.atRisk,
        certifications: [cert, cert, cert, cert],
        customersLeavingCount: 2,
      },
    };
    expect(managerSummary(head, TODAY)[3]).toBe(
      'At risk: 4 certifications stop counting within 90 days; without them the Enterprise path would have 58 and not qualify; 2 customers leave a 12-month window next month (Enterprise next month if usage stays as in October 2026: 64.67, not qualified).',
    );
  });

  test('the card shows exactly the text of the message; valid, fully bound, every verb handled', () => {
    for (const head of [contoso, northwind]) {
      const card = summaryCard(head, TODAY);
      expect(cardProblems(card)).toEqual([]);
      for (const verb of verbsIn(card)) expect(Object.keys(VERBS)).toContain(verb);
      const paragraphs = summaryModel(head, TODAY).paragraphs.map((p) => p.text);
      expect(paragraphs.join('\n\n')).toBe(summaryText(head, TODAY));
      const body = (card as unknown as { body: { text: string }[] }).body.map((b) => b.text);
      expect(body.slice(1, 1 + paragraphs.length)).toEqual(paragraphs);
    }
  });

  test('a partner name with ${…} stays as written in the text and on the card', () => {
    const head = { ...contoso, partnerName: 'Acme ${partnerName} *Ltd*' };
    expect(summaryText(head, TODAY)).toMatch(/^Acme \$\{partnerName\} \*Ltd\* qualifies/);
    expect(JSON.stringify(summaryCard(head, TODAY))).toContain('Acme ${partnerName} *Ltd* qualifies');
  });
});

describe('the question and the click', () => {
  const source = { current: jest.fn(), findCustomers: jest.fn(), allCustomers: jest.fn() };
  const current = { versionId: 'v1', head: northwind };

  test('summary → the text message; the card for a click holds the same text', async () => {
    const question = questionFromIntent({ name: 'summary' });
    expect(question).toEqual({ kind: 'summary' });
    expect(textAnswer(question!, current, TODAY)).toBe(summaryText(northwind, TODAY));
    const card = await answer(question!, { partnerId: '4056789', name: 'Northwind' }, current, source, TODAY);
    expect(JSON.stringify(card)).toContain('Summary for your manager — Northwind Cyber');
    expect(cardActionFrom('summary', {})).toEqual({ kind: 'question', question: { kind: 'summary' } });
  });

  test('no text answer for card questions, nor without data (the no-data card answers)', () => {
    expect(textAnswer({ kind: 'score' }, current, TODAY)).toBeUndefined();
    expect(textAnswer({ kind: 'summary' }, undefined, TODAY)).toBeUndefined();
  });
});
