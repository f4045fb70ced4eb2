import { z } from 'zod';
import { METRICS, type Track } from '../scoring';
import { examsForStep } from '../scoring/gaps';
import { usdToCents } from '../scoring/money';
import { round2, type Points } from '../scoring/points';
import { ruleSetFor } from '../scoring/rules';
import type { SkillingStep } from '../scoring/rules/types';
import {
  examRule,
  simulate,
  simulationBase,
  SimulationError,
  type Additions,
  type ExamReading,
  type SimulatedPath,
  type Simulation,
} from '../scoring/simulate';
import type { SnapshotHead } from '../scoring/snapshot';
import {
  dataLine,
  dayText,
  METRIC_LABEL,
  monthText,
  OTHER_TRACK,
  plural,
  pts,
  TRACK_LABEL,
  type CardColor,
} from './format';
import { executeAction, render, type AdaptiveCard } from './render';
import template from './templates/whatIf.json';

/**
 * The what-if card: number inputs for each addition, named people passing named exams, and a
 * Simulate button (`whatIf.simulate`) that answers with the same card, both paths simulated, the
 * change against today and the inputs kept. Inputs are untrusted: numbers arrive as strings from
 * Teams, anything may be typed; every problem is shown in the card, nothing throws.
 */

export const SIMULATE_VERB = 'whatIf.simulate';
export const OPEN_VERB = 'whatIf';

/** The number inputs: stable ids (the card's contract), labels, bounds. */
export const NUMBER_FIELDS = [
  { id: 'azureCustomers', label: 'More net Azure customers', max: 1_000 },
  { id: 'm365Customers', label: 'More net Microsoft 365 customers', max: 1_000 },
  { id: 'azureDeployments', label: 'More Azure deployments', max: 1_000 },
  { id: 'm365Deployments', label: 'More Microsoft 365 deployments', max: 1_000 },
  { id: 'securityAcrUsd', label: 'More Security ACR growth ($)', max: 10_000_000 },
  { id: 'protectedUsers', label: 'More protected users', max: 1_000_000 },
  { id: 'step1People', label: 'New people passing a step-1 exam', max: 100 },
  { id: 'step2People', label: 'New people passing a step-2 exam', max: 100 },
  { id: 'step3People', label: 'New people passing a step-3 exam', max: 100 },
] as const;
export type NumberField = (typeof NUMBER_FIELDS)[number]['id'];

/** Named people passing named exams: this many person/exam input pairs. */
export const EXAM_SLOTS = 2;
const personField = (slot: number): string => `person${slot}`;
const examField = (slot: number): string => `exam${slot}`;
/** Up to this many people are offered in a list; beyond, the person is typed (name or id). */
const PEOPLE_LIST_LIMIT = 30;

const raw = z.union([z.number(), z.string().max(60, 'is too long')]).optional();

/** The Simulate click's data as it arrives (Teams sends input values as strings): shape only. */
export const whatIfDataSchema = z.object({
  ...Object.fromEntries(NUMBER_FIELDS.map((f) => [f.id, raw])),
  ...Object.fromEntries(
    Array.from({ length: EXAM_SLOTS }, (_, i) => [
      [personField(i + 1), raw],
      [examField(i + 1), raw],
    ]).flat(),
  ),
} as Record<string, typeof raw>);
export type WhatIfData = Partial<Record<string, string | number>>;

/** What a sentence asks ("what if we add 2 customers and Dana passes SC-200?"), before the partner's data. */
export interface WhatIfWords {
  readonly azureCustomers?: number;
  readonly m365Customers?: number;
  /** Customers without a side: the side with more net adds on the headline path gets them. */
  readonly customers?: number;
  readonly azureDeployments?: number;
  readonly m365Deployments?: number;
  readonly deployments?: number;
  readonly securityAcrUsd?: number;
  readonly protectedUsers?: number;
  /** New people passing an exam of a step, or a named exam (its step on the date). */
  readonly newPeople?: readonly {
    readonly count: number;
    readonly step?: SkillingStep;
    readonly exam?: string;
  }[];
  /** A named person (as typed) passing a named exam. */
  readonly exams?: readonly { readonly person: string; readonly exam: string }[];
  /** Parts of the sentence not understood. */
  readonly unparsed?: readonly string[];
}

