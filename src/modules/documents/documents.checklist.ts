/**
 * 구비서류 checklist of one participation: pure, from the programme version's
 * `required_documents`, the document types' validity rules and the documents the business holds.
 *
 * Statuses (issue 4): 없음 / 제출 / 유효 / 만료 임박 / 만료.
 * - A document the business already holds counts, whichever participation it was first recorded
 *   for, as long as it is valid on the date that matters ("이미 있는 서류 사용"): the owner does
 *   not fetch the same 소상공인확인서 twice in a year.
 * - 제출: once the application is made (신청완료 and after), what matters is that the document was
 *   valid on the submission date; a 납세증명서 expiring the week after no longer needs renewing.
 *   Documents recorded after the submission are judged on today's date, like before it.
 * - Before submission every document is judged on today's date; "만료 임박" = within 14 days of
 *   its last valid day (src/domain/documents/document-validity.ts).
 * - The date printed on a certificate wins: a held document's `valid_until`, when recorded, is used
 *   instead of the type's computed period.
 */
import { daysBetween, documentStatus, validUntil, type DocumentStatus } from '../../domain/documents/document-validity.ts';

export type ChecklistStatus = 'missing' | 'submitted' | 'valid' | 'expiring' | 'expired';

export const CHECKLIST_STATUSES: readonly ChecklistStatus[] = ['missing', 'submitted', 'valid', 'expiring', 'expired'];

/** Days before the last valid day from which a document is "만료 임박". */
export const EXPIRING_SOON_DAYS = 14;

export interface ChecklistFile {
  id: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: Date;
}

export interface HeldDocument {
  id: string;
  documentType: string;
  issuedOn: string;
  validUntil: string | null;
  participationId: string | null;
  recordedByName?: string | null;
  files: ChecklistFile[];
}

export interface ChecklistType {
  code: string;
  name: string;
  validity: unknown;
}

export interface ChecklistItem {
  code: string;
  /** Null when the programme names a type the catalogue does not know (shown as the code). */
  name: string | null;
  status: ChecklistStatus;
  /** The document that satisfies the item best, or null. */
  document: HeldDocument | null;
  /** The document was recorded for another participation (or none): "이미 있는 서류 사용". */
  reused: boolean;
  /** Last valid day of `document` (null: does not expire, or no document). */
  validUntil: string | null;
  /** Days from today to `validUntil` (negative when past). */
  daysLeft: number | null;
  /** How many other documents of this type the business holds. */
  others: number;
}

/** Statuses in which a participation's application has been made. */
const SUBMITTED = new Set(['submitted', 'selected', 'rejected', 'benefited', 'withdrawn']);

const RANK: Record<DocumentStatus, number> = { valid: 3, expiring: 2, expired: 1, missing: 0 };

export function buildChecklist(input: {
  participationId: string;
  participationStatus: string;
  submittedOn: string | null;
  required: readonly string[];
  types: ReadonlyMap<string, ChecklistType>;
  held: readonly HeldDocument[];
  today: string;
}): ChecklistItem[] {
  const { today } = input;
  const submittedOn = SUBMITTED.has(input.participationStatus) ? input.submittedOn : null;
  const seen = new Set<string>();
  const items: ChecklistItem[] = [];
  for (const code of input.required) {
    if (seen.has(code)) continue;
    seen.add(code);
    const type = input.types.get(code);
    const held = input.held.filter((d) => d.documentType === code);
    if (!type) {
      items.push({
        code,
        name: null,
        status: 'missing',
        document: null,
        reused: false,
        validUntil: null,
        daysLeft: null,
        others: held.length,
      });
      continue;
    }
    const statusOn = (d: HeldDocument, date: string) =>
      documentStatus(type, d.issuedOn, date, EXPIRING_SOON_DAYS, d.validUntil !== null ? { validUntil: d.validUntil } : {});
    const own = (d: HeldDocument) => d.participationId === input.participationId;

    // 제출: a document that was valid on the submission date (own first, then the newest).
    let chosen: { doc: HeldDocument; status: ChecklistStatus } | null = null;
    if (submittedOn) {
      const atSubmission = held
        .filter((d) => d.issuedOn <= submittedOn && RANK[statusOn(d, submittedOn)] >= RANK.expiring)
        .sort((a, b) => Number(own(b)) - Number(own(a)) || b.issuedOn.localeCompare(a.issuedOn));
      if (atSubmission[0]) chosen = { doc: atSubmission[0], status: 'submitted' };
    }
    if (!chosen) {
      let best: { doc: HeldDocument; status: DocumentStatus } | null = null;
      for (const d of held) {
        const s = statusOn(d, today);
        if (s === 'missing') continue; // issued after today: a typing error, never counts
        if (
          !best ||
          RANK[s] > RANK[best.status] ||
          (RANK[s] === RANK[best.status] && (Number(own(d)) - Number(own(best.doc)) || d.issuedOn.localeCompare(best.doc.issuedOn)) > 0)
        ) {
          best = { doc: d, status: s };
        }
      }
      if (best) chosen = { doc: best.doc, status: best.status };
    }
    if (!chosen) {
      items.push({
        code,
        name: type.name,
        status: 'missing',
        document: null,
        reused: false,
        validUntil: null,
        daysLeft: null,
        others: held.length,
      });
      continue;
    }
    const until = chosen.doc.validUntil ?? validUntil(type, chosen.doc.issuedOn);
    items.push({
      code,
      name: type.name,
      status: chosen.status,
      document: chosen.doc,
      reused: !own(chosen.doc),
      validUntil: until,
      daysLeft: until === null ? null : daysBetween(today, until),
      others: held.length - 1,
    });
  }
  return items;
}

/** Counts by status, for the summary line ("5개 중 3개 준비됨"). */
export function checklistSummary(items: readonly ChecklistItem[]): { total: number; ready: number } {
  return {
    total: items.length,
    ready: items.filter((i) => i.status === 'valid' || i.status === 'expiring' || i.status === 'submitted').length,
  };
}
