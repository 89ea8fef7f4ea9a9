import { z } from 'zod';

const blank = (v: unknown) => (v === undefined || (typeof v === 'string' && v.trim() === '') ? null : v);

/**
 * The scan of a signed paper uploaded back (issue 13 §3): which paper, the participation a 위임장
 * is for, the document number printed at its foot (optional: matches the scan to the print), and the
 * uploader's confirmation that any 주민등록번호 on it is masked (개인정보 보호법 제24조의2). The file is
 * checked by content in the service.
 */
export const SignedPaperInput = z.object({
  kind: z.enum(['power_of_attorney', 'consent'], { message: 'papers.kindRequired' }),
  participationId: z.preprocess(blank, z.uuid({ message: 'papers.participationRequired' }).nullable()).optional(),
  docNo: z.preprocess(blank, z.string().trim().regex(/^[A-Z]{2}-\d{8}-[0-9a-f]{8}$/, 'papers.docNoFormat').nullable()).optional(),
  rrnMasked: z.literal('on', { message: 'documents.rrnConfirm' }),
});
export type SignedPaperInput = z.infer<typeof SignedPaperInput>;
