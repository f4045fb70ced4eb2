import { gapsCardModel } from '../../cards/gaps';
import { renewalsModel, specializationsModel } from '../../cards/renewals';
import { helpModel, messageCard, noDataModel } from '../../cards/message';
import type { AdaptiveCard } from '../../cards/render';
import { render } from '../../cards/render';
import { scoreCard, scoreCardModel } from '../../cards/score';
import { VERBS } from '../../bot/conversation/answers';
import { everyCardNow } from './everyCard';
import { demoSnapshot } from './fixtures';
import { cardProblems, chartsWithoutFallback, verbsIn } from './validate';

const contoso = demoSnapshot('contoso-security');
const northwind = demoSnapshot('northwind-cyber');

describe('every card', () => {
  const cards = everyCardNow();
  test.each(cards)('%s: valid Adaptive Card 1.5, no leftover ${…}, under 28 KB', (_name, card) => {
    expect(cardProblems(card)).toEqual([]);
  });

  test.each(cards)('%s: every Action.Execute verb is handled, every chart has a fallback', (_name, card) => {
    for (const verb of verbsIn(card)) expect(Object.keys(VERBS)).toContain(verb);
    expect(chartsWithoutFallback(card)).toBe(0);
  });
});

describe('score card', () => {
  test('view model: the headline path against the 70 line, both paths, every metric, data as of', () => {
    const model = scoreCardModel(northwind.head);
    expect(model.headline).toMatchObject({ label: 'Enterprise', total: 64.67 });
    expect(model.headline.verdict).toBe('not qualified — 5.33 points short');
    expect(model.subtitle).toBe(
      'Partner Center data of 22 Nov 2026 · usage up to October 2026 · ★ your best path',
    );
    expect(model.paths.map((p) => p.label)).toEqual(['Enterprise ★', 'SMB']);
    expect(model.paths[0]!.metrics).toEqual([
      { label: 'Net customer adds', value: '8 / 20' },
      { label: 'Intermediate certifications', value: '26.67 / 40' },
      { label: 'Deployments', value: '10 / 20' },
      { label: 'Usage growth', value: '20 / 20' },
    ]);
    expect(model.atRisk).toContain('1 certification stops counting within 90 days');
    expect(verbsIn(model.actions)).toEqual(['gaps', 'score', 'specializations', 'renewals']);
    expect(verbsIn(model.bodyActions)).toEqual(['plan', 'atRisk', 'trend', 'whatIf']);
  });

  test('the card: a gauge with a text fallback, and the actions carry the path', () => {
    const card = scoreCard(contoso.head) as unknown as {
      body: Record<string, unknown>[];
      actions: Record<string, unknown>[];
    };
    const gauge = card.body.find((e) => e.type === 'Chart.Gauge')!;
    expect(gauge).toMatchObject({
      value: 82,
      max: 100,
      fallback: { type: 'TextBlock', text: 'SMB path: 82 / 100 — qualified ✓' },
    });
    expect(card.actions[1]).toMatchObject({
      type: 'Action.Execute',
      verb: 'score',
      data: { path: 'enterprise' },
      fallback: { type: 'Action.Submit', data: { verb: 'score', path: 'enterprise' } },
    });
  });
});