/** The card's inputs from a sentence, with notes on how it was read. */
export function whatIfDataFromWords(
  head: SnapshotHead,
  words: WhatIfWords,
): { data: WhatIfData; notes: string[]; errors: string[] } {
  const data: Record<string, number | string> = {};
  const notes: string[] = [];
  const errors: string[] = [];
  const add = (field: NumberField, n: number | undefined): void => {
    if (n !== undefined) data[field] = (typeof data[field] === 'number' ? data[field] : 0) + n;
  };
  add('azureCustomers', words.azureCustomers);
  add('m365Customers', words.m365Customers);
  add('azureDeployments', words.azureDeployments);
  add('m365Deployments', words.m365Deployments);
  add('securityAcrUsd', words.securityAcrUsd);
  add('protectedUsers', words.protectedUsers);
  const headline = head.paths[head.headline].metrics;
  const sideFor = (
    n: number | undefined,
    metric: 'netCustomerAdds' | 'deployments',
    fields: readonly [NumberField, NumberField],
    what: string,
  ): void => {
    if (n === undefined) return;
    // The side where they count at once: the one with more net adds (a side below 0 first makes up its loss).
    const m365 = headline[metric].m365.net > headline[metric].azure.net;
    add(m365 ? fields[1] : fields[0], n);
    notes.push(
      `"${plural(n, what)}" read as ${m365 ? 'Microsoft 365' : 'Azure'} ${what}s: the side with more net adds on the ${TRACK_LABEL[head.headline]} path. Change the fields to compare.`,
    );
  };
  sideFor(words.customers, 'netCustomerAdds', ['azureCustomers', 'm365Customers'], 'customer');
  sideFor(words.deployments, 'deployments', ['azureDeployments', 'm365Deployments'], 'deployment');
  const rules = ruleSetFor(head.asOf);
  for (const group of words.newPeople ?? []) {
    let step = group.step;
    if (group.exam !== undefined) {
      try {
        step = examRule(rules, group.exam).step;
      } catch (error) {
        if (!(error instanceof SimulationError)) throw error;
        errors.push(error.message);
        continue;
      }
    }
    if (step !== undefined) add(`step${step}People`, group.count);
  }
  const exams = words.exams ?? [];
  exams.slice(0, EXAM_SLOTS).forEach((e, i) => {
    data[personField(i + 1)] = e.person;
    data[examField(i + 1)] = e.exam;
  });
  if (exams.length > EXAM_SLOTS)
    errors.push(`At most ${EXAM_SLOTS} named people per simulation: the first ${EXAM_SLOTS} are filled in.`);
  for (const part of words.unparsed ?? [])
    errors.push(`Not understood: "${part.slice(0, 60)}" — use the fields below.`);
  return { data, notes, errors };
}

// ---- inputs → additions ---------------------------------------------------------------------------

interface PersonRef {
  readonly personId: string;
  readonly name: string;
  readonly steps: readonly number[];
}

/** A person by id, else by name (case-insensitive), else by the start of a name ("Dana" → "Dana Levi"). */
function findPerson(people: readonly PersonRef[], typed: string): { person?: PersonRef; error?: string } {
  const text = typed.trim().toLowerCase();
  const byId = people.find((p) => p.personId.toLowerCase() === text);
  if (byId) return { person: byId };
  const exact = people.filter((p) => p.name.toLowerCase() === text);
  const found =
    exact.length > 0
      ? exact
      : people.filter((p) => {
          const name = p.name.toLowerCase();
          return name.startsWith(`${text} `) || name.split(/\s+/).includes(text);
        });
  if (found.length === 1) return { person: found[0]! };
  if (found.length === 0)
    return {
      error: `No one called "${typed.slice(0, 40)}" holds or held a Security certification in this data: use "New people passing a step-… exam" for someone new.`,
    };
  return {
    error: `${found.length} people match "${typed.slice(0, 40)}" (${found
      .slice(0, 4)
      .map((p) => `${p.name} (${p.personId})`)
      .join(', ')}${found.length > 4 ? ', …' : ''}): use the full name or the id.`,
  };
}

