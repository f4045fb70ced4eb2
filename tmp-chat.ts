import { startSession, stopSession, cardOf, type Card } from './test/e2e/harness';

function texts(card: Card | undefined): string[] {
  const out: string[] = [];
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object') {
      const o = x as Record<string, unknown>;
      if ((o.type === 'TextBlock' || o.type === 'TextRun') && typeof o.text === 'string') out.push(o.text);
      if (o.type === 'Fact') out.push(`${o.title}: ${o.value}`);
      if (Array.isArray(o.facts)) for (const f of o.facts as { title: string; value: string }[]) out.push(`  ${f.title} | ${f.value}`);
      for (const [k, v] of Object.entries(o)) if (k !== 'facts' && k !== 'actions') walk(v);
    }
  };
  walk(card?.body);
  return out;
}

async function main(): Promise<void> {
  const phrases = process.argv.slice(2);
  const s = await startSession();
  try {
    for (const phrase of phrases) {
      const from = s.stream.since(0).length;
      await s.api.say(phrase);
      const m = await s.stream.next((x) => x.action === 'createMessage' && x.message?.from?.id !== s.ids.userId && (!!x.message?.attachments?.length || !!(x.message as { text?: string } | undefined)?.text), 'reply', 20_000, from);
      const card = cardOf(m, s.ids.conversationId);
      console.log(`\n>>> ${phrase}`);
      if (!card) console.log('TEXT: ' + (m.message as { text?: string }).text);
      else {
        console.log(texts(card).slice(0, 14).map((t) => '  ' + t.slice(0, 200)).join('\n'));
        console.log('  [buttons] ' + (card.actions ?? []).map((a) => `${a.title}${(a as { mode?: string }).mode === 'secondary' ? '(…)' : ''}`).join(' | '));
      }
    }
  } finally {
    await stopSession(s);
  }
}
void main();
