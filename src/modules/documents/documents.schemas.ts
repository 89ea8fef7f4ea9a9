import { z } from 'zod';

const blank = (v: unknown) => (v === undefined || (typeof v === 'string' && v.trim() === '') ? null : v);
/** A real calendar date 'YYYY-MM-DD' (2026-02-30 is refused, not stored). */
function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1900 && t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}
const date = (message: string) => z.string({ message }).trim().refine(isCalendarDate, message);

/**
 * A document for a checklist item (issued on or before `today`): its type, the issue date printed on it, the expiry printed on
 * it when there is one (it wins over the type's period), and the uploader's confirmation that any
 * 주민등록번호 on the scan is masked (개인정보 보호법 제24조의2). The file itself is checked by
 * content in the service (src/modules/documents/documents.files.ts).
 */
export function uploadDocumentInput(today: string) {
  return z.object({
    documentType: z.string({ message: 'documents.typeRequired' }).regex(/^[a-z][a-z0-9_]*$/, 'documents.typeRequired'),
    issuedOn: z.preprocess(
      blank,
      date('documents.issuedOnRequired').refine((d) => d <= today, 'documents.issuedInFuture'),
    ),
    validUntil: z.preprocess(blank, date('documents.dateFormat').nullable()).optional(),
    rrnMasked: z.literal('on', { message: 'documents.rrnConfirm' }),
  });
}
export type UploadDocumentInput = z.infer<ReturnType<typeof uploadDocumentInput>>;

/** Why a file with personal data leaves the system (안전성 확보조치 기준 §8: recorded with the download). */
export const DOWNLOAD_PURPOSES = ['submission', 'review', 'owner', 'other'] as const;
export type DownloadPurpose = (typeof DOWNLOAD_PURPOSES)[number];

export const DownloadInput = z
  .object({
    purpose: z.enum(DOWNLOAD_PURPOSES, { message: 'documents.purposeRequired' }),
    note: z.preprocess(blank, z.string().trim().max(200, 'validation.tooLong').nullable()).optional(),
  })
  .refine((v) => v.purpose !== 'other' || (v.note ?? '').length >= 2, { path: ['note'], message: 'documents.noteRequired' });
export type DownloadInput = z.infer<typeof DownloadInput>;
