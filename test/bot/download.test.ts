import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileImportConfigSchema, readConfig } from '../../bot/config';
import {
  DownloadError,
  downloadToFile,
  downloadUrlProblem,
  type DownloadPolicy,
} from '../../bot/import/download';

/** The downloader of dropped files against a local HTTP server (listening on a free port). */

let server: Server;
let base: string;
let dir: string;
/** Requests the server saw, by path: a refused link must not be fetched at all. */
const seen: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'download-test-'));
  server = createServer((req, res) => {
    seen.push(req.url ?? '');
    const url = new URL(req.url ?? '/', 'http://x');
    switch (url.pathname) {
      case '/azure.csv':
        res.writeHead(200, { 'content-type': 'text/csv' });
        res.end('CustomerTenantId,Month\nt1,2026-10\n');
        return;
      case '/big-declared':
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(5_000) });
        res.end(Buffer.alloc(5_000));
        return;
      case '/big-chunked':
        // No content-length: the cap must stop the stream itself.
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        for (let i = 0; i < 10; i++) res.write(Buffer.alloc(1_000));
        res.end();
        return;
      case '/slow':
        res.writeHead(200, { 'content-type': 'text/csv' });
        res.write('a,b\n');
        return; // never ends
      case '/sharing-page':
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end('<html>sign in</html>');
        return;
      case '/redirect-away':
        res.writeHead(302, { location: 'https://169.254.169.254/metadata' });
        res.end();
        return;
      case '/redirect-here':
        res.writeHead(302, { location: '/azure.csv' });
        res.end();
        return;
      default:
        res.writeHead(404);
        res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

const policy = (over: Partial<DownloadPolicy> = {}): DownloadPolicy => ({
  hosts: ['*.sharepoint.com'],
  allowLoopbackHttp: true,
  maxBytes: 2_000,
  timeoutMs: 2_000,
  ...over,
});
const target = (name: string): string => path.join(dir, name);
const failure = async (url: string, p: DownloadPolicy = policy()): Promise<DownloadError> => {
  try {
    await downloadToFile(url, target(`x-${Math.random()}`), p);
  } catch (error) {
    if (error instanceof DownloadError) return error;
    throw error;
  }
  throw new Error('the download succeeded');
};

describe('which links are fetched', () => {
  test.each([
    ['https://contoso.sharepoint.com/_layouts/15/download.aspx?tempauth=x', false, undefined],
    ['https://contoso-my.sharepoint.com/personal/a/download.aspx', false, undefined],
    ['https://sharepoint.com/x', false, 'not from sharepoint.com'],
    ['https://contoso.sharepoint.com.evil.example/x', false, 'not from contoso.sharepoint.com.evil.example'],
    ['http://contoso.sharepoint.com/x', false, 'not https (http)'],
    ['https://169.254.169.254/metadata', false, 'not from 169.254.169.254'],
    ['http://127.0.0.1:9/file.csv', false, 'not https (http)'],
    ['http://127.0.0.1:9/file.csv', true, undefined],
    ['http://10.0.0.5/file.csv', true, 'not https (http)'],
    ['file:///etc/passwd', true, 'not https (file)'],
    ['not a url', true, 'not a URL'],
  ])('%s (loopback allowed: %s) → %s', (url, allowLoopbackHttp, problem) => {
    const found = downloadUrlProblem(url, policy({ allowLoopbackHttp }));
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toContain(problem);
  });

  test('FILE_DOWNLOAD_HOSTS: SharePoint by default, a list of hosts and *.domain patterns, junk refused', () => {
    expect(readConfig(fileImportConfigSchema, {})).toEqual({
      FILE_DOWNLOAD_HOSTS: ['*.sharepoint.com', '*.sharepoint.us'],
      FILE_IMPORT_MAX_MB: 256,
      FILE_DOWNLOAD_TIMEOUT_SECONDS: 300,
    });
    expect(
      readConfig(fileImportConfigSchema, { FILE_DOWNLOAD_HOSTS: ' *.SharePoint.com , files.contoso.com' })
        .FILE_DOWNLOAD_HOSTS,
    ).toEqual(['*.sharepoint.com', 'files.contoso.com']);
    expect(() => readConfig(fileImportConfigSchema, { FILE_DOWNLOAD_HOSTS: 'https://x.com/' })).toThrow(
      /FILE_DOWNLOAD_HOSTS/,
    );
    expect(() => readConfig(fileImportConfigSchema, { FILE_IMPORT_MAX_MB: '0' })).toThrow(
      /FILE_IMPORT_MAX_MB/,
    );
  });
});

describe('downloading', () => {
  test('a file is streamed to disk; a redirect on an allowed host is followed', async () => {
    expect(await downloadToFile(`${base}/azure.csv`, target('a.csv'), policy())).toBe(34);
    expect(readFileSync(target('a.csv'), 'utf8')).toBe('CustomerTenantId,Month\nt1,2026-10\n');
    expect(await downloadToFile(`${base}/redirect-here`, target('b.csv'), policy())).toBe(34);
  });

  test('larger than the limit: refused by its declared length, or cut off while streaming', async () => {
    expect((await failure(`${base}/big-declared`)).code).toBe('TOO_LARGE');
    const cut = await failure(`${base}/big-chunked`);
    expect(cut.code).toBe('TOO_LARGE');
    expect(cut.message).toContain('FILE_IMPORT_MAX_MB');
    expect(await downloadToFile(`${base}/big-chunked`, target('c'), policy({ maxBytes: 10_000 }))).toBe(
      10_000,
    );
  });

  test('too slow: TIMEOUT, naming the setting', async () => {
    const slow = await failure(`${base}/slow`, policy({ timeoutMs: 300 }));
    expect(slow.code).toBe('TIMEOUT');
    expect(slow.message).toContain('FILE_DOWNLOAD_TIMEOUT_SECONDS');
  });

  test('a redirect to a host that is not allowed is not followed', async () => {
    const before = seen.length;
    const refused = await failure(`${base}/redirect-away`);
    expect(refused.code).toBe('HOST_NOT_ALLOWED');
    expect(refused.message).toContain('169.254.169.254');
    expect(seen.slice(before)).toEqual(['/redirect-away']);
  });

  test('a web page instead of the file (iOS sharing link), an expired link, a link not allowed', async () => {
    expect((await failure(`${base}/sharing-page`)).code).toBe('NOT_A_FILE');
    const expired = await failure(`${base}/gone`);
    expect([expired.code, expired.message]).toEqual([
      'HTTP_ERROR',
      'could not be downloaded (HTTP 404): the link Teams gave may have expired — drop the file again',
    ]);
    const before = seen.length;
    expect((await failure(`${base}/azure.csv`, policy({ allowLoopbackHttp: false }))).code).toBe(
      'HOST_NOT_ALLOWED',
    );
    expect(seen.length).toBe(before);
  });
});
