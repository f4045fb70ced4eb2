import { readFileSync } from 'node:fs';
import path from 'node:path';
import { VERBS } from '../../bot/conversation/answers';
import { atRiskModel } from '../../cards/detail';
import { forecastCard, forecastModel } from '../../cards/forecast';
import type { AdaptiveCard } from '../../cards/render';
import { scoreCard, scoreCardModel } from '../../cards/score';
import { trendCard, trendCardModel } from '../../cards/trend';
import { scorePartner, toScoreResult, validateDataset, type PartnerDataset } from '../../scoring';
import { forecast } from '../../scoring/forecast';
import type { HistoryPoint } from '../../scoring/history';
import { snapshotHead, type SnapshotHead } from '../../scoring/snapshot';
import { cert, certs, report, steadyPartner } from '../scoring/builders';
import { cardProblems, chartProblems, chartsWithoutFallback, textOf, verbsIn } from './validate';

/** Issue 7's cards: the trend (Chart.Line), the forecast, and the score card's change and forecast line. */

function demo(name: 'contoso-security' | 'northwind-cyber', changes: Partial<PartnerDataset> = {}) {
  const document = JSON.parse(
    readFileSync(path.resolve(__dirname, `../../bot/demo/${name}.json`), 'utf8'),
  ) as PartnerDataset;
  const validation = validateDataset({ ...document, ...changes });
  if (!validation.ok) throw new Error(JSON.stringify(validation.errors));
  const report = scorePartner(validation.dataset);
  return { head: snapshotHead(toScoreResult(report), 1), forecast: forecast(report) };
}

/** Eleven earlier data months (2025-12 … 2026-10) and the head's own, as the import keeps them. */
function yearOf(head: SnapshotHead): HistoryPoint[] {
  const earlier = Array.from({ length: 11 }, (_, i): HistoryPoint => {
    const month = `${i === 0 ? '2025-12' : `2026-${String(i).padStart(2, '0')}`}`;
    const smb = Math.round((head.paths.smb.total - 11 + i + (i % 3) * 0.25) * 100) / 100;
    const enterprise = Math.round((head.paths.enterprise.total - 5.5 + i / 2) * 100) / 100;
    return {
      month,
      asOf: `${month}-20`,
      headline: smb >= enterprise ? 'smb' : 'enterprise',
      totals: { enterprise, smb },
      qualified: { enterprise: enterprise >= 70, smb: smb >= 70 },
    };
  });
  const own: HistoryPoint = {
    month: head.asOf.slice(0, 7),
    asOf: head.asOf,
    headline: head.headline,
    totals: { enterprise: head.paths.enterprise.total, smb: head.paths.smb.total },
    qualified: { enterprise: head.paths.enterprise.qualified, smb: head.paths.smb.qualified },
  };
  return [...earlier, own];
}

const contoso = demo('contoso-security');
const northwind = demo('northwind-cyber');
const full = (d: typeof contoso): SnapshotHead => ({
  ...d.head,
  forecast: d.forecast,
  history: yearOf(d.head),
});

interface CardJson {
  body: Record<string, unknown>[];
  actions: Record<string, unknown>[];
}
const json = (card: AdaptiveCard): CardJson => card as unknown as CardJson;
const texts = (card: AdaptiveCard): string[] =>
  json(card)
    .body.map(textOf)
    .filter((text) => text !== undefined);

