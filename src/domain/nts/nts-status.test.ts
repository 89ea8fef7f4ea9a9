import { describe, expect, it } from 'vitest';
import { factsFromNts, isNtsCheckStale, NtsResponseError, ntsBatches, parseNtsStatusResponse } from './nts-status.ts';

// The shape of a real answer of the 국세청 status API (values made up, as documented by 공공데이터포털).
const answer = {
  request_cnt: 4,
  match_cnt: 3,
  status_code: 'OK',
  data: [
    { b_no: '1234567891', b_stt: '계속사업자', b_stt_cd: '01', tax_type: '부가가치세 일반과세자', tax_type_cd: '01', end_dt: '', utcc_yn: 'N', tax_type_change_dt: '', invoice_apply_dt: '' },
    { b_no: '2234567891', b_stt: '휴업자', b_stt_cd: '02', tax_type: '부가가치세 간이과세자', tax_type_cd: '02', end_dt: '', utcc_yn: 'N', tax_type_change_dt: '', invoice_apply_dt: '' },
    { b_no: '3234567891', b_stt: '폐업자', b_stt_cd: '03', tax_type: '부가가치세 일반과세자', tax_type_cd: '01', end_dt: '20251031', utcc_yn: 'N', tax_type_change_dt: '', invoice_apply_dt: '' },
    { b_no: '4234567891', b_stt: '', b_stt_cd: '', tax_type: '국세청에 등록되지 않은 사업자등록번호입니다.', tax_type_cd: '', end_dt: '', utcc_yn: '', tax_type_change_dt: '', invoice_apply_dt: '' },
  ],
};

describe('국세청 상태조회 parsing', () => {
  it('reads 계속 / 휴업 / 폐업 (with 폐업일) / unregistered', () => {
    const r = parseNtsStatusResponse(answer);
    expect(r.map((s) => s.state)).toEqual(['active', 'suspended', 'closed', 'unregistered']);
    expect(r[2]!.closedOn).toBe('2025-10-31');
    expect(r[0]!.closedOn).toBeNull();
    expect(r[3]!.taxTypeCode).toBeNull();
    expect(r[3]!.taxType).toContain('등록되지 않은');
  });

  it('refuses an answer that is not the documented shape or not OK', () => {
    expect(() => parseNtsStatusResponse({ foo: 1 })).toThrow(NtsResponseError);
    expect(() => parseNtsStatusResponse({ status_code: 'BAD_JSON_REQUEST', data: [] })).toThrow(/BAD_JSON_REQUEST/);
  });

  it('gives facts: closed with its date, unregistered changes nothing', () => {
    const r = parseNtsStatusResponse(answer);
    expect(factsFromNts(r[0]!)).toEqual({ operatingStatus: 'active', closedOn: null });
    expect(factsFromNts(r[2]!)).toEqual({ operatingStatus: 'closed', closedOn: '2025-10-31' });
    expect(factsFromNts(r[3]!)).toBeNull();
  });
});

describe('batches of at most 100', () => {
  it('splits 250 numbers into 100 + 100 + 50, dropping duplicates and malformed ones', () => {
    const nums = Array.from({ length: 250 }, (_, i) => String(1_000_000_000 + i));
    const b = ntsBatches([...nums, nums[0]!, '123-45-678', '12345']);
    expect(b.map((x) => x.length)).toEqual([100, 100, 50]);
    expect(b.flat()).toEqual(nums);
  });
  it('normalises dashes', () => {
    expect(ntsBatches(['123-45-67891'])).toEqual([['1234567891']]);
  });
});

describe('stale checks', () => {
  const now = new Date('2026-12-02T03:00:00Z');
  it('is stale after 30 days or when never checked', () => {
    expect(isNtsCheckStale(null, now)).toBe(true);
    expect(isNtsCheckStale(new Date('2026-11-02T02:59:00Z'), now)).toBe(true);
    expect(isNtsCheckStale(new Date('2026-11-03T03:00:00Z'), now)).toBe(false);
  });
});
