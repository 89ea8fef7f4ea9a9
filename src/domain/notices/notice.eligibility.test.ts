import { describe, expect, it } from 'vitest';
import { combineEligibilityText } from './notice.eligibility.ts';
import { findSections } from './notice.sections.ts';

const NOTICE = [
  '1. 지원대상',
  '○ 도내 소상공인',
  '2. 신청자격',
  '○ 만 19세 이상',
  '3. 지원 제외 대상',
  '○ 국세 체납자',
  'Ⅳ. 제출서류',
  '① 신청서',
].join('\n');

describe('combineEligibilityText', () => {
  it('joins 지원대상, 신청자격 and 지원 제외 with their headings, not 제출서류, naming each source', () => {
    const r = combineEligibilityText({
      documents: [{ id: 7, fileName: '공고문.hwp', url: 'https://x.example/1', sections: findSections(NOTICE) }],
    });
    expect(r.text).toBe('1. 지원대상\n○ 도내 소상공인\n\n2. 신청자격\n○ 만 19세 이상\n\n3. 지원 제외 대상\n○ 국세 체납자');
    expect(r.parts.map((p) => [p.kind, p.source.name, r.text.slice(p.start, p.end)])).toEqual([
      ['target', '공고문.hwp', '1. 지원대상\n○ 도내 소상공인'],
      ['qualification', '공고문.hwp', '2. 신청자격\n○ 만 19세 이상'],
      ['exclusion', '공고문.hwp', '3. 지원 제외 대상\n○ 국세 체납자'],
    ]);
    expect(r.parts[0]!.source).toEqual({ origin: 'document', name: '공고문.hwp', url: 'https://x.example/1', documentId: 7 });
  });

  it("puts the feed's own text first (K-Startup 대상 and its 제외), then the summary's ☞ lines", () => {
    const r = combineEligibilityText({
      targetText: '만 39세 이하 예비창업자\n지원 제외: 타 부처 창업사업 수혜자',
      summary: '☞ 사업목적 : 창업 활성화\n☞ 지원대상 : 경기도 내 3년 이상 영업 중인 소상공인\n☞ 지원내용 : 최대 200만원',
      documents: [],
    });
    expect(r.parts.map((p) => [p.kind, p.source.name, p.text])).toEqual([
      ['target', '공고 정보 · 지원대상', '만 39세 이하 예비창업자'],
      ['exclusion', '공고 정보 · 지원대상', '타 부처 창업사업 수혜자'],
      ['target', '공고 정보 · 사업개요', '경기도 내 3년 이상 영업 중인 소상공인'],
    ]);
  });

  it('keeps a section read from two files (HWP and its PDF print copy) once', () => {
    const sections = findSections(NOTICE);
    const r = combineEligibilityText({
      documents: [
        { fileName: '공고문.hwp', sections },
        { fileName: '공고문(인쇄용).pdf', sections: findSections(NOTICE.replace(/\n/g, '\n ')) },
      ],
    });
    expect(r.parts).toHaveLength(3);
    expect(new Set(r.parts.map((p) => p.source.name))).toEqual(new Set(['공고문.hwp']));
  });

  it('is empty when no source says anything', () => {
    expect(combineEligibilityText({ targetText: null, summary: '', documents: [] })).toEqual({ text: '', parts: [] });
  });
});
