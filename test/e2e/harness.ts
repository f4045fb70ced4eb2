import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import WebSocket from 'ws';

/**
 * End-to-end harness: the bot (`npm start`'s entry point under node, in local mode) and the
 * Microsoft 365 Agents Playground (its cli.js under node, no npx), each on free ports and in its own
 * process group, so that afterAll stops each whole process tree by PID.
 */

export const root = path.resolve(__dirname, '../..');
const PLAYGROUND_CLI = require.resolve('@microsoft/m365agentsplayground/cli.js', { paths: [root] });

/** The Agents Playground's fixed tenant, registered to the demo partner Contoso Security Ltd. */
export const PLAYGROUND_TENANT = '00000000-0000-0000-0000-0000000000001';
export const SCORE_TITLE = 'Contoso Security Ltd — Solutions Partner for Security';
export const WELCOME_TITLE = 'Hi! I track your Solutions Partner for Security score.';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const running = new Set<ChildProcess>();
// Safety net: a test process that ends without afterAll (a crash) still takes its children down.
process.once('exit', () => {
  for (const child of running) killGroup(child, 'SIGKILL');
});

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    // detached: the child leads its own process group, whose id is its PID.
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** SIGTERM to the child's whole process group, SIGKILL after `graceMs`; resolves once the child has exited. */
export async function stopTree(child: ChildProcess | undefined, graceMs = 10_000): Promise<void> {
  if (!child?.pid) return;
  const done = new Promise<void>((resolve) => {
    if (exited(child)) resolve();
    else child.once('exit', () => resolve());
  });
  killGroup(child, 'SIGTERM');
  const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
  await done;
  clearTimeout(timer);
  // Whatever the leader left behind in its group (tsx's esbuild service).
  killGroup(child, 'SIGKILL');
  running.delete(child);
}

function track(child: ChildProcess): ChildProcess {
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

/** Collects a child's stderr (the last 8 KB) for error messages. */
function stderrTail(child: ChildProcess): () => string {
  let text = '';
  child.stderr?.on('data', (d: Buffer) => (text = (text + d.toString()).slice(-8_192)));
  return () => text;
}

/** Resolves with the first non-undefined `match` of a stdout line, rejects if the child exits or time runs out. */
function waitForLine<T>(
  child: ChildProcess,
  lines: Interface,
  what: string,
  timeoutMs: number,
  match: (line: string) => T | undefined,
  details: () => string,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const finish = (error?: Error, value?: T): void => {
      clearTimeout(timer);
      child.off('exit', onExit);
      lines.off('line', onLine);
      if (error) reject(error);
      else resolve(value as T);
    };
    const onExit = (code: number | null, signal: string | null): void =>
      finish(new Error(`${what} exited (${code ?? signal}) before it was ready:\n${details()}`));
    const onLine = (line: string): void => {
      const value = match(line);
      if (value !== undefined) finish(undefined, value);
    };
    const timer = setTimeout(
      () => finish(new Error(`${what} not ready after ${timeoutMs} ms:\n${details()}`)),
      timeoutMs,
    );
    child.once('exit', onExit);
    lines.on('line', onLine);
  });
}

export interface Bot {
  readonly child: ChildProcess;
  readonly port: number;
  readonly endpoint: string;
  readonly logs: Record<string, unknown>[];
}

export interface BotOptions {
  readonly timeoutMs?: number;
  /** Extra environment (e.g. the reminder settings), applied over the local-mode defaults. */
  readonly env?: Readonly<Record<string, string>>;
}

/** `npm start` in local mode (no MicrosoftAppId) with the demo partners; resolves on its "ready" log line. */
export async function startBot({ timeoutMs = 60_000, env = {} }: BotOptions = {}): Promise<Bot> {
  const port = await freePort();
  const child = track(
    spawn(process.execPath, ['--import', 'tsx', 'bot/index.ts'], {
      cwd: root,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        PORT: String(port),
        EMBEDDED_COSMOS_PORT: String(await freePort()),
        COSMOS_ENDPOINT: '',
        COSMOS_KEY: '',
        MicrosoftAppId: '',
        SEED_DATASETS: '',
        LOG_LEVEL: 'info',
        // Reminder runs only when a test triggers one: no card lands in a chat mid-test.
        REMINDER_RUN_INTERVAL_MINUTES: '0',
        ...env,
      },
    }),
  );
  const logs: Record<string, unknown>[] = [];
  const tail = stderrTail(child);
  // Read the JSON log for the whole run (a full pipe would block the bot).
  const lines = createInterface({ input: child.stdout! });
  const parse = (line: string): Record<string, unknown> | undefined => {
    try {
      return JSON.parse(line) as Record<string, unknown>;
    } catch {
      return undefined;
    }
  };
  lines.on('line', (line) => {
    const entry = parse(line);
    if (entry) logs.push(entry);
  });
  await waitForLine(
    child,
    lines,
    'the bot',
    timeoutMs,
    (line) => (parse(line)?.msg === 'ready' ? true : undefined),
    () => `${logs.map((l) => JSON.stringify(l)).join('\n')}\n${tail()}`,
  );
  return { child, port, endpoint: `http://127.0.0.1:${port}/api/messages`, logs };
}

