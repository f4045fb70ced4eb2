import { VERBS } from '../../bot/conversation/answers';
import { detailCard } from '../../cards/detail';
import {
  reminderCard,
  reminderCardModel,
  SCORE_ALERT_SUBJECT,
  scoreAlertCard,
  scoreAlertCardModel,
  specializationMissingModel,
  type ReminderSubject,
} from '../../cards/reminder';
import type { AdaptiveCard } from '../../cards/render';
import type { ScoreAlert } from '../../scoring/alerts';
import { DESIGNATION_SUBJECT } from '../../scoring/reminders';
import type { SnapshotHead } from '../../scoring/snapshot';
import { demoSnapshot } from './fixtures';
import { cardProblems, textOf, verbsIn } from './validate';

const contoso = demoSnapshot('contoso-security').head;
const northwind = demoSnapshot('northwind-cyber').head;

/** Contoso: designation anniversary 2027-02-01 (no first award in the data). */
const designation = (offsetDays: number): ReminderSubject => ({
  subject: DESIGNATION_SUBJECT,
  anniversary: '2027-02-01',
  offsetDays,
});
/**
 * Contoso's data gives the anniversaries Partner Center shows after the six-month move (I-10): Threat
 * Protection first awarded 2023-07-20, anniversary 2027-01-20 — years count from 2024-01-20, so it is
 * the 3rd anniversary (odd).
 */
const threatProtection: ReminderSubject = {
  subject: 'Threat Protection',
  anniversary: '2027-01-20',
  offsetDays: -60,
  firstAwarded: '2024-01-20',
};
/** Contoso: first awarded 2024-09-05, anniversary 2027-03-05 (moved): the 2nd anniversary (even). */
const identity: ReminderSubject = {
  subject: 'Identity and Access Management',
  anniversary: '2027-03-05',
  offsetDays: -30,
  firstAwarded: '2025-03-05',
};

const ALERTS: Record<ScoreAlert['kind'], ScoreAlert> = {
  stoppedQualifying: { kind: 'stoppedQualifying', path: 'smb', previousTotal: 68, total: 64 },
  startedQualifying: { kind: 'startedQualifying', path: 'enterprise', previousTotal: 64.67, total: 71.33 },
  metricAtZero: { kind: 'metricAtZero', path: 'smb', metric: 'deployments', previousPoints: 3.33 },
  forecastDrop: {
    kind: 'forecastDrop',
    path: 'smb',
    asOf: '2026-12-22',
    lastMonth: '2026-11',
    total: 82,
    projectedTotal: 44,
    belowThreshold: true,
    metricsAtZero: ['deployments'],
    windowOpens: '2027-01-05',
    prevention: {
      path: 'smb',
      additions: 3,
      projectedTotal: 70.67,
      steps: [
        {
          metric: 'deployments',
          from: 0,
          to: 6.67,
          additions: 2,
          actions: ['2 more net Azure deployments ($750–$12,000 Security ACR over 12 months)'],
        },
        {
          metric: 'intermediateCertifications',
          from: 32,
          to: 40,
          additions: 1,
          actions: ['Eli Novak passes SC-100 or SC-300 or SC-401 (step 3)'],
        },
      ],
    },
  },
};

interface CardJson {
  body: { type: string; text?: string; facts?: { title: string; value: string }[]; items?: unknown[] }[];
  actions: { title: string; verb?: string; data?: Record<string, unknown> }[];
  refresh?: { action: { type: string; verb: string; data: Record<string, unknown> }; userIds?: string[] };
}
const json = (card: AdaptiveCard): CardJson => card as unknown as CardJson;
/** Every text of a card, in order: titles, facts as "title: value", lines. */
function texts(card: AdaptiveCard): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      const text = textOf(o);
      if (text !== undefined) out.push(text);
      if (o.type === 'FactSet')
        for (const f of o.facts as { title: string; value: string }[]) out.push(`${f.title}: ${f.value}`);
      if (o.type !== 'FactSet' && text === undefined) Object.values(o).forEach(walk);
    }
  };
  walk(json(card).body);
  return out;
}

