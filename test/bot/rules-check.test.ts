import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { htmlToText, main } from '../../bot/cli/rulesCheck';

/** Issue 14: `npm run rules:check -- FILE` compares a saved copy of Microsoft's page with the rules. */

const pages = path.resolve(__dirname, '../fixtures/rules-pages');
const page = (name: string): string => path.join(pages, name);

async function check(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const code = await main(args, '2026-12-06');
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

describe('rules:check', () => {
  test('a saved text copy that matches the rule set in force: "No difference found", exit 0', async () => {
    const r = await check(page('designation-2026-12.txt'));
    expect(r.stdout).toContain('against rule set 2026-08-31 (in force on 2026-12-06)');
    expect(r.stdout).toContain('Exams: same\nServices: same\nThresholds: same\nNo difference found.');
    expect(r.code).toBe(0);
  });

  test('a saved HTML page with changes: each difference on its side, exit 1 (scripts, styles and comments ignored)', async () => {
    const r = await check(page('designation-changed.html'));
    expect(r.stdout).toContain(
      [
        'Exams:',
        '  on the page, not in the rules: SC-600',
        'Services:',
        '  on the page, not in the rules: Azure Confidential Ledger, Network Watcher (left the list on 2026-05-01)',
        '  in the rules, not on the page: Key Vault',
        'Thresholds:',
        '  on the page, not in the rules: $15,000',
        '  in the rules, not on the page: $12,000',
      ].join('\n'),
    );
    expect(r.stdout).not.toMatch(/SC-99\d|AZ-999|\$99\b|\$1\b/);
    expect(r.code).toBe(1);
  });

  test('I-8 on both sides: before 2026-05-01 Network Watcher is in the rules, so the page that lists it matches there', async () => {
    const r = await check('--json', '--as-of', '2026-04-30', page('designation-changed.html'));
    const drift = JSON.parse(r.stdout) as {
      version: string;
      services: { pageOnly: string[]; rulesOnly: string[] };
    };
    expect(drift.version).toBe('2025-08-26');
    expect(drift.services.pageOnly).toEqual(['Azure Confidential Ledger']);
    // Before 2026-08-31 AZ-500 is not retired: the rules expect it on the page.
    const exams = (JSON.parse(r.stdout) as { exams: { rulesOnly: string[] } }).exams;
    expect(exams.rulesOnly).toEqual(['AZ-500']);
  });

  test("a specialization's page: Data Security's thresholds match today; against the seed's Information Protection and Governance they differ", async () => {
    const today = await check('--specialization', 'Data Security', page('data-security-2026-12.txt'));
    expect(today.code).toBe(0);
    const before = await check(
      '--as-of',
      '2025-08-25',
      '--specialization',
      'Information Protection and Governance',
      page('data-security-2026-12.txt'),
    );
    expect(before.stdout).toContain(
      [
        'Exams:',
        '  in the rules, not on the page: SC-400',
        'Thresholds:',
        '  on the page, not in the rules: 2,500 MAU, 4 people',
        '  in the rules, not on the page: 1,000 MAU',
      ].join('\n'),
    );
    expect(before.code).toBe(1);
  });

  test('unreadable input, an empty page, a binary file, an unknown specialization or a bad date: exit 2', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rules-check-'));
    const empty = path.join(dir, 'empty.html');
    writeFileSync(empty, '<html><body><script>x</script></body></html>');
    const binary = path.join(dir, 'page.txt');
    writeFileSync(binary, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]));
    expect((await check(path.join(dir, 'missing.txt'))).code).toBe(2);
    expect(await check(empty)).toMatchObject({ code: 2, stderr: expect.stringContaining('no text in it') });
    expect(await check(binary)).toMatchObject({ code: 2, stderr: expect.stringContaining('binary') });
    expect(
      await check('--specialization', 'Quantum Security', page('data-security-2026-12.txt')),
    ).toMatchObject({ code: 2, stderr: expect.stringContaining('no specialization "Quantum Security"') });
    expect((await check('--as-of', '06/12/2026', page('designation-2026-12.txt'))).code).toBe(2);
  });

  test('htmlToText: block elements end lines, entities decoded once, tags inside words become spaces', () => {
    expect(htmlToText('<ul><li>Key&nbsp;Vault</li><li>A &amp;amp; B</li></ul><p>SC-<b>200</b></p>')).toBe(
      'Key Vault\nA &amp; B\nSC- 200',
    );
  });
});
