import { closest, distance } from 'fastest-levenshtein';
import type { MetricName, Track } from '../../scoring';

/**
 * Text → intent through a typed table of anchored patterns. The text is normalised first: lower
 * case, punctuation to spaces, filler words dropped, and each unknown word within one or two edits
 * of the vocabulary corrected ("scroe" → "score"), so the patterns stay exact and readable.
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
  | 'subscribe'
  | 'unsubscribe'
  | 'help';

export interface Intent {
  readonly name: IntentName | 'unknown';
  readonly path?: Track;
  readonly metric?: MetricName;
  /** Customer name or tenant id as typed (original case). */
  readonly customer?: string;
}

const FILLER = new Set([
  'please',
  'pls',
  'plz',
  'hey',
  'hi',
  'hello',
  'bot',
  'can',
  'you',
  'could',
  'would',
  'kindly',
  'now',
  'again',
  'just',
]);

/** Extra words users type that the patterns do not spell out. */
const EXTRA_WORDS = [
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
];

function correct(word: string, vocabulary: readonly string[], known: ReadonlySet<string>): string {
  if (word.length < 4 || known.has(word) || /\d/.test(word)) return word;
  const best = closest(word, vocabulary as string[]);
  // Same first letter, and one edit for short words, two (e.g. a swap: "scroe") for longer ones.
  const allowed = word.length <= 4 ? 1 : 2;
  return best[0] === word[0] && distance(word, best) <= allowed ? best : word;
}

