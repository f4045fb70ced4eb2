import type { WhatIfWords } from '../../cards/whatIf';
import type { SkillingStep } from '../../scoring/rules/types';

/**
 * "what if we add 2 customers and Dana passes SC-200?" → the additions it names. The sentence is
 * cut into clauses (commas, "and", "plus"); each clause must match one anchored pattern, else it is
 * reported as not understood. Names stay as typed; they are matched against the partner's people
 * later (cards/whatIf.ts).
 */

/** The words that start a what-if; the intent table uses the same text. */
export const WHAT_IF_TRIGGER =
  'what if|what-if|whatif|what happens if|what would happen if|what would (?:our|the) (?:score|scores|pcs|points) be if|simulate|simulates|simulated|simulation|simulator|simulating|suppose|imagine|lets say|hypothetical|hypothetically|scenario';

/** On the text as typed, where "let's" keeps its apostrophe. */
const TRIGGER_RE = new RegExp(`(?:^|\\s)(?:${WHAT_IF_TRIGGER.replace('lets', "let'?s")})(?=[\\s,]|$)`);

const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  another: 1,
  two: 2,
  'a couple of': 2,
  'a couple': 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  twenty: 20,
};
const NUMBER = `(?:\\$\\s?)?\\d+(?:\\.\\d+)?\\s?(?:k|m|thousand|million)?|${Object.keys(NUMBER_WORDS)
  .sort((a, b) => b.length - a.length)
  .join('|')}`;

/** "2", "5k", "$2.5k", "two" → the number; "$" is reported for money. */
function numberOf(text: string): { value: number; money: boolean } | undefined {
  const t = text.trim();
  if (t in NUMBER_WORDS) return { value: NUMBER_WORDS[t]!, money: false };
  const m = /^(\$)?\s?(\d+(?:\.\d+)?)\s?(k|m|thousand|million)?$/.exec(t);
  if (!m) return undefined;
  const scale =
    m[3] === 'k' || m[3] === 'thousand' ? 1_000 : m[3] === 'm' || m[3] === 'million' ? 1_000_000 : 1;
  return { value: Math.round(Number(m[2]) * scale * 100) / 100, money: m[1] === '$' };
}

const MORE = '(?:(?:more|new|extra|additional|net|qualifying|further)\\s+)*';
const M365 = '(?:microsoft 365|microsoft365|m365|office 365|o365|365)';
const EXAM = '(?:az|sc)[\\s-]?\\d{3}';
const PASS =
  '(?:pass(?:es|ed)?|takes?|took|gets?|got|earns?|earned|completes?|completed|clears?|cleared|achieves?|achieved|does|did|writes?|sits?)';
const PEOPLE = '(?:people|persons?|engineers?|employees?|staff|colleagues?|consultants?|folks|hires?|techs?)';
/** Microsoft security products whose seats are protected users and whose usage is Security ACR. */
const PRODUCT =
  '(?:microsoft\\s+|ms\\s+)?(?:defender|sentinel|entra|purview|intune|e5|m365\\s+e5|microsoft\\s+365\\s+e5|security\\s+copilot)(?:\\s+(?:for\\s+)?[\\w.]+){0,3}';
