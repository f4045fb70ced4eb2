import { createWriteStream } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { isLoopbackUrl } from '../config';

/**
 * Downloads of files dropped into the bot's chat. Teams gives a short-lived, pre-authenticated
 * OneDrive/SharePoint `downloadUrl`; the bot fetches it at once, streaming to a temporary file with a
 * size cap and a time limit, from allowed hosts only (every redirect checked again).
 */

export type DownloadErrorCode = 'HOST_NOT_ALLOWED' | 'TOO_LARGE' | 'TIMEOUT' | 'HTTP_ERROR' | 'NOT_A_FILE';

export class DownloadError extends Error {
  constructor(
    readonly code: DownloadErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DownloadError';
  }
}

export interface DownloadPolicy {
  /** Host names and `*.domain` patterns (FILE_DOWNLOAD_HOSTS). */
  readonly hosts: readonly string[];
  /** Local mode only (no MicrosoftAppId): http on this machine too, for the Agents Playground. */
  readonly allowLoopbackHttp: boolean;
  readonly maxBytes: number;
  readonly timeoutMs: number;
}

const MAX_REDIRECTS = 3;

function hostMatches(host: string, pattern: string): boolean {
  return pattern.startsWith('*.') ? host.endsWith(pattern.slice(1)) : host === pattern;
}

/** Why the bot will not fetch `url` (undefined: it will). */
export function downloadUrlProblem(
  url: string,
  policy: Pick<DownloadPolicy, 'hosts' | 'allowLoopbackHttp'>,
): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'the download link is not a URL';
  }
  if (policy.allowLoopbackHttp && isLoopbackUrl(url) && /^https?:$/.test(parsed.protocol)) return undefined;
  const host = parsed.hostname.toLowerCase();
  if (parsed.protocol !== 'https:')
    return `the download link is not https (${parsed.protocol.replace(':', '')})`;
  if (!policy.hosts.some((pattern) => hostMatches(host, pattern)))
    return `files are only downloaded from ${policy.hosts.join(', ')} (FILE_DOWNLOAD_HOSTS), not from ${host}`;
  return undefined;
}

function megabytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${bytes.toLocaleString('en-US')} bytes`;
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}

/** Passes bytes through and fails as soon as more than `maxBytes` went by. */
function byteCap(maxBytes: number, counted: { bytes: number }): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      counted.bytes += chunk.length;
      if (counted.bytes > maxBytes)
        callback(
          new DownloadError('TOO_LARGE', `is larger than ${megabytes(maxBytes)} (FILE_IMPORT_MAX_MB)`),
        );
      else callback(null, chunk);
    },
  });
}

async function fetchFollowingAllowedRedirects(
  url: string,
  policy: DownloadPolicy,
  signal: AbortSignal,
): Promise<Response> {
  let next = url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const problem = downloadUrlProblem(next, policy);
    if (problem) throw new DownloadError('HOST_NOT_ALLOWED', problem);
    const response = await fetch(next, { signal, redirect: 'manual' });
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) return response;
    await response.body?.cancel();
    next = new URL(location, next).toString();
  }
  throw new DownloadError('HTTP_ERROR', `the download link redirected more than ${MAX_REDIRECTS} times`);
}

/** Streams `url` into the file `target`; resolves with the byte count. Throws a DownloadError. */
export async function downloadToFile(url: string, target: string, policy: DownloadPolicy): Promise<number> {
  const signal = AbortSignal.timeout(policy.timeoutMs);
  const counted = { bytes: 0 };
  try {
    const response = await fetchFollowingAllowedRedirects(url, policy, signal);
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      throw new DownloadError(
        'HTTP_ERROR',
        `could not be downloaded (HTTP ${response.status}): the link Teams gave may have expired — drop the file again`,
      );
    }
    // iOS Teams has sent a sharing page instead of the file's own download link.
    if (/^text\/html\b/i.test(response.headers.get('content-type') ?? '')) {
      await response.body.cancel();
      throw new DownloadError(
        'NOT_A_FILE',
        'Teams sent a web page instead of the file (this happens with the mobile app): drop the file from Teams on the desktop or the web',
      );
    }
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > policy.maxBytes) {
      await response.body.cancel();
      throw new DownloadError(
        'TOO_LARGE',
        `is ${megabytes(declared)}, larger than ${megabytes(policy.maxBytes)} (FILE_IMPORT_MAX_MB)`,
      );
    }
    await pipeline(
      Readable.fromWeb(response.body as WebReadableStream<Uint8Array>),
      byteCap(policy.maxBytes, counted),
      createWriteStream(target),
      { signal },
    );
    return counted.bytes;
  } catch (error) {
    if (error instanceof DownloadError) throw error;
    if (signal.aborted)
      throw new DownloadError(
        'TIMEOUT',
        `took longer than ${Math.round(policy.timeoutMs / 1000)} s to download (FILE_DOWNLOAD_TIMEOUT_SECONDS)`,
      );
    // fetch's own failure (refused connection, DNS, TLS): the link, not the bot, is the problem.
    if (error instanceof TypeError && error.message === 'fetch failed')
      throw new DownloadError(
        'HTTP_ERROR',
        `could not be downloaded (${(error.cause as Error | undefined)?.message ?? 'network error'})`,
      );
    throw error;
  }
}
