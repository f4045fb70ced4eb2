import * as AC from 'adaptivecards';
import { z } from 'zod';
import type { AdaptiveCard } from '../../cards/render';

/** Elements Teams knows that the reference renderer does not: accepted only with a fallback. */
const TEAMS_ONLY = /^Unknown element type "Chart\.[\w.]+"\. Fallback will be used if present\.$/;

/** Teams' chart colours (Microsoft.Teams.Cards ChartColor), as written in card JSON. */
const chartColor = z
  .string()
  .regex(
    /^(?:good|warning|attention|neutral|categorical(?:Red|Purple|Lavender|Blue|LightBlue|Teal|Green|Lime|Marigold)|sequential[1-8]|sequential(?:Red|Green|Yellow)[1-8]|diverging(?:Blue|LightBlue|Cyan|Teal|Yellow|Peach|LightRed|Red|Maroon|Gray))$/,
    'is not a Teams chart colour',
  );
const text = z.string().min(1).optional();
/**
 * The reference renderer does not know Teams' charts, so it cannot check them: their required
 * properties, as in Teams' "Charts in Adaptive Cards" reference, are checked here. Every chart also
 * needs a fallback (chartsWithoutFallback).
 */
const CHART_SCHEMAS: Record<string, z.ZodType> = {
  'Chart.Gauge': z.looseObject({
    value: z.number(),
    min: z.number().optional(),
    max: z.number().optional(),
    title: text,
    subLabel: text,
    valueFormat: z.enum(['Percentage', 'Fraction']).optional(),
    segments: z
      .array(z.looseObject({ size: z.number().positive(), legend: text, color: chartColor.optional() }))
      .optional(),
  }),
  'Chart.Line': z.looseObject({
    title: text,
    xAxisTitle: text,
    yAxisTitle: text,
    colorSet: z.string().optional(),
    data: z
      .array(
        z.looseObject({
          legend: z.string().min(1),
          color: chartColor.optional(),
          values: z.array(z.strictObject({ x: z.union([z.string(), z.number()]), y: z.number() })).min(1),
        }),
      )
      .min(1),
  }),
};

/** Problems of the Teams chart elements in a card: an unknown chart type or a missing or wrong property. */
export function chartProblems(card: unknown): string[] {
  const problems: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (typeof o.type === 'string' && o.type.startsWith('Chart.')) {
        const schema = CHART_SCHEMAS[o.type];
        const parsed = schema?.safeParse(o);
        if (!schema) problems.push(`chart: ${o.type} is not a chart this validator knows`);
        else if (parsed && !parsed.success) {
          for (const issue of parsed.error.issues)
            problems.push(`chart: ${o.type} ${issue.path.join('.')}: ${issue.message}`);
        }
      }
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return problems;
}

/** Problems the Adaptive Cards parser reports for a card (empty when the card is valid 1.5). */
export function cardProblems(card: AdaptiveCard): string[] {
  const problems: string[] = [];
  if (card.version !== '1.5') problems.push(`version ${card.version}, want 1.5`);
  const text = JSON.stringify(card);
  if (/\$\{/.test(text)) problems.push('leftover ${…}');
  const size = Buffer.byteLength(text, 'utf8');
  if (size > 28 * 1024) problems.push(`${size} bytes, over 28 KB`);
  const context = new AC.SerializationContext();
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, context);
  for (let i = 0; i < context.eventCount; i++) {
    const message = context.getEventAt(i).message;
    if (!TEAMS_ONLY.test(message)) problems.push(`parse: ${message}`);
  }
  for (const event of parsed.validateProperties().validationEvents)
    problems.push(`validate: ${event.message}`);
  problems.push(...chartProblems(card));
  return problems;
}

/** Every Action.Execute verb anywhere in a card (actions, action sets, fallbacks). */
export function verbsIn(card: unknown): string[] {
  const verbs: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'Action.Execute' && typeof o.verb === 'string') verbs.push(o.verb);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return verbs;
}

/** Every Chart element has a fallback for clients that do not know it. */
export function chartsWithoutFallback(card: unknown): number {
  let missing = 0;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (typeof o.type === 'string' && o.type.startsWith('Chart.') && !o.fallback) missing += 1;
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return missing;
}

/**
 * The text of a TextBlock, or of a RichTextBlock that render() made of a coloured sentence (its
 * icon and its text; without the dot it adds when the sentence has no icon); undefined otherwise.
 */
export function textOf(element: Record<string, unknown>): string | undefined {
  if (element.type === 'TextBlock' && typeof element.text === 'string') return element.text;
  if (element.type !== 'RichTextBlock' || !Array.isArray(element.inlines)) return undefined;
  return (element.inlines as { text?: string }[])
    .map((run) => run.text ?? '')
    .join('')
    .replace(/^● /, '');
}

/** Every text of a card (TextBlocks and coloured-sentence RichTextBlocks, see textOf), in order. */
export function textsIn(card: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const text = textOf(node as Record<string, unknown>);
      if (text !== undefined) out.push(text);
      else Object.values(node).forEach(walk);
    }
  };
  walk(card);
  return out;
}
