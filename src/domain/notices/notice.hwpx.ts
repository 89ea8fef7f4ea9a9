import { unzipSync, type UnzipFileInfo } from 'fflate';
import { SaxesParser } from 'saxes';
import { EXTRACT_LIMITS, ExtractError } from './notice.types.ts';
import { TextBuilder } from './notice.text-builder.ts';

/**
 * Text of an HWPX document (OWPML, KS X 6101:2018; 한컴 "HWPX 파일 구조"): a zip whose body is in
 * `Contents/section0.xml`, `section1.xml`… in the order of the package's spine
 * (`Contents/content.hpf`). Paragraphs are `hp:p`, their text is in `hp:t` (inside `hp:run`), with
 * `hp:tab` and `hp:lineBreak` as child elements; a table is `hp:tbl` → `hp:tr` → `hp:tc` →
 * `hp:subList` → `hp:p`.
 *
 * Libraries: fflate (zip; reads only the entries we ask for and tells their declared size first, so
 * a zip bomb is refused before it is inflated) and saxes (a strict, non-validating streaming XML
 * parser: it expands no external entities and defines none from a DTD, so XXE and "billion laughs"
 * have nothing to work with). Elements are matched by local name so a producer's own prefixes work.
 */
export function extractHwpxText(bytes: Uint8Array): string {
  let files: Record<string, Uint8Array>;
  let declared = 0;
  try {
    files = unzipSync(bytes, {
      filter(f: UnzipFileInfo) {
        const wanted =
          /^Contents\/section\d+\.xml$/i.test(f.name) ||
          f.name === 'Contents/content.hpf' ||
          f.name === 'META-INF/manifest.xml' ||
          f.name === 'mimetype';
        if (!wanted) return false;
        declared += f.originalSize;
        if (declared > EXTRACT_LIMITS.maxInflatedBytes)
          throw new ExtractError('failed', '압축을 푼 크기가 너무 큽니다 (압축 폭탄일 수 있습니다)');
        return true;
      },
    });
  } catch (e) {
    if (e instanceof ExtractError) throw e;
    throw new ExtractError('failed', `HWPX(zip)를 열 수 없습니다: ${e instanceof Error ? e.message : String(e)}`);
  }
  const manifest = files['META-INF/manifest.xml'] ? Buffer.from(files['META-INF/manifest.xml']).toString('utf8') : '';
  const encrypted = /encryption-data|<[^>]*encrypt/i.test(manifest);
  const sections = sectionOrder(files);
  if (sections.length === 0) {
    if (encrypted) throw new ExtractError('encrypted', '암호가 걸린 HWPX 문서입니다');
    throw new ExtractError('failed', 'HWPX 안에 본문(Contents/section0.xml)이 없습니다');
  }
  const out = new TextBuilder();
  for (const name of sections) {
    try {
      readSection(Buffer.from(files[name]!).toString('utf8'), out);
    } catch (e) {
      if (encrypted) throw new ExtractError('encrypted', '암호가 걸린 HWPX 문서입니다');
      if (e instanceof ExtractError) throw e;
      throw new ExtractError('failed', `HWPX 본문 ${name}을 읽을 수 없습니다: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return out.toString();
}

/** Section files in spine order when content.hpf lists them, else by their number. */
function sectionOrder(files: Record<string, Uint8Array>): string[] {
  const present = Object.keys(files).filter((n) => /^Contents\/section\d+\.xml$/i.test(n));
  const byNumber = [...present].sort((a, b) => Number(/(\d+)\.xml$/i.exec(a)![1]) - Number(/(\d+)\.xml$/i.exec(b)![1]));
  const hpf = files['Contents/content.hpf'];
  if (!hpf) return byNumber;
  const hrefById = new Map<string, string>();
  const spine: string[] = [];
  try {
    const p = new SaxesParser({ xmlns: false });
    p.on('opentag', (node) => {
      const local = node.name.replace(/^.*:/, '');
      const attr = (k: string) => {
        const v = node.attributes[k];
        return typeof v === 'string' ? v : undefined;
      };
      if (local === 'item') {
        const id = attr('id');
        const href = attr('href');
        if (id && href) hrefById.set(id, href.startsWith('Contents/') ? href : `Contents/${href}`);
      } else if (local === 'itemref') {
        const ref = attr('idref');
        if (ref) spine.push(ref);
      }
    });
    p.write(Buffer.from(hpf).toString('utf8')).close();
  } catch {
    return byNumber;
  }
  const ordered = spine.map((id) => hrefById.get(id)).filter((h): h is string => !!h && present.includes(h));
  return ordered.length ? [...ordered, ...byNumber.filter((n) => !ordered.includes(n))] : byNumber;
}

function readSection(xml: string, out: TextBuilder): void {
  const parser = new SaxesParser({ xmlns: false });
  let inText = 0;
  parser.on('opentag', (node) => {
    const local = node.name.replace(/^.*:/, '');
    switch (local) {
      case 'p':
        out.openParagraph();
        break;
      case 't':
        inText += 1;
        break;
      case 'tab':
        if (inText) out.append('\t');
        break;
      case 'lineBreak':
        if (inText) out.lineBreak();
        break;
      case 'fwSpace':
      case 'nbSpace':
        if (inText) out.append(' ');
        break;
      case 'tbl':
        out.openTable();
        break;
      case 'tr':
        out.openRow();
        break;
      case 'tc':
        out.openCell();
        break;
    }
  });
  parser.on('closetag', (node) => {
    const local = node.name.replace(/^.*:/, '');
    switch (local) {
      case 'p':
        out.closeParagraph();
        break;
      case 't':
        inText -= 1;
        break;
      case 'tbl':
        out.closeTable();
        break;
      case 'tr':
        out.closeRow();
        break;
      case 'tc':
        out.closeCell();
        break;
    }
  });
  parser.on('text', (t) => {
    if (inText) out.append(t);
  });
  parser.on('cdata', (t) => {
    if (inText) out.append(t);
  });
  parser.write(xml).close();
}
