import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RuleSchema } from '../eligibility/eligibility.types.ts';
import { businessAgeRule, ownerAgeRule, parseKstartup } from './catalog.kstartup.ts';
import { ImportSourceError, ProgrammeDraftSchema, type ImportBatch, type ProgrammeDraft } from './catalog.types.ts';

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../../test/fixtures/catalog/${name}`, import.meta.url), 'utf8'));
}

function byId(batch: ImportBatch, id: string): ProgrammeDraft {
  const r = batch.records.find((x) => x.draft.sourceId === id);
  if (!r) throw new Error(`no record ${id}`);
  return r.draft;
}

describe('parseKstartup — data[]', () => {
  const batch = parseKstartup(fixture('kstartup.json'));

  it('reads good records, rejects bad ones with reason and line', () => {
    expect(batch.source).toBe('kstartup');
    expect(batch.total).toBe(8);
    expect(batch.records.map((r) => r.draft.sourceId)).toEqual(['178801', '178802', '178803', '178804', '178805']);
    expect(batch.rejected).toEqual([
      { line: 6, reason: '공고 일련번호(pbanc_sn)가 없습니다' },
      { line: 7, sourceId: '178807', reason: '신청 대상 내용(aply_trgt_ctnt)에 글자가 와야 하는데 객체이(가) 왔습니다' },
      { line: 8, sourceId: '178808', reason: '신청 종료일(2026-06-01)이 시작일(2026-06-15)보다 빠릅니다' },
    ]);
    for (const { draft } of batch.records) {
      expect(ProgrammeDraftSchema.safeParse(draft).success).toBe(true);
      if (draft.rule) expect(RuleSchema.safeParse(draft.rule).success).toBe(true);
    }
  });

  it('normalises a record: 창업 category, YYYYMMDD period, exclusions kept, numeric id as text', () => {
    expect(byId(batch, '178801')).toMatchObject({
      source: 'kstartup',
      title: '2026년 예비창업패키지 예비창업자 모집 공고',
      category: { code: '06', label: '창업' },
      subcategory: '사업화',
      agencies: { executingAgency: '창업진흥원' },
      target: '공고일 기준 사업자 등록이 없는 예비창업자',
      exclusions: '국세·지방세 체납자, 금융기관 채무불이행자',
      period: { kind: 'range', start: '2026-03-01', end: '2026-03-20', raw: '20260301 ~ 20260320' },
      detailUrl: 'https://www.k-startup.go.kr/web/contents/bizpbanc-ongoing.do?schM=view&pbancSn=178801',
      applicationUrl: 'https://www.k-startup.go.kr/web/contents/bizpbanc-ongoing.do',
      howToApply: '온라인: K-Startup 누리집 온라인 접수',
      contact: '예비창업팀 / 1357',
      regions: { nationwide: true, sido: [], municipalities: [] },
      benefit: { type: 'grant', maxAmount: 100_000_000 },
      recruiting: false,
    });
  });

  it('예비창업자 only + two age bands → preparing and ownerAge ≥ 20', () => {
    expect(byId(batch, '178801').rule).toEqual({
      all: [
        { type: 'operatingStatus', allowed: ['preparing'], note: '업력: 예비창업자', source: 'K-Startup biz_enyy' },
        { type: 'ownerAge', min: 20, note: '대상 연령: 만 20세 이상 ~ 만 39세 이하,만 40세 이상', source: 'K-Startup biz_trgt_age' },
      ],
    });
  });

  it('year bands → businessAge maxMonths; every age band → no age criterion', () => {
    expect(byId(batch, '178802').rule).toEqual({
      type: 'businessAge',
      maxMonths: 36,
      note: '업력: 1년미만,2년미만,3년미만',
      source: 'K-Startup biz_enyy',
    });
  });

  it('예비창업자 + bands → any(preparing, under N years); region 경기', () => {
    const d = byId(batch, '178803');
    expect(d.regions).toEqual({ nationwide: false, sido: ['41'], municipalities: [] });
    expect(d.rule).toMatchObject({
      all: [
        {
          any: [
            { type: 'operatingStatus', allowed: ['preparing'] },
            { type: 'businessAge', maxMonths: 36 },
          ],
        },
        { type: 'ownerAge', min: 20, max: 39 },
      ],
    });
    expect(d.benefit.type).toBe('service');
  });

  it('every 업력 band and every age band ticked → no rule at all', () => {
    expect(byId(batch, '178804').rule).toBeUndefined();
    expect(byId(batch, '178804').regions.sido).toEqual(['11']);
  });

  it('권역 region and a 융자 programme', () => {
    const d = byId(batch, '178805');
    expect(d.regions.sido).toEqual(['30', '36', '43', '44']);
    expect(d.benefit.type).toBe('loan');
    expect(d.rule).toMatchObject({ type: 'businessAge', maxMonths: 84 });
  });

  it('uses the online-application text as the application URL when it is one', () => {
    expect(byId(batch, '178802').applicationUrl).toBe('https://www.k-startup.go.kr/');
  });
});

describe('parseKstartup — envelopes', () => {
  it('data.data[] variant', () => {
    const batch = parseKstartup(fixture('kstartup-nested.json'));
    expect(batch.total).toBe(2);
    expect(batch.records.map((r) => r.draft.sourceId)).toEqual(['178802', '178803']);
  });

  it('a bare list', () => {
    expect(parseKstartup([{ pbanc_sn: 1, biz_pbanc_nm: '공고' }]).records).toHaveLength(1);
  });

  it.each([
    ['gateway error', { code: -4, msg: '등록되지 않은 인증키 입니다.' }, /등록되지 않은 인증키/],
    ['data not a list', { data: 'x' }, /data가 목록이 아니라/],
    ['no data', { page: 1 }, /data가 없습니다/],
    ['not an object', 42, /JSON 객체가 아닙니다/],
  ])('%s throws ImportSourceError', (_n, json, message) => {
    expect(() => parseKstartup(json)).toThrow(ImportSourceError);
    expect(() => parseKstartup(json)).toThrow(message);
  });

  it('a negative or fractional pbanc_sn is rejected', () => {
    const batch = parseKstartup({
      data: [
        { pbanc_sn: -1, biz_pbanc_nm: 'a' },
        { pbanc_sn: 1.5, biz_pbanc_nm: 'b' },
      ],
    });
    expect(batch.rejected.map((r) => r.line)).toEqual([1, 2]);
  });

  it('a bad Y/N flag is rejected', () => {
    const batch = parseKstartup({ data: [{ pbanc_sn: 1, biz_pbanc_nm: 'a', rcrt_prgs_yn: '모집중' }] });
    expect(batch.rejected[0]!.reason).toMatch(/rcrt_prgs_yn.*Y\/N/);
  });
});

describe('businessAgeRule (biz_enyy)', () => {
  it.each([
    ['예비창업자', { type: 'operatingStatus', allowed: ['preparing'] }],
    ['1년미만', { type: 'businessAge', maxMonths: 12 }],
    ['3년미만', { type: 'businessAge', maxMonths: 36 }],
    ['1년미만,2년미만,3년미만,5년미만,7년미만', { type: 'businessAge', maxMonths: 84 }],
    ['1년미만,2년미만,3년미만,5년미만,7년미만,10년미만', { type: 'businessAge', maxMonths: 120 }],
    [
      '예비창업자,1년미만',
      {
        any: [
          { type: 'operatingStatus', allowed: ['preparing'] },
          { type: 'businessAge', maxMonths: 12 },
        ],
      },
    ],
  ])('%s', (raw, rule) => {
    const r = businessAgeRule(raw);
    expect(r.rule).toMatchObject(rule);
    expect(RuleSchema.safeParse(r.rule).success).toBe(true);
    expect(r.notes).toEqual([]);
  });

  it('every choice ticked means no condition', () => {
    expect(businessAgeRule('예비창업자,1년미만,2년미만,3년미만,5년미만,7년미만,10년미만')).toEqual({ notes: [] });
  });

  it('no value means no condition', () => {
    expect(businessAgeRule(undefined)).toEqual({ notes: [] });
    expect(businessAgeRule('')).toEqual({ notes: [] });
  });

  it('an unknown band makes no rule and says why', () => {
    const r = businessAgeRule('3년미만,업력무관');
    expect(r.rule).toBeUndefined();
    expect(r.notes[0]).toMatch(/업력무관/);
  });
});

describe('ownerAgeRule (biz_trgt_age)', () => {
  it.each([
    ['만 20세 이상 ~ 만 39세 이하', { type: 'ownerAge', min: 20, max: 39 }],
    ['만 40세 이상', { type: 'ownerAge', min: 40 }],
    ['만 20세 미만', { type: 'ownerAge', max: 19 }],
    ['만 20세 미만,만 20세 이상 ~ 만 39세 이하', { type: 'ownerAge', max: 39 }],
    [
      '만 20세 미만,만 40세 이상',
      {
        any: [
          { type: 'ownerAge', max: 19 },
          { type: 'ownerAge', min: 40 },
        ],
      },
    ],
  ])('%s', (raw, rule) => {
    const r = ownerAgeRule(raw);
    expect(r.rule).toMatchObject(rule);
    expect(RuleSchema.safeParse(r.rule).success).toBe(true);
  });

  it('every band means no condition', () => {
    expect(ownerAgeRule('만 20세 미만,만 20세 이상 ~ 만 39세 이하,만 40세 이상')).toEqual({ notes: [] });
  });

  it('unreadable text makes no rule and says why', () => {
    const r = ownerAgeRule('청년');
    expect(r.rule).toBeUndefined();
    expect(r.notes[0]).toMatch(/청년/);
  });
});
