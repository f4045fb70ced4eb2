import { closest, distance } from 'fastest-levenshtein';
import type { WhatIfWords } from '../../cards/whatIf';
import type { MetricName, Track } from '../../scoring';
import { trainClassifier, type Classifier } from './classifier';
import { TRAINING_PHRASES, type TrainingLabel } from './trainingPhrases';
import { parseWhatIfWords, WHAT_IF_TRIGGER } from './whatIfWords';

/**
 * Text → intent through a typed table of anchored patterns. The text is normalised first: lower
 * case, punctuation to spaces, filler words dropped, chat shorthand spelled out ("r" → "are"), and
 * each unknown word within one or two edits of the vocabulary corrected ("scroe" → "score"), so the
 * patterns stay exact and readable. What no pattern matches goes to an NLP.js classifier trained on
 * TRAINING_PHRASES, which decides only when it is sure; the same classifier ranks the questions the
 * "didn't get that" card offers. Why this mix: docs/understanding.md.
 */

export type IntentName =
  | 'score'
  | 'bothPaths'
  | 'gaps'
  | 'plan'
  | 'metric'
  | 'customer'
  | 'atRisk'
  | 'specializations'
  | 'renewals'
  | 'certPlan'
  | 'trend'
  | 'forecast'
  | 'whatIf'
  | 'attribution'
  | 'subscribe'
  | 'unsubscribe'
  | 'help'
  | 'people'
  | 'customers'
  | 'summary'
  | 'smallTalk';

export interface Intent {
  readonly name: IntentName | 'unknown';
  readonly path?: Track;
  readonly metric?: MetricName;
  /** Customer name or tenant id as typed (original case). */
  readonly customer?: string;
  /** What a what-if sentence adds (empty: the empty what-if card). */
  readonly whatIf?: WhatIfWords;
  /** people: an exam or certification code, upper case with a hyphen, e.g. 'SC-200', 'AZ-500'. */
  readonly exam?: string;
  /** smallTalk: which kind of small talk. */
  readonly smallTalk?: 'thanks' | 'bye' | 'howAreYou' | 'acknowledge';
}

const FILLER = new Set([
  'please',
  'pls',
  'plz',
  'pleeze',
  'hey',
  'hi',
  'hello',
  'bot',
  'kindly',
  'again',
  'just',
]);

/** Chat shorthand → the word the patterns spell out ("r we short" → "are we short"). */
const SHORTHAND: Readonly<Record<string, string>> = {
  r: 'are',
  u: 'you',
  ur: 'your',
  ya: 'you',
  y: 'why',
  wat: 'what',
  wht: 'what',
  whta: 'what',
  wut: 'what',
  iff: 'if',
  abt: 'about',
  w: 'with',
  ppl: 'people',
  ent: 'enterprise',
  cust: 'customer',
  custs: 'customers',
  clients: 'customers',
  client: 'customer',
  sec: 'security',
  mgr: 'manager',
  mngr: 'manager',
  thx: 'thanks',
  thnx: 'thanks',
  thanx: 'thanks',
  thks: 'thanks',
  tks: 'thanks',
  tx: 'thanks',
  tnx: 'thanks',
  ty: 'thanks',
  tysm: 'thanks',
  tyvm: 'thanks',
  gimme: 'give me',
  pts: 'points',
  yr: 'year',
  mo: 'month',
  mth: 'month',
  b4: 'before',
  whatif: 'what if',
  sub: 'subscribe',
  lnk: 'link',
  lnks: 'links',
};

/** "can you tell me why …", "I'd like to know what …": the question is what follows. */
const LEAD_IN_QUESTION =
  /^(?:(?:(?:can|could|would|will) you |please )?(?:tell|show|let) (?:me|us) (?:know )?|i (?:want|would like|id like|d like|need|wanna) to (?:know|see|understand|find out|hear) )(?=(?:why|what|whats|who|whos|whose|when|whens|which|how|hows|where|wheres|if|whether|is|are|does|do)\b)/;
/** "I want to know about Woodgrove Bank" asks what "tell me about Woodgrove Bank" asks. */
const LEAD_IN_ABOUT =
  /^i (?:want|would like|id like|d like|need|wanna) to (?:know|hear|learn) (?:more )?about /;

/** Extra words users type that the patterns do not spell out. */
const EXTRA_WORDS = [
  'whats',
  'wheres',
  'whens',
  'hows',
  'doesnt',
  'dont',
  'isnt',
  'arent',
  'didnt',
  'this',
  'that',
  'have',
  'with',
  'about',
  'there',
  'here',
  'anniversary',
  'qualify',
  'security',
  'score',
  'qualified',
  'missing',
  'renewals',
  'specializations',
  'certifications',
  'deployments',
  'usage',
  'growth',
  'customer',
  'customers',
  'reminders',
  'enterprise',
  'help',
  'credit',
  'attribution',
  'associated',
  'renewal',
  'certification',
  'certified',
  'holders',
  'summary',
  'people',
  'forecast',
  // Whole words for the patterns' stems ("expir\w*", "speciali[sz]ations?"), and key words of the
  // entities: a typo in them must be corrected too.
  'expire',
  'expires',
  'expiring',
  'expired',
  'retire',
  'retiring',
  'retired',
  'lapse',
  'lapsing',
  'specialization',
  'specialisation',
  'specialisations',
  'spec',
  'specs',
  'history',
  'trend',
  'risk',
  'exam',
  'exams',
  'certs',
  'prioritise',
  'prioritize',
  'qualifying',
  'improve',
  'summarise',
  'summarize',
  'executive',
  'anniversary',
  'scenario',
  'hypothetically',
  'admin',
  'links',
  'which',
  'whom',
  'should',
  'suppose',
  'since',
  'smb',
  'projection',
  'heaps',
];

/**
 * Everyday words one or two edits from a vocabulary word, meant as typed: never corrected ("well"
 * is not "will", "store" not "score", "match" not "march").
 */
const EVERYDAY_WORDS = new Set(
  (
    'bank being book black cafe cart chance charge chart cook court dawn done draw east feel fail file film fire ' +
    'form full fund gift gold greet hell hero hire into lace lake late latter layer least lift load lock lone ' +
    'love luck mail match meal mess mouth movie music nest node paste pasta patch pink plain plane plant play ' +
    'heaps place build plug port quite react rice ride role sale same save scare scope seed sent shirt shoe shoot shop shore shot ' +
    'shout sheet ship site situation size skill skills slow smart sort spend sport stars step store tall task ' +
    'taxes term their theme them these they thin think thus tile trace trail trailing trees trick trips truck ' +
    'wait wall water week well west white whole wild wine wire wish word words wore world wound'
  ).split(' '),
);

/** True when `b` is `a` with two neighbouring letters swapped. */
function isSwap(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const diff = [...a].flatMap((ch, i) => (ch === b[i] ? [] : [i]));
  return (
    diff.length === 2 &&
    diff[1] === diff[0]! + 1 &&
    a[diff[0]!] === b[diff[1]!] &&
    a[diff[1]!] === b[diff[0]!]
  );
}

function correct(word: string, vocabulary: readonly string[], known: ReadonlySet<string>): string {
  if (word.length < 4 || known.has(word) || EVERYDAY_WORDS.has(word) || /\d/.test(word)) return word;
  // Two neighbouring letters swapped ("scroe", "dosent") first, then the closest word with the same
  // first letter: one edit away, or two for long words.
  const swapped = vocabulary.find((v) => isSwap(word, v));
  if (swapped) return swapped;
  const best = closest(word, vocabulary as string[]);
  const edits = distance(word, best);
  return best[0] === word[0] && (edits <= 1 || (edits === 2 && word.length >= 8)) ? best : word;
}

