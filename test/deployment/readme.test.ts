import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Issue 13: the README opens with what the bot is, one screenshot, the two commands and what to ask;
 * the long reference lives in docs/. Every link of the README and of docs/ stays inside the repository
 * and points at a file that exists.
 */

const root = path.resolve(__dirname, '../..');
const read = (file: string): string => readFileSync(path.join(root, file), 'utf8');
const docs = readdirSync(path.join(root, 'docs')).filter((f) => f.endsWith('.md'));

/** Targets of Markdown links and images: `[text](target)`, `![alt](target)`. */
function linkTargets(markdown: string): string[] {
  return [...markdown.matchAll(/!?\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
}

describe('the README', () => {
  const readme = read('README.md');

  test('is under 150 lines, with one screenshot and the two commands', () => {
    expect(readme.split('\n').length).toBeLessThan(150);
    expect(readme.match(/!\[[^\]]*\]\([^)]+\.png\)/g)).toHaveLength(1);
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm run playground');
  });

  test('has no link that points outside the repository', () => {
    const outside = linkTargets(readme).filter((t) => /^[a-z]+:/i.test(t) || t.startsWith('..'));
    expect(outside).toEqual([]);
    expect(readme).not.toMatch(/https?:\/\//);
  });

  test.each(['README.md', ...docs.map((f) => `docs/${f}`)])('every relative link of %s resolves', (file) => {
    const missing = linkTargets(read(file))
      .filter((t) => !/^[a-z]+:/i.test(t) && !t.startsWith('#'))
      .map((t) => path.join(path.dirname(file), t.split('#')[0]!))
      .filter((target) => !existsSync(path.join(root, target)));
    expect(missing).toEqual([]);
  });
});
