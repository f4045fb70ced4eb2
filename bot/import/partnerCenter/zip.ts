import { PassThrough } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import type { SourceFile } from './types';

/** Guards against zip bombs: more entries or bytes than any set of downloads has. */
export const MAX_ZIP_ENTRIES = 100;
export const MAX_ZIP_UNCOMPRESSED_BYTES = 4 * 1024 * 1024 * 1024;

/** A zip the readers cannot open, with a message naming the file. */
export class ZipReadError extends Error {
  readonly code = 'BAD_ZIP';
}

function open(bytes: Buffer): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true, autoClose: false }, (error, zip) =>
      error ? reject(error) : resolve(zip),
    );
  });
}

function entries(zip: ZipFile): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const found: Entry[] = [];
    zip.on('entry', (entry: Entry) => {
      found.push(entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve(found));
    zip.on('error', reject);
    zip.readEntry();
  });
}

/**
 * The files of a zip, one level deep (a zip inside is a file like any other, which the readers then
 * refuse): folders and macOS metadata are left out. Entries are decompressed when opened, as streams.
 */
export async function filesFromZip(name: string, bytes: Buffer): Promise<SourceFile[]> {
  let zip: ZipFile;
  let all: Entry[];
  try {
    zip = await open(bytes);
    all = await entries(zip);
  } catch (error) {
    throw new ZipReadError(`${name}: not a zip file that can be read (${(error as Error).message})`);
  }
  const files = all.filter((e) => !e.fileName.endsWith('/') && !e.fileName.startsWith('__MACOSX/'));
  if (files.length > MAX_ZIP_ENTRIES)
    throw new ZipReadError(`${name}: ${files.length} files in the zip, more than ${MAX_ZIP_ENTRIES}`);
  const total = files.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (total > MAX_ZIP_UNCOMPRESSED_BYTES)
    throw new ZipReadError(`${name}: ${total} bytes uncompressed, more than ${MAX_ZIP_UNCOMPRESSED_BYTES}`);
  return files.map((entry) => ({
    name: `${name}/${entry.fileName}`,
    open: () => {
      const out = new PassThrough();
      zip.openReadStream(entry, (error, stream) => {
        if (error) {
          out.destroy(error);
          return;
        }
        stream.on('error', (streamError) => out.destroy(streamError));
        stream.pipe(out);
      });
      return out;
    },
  }));
}