/** Lower case, apostrophes dropped, punctuation to spaces, filler words removed; typos corrected on request. */
export function normalize(text: string, correctTypos = false): string {
  // Words typed with a capital after the first word are names ("what if Dana passes"): kept.
  const names = new Set((text.match(/(?<=\S\s+)[A-Z][a-z]+\b/g) ?? []).map((w) => w.toLowerCase()));
  const words = text
    .toLowerCase()
    .replace(/[’']/g, '') // what's → whats, isn't → isnt
    .replace(/[^a-z0-9@.\- ]+/g, ' ')
    .replace(/(?<!\d)\.|\.(?!\d)/g, ' ')
    .split(/\s+/)
    .flatMap((w) => (SHORTHAND[w] ?? w).split(' '))
    .filter((w) => w !== '' && !FILLER.has(w) && !/^[-.]+$/.test(w));
  return (correctTypos ? words.map((w) => (names.has(w) ? w : correct(w, VOCABULARY, KNOWN))) : words)
    .join(' ')
    .replace(LEAD_IN_QUESTION, '')
    .replace(LEAD_IN_ABOUT, 'tell me about ');
}

const PATH: Record<string, Track> = {
  enterprise: 'enterprise',
  smb: 'smb',
  'small and medium business': 'smb',
  'small business': 'smb',
};
const PATH_RE = /\b(enterprise|smb|small and medium business|small business)\b/;

const METRIC_WORDS: readonly [RegExp, MetricName][] = [
  [
    /\b(net )?customer ad{1,2}s\b|\bnet (customer )?ad{1,2}s\b|\bnew customers\b|\bperformance\b/,
    'netCustomerAdds',
  ],
  [
    /\b(intermediate )?certifications?\b|\bcerts?\b|\bskilling\b|\bcertified people\b|\bexams?\b/,
    'intermediateCertifications',
  ],
  [/\bdeployments?\b/, 'deployments'],
  [/\busage( growth)?\b|\bgrowth\b|\bprotected users\b|\bsecurity acr\b/, 'usageGrowth'],
];

interface Rule {
  readonly name: IntentName;
  readonly patterns: readonly RegExp[];
  /** Matches on a generic word only ("score", "status"): a sure classifier overrules it. */
  readonly weak?: boolean;
  /** Words that make the message another rule's, though this rule's pattern matches. */
  readonly unless?: RegExp;
}

/** A pattern anchored at both ends that matches when `phrase` stands anywhere as whole words. */
function anywhere(phrase: string): RegExp {
  return new RegExp(`^(?:.*\\s)?(?:${phrase})(?:\\s.*)?$`);
}

const SPECIALIZATION_NAMES =
  'threat protection|cloud security|identity and access management|information protection and governance|data security';
/** An exam code as normalised text has it: "sc-200", "sc200", "sc 200". */
const EXAM_CODE = '(?:az|sc|ms|md|ai|dp|pl|mb)(?:-| )?\\d{3}s?';
const EXAM_RE = /\b(az|sc|ms|md|ai|dp|pl|mb)(?:-| )?(\d{3})s?\b/;

const THANKS =
  'thanks?(?: you)?|thank you|thankyou|thank u|cheers|much appreciated|appreciate(?: it| that)?|many thanks|ta|merci|danke|gracias|kudos';
/** Small talk, by kind; a message made only of these words is small talk. */
const SMALL_TALK: readonly [NonNullable<Intent['smallTalk']>, string][] = [
  ['thanks', THANKS],
  [
    'bye',
    'bye+|byebye|bye bye|goodbye|good bye|cya|see ya|see you|later|talk (?:to you )?(?:later|soon|tomorrow)|catch you later|speak soon|laters|ttyl|gotta go|good night|goodnight|have a (?:good|nice|great) (?:one|day|evening|weekend)',
  ],
  [
    'howAreYou',
    'how are you(?: doing)?|how you doing|hows it going|how are things(?: with you)?|hows things|(?:how is|hows) your day(?: going)?|how is it going|how have you been|hows your day|how do you do|whats up|sup|wassup|whats new',
  ],
  [
    'acknowledge',
    'ok|okay|okey|okie|oki|okey dokey|k|kk|cool|coolio|cool beans|good stuff|great stuff|nice stuff|great|nice|nice one|got it|gotcha|perfect|awesome|sounds good|noted|understood|alright|all right|fine|sure|yep|yes|yeah|roger|good|excellent|sweet|makes sense|will do|fair enough|sure thing|no problem|all good|brilliant|lovely|wow|no worries|np|that helps|that helped|very helpful|helpful',
  ],
];
/** Words that may stand beside small talk without changing its kind ("thanks a lot mate"). */
const SMALL_TALK_EXTRA =
  'a lot|so much|very much|a bunch|a ton|for (?:that|this|the help|your help|the info)|mate|man|buddy|dude|guys|all|today|tomorrow|soon|then|for now|again|that|thats|it|very|really|super|indeed';
const SMALL_TALK_WORDS = [...SMALL_TALK.map(([, words]) => words), SMALL_TALK_EXTRA].join('|');

/** The kind of small talk: thanks before bye before how-are-you before a plain acknowledgement; none: no small talk ("really?"). */
function smallTalkOf(normalized: string): NonNullable<Intent['smallTalk']> | undefined {
  return SMALL_TALK.find(([, words]) => anywhere(words).test(normalized))?.[0];
}

/** "try 3 more Azure customers", "say we add 2 deployments": a what-if without its trigger words. */
const ADDING =
  '(?:try|assume|assuming|say|model|with|plus|add|adding)(?: (?:we|i) (?:add|get|got|had|have|sign|land|win)\\w*)?';

/** "if nothing changes", "at this rate": the forecast, not a what-if. */
const NO_CHANGE =
  'if nothing changes?|if (?:we|things) (?:keep going|carry on|continue|stay the course|do nothing|change nothing)|if (?:things|everything) (?:stays?|remains?) (?:the same|as (?:is|they are))|at this (?:rate|pace)|at (?:the|our) current (?:rate|pace)|as things stand|(?:keep|carry on) going like this';

/** The question after a what-if's additions: "…, what's the new score", "— how many points is that". */
const RESULT_QUESTION =
  'whats (?:the|our) (?:new )?(?:score|total|pcs)|what (?:is|would be|will be) (?:the|our) (?:new )?(?:score|total|pcs)|(?:what|where) (?:would|will) (?:we|our score|the score) (?:be|land|end up)|how many points (?:is|would|will|does) (?:that|this|it)|(?:our|the) (?:score|total) then|new (?:score|total)';

const NOT_A_CUSTOMER = '(?!(?:we|us|i|it|our score|this|that)\\s)';
/** "why doesn't tenant 7c1e… count": the customer is the id. */
const CUSTOMER_WORD = '(?:(?:customer|tenant)(?: id)? )?';

/**
 * The intent table, most specific first. Every pattern is anchored (it matches the whole text);
 * most let the key phrase stand anywhere, because people ask in many ways.
 */
export const INTENTS: readonly Rule[] = [
  {
    name: 'unsubscribe',
    patterns: [
      anywhere(
        // "turn of reminders" is "turn off" mistyped: never a subscription.
        '(?:stop|no more|dont post|do not post|unsubscribe(?: from)?|(?:turn|switch|shut) off?|disable|mute|cancel|opt(?: \\w+){0,3} out(?: of)?)(?: \\w+){0,3} (?:reminders?|alerts?|notifications?)',
      ),
      anywhere('(?:stop|quit|dont|do not|no more) (?:posting|sending|pinging|messaging|notifying|reminding)'),
      anywhere(
        '(?:turn|switch|shut) (?:\\w+ ){0,2}(?:reminders?|alerts?|notifications?) off?|^opt (?:(?:me|us|this \\w+|the \\w+|our \\w+) )?out$',
      ),
      anywhere(
        '(?:dont|do not|no longer) (?:want|need) (?:\\w+ ){0,2}(?:reminders?|alerts?|notifications?)|(?:reminders?|alerts?|notifications?) (?:\\w+ ){0,2}(?:anymore|any more)',
      ),
      /^unsub(?:scribe)?(?: .*)?$/,
    ],
  },
  {
    name: 'subscribe',
    patterns: [
      anywhere(
        '(?:post|send|put|share|subscribe|sign up|sign(?: \\w+){1,3} up|opt(?: \\w+){0,3} in|turn on|enable|get|add|register|enrol\\w*|set up|setup|activate|start|receive)(?: \\w+){0,4} (?:reminders?|alerts?|notifications?)(?: \\w+){0,4}',
      ),
      anywhere(
        '(?:want|need|like|get) (?:\\w+ ){0,2}(?:reminders?|alerts?|notifications?)|(?:reminders?|alerts?|notifications?) (?:here|in this (?:channel|chat|team))',
      ),
      anywhere(
        '(?:remind|ping|notify|alert) (?:this|the|our) (?:channel|chat|team|group)|(?:remind|notify|ping) (?:us|me) (?:here|in this \\w+)',
      ),
      anywhere(
        '(?:start|begin|keep) (?:posting|sending) (?:\\w+ ){0,2}(?:here|to (?:this|the|our) (?:channel|chat|team))',
      ),
      /^subscribe(?: .*)?$/,
    ],
  },
  {
    name: 'help',
    patterns: [
      /^(?:help|\?|menu|commands|start|get started|hello|hi|hey|yo|good morning|morning|there|all|everyone|team|folks)$/,
      anywhere(
        'what (?:can|do|should) (?:you|i) (?:do|ask|say|help with)|what can (?:this|it) do|what (?:you|it) can do|what can i ask(?: you)?|how (?:does this|does it|do you) work|how (?:do i|do we|can i|to) use (?:this|you|it|the bot)|what are (?:the|your) commands|capabilities|features|(?:what|which) (?:\\w+ ){0,2}(?:questions|things|stuff) (?:\\w+ ){0,2}(?:you|u) (?:answer|handle|know|do|help with)|what (?:\\w+ ){0,3}can i ask|what are you(?: for)?$|what is this(?: for)?$|what do you do|show (?:me )?(?:the )?commands|who are you|what (?:are|is) (?:you|it|this bot|the bot) (?:able to|capable of|good (?:at|for)|designed (?:to|for)|meant (?:to|for)|built (?:to|for)|supposed to)|(?:what|which) (?:kinds?|sorts?|types?) of (?:questions|things|stuff|queries|info\\w*) (?:\\w+ ){0,3}(?:you|u|i|bot)|what (?:can|could|do|will) you (?:answer|handle|cover|support)|what (?:can|could) you tell (?:me|us)$|what do you know$',
      ),
      /^(?:(?:i )?(?:need|want) (?:some )?help|help me(?: out)?|can you help(?: me)?)$/,
      /^$/,
    ],
  },
  {
    // The whole message is small talk ("thx!", "ok cool", "how are you?"); its kind is read after.
    name: 'smallTalk',
    patterns: [new RegExp(`^(?:${SMALL_TALK_WORDS})(?: (?:${SMALL_TALK_WORDS}))*$`)],
  },
  {
    // Before whatIf: "if nothing changes, where do we land" adds nothing; it is the forecast.
    name: 'forecast',
    patterns: [anywhere(NO_CHANGE)],
  },
  {
    // Before everything that reads metrics or names: "what if we add 3 customers", "what if Sam passes AZ-500".
    name: 'whatIf',
    patterns: [
      anywhere(WHAT_IF_TRIGGER),
      /^what (?:happens|would happen|will happen) to (?:our |the )?(?:score|scores|pcs|points) if .+$/,
      /^what (?:would|will) (?:our |the )?(?:score|scores|pcs|points) be with .+$/,
      /^if (?:we|i|our|\w+) .*(?:what (?:would|will|happens|happen)|would (?:our|the|we)|score be|where would)(?: .*)?$/,
      new RegExp(`^if (?:we|i|our|\\w+) .*(?:${RESULT_QUESTION})(?: .*)?$`),
      new RegExp(`^${ADDING} (?:\\d|a |an |one |two |three |four |five |a couple )`),
    ],
  },
  {
    name: 'summary',
    patterns: [
      anywhere(
        'summary|summaries|summari[sz]e|sum (?:it |this |things |us )?up|tl ?dr|recap|overview|exec(?:utive)? (?:update|brief\\w*)|status (?:update|report)|write ?up|short version|one pager|elevator pitch|brief me|debrief|catch me up|wrap (?:\\w+ )?up|wrap-?up|highlights|key points|headlines?|in a nutshell|big picture|gist|fill me in|up to speed|rundown',
      ),
      anywhere(
        '(?:tell|say to|report to|update|brief) (?:my |the |our )?(?:boss|manager|vp|leadership|management|execs?|executives?|director)|briefing|(?:send|forward|pass|share|paste) (?:\\w+ ){0,3}(?:to|with) (?:my |the |our )?(?:boss|manager|vp|leadership|management|execs?|executives?|director)',
      ),
      anywhere(
        '(?:update|report|blurb|paragraph|brief|something|note|email|status) (?:\\w+ ){0,3}(?:for|to) (?:\\w+ )?(?:my |the |our )?(?:boss|manager|vp|leadership|management|execs?|executives?|director|cto|ceo|ciso|lead)',
      ),
      // "my VP wants a quick update …", "something I can paste into an email": words for someone else.
      anywhere(
        '(?:boss|manager|vp|leadership|management|execs?|executives?|director|cto|ceo|ciso) (?:wants|needs|asked|asks|is asking|requested|would like|wanted)(?: \\w+){0,3} (?:update|summary|brief|report|overview|email|note|rundown|recap)|(?:can|could|to) paste (?:\\w+ ){0,2}(?:into|in) (?:an? |my )?(?:email|mail|message|deck|slide|report|chat)',
      ),
    ],
  },
  {
    // Before customer, gaps and metrics: "which customers are we not getting credit for?", "who isn't associated?".
    name: 'attribution',
    patterns: [
      anywhere(
        '(?:not|no|arent|isnt|dont|doesnt|didnt|havent|hasnt|wont|never|missing|lost|losing|without|miss(?:ing)? out on) (?:\\w+ ){0,3}(?:credit|credited|crediting|attribution|attributed)|attributions?|credit (?:\\w+ ){0,2}(?:not|never) (?:received|given|applied|showing|shown|credited|counted|recorded|recognised|recognized)|(?:not|never) (?:received|receiving|got|getting|given) (?:any |the |our )?credit|credit we miss|credit (?:for|on) (?:all|every|everything|(?:our |the )?usage)|unattributed|not attributed|attributed',
      ),
      anywhere(
        'partner admin links?|pal|cpor|dpor|partner of record|(?:link|linked|linking) (?:\\w+ ){0,2}partner id|partner ids?|mpn ids?|(?:not|un)\\s?associated|(?:associate|link|connect)\\w* (?:\\w+ ){0,2}(?:with|to) (?:us|our (?:mpn|partner|org\\w*|company))|associate (?:\\w+ ){0,2}(?:learn|mcid|profiles?)|learn profiles?',
      ),
    ],
  },
  {
    // Before customers and forecast: "which customers could we lose in the next few months" asks what is at risk.
    // A loss for want of renewing ("we could lose the badge if we dont renew") is the renewal's question.
    name: 'atRisk',
    unless: /\b(?:renew\w*|anniversar\w*)\b/,
    patterns: [
      anywhere(
        '(?:could|might|may|will|would|going to|gonna|about to|set to|likely to|stand to|at risk of) (?:\\w+ ){0,3}(?:lose|loose|drop (?:off|out)|roll (?:off|out)|fall (?:off|out)|age out)|(?:roll|rolls|rolling|rolled|age|ages|aging|ageing|drop|drops|dropping|fall|falls|falling) (?:off|out of) (?:the |our )?(?:ttm|trailing|window|12|twelve|score|count)|(?:lose|loose|losing|loosing) (?:\\w+ ){0,3}(?:soon|next|in the (?:next|coming))|(?:would|could|might|may|will|going to|gonna|about to) (?:\\w+ ){0,2}(?:hurt|harm|damage|dent|reduce|lower|cost) (?:us|our|the)',
      ),
    ],
  },
  {
    // Before customer: "which customers count?" is the list; "does Fabrikam count?" is one.
    name: 'customers',
    patterns: [
      anywhere(
        '(?:which|what|list|show|all|top|biggest|largest|main|key|best|our|how many|list of|the|every|any|qualifying|counting|counted|eligible|current|active|existing) (?:\\w+ ){0,2}customers',
      ),
      /^(?:customers|customer list|list customers)(?: .*)?$/,
      anywhere(
        'customers? (?:breakdown|list|counts?|details|by usage)(?! (?:for|on|about|of) )|(?:which|what|list|our|the|all) (?:\\w+ ){0,2}tenants (?:count|qualify|counted)',
      ),
      anywhere('customers (?:that|who|which) (?:\\w+ )?(?:count|qualify|dont|do not|are)'),
      // "every customer you can see": all of them, in the singular.
      anywhere('(?:every|each|all) (?:single )?customer(?! (?:ad{1,2}s?|success)\\b)'),
    ],
  },
  {
    name: 'customer',
    patterns: [
      new RegExp(
        `^(?:.*\\s)?why (?:does|doesnt|does not|is|isnt|is not|dont|do not|didnt|did not) ${CUSTOMER_WORD}${NOT_A_CUSTOMER}(?<customer>.+?) (?:not )?(?:count|counts|counted|counting|qualify|qualifying|included|excluded|show up|showing up|(?:show|shows|showing|appear|appears|appearing|listed)(?: up)? (?:as|in|on)|left out|ignored|a qualifying customer|(?:in|part of|on) (?:the|our) (?:count|numbers|score|total|list))(?: .*)?$`,
      ),
      new RegExp(
        `^(?:.*\\s)?why ${CUSTOMER_WORD}${NOT_A_CUSTOMER}(?<customer>.+?) (?:doesnt|does not|isnt|is not|dont|do not|didnt|did not|wont|cant|cannot) (?:count|counts|counted|qualify|included|show up)(?: .*)?$`,
      ),
      // "why Woodgrove Bank dropped out of our numbers", "why did Adatum stop counting"
      new RegExp(
        `^(?:.*\\s)?why (?:(?:did|has|have|is|are|does|do) )?${CUSTOMER_WORD}${NOT_A_CUSTOMER}(?<customer>.+?) (?:not |no longer |never )?(?:drop(?:ped|s)? out|fall(?:en|s)? out|fell out|disappear\\w*|vanish\\w*|stop(?:ped|s)? counting|(?:go|gone|went) missing|(?:is |are )?missing from|(?:get|gets|got|getting|give|gives|bring|brings) (?:us )?(?:no|zero|0|so few|only \\w+) (?:points|credit))(?: .*)?$`,
      ),
      // "Contoso Ltd — why no points?", "Fabrikam: does it count?"
      new RegExp(
        `^(?:(?:what|how) about |and |also |so |then )?${NOT_A_CUSTOMER}(?<customer>.+?) (?:(?:why|how come) (?:no|zero|0|so few|only|nothing|not)(?: \\w+)? (?:points|credit|counted|count|counting|included)|(?:do|does|did|is|are|will) (?:it|they|that one) (?:count|counted|counting|qualify|included)|why (?:does|do|is|are|isnt|doesnt|dont|arent|didnt) (?:it|they) (?:not )?(?:count|counted|counting|qualify|included))(?: .*)?$`,
      ),
      new RegExp(
        `^(?:does|do|did|is|are|will) ${CUSTOMER_WORD}${NOT_A_CUSTOMER}(?<customer>.+?) (?:count|counted|counting|qualify|included|a qualifying customer)(?: .*)?$`,
      ),
      /^(?:explain|tell me about|show|details for|details on|what about|check|look up|lookup|find) (?:customer|tenant) (?<customer>.+)$/,
      /^(?:customer|tenant)(?: id)? (?:details?|info|information|breakdown|lookup|look up|status|data) (?:for|on|about|of) (?<customer>.+)$/,
      /^(?:is|are) (?<name>.+?) (?:in or out|counting or not|counted or not|in the count|on the list)$/,
      /^(?:whats|what is|whats been|what has been) (?:going on|happening|up|the (?:story|deal|situation)) (?:with|at) (?<customer>.+)$/,
      // "our AM thinks Lucerne Publishing should …, can you check why they dont count": the first name before it.
      new RegExp(
        `^(?<context>.+) (?:why|whether|if) (?:they|it|them|that one) (?:dont|doesnt|do not|does not|arent|isnt|are not|is not|didnt|did not|wont|cant)(?: \\w+)? (?:count|counted|counting|qualify|included)(?: .*)?$`,
      ),
      /^(?:what|how much|how many points) (?:does|do|did|will) (?<customer>.+?) (?:contribute|add|bring|give|count for|mean for|do for|get us)(?: .*)?$/,
      /^(?:what is|whats|how much is) (?<customer>.+?) worth(?: .*)?$/,
      /^(?:what|how much) (?:is|are) (?<customer>.+?) (?:giving|bringing|adding|contributing)(?: .*)?$/,
      /^(?:what|how much) (?:has|have) (?<customer>.+?) (?:contributed|added|brought|given)(?: .*)?$/,
      /^customer (?<customer>.+)$/,
      // "look up our customer Bellows College and …": the capitalised name after the word customer.
      /^(?:.*\s)?(?:our|the|this|a|my|one) (?:customer|tenant) (?<afterCustomerWord>.+)$/,
      // "Bellows College status", "TTM ACR for Relecloud?": a name typed in capitals around a status or money word.
      /^(?<named>(?:\S+ ){0,3}\S+) (?:status|standing)$/,
      /^(?:.*\s)?(?:acr|revenue|consumption|spend|mau|maus|seats|licen[cs]es|usage) (?:for|of|at|from) (?<named>(?:\S+ ){0,3}\S+)$/,
    ],
  },
  {
    // Before specializations: "when does cloud security renew" asks for the renewal.
    name: 'renewals',
    patterns: [
      anywhere(
        'renew|renewals?|renewing|anniversar(?:y|ies)|deadlines?|due date|re-?enrol(?:l|ment)?|grace period',
      ),
    ],
  },
  {
    name: 'specializations',
    patterns: [anywhere(`speciali[sz]ations?|specs?|audits?|${SPECIALIZATION_NAMES}`)],
  },
  {
    name: 'forecast',
    // Before atRisk: "next month" alone stays there; the next few months are the forecast.
    patterns: [
      anywhere(
        'forecast\\w*|projections?|projected|the outlook|outlook (?:for|on|of) (?:\\w+ ){0,2}(?:score|pcs|points|qualif\\w*|designation|status|security|partner|specializations?|renewal)|(?:score|pcs|points|qualification|designation) outlook|predict\\w*|(?:next|coming|upcoming|following) (?:\\d+|two|three|four|five|six|nine|twelve|few|couple of) months|(?:in|within) (?:\\d+|two|three|four|five|six|nine|twelve|a few|few|a couple of) (?:months|quarters)|(?:land|end up|wind up|finish|be at) (?:\\w+ ){0,2}(?:in|by)|(?:coming|upcoming) months|next (?:quarter|year)|heading|headed|trajectory|on track to|will we (?:qualify|make|reach|hit|get there|be qualified|be)|we will be|where (?:will|would) (?:we|our score|the score|our pcs|it) (?:be|land|end up|finish|head\\w*|going)|what will (?:our|the) (?:score|points) be',
      ),
    ],
  },
  {
    name: 'trend',
    patterns: [
      anywhere(
        'trends?|trending|history|historical|(?:\\d+|a|one|two|three|four|five|six|nine|twelve|few|couple of) (?:days|weeks?|months?|quarters?|years?) ago|(?:what|how) (?:was|were) (?:our|the) (?:score|scores|pcs|points|total|number)|where (?:was|were) (?:we|our score|the score)|back in|over time|month (?:over|by|to) month|(?:last|past|previous) (?:12|twelve|few|couple of) months|charts?|graphs?|how (?:has|have|did) (?:our|the) (?:score|points|pcs)(?: \\w+)? (?:changed|moved|developed|evolved|gone)|changed since',
      ),
      anywhere(
        'improving|getting (?:better|worse)|declining|(?:last|past|previous) (?:\\d+|six|nine|few|couple of) (?:months|weeks)|in (?:january|february|march|april|may|june|july|august|september|october|november|december)|(?:last|previous|past|prior) (?:month|quarter|year)|(?:score|pcs|points) (?:has |have )?(?:changed|moved|evolved|developed)|(?:go|gone|went|going|move|moved|been|trending) (?:up|down)|up or down|(?:since|than|vs|versus|compared (?:to|with)|from|over) (?:the )?(?:last|previous|past|prior) (?:month|quarter|year|import)|last (?:month|quarter|year)s? (?:score|pcs|points)|(?:score|pcs|points) last (?:month|quarter|year)|(?:better|worse|higher|lower) than (?:last|before)',
      ),
      anywhere(
        '(?:did|has|have) (?:we|it|our (?:score|pcs|points)|the (?:score|pcs|points)) (?:drop\\w*|fall|fell|fallen|rise|rose|risen|improve\\w*|increase\\w*|decrease\\w*|decline\\w*|grow|grew|grown|change\\w*|move\\w*|slip\\w*)|how much (?:did|have|has) (?:we|our \\w+|the \\w+) (?:improve\\w*|grow\\w*|grew|change\\w*|drop\\w*|move\\w*)',
      ),
    ],
  },
  {
    // Before people: who should get which certification is the plan, not who holds what.
    name: 'certPlan',
    patterns: [
      anywhere(
        `(?:which|what) (?:\\w+ ){0,2}(?:exams?|certs?|certifications?) (?:should|could|must|ought to|shall|to)|(?:who|whos) (?:\\w+ ){0,4}(?:should|ought to|needs? to|must|(?:is )?(?:best|better|most) (?:placed|suited|positioned|ready) to|ready to) (?:\\w+ ){0,3}(?:certif\\w*|exams?|certs?|${EXAM_CODE}|study|train|upskill|skill up)|(?:which|what) (?:of )?(?:my |our |the )?(?:people|persons?|engineers?|staff|folks|team members|colleagues|consultants|employees) (?:should|could|must|ought to|need to|to) (?:\\w+ ){0,4}(?:exams?|certs?|certifications?|certified|${EXAM_CODE})`,
      ),
      anywhere(
        '(?:max|maxim[iu][sz]e|maximi[sz]ing|most|optimi[sz]e|optimi[sz]ing) (?:\\w+ ){0,3}(?:skilling|certification|cert|exam) points',
      ),
    ],
  },
  {
    // After certPlan ("who should take SC-200?"), before atRisk ("is AZ-500 retiring?") and metric.
    name: 'people',
    patterns: [
      anywhere(
        `(?:who|whos) (?:\\w+ ){0,3}(?:is|are|s|has|have|holds?|owns?|passed|got|earned|completed) (?:\\w+ ){0,3}(?:certified|certifications?|certs?|exams?|qualified|${EXAM_CODE})`,
      ),
      anywhere(
        '(?:which|what|list|show|our|the|all|any|how many) (?:\\w+ ){0,2}(?:people|engineers|staff|folks|team members|employees|consultants|colleagues) (?:\\w+ ){0,3}(?:certified|certifications?|certs?)',
      ),
      anywhere(
        'certified (?:people|engineers|staff|folks|team members|employees|consultants|colleagues|persons)|(?:people|staff|engineers|folks|everyone|anyone) with (?:\\w+ ){0,2}(?:certifications?|certs?)|(?:team|teams|staff|staffs|people|peoples|engineers|employees|everyones|everybodys|each persons|each members) (?:certifications|certs)|(?:which|what) (?:\\w+ ){0,2}(?:certs?|certifications?|exams?) (?:does|do|has|have|did) (?:our|the|my) (?:team|people|staff|engineers|org\\w*|company|folks) (?:hold|have|has|got|own|passed|earned)|who is certified|whos certified|whose (?:\\w+ )?(?:certifications?|certs?|exams?)',
      ),
      anywhere(
        '(?:certifications?|certs?|exams?|certificates?) holders?|holders? of (?:\\w+ ){0,2}(?:certifications?|certs?|exams?)',
      ),
      // One person's certifications: "which certs does Priya hold", "what are Alex's certs".
      anywhere(
        `(?:which|what) (?:\\w+ ){0,2}(?:certs?|certifications?|exams?|badges?|credentials?) (?:does|do|did|has|have) (?!we |you |i |our |the team )(?:\\w+ ){1,3}(?:hold|have|has|got|own|passed|earned|completed|done)|(?:does|do|did|has|have) (?!we |you |i |it |our |the |any )\\w+ (?:\\w+ )?(?:hold|have|has|own|got|passed|earned) (?:the |an? |any )?(?:${EXAM_CODE}|certs?|certifications?)|(?:what|which) (?:are|is|were) (?!this |its |ours |yours |theirs |his )\\w+s (?:certs?|certifications?|exams?)`,
      ),
      anywhere(
        `(?:anyone|anybody|someone|somebody|who else) (?:\\w+ ){0,2}(?:certified|holds?|has|have|with|passed)(?: \\w+){0,3}(?: ${EXAM_CODE}| certs?| certifications?)?|(?:certifications?|certs?|exams?) (?:per|by|for each|of each) (?:person|people|engineer|member)`,
      ),
      anywhere(`how many (?:\\w+ ){0,5}${EXAM_CODE}|${EXAM_CODE} (?:\\w+ ){0,2}(?:holders?|people)`),
      anywhere(
        `${EXAM_CODE} (?:\\w+ ){0,6}(?:retir\\w*|expir\\w*|deprecated|going away|ending|end of life|discontinued)|${EXAM_CODE} (?:\\w+ ){0,2}(?:still )?(?:valid|current|available|supported|offered|active)|(?:when|does|do|will) (?:\\w+ ){0,2}(?:certifications?|certs?) expire`,
      ),
    ],
  },
  {
    // Before atRisk: where points are lost today is a gap, not a risk.
    name: 'gaps',
    patterns: [
      anywhere('where (?:are|r|do) we (?:losing|dropping|lose|drop) (?:\\w+ ){0,2}(?:points|score)'),
    ],
  },
  {
    name: 'atRisk',
    patterns: [
      anywhere(
        '(?:designation|score|status|pcs|points) (?:\\w+ )?(?:safe|secure|in danger|in jeopardy|threatened)|jeopardy|in danger',
      ),
      anywhere(
        'at risk|risks?|risky|expir\\w*|about to (?:lapse|expire)|(?:drop|drops|dropping|fall|falls|falling|roll|rolls|rolling|age|ages|aging|ageing) (?:off|out)|loose|loosing|next month|losing|lose|laps\\w*|retir\\w*',
      ),
    ],
  },
  {
    name: 'certPlan',
    // Before plan and metric: "certification plan", "which exams should we take?".
    patterns: [
      anywhere(
        'who (?:\\w+ ){0,2}(?:takes?|sits?|pass(?:es)?|gets?|writes?|go(?:es)? for|study for|be|become|do|does|attempts?|tries|try|tackles?|pursues?|targets?)(?: \\w+){0,3} (?:exams?|certifications?|certs?|certified|(?:sc|az)-?\\d{3})',
      ),
      anywhere(
        `who should (?:\\w+ ){0,4}(?:${EXAM_CODE}|exams?|certs?|certifications?)|who should we (?:certify|train|send|nominate|put forward)|(?:assign|allocate) (?:the )?(?:exams?|certifications?)`,
      ),
      anywhere(
        '(?:exams?|certs?|certifications?|training) (?:recommendations?|suggestions?|advice|priorities)|(?:recommend|suggest)\\w* (?:\\w+ ){0,2}(?:exams?|certs?|certifications?)|(?:which|what) (?:exams?|certs?|certifications?) (?:\\w+ ){0,3}(?:most|best|biggest|more) (?:points|impact|value|sense)|best (?:exams?|certs?|certifications?) (?:to|for)',
      ),
      anywhere(
        '(?:certification|cert|exam|skilling|training) (?:plan|planner|assignments?)|plan (?:for |of )?(?:the |our )?(?:exams?|certifications?|certs?|skilling|training)',
      ),
      anywhere(
        '(?:which|what) (?:exams?|certifications?|certs?) (?:should|could|do|must|can) (?:we|i|our \\w+|people|the team)(?: \\w+){0,3} (?:take|do|sit|pass|get|go for|focus on|prioriti[sz]e|aim for)',
      ),
    ],
  },
  {
    name: 'plan',
    patterns: [
      anywhere(
        'plan|roadmap|next steps?|steps? (?:to|for|towards)|action items?|fastest way|quickest way|shortest path|(?:least|minimum|min|less|lowest) (?:effort|work)|what (?:does|would|will) it take',
      ),
      anywhere(
        'how (?:do|can|could|should|would|will) (?:we|i) (?:qualify|get (?:there|to|qualified|over|above|more|our|the (?:missing |remaining )?(?:score|points|designation)|us|\\d)|reach|hit|improve|make it|become|earn|climb|increase|raise|score|fix)',
      ),
      anywhere(
        'what (?:should|must|do|can) (?:we|i) (?:do|focus on|work on|prioriti[sz]e)|(?:what|where) to (?:do|focus|start|work on|prioriti[sz]e)|what do you (?:suggest|recommend|advise)|(?:need|have|got) to do|things (?:we|i) (?:can|could|should|must) do|to-?do(?: list)?|checklist|what actions|actions? (?:should|can|could|to)|path to (?:70|qualif\\w*|the designation)|options (?:to|for) (?:qualify\\w*|improv\\w*|get\\w*)|our options|fix (?:our|the) (?:score|pcs|points)|quick(?:est)? wins?|easy wins?|low hanging fruit|how to (?:qualify|get|reach|hit|improve|raise|increase|earn|gain|boost)|what would you do|(?:where|how) (?:should|do) (?:we|i) start|where (?:should|do|can|could|would) (?:we|i) (?:start|focus|put|spend|invest|concentrate)|(?:best|easiest|cheapest|simplest|fastest|quickest|shortest) (?:route|way|path|strategy|approach)|how (?:should|do|can|could) (?:we|i) (?:approach|tackle|go about|handle|work towards)|first steps?|tips|boost|close the gap|improve (?:our|the) (?:score|pcs|points)|(?:any )?(?:suggestions|recommendations|advice)',
      ),
      anywhere('get (?:us )?(?:over the line|qualified|to 70)|reach (?:70|the threshold|seventy)'),
    ],
  },
  {
    name: 'score',
    // Yes/no questions about qualifying, before the gap phrases they may contain ("requirements").
    patterns: [
      anywhere(
        '(?:are|do|did|have|will) we (?:meet|qualify|qualified|a solutions partner|hit 70|make it|make 70|pass|eligible)',
      ),
    ],
  },
  {
    name: 'gaps',
    patterns: [
      anywhere(
        'missing|mising|gaps?|short on|falling short|fall short|outstanding|stopping us|holding us back|lacking|lack|still needed|still need|do we need|requirements|shortfall|not there yet|weakest|weak spots?|weak points?|behind on|dragging|drag (?:us|it) down|hurting (?:us|our score|the score)|(?:which|what) metrics? (?:\\w+ ){0,2}(?:is|are) (?:low|weak|behind|below|under|lagging|short|the problem)|below (?:where|what) (?:\\w+ ){0,2}(?:need|needs|should)|below (?:the )?(?:target|par)|falling behind|fall(?:en)? behind|(?:are|r) we behind|stops? us|stopping us|prevent\\w* us|(?:keep|keeps|keeping|holding|holds) us (?:from|back)|blocking|blockers?|left to (?:do|hit|reach|get)|remaining to|still to do|(?:below|under|less than) 70|(?:below|under|short of|not at|less than) (?:the |their |its |our )?(?:max|maximum|full|cap|ceiling|limit)|not maxed|(?:holding|holds|hold|keeping|keeps|keep|dragging|drags|pulling|pulls) (?:\\w+ ){0,2}(?:back|down|low)|not meeting|not met|unmet|failing',
      ),
      anywhere(
        '(?:are|were) we short|how short|points short|short by|how far (?:are|off|away|from|to)|how (?:close|near) (?:are|were) we|how many (?:more )?points (?:do we need|needed|to go|to (?:70|qualify|get there)|are we (?:short|missing|away|off|from)|left|missing|away|short|until|till|before)|points (?:needed|to go|left|away|remaining|missing|until|till)|(?:distance|away) (?:to|from) (?:70|qualif\\w*)',
      ),
      anywhere(
        'why (?:arent|are not|dont|do not|didnt|did not|cant|cannot|wont|isnt|havent|have not|hasnt|has not) (?:we|it|our score) (?:qualif\\w*|eligible|there|enough|made it|got there)|why (?:are|r|is) (?:we|it|our score) (?:not|no longer|still not) (?:qualif\\w*|eligible|there|at 70|a solutions partner)',
      ),
    ],
  },
  {
    name: 'metric',
    patterns: [
      /^(?:.*\s)?(?<metric>net customer ad{1,2}s|customer ad{1,2}s|net ad{1,2}s|new customers|certs?|certifications?|certified people|skilling|exams?|deployments?|usage growth|usage|growth|protected users|security acr)(?:\s.*)?$/,
    ],
  },
  {
    name: 'bothPaths',
    patterns: [
      /^(?:show |see |compare )?(?:me )?(?:the )?both(?: paths| tracks)?$/,
      anywhere(
        '(?:enterprise|smb|small (?:and medium )?business) (?:\\w+ ){0,3}(?:or|and|vs|versus|than) (?:\\w+ ){0,2}(?:enterprise|smb|small (?:and medium )?business)|better (?:on|with|as)|both (?:paths?|tracks?)|other (?:path|track)|the two (?:paths|tracks)|side by side|compare|comparison|versus|vs|which path|which track|all paths|(?:each|every|per|either) (?:path|track)',
      ),
    ],
  },
  {
    name: 'score',
    patterns: [
      anywhere('how (?:are|were|is|did) (?:we|it|things) (?:doing|tracking|looking|going|performing|do)'),
      anywhere(
        'are we (?:there|ok|good|above 70|over 70|at 70|above|over|close)|what are we at|over the line',
      ),
      anywhere(
        'what (?:number|total) (?:are we|do we have)|(?:our|the|current|overall|enterprise|smb) (?:number|total)|how many points (?:are we|do we) (?:on|at|have)',
      ),
      anywhere(
        'hows (?:it|our \\w+|the \\w+|things) (?:looking|going)|where (?:are we|do we stand)|wheres our \\w+',
      ),
    ],
  },
  {
    // The catch-all: any word about the score. "my status" is the user's presence, not ours.
    name: 'score',
    weak: true,
    patterns: [
      anywhere(
        'score|scores|pcs|points|qualif\\w*|eligible|designation|solutions partner|standing|(?<!my )status|hit 70|70 points',
      ),
    ],
  },
  {
    // Last of the questions: one customer by name without "why" ("tell me about Woodgrove Bank").
    name: 'customer',
    patterns: [
      /^(?:tell me (?:more )?about|what about|how about|info (?:on|about|for)|information (?:on|about)|details (?:for|on|about)|show me|look up|lookup|find) (?<customer>.+)$/,
      /^(?:how is|hows|how are) (?<name>.+?) (?:doing|going|looking|performing|tracking)(?: (?:for|with|on|in|these|this|lately|recently|right|now|today|so far|overall|at)\b.*)?$/,
      /^(?<name>.+?) (?:details|info|information|breakdown)$/,
      // A bare name asked about: "Lucerne Publishing?" (only capitalised words and a "?", checked below).
      /^(?<bare>(?:\S+ ){0,3}\S+)$/,
    ],
  },
  {
    // Thanks anywhere in a message that asks nothing else ("thanks for the help earlier!").
    name: 'smallTalk',
    patterns: [anywhere(THANKS)],
  },
];

/** "… do they count", "… are they included", "… why not": a question about the name before it. */
const QUESTION_ABOUT_IT =
  / (?:(?:do|does|did|is|are|was|were|will|would|can|could|should|has|have) (?:they|it|them|that|those|these)|why|how come)\b.*$/;

/** First words that make a phrase no customer's name ("tell me about the weather"). */
const NOT_A_NAME =
  /^(?:the|a|an|my|your|our|their|this|that|these|those|it|its|you|yourself|me|us|we|them|him|her|some|any|all|what|how|why|who|when|where|which|there|here|things|everything|anything)\b/;

/**
 * Every word of four letters or more in the patterns, plus a few: the vocabulary for typo correction.
 * Stems ("expir\w*", "speciali[sz]…") are left out: a typo is corrected to a whole word.
 */
const VOCABULARY: readonly string[] = [
  ...new Set([
    ...INTENTS.flatMap((r) =>
      r.patterns.flatMap((p) => p.source.match(/(?<![a-z\]])[a-z]{4,}(?![a-z\\[])/g) ?? []),
    ),
    ...EXTRA_WORDS,
  ]),
];
const KNOWN: ReadonlySet<string> = new Set(VOCABULARY);

const pathOf = (normalized: string): Track | undefined => {
  const found = PATH_RE.exec(normalized);
  return found ? PATH[found[1]!] : undefined;
};

/** The exam code named in the text, as the rules write it: "sc200" → "SC-200". */
const examOf = (normalized: string): string | undefined => {
  const found = EXAM_RE.exec(normalized);
  return found ? `${found[1]!.toUpperCase()}-${found[2]!}` : undefined;
};

const NEW_CUSTOMERS = /\bnew customers\b|\bcustomer ad{1,2}s\b|\bnet ad{1,2}s\b/;

function metricOf(text: string): MetricName | undefined {
  for (const [re, metric] of METRIC_WORDS) if (re.test(text)) return metric;
  return undefined;
}

/**
 * Recognises one message. Never throws; unknown text is `{ name: 'unknown' }`. The patterns run on
 * the text as typed and with typos corrected; the more specific rule (earlier in the table) wins, so
 * a typo in the key word ("faling short") does not lose to a weaker rule the rest of the text
 * matches ("where are we"). On a tie the typed reading wins, so names (customers) stay as typed; the
 * corrected one only adds the entities it read ("on enterprsie"). What no pattern matches goes to the
 * classifier, which must be sure (docs/understanding.md).
 */
export function recognize(text: string): Intent {
  const typed = match(text, normalize(text));
  const corrected = match(text, normalize(text, true));
  const best =
    typed && corrected && typed.rank === corrected.rank && typed.intent.name === corrected.intent.name
      ? { ...typed, intent: { ...corrected.intent, ...typed.intent } }
      : corrected && (!typed || corrected.rank < typed.rank)
        ? corrected
        : typed;
  if (!best) return classify(text, SURE_ALONE) ?? { name: 'unknown' };
  // A generic word alone ("score", "certs") says little: a sure classifier knows better.
  if (best.weak) {
    const classified = classify(text, SURE_OVER_WEAK);
    if (classified && classified.name !== best.intent.name) return classified;
  }
  return best.intent;
}

/**
 * The classifier's least closeness to decide when no pattern matched, and to overrule a weak rule.
 * Both measured on the development sets (docs/understanding.md): below 0.9 alone, off-topic messages
 * ("I need to change my password") start to be taken for questions.
 */
const SURE_ALONE = 0.9;
const SURE_OVER_WEAK = 0.9;

let classifier: Classifier<TrainingLabel> | undefined;

/**
 * Each training label's closeness to the text (NLP.js classifier, bot/conversation/classifier.ts).
 * Trained on first use, in memory, in 0.05–0.5 s; nothing is downloaded or written.
 */
export function closeness(text: string): ReadonlyMap<TrainingLabel | 'None', number> {
  classifier ??= trainClassifier(TRAINING_PHRASES, (t) => normalize(t, true).split(' ').filter(Boolean));
  return classifier.closeness(text);
}

/** The classifier's intent when it is sure, with the entities the text names. */
function classify(text: string, sure: number): Intent | undefined {
  const [label, score] = [...closeness(text)].reduce((best, next) => (next[1] > best[1] ? next : best));
  if (label === 'None' || score < sure) return undefined;
  const normalized = normalize(text, true);
  const [name, metric] = label.split('.') as [IntentName, MetricName | undefined];
  const path = pathOf(normalized);
  switch (name) {
    case 'customer': // no name to look up
    case 'help': // "can you do my taxes" is no question for help
      return undefined;
    case 'metric':
      return { name, ...(metric ? { metric } : {}), ...(path ? { path } : {}) };
    case 'people': {
      const exam = examOf(normalized);
      return { name, ...(exam ? { exam } : {}) };
    }
    case 'smallTalk': {
      const kind = smallTalkOf(normalized);
      return kind ? { name, smallTalk: kind } : undefined;
    }
    case 'whatIf': {
      const words = whatIfWordsOf(text, normalized);
      return { name, ...(words ? { whatIf: words } : {}) };
    }
    default:
      return { name, ...(path ? { path } : {}) };
  }
}

/** The first rule that matches, with its place in the table (lower: more specific). */
function match(
  original: string,
  normalized: string,
): { intent: Intent; rank: number; weak: boolean } | undefined {
  for (const [rank, rule] of INTENTS.entries()) {
    const intent = matchRule(rule, original, normalized);
    if (intent) return { intent, rank, weak: isWeak(rule, normalized) };
  }
  return undefined;
}

/** Words that name the certification metric but also every question about people and exams. */
const GENERIC_METRIC = /\b(?:certs?|certifications?|exams?)\b/;

/** The weak rules, and the metric read only from "certs" or "exams" ("which certs does our team hold"). */
function isWeak(rule: Rule, normalized: string): boolean {
  if (rule.weak) return true;
  if (rule.name !== 'metric') return false;
  const other = normalized.replace(GENERIC_METRIC, ' ');
  return GENERIC_METRIC.test(normalized) && !/\b(?:intermediate|skilling|certified people)\b/.test(other);
}

function matchRule(rule: Rule, original: string, normalized: string): Intent | undefined {
  const path = pathOf(normalized);
  if (rule.unless?.test(normalized)) return undefined;
  for (const pattern of rule.patterns) {
    const found = pattern.exec(normalized);
    if (!found) continue;
    if (rule.name === 'metric') {
      const metric = metricOf(found.groups?.metric ?? normalized);
      if (!metric) continue; // "explain X" where X is no metric: try the other rules
      return { name: 'metric', metric, ...(path ? { path } : {}) };
    }
    if (rule.name === 'whatIf') {
      const words = whatIfWordsOf(original, normalized);
      if (!words) continue;
      return { name: 'whatIf', whatIf: words };
    }
    if (rule.name === 'customer') {
      const customer = customerOf(found.groups ?? {}, original, normalized);
      if (!customer) continue;
      return { name: 'customer', customer };
    }
    if (rule.name === 'customers' && NEW_CUSTOMERS.test(normalized)) continue; // the metric
    if (rule.name === 'people') {
      const exam = examOf(normalized);
      return { name: 'people', ...(exam ? { exam } : {}) };
    }
    if (rule.name === 'smallTalk') {
      const kind = smallTalkOf(normalized);
      if (!kind) continue; // only words that stand beside small talk ("really", "that")
      return { name: 'smallTalk', smallTalk: kind };
    }
    return { name: rule.name, ...(path ? { path } : {}) };
  }
  return undefined;
}

/**
 * The what-if additions: as typed (names, "$5,000"), as normalised ("wat if", "custs", typos
 * corrected), reordered ("if we add 2 customers, what would our score be?") or with the trigger it
 * left out ("try 2 more Azure customers"). The reading that leaves the fewest clauses not understood
 * wins, the typed one on a tie.
 */
function whatIfWordsOf(original: string, normalized: string): WhatIfWords | undefined {
  const reordered = new RegExp(
    `^if (.+?) (?:what (?:would|will|happens|happen)|would (?:our|the|we)|where would|${RESULT_QUESTION})\\b`,
  ).exec(normalized);
  const corrected = normalize(original, true);
  const adding = new RegExp(`^${ADDING} (.+)$`).exec(normalized);
  const happens =
    /^what (?:happens|would happen|will happen) to (?:our |the )?(?:score|scores|pcs|points) if (.+)$/.exec(
      normalized,
    ) ?? /^what (?:would|will) (?:our |the )?(?:score|scores|pcs|points) be with (.+)$/.exec(normalized);
  const readings = [
    original,
    normalized,
    corrected,
    ...(reordered ? [`what if ${reordered[1]!}`] : []),
    ...(adding ? [`what if we add ${adding[1]!}`] : []),
    ...(happens ? [`what if ${happens[1]!}`, `what if we add ${happens[1]!}`] : []),
  ]
    .map((text) => parseWhatIfWords(text))
    .filter((words): words is WhatIfWords => words !== undefined);
  const unparsed = (words: WhatIfWords): number => words.unparsed?.length ?? 0;
  return readings.reduce<WhatIfWords | undefined>(
    (best, words) => (best === undefined || unparsed(words) < unparsed(best) ? words : best),
    undefined,
  );
}

/** Lead-ins a customer pattern may leave before the name: "whats the deal with Trey Research, do they count". */
const NAME_LEAD_IN =
  /^(?:(?:whats|what is) (?:going on|happening|up|the (?:deal|story|situation)) (?:with|at) |(?:what|how) about |(?:customer|tenant)(?: id)? )+/;
/** A message that is only a name and a question mark: "Lucerne Publishing?". */
const BARE_NAME = /^[A-Z][\w'’&.-]*(?:\s+[A-Z0-9][\w'’&.-]*){0,3}\s*\?$/;
/** "our customer Bellows College and …": the capitalised words after the word customer, as typed. */
const NAME_AFTER_CUSTOMER_WORD =
  /\b(?:[Cc]ustomer|[Cc]lient|[Tt]enant)\s+([A-Z][\w'’&.-]*(?:\s+[A-Z0-9][\w'’&.-]*)*)/;
