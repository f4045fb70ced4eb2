import { executeAction, render, type AdaptiveCard } from './render';
import template from './templates/message.json';

/** Short message cards: welcome and help (with tappable questions), not connected, error. */

export interface MessageCardModel {
  readonly title: string;
  readonly paragraphs: readonly { text: string; subtle: boolean }[];
  readonly actions: readonly Record<string, unknown>[];
}

/**
 * The questions the welcome and help cards offer: Action.Execute buttons (both Teams and the Agents
 * Playground send them to the bot; an imBack does nothing in the Playground). `keep` names the card
 * they sit on: the answer comes as a new message and that card stays (bot/teamsBot.ts). The first
 * three are the buttons a 480 px card shows; the others are in its "…" menu.
 */
export const SUGGESTIONS = [
  { title: 'Our score', verb: 'score', data: {} },
  { title: "What's missing", verb: 'gaps', data: {} },
  { title: 'Renewal dates', verb: 'renewals', data: {} },
  { title: 'What if we add 2 customers?', verb: 'whatIf', data: { customers: 2 } },
  { title: 'Who is certified?', verb: 'people', data: {} },
] as const;

/** The cards whose question buttons leave them in place (KEEP_FIELD in the click's data). */
export type KeptCard = 'welcome' | 'help';
export const KEEP_FIELD = 'keep';

export function helpModel(kind: 'welcome' | 'help' | 'unknown'): MessageCardModel {
  const title =
    kind === 'welcome'
      ? 'Hi! I track your Solutions Partner for Security score.'
      : kind === 'unknown'
        ? "Sorry, I didn't get that."
        : 'What I can answer';
  return {
    title,
    paragraphs: [
      {
        text: 'Ask me about your partner capability score for Security on both paths (Enterprise and SMB): the score, what is missing, the plan to qualify, one metric ("why is usage growth 0?"), which customers count and one customer ("tell me about Fabrikam"), who is certified ("how many SC-200 do we have?"), what is at risk, the trend and the forecast, what if you add customers or exams ("what if Dana passes SC-200?"), who should take which exam, what you are not getting credit for (PAL, CPOR, Learn profiles), specializations and renewals, and a summary for your manager — and I remind your admins before every renewal.',
        subtle: false,
      },
      {
        text: "Data comes from Partner Center, refreshed monthly: a partner admin drops Partner Center's downloads (Insights → Download reports: Azure usage, Office 365, EMS, CPOR-M365 usage, trainings; CSV files or a zip) into this personal chat. Every card says which month it shows.",
        subtle: true,
      },
    ],
    actions: SUGGESTIONS.map(({ title, verb, data }) =>
      executeAction(title, verb, kind === 'unknown' ? data : { ...data, [KEEP_FIELD]: kind }),
    ),
  };
}

/** A question the card offers as a button: an Action.Execute verb of VERBS with its data. */
export interface SuggestedQuestion {
  readonly title: string;
  readonly verb: string;
  readonly data: Readonly<Record<string, string>>;
}

const SHOWN_TEXT_LENGTH = 100;

/**
 * A message the bot did not understand: what was typed (plain text, on one line, shortened) and the
 * closest questions as buttons (bot/conversation/suggestions.ts ranks them).
 */
export function notUnderstoodModel(
  text: string,
  suggestions: readonly SuggestedQuestion[],
): MessageCardModel {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  const shown =
    oneLine.length > SHOWN_TEXT_LENGTH ? `${oneLine.slice(0, SHOWN_TEXT_LENGTH - 1).trimEnd()}…` : oneLine;
  return {
    title: "Sorry, I didn't get that.",
    paragraphs: [
      { text: `You wrote: "${shown}"`, subtle: true },
      { text: 'Did you mean one of these? Or type "help" to see everything I answer.', subtle: false },
    ],
    actions: suggestions.map((s) => executeAction(s.title, s.verb, { ...s.data })),
  };
}

