import { describe, expect, it } from 'vitest';
import { detectEncoding, ksicFromStandardCode, mapHeader, municipalityOfSigungu, readStoreRow, STORE_COLUMNS, StoreFileError } from './store-file.ts';

const HEADER = Object.values(STORE_COLUMNS);

describe('상가(상권)정보 rows', () => {
  it('places an 일반구 in its city and keeps the city codes; nothing outside the 31 시·군', () => {
    expect(municipalityOfSigungu('41111')).toBe('41110'); // 수원시 장안구
    expect(municipalityOfSigungu('41287')).toBe('41280'); // 고양시 일산서구
    expect(municipalityOfSigungu('41465')).toBe('41460'); // 용인시 수지구
    expect(municipalityOfSigungu('41820')).toBe('41820'); // 가평군
    expect(municipalityOfSigungu('11680')).toBeNull(); // 서울 강남구
    expect(municipalityOfSigungu('4111')).toBeNull();
  });

  it('reads 표준산업분류코드 as KSIC: letter + 5 digits, the letter the section of the division', () => {
    expect(ksicFromStandardCode('I56111')).toEqual({ ok: true, code: '56111' });
    expect(ksicFromStandardCode('g47122')).toEqual({ ok: true, code: '47122' });
    expect(ksicFromStandardCode('56111')).toEqual({ ok: true, code: '56111' });
    expect(ksicFromStandardCode('')).toEqual({ ok: true, code: null });
    expect(ksicFromStandardCode('C56111')).toEqual({ ok: false }); // 56 is section I
    expect(ksicFromStandardCode('I5611')).toEqual({ ok: false });
    expect(ksicFromStandardCode('I00111')).toEqual({ ok: false }); // no division 00
  });

  it('detects UTF-8 with and without BOM and CP949, even with a character cut at the end of the window', () => {
    const utf8 = Buffer.from('상가업소번호,상호명', 'utf8');
    expect(detectEncoding(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]))).toEqual({ encoding: 'utf-8', bom: true });
    expect(detectEncoding(utf8)).toEqual({ encoding: 'utf-8', bom: false });
    expect(detectEncoding(utf8.subarray(0, utf8.length - 1))).toEqual({ encoding: 'utf-8', bom: false });
    expect(detectEncoding(Buffer.from([0xbb, 0xf3, 0xb0, 0xa1]))).toEqual({ encoding: 'cp949', bom: false }); // "상가" in CP949
  });

  it('maps columns by header name and refuses a header without the id', () => {
    const m = mapHeader(['\uFEFF"상호명"', ' 상가업소번호 ', '시군구코드', '새 열']);
    expect(m.index).toMatchObject({ name: 0, id: 1, sigunguCode: 2 });
    expect(m.unknown).toEqual(['새열']);
    expect(m.missingOptional).toHaveLength(HEADER.length - 3);
    expect(() => mapHeader(['상호명', '시군구코드'])).toThrow(StoreFileError);
  });

  it('rejects a row with a U+FFFD (undecodable CP949) rather than storing mojibake', () => {
    const m = mapHeader(['상가업소번호', '상호명', '시군구코드']);
    expect(readStoreRow(m, ['MA1', '가\uFFFD게', '41111'])).toMatchObject({ kind: 'rejected', reason: 'encoding' });
    expect(readStoreRow(m, ['MA1', '가게', '41111'])).toMatchObject({ kind: 'ok', record: { municipalityCode: '41110', lon: null, ksicCode: null } });
  });
});
