import { describe, expect, it } from 'vitest';
import { BusinessFactsSchema } from './eligibility.types.ts';
import { INDUSTRY_WORDS, industryName, industryOptions, searchIndustries } from './industry-words.ts';

describe('업종 by everyday words (issue 13 §1)', () => {
  it('maps the words owners say to their KSIC class', () => {
    expect(searchIndustries('치킨집')[0]).toMatchObject({ code: '56193', name: '치킨 전문점' });
    expect(searchIndustries('미용실')[0]).toMatchObject({ code: '96112', name: '두발 미용업' });
    // KSIC keeps 체인화 편의점 (47122) apart from 슈퍼마켓 (47121).
    expect(searchIndustries('편의점')[0]).toMatchObject({ code: '47122' });
    expect(searchIndustries('슈퍼')[0]).toMatchObject({ code: '47121' });
  });

  it('ignores spaces and finds by part of a word, by the class name and by a typed code', () => {
    expect(searchIndustries('치킨 집')[0]?.code).toBe('56193');
    expect(searchIndustries('커피').map((m) => m.code)).toContain('56221');
    expect(searchIndustries('두발')[0]?.code).toBe('96112');
    expect(searchIndustries('56193')[0]?.code).toBe('56193');
    expect(searchIndustries('12345')[0]).toMatchObject({ code: '12345' });
    expect(searchIndustries('   ')).toEqual([]);
    expect(searchIndustries('ㅋㅋㅋ없는말')).toEqual([]);
  });

  it('holds only codes the engine accepts, each once, each with a name', () => {
    const codes = INDUSTRY_WORDS.map((e) => e.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const e of INDUSTRY_WORDS) {
      expect(BusinessFactsSchema.shape.ksicCode.safeParse(e.code).success, e.code).toBe(true);
      expect(industryName(e.code), e.code).not.toMatch(/중$|분류 없음/);
      expect(e.words.length).toBeGreaterThan(0);
    }
    expect(industryOptions()[0]!.label).toBe('치킨집 · 치킨 전문점 (56193)');
  });
});