describe('specializations and renewals cards (rules in force on 2026-11-22: audit, I-10 moved anniversaries)', () => {
  test('each specialization with its state and every requirement as a have / need row', () => {
    const model = specializationsModel(northwind.head);
    expect(model.sections.map((s) => [s.heading, s.status])).toEqual([
      ['Threat Protection — earned · anniversary 2027-07-10', 'Earned'],
      ['Data Security — not eligible yet', 'Not eligible'],
      ['Cloud Security — not eligible yet', 'Not eligible'],
      ['Identity and Access Management — earned · anniversary 2027-09-05', 'Earned'],
      ['For every Security specialization', ''],
    ]);
    expect(model.sections[0]!.rows).toContainEqual({
      label: 'People with SC-200 (confirm in Partner Center)',
      figures: 'have 3 · need ≥ 6',
      status: 'Not met',
      statusColor: 'Attention',
    });
    // Only the short status words are coloured; the rows' figures and the notes are plain text.
    for (const section of model.sections)
      for (const row of section.rows) expect(['Met', 'Not met', 'Not checked']).toContain(row.status);
    const iam = model.sections[3]!;
    expect(iam.rows.at(-1)).toMatchObject({
      label: 'Third-party audit',
      figures: 'have gap review 2026-11-20 after 2026-11-17: counts as No Pass · need Pass, valid 2 years',
      status: 'Not met',
    });
    expect(iam.notes.map((n) => n.text)).toEqual(
      expect.arrayContaining([
        'Anniversary moved six months for holders on 2026-07-30: 2027-03-05 → 2027-09-05.',
        'Audit Module A on 2026-11-02: Pass · gap review 2026-11-20 · gap-review window until 2026-11-17 (15 days; later counts as No Pass).',
        'Audit deadline: a pass valid on 2027-09-05, the renewal that checks it.',
      ]),
    );
    expect(model.sections.at(-1)!.notes.map((n) => n.text)).toContain(
      'Partner Center shows the Module A status from September 2026. The checklist is refreshed each January and July: the audit uses the one in force on its date.',
    );
    expect(model.sections[1]!.notes.map((n) => n.text)).toContain(
      'Applied Skills not counted because their names are not confirmed yet: Implement information protection and data loss prevention by using Microsoft Purview — confirm in Partner Center.',
    );
  });

  test('renewals: nearest first, live window state on the given day, odd/even year and what it must show', () => {
    const model = renewalsModel(northwind.head, '2026-11-22');
    expect(model.sections.map((s) => s.heading)).toEqual([
      'Solutions Partner for Security (designation)',
      'Threat Protection',
      'Identity and Access Management',
    ]);
    const tp = model.sections[1]!;
    expect(tp.notes.map((n) => n.text)).toEqual([
      'Anniversary 2027-07-10 (in 230 days) · window not open yet: opens 2027-05-11, closes 2027-07-10, grace until 2027-08-09',
      'Must show (year 3, odd): the qualification requirements only (designation, performance, skilling) — re-enrolled automatically when met.',
      'Missing for this renewal: People with SC-200.',
      'Anniversary moved six months for holders on 2026-07-30 (was 2027-01-10).',
      'Audit deadline: a pass valid on 2028-07-10.',
      'Some thresholds are not public — confirm in Partner Center.',
    ]);
    // Odd year: the audit is not checked at this anniversary.
    expect(tp.rows.at(-1)).toMatchObject({ label: 'Third-party audit', status: 'Not checked' });
    expect(model.sections[0]!.rows[0]).toEqual({
      label: 'Enterprise path (your best)',
      figures: 'have 64.67 · need ≥ 70, every metric ≥ 1',
      status: 'Does not qualify',
      statusColor: 'Attention',
    });
    expect(model.sections[2]!.notes[1]!.text).toBe(
      'Must show (year 2, even): the qualification requirements and a passed third-party audit (valid two years, gap review within 15 days of it).',
    );
    const later = renewalsModel(northwind.head, '2027-07-20');
    expect(later.sections.find((s) => s.heading === 'Threat Protection')!.status).toBe('Grace');
  });
});

describe('gaps card', () => {
  test('what counts, the smallest next step per metric, and the plan', () => {
    const model = gapsCardModel(northwind.head, 'enterprise');
    const skilling = model.metrics.find((m) => m.label === 'Intermediate certifications')!;
    expect(skilling.value).toBe('26.67 / 40');
    expect(skilling.next).toMatch(
      /^Next: Tomás Ortega passes SC-100 or SC-300 or SC-401 \(step 3\) → 33\.33/,
    );
    expect(model.planLine).toBe('Plan to qualify: 1 addition → 71.33 points.');
  });
});

describe('render', () => {
  test('a template field without a value is an error, never a literal ${…}', () => {
    expect(() =>
      render({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: '${missing}' }] }, {}),
    ).toThrow('template field ${missing} has no value in the view model');
  });
});

describe('the card checks themselves', () => {
  test('an unknown element, a leftover binding and an oversized card are reported', () => {
    const bad = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlok', text: '${x}' }] } as const;
    expect(cardProblems(bad as unknown as AdaptiveCard)).toEqual([
      'leftover ${…}',
      expect.stringContaining('TextBlok'),
    ]);
    const big = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [{ type: 'TextBlock', text: 'x'.repeat(30_000) }],
    };
    expect(cardProblems(big as unknown as AdaptiveCard)).toEqual([expect.stringContaining('over 28 KB')]);
  });
});

describe('how data gets in (issue 12)', () => {
  test('the help card and the no-data card say that an admin drops the Partner Center downloads into the personal chat', () => {
    for (const card of [messageCard(helpModel('help')), messageCard(noDataModel('Contoso Security Ltd'))]) {
      const text = JSON.stringify(card);
      expect(text).toContain("Partner Center's downloads");
      expect(text).toContain('personal chat');
    }
  });
});
