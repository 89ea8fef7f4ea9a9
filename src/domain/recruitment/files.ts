/**
 * Certificates uploaded with an application: PDF, JPG or PNG, recognised by their content (magic
 * bytes), never by the name or the browser's declared type, and limited in size.
 */
export type MediaType = 'application/pdf' | 'image/jpeg' | 'image/png';
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
export const MAX_FILES_PER_APPLICATION = 6;

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-

function startsWith(bytes: Uint8Array, sig: number[]): boolean {
  return bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b);
}

/** The real type of the bytes, or null when they are none of the accepted ones. */
export function sniffMediaType(bytes: Uint8Array): MediaType | null {
  if (startsWith(bytes, PDF)) return 'application/pdf';
  if (startsWith(bytes, PNG)) return 'image/png';
  if (startsWith(bytes, JPEG)) return 'image/jpeg';
  return null;
}

export const EXTENSION: Record<MediaType, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' };

/** A file name safe to show and to send back in Content-Disposition: no path, no control characters. */
export function safeFileName(name: string, type: MediaType): string {
  const base = (name.split(/[\\/]/).pop() ?? '')
    .replace(/[\p{Cc}"<>|:*?]/gu, '')
    .trim()
    .slice(0, 100);
  const ext = EXTENSION[type];
  const stem = base.replace(/\.[^.]*$/, '') || 'file';
  return `${stem}.${ext}`;
}
