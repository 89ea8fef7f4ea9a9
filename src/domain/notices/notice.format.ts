/**
 * Which kind of file a notice attachment is. Korean notices come as PDF, HWPX (OWPML, KS X 6101:
 * a zip of XML) and HWP 5.0 (an OLE compound file); we decide by the file's first bytes ("magic
 * bytes"), not by the server's Content-Type (기업마당 serves every attachment as
 * application/octet-stream) nor only by the name (names lie: "공고문.hwp" that is really a PDF).
 * The name's extension is a hint used before fetching and when the bytes say nothing.
 */
export const NOTICE_FORMATS = ['pdf', 'hwpx', 'hwp', 'hwp3', 'zip', 'ole', 'image', 'office', 'text', 'unknown'] as const;
export type NoticeFormat = (typeof NOTICE_FORMATS)[number];

/** Formats whose text we can extract. */
export const READABLE_FORMATS: ReadonlySet<NoticeFormat> = new Set(['pdf', 'hwpx', 'hwp']);

/** Korean label for the page ("PDF", "한글(HWPX)"…). */
export const FORMAT_LABELS: Readonly<Record<NoticeFormat, string>> = {
  pdf: 'PDF',
  hwpx: '한글(HWPX)',
  hwp: '한글(HWP)',
  hwp3: '한글 97 이전(HWP 3.0)',
  zip: '압축 파일(ZIP)',
  ole: 'OLE 문서',
  image: '이미지',
  office: 'MS Office 문서',
  text: '텍스트',
  unknown: '알 수 없는 형식',
};

function startsWith(bytes: Uint8Array, sig: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + sig.length) return false;
  return sig.every((b, i) => bytes[offset + i] === b);
}

function ascii(s: string): number[] {
  return [...s].map((c) => c.charCodeAt(0));
}

const PDF = ascii('%PDF-');
const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** OLE2 / Compound File Binary (MS-CFB §2.2): HWP 5.0, but also .doc/.xls/.ppt. */
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** HWP 3.0 and older start with this text (한글 97 file format). */
const HWP3 = ascii('HWP Document File V');
/** HWPX's first zip entry is `mimetype`, stored uncompressed, holding this text (OCF-style packaging). */
const HWPX_MIME = 'application/hwp+zip';

/**
 * The format from the first bytes. A zip is HWPX when its stored `mimetype` says so or it has
 * `Contents/section0.xml`; an OLE file is told apart later (HWP 5.0 has a `FileHeader` stream), so
 * here it is 'ole' unless the name ends in .hwp.
 */
export function sniffFormat(bytes: Uint8Array, name?: string): NoticeFormat {
  // Some servers prepend a BOM or whitespace before "%PDF-"; PDF readers accept the header within
  // the first 1024 bytes (ISO 32000-1 §7.5.2 note; Acrobat's implementation note 13).
  const head = bytes.subarray(0, 1024);
  if (startsWith(bytes, PDF) || Buffer.from(head).includes('%PDF-')) return 'pdf';
  if (startsWith(bytes, HWP3)) return 'hwp3';
  if (startsWith(bytes, CFB)) return extensionOf(name) === 'hwp' ? 'hwp' : 'ole';
  if (startsWith(bytes, ZIP)) {
    const first = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
    if (first.includes(HWPX_MIME) || first.includes('Contents/section0.xml')) return 'hwpx';
    if (/\[Content_Types\]\.xml|word\/|xl\/|ppt\//.test(first)) return 'office';
    return extensionOf(name) === 'hwpx' ? 'hwpx' : 'zip';
  }
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47]) || startsWith(bytes, [0xff, 0xd8, 0xff]) || startsWith(bytes, ascii('GIF8')))
    return 'image';
  if (bytes.length > 0 && looksLikeText(bytes)) return 'text';
  return 'unknown';
}

function looksLikeText(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 4096);
  // eslint-disable-next-line no-control-regex -- NUL and other C0 controls are what binary files have
  if (/[\u0000-\u0008\u000e-\u001a]/.test(Buffer.from(sample).toString('latin1'))) return false;
  // An HTML page (a portal's "file not found" answered with 200) is not a notice.
  return !/^\s*</.test(Buffer.from(sample).toString('utf8'));
}

/** Lower-case extension of a file name, without the dot ("공고문(인쇄용).PDF" → "pdf"). */
export function extensionOf(name: string | undefined): string | undefined {
  if (!name) return undefined;
  const m = /\.([A-Za-z0-9]{1,5})\s*$/.exec(name);
  return m ? m[1]!.toLowerCase() : undefined;
}

const BY_EXTENSION: Readonly<Record<string, NoticeFormat>> = {
  pdf: 'pdf',
  hwpx: 'hwpx',
  hwp: 'hwp',
  zip: 'zip',
  egg: 'zip',
  '7z': 'zip',
  alz: 'zip',
  jpg: 'image',
  jpeg: 'image',
  png: 'image',
  gif: 'image',
  bmp: 'image',
  tif: 'image',
  tiff: 'image',
  doc: 'office',
  docx: 'office',
  xls: 'office',
  xlsx: 'office',
  ppt: 'office',
  pptx: 'office',
  txt: 'text',
};

/** The format a file name promises, before fetching (the bytes decide after). */
export function formatFromName(name: string): NoticeFormat {
  const ext = extensionOf(name);
  return (ext && Object.hasOwn(BY_EXTENSION, ext) ? BY_EXTENSION[ext] : undefined) ?? 'unknown';
}
