/**
 * Uploaded document files: PDF, JPG, PNG, recognised by their content (magic bytes), never by the
 * name or the type the browser declares (a renamed .exe or .txt is refused); at most 10 MB (a
 * phone photo of a certificate is 2–5 MB; a scanned multi-page PDF rarely more).
 */
import { containsRrn } from '../../domain/identifiers.ts';
import { safeFileName, sniffMediaType, type MediaType } from '../../domain/recruitment/files.ts';

export { safeFileName, sniffMediaType, type MediaType };

export const DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;

/**
 * A text layer that shows a 주민등록번호 in clear (a PDF made from a word processor or an
 * unmasked e-certificate): refused. Scans are images, so this catches only text PDFs; the form's
 * reminder and confirmation stay the main safeguard (개인정보 보호법 제24조의2).
 */
export function textShowsRrn(bytes: Uint8Array, type: MediaType): boolean {
  if (type !== 'application/pdf') return false;
  return containsRrn(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'));
}

/**
 * The checks of an uploaded document file, in the order a clerk can fix them: present, ≤ 10 MB, no
 * 주민등록번호 in its name, a PDF/JPG/PNG by content, no 주민등록번호 in a PDF's text layer. Returns
 * the problems (field `file`) or the bytes and their media type.
 */
export async function checkUploadedFile(
  file: File | null,
): Promise<{ ok: true; bytes: Uint8Array; mediaType: MediaType } | { ok: false; issues: { path: string; messageKey: string }[] }> {
  const fail = (messageKey: string) => ({ ok: false as const, issues: [{ path: 'file', messageKey }] });
  if (!file || file.size === 0) return fail('documents.fileRequired');
  if (file.size > DOCUMENT_MAX_BYTES) return fail('documents.fileTooLarge');
  if (containsRrn(file.name)) return fail('documents.rrnInName');
  const bytes = new Uint8Array(await file.arrayBuffer());
  const mediaType = sniffMediaType(bytes);
  if (!mediaType) return fail('documents.fileType');
  if (textShowsRrn(bytes, mediaType)) return fail('documents.rrnInContent');
  return { ok: true, bytes, mediaType };
}

/** RFC 5987 attr-char: everything else is percent-encoded in `filename*`. */
function rfc5987(value: string): string {
  return Array.from(new TextEncoder().encode(value))
    .map((b) => {
      const c = String.fromCharCode(b);
      return /[A-Za-z0-9!#$&+\-.^_`|~]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
}

/**
 * `Content-Disposition: attachment` with an ASCII fallback `filename` and the UTF-8 `filename*`
 * (RFC 6266 §4.3, RFC 5987): Korean file names arrive intact, and nothing in the name can end the
 * header or the quoted string.
 */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${rfc5987(fileName)}`;
}
