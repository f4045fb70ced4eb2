import { createLogger } from '../../bot/log';

function capture(): { lines: Record<string, unknown>[]; stream: { write(msg: string): void } } {
  const lines: Record<string, unknown>[] = [];
  return {
    lines,
    stream: { write: (msg: string) => lines.push(JSON.parse(msg) as Record<string, unknown>) },
  };
}

describe('createLogger', () => {
  test('JSON lines with level, ISO time, name and message', () => {
    const { lines, stream } = capture();
    createLogger({ name: 'bot', destination: stream }).info({ partnerId: '4012345' }, 'ready');
    expect(lines).toEqual([
      {
        level: 30,
        time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
        name: 'bot',
        partnerId: '4012345',
        msg: 'ready',
      },
    ]);
  });

  test('secrets are redacted at the top level, one level down and in HTTP headers of errors', () => {
    const { lines, stream } = capture();
    createLogger({ name: 'bot', destination: stream }).error(
      {
        MicrosoftAppPassword: 'client-secret',
        config: { COSMOS_KEY: 'account-key', REMINDER_TRIGGER_SECRET: 'trigger-secret' },
        APPLICATIONINSIGHTS_CONNECTION_STRING: 'InstrumentationKey=abc',
        req: { headers: { authorization: 'Bearer incoming', host: 'bot.example' } },
        err: {
          message: 'connector refused',
          request: { headers: { Authorization: 'Bearer outgoing', cookie: 'session=1' } },
          token: 'access-token',
        },
        partnerId: '4012345',
      },
      'turn failed',
    );
    const text = JSON.stringify(lines);
    for (const secret of [
      'client-secret',
      'account-key',
      'trigger-secret',
      'InstrumentationKey',
      'Bearer',
      'session=1',
      'access-token',
    ]) {
      expect({ secret, leaked: text.includes(secret) }).toEqual({ secret, leaked: false });
    }
    expect(lines[0]).toMatchObject({
      MicrosoftAppPassword: '[redacted]',
      req: { headers: { authorization: '[redacted]', host: 'bot.example' } },
      err: { message: 'connector refused', request: { headers: { Authorization: '[redacted]' } } },
      partnerId: '4012345',
    });
  });

  test('the level filters', () => {
    const { lines, stream } = capture();
    const log = createLogger({ name: 'cli', level: 'warn', destination: stream });
    log.info('not shown');
    log.warn('shown');
    expect(lines.map((l) => l.msg)).toEqual(['shown']);
  });
});
