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
