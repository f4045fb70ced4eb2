import type { IntentName } from '../../bot/conversation/intents';

type Metric = 'netCustomerAdds' | 'intermediateCertifications' | 'deployments' | 'usageGrowth';

// Realistic Teams messages from partner admins / practice leads, written independently of the
// intent patterns. Roughly 10% contain a deliberate single-letter typo.
export const CORPUS: readonly {
  text: string;
  intent: IntentName | 'unknown';
  path?: 'enterprise' | 'smb';
  metric?: Metric;
  customer?: string;
  exam?: string;
  smallTalk?: 'thanks' | 'bye' | 'howAreYou' | 'acknowledge';
}[] = [
  // score (20)
  { text: "what's our security score?", intent: 'score' },
  { text: 'Are we qualified for Solutions Partner for Security?', intent: 'score' },
  { text: 'whats our PCS', intent: 'score' },
  { text: 'how are we doing?', intent: 'score' },
  { text: "What's our SMB score?", intent: 'score', path: 'smb' },
  { text: 'enterprise score pls', intent: 'score', path: 'enterprise' },
  { text: 'show me the security scroe', intent: 'score' },
  { text: 'What is our partner capability score for Security?', intent: 'score' },
  { text: 'are we qualifed yet?', intent: 'score' },
  { text: 'How are we tracking on the Security designation?', intent: 'score' },
  { text: 'current score for Enterprise?', intent: 'score', path: 'enterprise' },
  { text: 'did we hit 70 on SMB?', intent: 'score', path: 'smb' },
  { text: 'security score', intent: 'score' },
  { text: 'WHAT IS OUR SCORE', intent: 'score' },
  { text: "hey, quick one - where's our PCS at right now?", intent: 'score' },
  { text: 'Do we meet the Security solutions partner requirements?', intent: 'score' },
  { text: 'hows our smb pcs looking', intent: 'score', path: 'smb' },
  { text: 'score?', intent: 'score' },
  { text: 'Are we a Solutions Partner for Security or not!', intent: 'score' },
  { text: 'whats the enterprise security socre', intent: 'score', path: 'enterprise' },

  // gaps (14)
  { text: 'what are we missing?', intent: 'gaps' },
  { text: "What's missing?", intent: 'gaps' },
  { text: "why aren't we qualified?", intent: 'gaps' },
  { text: 'why arent we qualified yet', intent: 'gaps' },
  { text: 'what do we still need?', intent: 'gaps' },
  { text: "What's stopping us from qualifying?", intent: 'gaps' },
  { text: 'where are we falling short', intent: 'gaps' },
  { text: 'which requirements are we missing for Security?', intent: 'gaps' },
  { text: 'what are we mising', intent: 'gaps' },
  { text: "What's still outstanding for the designation?", intent: 'gaps' },
  { text: "Why don't we qualify?", intent: 'gaps' },
  { text: 'what are the gaps', intent: 'gaps' },
  { text: 'waht are the gaps?', intent: 'gaps' },
  { text: 'what are we short on?', intent: 'gaps' },

  // plan (12)
  { text: 'how do we get to 70?', intent: 'plan' },
  { text: 'How can we qualify?', intent: 'plan' },
  { text: 'plan to qualify', intent: 'plan' },
  { text: 'next steps?', intent: 'plan' },
  { text: 'What are our next steps to reach 70 points?', intent: 'plan' },
  { text: 'give me a plan to get qualified', intent: 'plan' },
  { text: 'how do we get over the line?', intent: 'plan' },
  { text: 'What should we do to qualify for Security?', intent: 'plan' },
  { text: 'whats the fastest way to hit 70', intent: 'plan' },
  { text: 'how can we qualfy', intent: 'plan' },
  { text: 'Roadmap to qualification please', intent: 'plan' },
  { text: 'what should we focus on to reach the threshold?', intent: 'plan' },

  // metric (16)
  { text: 'why is usage growth 0?', intent: 'metric', metric: 'usageGrowth' },
  { text: 'explain deployments', intent: 'metric', metric: 'deployments' },
  { text: 'show certifications', intent: 'metric', metric: 'intermediateCertifications' },
  { text: 'net customer adds?', intent: 'metric', metric: 'netCustomerAdds' },
  { text: 'How is net customer adds calculated?', intent: 'metric', metric: 'netCustomerAdds' },
  { text: 'why are our deployments so low', intent: 'metric', metric: 'deployments' },
  {
    text: 'show me intermediate certifications for Enterprise',
    intent: 'metric',
    metric: 'intermediateCertifications',
    path: 'enterprise',
  },
  { text: "what's our usage growth on SMB?", intent: 'metric', metric: 'usageGrowth', path: 'smb' },
  { text: 'explain the usage grwoth metric', intent: 'metric', metric: 'usageGrowth' },
  { text: 'how many certs do we have?', intent: 'metric', metric: 'intermediateCertifications' },
  { text: 'break down deployments for smb', intent: 'metric', metric: 'deployments', path: 'smb' },
  { text: 'Why is net customer adds zero?', intent: 'metric', metric: 'netCustomerAdds' },
  { text: 'details on certifications pls', intent: 'metric', metric: 'intermediateCertifications' },
  {
    text: 'how many deployments do we have for Enterprise?',
    intent: 'metric',
    metric: 'deployments',
    path: 'enterprise',
  },
  { text: 'Why did usage growth drop?', intent: 'metric', metric: 'usageGrowth' },
  { text: 'explain net customr adds', intent: 'metric', metric: 'netCustomerAdds' },

  // customer (10)
  { text: "why doesn't Fabrikam count?", intent: 'customer', customer: 'Fabrikam' },
  { text: 'does Northwind count?', intent: 'customer', customer: 'Northwind' },
  { text: 'Why doesnt Contoso Ltd count towards our score?', intent: 'customer', customer: 'Contoso Ltd' },
  { text: "why isn't Adventure Works counted?", intent: 'customer', customer: 'Adventure Works' },
  { text: 'does Tailspin Toys count?', intent: 'customer', customer: 'Tailspin Toys' },
  { text: "Why isn't Woodgrove Bank counting?", intent: 'customer', customer: 'Woodgrove Bank' },
  { text: 'is Litware counted', intent: 'customer', customer: 'Litware' },
  { text: "why doesn't wide world importers count", intent: 'customer', customer: 'wide world importers' },
  { text: "why dosen't Proseware count?", intent: 'customer', customer: 'Proseware' },
  { text: 'does Alpine Ski House count for us?', intent: 'customer', customer: 'Alpine Ski House' },

  // atRisk (10)
  { text: "what's at risk?", intent: 'atRisk' },
  { text: 'Any certifications expiring soon?', intent: 'atRisk' },
  { text: 'what happens next month?', intent: 'atRisk' },
  { text: "What's at risk next month", intent: 'atRisk' },
  { text: 'which certs are about to expire', intent: 'atRisk' },
  { text: 'are we at risk of losing the designation?', intent: 'atRisk' },
  { text: 'anything expiring?', intent: 'atRisk' },
  { text: 'whats going to drop off next month', intent: 'atRisk' },
  { text: 'Will our score drop next month?', intent: 'atRisk' },
  { text: 'any expirng certifications?', intent: 'atRisk' },

  // trend (8)
  { text: 'show our trend', intent: 'trend' },
  { text: 'How has our score changed over the last 12 months?', intent: 'trend' },
  { text: 'score history please', intent: 'trend' },
  { text: 'can I see a chart of our PCS over time', intent: 'trend' },
  { text: 'month over month Security score', intent: 'trend' },
  { text: 'trend for SMB', intent: 'trend', path: 'smb' },
  { text: 'whats the trend on enterprise', intent: 'trend', path: 'enterprise' },
  { text: 'show the score trnd', intent: 'trend' },

  // attribution (9)
  { text: 'what are we not getting credit for?', intent: 'attribution' },
  { text: 'Which customers are we not getting credit for', intent: 'attribution' },
  { text: 'any usage missing attribution?', intent: 'attribution' },
  { text: 'where are we losing credit', intent: 'attribution' },
  { text: 'which subscriptions need PAL?', intent: 'attribution' },
  { text: 'do we need to claim CPOR anywhere', intent: 'attribution' },
  { text: 'who is certified but not associated with us?', intent: 'attribution' },
  { text: 'show the attribution finder', intent: 'attribution' },
  { text: 'what are we not getting credti for', intent: 'attribution' },

  // forecast (8)
  { text: "what's our forecast?", intent: 'forecast' },
  { text: 'where will we be in 3 months if nothing changes?', intent: 'forecast' },
  { text: 'score forecast for the next three months', intent: 'forecast' },
  { text: "What's the outlook for our Security score?", intent: 'forecast' },
  { text: 'projected score', intent: 'forecast' },
  { text: 'can you predict our score for the coming months', intent: 'forecast' },
  { text: 'what will our score be next quarter', intent: 'forecast' },
  { text: 'forcast?', intent: 'forecast' },

  // certPlan (9)
  { text: 'who should take which exam?', intent: 'certPlan' },
  { text: 'Certification plan', intent: 'certPlan' },
  { text: 'which exams should we take?', intent: 'certPlan' },
  { text: 'who should get certified next?', intent: 'certPlan' },
  { text: 'cert plan for SMB', intent: 'certPlan', path: 'smb' },
  { text: 'Who needs to pass SC-200?', intent: 'certPlan' },
  {
    text: 'what certifications should our people go for on Enterprise',
    intent: 'certPlan',
    path: 'enterprise',
  },
  { text: 'who shuold take which exam', intent: 'certPlan' },
  { text: 'who should we send to take exams', intent: 'certPlan' },

  // whatIf (11)
  { text: 'what if we add 2 customers and Dana passes SC-200?', intent: 'whatIf' },
  { text: 'What if we add 3 Azure customers', intent: 'whatIf' },
  { text: 'what if Sam passes AZ-500', intent: 'whatIf' },
  { text: 'what if we add 5,000 protected users?', intent: 'whatIf' },
  { text: 'what if', intent: 'whatIf' },
  { text: 'simulate', intent: 'whatIf' },
  { text: 'What happens if we get 2 more M365 deployments?', intent: 'whatIf' },
  { text: 'what would our score be if our Security ACR grew by $10k', intent: 'whatIf' },
  { text: "let's say 2 more people pass SC-100", intent: 'whatIf' },
  { text: 'simualte please', intent: 'whatIf' },
  { text: 'What-if: 1 Azure deployment and 300 protected users on SMB', intent: 'whatIf' },

  // specializations (10)
  { text: 'specializations status', intent: 'specializations' },
  { text: 'which specializations could we go for?', intent: 'specializations' },
  { text: 'Threat Protection status', intent: 'specializations' },
  { text: 'how are we doing on the Threat Protection specialization?', intent: 'specializations' },
  { text: 'What specialisations are we eligible for?', intent: 'specializations' },
  { text: 'are we close to any specializations?', intent: 'specializations' },
  { text: 'Cloud Security specialization?', intent: 'specializations' },
  { text: 'show specialisations', intent: 'specializations' },
  { text: 'Identity and Access Management specialization progress', intent: 'specializations' },
  { text: 'which specialzations can we apply for', intent: 'specializations' },

  // renewals (12)
  { text: 'when do we renew?', intent: 'renewals' },
  { text: 'renewal deadlines', intent: 'renewals' },
  { text: "What's our anniversary date?", intent: 'renewals' },
  { text: 'when is our renewal?', intent: 'renewals' },
  { text: "When's the next renewal date for Security?", intent: 'renewals' },
  { text: 'when does our designation renew', intent: 'renewals' },
  { text: 'renwals?', intent: 'renewals' },
  { text: 'When do we need to renew by', intent: 'renewals' },
  { text: 'whats our anniversary date for the Security designation', intent: 'renewals' },
  { text: 'upcoming renewals', intent: 'renewals' },
  { text: 'When is the renewal deadline!', intent: 'renewals' },
  { text: "when's our anniversery", intent: 'renewals' },

  // bothPaths (8)
  { text: 'compare both paths', intent: 'bothPaths' },
  { text: 'Enterprise vs SMB', intent: 'bothPaths' },
  { text: 'how do we look on the other path?', intent: 'bothPaths' },
  { text: 'show me both paths', intent: 'bothPaths' },
  { text: 'compare enterprise and smb', intent: 'bothPaths' },
  { text: 'Would we do better on SMB or Enterprise?', intent: 'bothPaths' },
  { text: 'what about the other path', intent: 'bothPaths' },
  { text: 'enterprise vs smb score side by side', intent: 'bothPaths' },

  // subscribe (5)
  { text: 'post reminders here', intent: 'subscribe' },
  { text: 'subscribe this channel to reminders', intent: 'subscribe' },
  { text: 'Can you send reminders to this channel?', intent: 'subscribe' },
  { text: 'subscribe', intent: 'subscribe' },
  { text: 'subscibe this channel', intent: 'subscribe' },

  // unsubscribe (5)
  { text: 'stop reminders', intent: 'unsubscribe' },
  { text: 'unsubscribe', intent: 'unsubscribe' },
  { text: 'Stop posting reminders here', intent: 'unsubscribe' },
  { text: 'turn off reminders', intent: 'unsubscribe' },
  { text: 'unsubscribe this channel from reminders', intent: 'unsubscribe' },

  // help (6)
  { text: 'help', intent: 'help' },
  { text: 'what can you do?', intent: 'help' },
  { text: 'hi', intent: 'help' },
  { text: 'Hello!', intent: 'help' },
  { text: 'what can I ask you', intent: 'help' },
  { text: 'hey bot, help pls', intent: 'help' },

  // unknown (10)
  { text: "what's the weather", intent: 'unknown' },
  { text: 'book a meeting room', intent: 'unknown' },
  { text: 'tell me a joke', intent: 'unknown' },
  { text: 'lol', intent: 'unknown' },
  { text: 'who won the match last night?', intent: 'unknown' },
  { text: 'can you order pizza for the team', intent: 'unknown' },
  { text: 'what time is it in Seattle', intent: 'unknown' },
  { text: 'reset my password', intent: 'unknown' },
  { text: 'ok cool', intent: 'smallTalk', smallTalk: 'acknowledge' },
  { text: "what's for lunch?", intent: 'unknown' },

  // --- issue 13: new intents and everyday phrasings ---

  // people (16)
  { text: 'who on the team is certified?', intent: 'people' },
  { text: 'how many SC-200 do we have', intent: 'people', exam: 'SC-200' },
  { text: 'is AZ-500 retiring', intent: 'people', exam: 'AZ-500' },
  { text: 'who has SC-200?', intent: 'people', exam: 'SC-200' },
  { text: 'which people are certified', intent: 'people' },
  { text: 'list the certified people', intent: 'people' },
  { text: 'who holds which certs', intent: 'people' },
  { text: 'whose certification expires when?', intent: 'people' },
  { text: 'when does Dana’s cert expire', intent: 'people' },
  { text: 'how many az500 holders r there', intent: 'people', exam: 'AZ-500' },
  { text: 'Who passed SC-300', intent: 'people', exam: 'SC-300' },
  { text: 'show me our certified engineers', intent: 'people' },
  { text: 'people with certs pls', intent: 'people' },
  { text: 'is sc 100 being retired?', intent: 'people', exam: 'SC-100' },
  { text: 'Who is certified in security?', intent: 'people' },
  { text: 'how many of our ppl have passed AZ-500?', intent: 'people', exam: 'AZ-500' },

  // customers (12)
  { text: 'which customers count?', intent: 'customers' },
  { text: 'list our customers', intent: 'customers' },
  { text: 'top customers', intent: 'customers' },
  { text: 'show customers', intent: 'customers' },
  { text: 'which customers count on SMB?', intent: 'customers', path: 'smb' },
  { text: 'which custs are counted', intent: 'customers' },
  { text: 'who are our biggest customers', intent: 'customers' },
  { text: 'all customers pls', intent: 'customers' },
  { text: 'which customers qualify for enterprise', intent: 'customers', path: 'enterprise' },
  { text: 'How many customers count?', intent: 'customers' },
  { text: 'customers that dont count', intent: 'customers' },
  { text: 'list of clients', intent: 'customers' },

  // customer by name without "why" (10)
  { text: 'tell me about Woodgrove Bank', intent: 'customer', customer: 'Woodgrove Bank' },
  { text: 'what does Fabrikam contribute to our score', intent: 'customer', customer: 'Fabrikam' },
  { text: 'how is Contoso Ltd doing', intent: 'customer', customer: 'Contoso Ltd' },
  { text: 'what about Alpine Ski House?', intent: 'customer', customer: 'Alpine Ski House' },
  { text: 'info on Litware', intent: 'customer', customer: 'Litware' },
  { text: 'details for Tailspin Toys', intent: 'customer', customer: 'Tailspin Toys' },
  { text: 'how much does Northwind Traders add?', intent: 'customer', customer: 'Northwind Traders' },
  { text: 'tell me about Coho Winery pls', intent: 'customer', customer: 'Coho Winery' },
  { text: 'show me Relecloud', intent: 'customer', customer: 'Relecloud' },
  { text: 'what is Lamna Healthcare worth to us', intent: 'customer', customer: 'Lamna Healthcare' },

  // summary (10)
  { text: 'give me a summary for my boss', intent: 'summary' },
  { text: 'exec summary', intent: 'summary' },
  { text: 'tl;dr for my manager', intent: 'summary' },
  { text: 'summarize', intent: 'summary' },
  { text: 'a summary I can paste to my manager', intent: 'summary' },
  { text: 'short update for leadership pls', intent: 'summary' },
  { text: 'sum up where we are', intent: 'summary' },
  { text: 'give me an overview', intent: 'summary' },
  { text: 'status report for management', intent: 'summary' },
  { text: 'recap', intent: 'summary' },

  // smallTalk (16)
  { text: 'thx!', intent: 'smallTalk', smallTalk: 'thanks' },
  { text: 'thank you', intent: 'smallTalk', smallTalk: 'thanks' },
  { text: 'thanks a lot', intent: 'smallTalk', smallTalk: 'thanks' },
  { text: 'Thanks, that helps', intent: 'smallTalk', smallTalk: 'thanks' },
  { text: 'much appreciated', intent: 'smallTalk', smallTalk: 'thanks' },
  { text: 'bye', intent: 'smallTalk', smallTalk: 'bye' },
  { text: 'cya', intent: 'smallTalk', smallTalk: 'bye' },
  { text: 'see you tomorrow', intent: 'smallTalk', smallTalk: 'bye' },
  { text: 'how are you?', intent: 'smallTalk', smallTalk: 'howAreYou' },
  { text: 'how are u doing today', intent: 'smallTalk', smallTalk: 'howAreYou' },
  { text: 'whats up', intent: 'smallTalk', smallTalk: 'howAreYou' },
  { text: 'ok', intent: 'smallTalk', smallTalk: 'acknowledge' },
  { text: 'cool', intent: 'smallTalk', smallTalk: 'acknowledge' },
  { text: 'great', intent: 'smallTalk', smallTalk: 'acknowledge' },
  { text: 'got it', intent: 'smallTalk', smallTalk: 'acknowledge' },
  { text: 'nice one', intent: 'smallTalk', smallTalk: 'acknowledge' },

  // trend (6)
  { text: 'did our score go up since last month?', intent: 'trend' },
  { text: 'has the score gone down?', intent: 'trend' },
  { text: 'are we up or down vs last month', intent: 'trend' },
  { text: 'how much did we improve this year', intent: 'trend' },
  { text: 'did the pcs drop?', intent: 'trend' },
  { text: 'compared to last month how r we', intent: 'trend' },

  // gaps (6)
  { text: 'how many points r we short', intent: 'gaps' },
  { text: 'how far are we from qualifying?', intent: 'gaps' },
  { text: 'how many more points do we need', intent: 'gaps' },
  { text: 'points to go?', intent: 'gaps' },
  { text: 'how close r we to 70', intent: 'gaps' },
  { text: 'what are we lacking on ent', intent: 'gaps', path: 'enterprise' },

  // whatIf (6)
  { text: 'whatif 3 new azure custmers', intent: 'whatIf' },
  { text: 'wat if we add 2 customers', intent: 'whatIf' },
  { text: 'what if 2 ppl pass SC-200', intent: 'whatIf' },
  { text: 'If we added 5 customers what would our score be?', intent: 'whatIf' },
  { text: 'what iff Dana passes AZ-500', intent: 'whatIf' },
  { text: 'simulate 3 more m365 customers', intent: 'whatIf' },

  // existing intents, casual (14)
  { text: 'r we there yet', intent: 'score' },
  { text: 'wheres our ent score', intent: 'score', path: 'enterprise' },
  { text: 'score pls thx', intent: 'score' },
  { text: 'how r we doing', intent: 'score' },
  { text: 'what do u suggest we do next', intent: 'plan' },
  { text: 'any risks coming up?', intent: 'atRisk' },
  { text: 'when r we up for renewal', intent: 'renewals' },
  { text: 'cust adds?', intent: 'metric', metric: 'netCustomerAdds' },
  { text: 'certs?', intent: 'metric', metric: 'intermediateCertifications' },
  { text: 'who should study for which cert', intent: 'certPlan' },
  { text: 'missing PAL anywhere?', intent: 'attribution' },
  { text: 'projection for next quarter', intent: 'forecast' },
  { text: 'ent or smb?', intent: 'bothPaths' },
  { text: 'no more notifications pls', intent: 'unsubscribe' },

  // unknown (8)
  { text: 'how do I file an expense report', intent: 'unknown' },
  { text: 'where is the printer', intent: 'unknown' },
  { text: 'what is the wifi password', intent: 'unknown' },
  { text: 'write me a poem', intent: 'unknown' },
  { text: 'who is on call this weekend', intent: 'unknown' },
  { text: 'qwerty', intent: 'unknown' },
  { text: 'buy more coffee', intent: 'unknown' },
  { text: 'call my mom', intent: 'unknown' },
  { text: 'how do I get a parking permit', intent: 'unknown' },
  { text: 'open a support case with Microsoft for my outlook', intent: 'unknown' },
  { text: 'how are sales going', intent: 'unknown' },
  { text: 'who is going to the party', intent: 'unknown' },
  { text: 'do you like pizza', intent: 'unknown' },
  { text: 'tell me about the weather', intent: 'unknown' },
];