describe('every trend, forecast and score card variant', () => {
  const variants: [string, AdaptiveCard][] = [];
  for (const [name, d] of [
    ['contoso', contoso],
    ['northwind', northwind],
  ] as const) {
    const heads: [string, SnapshotHead][] = [
      ['12 months and a forecast', full(d)],
      [
        'its first month, with a forecast',
        { ...d.head, forecast: d.forecast, history: yearOf(d.head).slice(-1) },
      ],
      ['imported before issue 7', d.head],
    ];
    for (const [what, head] of heads) {
      variants.push([`${name} trend, ${what}`, trendCard(head)]);
      variants.push([`${name} forecast, ${what}`, forecastCard(head)]);
      variants.push([`${name} score, ${what}`, scoreCard(head)]);
    }
  }

  test.each(variants)(
    '%s: valid Adaptive Card 1.5 (Teams charts included), bound, < 28 KB',
    (_name, card) => {
      expect(cardProblems(card)).toEqual([]);
    },
  );

  test.each(variants)('%s: every verb is handled, every chart has a fallback', (_name, card) => {
    const verbs = verbsIn(card);
    expect(verbs.length).toBeGreaterThan(0);
    for (const verb of verbs) expect(Object.keys(VERBS)).toContain(verb);
    expect(chartsWithoutFallback(card)).toBe(0);
  });
});

describe('trend card', () => {
  const head = full(contoso);
  const card = json(trendCard(head));
  const chart = card.body.find((e) => e.type === 'Chart.Line') as {
    data: { legend: string; color: string; values: { x: string; y: number }[] }[];
    fallback: { type: string; facts: { title: string; value: string }[] };
  };

  test('a line chart of the last 12 data months: both paths and the 70 line as its own series', () => {
    expect(chart.data.map((s) => [s.legend, s.color])).toEqual([
      ['Enterprise', 'categoricalBlue'],
      ['SMB', 'categoricalPurple'],
      ['Qualifies at 70', 'neutral'],
    ]);
    const months = head.history!.map((p) => p.month);
    expect(months).toHaveLength(12);
    for (const series of chart.data) expect(series.values.map((v) => v.x)).toEqual(months);
    expect(chart.data[0]!.values.map((v) => v.y)).toEqual(head.history!.map((p) => p.totals.enterprise));
    expect(chart.data[1]!.values.map((v) => v.y)).toEqual(head.history!.map((p) => p.totals.smb));
    expect(chart.data[2]!.values.every((v) => v.y === 70)).toBe(true);
    expect(chart.data[1]!.values.at(-1)).toEqual({ x: '2026-11', y: 82 });
  });

  test('the text fallback: month → Enterprise, SMB (clients without charts)', () => {
    expect(chart.fallback.type).toBe('FactSet');
    expect(chart.fallback.facts).toHaveLength(12);
    expect(chart.fallback.facts.at(-1)).toEqual({
      title: '2026-11',
      value: 'Enterprise 23.33 ✗ · SMB ★ 82 ✓',
    });
  });

  test('the change since the previous month and the forecast of both paths', () => {
    const model = trendCardModel(head);
    const before = head.history![10]!;
    expect(before.month).toBe('2026-10');
    expect(model.change).toBe(
      `Since 2026-10: Enterprise ▲ ${Math.round((23.33 - before.totals.enterprise) * 100) / 100} · SMB ▲ ${Math.round((82 - before.totals.smb) * 100) / 100}`,
    );
    expect(model.forecast.map((f) => f.text)).toEqual([
      'If nothing new happens (usage as in October 2026), Enterprise path: Dec 24.33 → Jan 32.67 → Feb 38',
      'If nothing new happens (usage as in October 2026), SMB path: Dec 53 → Jan 44 → Feb 48 (not qualified from Dec)',
    ]);
    expect(model.forecast[1]!.color).toBe('Warning');
  });

  test('without stored months: the data month alone, and no forecast line before issue 7 data', () => {
    const model = trendCardModel(contoso.head);
    expect(model.series[0]!.values).toEqual([{ x: '2026-11', y: 23.33 }]);
    expect(model.chart).toBe(false);
    expect(texts(trendCard(contoso.head)).some((t) => t.startsWith('If nothing new happens'))).toBe(false);
  });

  const charts = (card: AdaptiveCard): number =>
    json(card).body.filter((e) => e.type === 'Chart.Line').length;

  test('one data month: a sentence says so instead of one dot (issue 13)', () => {
    const card = trendCard({ ...full(contoso), history: yearOf(contoso.head).slice(-1) });
    expect(charts(card)).toBe(0);
    expect(texts(card)).toContain(
      'Only one month of history so far (November 2026: SMB path 82 points, Enterprise path 23.33); the trend appears after the next import.',
    );
    expect(texts(card).some((t) => t.startsWith('Since '))).toBe(false);
    expect(cardProblems(card)).toEqual([]);
  });

  test('two data months: one from → to sentence, no chart (issue 13)', () => {
    const card = trendCard({ ...full(contoso), history: yearOf(contoso.head).slice(-2) });
    const before = yearOf(contoso.head)[10]!;
    expect(charts(card)).toBe(0);
    expect(texts(card)).toContain(
      `From October 2026 to November 2026, the SMB path went from ${before.totals.smb} to 82 points and the Enterprise path from ${before.totals.enterprise} to 23.33.`,
    );
    expect(texts(card).some((t) => t.startsWith('Only one month'))).toBe(false);
    expect(cardProblems(card)).toEqual([]);
  });

  test('three data months or more: the chart, and no sentence in its place (issue 13)', () => {
    for (const months of [3, 12]) {
      const card = trendCard({ ...full(contoso), history: yearOf(contoso.head).slice(-months) });
      expect(charts(card)).toBe(1);
      expect(trendCardModel({ ...full(contoso), history: yearOf(contoso.head).slice(-months) }).history).toBe(
        '',
      );
      expect(texts(card).some((t) => t.startsWith('Only one month') || t.startsWith('From '))).toBe(false);
      expect(texts(card).some((t) => t.startsWith('Since 2026-10:'))).toBe(true);
    }
  });

  test('twelve months and long names stay far under 28 KB', () => {
    const size = Buffer.byteLength(JSON.stringify(trendCard(head)), 'utf8');
    expect(size).toBeLessThan(10 * 1024);
  });
});

