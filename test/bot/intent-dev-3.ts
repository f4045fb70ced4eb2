import type { IntentName } from '../../bot/conversation/intents';

/**
 * Development batch 3 (generalisation work on sealed set 2): 60 phrasings written before looking at
 * why set 2's messages failed, across all intents. Tuned on since (docs/understanding.md).
 */
export const DEV_BATCH_3: readonly {
  text: string;
  intent: IntentName | 'unknown';
  path?: 'enterprise' | 'smb';
  metric?: 'netCustomerAdds' | 'intermediateCertifications' | 'deployments' | 'usageGrowth';
  customer?: string;
  exam?: string;
  smallTalk?: 'thanks' | 'bye' | 'howAreYou' | 'acknowledge';
}[] = [
  { text: 'hows the partner designation looking this week', intent: 'score' },
  { text: 'number on the security designation pls', intent: 'score' },
  { text: 'r we still qualified on smb?', intent: 'score', path: 'smb' },
  { text: 'current total for enterprise?', intent: 'score', path: 'enterprise' },
  { text: 'ent vs smb, which one looks better', intent: 'bothPaths' },
  { text: 'numbers for both tracks', intent: 'bothPaths' },
  { text: 'where do we lose the most points', intent: 'gaps' },
  { text: 'which areas are under their max', intent: 'gaps' },
  { text: 'what keeps our score low', intent: 'gaps' },
  { text: 'how many more points till we qualify', intent: 'gaps' },
  { text: 'what do we have to do to get the designation', intent: 'plan' },
  { text: 'easiest route to 70?', intent: 'plan' },
  { text: 'give me a game plan for qualifying', intent: 'plan' },
  { text: 'how are our deployments looking', intent: 'metric', metric: 'deployments' },
  { text: 'usage growth numbers on smb', intent: 'metric', metric: 'usageGrowth', path: 'smb' },
  { text: 'net adds explained', intent: 'metric', metric: 'netCustomerAdds' },
  {
    text: 'how many intermediate certs count right now',
    intent: 'metric',
    metric: 'intermediateCertifications',
  },
  { text: 'Northwind Traders?', intent: 'customer', customer: 'Northwind Traders' },
  { text: 'is Alpine Ski House in or out', intent: 'customer', customer: 'Alpine Ski House' },
  { text: 'whats the deal with Trey Research, do they count', intent: 'customer', customer: 'Trey Research' },
  { text: 'customer info for Wide World Importers', intent: 'customer', customer: 'Wide World Importers' },
  { text: "Bob's Bikes - why arent they counting", intent: 'customer', customer: "Bob's Bikes" },
  {
    text: 'check tenant 9f8e7d6c-1234-4321-abcd-0123456789ab',
    intent: 'customer',
    customer: '9f8e7d6c-1234-4321-abcd-0123456789ab',
  },
  { text: 'what could fall off in the next few weeks', intent: 'atRisk' },
  { text: 'anything about to expire on us?', intent: 'atRisk' },
  { text: 'is any of our score in danger', intent: 'atRisk' },
  { text: 'list our specs', intent: 'specializations' },
  { text: 'do we hold the threat protection spec', intent: 'specializations' },
  { text: 'which advanced specs could we go for', intent: 'specializations' },
  { text: 'when is our anniversary date', intent: 'renewals' },
  { text: 'do we need to re-enroll soon', intent: 'renewals' },
  { text: 'who on the team should go for SC-100', intent: 'certPlan' },
  { text: 'which engineer should take the next cert', intent: 'certPlan' },
  { text: 'how has the score moved over the quarter', intent: 'trend' },
  { text: 'were we higher in october', intent: 'trend' },
  { text: 'where will we be by spring', intent: 'forecast' },
  { text: 'projected score for next quarter', intent: 'forecast' },
  { text: 'what if we land 4 more azure customers', intent: 'whatIf' },
  { text: 'suppose two more people pass SC-200', intent: 'whatIf' },
  { text: 'our azure usage isnt showing up under our partner id', intent: 'attribution' },
  { text: 'why is microsoft not crediting us for customer consumption', intent: 'attribution' },
  { text: 'who holds the AZ-500', intent: 'people', exam: 'AZ-500' },
  { text: 'list team certifications', intent: 'people' },
  { text: 'which customers are counting toward the score', intent: 'customers' },
  { text: 'show me our top 5 customers', intent: 'customers' },
  { text: 'something short i can forward to my director', intent: 'summary' },
  { text: 'quick recap of where we are', intent: 'summary' },
  { text: 'can this channel get the reminders', intent: 'subscribe' },
  { text: 'start posting updates here', intent: 'subscribe' },
  { text: 'stop pinging this channel', intent: 'unsubscribe' },
  { text: 'no more reminders thanks', intent: 'unsubscribe' },
  { text: 'what can you do', intent: 'help' },
  { text: 'how do I use you', intent: 'help' },
  { text: 'thanks heaps', intent: 'smallTalk', smallTalk: 'thanks' },
  { text: 'ok cheers, bye', intent: 'smallTalk' },
  { text: 'book me a meeting room for 3pm', intent: 'unknown' },
  { text: 'set my status to busy', intent: 'unknown' },
  { text: 'whats the weather in seattle', intent: 'unknown' },
  { text: 'order pizza for the team', intent: 'unknown' },
  { text: 'translate this into french', intent: 'unknown' },
];