/** A name typed with capitals: "Bellows College", "Relecloud", "A. Datum" (not "Q3"). */
const NAME_AS_TYPED = /^[A-Z][a-z'’&.-][\w'’&.-]*(?:\s+[A-Z0-9][\w'’&.-]*)*$/;
const MONTH =
  /^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december)$/;
/** Where the name ends as typed: a comma, colon, dash between spaces ("Coho Winery, thought they …"). */
const CLAUSE_END = /\s*(?:[,;:!?()]|\s[-–—]\s)/;

/** The customer a customer pattern found, as typed; undefined when it is no name. */
function customerOf(
  groups: Readonly<Record<string, string | undefined>>,
  original: string,
  normalized: string,
): string | undefined {
  if (NEW_CUSTOMERS.test(normalized)) return undefined;
  if (groups.bare !== undefined && !BARE_NAME.test(original.trim())) return undefined;
  const found =
    groups.context !== undefined
      ? firstNameIn(original)
      : groups.afterCustomerWord !== undefined
        ? NAME_AFTER_CUSTOMER_WORD.exec(original)?.[1]
        : customerAsTyped(
            original,
            // "what about Fabrikam, do they count": the name ends where a question about it starts.
            (groups.customer ?? groups.name ?? groups.named ?? groups.bare ?? '')
              .replace(QUESTION_ABOUT_IT, '')
              .replace(NAME_LEAD_IN, ''),
          );
  // "customer success - deployments?": a metric after the name makes it the metric's question.
  if (!found || metricOf(found.toLowerCase())) return undefined;
  const customer = found.split(CLAUSE_END)[0]!.trim();
  const words = customer
    .toLowerCase()
    .replace(/['’]/g, '')
    .split(/[^a-z0-9-]+/)
    .filter(Boolean);
  if (words.length === 0 || words.length > 6 || NOT_A_NAME.test(words.join(' '))) return undefined;
  // Only words of the questions ("reminders", "Reminder status"): no name.
  if (words.every((word) => KNOWN.has(word) || KNOWN.has(`${word}s`) || EVERYDAY_WORDS.has(word)))
    return undefined;
  if (metricOf(words.join(' '))) return undefined;
  // "how is X doing": X must look like a name as typed ("Contoso", not "sales").
  if (groups.name !== undefined && !/[A-Z0-9]/.test(customer)) return undefined;
  // Beside a generic word ("… status", "ACR for …"): every word capitalised, the first a word ("Q3", "March" are no names).
  if (groups.named !== undefined && !(NAME_AS_TYPED.test(customer) && !MONTH.test(words[0]!)))
    return undefined;
  return customer;
}

/** The first capitalised name after the first word, as typed: "our AM thinks Lucerne Publishing should …". */
function firstNameIn(original: string): string | undefined {
  return /(?<=\S\s+)[A-Z][a-z][\w'’&.-]*(?:\s+[A-Z][\w'’&.-]*)*/.exec(original)?.[0];
}

/** The customer's name as the user typed it, apostrophes kept (the match ran on normalised text). */
function customerAsTyped(original: string, normalizedName: string): string {
  const words = normalizedName.split(' ').filter(Boolean);
  // Each letter may be followed by the apostrophe normalisation dropped ("margies" → "Margie's").
  const typed = words.map((w) =>
    [...w].map((ch) => `${ch.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}['’]?`).join(''),
  );
  // The longest run of the name's first words found as typed: shorthand after it was spelled out ("cust").
  for (let n = typed.length; n > 0; n--) {
    const found = new RegExp(typed.slice(0, n).join('[^a-z0-9]+'), 'i').exec(original);
    if (found) return found[0].trim();
  }
  return normalizedName.trim();
}
