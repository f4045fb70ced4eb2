import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { botConnector, SendFailure, sendWithRetries } from '../../bot/reminders/connector';
import { startFakeConnector } from './fakeConnector';

/**
 * A proactive message outside a reminder run (the outcome of a file import): retried while the
 * channel refuses it for a while, never sent twice by us, given up at once when refused for good.
 */
const connector = botConnector(new ConfigurationBotFrameworkAuthentication({}), '');
const reference = (serviceUrl: string, conversationId: string) => ({
  serviceUrl,
  channelId: 'msteams',
  conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
});
const message = { type: 'message', text: 'Imported 2 files for Contoso Security Ltd' };

test('429 (with Retry-After) and 500, then accepted: delivered exactly once', async () => {
  const fake = await startFakeConnector({
    script: new Map([['a:import', [429, 500]]]),
    retryAfterSeconds: 0.05,
  });
  try {
    await sendWithRetries(connector, reference(fake.serviceUrl, 'a:import'), message, { minTimeoutMs: 10 });
    expect(fake.accepted.map((m) => m.conversationId)).toEqual(['a:import']);
    expect(fake.responses.get(429)).toBe(1);
    expect(fake.responses.get(500)).toBe(1);
  } finally {
    await fake.close();
  }
});

test('404 (the bot was removed): refused at once, one request, the status kept', async () => {
  const fake = await startFakeConnector({ gone: new Set(['a:gone']) });
  try {
    const sent = sendWithRetries(connector, reference(fake.serviceUrl, 'a:gone'), message, {
      minTimeoutMs: 10,
    });
    await expect(sent).rejects.toBeInstanceOf(SendFailure);
    await expect(sent).rejects.toMatchObject({ status: 404 });
    expect(fake.responses.get(404)).toBe(1);
    expect(fake.accepted).toEqual([]);
  } finally {
    await fake.close();
  }
});

test('still failing after the last try: the failure is thrown, after 1 + retries requests', async () => {
  const fake = await startFakeConnector({ script: new Map([['a:down', [503, 503, 503]]]) });
  try {
    const sent = sendWithRetries(connector, reference(fake.serviceUrl, 'a:down'), message, {
      retries: 2,
      minTimeoutMs: 10,
    });
    await expect(sent).rejects.toMatchObject({ status: 503 });
    expect(fake.responses.get(503)).toBe(3);
    expect(fake.accepted).toEqual([]);
  } finally {
    await fake.close();
  }
});
