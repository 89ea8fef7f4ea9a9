import { FORMAT_LABELS, READABLE_FORMATS, sniffFormat, type NoticeFormat } from './notice.format.ts';
import { extractHwpText } from './notice.hwp.ts';
import { extractHwpxText } from './notice.hwpx.ts';
import { extractPdfText } from './notice.pdf.ts';
import { ExtractError, type Extraction } from './notice.types.ts';

/**
 * One notice file's bytes → its text, or the reason there is none. Never throws: a file we cannot
 * read is a status the page shows next to a link to the original, not an error.
 */
export async function extractNoticeText(bytes: Uint8Array, name?: string): Promise<Extraction> {
  let format: NoticeFormat = sniffFormat(bytes, name);
  try {
    let text: string;
    switch (format) {
      case 'pdf':
        text = await extractPdfText(bytes);
        break;
      case 'hwpx':
        text = extractHwpxText(bytes);
        break;
      case 'hwp':
      case 'ole':
        // An OLE file is HWP 5.0 when it has a FileHeader stream with the HWP signature.
        text = extractHwpText(bytes);
        format = 'hwp';
        break;
      case 'text':
        text = Buffer.from(bytes).toString('utf8');
        break;
      case 'hwp3':
      case 'image':
      case 'zip':
      case 'office':
      case 'unknown':
        return { format, status: 'unsupported', error: UNSUPPORTED_REASONS[format] };
    }
    if (!/[\p{L}\p{N}]/u.test(text)) {
      return {
        format,
        status: 'empty',
        error: format === 'pdf' ? '글자가 없는 PDF입니다 (스캔한 이미지일 수 있습니다)' : '문서에 글자가 없습니다',
      };
    }
    return { format, status: 'extracted', text };
  } catch (e) {
    if (e instanceof ExtractError)
      return { format: format === 'ole' && e.status !== 'unsupported' ? 'hwp' : format, status: e.status, error: e.message };
    return { format, status: 'failed', error: `읽는 중 오류: ${e instanceof Error ? e.message : String(e)}` };
  }
}

const UNSUPPORTED_REASONS: Readonly<Record<'hwp3' | 'image' | 'zip' | 'office' | 'unknown', string>> = {
  hwp3: '한글 97 이전(HWP 3.0) 형식은 읽지 않습니다',
  image: '이미지 파일이라 글자를 읽지 않습니다',
  zip: '압축 파일(ZIP)은 풀어 읽지 않습니다',
  office: 'MS Office 문서는 읽지 않습니다',
  unknown: `${FORMAT_LABELS.unknown}입니다 (PDF·HWPX·HWP만 읽습니다)`,
};

export { READABLE_FORMATS };