/** Every reminder and alert card variant, expanded with the demo partners' data. */
function allVariants(): [string, AdaptiveCard][] {
  const cards: [string, AdaptiveCard][] = [];
  for (const [name, head] of [
    ['contoso', contoso],
    ['northwind', northwind],
  ] as const) {
    for (const [offsetDays, today] of [
      [-120, '2026-10-04'],
      [-90, '2026-11-03'],
      [-60, '2026-12-03'],
      [-30, '2027-01-02'],
      [0, '2027-02-01'],
      [30, '2027-03-03'],
    ] as const) {
      cards.push([
        `${name} designation ${offsetDays} on ${today}`,
        reminderCard(head, designation(offsetDays), today),
      ]);
    }
    cards.push([`${name} designation lapsed`, reminderCard(head, designation(30), '2027-04-10')]);
    cards.push([
      `${name} threat protection (odd), acknowledged`,
      reminderCard(head, threatProtection, '2026-11-21', { acknowledged: { name: 'Ana', at: '2026-11-22' } }),
    ]);
    cards.push([
      `${name} identity (even), snoozed, in a channel`,
      reminderCard(head, identity, '2027-02-03', { snoozedUntil: '2027-02-10', snoozedBy: 'Ben' }, [
        '29:one',
        '29:two',
      ]),
    ]);
    cards.push([
      `${name} missing for identity`,
      detailCard(specializationMissingModel(head, identity, '2027-02-03')),
    ]);
    for (const alert of Object.values(ALERTS))
      cards.push([`${name} alert ${alert.kind}`, scoreAlertCard(head, [alert], '0mhx3k2ab-1a2b3c4d')]);
    cards.push([
      `${name} every alert, acknowledged`,
      scoreAlertCard(head, Object.values(ALERTS), 'v1', { acknowledged: { name: 'Ana', at: '2026-11-22' } }),
    ]);
  }
  return cards;
}

describe('every reminder and score-alert card', () => {
  const cards = allVariants();
  test.each(cards)('%s: valid Adaptive Card 1.5, no leftover ${…}, under 28 KB', (_name, card) => {
    expect(cardProblems(card)).toEqual([]);
  });

  test.each(cards)(
    '%s: every Action.Execute verb (refresh included) is handled by the bot',
    (_name, card) => {
      const verbs = verbsIn(card);
      expect(verbs.length).toBeGreaterThan(0);
      for (const verb of verbs) expect(Object.keys(VERBS)).toContain(verb);
    },
  );
});

