import { inflateRawSync } from 'node:zlib';
import CFB from 'cfb';
import { EXTRACT_LIMITS, ExtractError } from './notice.types.ts';
import { TextBuilder } from './notice.text-builder.ts';

/**
 * Text of an HWP 5.0 document (한글과컴퓨터, "한글 문서 파일 형식 5.0", revision 1.3, 2018 — the
 * format's published specification). The file is an OLE compound file (MS-CFB), read with `cfb`
 * (SheetJS). Its streams:
 * - `FileHeader`: 32-byte signature "HWP Document File", version (UINT32), properties (UINT32:
 *   bit 0 compressed, bit 1 password, bit 2 배포용 문서, bit 4 DRM);
 * - `BodyText/Section0`, `Section1`…: the body as a record stream, raw-deflated (no zlib header)
 *   when bit 0 is set. A 배포용 문서 keeps its body encrypted in `ViewText/Section*` instead.
 * Each record starts with a UINT32 header: tag (10 bits), level (10 bits), size (12 bits; 0xFFF
 * means a UINT32 size follows). Tags used here (HWPTAG_BEGIN = 0x10): PARA_HEADER 0x42 (66),
 * PARA_TEXT 0x43 (67), CTRL_HEADER 0x47 (71), LIST_HEADER 0x48 (72), TABLE 0x4D (77).
 *
 * PARA_TEXT is UTF-16LE; codes below 32 are controls: "char" controls take one unit (10 line
 * break, 13 paragraph end, 24 hyphen, 30/31 spaces), the others ("inline" 4–9, 19, 20 and
 * "extended" 1–3, 11, 12, 14–18, 21–23) take eight units (the code, six units of data, the code
 * again); 9 is a tab. A table is an extended control (CTRL_HEADER id 'tbl ') whose cells are
 * LIST_HEADER records (after the TABLE record) at the next level, each followed by its paragraphs;
 * a cell's row is the UINT16 at byte 10 of its LIST_HEADER (after paragraph count UINT16, an unknown
 * UINT16 and list properties UINT32, and the column UINT16), as pyhwp reads it.
 *
 * `hwp.js` (0.0.3, 2020, unmaintained) parses the same structure for a renderer; we only need the
 * text, so a small reader over `cfb` and node:zlib is less code to trust than a stale dependency.
 */
export const HWP_SIGNATURE = 'HWP Document File';

const TAG = { PARA_HEADER: 66, PARA_TEXT: 67, CTRL_HEADER: 71, LIST_HEADER: 72, TABLE: 77 } as const;

export interface HwpHeader {
  version: string;
  compressed: boolean;
  password: boolean;
  distribution: boolean;
  drm: boolean;
}

export function readHwpHeader(bytes: Uint8Array): HwpHeader {
  const header = bytes.length >= 40 ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) : undefined;
  if (!header || header.subarray(0, 32).toString('latin1').replace(/\0+$/, '') !== HWP_SIGNATURE) {
    throw new ExtractError('unsupported', 'HWP 5.0 문서가 아닙니다 (FileHeader 서명이 없습니다)');
  }
  const v = header.readUInt32LE(32);
  const flags = header.readUInt32LE(36);
  return {
    version: `${(v >>> 24) & 0xff}.${(v >>> 16) & 0xff}.${(v >>> 8) & 0xff}.${v & 0xff}`,
    compressed: (flags & 0x1) !== 0,
    password: (flags & 0x2) !== 0,
    distribution: (flags & 0x4) !== 0,
    drm: (flags & 0x10) !== 0,
  };
}

function stream(container: CFB.CFB$Container, path: string): Buffer | undefined {
  const entry = CFB.find(container, path);
  if (!entry || !entry.content) return undefined;
  return Buffer.from(entry.content as Uint8Array);
}

