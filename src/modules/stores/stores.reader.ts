import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { detectEncoding, mapHeader, readStoreRow, StoreFileError, type HeaderMap, type RowOutcome } from '../../domain/stores/store-file.ts';

/**
 * Streams the 상가(상권)정보 file: bytes → text (encoding detected from the first 64 KiB) → CSV
 * records (csv-parse, streaming) → checked rows (src/domain/stores/store-file.ts). Memory stays
 * constant whatever the file's size: nothing but the current block and record is held.
 */
export type StoreFileEvent =
  | { kind: 'header'; map: HeaderMap; encoding: 'utf-8' | 'cp949'; delimiter: string }
  | { kind: 'row'; line: number; outcome: RowOutcome };

const HEAD_BYTES = 64 * 1024;

export { StoreFileError };

async function* decoded(source: AsyncIterable<Uint8Array>, onBytes: (n: number) => void, onEncoding: (e: 'utf-8' | 'cp949') => void): AsyncGenerator<string> {
  const it = source[Symbol.asyncIterator]();
  const headParts: Uint8Array[] = [];
  let headSize = 0;
  let done = false;
  while (headSize < HEAD_BYTES) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    headParts.push(r.value);
    headSize += r.value.length;
    onBytes(r.value.length);
  }
  const head = Buffer.concat(headParts);
  const { encoding, bom } = detectEncoding(head);
  onEncoding(encoding);
  let decode: (chunk: Uint8Array, last: boolean) => string;
  if (encoding === 'utf-8') {
    // Strict for the whole file: an invalid byte later on stops the import instead of storing U+FFFD.
    const d = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
    decode = (chunk, last) => {
      try {
        return d.decode(chunk, { stream: !last });
      } catch {
        throw new StoreFileError('stores.file.mixedEncoding', 'UTF-8');
      }
    };
  } else {
    const d = iconv.getDecoder('cp949');
    decode = (chunk, last) => (last ? d.write(Buffer.from(chunk)) + (d.end() ?? '') : d.write(Buffer.from(chunk)));
  }
  void bom; // TextDecoder drops a leading BOM itself (ignoreBOM: false).
  if (done) {
    yield decode(head, true);
    return;
  }
  yield decode(head, false);
  for (;;) {
    const r = await it.next();
    if (r.done) break;
    onBytes(r.value.length);
    const s = decode(r.value, false);
    if (s) yield s;
  }
  const tail = decode(new Uint8Array(0), true);
  if (tail) yield tail;
}

/** The delimiter of the header line: the published files use ',', some older ones '|' (tab from spreadsheet exports). */
function delimiterOf(firstLine: string): string {
  const counts = [',', '|', '\t'].map((d) => [d, firstLine.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]![1] > 0 ? counts[0]![0] : ',';
}

/**
 * Reads the file. `onBytes` reports raw bytes consumed (for a progress bar over the file size).
 * Throws StoreFileError for a file that cannot be read at all (no header, a required column
 * missing, UTF-8 that turns invalid); a bad row is an outcome, not an error.
 */
export async function* readStoreFile(source: AsyncIterable<Uint8Array>, opts: { onBytes?: (n: number) => void } = {}): AsyncGenerator<StoreFileEvent> {
  let encoding: 'utf-8' | 'cp949' = 'utf-8';
  const text = decoded(source, opts.onBytes ?? (() => {}), (e) => (encoding = e));
  // The first block decides the delimiter; it is put back in front of the rest.
  const first = await text.next();
  if (first.done || !first.value.trim()) throw new StoreFileError('stores.file.empty', '');
  const firstText = first.value.replace(/^\uFEFF/, '');
  const delimiter = delimiterOf(firstText.split(/\r?\n/, 1)[0] ?? '');
  async function* all() {
    yield firstText;
    for await (const s of text) yield s;
  }
  const parser = parse({
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    info: true,
  });
  const input = Readable.from(all());
  input.on('error', (e) => parser.destroy(e));
  input.pipe(parser);
  let map: HeaderMap | null = null;
  for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    if (!map) {
      map = mapHeader(item.record);
      yield { kind: 'header', map, encoding, delimiter };
      continue;
    }
    yield { kind: 'row', line: item.info.lines, outcome: readStoreRow(map, item.record) };
  }
  if (!map) throw new StoreFileError('stores.file.empty', '');
}
