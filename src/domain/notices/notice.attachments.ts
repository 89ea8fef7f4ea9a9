import type { Attachment } from '../catalog/catalog.types.ts';
import { FORMAT_LABELS, READABLE_FORMATS, formatFromName, type NoticeFormat } from './notice.format.ts';

/**
 * Which of a version's attachments to fetch. The attachment list comes from the source parser
 * (기업마당 `flpthNm`/`fileNm` and the print file `printFlpthNm`/`printFileNm`, each `@`-joined and
 * paired by position: src/domain/catalog/catalog.bizinfo.ts). A notice carries its 공고문 (HWP/HWPX
 * or PDF) next to application forms, posters and zips; we fetch what may be text (PDF, HWP, HWPX,
 * and names without an extension, which the bytes will tell), and record the rest as not fetched
 * with the reason, so the page can still link them.
 */
export const MAX_FILES_PER_VERSION = 10;

export interface PlannedFile {
  url: string;
  name: string;
  /** What the name promises; the fetched bytes decide (notice.format.ts). */
  expected: NoticeFormat;
  fetch: boolean;
  /** Korean, when not fetched. */
  reason?: string;
}

export function planNoticeFiles(attachments: readonly Attachment[]): PlannedFile[] {
  const seen = new Set<string>();
  const out: PlannedFile[] = [];
  let fetching = 0;
  for (const a of attachments) {
    if (seen.has(a.url)) continue;
    seen.add(a.url);
    const expected = formatFromName(a.name);
    if (!READABLE_FORMATS.has(expected) && expected !== 'unknown') {
      out.push({ url: a.url, name: a.name, expected, fetch: false, reason: `${FORMAT_LABELS[expected]} 파일이라 내려받지 않았습니다` });
      continue;
    }
    if (fetching >= MAX_FILES_PER_VERSION) {
      out.push({
        url: a.url,
        name: a.name,
        expected,
        fetch: false,
        reason: `첨부파일이 많아 앞의 ${MAX_FILES_PER_VERSION}개만 읽었습니다`,
      });
      continue;
    }
    fetching += 1;
    out.push({ url: a.url, name: a.name, expected, fetch: true });
  }
  return out;
}