describe('renewal reminder: the designation', () => {
  test.each([
    [
      -120,
      '2026-10-04',
      'Anniversary 2027-02-01 in 120 days — the renewal window opens 2026-12-03',
      'Days left: 120 days',
      'Window: not open yet — opens 2026-12-03, closes 2027-02-01, grace until 2027-03-03',
    ],
    [
      -60,
      '2026-12-03',
      'Renewal window open — anniversary 2027-02-01 in 60 days',
      'Days left: 60 days',
      'Window: open — opens 2026-12-03, closes 2027-02-01, grace until 2027-03-03',
    ],
    [
      0,
      '2027-02-01',
      'Renewal window open — the anniversary is today',
      'Days left: 0 days',
      'Window: open — opens 2026-12-03, closes 2027-02-01, grace until 2027-03-03',
    ],
    [
      30,
      '2027-03-03',
      'Grace period — the anniversary was 2027-02-01 (30 days ago); the requirements must be met by 2027-03-03',
      'Days since: 30 days',
      'Window: in the 30-day grace period — opens 2026-12-03, closes 2027-02-01, grace until 2027-03-03',
    ],
    [
      30,
      '2027-03-04',
      'Lapsed — the anniversary was 2027-02-01 (31 days ago) and the grace period ended 2027-03-03',
      'Days since: 31 days',
      'Window: lapsed — opens 2026-12-03, closes 2027-02-01, grace until 2027-03-03',
    ],
  ])('offset %i, opened on %s: %s', (offsetDays, today, headline, days, window) => {
    const model = reminderCardModel(contoso, designation(offsetDays), today);
    expect(model.title).toBe('Renewal reminder — Solutions Partner for Security (designation)');
    expect(model.headline).toBe(headline);
    const facts = model.facts.map((f) => `${f.title}: ${f.value}`);
    expect(facts).toEqual([
      'Anniversary: 2027-02-01',
      days,
      window,
      'Must show: one path with ≥ 70 points and ≥ 1 point in every metric, on at least one day in the window',
    ]);
  });

  test('the live status: the headline path against 70, every metric, the other path, data as of', () => {
    const model = reminderCardModel(contoso, designation(-60), '2026-12-03');
    expect(model.subtitle).toBe(
      'Contoso Security Ltd · Partner Center data of 22 Nov 2026 · usage up to October 2026 · today 3 Dec 2026 · reminder 60 days before the anniversary',
    );
    expect(model.headlineColor).toBe('Good');
    expect(model.sections).toEqual([
      {
        heading: 'Status today — headline: SMB path',
        lines: [
          { text: '✓ SMB path (your best): 82 / 100 — qualifies', color: 'Good' },
          { text: '✓ Net customer adds: 20 / 20', color: 'Good' },
          { text: '✓ Intermediate certifications: 32 / 40', color: 'Good' },
          { text: '✓ Deployments: 10 / 20', color: 'Good' },
          { text: '✓ Usage growth: 20 / 20', color: 'Good' },
          { text: 'Enterprise path: 23.33 / 100 — does not qualify', color: 'Default' },
        ],
      },
    ]);
  });

  test('a partner that would not qualify today is warned, with how far short it is', () => {
    const model = reminderCardModel(
      northwind,
      { ...designation(-60), anniversary: '2027-02-15' },
      '2026-12-17',
    );
    expect(model.headlineColor).toBe('Warning');
    expect(model.sections[0]!.lines[0]).toEqual({
      text: '✗ Enterprise path (your best): 64.67 / 100 — does not qualify (5.33 points short of 70)',
      color: 'Attention',
    });
  });

  test('a metric at 0 is named as what blocks qualifying', () => {
    const smb = contoso.paths.smb;
    const broken: SnapshotHead = {
      ...contoso,
      paths: {
        ...contoso.paths,
        smb: {
          ...smb,
          qualified: false,
          metrics: { ...smb.metrics, deployments: { ...smb.metrics.deployments, points: 0, met: false } },
        },
      },
    };
    const lines = reminderCardModel(broken, designation(0), '2027-02-01').sections[0]!.lines;
    expect(lines).toContainEqual({
      text: '✗ Deployments: 0 / 20 — needs at least 1 point',
      color: 'Attention',
    });
    expect(lines[0]!.text).toBe('✗ SMB path (your best): 82 / 100 — does not qualify');
  });

  test('a card opened more than a year after its anniversary still shows the same dates, lapsed', () => {
    const model = reminderCardModel(contoso, designation(30), '2028-06-01');
    expect(model.headline).toBe(
      'Lapsed — the anniversary was 2027-02-01 (486 days ago) and the grace period ended 2027-03-03',
    );
    expect(model.facts[1]).toEqual({ title: 'Days since', value: '486 days' });
  });
});