/** Lower case, apostrophes dropped, punctuation to spaces, filler words removed; typos corrected on request. */
export function normalize(text: string, correctTypos = false): string {
  const words = text
    .toLowerCase()
    .replace(/[’']/g, '') // what's → whats, isn't → isnt
    .replace(/[^a-z0-9@.\- ]+/g, ' ')
    .replace(/(?<!\d)\.|\.(?!\d)/g, ' ')
    .split(/\s+/)
    .filter((w) => w !== '' && !FILLER.has(w));
  return (correctTypos ? words.map((w) => correct(w, VOCABULARY, KNOWN)) : words).join(' ');
}

const PATH: Record<string, Track> = {
  enterprise: 'enterprise',
  smb: 'smb',
  'small and medium business': 'smb',
  'small business': 'smb',
};
const PATH_RE = /\b(enterprise|smb|small and medium business|small business)\b/;

const METRIC_WORDS: readonly [RegExp, MetricName][] = [
  [/\b(net )?customer adds\b|\bnet (customer )?adds\b|\bnew customers\b|\bperformance\b/, 'netCustomerAdds'],
  [
    /\b(intermediate )?certifications?\b|\bskilling\b|\bcertified people\b|\bexams?\b/,
    'intermediateCertifications',
  ],
  [/\bdeployments?\b/, 'deployments'],
  [/\busage( growth)?\b|\bgrowth\b|\bprotected users\b|\bsecurity acr\b/, 'usageGrowth'],
];

interface Rule {
  readonly name: IntentName;
  readonly patterns: readonly RegExp[];
}

const Q = '(?:whats|what is|what are|show|show me|tell me|give me|get|see|check|display|view)';
const OUR = '(?:our|my|the|us)';

/** The intent table, most specific first. Every pattern is anchored: it matches the whole text. */
export const INTENTS: readonly Rule[] = [
  {
    name: 'unsubscribe',
    patterns: [
      /^(?:stop|no more|dont post|do not post|unsubscribe(?: from)?|turn off|disable|mute) (?:the )?(?:reminders?|alerts?|notifications?)(?: here| in this (?:channel|chat))?$/,
      /^unsubscribe$/,
    ],
  },
  {
    name: 'subscribe',
    patterns: [
      /^(?:post|send|put|share) (?:the )?(?:reminders?|alerts?|notifications?) (?:here|in this (?:channel|chat|team))$/,
      /^(?:subscribe|sign up)(?: (?:this (?:channel|chat|team) )?to (?:the )?(?:reminders?|alerts?))?(?: here)?$/,
      /^(?:turn on|enable) (?:the )?(?:reminders?|alerts?)(?: here)?$/,
    ],
  },
  {
    name: 'help',
    patterns: [
      /^(?:help|\?|menu|commands|start|get started)$/,
      /^what (?:can|do) (?:you|i|we) (?:do|ask|say)(?: here)?$/,
      /^(?:how does this work|how do i use (?:this|you)|what are the commands|show (?:me )?(?:the )?commands)$/,
      /^$/,
    ],
  },
  {
    name: 'customer',
    patterns: [
      /^why (?:does|doesnt|does not|is|isnt|is not|dont|do not|didnt|did not) (?:customer )?(?<customer>.+?) (?:not )?(?:count|counts|counted|counting|qualify|qualifying|included|a qualifying customer)(?: for (?:us|the score|.+))?$/,
      /^(?:does|do|did|is) (?:customer )?(?<customer>.+?) (?:count|counted|counting|qualify|included)(?: for (?:us|the score|.+))?$/,
      /^(?:explain|tell me about|show|details for|details on|what about|check) customer (?<customer>.+)$/,
      /^customer (?<customer>.+)$/,
    ],
  },
  {
    name: 'plan',
    patterns: [
      new RegExp(
        `^how (?:do|can|could|should) (?:we|i) (?:get|reach|hit|make|score) (?:to )?(?:70|seventy)(?: points)?(?: on (?:the )?\\w+(?: path)?)?$`,
      ),
      /^how (?:do|can|could|should) (?:we|i) (?:qualify|get qualified|become qualified|earn the designation|improve(?: our score)?)(?: on (?:the )?\w+(?: path)?)?$/,
      new RegExp(
        `^${Q}? ?${OUR}? ?(?:plan|plan to qualify|qualification plan|next steps|action plan|roadmap)(?: (?:to|for) (?:qualify|qualification|70))?$`,
      ),
      /^what (?:should|must|do) (?:we|i) do(?: next| to qualify)?$/,
    ],
  },
  {
    name: 'gaps',
    patterns: [
      /^(?:what|whats|what is|what are) (?:are )?(?:we |i )?(?:still )?(?:missing|lacking)(?: for (?:the )?(?:designation|qualification|enterprise|smb))?$/,
      new RegExp(
        `^${Q}? ?${OUR}? ?(?:gaps?|missing requirements|requirements|whats missing|what is missing)$`,
      ),
      /^(?:whats|what is) missing$/,
      /^what (?:do|does) (?:we|i) (?:still )?need(?: to (?:qualify|get qualified|reach 70))?$/,
      /^why (?:are(?:nt)?|arent|are not|is(?:nt)?) (?:we|it) (?:not )?(?:qualified|qualifying|eligible)$/,
      /^(?:gaps|missing)$/,
    ],
  },
  {
    name: 'atRisk',
    patterns: [
      /^(?:whats|what is|what|anything|is anything|whats) (?:at risk|in danger|expiring|expiring soon|about to expire)$/,
      new RegExp(
        `^${Q}? ?${OUR}? ?(?:risks?|at risk items|at risk|expiring certifications|certifications expiring(?: soon)?|expirations)$`,
      ),
      /^(?:which|what) certifications (?:expire|are expiring|will expire)(?: soon)?$/,
      /^what happens next month$/,
      /^(?:will|do) we (?:still )?qualify next month$/,
    ],
  },
  {
    name: 'renewals',
    patterns: [
      /^when (?:do|does|should|must) (?:we|i|it|our \w+(?: \w+)?) (?:renew|need to renew|have to renew|expire)$/,
      new RegExp(
        `^${Q}? ?${OUR}? ?(?:renewals?|renewal (?:dates|deadlines|status|windows?)|deadlines|anniversar(?:y|ies)|anniversary dates)$`,
      ),
      /^when (?:is|are) (?:our|the) (?:renewals?|anniversar(?:y|ies)|deadlines?|renewal deadlines?)$/,
      /^(?:renew|renewal|renewals|deadlines|anniversary)$/,
    ],
  },
  {
    name: 'specializations',
    patterns: [
      new RegExp(`^${Q}? ?${OUR}? ?(?:security )?specializations?(?: status)?$`),
      /^(?:which|what) specializations? (?:can|could|should) (?:we|i) (?:go for|get|apply for|earn|target)$/,
      /^(?:are we eligible for|can we get|do we have) (?:any |a |the )?(?:specializations?|threat protection|cloud security|identity and access management|information protection and governance)$/,
      /^(?:threat protection|cloud security|identity and access management|information protection and governance)(?: status)?$/,
    ],
  },
  {
    name: 'metric',
    patterns: [
      /^why (?:is|are|s) (?:our |the )?(?<metric>.+?) (?:so )?(?:0|zero|low|only \d+(?:\.\d+)?|not met|missing|so low)(?: on (?:the )?\w+(?: path)?)?$/,
      /^(?:explain|show|details?(?: (?:of|for|on))?|what about|how is|hows|how are|tell me about|break down|breakdown of) (?:our |the |my )?(?<metric>.+?)(?: on (?:the )?\w+(?: path)?)?$/,
      /^(?<metric>net customer adds|customer adds|net adds|certifications|intermediate certifications|skilling|deployments|usage growth|usage|growth)$/,
    ],
  },
  {
    name: 'bothPaths',
    patterns: [
      /^(?:compare|show|show me|see|view)? ?(?:both|all|the two|the other|other) (?:paths|tracks|path|track)$/,
      /^(?:enterprise|smb) (?:vs|versus|or|and) (?:enterprise|smb)$/,
      /^compare (?:enterprise|smb) (?:and|with|to|vs) (?:enterprise|smb)$/,
      /^(?:which|what) path is (?:better|best|higher)$/,
    ],
  },
  {
    name: 'score',
    patterns: [
      new RegExp(
        `^${Q}? ?${OUR}? ?(?:current )?(?:security |partner capability |pcs |capability )?(?:score|scores|pcs|points|result|results|status|standing|number)(?: (?:for|on) (?:the )?(?:security|enterprise|smb|small and medium business)(?: path| track)?)?$`,
      ),
      new RegExp(
        `^${Q}? ?${OUR}? ?(?:enterprise|smb|small and medium business) (?:score|path|track|points)$`,
      ),
      /^(?:are|were) we (?:qualified|eligible|there|good|ok|on track)(?: yet| now)?(?: for (?:the )?(?:designation|security|enterprise|smb)(?: path)?)?$/,
      /^(?:do|did|will) we (?:qualify|still qualify|make it|pass)(?: for (?:the )?(?:designation|security|enterprise|smb)(?: path)?)?$/,
      /^how (?:are|did) we (?:doing|do|looking|performing)(?: on (?:security|the designation))?$/,
      /^how (?:do|does) (?:we|our score) (?:stand|look)$/,
      /^(?:score|pcs|points|qualified|status|security)$/,
      /^(?:security )?(?:designation|solutions partner for security)(?: status)?$/,
    ],
  },
];

/** Every word of four letters or more in the patterns, plus a few: the vocabulary for typo correction. */
const VOCABULARY: readonly string[] = [
  ...new Set([
    ...INTENTS.flatMap((r) => r.patterns.flatMap((p) => p.source.match(/[a-z]{4,}/g) ?? [])),
    ...EXTRA_WORDS,
  ]),
];
const KNOWN: ReadonlySet<string> = new Set(VOCABULARY);

function metricOf(text: string): MetricName | undefined {
  for (const [re, metric] of METRIC_WORDS) if (re.test(text)) return metric;
  return undefined;
}

/**
 * Recognises one message. Never throws; unknown text is `{ name: 'unknown' }`. The text is tried as
 * typed first, then with typos corrected, so that names (customers) are never "corrected" when the
 * sentence is understood without it.
 */
export function recognize(text: string): Intent {
  return match(text, normalize(text)) ?? match(text, normalize(text, true)) ?? { name: 'unknown' };
}

function match(original: string, normalized: string): Intent | undefined {
  const pathMatch = PATH_RE.exec(normalized);
  const path = pathMatch ? PATH[pathMatch[1]!] : undefined;
  for (const rule of INTENTS) {
    for (const pattern of rule.patterns) {
      const found = pattern.exec(normalized);
      if (!found) continue;
      if (rule.name === 'metric') {
        const metric = metricOf(found.groups?.metric ?? normalized);
        if (!metric) continue; // "explain X" where X is no metric: try the other rules
        return { name: 'metric', metric, ...(path ? { path } : {}) };
      }
      if (rule.name === 'customer') {
        const customer = customerAsTyped(original, found.groups?.customer ?? '');
        if (!customer || metricOf(customer)) continue;
        return { name: 'customer', customer };
      }
      return { name: rule.name, ...(path ? { path } : {}) };
    }
  }
  return undefined;
}

/** The customer's name as the user typed it (the match ran on normalised text). */
function customerAsTyped(original: string, normalizedName: string): string {
  const words = normalizedName.split(' ').filter(Boolean);
  if (words.length === 0) return '';
  const pattern = new RegExp(
    words.map((w) => w.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')).join('[^a-z0-9]+'),
    'i',
  );
  const found = pattern.exec(original.replace(/[’']/g, ''));
  return (found ? found[0] : normalizedName).trim();
}
