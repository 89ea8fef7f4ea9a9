import { z } from 'zod';

/** An owner's request from the owner page (개인정보 보호법 §36: 정정·삭제 요구, with what and why). */
export const DataRequestInput = z.object({
  kind: z.enum(['correction', 'deletion'], { message: 'rights.kindRequired' }),
  reason: z.string({ message: 'rights.reasonRequired' }).trim().min(1, 'rights.reasonRequired').max(1000, 'rights.reasonTooLong'),
});
export type DataRequestInput = z.infer<typeof DataRequestInput>;

/** The office's answer (시행령 §43: 조치 결과 또는 하지 않는 사유와 이의제기 방법을 알림). */
export const DataRequestOutcomeInput = z
  .object({
    outcome: z.enum(['corrected', 'deleted', 'refused'], { message: 'rights.outcomeRequired' }),
    note: z.string().trim().max(1000, 'rights.reasonTooLong').optional().default(''),
  })
  .refine((v) => v.outcome !== 'refused' || v.note.length > 0, { path: ['note'], message: 'rights.refusalReasonRequired' });
export type DataRequestOutcomeInput = z.infer<typeof DataRequestOutcomeInput>;
