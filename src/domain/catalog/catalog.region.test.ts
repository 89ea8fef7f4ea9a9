import { describe, expect, it } from 'vitest';
import { CriterionSchema } from '../eligibility/eligibility.types.ts';
import {
  GYEONGGI_MUNICIPALITIES,
  SIDO,
  parseRegionText,
  regionText,
  municipalityCodeOf,
  normalizeSidoCode,
  regionCriterion,
  regionsFromAgencyName,
  regionsFromTags,
  sidoCodeOf,
} from './catalog.region.ts';

const ALL17 = '서울,부산,대구,인천,광주,대전,울산,세종,경기,강원,충북,충남,전북,전남,경북,경남,제주'.split(',');

describe('시·도 names', () => {
  it.each([
    ['서울', '11'],
    ['부산', '26'],
    ['대구', '27'],
    ['인천', '28'],
    ['광주', '29'],
    ['대전', '30'],
    ['울산', '31'],
    ['세종', '36'],
    ['경기', '41'],
    ['강원', '51'],
    ['충북', '43'],
    ['충남', '44'],
    ['전북', '52'],
    ['전남', '46'],
    ['경북', '47'],
    ['경남', '48'],
    ['제주', '50'],
    ['경기도', '41'],
    ['전북특별자치도', '52'],
    ['전라북도', '52'],
    ['강원특별자치도', '51'],
    ['강원도', '51'],
    ['제주특별자치도', '50'],
    ['세종특별자치시', '36'],
    ['서울특별시', '11'],
    ['광주광역시', '29'],
  ])('%s → %s', (name, code) => expect(sidoCodeOf(name)).toBe(code));

  it('has 17 시·도 with distinct codes', () => {
    expect(SIDO).toHaveLength(17);
    expect(new Set(SIDO.map((s) => s.code)).size).toBe(17);
  });

  it('maps old codes 42 (강원) and 45 (전북) to the current ones', () => {
    expect(normalizeSidoCode('42')).toBe('51');
    expect(normalizeSidoCode('45')).toBe('52');
    expect(normalizeSidoCode('41')).toBe('41');
  });
});

describe('regionsFromTags (bizinfo hashtags)', () => {
  it('all 17 시·도 ⇒ nationwide', () => {
    expect(regionsFromTags(['금융', ...ALL17, '중소벤처기업부']).scope).toEqual({ nationwide: true, sido: [], municipalities: [] });
  });

  it('16 of 17 ⇒ nationwide, 15 ⇒ not', () => {
    expect(regionsFromTags(ALL17.slice(0, 16)).scope.nationwide).toBe(true);
    const fifteen = regionsFromTags(ALL17.slice(0, 15)).scope;
    expect(fifteen.nationwide).toBe(false);
    expect(fifteen.sido).toHaveLength(15);
  });

  it("an explicit '전국' ⇒ nationwide", () => {
    expect(regionsFromTags(['경영', '전국']).scope.nationwide).toBe(true);
  });

  it('ignores tags that are not places and keeps codes sorted', () => {
    expect(regionsFromTags(['경영', '충남', '소상공인', '경기', '중소벤처기업부']).scope).toEqual({
      nationwide: false,
      sido: ['41', '44'],
      municipalities: [],
    });
  });

  it('full names count the same as short ones (duplicates merge)', () => {
    expect(regionsFromTags(['경기', '경기도', '전북특별자치도', '강원특별자치도']).scope.sido).toEqual(['41', '51', '52']);
  });

  it('경기도 시·군 names ⇒ municipality codes, narrowing 경기', () => {
    expect(regionsFromTags(['경기', '수원시']).scope).toEqual({ nationwide: false, sido: [], municipalities: ['41110'] });
    expect(regionsFromTags(['용인', '화성', '오산']).scope.municipalities).toEqual(['41370', '41460', '41590']);
    expect(regionsFromTags(['서울', '연천군']).scope).toEqual({ nationwide: false, sido: ['11'], municipalities: ['41800'] });
  });

  it("'광주' is 광주광역시; 경기도 광주시 needs '경기 광주'; '광주시' alone is ambiguous", () => {
    expect(regionsFromTags(['광주']).scope.sido).toEqual(['29']);
    expect(regionsFromTags(['경기 광주']).scope.municipalities).toEqual(['41610']);
    expect(regionsFromTags(['경기도 광주시']).scope.municipalities).toEqual(['41610']);
    const r = regionsFromTags(['광주시']);
    expect(r.scope).toEqual({ nationwide: false, sido: [], municipalities: [] });
    expect(r.notes[0]).toMatch(/광주시/);
  });

  it('권역 names expand to their 시·도', () => {
    expect(regionsFromTags(['충청권']).scope.sido).toEqual(['30', '36', '43', '44']);
    expect(regionsFromTags(['수도권']).scope.sido).toEqual(['11', '28', '41']);
  });

  it('no tags ⇒ unknown (not nationwide, nothing listed)', () => {
    expect(regionsFromTags([]).scope).toEqual({ nationwide: false, sido: [], municipalities: [] });
  });
});

