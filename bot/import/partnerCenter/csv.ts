import { pipeline, Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';

/** One record of a delimited file: `line` is where it ends in the file (the header is line 1). */
export interface CsvRecord {
  readonly line: number;
  readonly cells: readonly string[];
}

/**
 * The file's text whatever Excel or the portal saved it as: UTF-16LE when it starts with its byte
 * order mark (Excel's "Unicode text"), UTF-8 otherwise; TextDecoder drops either BOM.
 */
async function* decodeText(source: AsyncIterable<unknown>): AsyncGenerator<string> {
  let decoder: TextDecoder | undefined;
  let pending = Buffer.alloc(0);
  for await (const chunk of source) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array);
    if (decoder === undefined) {
      pending = Buffer.concat([pending, bytes]);
      if (pending.length < 2) continue;
      decoder = new TextDecoder(pending[0] === 0xff && pending[1] === 0xfe ? 'utf-16le' : 'utf-8');
      const text = decoder.decode(pending, { stream: true });
      if (text) yield text;
      continue;
    }
    const text = decoder.decode(bytes, { stream: true });
    if (text) yield text;
  }
  // A file shorter than two bytes never chose a decoder.
  const rest = decoder ? decoder.decode() : new TextDecoder('utf-8').decode(pending);
  if (rest) yield rest;
}

/** Comma, semicolon (European Excel) or tab (TSV): whichever the header line uses most. */
export function sniffDelimiter(headerLine: string): string {
  const counts = [',', ';', '\t'].map((d) => [d, headerLine.split(d).length - 1] as const);
  return counts.reduce((best, next) => (next[1] > best[1] ? next : best))[0];
}

/** Streams the records of a delimited file through csv-parse: quotes, embedded newlines and all. */
export async function* csvRecords(source: NodeJS.ReadableStream | Readable): AsyncGenerator<CsvRecord> {
  const chunks = decodeText(source as AsyncIterable<unknown>);
  const iterator = chunks[Symbol.asyncIterator]();
  let head = '';
  let ended = false;
  while (!/[\r\n]/.test(head)) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    head += next.value;
  }
  const delimiter = sniffDelimiter(head.split(/\r?\n|\r/, 1)[0] ?? '');
  async function* text(): AsyncGenerator<string> {
    yield head;
    if (ended) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  let failure: Error | undefined;
  const parser = pipeline(
    Readable.from(text()),
    parse({
      delimiter,
      bom: true,
      trim: true,
      relax_column_count: true,
      // A stray quote inside an unquoted field (`Margie"s`) is text, as Excel reads it.
      relax_quotes: true,
      skip_empty_lines: true,
      info: true,
    }),
    (error) => {
      // The parser is destroyed with the same error, which ends the loop below; it is rethrown there.
      failure = error ?? undefined;
    },
  );
  for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>)
    yield { line: item.info.lines, cells: item.record };
  if (failure) throw failure;
}

/** A file csv-parse cannot read (an unclosed quote, say): the line where it stopped, and why. */
export function csvFailure(error: unknown): { line?: number; message: string } | undefined {
  if (!(error instanceof CsvError)) return undefined;
  const line = typeof error.lines === 'number' ? error.lines : undefined;
  return { ...(line !== undefined ? { line } : {}), message: `not readable as CSV: ${error.message}` };
}
