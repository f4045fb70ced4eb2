import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CONVERSATION_WINDOWS, TENANT_WINDOWS, type Window } from '../../bot/reminders/rateLimits';
import type { Delivery } from '../../bot/reminders/sender';
import type { ReminderKey } from '../../bot/store/reminderLedger';

/**
 * A local stand-in for the Teams connector (Bot Framework REST: POST /v3/conversations/{id}/activities),
 * for tests and the reminders benchmark. It enforces Teams' limits on arrival time (sliding windows
 * per conversation and per tenant → 429 with Retry-After), answers scripted statuses per
 * conversation, injects random 429s and 500s from a seeded generator, and records every accepted
 * message with its identity (conversation + the card's refresh data), so duplicates and losses show.
 */

export interface FakeConnectorOptions {
  /** Enforce Teams' rate limits (429 when exceeded). */
  readonly enforceLimits?: boolean;
  /** Fractions of requests answered 429 (Retry-After: 1) and 500 at random. */
  readonly inject?: { readonly throttle: number; readonly error: number };
  /** Per conversation id: statuses to answer in order before accepting (e.g. [429, 500]). */
  readonly script?: ReadonlyMap<string, readonly number[]>;
  /** Conversations the bot was removed from: always 404. */
  readonly gone?: ReadonlySet<string>;
  /** Retry-After seconds on scripted and injected 429s. */
  readonly retryAfterSeconds?: number;
  readonly seed?: number;
  /** Called for every accepted message (e.g. to stop a runner after N). */
  readonly onAccepted?: (accepted: AcceptedMessage, count: number) => void;
}

export interface AcceptedMessage {
  readonly conversationId: string;
  readonly tenantId: string | undefined;
  /** conversation id + JSON of the card's refresh action data. */
  readonly identity: string;
  readonly at: number;
  readonly activity: Record<string, unknown>;
}

export interface FakeConnector {
  readonly serviceUrl: string;
  readonly accepted: AcceptedMessage[];
  /** Every response by status. */
  readonly responses: Map<number, number>;
  /** 429s the limits (not the script or injection) caused: the sender should keep this at 0. */
  readonly limitViolations: number;
  duplicates(): number;
  close(): Promise<void>;
}

/** mulberry32: a small seeded generator, so a run's injected failures are repeatable. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class ArrivalWindows {
  private readonly times = new Map<string, number[]>();
  constructor(private readonly windows: readonly Window[]) {}

  /** Milliseconds until a request arriving `now` would fit, 0 when it fits (then it is counted). */
  admit(key: string, now: number): number {
    const list = this.times.get(key) ?? [];
    const longest = Math.max(...this.windows.map((w) => w.ms));
    while (list.length > 0 && list[0]! <= now - longest) list.shift();
    let wait = 0;
    for (const w of this.windows) {
      const inWindow = list.filter((t) => t > now - w.ms);
      if (inWindow.length >= w.limit)
        wait = Math.max(wait, inWindow[inWindow.length - w.limit]! + w.ms - now);
    }
    if (wait === 0) {
      list.push(now);
      this.times.set(key, list);
    }
    return wait;
  }
}

export async function startFakeConnector(options: FakeConnectorOptions = {}): Promise<FakeConnector> {
  const random = seeded(options.seed ?? 1);
  const conversations = new ArrivalWindows(CONVERSATION_WINDOWS);
  const tenants = new ArrivalWindows(TENANT_WINDOWS);
  const scriptPosition = new Map<string, number>();
  const accepted: AcceptedMessage[] = [];
  const responses = new Map<number, number>();
  let limitViolations = 0;
  const retryAfter = String(options.retryAfterSeconds ?? 1);

  const answer = (res: http.ServerResponse, status: number, headers: Record<string, string> = {}): void => {
    responses.set(status, (responses.get(status) ?? 0) + 1);
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(
      status < 300
        ? JSON.stringify({ id: `activity-${accepted.length}` })
        : JSON.stringify({ error: { code: `Status${status}`, message: 'fake connector' } }),
    );
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/[^/]+)?$/.exec(req.url ?? '');
      if (req.method !== 'POST' || !match) return answer(res, 404);
      const conversationId = decodeURIComponent(match[1]!);
      const activity = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      const tenantId = (activity.conversation as { tenantId?: string } | undefined)?.tenantId;
      const now = Date.now();

      if (options.gone?.has(conversationId)) return answer(res, 404);
      const script = options.script?.get(conversationId);
      const position = scriptPosition.get(conversationId) ?? 0;
      if (script && position < script.length) {
        scriptPosition.set(conversationId, position + 1);
        const status = script[position]!;
        return answer(res, status, status === 429 ? { 'retry-after': retryAfter } : {});
      }
      if (options.inject) {
        const draw = random();
        if (draw < options.inject.throttle) return answer(res, 429, { 'retry-after': retryAfter });
        if (draw < options.inject.throttle + options.inject.error) return answer(res, 500);
      }
      if (options.enforceLimits) {
        const wait = Math.max(
          conversations.admit(conversationId, now),
          tenantId ? tenants.admit(tenantId, now) : 0,
        );
        if (wait > 0) {
          limitViolations += 1;
          return answer(res, 429, { 'retry-after': String(Math.ceil(wait / 1000)) });
        }
      }
      const card = (
        activity.attachments as { content?: { refresh?: { action?: { data?: unknown } } } }[]
      )?.[0]?.content;
      const message: AcceptedMessage = {
        conversationId,
        tenantId,
        identity: `${conversationId}|${JSON.stringify(card?.refresh?.action?.data ?? activity.text ?? null)}`,
        at: now,
        activity,
      };
      accepted.push(message);
      options.onAccepted?.(message, accepted.length);
      answer(res, 201);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    accepted,
    responses,
    get limitViolations() {
      return limitViolations;
    },
    duplicates: () => accepted.length - new Set(accepted.map((a) => a.identity)).size,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A reminder to a personal chat whose card carries its key as refresh data: the identity the fake
 * connector records, so a message that arrives twice shows as a duplicate.
 */
export function personalChatDelivery(key: ReminderKey, tenantId: string, serviceUrl: string): Delivery {
  return {
    key,
    tenantId,
    reference: {
      serviceUrl,
      channelId: 'msteams',
      bot: { id: 'bot', name: 'Partner Score Bot' },
      conversation: { id: key.recipient, tenantId, isGroup: false, conversationType: 'personal', name: '' },
    },
    activity: {
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          content: { type: 'AdaptiveCard', version: '1.5', body: [], refresh: { action: { data: key } } },
        },
      ],
    },
  };
}