describe('renewal reminder: a specialization', () => {
  test('odd year, every requirement met: "met today" beside only ✓ lines — never fixed text beside ✗ (issue 13)', () => {
    const met: SnapshotHead = {
      ...contoso,
      specializations: contoso.specializations.map((s) =>
        s.name === 'Threat Protection'
          ? { ...s, requirements: s.requirements.map((r) => ({ ...r, met: true })) }
          : s,
      ),
    };
    const model = reminderCardModel(met, threatProtection, '2026-11-21');
    expect(model.facts.find((f) => f.title === 'Must show')?.value).toBe(
      'the qualification requirements only (designation, performance, skilling) — met today: it is re-enrolled automatically',
    );
    expect(model.sections[0]!.heading).toBe('Status today — earned; this renewal is met');
    expect(model.sections[0]!.lines.filter((l) => l.text.startsWith('✗'))).toEqual([]);
  });

  test('odd year: the qualification requirements only; the audit is not checked at this anniversary', () => {
    const model = reminderCardModel(contoso, threatProtection, '2026-11-21');
    expect(model.title).toBe('Renewal reminder — Threat Protection specialization');
    expect(model.headline).toBe('Renewal window open — anniversary 2027-01-20 in 60 days');
    expect(model.headlineColor).toBe('Warning');
    expect(model.facts.slice(3)).toEqual([
      { title: 'Year', value: '3rd anniversary — odd year' },
      {
        title: 'Must show',
        value:
          'the qualification requirements only (designation, performance, skilling) — 2 requirements not met today: meet them by 2027-02-19 (end of grace) or it lapses',
      },
      // I-11: the audit is checked at the next even anniversary.
      { title: 'Audit by', value: 'a pass valid on 2028-01-20' },
    ]);
    // Every statement from the same status lines: held, and two of this renewal's requirements not met.
    expect(model.sections[0]!.heading).toBe('Status today — earned; 2 requirements of this renewal not met');
    expect(model.sections[0]!.lines.map((l) => l.text).slice(0, 5)).toEqual([
      '✓ Solutions Partner for Security: enrolled (need enrolled)',
      '✗ Performance — Microsoft Defender for Identity MAU growth: 480 (780 vs 300); Microsoft Defender for Cloud Apps MAU growth: 0 (0 vs 0); Microsoft Sentinel ACR: $11,785 (need Microsoft Defender for Identity MAU growth ≥ 1,000 or Microsoft Defender for Cloud Apps MAU growth ≥ 1,000 or Microsoft Sentinel ACR ≥ $100,000) — confirm in Partner Center',
      '✗ People with SC-200: 3 (need ≥ 6) — confirm in Partner Center',
      '– Third-party audit: no audit recorded (need Pass, valid 2 years) — not checked at this anniversary',
      '✗ Missing for this renewal: Microsoft Defender for Identity MAU growth or Microsoft Defender for Cloud Apps MAU growth or Microsoft Sentinel ACR; People with SC-200',
    ]);
  });

  test('even year after the audit date: qualification and a passed audit, with the gap-review window', () => {
    const model = reminderCardModel(contoso, identity, '2027-02-03');
    expect(model.facts.slice(3)).toEqual([
      { title: 'Year', value: '2nd anniversary — even year' },
      {
        title: 'Must show',
        value:
          'the qualification requirements and a passed third-party audit (valid two years, gap review within 15 days of it)',
      },
      { title: 'Audit by', value: 'a pass valid on 2027-03-05' },
    ]);
    const lines = model.sections[0]!.lines.map((l) => l.text);
    expect(lines).toContain(
      '✓ Third-party audit: Pass 2026-10-14, valid until 2028-10-14 (need Pass, valid 2 years)',
    );
    expect(lines).toContain(
      '✗ Missing for this renewal: Microsoft Entra ID Premium MAU growth; People with SC-300',
    );
    expect(lines).toContain(
      'Even year: a passed third-party audit must be valid on the anniversary — a pass lasts two years; customer references no longer count.',
    );
    expect(lines).toContain(
      'Audit Module A on 2026-10-14: Pass · gap review 2026-10-22 · gap-review window until 2026-10-29 (15 days; later counts as No Pass).',
    );
  });

  test('an even anniversary before the audit date still asks for customer references', () => {
    const before: ReminderSubject = { ...identity, anniversary: '2026-07-29', firstAwarded: '2024-07-29' };
    const model = reminderCardModel(contoso, before, '2026-07-01');
    expect(model.facts.find((f) => f.title === 'Must show')?.value).toBe(
      'the qualification requirements and approved customer references (valid two years)',
    );
  });

  test('without a first-award date the year is unknown and both possibilities are named', () => {
    const withoutYear: ReminderSubject = {
      subject: identity.subject,
      anniversary: identity.anniversary,
      offsetDays: identity.offsetDays,
    };
    const model = reminderCardModel(contoso, withoutYear, '2027-02-03');
    expect(model.facts.slice(3, 5)).toEqual([
      { title: 'Year', value: 'not known (the data gives no first-award date)' },
      {
        title: 'Must show',
        value:
          'the qualification requirements; at an even anniversary also a passed third-party audit (valid two years, gap review within 15 days of it)',
      },
    ]);
  });

  test('everything met: the card says so in green', () => {
    const met: SnapshotHead = {
      ...contoso,
      specializations: contoso.specializations.map((s) =>
        s.name === 'Threat Protection'
          ? {
              ...s,
              requirements: s.requirements.map((r) => ({
                ...r,
                met: r.kind === 'audit' ? false : true,
              })),
            }
          : s,
      ),
    };
    const model = reminderCardModel(met, threatProtection, '2026-11-21');
    expect(model.headlineColor).toBe('Good');
    // Odd year: the unmet audit does not count against it.
    expect(model.sections[0]!.lines).toContainEqual({
      text: '✓ Everything this renewal checks is met today',
      color: 'Good',
    });
  });

  test("'Show what's missing': each missing requirement with have vs need and the next step, then all of them", () => {
    const model = specializationMissingModel(contoso, identity, '2027-02-03');
    expect(model.title).toBe(
      "What's missing — Identity and Access Management, renewal on 2027-03-05 (2nd anniversary, even year)",
    );
    expect(model.sections[0]!.lines.map((l) => l.text)).toEqual([
      '✗ Performance — Microsoft Entra ID Premium MAU growth: 0 (0 vs 0) (need Microsoft Entra ID Premium MAU growth ≥ 2,000) — confirm in Partner Center — grow the usage or consumption in the trailing 12 months',
      '✗ People with SC-300: 1 (need ≥ 6) — confirm in Partner Center — more people need to pass the exam',
    ]);
    expect(model.sections[1]!.heading).toBe('Every requirement — Identity and Access Management, earned');
    expect(model.actions[0]).toMatchObject({
      verb: 'reminder.refresh',
      data: { subject: 'Identity and Access Management', occasion: '2027-03-05', offsetDays: -30 },
    });
  });
});

