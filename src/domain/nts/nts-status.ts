import { z } from 'zod';
import { normalizeBrn } from '../identifiers.ts';

/**
 * 국세청 사업자등록정보 상태조회 (공공데이터포털 "국세청_사업자등록정보 진위확인 및 상태조회 서비스",
 * `POST /api/nts-businessman/v1/status`): a list of 사업자등록번호 in, for each the 납세자 상태
 * (`b_stt_cd` 01 계속사업자 / 02 휴업자 / 03 폐업자), 과세유형 (`tax_type_cd`) and 폐업일 (`end_dt`).
 * A number the 국세청 does not know comes back with an empty `b_stt_cd` and the message
 * "국세청에 등록되지 않은 사업자등록번호입니다" in `tax_type`.
 *
 * Pure: parsing, batching and the facts a result gives. The HTTP call is in src/modules/nts.
 * Why it matters: a verdict is as good as its facts; 영업 상태 and 폐업일 typed from memory are the
 * facts most often wrong (docs/domain.md, "Facts from their source").
 */

/** The API takes at most 100 numbers a call (서비스 명세). */
export const NTS_BATCH_SIZE = 100;

/** A check older than this is shown as stale and re-done by the weekly job. */
export const NTS_STALE_DAYS = 30;

export type NtsState = 'active' | 'suspended' | 'closed' | 'unregistered';

export interface NtsStatus {
  /** 10 digits, no dashes. */
  brn: string;
  state: NtsState;
  /** 폐업일 (YYYY-MM-DD) when closed and the 국세청 gives one. */
  closedOn: string | null;
  /** 과세유형 code (01 일반, 02 간이, 04 면세 …) or null when unregistered. */
  taxTypeCode: string | null;
  /** The 국세청's own words for the 과세유형 (or why the number is unknown), shown as given. */
  taxType: string;
}

const Row = z.object({
  b_no: z.string(),
  b_stt_cd: z.string().optional().default(''),
  tax_type: z.string().optional().default(''),
  tax_type_cd: z.string().optional().default(''),
  end_dt: z.string().optional().default(''),
});

const Response = z.object({
  status_code: z.string().optional(),
  data: z.array(Row),
});

export class NtsResponseError extends Error {}


function isoDate(yyyymmdd: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(yyyymmdd.trim());
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

export function parseNtsStatusResponse(json: unknown): NtsStatus[] {
  const parsed = Response.safeParse(json);
  if (!parsed.success) throw new NtsResponseError(`국세청 응답 형식이 다릅니다: ${parsed.error.issues[0]?.message ?? ''}`);
  if (parsed.data.status_code && parsed.data.status_code !== 'OK') throw new NtsResponseError(`국세청 응답 오류: ${parsed.data.status_code}`);
  return parsed.data.data.map((r) => {
    const state: NtsState = r.b_stt_cd === '01' ? 'active' : r.b_stt_cd === '02' ? 'suspended' : r.b_stt_cd === '03' ? 'closed' : 'unregistered';
    return {
      brn: normalizeBrn(r.b_no),
      state,
      closedOn: state === 'closed' ? isoDate(r.end_dt) : null,
      taxTypeCode: state === 'unregistered' ? null : r.tax_type_cd || null,
      taxType: r.tax_type,
    };
  });
}

/** Splits the numbers into calls of at most `size` (duplicates and malformed numbers removed). */
export function ntsBatches(brns: readonly string[], size = NTS_BATCH_SIZE): string[][] {
  const unique = [...new Set(brns.map(normalizeBrn).filter((b) => /^\d{10}$/.test(b)))];
  const out: string[][] = [];
  for (let i = 0; i < unique.length; i += size) out.push(unique.slice(i, i + size));
  return out;
}

/**
 * The business facts a result gives. An unregistered number changes nothing (the clerk is told to
 * check the number); a 계속사업자 has no 폐업일.
 */
export function factsFromNts(s: NtsStatus): { operatingStatus: 'active' | 'suspended' | 'closed'; closedOn: string | null } | null {
  switch (s.state) {
    case 'active':
      return { operatingStatus: 'active', closedOn: null };
    case 'suspended':
      return { operatingStatus: 'suspended', closedOn: null };
    case 'closed':
      return { operatingStatus: 'closed', closedOn: s.closedOn };
    case 'unregistered':
      return null;
  }
}

/** True when the last check is older than NTS_STALE_DAYS (or there was none). */
export function isNtsCheckStale(checkedAt: Date | null, now: Date, days = NTS_STALE_DAYS): boolean {
  if (!checkedAt) return true;
  return now.getTime() - checkedAt.getTime() > days * 86_400_000;
}
