import type { BusinessFacts } from '../eligibility/eligibility.types.ts';

/**
 * What a registry shop (상가(상권)정보) tells the eligibility engine: 시·도, 시·군 and KSIC — and
 * nothing else. 업력, 매출, 상시근로자, the owner, tax and credit, 영업 상태 (a listed shop is not
 * proof that it is open: the file lags, and 국세청 says), 전통시장 입점 … stay absent, which the
 * engine reads as *unknown*, never as "no" (docs/domain.md "Facts and rules"). A shop can therefore
 * be ineligible (wrong 시·군, an excluded industry) or may-qualify, but it is eligible only for a
 * programme that asks no more than the file knows. The location (경도·위도) is for maps and visit
 * lists, not a fact any criterion reads.
 */
export function storeFacts(s: { sidoCode: string; municipalityCode: string; ksicCode: string | null }): BusinessFacts {
  return {
    sidoCode: s.sidoCode,
    municipalityCode: s.municipalityCode,
    ksicCode: s.ksicCode,
  };
}