/** "1,500", " 12 ", "$2,500.50" → a number; '' → undefined; anything else → NaN. */
function numberOf(value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') return value;
  const text = value.trim().replace(/^\$/, '').replace(/[,\s]/g, '');
  if (text === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
}

export interface ParsedInputs {
  readonly additions: Additions;
  /** The values to show back in the inputs. */
  readonly values: Record<string, number | string>;
  readonly errors: string[];
  readonly empty: boolean;
}

/** Validates the inputs against their bounds and the partner's people (zod for the numbers). */
export function parseWhatIfData(head: SnapshotHead, data: WhatIfData): ParsedInputs {
  const errors: string[] = [];
  const values: Record<string, number | string> = {};
  const numbers: Partial<Record<NumberField, number>> = {};
  for (const field of NUMBER_FIELDS) {
    const cents = field.id === 'securityAcrUsd';
    const schema = z
      .number({ error: `${field.label}: must be a number` })
      .refine(
        (n) => (cents ? Math.abs(n * 100 - Math.round(n * 100)) < 1e-6 : Number.isInteger(n)),
        cents ? `${field.label}: dollars with at most 2 decimals` : `${field.label}: must be a whole number`,
      )
      .refine(
        (n) => n >= 0 && n <= field.max,
        `${field.label}: from 0 to ${field.max.toLocaleString('en-US')}`,
      )
      .optional();
    const parsed = schema.safeParse(numberOf(data[field.id]));
    if (!parsed.success) {
      errors.push(
        `${parsed.error.issues[0]?.message ?? field.label}: "${String(data[field.id]).slice(0, 20)}"`,
      );
      continue;
    }
    if (parsed.data === undefined) continue;
    values[field.id] = parsed.data;
    if (parsed.data > 0) numbers[field.id] = parsed.data;
  }
  const exams: { personId: string; exam: string }[] = [];
  const rules = ruleSetFor(head.asOf);
  for (let slot = 1; slot <= EXAM_SLOTS; slot++) {
    const person = String(data[personField(slot)] ?? '').trim();
    const exam = String(data[examField(slot)] ?? '').trim();
    if (person !== '') values[personField(slot)] = person;
    if (exam !== '') values[examField(slot)] = exam;
    if (person === '' && exam === '') continue;
    if (person === '' || exam === '') {
      errors.push(`Named exam ${slot}: choose both a person and an exam.`);
      continue;
    }
    const found = findPerson(head.people, person);
    let rule;
    try {
      rule = examRule(rules, exam);
    } catch (error) {
      if (!(error instanceof SimulationError)) throw error;
      errors.push(`Named exam ${slot}: ${error.message}`);
    }
    if (found.error) errors.push(`Named exam ${slot}: ${found.error}`);
    if (!found.person || !rule) continue;
    values[personField(slot)] =
      head.people.length <= PEOPLE_LIST_LIMIT ? found.person.personId : found.person.name;
    values[examField(slot)] = rule.exam;
    exams.push({ personId: found.person.personId, exam: rule.exam });
  }
  const newPeople = {
    ...(numbers.step1People ? { 1: numbers.step1People } : {}),
    ...(numbers.step2People ? { 2: numbers.step2People } : {}),
    ...(numbers.step3People ? { 3: numbers.step3People } : {}),
  };
  const additions: Additions = {
    ...(numbers.azureCustomers ? { azureCustomers: numbers.azureCustomers } : {}),
    ...(numbers.m365Customers ? { m365Customers: numbers.m365Customers } : {}),
    ...(numbers.azureDeployments ? { azureDeployments: numbers.azureDeployments } : {}),
    ...(numbers.m365Deployments ? { m365Deployments: numbers.m365Deployments } : {}),
    ...(numbers.securityAcrUsd ? { securityAcrCents: usdToCents(numbers.securityAcrUsd) } : {}),
    ...(numbers.protectedUsers ? { protectedUsers: numbers.protectedUsers } : {}),
    ...(Object.keys(newPeople).length > 0 ? { newPeople } : {}),
    ...(exams.length > 0 ? { exams } : {}),
  };
  return { additions, values, errors, empty: Object.keys(additions).length === 0 };
}

// ---- the card -------------------------------------------------------------------------------------

export interface WhatIfCardModel {
  readonly title: string;
  readonly subtitle: string;
  readonly errors: readonly string[];
  readonly simulated: boolean;
  readonly headlineLine: string;
  readonly paths: readonly {
    label: string;
    totalText: string;
    verdict: string;
    color: CardColor;
    metrics: readonly { label: string; value: string }[];
    dataLines: readonly string[];
  }[];
  readonly notes: readonly string[];
  readonly intro: string;
  readonly inputs: readonly Record<string, unknown>[];
  readonly actions: readonly Record<string, unknown>[];
}

const signed = (p: Points): string => {
  const n = round2(p.abs());
  return `${p.compare(0) < 0 ? '−' : '+'}${pts(n)}`;
};

/** "8" when unchanged, "8 → 10 (+2)" when it moves. */
function fromTo(today: Points, simulated: Points): string {
  if (today.equals(simulated)) return pts(round2(today));
  return `${pts(round2(today))} → ${pts(round2(simulated))} (${signed(simulated.sub(today))})`;
}

function verdict(path: SimulatedPath, today: SimulatedPath): string {
  const was =
    today.qualified === path.qualified ? '' : ` (today: ${today.qualified ? 'qualified' : 'not qualified'})`;
  if (path.qualified) return `qualified ✓${was}`;
  const short = Math.max(0, 70 - round2(path.total));
  const zero = METRICS.filter((m) => path.metrics[m].compare(1) < 0).length;
  const parts = [
    short > 0 ? `${pts(Math.round(short * 100) / 100)} points short` : '',
    zero > 0 ? `${plural(zero, 'metric')} below 1 point` : '',
  ].filter(Boolean);
  return `not qualified — ${parts.join(', ')}${was}`;
}

function examNote(reading: ExamReading, head: SnapshotHead): string {
  const who = `${reading.name} passes ${reading.exam} (step ${reading.step})`;
  switch (reading.state) {
    case 'valid': {
      const person = head.people.find((p) => p.personId === reading.personId);
      return person?.steps.includes(reading.step)
        ? `${who}: already holds a valid step-${reading.step} certification, so nothing changes.`
        : `${who} on ${head.asOf}: counts for a year.`;
    }
    case 'earnedAfterRetirement':
      return `${who}: ${reading.exam} retired on ${reading.retires}; passed after that, it does not count.`;
    default:
      return `${who}: does not count on ${head.asOf} (${reading.state}).`;
  }
}

function numberInput(
  id: NumberField,
  label: string,
  max: number,
  value: number | string | undefined,
): object {
  return {
    type: 'Input.Number',
    id,
    label,
    min: 0,
    max,
    placeholder: '0',
    ...(typeof value === 'number' ? { value } : {}),
  };
}

function columns(items: readonly object[]): Record<string, unknown> {
  return {
    type: 'ColumnSet',
    columns: items.map((item) => ({ type: 'Column', width: 'stretch', items: [item] })),
  };
}

function inputsOf(head: SnapshotHead, values: Record<string, number | string>): Record<string, unknown>[] {
  const rules = ruleSetFor(head.asOf);
  const field = (id: NumberField): object => {
    const f = NUMBER_FIELDS.find((x) => x.id === id)!;
    const exams = id.startsWith('step') ? examsForStep(rules, Number(id[4]) as SkillingStep, head.asOf) : [];
    const label = exams.length > 0 ? `${f.label} (${exams.join('/')})` : f.label;
    return numberInput(id, label, f.max, values[id]);
  };
  const examChoices = ([1, 2, 3] as const).flatMap((step) =>
    rules.certifications
      .filter((c) => examsForStep(rules, step, head.asOf).includes(c.exam))
      .map((c) => ({ title: `${c.exam} — ${c.title} (step ${step})`, value: c.exam })),
  );
  const listed = head.people.length <= PEOPLE_LIST_LIMIT;
  const slots = Array.from({ length: EXAM_SLOTS }, (_, i) => i + 1).map((slot) => {
    const person = values[personField(slot)];
    const exam = values[examField(slot)];
    const personInput = listed
      ? {
          type: 'Input.ChoiceSet',
          id: personField(slot),
          label: `Person ${slot}`,
          style: 'filtered',
          placeholder: 'Choose someone',
          choices: head.people.map((p) => ({ title: `${p.name} (${p.personId})`, value: p.personId })),
          ...(typeof person === 'string' ? { value: person } : {}),
        }
      : {
          type: 'Input.Text',
          id: personField(slot),
          label: `Person ${slot} (name or id)`,
          maxLength: 60,
          ...(typeof person === 'string' ? { value: person } : {}),
        };
    const examInput = {
      type: 'Input.ChoiceSet',
      id: examField(slot),
      label: `passes exam`,
      style: 'compact',
      placeholder: 'Choose an exam',
      choices: examChoices,
      ...(typeof exam === 'string' && examChoices.some((c) => c.value === exam) ? { value: exam } : {}),
    };
    return columns([personInput, examInput]);
  });
  return [
    columns([field('azureCustomers'), field('m365Customers')]),
    columns([field('azureDeployments'), field('m365Deployments')]),
    columns([field('securityAcrUsd'), field('protectedUsers')]),
    columns([field('step1People'), field('step2People'), field('step3People')]),
    ...slots,
  ];
}

function actionsOf(): Record<string, unknown>[] {
  const simulateAction = executeAction('Simulate', SIMULATE_VERB);
  return [
    {
      ...simulateAction,
      associatedInputs: 'auto',
      style: 'positive',
      fallback: { ...(simulateAction.fallback as object), associatedInputs: 'auto' },
    },
    { ...executeAction('Clear', OPEN_VERB), associatedInputs: 'none' },
    { ...executeAction('Back to the score', 'score'), associatedInputs: 'none' },
  ];
}

function pathModel(sim: Simulation, track: Track, head: SnapshotHead): WhatIfCardModel['paths'][number] {
  const path = sim.simulated.paths[track];
  const today = sim.today.paths[track];
  const star = track === sim.simulated.headline ? ' ★' : '';
  return {
    label: `${TRACK_LABEL[track]}${star}`,
    totalText: `${fromTo(today.total, path.total)} / 100`,
    verdict: verdict(path, today),
    color: path.qualified ? 'Good' : 'Attention',
    metrics: METRICS.map((m) => ({
      label: METRIC_LABEL[m],
      value: `${fromTo(today.metrics[m], path.metrics[m])} / ${head.paths[track].metrics[m].max}${path.metrics[m].compare(1) < 0 ? ' ✗' : ''}`,
    })),
    dataLines: sim.shapes[track].length > 0 ? [`In data: ${sim.shapes[track].join('; ')}.`] : [],
  };
}

/**
 * The card: empty (`data` absent) or simulated with the given inputs. Words give `wordNotes` (how
 * the sentence was read) and `wordErrors` (what was not understood).
 */
export function whatIfCardModel(
  head: SnapshotHead,
  data?: WhatIfData,
  fromWords: { notes: readonly string[]; errors: readonly string[] } = { notes: [], errors: [] },
): WhatIfCardModel {
  const parsed = data ? parseWhatIfData(head, data) : undefined;
  const errors = [...fromWords.errors, ...(parsed?.errors ?? [])];
  let sim: Simulation | undefined;
  if (parsed && parsed.errors.length === 0 && !parsed.empty) {
    try {
      sim = simulate(simulationBase(head), parsed.additions);
    } catch (error) {
      if (!(error instanceof SimulationError)) throw error;
      errors.push(error.message);
    }
  } else if (parsed?.empty && parsed.errors.length === 0 && fromWords.errors.length === 0) {
    errors.push('Nothing to simulate yet: enter at least one addition.');
  }
  const headline = sim?.simulated.headline ?? head.headline;
  const headlineTotal = sim ? pts(round2(sim.simulated.paths[headline].total)) : '';
  const enterpriseStep3 =
    sim && (parsed?.additions.newPeople?.[3] ?? 0) > 0
      ? [
          'On Enterprise a step-3 person counts only with a step-1 or step-2 certification too ("same as step 1 or 2"): to count there, name someone who already holds one.',
        ]
      : [];
  return {
    title: `What if… — ${head.partnerName}`,
    subtitle: `${dataLine(head)} · additions count in ${monthText(head.lastMonth)}, certifications on ${dayText(head.asOf)}`,
    errors,
    simulated: sim !== undefined,
    headlineLine: sim
      ? `Best path: ${TRACK_LABEL[headline]}, ${headlineTotal} points${sim.simulated.paths[headline].qualified ? ', qualified' : ', not qualified'}${headline !== sim.today.headline ? ` (today: ${TRACK_LABEL[sim.today.headline]})` : ''}`
      : '',
    paths: sim ? [headline, OTHER_TRACK[headline]].map((t) => pathModel(sim, t, head)) : [],
    notes: sim ? [...fromWords.notes, ...sim.exams.map((r) => examNote(r, head)), ...enterpriseStep3] : [],
    intro: sim
      ? 'Change the numbers and simulate again (each path uses the additions that count on it).'
      : 'Enter what you would add and press Simulate: both paths are scored with it, exactly as Partner Center data with those additions would score.',
    inputs: inputsOf(head, parsed?.values ?? {}),
    actions: actionsOf(),
  };
}

export function whatIfCard(
  head: SnapshotHead,
  data?: WhatIfData,
  fromWords?: { notes: readonly string[]; errors: readonly string[] },
): AdaptiveCard {
  return render(template, whatIfCardModel(head, data, fromWords));
}

/** The card for a sentence: the inputs filled from the words, already simulated. */
export function whatIfCardFromWords(head: SnapshotHead, words: WhatIfWords): AdaptiveCard {
  const { data, notes, errors } = whatIfDataFromWords(head, words);
  const asked = Object.keys(data).length > 0;
  return whatIfCard(head, asked ? data : undefined, { notes, errors });
}