describe('score card: change since the previous month, forecast line, Trend', () => {
  test('"▲ 4.5 since October 2026" per path from the stored months; nothing without a previous month', () => {
    const head: SnapshotHead = {
      ...contoso.head,
      history: [
        {
          month: '2026-10',
          asOf: '2026-10-20',
          headline: 'smb',
          totals: { enterprise: 25.33, smb: 77.5 },
          qualified: { enterprise: false, smb: true },
        },
        yearOf(contoso.head).at(-1)!,
      ],
    };
    const model = scoreCardModel(head);
    expect(model.paths.map((p) => [p.label, p.change])).toEqual([
      ['SMB ★', '▲ 4.5 since October 2026'],
      ['Enterprise', '▼ 2 since October 2026'],
    ]);
    expect(JSON.stringify(scoreCard(head))).toContain('▲ 4.5 since October 2026');
    // The first month: no change line at all (the $when drops the text block).
    const first = scoreCard({ ...contoso.head, history: yearOf(contoso.head).slice(-1) });
    expect(JSON.stringify(first)).not.toContain('since');
    expect(scoreCardModel(contoso.head).paths.every((p) => p.change === '' && !p.hasChange)).toBe(true);
  });

  test('one forecast line for the path shown; none without a forecast', () => {
    const card = scoreCard(full(contoso));
    expect(texts(card)).toContain(
      'If nothing new happens (usage as in October 2026), SMB path: Dec 53 → Jan 44 → Feb 48 (not qualified from Dec)',
    );
    expect(texts(scoreCard(full(contoso), 'enterprise'))).toContain(
      'If nothing new happens (usage as in October 2026), Enterprise path: Dec 24.33 → Jan 32.67 → Feb 38',
    );
    expect(texts(scoreCard(contoso.head)).some((t) => t.startsWith('If nothing new happens'))).toBe(false);
  });

  test('the at-risk line does not say "nothing at risk" above a forecast that drops', () => {
    expect(scoreCardModel(contoso.head).atRisk).toBe('Nothing at risk in the next 90 days.');
    expect(scoreCardModel(full(contoso))).toMatchObject({
      atRisk: 'No certification stops counting and no customer leaves a 12-month window within 90 days.',
      atRiskColor: 'Default',
    });
  });

  test('Trend and What if… sit beside Plan to qualify and At risk; the card keeps its four own actions', () => {
    const model = scoreCardModel(full(contoso));
    expect(verbsIn(model.bodyActions)).toEqual(['plan', 'atRisk', 'trend', 'whatIf']);
    expect(model.actions.length).toBeLessThanOrEqual(5);
  });
});