describe('reminder card: actions, refresh and who acknowledged or snoozed it', () => {
  const data = { subject: 'Threat Protection', occasion: '2027-01-20', offsetDays: -60 };

  test('Show what is missing, Snooze 7 days, Got it — each with exactly the card identity as data', () => {
    const card = json(reminderCard(contoso, threatProtection, '2026-11-21'));
    expect(card.actions.map((a) => [a.title, a.verb])).toEqual([
      ["Show what's missing", 'reminder.missing'],
      ['Snooze 7 days', 'reminder.snooze'],
      ['Got it', 'reminder.ack'],
    ]);
    for (const action of card.actions) expect(action.data).toStrictEqual(data);
    expect(card.refresh).toStrictEqual({
      action: { type: 'Action.Execute', verb: 'reminder.refresh', data },
    });
    // The fake Teams connector identifies a message by this JSON: the key order is part of the contract.
    expect(JSON.stringify(card.refresh!.action.data)).toBe(
      '{"subject":"Threat Protection","occasion":"2027-01-20","offsetDays":-60}',
    );
  });

  test('user ids for automatic refresh in group chats and channels: only when given, at most 60', () => {
    const ids = Array.from({ length: 70 }, (_, i) => `29:user-${i}`);
    expect(json(reminderCard(contoso, threatProtection, '2026-11-21', {}, ids)).refresh!.userIds).toEqual(
      ids.slice(0, 60),
    );
    expect(json(reminderCard(contoso, threatProtection, '2026-11-21', {}, [])).refresh).not.toHaveProperty(
      'userIds',
    );
  });

  test('acknowledged: who and when, for everyone, and neither Got it nor Snooze (one state)', () => {
    const card = reminderCard(contoso, threatProtection, '2026-11-21', {
      acknowledged: { name: 'Ana Silva', objectId: 'oid-ana', at: '2026-11-22' },
    });
    expect(texts(card)).toContain('✓ Acknowledged by Ana Silva on 2026-11-22');
    expect(json(card).actions.map((a) => a.title)).toEqual(["Show what's missing"]);
  });

  test('snoozed: who and when it comes back', () => {
    const card = reminderCard(contoso, threatProtection, '2026-11-21', {
      snoozedUntil: '2026-11-28',
      snoozedBy: 'Ben Okafor',
    });
    expect(texts(card)).toContain('Snoozed by Ben Okafor — reminder again on 2026-11-28');
    expect(verbsIn(json(card).actions)).toContain('reminder.ack');
  });

  test('acknowledged after a snooze: only the acknowledgement is shown (one state)', () => {
    const card = reminderCard(contoso, threatProtection, '2026-11-21', {
      acknowledged: { name: 'Ana Silva', at: '2026-11-22' },
      snoozedUntil: '2026-11-28',
      snoozedBy: 'Ben Okafor',
    });
    expect(texts(card)).toContain('✓ Acknowledged by Ana Silva on 2026-11-22');
    expect(texts(card)).not.toContain('Snoozed');
  });
});

