/**
 * Held-out intent phrasings, written independently of the training corpus
 * (test/bot/intent-corpus.ts) and of the classifier itself. These are fresh,
 * realistic Teams messages from partner admins: casual tone, mixed casing,
 * missing apostrophes, and a handful (marked "typo") with a one-letter typo.
 */
import type { IntentName } from '../../bot/conversation/intents';

export const HOLDOUT: readonly {
  text: string;
  intent: IntentName | 'unknown';
  path?: 'enterprise' | 'smb';
  metric?: 'netCustomerAdds' | 'intermediateCertifications' | 'deployments' | 'usageGrowth';
  customer?: string;
}[] = [
  // score (9)
  { text: 'whats our security score?', intent: 'score' },
  { text: 'are we qualified for Solutions Partner for Security yet', intent: 'score' },
  { text: 'hows our PCS looking', intent: 'score' },
  { text: 'how are we doing on security?', intent: 'score' },
  { text: "what's our enterprise score", intent: 'score', path: 'enterprise' },
  { text: 'SMB security score pls', intent: 'score', path: 'smb' },
  { text: 'are we qualifed?', intent: 'score' }, // typo
  { text: 'current partner capability score for security', intent: 'score' },
  { text: 'are we above 70 on the Enterprise path yet?', intent: 'score', path: 'enterprise' },

  // bothPaths (4)
  { text: 'compare enterprise and smb', intent: 'bothPaths' },
  { text: 'Enterprise vs SMB - which one are we closer on?', intent: 'bothPaths' },
  { text: 'what about the other path', intent: 'bothPaths' },
  { text: 'show me both paths side by side', intent: 'bothPaths' },

  // gaps (6)
  { text: 'what are we missing?', intent: 'gaps' },
  { text: 'why arent we qualified', intent: 'gaps' },
  { text: 'what do we still need for security', intent: 'gaps' },
  { text: 'whats stopping us from qualifying?', intent: 'gaps' },
  { text: 'where are we short on points', intent: 'gaps' },
  { text: 'what are we stil missing', intent: 'gaps' }, // typo

  // plan (6)
  { text: 'how do we get to 70?', intent: 'plan' },
  { text: 'how can we qualify', intent: 'plan' },
  { text: 'give me a plan to hit 70 points', intent: 'plan' },
  { text: 'next steps?', intent: 'plan' },
  { text: 'what should we do first to get qualified', intent: 'plan' },
  { text: 'whats the plan to qualfy', intent: 'plan' }, // typo

  // metric (8)
  { text: 'why is usage growth 0?', intent: 'metric', metric: 'usageGrowth' },
  { text: 'explain deploymets', intent: 'metric', metric: 'deployments' }, // typo
  { text: 'how is net customer adds calculated', intent: 'metric', metric: 'netCustomerAdds' },
  {
    text: 'break down intermediate certifications for me',
    intent: 'metric',
    metric: 'intermediateCertifications',
  },
  {
    text: 'why are our deployments so low on smb',
    intent: 'metric',
    metric: 'deployments',
    path: 'smb',
  },
  {
    text: 'how many intermediate certifications do we have right now',
    intent: 'metric',
    metric: 'intermediateCertifications',
  },
  {
    text: 'Net customer adds on enterprise?',
    intent: 'metric',
    metric: 'netCustomerAdds',
    path: 'enterprise',
  },
  { text: 'usage growth details pls', intent: 'metric', metric: 'usageGrowth' },

  // customer (6)
  { text: 'why doesnt Fabrikam count?', intent: 'customer', customer: 'Fabrikam' },
  { text: 'why isnt Contoso countng', intent: 'customer', customer: 'Contoso' }, // typo
  {
    text: 'does Northwind Traders count towards our score',
    intent: 'customer',
    customer: 'Northwind Traders',
  },
  { text: "why doesn't Tailspin Toys count", intent: 'customer', customer: 'Tailspin Toys' },
  { text: 'why does adatum count?', intent: 'customer', customer: 'adatum' },
  { text: 'is Woodgrove Bank counted?', intent: 'customer', customer: 'Woodgrove Bank' },

  // atRisk (6)
  { text: "what's at risk?", intent: 'atRisk' },
  { text: 'any certifications expring soon', intent: 'atRisk' }, // typo
  { text: 'what happens next month', intent: 'atRisk' },
  { text: 'are we at risk of dropping below 70', intent: 'atRisk' },
  { text: 'which certs are about to expire?', intent: 'atRisk' },
  { text: 'anything going to fall off in the next 30 days', intent: 'atRisk' },

  // specializations (5)
  { text: 'specialization status', intent: 'specializations' },
  { text: 'which specializations could we go for?', intent: 'specializations' },
  { text: 'are we eligible for any security specializations', intent: 'specializations' },
  { text: 'how close are we to the Threat Protection specialization', intent: 'specializations' },
  { text: 'whats our status on specializatons', intent: 'specializations' }, // typo

  // renewals (6)
  { text: 'when do we renew?', intent: 'renewals' },
  { text: 'renewal deadline?', intent: 'renewals' },
  { text: 'when is our anniversary date', intent: 'renewals' },
  { text: 'how long until our renewal', intent: 'renewals' },
  { text: 'when does the designation come up for renewal', intent: 'renewals' },
  { text: 'whens the renewl', intent: 'renewals' }, // typo

  // subscribe (2)
  { text: 'post reminders here', intent: 'subscribe' },
  { text: 'can you send the reminders to this channel!', intent: 'subscribe' },

  // unsubscribe (2)
  { text: 'stop reminders', intent: 'unsubscribe' },
  { text: 'turn off the reminders pls', intent: 'unsubscribe' },

  // help (3)
  { text: 'help', intent: 'help' },
  { text: 'what can you do?', intent: 'help' },
  { text: 'what kind of questions can i ask you', intent: 'help' },

  // unknown (7)
  { text: 'lol thanks', intent: 'unknown' },
  { text: "who's bringing snacks to standup", intent: 'unknown' },
  { text: 'whats the weather in seattle', intent: 'unknown' },
  { text: 'can you book a meeting room for 3pm', intent: 'unknown' },
  { text: 'reset my password', intent: 'unknown' },
  { text: 'ok cool', intent: 'unknown' },
  { text: 'did anyone see the game last night?!', intent: 'unknown' },
];