describe('경기도 시·군', () => {
  it('31 distinct 5-digit codes under 41', () => {
    expect(GYEONGGI_MUNICIPALITIES).toHaveLength(31);
    expect(new Set(GYEONGGI_MUNICIPALITIES.map((m) => m.code)).size).toBe(31);
    for (const m of GYEONGGI_MUNICIPALITIES) expect(m.code).toMatch(/^41\d{3}$/);
  });

  it('every one is found by its name, its stem and with 경기도 in front', () => {
    for (const m of GYEONGGI_MUNICIPALITIES) {
      expect(municipalityCodeOf(`경기도 ${m.name}`)).toBe(m.code);
      if (m.code === '41610') continue;
      expect(municipalityCodeOf(m.name)).toBe(m.code);
      expect(municipalityCodeOf(m.name.slice(0, -1))).toBe(m.code);
    }
  });
});

describe('regionsFromAgencyName (보조금24 소관기관명)', () => {
  it.each([
    ['경기도', { nationwide: false, sido: ['41'], municipalities: [] }],
    ['경기도 수원시', { nationwide: false, sido: [], municipalities: ['41110'] }],
    ['경기도 광주시', { nationwide: false, sido: [], municipalities: ['41610'] }],
    ['서울특별시 종로구', { nationwide: false, sido: ['11'], municipalities: [] }],
    ['중소벤처기업부', { nationwide: false, sido: [], municipalities: [] }],
  ])('%s', (name, scope) => expect(regionsFromAgencyName(name).scope).toEqual(scope));

  it('says when it keeps only the 시·도', () => {
    expect(regionsFromAgencyName('서울특별시 종로구').notes[0]).toMatch(/시·도\(11\)/);
  });
});

describe('regionCriterion', () => {
  it('none for nationwide or unknown; a valid criterion otherwise', () => {
    expect(regionCriterion({ nationwide: true, sido: [], municipalities: [] })).toBeUndefined();
    expect(regionCriterion({ nationwide: false, sido: [], municipalities: [] })).toBeUndefined();
    const c = regionCriterion({ nationwide: false, sido: ['11'], municipalities: ['41110'] }, '서울, 수원');
    expect(c).toEqual({ type: 'region', sido: ['11'], municipalities: ['41110'], note: '서울, 수원' });
    expect(CriterionSchema.safeParse(c).success).toBe(true);
  });
});

describe('the region field of the rule forms', () => {
  it('reads names and codes, and writes names back', () => {
    expect(parseRegionText('전국')).toEqual({ nationwide: true, sido: [], municipalities: [] });
    expect(parseRegionText('경기도, 부산')).toEqual({ nationwide: false, sido: ['26', '41'], municipalities: [] });
    expect(parseRegionText('수원시, 경기 광주시, 41460')).toEqual({
      nationwide: false,
      sido: [],
      municipalities: ['41110', '41460', '41610'],
    });
    // Old 강원 code 42 is read as the current 51.
    expect(parseRegionText('42')).toEqual({ nationwide: false, sido: ['51'], municipalities: [] });
    const r = { nationwide: false, sido: ['41'], municipalities: ['41110'] };
    expect(regionText(r)).toBe('경기도, 수원시');
    expect(parseRegionText(regionText(r))).toEqual(r);
  });

  it('names what it could not read', () => {
    expect(parseRegionText('경기도, 수원구, 99')).toEqual({ unknown: ['수원구', '99'] });
  });
});