export function extractHwpText(bytes: Uint8Array): string {
  let container: CFB.CFB$Container;
  try {
    container = CFB.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { type: 'buffer' });
  } catch (e) {
    throw new ExtractError('failed', `HWP(OLE) 파일을 열 수 없습니다: ${e instanceof Error ? e.message : String(e)}`);
  }
  const fileHeader = stream(container, 'FileHeader');
  if (!fileHeader) throw new ExtractError('unsupported', 'HWP 문서가 아닌 OLE 파일입니다 (FileHeader가 없습니다)');
  const header = readHwpHeader(fileHeader);
  if (!header.version.startsWith('5.'))
    throw new ExtractError('unsupported', `HWP ${header.version} 형식은 읽지 않습니다 (5.0만 읽습니다)`);
  if (header.password) throw new ExtractError('encrypted', '암호가 걸린 HWP 문서입니다');
  if (header.drm) throw new ExtractError('encrypted', 'DRM이 걸린 HWP 문서입니다');
  if (header.distribution) throw new ExtractError('encrypted', '배포용 HWP 문서라 본문이 암호화되어 있습니다');

  const sections = container.FullPaths.map((p, i) => ({ path: p, entry: container.FileIndex[i]! }))
    .map(({ path, entry }) => ({ m: /\/BodyText\/Section(\d+)$/i.exec(path), entry }))
    .filter((s): s is { m: RegExpExecArray; entry: CFB.CFB$Entry } => s.m !== null && s.entry.type === 2)
    .sort((a, b) => Number(a.m[1]) - Number(b.m[1]));
  if (sections.length === 0) throw new ExtractError('failed', 'HWP 본문(BodyText/Section0)이 없습니다');

  const out = new TextBuilder();
  let inflated = 0;
  for (const { m, entry } of sections) {
    let data = Buffer.from(entry.content as Uint8Array);
    if (header.compressed) {
      try {
        data = inflateRawSync(data, { maxOutputLength: EXTRACT_LIMITS.maxInflatedBytes - inflated });
      } catch (e) {
        const tooBig = e instanceof RangeError || (e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
        throw new ExtractError('failed', tooBig ? '압축을 푼 크기가 너무 큽니다' : `HWP 본문 Section${m[1]}의 압축을 풀 수 없습니다`);
      }
    }
    inflated += data.length;
    readSection(data, out, Number(m[1]));
  }
  return out.toString();
}

type Scope =
  { kind: 'para'; level: number } | { kind: 'table'; level: number; body: boolean; row: number } | { kind: 'cell'; level: number };

function readSection(data: Buffer, out: TextBuilder, index: number): void {
  const scopes: Scope[] = [];
  const closeScope = (s: Scope) => {
    if (s.kind === 'para') out.closeParagraph();
    else if (s.kind === 'cell') out.closeCell();
    else out.closeTable();
  };
  /** Ends the scopes a record at `level` (with `tag`) leaves: see the nesting in the doc comment. */
  const closeFor = (level: number, tag: number) => {
    for (;;) {
      const top = scopes[scopes.length - 1];
      if (!top) return;
      const ends = top.kind === 'cell' ? level < top.level || (level === top.level && tag === TAG.LIST_HEADER) : level <= top.level;
      if (!ends) return;
      closeScope(scopes.pop()!);
    }
  };
  let pos = 0;
  while (pos + 4 <= data.length) {
    const h = data.readUInt32LE(pos);
    pos += 4;
    const tag = h & 0x3ff;
    const level = (h >>> 10) & 0x3ff;
    let size = h >>> 20;
    if (size === 0xfff) {
      if (pos + 4 > data.length) break;
      size = data.readUInt32LE(pos);
      pos += 4;
    }
    if (pos + size > data.length) throw new ExtractError('failed', `HWP 본문 Section${index}의 레코드가 잘려 있습니다`);
    const body = data.subarray(pos, pos + size);
    pos += size;

    switch (tag) {
      case TAG.PARA_HEADER:
        closeFor(level, tag);
        out.openParagraph();
        scopes.push({ kind: 'para', level });
        break;
      case TAG.PARA_TEXT:
        out.append(decodeParaText(body));
        break;
      case TAG.CTRL_HEADER: {
        closeFor(level, tag);
        const id = body.length >= 4 ? body.subarray(0, 4).toString('latin1').split('').reverse().join('') : '';
        if (id === 'tbl ') {
          out.openTable();
          scopes.push({ kind: 'table', level, body: false, row: -1 });
        }
        break;
      }
      case TAG.TABLE: {
        const top = scopes[scopes.length - 1];
        if (top?.kind === 'table' && level === top.level + 1) top.body = true;
        break;
      }
      case TAG.LIST_HEADER: {
        closeFor(level, tag);
        const top = scopes[scopes.length - 1];
        // A LIST_HEADER right under a table control after its TABLE record is a cell; before it, the caption.
        if (top?.kind === 'table' && top.body && level === top.level + 1) {
          const row = body.length >= 12 ? body.readUInt16LE(10) : top.row + 1;
          if (row !== top.row) {
            out.openRow();
            top.row = row;
          }
          out.openCell();
          scopes.push({ kind: 'cell', level });
        }
        break;
      }
      default:
        break;
    }
  }
  while (scopes.length) closeScope(scopes.pop()!);
}

/** Controls that take one UTF-16 unit; every other code below 32 takes eight. */
const CHAR_CONTROLS = new Set([0, 10, 13, 24, 25, 26, 27, 28, 29, 30, 31]);

export function decodeParaText(body: Buffer): string {
  let s = '';
  const n = Math.floor(body.length / 2);
  for (let i = 0; i < n;) {
    const c = body.readUInt16LE(i * 2);
    if (c >= 32) {
      s += String.fromCharCode(c);
      i += 1;
      continue;
    }
    if (CHAR_CONTROLS.has(c)) {
      if (c === 10) s += '\n';
      else if (c === 24) s += '-';
      else if (c >= 30) s += ' ';
      i += 1;
      continue;
    }
    if (c === 9) s += '\t';
    i += 8;
  }
  return s;
}