/** A clause that asks for the result, not an addition: "how many points is that", "what's the new score". */
const RESULT_QUESTION =
  /^(?:so\s+|and\s+|then\s+)?(?:how many points|how much|what(?:'?s| is| would| will)?\b.*\b(?:score|points|total|pcs)|where (?:would|does|do|will)\b)/;
const LEADING =
  /^(?:(?:if|that|then|also|we|wed|were|we were to|would|will|could|can|to|had|have|add|adds|added|adding|get|gets|getting|got|gain|gained|win|won|sign|signed|sign up|signed up|onboard|onboarded|land|landed|bring in|brought in|acquire|acquired|close|closed|there were|there are|our)\s+)+/;

type Mutable<T> = { -readonly [K in keyof T]?: T[K] };

/** The exam as written in the rules: "sc200", "SC 200" → "SC-200". */
const examCode = (text: string): string => text.toUpperCase().replace(/^([A-Z]{2})[\s-]?(\d{3})$/, '$1-$2');

/** The person's name as the user typed it (the match ran on lower-cased text). */
function asTyped(original: string, lowered: string): string {
  const at = original.toLowerCase().indexOf(lowered);
  return (at >= 0 ? original.slice(at, at + lowered.length) : lowered).trim();
}

/**
 * The additions a what-if sentence names, or undefined when the text is no what-if. Clauses that
 * match nothing are listed in `unparsed`.
 */
export function parseWhatIfWords(original: string): WhatIfWords | undefined {
  const text = original
    .toLowerCase()
    .replace(/[’]/g, "'")
    .replace(/(\d),(?=\d{3}\b)/g, '$1') // 5,000 → 5000
    .replace(/[?!:]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const trigger = TRIGGER_RE.exec(text);
  if (!trigger) return undefined;
  const rest = text.slice(trigger.index + trigger[0].length);
  const words: Mutable<WhatIfWords> = {};
  const unparsed: string[] = [];
  const add = (
    key:
      | 'azureCustomers'
      | 'm365Customers'
      | 'customers'
      | 'azureDeployments'
      | 'm365Deployments'
      | 'deployments'
      | 'securityAcrUsd'
      | 'protectedUsers',
    n: number,
  ): void => {
    words[key] = (words[key] ?? 0) + n;
  };
  const newPeople: { count: number; step?: SkillingStep; exam?: string }[] = [];
  const exams: { person: string; exam: string }[] = [];
  let lastWasExam = false;

  // Clauses: commas, dashes, "and", "plus"; "1 customer with 400 seats" is two.
  for (const rawClause of rest.split(
    /\s*(?:,|;|&|\s[—–-]+\s|[—–]|\band\b|\bplus\b|\bas well as\b|\b(?:with|w\/)(?=\s+\d))\s*/,
  )) {
    if (RESULT_QUESTION.test(rawClause.trim())) continue;
    const clause = rawClause
      .trim()
      .replace(/^\+\s*/, '') // "+2 customers"
      .replace(/^(?:we|i|us)\s+(?=\w+\s)/, '')
      .replace(
        /\s+(?:to (?:it|that|this|the score|our score)|this month|next month|too|as well|instead)$/,
        '',
      )
      .replace(/\s+(?:on|for|in) (?:the )?(?:enterprise|smb|small business)(?: path| track)?$/, '')
      .trim();
    if (clause === '') continue;
    if (clause === 'adding' || clause === 'this' || clause === 'it') continue;

    // "Dana passes SC-200", "2 more people pass SC-200", "someone takes AZ-500"
    const exam = new RegExp(
      `^(?:if\\s+|also\\s+|then\\s+)?(?<who>.+?)\\s+(?:will\\s+|would\\s+|could\\s+|can\\s+)?${PASS}\\s+(?:the\\s+|an?\\s+|their\\s+)?(?<exam>${EXAM})(?:\\s+(?:exam|certification|cert))?$`,
    ).exec(clause);
    if (exam?.groups) {
      const who = exam.groups.who!.replace(LEADING, '').trim();
      const code = examCode(exam.groups.exam!);
      const crowd = new RegExp(`^(?<n>${NUMBER})\\s+${MORE}${PEOPLE}$`).exec(who);
      if (crowd?.groups) {
        newPeople.push({ count: numberOf(crowd.groups.n!)!.value, exam: code });
      } else if (
        /^(?:someone|somebody|someone new|a new hire|one more person|another person|a new person)$/.test(who)
      ) {
        newPeople.push({ count: 1, exam: code });
      } else {
        exams.push({ person: asTyped(original, who), exam: code });
        lastWasExam = true;
      }
      continue;
    }

    // "Dana passes SC-200 and SC-100": the same person's next exam
    const previous = exams[exams.length - 1];
    if (previous && lastWasExam && new RegExp(`^(?:the\\s+)?${EXAM}$`).test(clause)) {
      exams.push({ person: previous.person, exam: examCode(clause.replace(/^the\s+/, '')) });
      continue;
    }
    lastWasExam = false;

    // "grow Security ACR by $5,000", "protected users grow by 500"
    const grow =
      /^(?:grow|increase|raise|boost|lift)\s+(?:our\s+|the\s+)?(?<what>.+?)\s+by\s+(?<n>.+)$/.exec(clause) ??
      /^(?:our\s+|the\s+)?(?<what>.+?)\s+(?:grows?|grew|goes up|went up|increases?|increased|rises?|rose|is up)\s+by\s+(?<n>.+)$/.exec(
        clause,
      );
    if (grow?.groups) {
      const n = numberOf(grow.groups.n!.replace(/\s+(?:more|dollars|usd)$/, ''));
      const what = grow.groups.what!;
      if (n && /^(?:security\s+)?(?:acr|azure consumption|consumption|usage|azure usage|spend)$/.test(what)) {
        add('securityAcrUsd', n.value);
        continue;
      }
      if (n && !n.money && /^(?:protected\s+|active\s+)?users?$/.test(what)) {
        add('protectedUsers', n.value);
        continue;
      }
    }

    // "3 more Azure customers", "$5,000 of Security ACR growth", "5,000 protected users"
    const counted = new RegExp(`^(?<n>${NUMBER})\\s+${MORE}(?<what>.+)$`).exec(clause.replace(LEADING, ''));
    const n = counted?.groups ? numberOf(counted.groups.n!) : undefined;
    const what = counted?.groups?.what?.replace(/^(?:of|in)\s+/, '').trim() ?? '';
    if (n) {
      const step =
        /^(?:certified\s+)?(?:people|persons?|engineers?)?\s*(?:at|in|for|on)?\s*step[\s-]?(?<step>[123])(?:\s+(?:people|persons?|holders?|certifications?|certs?|exams?))?$/.exec(
          what,
        );
      const holders = new RegExp(
        `^(?<exam>${EXAM})\\s+(?:holders?|people|persons?|certifications?|certs?|passes|engineers?)$`,
      ).exec(what);
      if (!n.money && new RegExp(`^azure\\s+(?:customers?|clients?|tenants?)$`).test(what))
        add('azureCustomers', n.value);
      else if (!n.money && new RegExp(`^${M365}\\s+(?:customers?|clients?|tenants?)$`).test(what))
        add('m365Customers', n.value);
      else if (!n.money && /^(?:customers?|clients?|tenants?|logos?)$/.test(what)) add('customers', n.value);
      else if (!n.money && /^azure\s+deployments?$/.test(what)) add('azureDeployments', n.value);
      else if (!n.money && new RegExp(`^${M365}\\s+deployments?$`).test(what))
        add('m365Deployments', n.value);
      else if (!n.money && /^deployments?$/.test(what)) add('deployments', n.value);
      else if (
        !n.money &&
        new RegExp(
          `^(?:protected|active|licensed|secured)?\\s*(?:users?|seats?|licenses?)(?:\\s+(?:of|on|for|with|in)\\s+${PRODUCT})?$`,
        ).test(what)
      )
        add('protectedUsers', n.value);
      else if (
        new RegExp(
          `^(?:(?:dollars?|usd)\\s*)?(?:(?:of|in)\\s+)?(?:(?:security|azure|${PRODUCT})\\s+)*(?:acr|consumption|usage|spend)?\\s*(?:growth)?$`,
        ).test(what) &&
        (n.money || /acr|consumption|usage|spend|dollars?|usd/.test(what))
      )
        add('securityAcrUsd', n.value);
      else if (!n.money && step?.groups)
        newPeople.push({ count: n.value, step: Number(step.groups.step) as SkillingStep });
      else if (!n.money && holders?.groups)
        newPeople.push({ count: n.value, exam: examCode(holders.groups.exam!) });
      else if (!n.money && new RegExp(`^${EXAM}$`).test(what))
        newPeople.push({ count: n.value, exam: examCode(what) });
      else unparsed.push(rawClause.trim());
      continue;
    }
    unparsed.push(rawClause.trim());
  }
  return {
    ...words,
    ...(newPeople.length > 0 ? { newPeople } : {}),
    ...(exams.length > 0 ? { exams } : {}),
    ...(unparsed.length > 0 ? { unparsed } : {}),
  };
}