export interface Playground {
  readonly child: ChildProcess;
  readonly url: string;
  readonly logFile: string;
  /** The playground's own log file (M365_AGENTS_PLAYGROUND_LOGFILE), for failure messages. */
  log(): string;
  cleanUp(): void;
}

/** The Agents Playground against `endpoint`; resolves once it listens and answers /_debug/ping. */
export async function startPlayground(endpoint: string, timeoutMs = 60_000): Promise<Playground> {
  const dir = mkdtempSync(path.join(tmpdir(), 'playground-e2e-'));
  const logFile = path.join(dir, 'playground.log');
  const log = (): string => {
    try {
      return readFileSync(logFile, 'utf8').slice(-8_192);
    } catch {
      return '(no playground log)';
    }
  };
  const child = track(
    spawn(
      process.execPath,
      [
        PLAYGROUND_CLI,
        '-e',
        endpoint,
        '-c',
        'msteams',
        '--disable-telemetry',
        '-p',
        String(await freePort()),
      ],
      {
        cwd: root,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          ...process.env,
          TEAMSAPPTESTER_BROWSER: 'none',
          APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
          M365_AGENTS_PLAYGROUND_LOGFILE: logFile,
        },
      },
    ),
  );
  const tail = stderrTail(child);
  let stdout = '';
  const lines = createInterface({ input: child.stdout! });
  lines.on('line', (line) => (stdout = `${stdout}${line}\n`.slice(-8_192)));
  // A busy port silently moves the playground: the "Listening on <port>" line is the truth.
  const port = await waitForLine(
    child,
    lines,
    'the Agents Playground',
    timeoutMs,
    (line) => /Listening on (\d+)/.exec(line)?.[1],
    () => `${stdout}${tail()}\n${log()}`,
  );
  const url = `http://localhost:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pong = await fetch(`${url}/_debug/ping`)
      .then((r) => r.text())
      .catch(() => '');
    if (pong === 'pong') break;
    if (Date.now() > deadline) throw new Error(`the Agents Playground at ${url} does not answer:\n${log()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, url, logFile, log, cleanUp: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface PlaygroundIds {
  readonly conversationId: string;
  readonly userId: string;
  /** The playground user's display name (what the bot sees as `from.name`). */
  readonly userName: string;
  readonly botId: string;
  readonly tenantId: string;
}

export async function playgroundIds(url: string): Promise<PlaygroundIds> {
  const { config } = (await (await fetch(`${url}/_internal/v1/config`)).json()) as {
    config: {
      tenantId: string;
      personalChat: { id: string };
      currentUser: { id: string; name: string };
      bot: { id: string };
    };
  };
  return {
    conversationId: config.personalChat.id,
    userId: config.currentUser.id,
    userName: config.currentUser.name,
    botId: config.bot.id,
    tenantId: config.tenantId,
  };
}

/**
 * The playground's own API (what its web UI calls), as its user in its personal chat: post to a
 * path, say something, click a card action (an Adaptive Card Action.Execute invoke).
 */
export function playgroundApi(url: string, ids: PlaygroundIds) {
  const post = (path: string, body: unknown): Promise<Response> =>
    fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  return {
    post,
    say: (text: string): Promise<Response> =>
      post(`/_conversation/v1/conversations/${ids.conversationId}/messages`, {
        text,
        textFormat: 'plain',
        from: { id: ids.userId },
      }),
    invoke: (action: NonNullable<Card['actions']>[number], replyToId: string): Promise<Response> =>
      post('/_conversation/v1/invoke', {
        name: 'adaptiveCard/action',
        value: { action: { type: action.type, title: action.title, verb: action.verb, data: action.data } },
        from: { id: ids.userId },
        conversation: { id: ids.conversationId },
        replyToId,
      }),
  };
}
export type PlaygroundApi = ReturnType<typeof playgroundApi>;

export interface CardElement {
  type: string;
  text?: string;
  [key: string]: unknown;
}

export interface Card {
  type: 'AdaptiveCard';
  body: CardElement[];
  actions?: { type: string; title: string; verb?: string; data?: Record<string, unknown> }[];
}

export interface StreamMessage {
  action: string;
  actionConversationId?: string;
  message?: {
    messageId: string;
    from?: { id: string };
    attachments?: { contentType: string; content: Card }[];
  };
}

/** JSON messages of one of the playground's WebSockets, collected from the moment it opens. */
class JsonStream<T> {
  private readonly messages: T[] = [];
  private readonly waiters = new Set<() => void>();

  protected constructor(private readonly socket: WebSocket) {
    // The playground going away (afterAll) must not become an unhandled 'error' event.
    socket.on('error', () => undefined);
    socket.on('message', (data: WebSocket.Data) => {
      try {
        this.messages.push(JSON.parse(data.toString()) as T);
      } catch {
        return;
      }
      for (const wake of this.waiters) wake();
    });
  }

  protected static async connect(url: string, streamPath: string): Promise<WebSocket> {
    const socket = new WebSocket(`${url.replace(/^http/, 'ws')}${streamPath}`);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return socket;
  }

  /** The first message (from `from` on) that matches, else a timeout listing what arrived. */
  next(match: (m: T) => boolean, what: string, timeoutMs = 20_000, from = 0): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = this.messages.slice(from).find(match);
        if (!found) return false;
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve(found);
        return true;
      };
      const wake = (): void => void check();
      const timer = setTimeout(() => {
        this.waiters.delete(wake);
        const seen = this.messages.map((m) => JSON.stringify(m).slice(0, 300)).join('\n');
        reject(new Error(`no ${what} after ${timeoutMs} ms; the stream had:\n${seen}`));
      }, timeoutMs);
      if (!check()) this.waiters.add(wake);
    });
  }

  /** The messages received so far, from index `from` on. */
  since(from: number): T[] {
    return this.messages.slice(from);
  }

  get length(): number {
    return this.messages.length;
  }

  close(): void {
    this.socket.close();
  }
}

