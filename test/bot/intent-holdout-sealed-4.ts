import type { IntentName } from '../../bot/conversation/intents';

/**
 * Fourth sealed held-out set: written without reading the recognizer, its tests or the other held-out sets.
 * Persona: a CSP reseller's sales manager and technical lead preparing a partner business review in Teams.
 * Only fields the message clearly determines are set; customer is the name as typed.
 */
export const SEALED_HOLDOUT_4: readonly {
  text: string;
  intent: IntentName | 'unknown';
  path?: 'enterprise' | 'smb';
  metric?: 'netCustomerAdds' | 'intermediateCertifications' | 'deployments' | 'usageGrowth';
  customer?: string;
  exam?: string;
  smallTalk?: 'thanks' | 'bye' | 'howAreYou' | 'acknowledge';
}[] = [
  // score
  { text: "what's our security score?", intent: 'score' },
  { text: 'score pls', intent: 'score' },
  { text: 'hey whats our scroe', intent: 'score' },
  { text: 'whats our security score rn', intent: 'score' },
  { text: 'can u pull up our partner score before the PBR tomorrow', intent: 'score' },
  { text: 'how many points do we have right now?', intent: 'score' },
  { text: 'are we qualified for Solutions Partner for Security at the moment?', intent: 'score' },
  { text: "What's our SMB score", intent: 'score', path: 'smb' },
  { text: 'enterprise score?', intent: 'score', path: 'enterprise' },
  { text: 'show me the score on the Enterprise path', intent: 'score', path: 'enterprise' },
  { text: 'what is our total on smb', intent: 'score', path: 'smb' },
  { text: 'scoer for enterprise pls', intent: 'score', path: 'enterprise' },
  { text: 'SMB path score?', intent: 'score', path: 'smb' },

  // bothPaths
  { text: 'compare enterprise and smb', intent: 'bothPaths' },
  { text: 'Enterprise vs SMB?', intent: 'bothPaths' },
  { text: 'show both paths side by side', intent: 'bothPaths' },
  { text: 'which path are we better on, enterprise or smb?', intent: 'bothPaths' },
  { text: 'how do the two paths compare', intent: 'bothPaths' },
  { text: 'smb vs enterprise comparision', intent: 'bothPaths' },
  { text: 'both paths pls', intent: 'bothPaths' },
  { text: 'are we scoring higher on SMB or on Enterprise', intent: 'bothPaths' },

  // gaps
  { text: 'what are we missing?', intent: 'gaps' },
  { text: 'how many points r we short', intent: 'gaps' },
  { text: 'where are we falling short', intent: 'gaps' },
  { text: 'whats mising for the designation', intent: 'gaps' },
  { text: "what's stopping us from qualifying?", intent: 'gaps' },
  { text: 'gaps?', intent: 'gaps' },
  { text: 'how far are we from 70', intent: 'gaps' },
  { text: 'show me the gap analysis, need it for the review', intent: 'gaps' },
  { text: 'what gaps do we hvae', intent: 'gaps' },

  // plan
  { text: 'how do we get to 70?', intent: 'plan' },
  { text: "what's the plan to qualify", intent: 'plan' },
  { text: 'what should we do to hit 70 points', intent: 'plan' },
  { text: 'give me a plan to get the designation', intent: 'plan' },
  { text: 'whats the fastest way to qualify', intent: 'plan' },
  { text: 'action plan pls', intent: 'plan' },
  { text: 'steps to qualify?', intent: 'plan' },
  { text: "what's the cheapest route to qualifying", intent: 'plan' },
  { text: 'plan to qualifiy', intent: 'plan' },

  // metric
  { text: 'why is usage growth 0?', intent: 'metric', metric: 'usageGrowth' },
  { text: 'break down net customer adds for me', intent: 'metric', metric: 'netCustomerAdds' },
  { text: 'show me the deployments metric', intent: 'metric', metric: 'deployments' },
  {
    text: 'how are we doing on intermediate certifications',
    intent: 'metric',
    metric: 'intermediateCertifications',
  },
  { text: 'why do we only have 3 points for deployments', intent: 'metric', metric: 'deployments' },
  { text: 'net customer adds detail', intent: 'metric', metric: 'netCustomerAdds' },
  { text: 'Usage Growth numbers pls', intent: 'metric', metric: 'usageGrowth' },
  { text: 'explain the skilling metric', intent: 'metric', metric: 'intermediateCertifications' },
  { text: 'why is net customer adds so low', intent: 'metric', metric: 'netCustomerAdds' },
  { text: 'deploymnets metric details', intent: 'metric', metric: 'deployments' },
  { text: 'how did we get the usage growth points', intent: 'metric', metric: 'usageGrowth' },
  {
    text: "what's in the intermediate certs number",
    intent: 'metric',
    metric: 'intermediateCertifications',
  },

  // customer
  { text: "why doesn't Nod Publishers count?", intent: 'customer', customer: 'Nod Publishers' },
  { text: 'tell me about Woodgrove Pharma', intent: 'customer', customer: 'Woodgrove Pharma' },
  { text: 'how is Datum Logistics doing', intent: 'customer', customer: 'Datum Logistics' },
  {
    text: 'what does Graphic Design Institute contribute to our score',
    intent: 'customer',
    customer: 'Graphic Design Institute',
  },
  { text: "why isn't School of Fine Art counting", intent: 'customer', customer: 'School of Fine Art' },
  { text: 'why doesnt Blue Yonder Airlines count', intent: 'customer', customer: 'Blue Yonder Airlines' },
  { text: 'tell me about blue yonder airlines', intent: 'customer', customer: 'blue yonder airlines' },
  { text: 'Why is Nod Publishers not counted?', intent: 'customer', customer: 'Nod Publishers' },
  { text: 'tell me abt Datum Logistics', intent: 'customer', customer: 'Datum Logistics' },
  {
    text: 'what does Woodgrove Pharma contribute to our score?',
    intent: 'customer',
    customer: 'Woodgrove Pharma',
  },
  {
    text: 'how is Graphic Design Institute doing?',
    intent: 'customer',
    customer: 'Graphic Design Institute',
  },
  { text: 'why does School of Fine Art not count', intent: 'customer', customer: 'School of Fine Art' },

  // customers
  { text: 'which customers count?', intent: 'customers' },
  { text: 'list our customers', intent: 'customers' },
  { text: 'top customers', intent: 'customers' },
  { text: 'which customers count on smb', intent: 'customers', path: 'smb' },
  { text: 'show all customers for the Enterprise path', intent: 'customers', path: 'enterprise' },
  { text: 'customer list pls', intent: 'customers' },
  { text: 'which custmers count toward the score', intent: 'customers' },
  { text: "which of our customers don't count?", intent: 'customers' },
  { text: 'list the SMB customers', intent: 'customers', path: 'smb' },

  // atRisk
  { text: "what's at risk?", intent: 'atRisk' },
  { text: 'anything at risk this month?', intent: 'atRisk' },
  { text: 'what are we at risk of losing', intent: 'atRisk' },
  { text: 'risks?', intent: 'atRisk' },
  { text: 'show me the at-risk items', intent: 'atRisk' },
  { text: 'whats at rsk', intent: 'atRisk' },
  { text: 'at risk stuff for the pbr pls', intent: 'atRisk' },
  { text: 'is anything at risk for our designation?', intent: 'atRisk' },

  // specializations
  { text: 'specializations?', intent: 'specializations' },
  { text: 'are we eligible for Threat Protection', intent: 'specializations' },
  { text: 'how close are we to the cloud security specialization', intent: 'specializations' },
  { text: 'which specializations could we go for', intent: 'specializations' },
  { text: 'status of our security specializations', intent: 'specializations' },
  {
    text: 'can we apply for the Identity and Access Management specialization yet',
    intent: 'specializations',
  },
  { text: 'Information Protection and Governance specialisation status', intent: 'specializations' },
  { text: 'specialzations status', intent: 'specializations' },
  { text: 'have we earned any specializations', intent: 'specializations' },

  // renewals
  { text: 'when do we renew?', intent: 'renewals' },
  { text: "when's our anniversary date", intent: 'renewals' },
  { text: 'is the renewal window open?', intent: 'renewals' },
  { text: 'renewal dates pls', intent: 'renewals' },
  { text: 'when does the designation come up for renewal', intent: 'renewals' },
  { text: 'how many days until our renewal', intent: 'renewals' },
  { text: 'upcoming renewals?', intent: 'renewals' },
  { text: 'renwal status', intent: 'renewals' },

  // certPlan
  { text: 'who should take which exam?', intent: 'certPlan' },
  { text: 'certification plan', intent: 'certPlan' },
  { text: 'which exams should we take', intent: 'certPlan' },
  { text: 'who should get certified next', intent: 'certPlan' },
  { text: 'which exam should Dana do next?', intent: 'certPlan' },
  { text: 'cert plan for the team pls', intent: 'certPlan' },
  { text: "what's the best exam plan to max out skilling points", intent: 'certPlan' },
  { text: 'who shud take what exam', intent: 'certPlan' },

  // trend
  { text: 'did our score go up since last month?', intent: 'trend' },
  { text: 'show our trend', intent: 'trend' },
  { text: 'score history', intent: 'trend' },
  { text: 'how has our score changed?', intent: 'trend' },
  { text: 'are we trending up or down', intent: 'trend' },
  { text: 'show me the score over the last year', intent: 'trend' },
  { text: 'trend chart pls', intent: 'trend' },
  { text: 'how has the score moved month over month', intent: 'trend' },
  { text: 'scroe history?', intent: 'trend' },

  // forecast
  { text: "what's our forecast?", intent: 'forecast' },
  { text: 'where will our score be in 3 months', intent: 'forecast' },
  { text: 'projected score for the next few months', intent: 'forecast' },
  { text: 'will we still qualify in feb if nothing changes', intent: 'forecast' },
  { text: 'forcast pls', intent: 'forecast' },
  { text: 'if nothing new comes in, where does our score land over the next quarter', intent: 'forecast' },
  { text: 'show me the projection', intent: 'forecast' },
  { text: 'score outlook for the coming months?', intent: 'forecast' },

  // whatIf
  { text: 'what if we add 3 Azure customers', intent: 'whatIf' },
  { text: 'whatif 3 new azure custmers', intent: 'whatIf' },
  { text: 'simulate adding 5 deployments', intent: 'whatIf' },
  { text: 'what happens if our security ACR grows by $10k', intent: 'whatIf' },
  { text: 'what if we add 5,000 protected users', intent: 'whatIf' },
  { text: 'what if 2 more people pass the security operations analyst exam', intent: 'whatIf' },
  { text: 'what if Sam passes the cybersecurity architect exam?', intent: 'whatIf' },
  { text: 'run a what-if with 4 new M365 customers', intent: 'whatIf' },
  { text: 'what if we onboard 2 more customers', intent: 'whatIf' },

  // attribution
  { text: 'what are we not getting credit for?', intent: 'attribution' },
  { text: 'which subscriptions need PAL?', intent: 'attribution' },
  { text: 'who is certified but not associated?', intent: 'attribution' },
  { text: 'are there any tenants missing CPOR', intent: 'attribution' },
  { text: "anything we're not getting credit for", intent: 'attribution' },
  { text: 'which azure usage is missing PAL', intent: 'attribution' },
  { text: "whose Learn profile isn't associated with our partner org", intent: 'attribution' },
  { text: 'not gettng credit for anything?', intent: 'attribution' },

  // people
  { text: 'who on the team is certified?', intent: 'people' },
  { text: 'how many SC-200 do we have', intent: 'people', exam: 'SC-200' },
  { text: 'who holds AZ-500?', intent: 'people', exam: 'AZ-500' },
  { text: 'is AZ-500 retiring?', intent: 'people', exam: 'AZ-500' },
  { text: 'whose certification expires when', intent: 'people' },
  { text: 'list our certified people', intent: 'people' },
  { text: 'who has the sc-300', intent: 'people', exam: 'SC-300' },
  { text: 'how many ppl have SC-100', intent: 'people', exam: 'SC-100' },
  { text: "show me everyone's certs", intent: 'people' },
  { text: 'which of our engineers are certified', intent: 'people' },
  { text: 'who has SC-401?', intent: 'people', exam: 'SC-401' },

  // summary
  { text: 'give me a summary for my boss', intent: 'summary' },
  { text: 'exec summary', intent: 'summary' },
  { text: 'tl;dr for my manager', intent: 'summary' },
  { text: 'summary i can paste into an email to our VP', intent: 'summary' },
  { text: 'sumary for leadership pls', intent: 'summary' },
  { text: 'can you write up a quick summary for my manager', intent: 'summary' },
  { text: 'executive summary for the PBR deck', intent: 'summary' },
  { text: 'summarize where we are for my director', intent: 'summary' },

  // smallTalk
  { text: 'thx!', intent: 'smallTalk', smallTalk: 'thanks' },
  { text: 'thank you', intent: 'smallTalk', smallTalk: 'thanks' },
  { text: 'thanks a lot', intent: 'smallTalk', smallTalk: 'thanks' },
  { text: 'thnaks', intent: 'smallTalk', smallTalk: 'thanks' },
  { text: 'bye', intent: 'smallTalk', smallTalk: 'bye' },
  { text: 'cya', intent: 'smallTalk', smallTalk: 'bye' },
  { text: 'see you later', intent: 'smallTalk', smallTalk: 'bye' },
  { text: 'how are you?', intent: 'smallTalk', smallTalk: 'howAreYou' },
  { text: 'how r u doing today', intent: 'smallTalk', smallTalk: 'howAreYou' },
  { text: 'ok', intent: 'smallTalk', smallTalk: 'acknowledge' },
  { text: 'cool', intent: 'smallTalk', smallTalk: 'acknowledge' },
  { text: 'got it', intent: 'smallTalk', smallTalk: 'acknowledge' },
  { text: 'great', intent: 'smallTalk', smallTalk: 'acknowledge' },
  { text: 'sounds good', intent: 'smallTalk', smallTalk: 'acknowledge' },

  // subscribe
  { text: 'post reminders here', intent: 'subscribe' },
  { text: 'subscribe this channel to reminders', intent: 'subscribe' },
  { text: 'send the renewal reminders to this channel', intent: 'subscribe' },
  { text: 'turn on reminders here', intent: 'subscribe' },
  { text: 'subscibe to reminders', intent: 'subscribe' },
  { text: 'please post renewal reminders in this chanel', intent: 'subscribe' },
  { text: 'subscribe', intent: 'subscribe' },

  // unsubscribe
  { text: 'stop posting reminders here', intent: 'unsubscribe' },
  { text: 'unsubscribe', intent: 'unsubscribe' },
  { text: 'no more reminders pls', intent: 'unsubscribe' },
  { text: 'turn off reminders in this channel', intent: 'unsubscribe' },
  { text: 'unsubscrbe this channel', intent: 'unsubscribe' },
  { text: 'stop the reminders', intent: 'unsubscribe' },
  { text: 'dont send reminders here anymore', intent: 'unsubscribe' },

  // help
  { text: 'hi', intent: 'help' },
  { text: 'hello!', intent: 'help' },
  { text: 'help', intent: 'help' },
  { text: 'what can you do?', intent: 'help' },
  { text: 'what can i ask you', intent: 'help' },
  { text: 'how do i use this bot', intent: 'help' },
  { text: 'hlep', intent: 'help' },
  { text: 'Hi there', intent: 'help' },

  // unknown (off-topic)
  { text: 'how do I reset my Outlook password', intent: 'unknown' },
  { text: 'can you book a Teams meeting with Nora for thursday', intent: 'unknown' },
  { text: "what's the weather in Redmond", intent: 'unknown' },
  { text: 'write me a vlookup formula for excel', intent: 'unknown' },
  { text: 'who won the game last night', intent: 'unknown' },
  { text: 'order lunch for the PBR', intent: 'unknown' },
  { text: "my OneDrive isn't syncing", intent: 'unknown' },
  { text: 'translate this email into german', intent: 'unknown' },
  { text: 'tell me a joke', intent: 'unknown' },
  { text: 'when is Microsoft Ignite this year', intent: 'unknown' },
  { text: 'how do i share my screen in Teams', intent: 'unknown' },
  { text: "what's the capital of australia", intent: 'unknown' },
  { text: 'pls draft a LinkedIn post about our holiday party', intent: 'unknown' },
  { text: 'how much is a Surface Laptop 7', intent: 'unknown' },
  { text: 'how do i add a calculated column in Power BI', intent: 'unknown' },
  { text: 'is SharePoint down?', intent: 'unknown' },
  { text: 'asdfgh', intent: 'unknown' },
  { text: 'what time is it in Sydney', intent: 'unknown' },
  { text: 'recommend a good pizza place near the office', intent: 'unknown' },
];
