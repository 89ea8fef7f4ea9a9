import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RuleSchema } from '../eligibility/eligibility.types.ts';
import { parseBizinfo } from './catalog.bizinfo.ts';
import { ImportSourceError, ProgrammeDraftSchema, type ImportBatch, type ProgrammeDraft } from './catalog.types.ts';

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../../test/fixtures/catalog/${name}`, import.meta.url), 'utf8'));
}

function byId(batch: ImportBatch, id: string): ProgrammeDraft {
  const r = batch.records.find((x) => x.draft.sourceId === id);
  if (!r) throw new Error(`no record ${id}`);
  return r.draft;
}

const ITEM = {
  pblancId: 'PBLN_000000000999001',
  pblancNm: '테스트 공고',
  reqstBeginEndDe: '2026-04-24 ~ 2026-05-15',
  hashtags: '경영,경기',
};

describe('parseBizinfo — {"jsonArray": […]}', () => {
  const batch = parseBizinfo(fixture('bizinfo-jsonArray.json'));

  it('reads the good records and rejects the bad ones with reason and line, going on after them', () => {
    expect(batch.source).toBe('bizinfo');
    expect(batch.total).toBe(11);
    expect(batch.records.map((r) => r.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 11]);
    expect(batch.rejected).toEqual([
      { line: 9, reason: '공고 ID(pblancId)가 없습니다' },
      { line: 10, sourceId: 'PBLN_000000000121380', reason: "신청기간의 '2026-02-30'는 달력에 없는 날짜입니다" },
    ]);
    expect(batch.skipped).toEqual([]);
    expect(batch.records.length + batch.rejected.length + batch.skipped.length).toBe(batch.total);
  });

  it('every draft satisfies the schema and its rule the rule contract', () => {
    for (const { draft } of batch.records) {
      expect(ProgrammeDraftSchema.safeParse(draft).success).toBe(true);
      if (draft.rule) expect(RuleSchema.safeParse(draft.rule).success).toBe(true);
    }
  });

  it('normalises a Gyeonggi notice completely', () => {
    const d = byId(batch, 'PBLN_000000000121282');
    expect(d).toMatchObject({
      source: 'bizinfo',
      title: '2026년 경기도 소상공인 경영환경개선 지원사업 참여자 모집 공고',
      agencies: { ministry: '경기도', executingAgency: '경기도시장상권진흥원' },
      category: { code: '07', label: '경영' },
      subcategory: '경영개선',
      target: '소상공인',
      period: { kind: 'range', start: '2026-04-24', end: '2026-05-15', raw: '2026-04-24 ~ 2026-05-15' },
      detailUrl: 'https://www.bizinfo.go.kr/sii/siia/selectSIIA200Detail.do?pblancId=PBLN_000000000121282',
      applicationUrl: 'https://www.gmr.or.kr/',
      contact: '경기도시장상권진흥원 소상공인지원팀 031-000-0000',
      regions: { nationwide: false, sido: ['41'], municipalities: [] },
      benefit: { maxAmount: 2_000_000 },
      requiredDocuments: ['사업자등록증명', '지방세 납세증명서', '소상공인확인서'],
      sourceUpdatedAt: '2026-04-21T09:00:05+09:00',
      rule: { type: 'smallBusiness' },
      notes: [],
    });
    expect(d.summary).not.toMatch(/[<>]|&nbsp;/);
    expect(d.summary).toContain('경쟁력 강화');
    expect(d.summary?.split('\n')).toContain('- 상시근로자 5인 미만');
    expect(d.attachments).toEqual([
      {
        url: 'https://www.bizinfo.go.kr/cmm/fms/getImageFile.do?atchFileId=FILE_000000000712345&fileSn=0',
        name: '2026년 경영환경개선 지원사업 공고문.hwp',
      },
      { url: 'https://www.bizinfo.go.kr/cmm/fms/getImageFile.do?atchFileId=FILE_000000000712345&fileSn=1', name: '참여신청서 서식.hwp' },
      { url: 'https://www.bizinfo.go.kr/cmm/fms/getImageFile.do?atchFileId=FILE_000000000712346&fileSn=0', name: '공고문(인쇄용).pdf' },
    ]);
  });

  it('keeps the original record for audit', () => {
    const raw = (fixture('bizinfo-jsonArray.json') as { jsonArray: unknown[] }).jsonArray[0];
    expect(byId(batch, 'PBLN_000000000121282').raw).toEqual(raw);
  });

  it('a notice tagged with all 17 시·도 is nationwide', () => {
    expect(byId(batch, 'PBLN_000000000121300').regions).toEqual({ nationwide: true, sido: [], municipalities: [] });
  });

  it('reads 상시 / 예산 소진시까지 / 사업별 상이 / mixed / open-start periods', () => {
    expect(byId(batch, 'PBLN_000000000121300').period).toEqual({ kind: 'untilBudget', raw: '예산 소진시까지' });
    expect(byId(batch, 'PBLN_000000000121320').period).toEqual({ kind: 'always', raw: '상시' });
    expect(byId(batch, 'PBLN_000000000121330').period).toEqual({ kind: 'varies', raw: '사업별 상이' });
    expect(byId(batch, 'PBLN_000000000121360').period).toEqual({
      kind: 'untilBudget',
      start: '2026-04-24',
      raw: '2026-04-24 ~ 예산 소진시까지',
    });
    expect(byId(batch, 'PBLN_000000000121390').period).toEqual({ kind: 'range', end: '2026-06-30', raw: '~ 2026-06-30' });
    expect(byId(batch, 'PBLN_000000000121340').period).toMatchObject({ kind: 'range', start: '2026-05-01', end: '2026-06-30' });
  });

  it('reads the benefit type and amount from the text', () => {
    expect(byId(batch, 'PBLN_000000000121300').benefit).toEqual({ type: 'loan', maxAmount: 70_000_000 });
    expect(byId(batch, 'PBLN_000000000121320').benefit).toEqual({ type: 'guarantee', maxAmount: 150_000_000 });
    expect(byId(batch, 'PBLN_000000000121310').benefit.maxAmount).toBe(15_000_000);
    // "연매출 3억원 이하" is a threshold, not the benefit.
    expect(byId(batch, 'PBLN_000000000121390').benefit.maxAmount).toBe(200_000);
  });

  it('strips scripts and decodes entities in summaries', () => {
    const s = byId(batch, 'PBLN_000000000121310').summary!;
    expect(s).not.toMatch(/alert|color:red|<script/);
    expect(s).toContain('키오스크·서빙로봇');
    expect(s).toContain('<국비 70%> & 자부담 30%');
  });

  it('resolves a site-relative detail URL, drops a javascript: URL with a note', () => {
    expect(byId(batch, 'PBLN_000000000121310').detailUrl).toBe(
      'https://www.bizinfo.go.kr/sii/siia/selectSIIA200Detail.do?pblancId=PBLN_000000000121310',
    );
    const d = byId(batch, 'PBLN_000000000121340');
    expect(d.applicationUrl).toBeUndefined();
    expect(d.notes.join(' ')).toMatch(/javascript:alert\(1\).*http\(s\)/);
  });

  it('pairs @-joined attachments, naming the ones without a name', () => {
    expect(byId(batch, 'PBLN_000000000121330').attachments.map((a) => a.name)).toEqual(['공고문.pdf', '신청서.hwp', '첨부파일 3']);
    expect(byId(batch, 'PBLN_000000000121310').attachments).toEqual([]);
  });

  it('reads 경기도 시·군 hashtags as municipalities', () => {
    expect(byId(batch, 'PBLN_000000000121340').regions).toEqual({ nationwide: false, sido: [], municipalities: ['41110'] });
    expect(byId(batch, 'PBLN_000000000121390').regions.municipalities).toEqual(['41370', '41460', '41590']);
  });

  it('makes a 소상공인 rule only when 소상공인 is the only target', () => {
    expect(byId(batch, 'PBLN_000000000121320').rule).toBeUndefined(); // 소상공인,중소기업
    expect(byId(batch, 'PBLN_000000000121330').rule).toBeUndefined(); // 중소기업
  });
});

describe('parseBizinfo — data.go.kr envelope', () => {
  it('reads a single object under items.item', () => {
    const batch = parseBizinfo(fixture('bizinfo-datagokr-single.json'));
    expect(batch.total).toBe(1);
    expect(batch.records).toHaveLength(1);
    expect(batch.records[0]!.draft).toMatchObject({
      sourceId: 'PBLN_000000000121400',
      category: { code: '05', label: '내수' },
      period: { kind: 'range', start: '2026-05-04', end: '2026-05-22', raw: '20260504 ~ 20260522' },
      benefit: { maxAmount: 1_500_000 },
      attachments: [{ name: '공고문.hwp' }],
    });
  });

  it('reads a list under items.item', () => {
    const json = {
      response: {
        header: { resultCode: '00', resultMsg: 'NORMAL_SERVICE' },
        body: { items: { item: [ITEM, { ...ITEM, pblancId: 'PBLN_2' }] } },
      },
    };
    expect(parseBizinfo(json).records.map((r) => r.draft.sourceId)).toEqual([ITEM.pblancId, 'PBLN_2']);
  });

  it('an empty answer ("items": "") is an empty batch', () => {
    const batch = parseBizinfo({ response: { header: { resultCode: '00' }, body: { items: '', totalCount: 0 } } });
    expect(batch).toEqual({ source: 'bizinfo', records: [], rejected: [], skipped: [], total: 0 });
  });

  it('a gateway error code throws ImportSourceError with the message', () => {
    const json = { response: { header: { resultCode: '30', resultMsg: 'SERVICE KEY IS NOT REGISTERED ERROR.' } } };
    expect(() => parseBizinfo(json)).toThrow(ImportSourceError);
    expect(() => parseBizinfo(json)).toThrow(/SERVICE KEY IS NOT REGISTERED/);
  });
});

describe('parseBizinfo — unusable payloads throw ImportSourceError', () => {
  it('reqErr, with the Korean message', () => {
    let error: unknown;
    try {
      parseBizinfo(fixture('bizinfo-reqerr.json'));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ImportSourceError);
    const e = error as ImportSourceError;
    expect(e.source).toBe('bizinfo');
    expect(e.sourceMessage).toBe('등록되지 않은 인증키입니다. 인증키를 확인하세요.');
    expect(e.message).toContain('등록되지 않은 인증키입니다');
  });

  it.each([
    ['reqErr inside jsonArray', { jsonArray: { reqErr: '요청 오류' } }, /요청 오류/],
    ['jsonArray not a list', { jsonArray: 'x' }, /jsonArray가 목록이 아닙니다/],
    ['not an object', [1, 2], /JSON 객체가 아닙니다/],
    ['null', null, /JSON 객체가 아닙니다/],
    ['unknown shape', { data: [] }, /형식이 아닙니다/],
    ['not JSON text', '<html>', /JSON이 아닙니다/],
    ['items.item a number', { response: { body: { items: { item: 3 } } } }, /items.item/],
  ])('%s', (_name, json, message) => {
    expect(() => parseBizinfo(json)).toThrow(ImportSourceError);
    expect(() => parseBizinfo(json)).toThrow(message);
  });

  it('accepts the payload as JSON text too', () => {
    expect(parseBizinfo(JSON.stringify({ jsonArray: [ITEM] })).records).toHaveLength(1);
  });
});

describe('parseBizinfo — malformed records are rejected, never thrown', () => {
  it.each([
    ['a number where text is expected', { ...ITEM, pblancNm: 12345 }, /공고명\(pblancNm\)에 글자가 와야 하는데 숫자/],
    ['an object where a list is expected', { ...ITEM, hashtags: { a: 1 } }, /해시태그\(hashtags\)에 목록이나 글자가 와야 하는데 객체/],
    ['a list item that is not text', { ...ITEM, flpthNm: ['https://a.example/x', 3] }, /2번째 값에 글자가 와야 하는데 숫자/],
    ['an id that is an object', { ...ITEM, pblancId: { id: 1 } }, /공고 ID\(pblancId\)에 글자나 숫자가 와야/],
    ['an empty id', { ...ITEM, pblancId: '  ' }, /공고 ID\(pblancId\)가 없습니다/],
    ['no title', { ...ITEM, pblancNm: '' }, /공고명\(pblancNm\)이 없습니다/],
    ['a period ending before it starts', { ...ITEM, reqstBeginEndDe: '2026-05-15 ~ 2026-04-24' }, /종료일/],
  ])('%s', (_name, item, reason) => {
    const batch = parseBizinfo({ jsonArray: [ITEM, item, { ...ITEM, pblancId: 'PBLN_LAST' }] });
    expect(batch.records.map((r) => r.line)).toEqual([1, 3]);
    expect(batch.rejected).toHaveLength(1);
    expect(batch.rejected[0]!.line).toBe(2);
    expect(batch.rejected[0]!.reason).toMatch(reason);
  });

  it('a record that is not an object', () => {
    const batch = parseBizinfo({ jsonArray: ['text', null, ITEM] });
    expect(batch.rejected).toEqual([
      { line: 1, reason: '레코드가 객체가 아니라 글자입니다' },
      { line: 2, reason: '레코드가 객체가 아니라 null입니다' },
    ]);
    expect(batch.records).toHaveLength(1);
  });

  it('the same id twice: the second is rejected', () => {
    const batch = parseBizinfo({ jsonArray: [ITEM, ITEM] });
    expect(batch.records).toHaveLength(1);
    expect(batch.rejected).toEqual([
      { line: 2, sourceId: ITEM.pblancId, reason: `같은 ID(${ITEM.pblancId})가 1번째 항목에 이미 있습니다` },
    ]);
  });

  it('a missing or unknown category becomes 기타 (09) with a note', () => {
    const d = parseBizinfo({ jsonArray: [{ ...ITEM, pldirSportRealmLclasCodeNm: '우주' }] }).records[0]!.draft;
    expect(d.category).toEqual({ code: '09', label: '기타' });
    expect(d.notes[0]).toMatch(/우주/);
    const d2 = parseBizinfo({ jsonArray: [{ ...ITEM, pldirSportRealmLclasCodeNm: '금융@경영' }] }).records[0]!.draft;
    expect(d2.category).toEqual({ code: '01', label: '금융' });
  });

  it('a missing period is unknown, not an error; a missing detail URL is built from the id', () => {
    const { pblancId, pblancNm } = ITEM;
    const d = parseBizinfo({ jsonArray: [{ pblancId, pblancNm }] }).records[0]!.draft;
    expect(d.period).toEqual({ kind: 'unknown', raw: '' });
    expect(d.detailUrl).toBe(`https://www.bizinfo.go.kr/sii/siia/selectSIIA200Detail.do?pblancId=${pblancId}`);
    expect(d.regions).toEqual({ nationwide: false, sido: [], municipalities: [] });
  });

  it('an unreadable 수정일시 is left out with a note, not a rejection', () => {
    const d = parseBizinfo({ jsonArray: [{ ...ITEM, updtPnttm: '어제' }] }).records[0]!.draft;
    expect(d.sourceUpdatedAt).toBeUndefined();
    expect(d.notes.join(' ')).toMatch(/수정일시/);
  });
});