/** The playground's conversation stream (what its web UI shows), collected from the moment it opens. */
export class ConversationStream extends JsonStream<StreamMessage> {
  static async open(url: string): Promise<ConversationStream> {
    return new ConversationStream(await JsonStream.connect(url, '/_ws_conversation/v1/conversations/stream'));
  }
}

/** An entry of the playground's log panel: text, or an activity with the request and the response. */
export interface PlaygroundLogEntry {
  logAction: string;
  log?: {
    conversationId?: string;
    activityName?: string;
    /** "Microsoft 365 Agents Playground" (to the bot) or "User Application" (from the bot). */
    from?: string;
    request?: { body?: { text?: string; [key: string]: unknown } };
    /** Present once the other side answered. */
    response?: { statusCode: number; body?: unknown };
    displayText?: string;
  };
}

/**
 * The playground's log stream (its web UI's log panel). An activity sent to the bot is logged with
 * the bot's HTTP response, i.e. once the bot has finished that turn — e.g. saved the conversation.
 */
export class PlaygroundLogStream extends JsonStream<PlaygroundLogEntry> {
  static async open(url: string): Promise<PlaygroundLogStream> {
    return new PlaygroundLogStream(await JsonStream.connect(url, '/_ws/log/stream'));
  }
}

/** The Adaptive Card of a bot message in the conversation, or undefined. */
export function cardOf(m: StreamMessage, conversationId: string): Card | undefined {
  if (m.action !== 'createMessage' || m.actionConversationId !== conversationId) return undefined;
  return m.message?.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
    ?.content;
}

/** The text of the card's first TextBlock (its title). */
export function firstText(card: Card | undefined): string | undefined {
  return card?.body.find((e) => e.type === 'TextBlock')?.text;
}

/** The bot, the playground against it, the playground's ids, its API and its conversation stream. */
export interface PlaygroundSession {
  readonly bot: Bot;
  readonly playground: Playground;
  readonly ids: PlaygroundIds;
  readonly api: PlaygroundApi;
  readonly stream: ConversationStream;
}

/** What each e2e file's beforeAll starts; a failure part-way stops what already runs. */
export async function startSession(options: BotOptions = {}): Promise<PlaygroundSession> {
  const bot = await startBot(options);
  let playground: Playground | undefined;
  try {
    playground = await startPlayground(bot.endpoint);
    const ids = await playgroundIds(playground.url);
    const api = playgroundApi(playground.url, ids);
    const stream = await ConversationStream.open(playground.url);
    return { bot, playground, ids, api, stream };
  } catch (error) {
    await stopTree(playground?.child);
    playground?.cleanUp();
    await stopTree(bot.child);
    throw error;
  }
}

/** What each e2e file's afterAll stops: the stream, then the playground, then the bot. */
export async function stopSession(session: PlaygroundSession | undefined): Promise<void> {
  if (!session) return;
  session.stream.close();
  await stopTree(session.playground.child);
  session.playground.cleanUp();
  await stopTree(session.bot.child);
}