describe('score alert card', () => {
  test.each([
    [
      'stoppedQualifying',
      'Security score alert — Contoso Security Ltd: SMB path no longer qualifies (68 → 64)',
    ],
    [
      'startedQualifying',
      'Security score alert — Contoso Security Ltd: Enterprise path qualifies again (64.67 → 71.33)',
    ],
    [
      'metricAtZero',
      'Security score alert — Contoso Security Ltd: Deployments fell to 0 on the SMB path (was 3.33)',
    ],
  ] as const)('%s → %s', (kind, title) => {
    const alert = ALERTS[kind];
    const model = scoreAlertCardModel(contoso, [alert], 'v7');
    expect(model.title).toBe(title);
    expect(model.facts).toEqual([
      { title: 'Enterprise path', value: '23.33 / 100 — not qualified' },
      { title: 'SMB path ★', value: '82 / 100 — qualified' },
    ]);
    expect(verbsIn(model.actions)).toEqual(['score', 'gaps', 'reminder.ack']);
    expect(model.actions[1]).toMatchObject({ data: { path: alert.path } });
  });

  test('forecast drop: when, how far, before the renewal window, and the cheapest way to prevent it', () => {
    const model = scoreAlertCardModel(contoso, [ALERTS.forecastDrop], 'v8');
    expect(model.title).toBe(
      'Security score alert — Contoso Security Ltd: If nothing new happens, the SMB path drops below 70 with Deployments at 0 by 2026-12-22 (82 → 44), before the renewal window opens on 2027-01-05',
    );
    expect(model.sections[0]!.lines).toEqual([
      {
        text: '⚠ Forecast: If nothing new happens, the SMB path drops below 70 with Deployments at 0 by 2026-12-22 (82 → 44), before the renewal window opens on 2027-01-05',
        color: 'Warning',
      },
    ]);
    expect(model.sections[1]).toEqual({
      heading: 'What to do',
      lines: [
        {
          text: 'To prevent it: 3 additions on the SMB path by 2026-12-22 → 70.67 points that month:',
          color: 'Accent',
        },
        {
          text: '• 2 more net Azure deployments ($750–$12,000 Security ACR over 12 months) (Deployments)',
          color: 'Default',
        },
        {
          text: '• Eli Novak passes SC-100 or SC-300 or SC-401 (step 3) (Intermediate certifications)',
          color: 'Default',
        },
      ],
    });
    expect(verbsIn(model.actions)).toEqual(['score', 'gaps', 'forecast', 'reminder.ack']);
    // With an alert of the new data beside it, both say what to do.
    const both = scoreAlertCardModel(contoso, [ALERTS.stoppedQualifying, ALERTS.forecastDrop], 'v8');
    expect(both.sections[1]!.lines.map((l) => l.text.slice(0, 16))).toEqual([
      'The SMB path qua',
      'To prevent it: 3',
      '• 2 more net Azu',
      '• Eli Novak pass',
    ]);
  });

  test('what to do comes from each affected path’s plan', () => {
    const model = scoreAlertCardModel(northwind, [ALERTS.startedQualifying, ALERTS.metricAtZero], 'v7');
    expect(model.title).toBe(
      'Security score alert — Northwind Cyber: Enterprise path qualifies again (64.67 → 71.33) · +1 more',
    );
    expect(model.headline).toBe('Now: Enterprise path (your best) 64.67 / 100 — does not qualify');
    expect(model.sections[1]).toEqual({
      heading: 'What to do',
      lines: [
        {
          text: `Enterprise path: 1 addition to qualify → ${northwind.paths.enterprise.plan.projected.total} points. "What's missing" shows each one.`,
          color: 'Accent',
        },
        {
          text: `SMB path: ${northwind.paths.smb.plan.additions} additions to qualify → ${northwind.paths.smb.plan.projected.total} points. "What's missing" shows each one.`,
          color: 'Accent',
        },
      ],
    });
    expect(model.sections[0]!.lines.map((l) => l.color)).toEqual(['Good', 'Attention']);
  });

  test('refresh identifies the version; acknowledged, it shows who and drops Got it', () => {
    const card = json(
      scoreAlertCard(
        contoso,
        [ALERTS.stoppedQualifying],
        'abc-123',
        { acknowledged: { name: 'Ana', at: '2026-11-22' } },
        ['29:one'],
      ),
    );
    expect(card.refresh).toStrictEqual({
      action: {
        type: 'Action.Execute',
        verb: 'reminder.refresh',
        data: { subject: SCORE_ALERT_SUBJECT, occasion: 'version:abc-123', offsetDays: 0 },
      },
      userIds: ['29:one'],
    });
    expect(texts(card as unknown as AdaptiveCard)).toContain('✓ Acknowledged by Ana on 2026-11-22');
    expect(verbsIn(card.actions)).toEqual(['score', 'gaps']);
  });
});