describe('forecast card', () => {
  test('each month for both paths, the drop with what changes and the cheapest way to prevent it', () => {
    const model = forecastModel(full(contoso));
    expect(model.subtitle).toBe(
      'Partner Center data of 22 Nov 2026 · usage up to October 2026. Projected from October 2026 data (the latest complete month), assuming usage stays at that level; certifications expire on their dates and the 12-month windows move on.',
    );
    expect(model.sections[0]!.heading).toBe('Today: SMB path 82 ✓ · next 3 months');
    expect(model.sections[0]!.lines.map((l) => l.text)).toEqual([
      '22 Dec 2026: Enterprise 24.33 ✗ · SMB ★ 53 ✗',
      '22 Jan 2027: Enterprise 32.67 ✗ · SMB ★ 44 ✗',
      '22 Feb 2027: Enterprise 38 ✗ · SMB ★ 48 ✗',
      "The designation's renewal window opens on 2026-12-03, before the drop: qualifying on any day of the window is enough.",
    ]);
    const drop = model.sections[1]!;
    expect(drop.heading).toBe('⚠ By 2026-12-22: SMB path below 70 with Deployments at 0 (82 → 53)');
    expect(drop.lines).toContainEqual({ text: 'Deployments: 10 → 0', color: 'Attention' });
    const prevention = contoso.forecast.months[0]!.drop!.prevention;
    expect(drop.lines).toContainEqual({
      text: `Cheapest way to prevent it: ${prevention.additions} additions on the SMB path → ${prevention.projectedTotal} points that month`,
      color: 'Accent',
    });
    for (const step of prevention.steps)
      for (const action of step.actions)
        expect(drop.lines.map((l) => l.text)).toEqual(
          expect.arrayContaining([expect.stringContaining(action)]),
        );
    expect(verbsIn(model.actions)).toEqual(['trend', 'plan', 'score']);
  });

  test('a drop before the renewal window opens says the subscribers get an alert', () => {
    const later = demo('contoso-security', { designation: { enrolled: true, anniversary: '2027-06-01' } });
    const model = forecastModel({ ...later.head, forecast: later.forecast });
    expect(model.sections[0]!.lines.at(-1)).toEqual({
      text: "⚠ The drop comes before the designation's renewal window opens on 2027-04-02: subscribers get an alert.",
      color: 'Attention',
    });
  });

  test('data imported before the forecast existed: says when it comes', () => {
    expect(forecastModel(contoso.head).sections).toEqual([
      {
        heading: 'No forecast for this data version',
        lines: [
          {
            text: 'The forecast is computed when data is imported: the next import brings it.',
            color: 'Default',
          },
        ],
      },
    ]);
  });
});

