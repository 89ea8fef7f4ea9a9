import { describe, expect, it } from 'vitest';
import { findSections, type NoticeSection } from './notice.sections.ts';

const brief = (s: NoticeSection[]) => s.map((x) => [x.kind, x.heading, x.text]);

describe('findSections on the layouts notices use', () => {
  it('"□ > ○ > -" outline (시·군 공고): a section ends at the next □', () => {
    const text = [
      '□ 사업개요',
      '○ 지원내용: 업체당 최대 200만원',
      '□ 지원대상',
      '○ 도내 소상공인',
      '- 상시근로자 5인 미만',
      '□ 지원 제외 대상',
      '○ 유흥·사행성 업종',
      '○ 휴·폐업 중인 업체',
      '□ 신청방법',
      '○ 온라인 접수',
    ].join('\n');
    expect(brief(findSections(text))).toEqual([
      ['target', '□ 지원대상', '○ 도내 소상공인\n- 상시근로자 5인 미만'],
      ['exclusion', '□ 지원 제외 대상', '○ 유흥·사행성 업종\n○ 휴·폐업 중인 업체'],
    ]);
  });

  it('"Ⅲ. 제출서류" and "1. 지원대상" under a roman part; the part ends the section', () => {
    const text = [
      'Ⅱ. 지원 내용',
      '2. 신청자격',
      '○ 만 39세 이하 예비창업자',
      'Ⅲ. 제출서류',
      '① 신청서',
      '② 사업계획서',
      'Ⅳ. 기타',
      '○ 문의: 031-000-0000',
    ].join('\n');
    expect(brief(findSections(text))).toEqual([
      ['qualification', '2. 신청자격', '○ 만 39세 이하 예비창업자'],
      ['documents', 'Ⅲ. 제출서류', '① 신청서\n② 사업계획서'],
    ]);
  });

  it('inline content after a colon, and sibling items at the same level end it', () => {
    const text = ['○ 지원대상 : 경기도 내 소상공인 (업력 1년 이상)', '○ 지원규모 : 100개사', '○ 신청자격: 대표자 만 19세 이상'].join('\n');
    expect(brief(findSections(text))).toEqual([
      ['target', '○ 지원대상 : 경기도 내 소상공인 (업력 1년 이상)', '경기도 내 소상공인 (업력 1년 이상)'],
      ['qualification', '○ 신청자격: 대표자 만 19세 이상', '대표자 만 19세 이상'],
    ]);
  });

  it('bracketed headings ("[지원대상]", "< 제외대상 >")', () => {
    const text = ['[지원대상]', '도내 전통시장 상인', '< 제외대상 >', '국세 체납자', '[신청방법]', '방문 접수'].join('\n');
    expect(brief(findSections(text))).toEqual([
      ['target', '[지원대상]', '도내 전통시장 상인'],
      ['exclusion', '< 제외대상 >', '국세 체납자'],
    ]);
  });

  it('flattened table rows: heading cell | content, continued by merged rows', () => {
    const text = [
      '구분 | 내용',
      '지원대상 | 도내 소상공인',
      ' | 상시근로자 5인 미만',
      '신청자격 | 개업 6개월 이상',
      '지원금액 | 최대 300만원',
    ].join('\n');
    expect(brief(findSections(text))).toEqual([
      ['target', '지원대상', '도내 소상공인\n상시근로자 5인 미만'],
      ['qualification', '신청자격', '개업 6개월 이상'],
    ]);
  });

  it('a section nested in another: the outer one keeps only what comes before the inner heading', () => {
    const text = ['1. 지원대상', '○ 도내 소상공인', '○ 지원 제외 대상', '- 부동산업', '- 체납자', '2. 신청방법'].join('\n');
    expect(brief(findSections(text))).toEqual([
      ['target', '1. 지원대상', '○ 도내 소상공인'],
      ['exclusion', '○ 지원 제외 대상', '- 부동산업\n- 체납자'],
    ]);
  });

  it('list items that mention 대상/제외 are content, not headings', () => {
    const text = [
      '□ 지원대상',
      '○ 도내 소상공인 (단, 휴·폐업 업체 제외)',
      '○ 제외 업종은 붙임 참조',
      '○ 지원대상은 공고일 기준으로 판단',
      '□ 신청기간',
      '○ 상시',
    ].join('\n');
    const s = findSections(text);
    expect(s).toHaveLength(1);
    expect(s[0]!.text.split('\n')).toHaveLength(3);
  });

  it('"○○시", "□□사업" placeholders are not outline markers', () => {
    const text = ['○○시 공고 제2026-1호', '1. 지원대상', '○ 관내 소상공인', '2. 신청방법', '○ 방문'].join('\n');
    expect(brief(findSections(text))).toEqual([['target', '1. 지원대상', '○ 관내 소상공인']]);
  });

  it('an unmarked heading line ends at the next unmarked heading', () => {
    const text = ['지원대상', '경기도 소재 소상공인', '상시근로자 5인 미만 업체', '신청방법', '온라인'].join('\n');
    expect(brief(findSections(text))).toEqual([['target', '지원대상', '경기도 소재 소상공인\n상시근로자 5인 미만 업체']]);
  });

  it('offsets point into the text', () => {
    const text = 'Ⅰ. 개요\n1. 지원대상\n○ 소상공인\n2. 신청방법';
    const [s] = findSections(text);
    expect(text.slice(s!.start, s!.end)).toBe('1. 지원대상\n○ 소상공인');
  });

  it('dates and amounts are not numbered headings', () => {
    const text = ['1. 지원대상', '2026.1.1. 이전 개업한 소상공인', '1.5억원 이하 매출', '2. 신청방법'].join('\n');
    expect(findSections(text)[0]!.text).toBe('2026.1.1. 이전 개업한 소상공인\n1.5억원 이하 매출');
  });

  it('finds nothing in a text without these headings', () => {
    expect(findSections('공고문 본문은 첨부파일을 참고하시기 바랍니다.')).toEqual([]);
  });
});