export function notConnectedModel(tenantId: string): MessageCardModel {
  return {
    title: "This organization isn't connected to Partner Score Bot",
    paragraphs: [
      {
        text: 'Your Microsoft 365 organization is not registered to a partner, so there is no score to show.',
        subtle: false,
      },
      { text: `Ask your Partner Score Bot administrator to register tenant ${tenantId}.`, subtle: true },
    ],
    actions: [],
  };
}

export function noDataModel(partnerName: string): MessageCardModel {
  return {
    title: `No score yet for ${partnerName}`,
    paragraphs: [
      {
        text: "No Partner Center data has been imported for your organization yet. An admin of your partner drops Partner Center's downloads (Insights → Download reports, CSV files or a zip) into the bot's personal chat; your Partner Score Bot administrator can also import them with `npm run import`.",
        subtle: false,
      },
    ],
    actions: [],
  };
}

export function errorModel(correlationId: string): MessageCardModel {
  return {
    title: 'Something went wrong',
    paragraphs: [
      { text: 'I could not answer this time. Please try again in a moment.', subtle: false },
      {
        text: `If it keeps happening, give your administrator this reference: ${correlationId}`,
        subtle: true,
      },
    ],
    actions: [executeAction('Try again', 'score', {})],
  };
}

export function messageCard(model: MessageCardModel): AdaptiveCard {
  return render(template, model);
}

/** Files dropped by someone who is not one of the partner's registered admins. */
export function notImportAdminModel(partnerName: string, userObjectId: string | undefined): MessageCardModel {
  return {
    title: `Only ${partnerName}'s registered admins can import data`,
    paragraphs: [
      {
        text: 'You are not one of them, so nothing was imported. Ask an admin to drop the files, or ask your Partner Score Bot administrator to add you as an admin.',
        subtle: false,
      },
      {
        text: `Administrators add one with: npm run partners -- register --partner-id ID --name NAME --admin OBJECT_ID${userObjectId ? ` (your Entra object id: ${userObjectId})` : ''}`,
        subtle: true,
      },
    ],
    actions: [],
  };
}

/** The immediate answer to a drop: the import runs on and its summary follows in this chat. */
export function importStartedModel(partnerName: string, fileNames: readonly string[]): MessageCardModel {
  const shown = fileNames.slice(0, 10).join(', ');
  const more = fileNames.length > 10 ? ` and ${fileNames.length - 10} more` : '';
  return {
    title: `Importing ${fileNames.length === 1 ? '1 file' : `${fileNames.length} files`} for ${partnerName}…`,
    paragraphs: [
      { text: `${shown}${more}`, subtle: true },
      {
        text: 'I check them and answer here with the import summary and the score change; large files take a few minutes.',
        subtle: false,
      },
    ],
    actions: [],
  };
}

/** A second drop while the partner's import runs: one import at a time per partner. */
export function importBusyModel(partnerName: string): MessageCardModel {
  return {
    title: `An import for ${partnerName} is already running`,
    paragraphs: [
      {
        text: 'One import at a time: these files were not imported. Drop them again once its summary has arrived.',
        subtle: false,
      },
    ],
    actions: [],
  };
}

/** Files in a group chat or channel: Teams gives bots files in personal chat only. */
export function filesInPersonalChatModel(): MessageCardModel {
  return {
    title: 'Drop the files in your personal chat with me',
    paragraphs: [
      {
        text: 'Teams gives bots files only in a personal chat: open the chat with Partner Score Bot and drop the Partner Center downloads there.',
        subtle: false,
      },
    ],
    actions: [],
  };
}

/** The import failed for a reason of the bot's own (the store, a bug): the user gets a reference. */
export function importFailedModel(partnerName: string, correlationId: string): MessageCardModel {
  return {
    title: `The import for ${partnerName} failed`,
    paragraphs: [
      {
        text: 'Something went wrong on my side. The current data is as it was; drop the files again in a moment.',
        subtle: false,
      },
      {
        text: `If it keeps happening, give your administrator this reference: ${correlationId}`,
        subtle: true,
      },
    ],
    actions: [],
  };
}