describe('issue 13: the cards say what the projection assumes, and a steady partner shows no drop', () => {
  const headOf = (data: PartnerDataset): SnapshotHead => {
    const r = report(data);
    return { ...snapshotHead(toScoreResult(r), 1), forecast: forecast(r) };
  };

  test('a steadily qualified partner: qualified every month, no drop on the forecast, at-risk or score card', () => {
    const head = headOf(steadyPartner());
    expect(forecastModel(head).sections.map((s) => s.heading)).toEqual([
      'Today: SMB path 84 ✓ · next 3 months',
      'No drop',
    ]);
    expect(scoreCardModel(head)).toMatchObject({
      atRisk: 'Nothing at risk in the next 90 days.',
      atRiskColor: 'Good',
    });
    expect(scoreCardModel(head).forecast).toEqual([
      {
        text: 'If nothing new happens (usage as in October 2026), SMB path: Dec 84 → Jan 84 → Feb 84',
        color: 'Default',
      },
    ]);
    const next = atRiskModel(head).sections[2]!;
    expect(next.heading).toBe(
      'On 22 Dec 2026, projected from October 2026 data, if usage stays at that level',
    );
    expect(next.lines).toContainEqual({ text: 'SMB: 84 (+0)', color: 'Default' });
    expect(next.lines.some((l) => l.text.includes('not qualified') && l.text.startsWith('SMB'))).toBe(false);
  });

  test('a certification expiring next month: the at-risk and score cards still show the drop', () => {
    const head = headOf(
      steadyPartner('2026-11-22', [
        cert('a', 'SC-500', '2025-12-10'),
        ...certs('a', ['SC-200', 'SC-100'], '2026-06-01'),
      ]),
    );
    expect(scoreCardModel(head).atRisk).toBe(
      '⚠ At risk: 1 certification stops counting within 90 days. SMB next month if usage stays as in October 2026: 64 (not qualified).',
    );
    expect(atRiskModel(head).sections[2]!.lines).toContainEqual({
      text: 'SMB: 64 (-20) — not qualified · Intermediate certifications 24 → 4',
      color: 'Attention',
    });
    expect(forecastModel(head).sections[1]!.heading).toBe('⚠ By 2026-12-22: SMB path below 70 (84 → 64)');
  });

  test("data pulled before the 20th: the forecast says November's data has not arrived and what the score does with it", () => {
    const early = demo('contoso-security', { asOf: '2026-12-06' });
    expect(forecastModel({ ...early.head, forecast: early.forecast }).subtitle).toBe(
      "Partner Center data of 6 Dec 2026. Projected from October 2026 data (the latest complete month: November 2026 data has not arrived yet, today's score counts it as zero), assuming usage stays at that level; certifications expire on their dates and the 12-month windows move on.",
    );
  });
});

describe('the Teams chart checks of the card validator', () => {
  const card = (chart: Record<string, unknown>): AdaptiveCard => ({
    type: 'AdaptiveCard',
    version: '1.5',
    body: [{ ...chart, fallback: { type: 'TextBlock', text: 'chart' } }],
  });

  test('a Chart.Line needs data series with a legend and x/y values; colours are Teams chart colours', () => {
    expect(chartProblems(card({ type: 'Chart.Line' }))).toEqual([expect.stringContaining('Chart.Line data')]);
    expect(
      chartProblems(
        card({ type: 'Chart.Line', data: [{ legend: 'SMB', values: [{ x: '2026-10', y: '82' }] }] }),
      ),
    ).toEqual([expect.stringContaining('Chart.Line data.0.values.0.y')]);
    expect(
      chartProblems(
        card({
          type: 'Chart.Line',
          data: [{ legend: 'SMB', color: 'purple', values: [{ x: '2026-10', y: 82 }] }],
        }),
      ),
    ).toEqual([expect.stringContaining('is not a Teams chart colour')]);
    expect(
      cardProblems(
        card({ type: 'Chart.Line', data: [{ legend: 'SMB', values: [{ x: '2026-10', y: 82 }] }] }),
      ),
    ).toEqual([]);
  });

  test('a chart type the validator does not know is reported, not waved through', () => {
    expect(chartProblems(card({ type: 'Chart.Sparkle', data: [] }))).toEqual([
      'chart: Chart.Sparkle is not a chart this validator knows',
    ]);
  });
});
