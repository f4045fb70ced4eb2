import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import {
  cardOf,
  ConversationStream,
  firstText,
  SCORE_TITLE,
  type Bot,
  type Card,
  type Playground,
  type PlaygroundApi,
  type PlaygroundIds,
  startSession,
  stopSession,
  type PlaygroundSession,
} from './harness';

/**
 * Issue 12 in the Microsoft 365 Agents Playground: Partner Center downloads dropped into the personal
 * chat. The playground's UI cannot send files (its upload button is hidden), so the test drives the
 * bot's attachment path through the playground's own API: `POST /_internal/v1/customActivities`
 * forwards an activity verbatim to the bot, here a message with Teams' `file.download.info`
 * attachments whose download links point at a local HTTP server (a free port) serving the sample
 * files. The bot runs in local mode, where loopback http links are allowed; the playground's user
 * is an admin of the demo partner Contoso (bot/demo/admins.json).
 */

const FIXTURES = path.resolve(__dirname, '../fixtures/partner-center');
const FILES = ['azure-usage.csv', 'office365-usage.csv', 'trainings.csv', 'partner-info.yaml'];
const BROKEN = 'azure-usage-no-acr.csv';
const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';

let session: PlaygroundSession | undefined;
let bot: Bot | undefined;
let playground: Playground | undefined;
let stream: ConversationStream | undefined;
let files: Server | undefined;
let filesUrl: string;
let ids: PlaygroundIds;
let api: PlaygroundApi;
const downloads: string[] = [];

beforeAll(async () => {
  files = createServer((req, res) => {
    const name = path.basename(new URL(req.url ?? '/', 'http://x').pathname);
    downloads.push(name);
    if (name === BROKEN) {
      // The Azure usage download without its ACR column (a Report viewer's download has none).
      res.writeHead(200, { 'content-type': 'text/csv' });
      res.end(readFileSync(path.join(FIXTURES, 'azure-usage.csv'), 'utf8').replace(',ACR_USD', ',Amount'));
      return;
    }
    if (!FILES.includes(name)) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    res.end(readFileSync(path.join(FIXTURES, name)));
  });
  await new Promise<void>((resolve) => files!.listen(0, '127.0.0.1', resolve));
  filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
  session = await startSession();
  ({ bot, playground, ids, api, stream } = session);
}, 120_000);

afterAll(async () => {
  await stopSession(session);
  files?.closeAllConnections();
  await new Promise((resolve) => (files ? files.close(resolve) : resolve(undefined)));
}, 30_000);

/** The playground's own base activity for its personal chat, made a message with file attachments. */
async function fileDrop(names: readonly string[]): Promise<Record<string, unknown>> {
  const response = await fetch(
    `${playground!.url}/_internal/v1/customActivities/template?conversationId=${encodeURIComponent(ids.conversationId)}`,
  );
  expect(response.status).toBe(200);
  const template = (await response.json()) as Record<string, unknown>;
  return {
    ...template,
    type: 'message',
    text: '',
    attachments: names.map((name, i) => ({
      contentType: FILE_DOWNLOAD_INFO,
      name,
      contentUrl: `https://contoso-my.sharepoint.com/personal/admin/Documents/${name}`,
      content: {
        downloadUrl: `${filesUrl}/${name}?tempauth=e2e`,
        uniqueId: `00000000-0000-4000-8000-00000000000${i}`,
        fileType: path.extname(name).slice(1),
      },
    })),
  };
}

/** The first Action.Execute with this verb in a card. */
function executeAction(card: Card, verb: string): NonNullable<Card['actions']>[number] | undefined {
  let found: NonNullable<Card['actions']>[number] | undefined;
  const walk = (node: unknown): void => {
    if (found) return;
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'Action.Execute' && o.verb === verb) found = o as NonNullable<Card['actions']>[number];
      else Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return found;
}

describe('dropping Partner Center downloads into the chat (Agents Playground, its API)', () => {
  test('the files are imported: the acknowledgement, then the summary card, whose button shows the score', async () => {
    const from = stream!.length;
    const response = await api.post('/_internal/v1/customActivities', await fileDrop(FILES));
    expect(response.status).toBe(200);
    await stream!.next(
      (m) => firstText(cardOf(m, ids.conversationId)) === 'Importing 4 files for Contoso Security Ltd…',
      'acknowledgement',
      20_000,
      from,
    );
    const summary = await stream!.next(
      (m) => firstText(cardOf(m, ids.conversationId)) === 'Imported 4 files for Contoso Security Ltd',
      'import summary card',
      60_000,
      from,
    );
    const card = cardOf(summary, ids.conversationId)!;
    const text = JSON.stringify(card);
    expect(downloads.slice().sort()).toEqual([...FILES].sort());
    // The demo data (SMB 82) was current; the files add a customer (Tailspin Toys, via PAL).
    expect(text).toContain('Before: SMB path 82 / 100 · qualified');
    expect(text).toContain('Now: SMB path 85.33 / 100 · qualified (▲ 3.33)');
    expect(text).toContain('azure-usage.csv (Azure usage): 154 rows read, 153 used');
    expect(text).toContain('1 Azure row ($300.00): partner association type not eligible');

    const score = executeAction(card, 'score');
    expect(score).toBeDefined();
    const clicked = await api.invoke(score!, summary.message!.messageId);
    expect(clicked.status).toBe(200);
    const body = (await clicked.json()) as { type: string; value: Card };
    expect(firstText(body.value)).toBe(SCORE_TITLE);
    expect(JSON.stringify(body.value)).toContain('85.33 / 100 · qualified');
  }, 90_000);

  test('a file the readers refuse: the problems card names file, row and column; the score stays', async () => {
    const from = stream!.length;
    const response = await api.post('/_internal/v1/customActivities', await fileDrop([BROKEN]));
    expect(response.status).toBe(200);
    const problems = await stream!.next(
      (m) => firstText(cardOf(m, ids.conversationId)) === 'Nothing imported: 1 problem in the files',
      'problems card',
      30_000,
      from,
    );
    expect(JSON.stringify(cardOf(problems, ids.conversationId))).toContain(
      `${BROKEN}, row 1, column ACR_USD (only Executive report viewers see ACR): required column`,
    );
    const from2 = stream!.length;
    await api.say("what's our Security score?");
    const score = await stream!.next(
      (m) => firstText(cardOf(m, ids.conversationId)) === SCORE_TITLE,
      'score card',
      20_000,
      from2,
    );
    expect(JSON.stringify(cardOf(score, ids.conversationId))).toContain('85.33 / 100 · qualified');
  }, 60_000);

  test('the bot logged no failure', () => {
    expect(bot!.logs.filter((l) => (l.level as number) >= 50)).toEqual([]);
    expect(bot!.logs.filter((l) => l.msg === 'file import: imported')).toHaveLength(1);
  });
});
