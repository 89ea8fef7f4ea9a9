import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RuleSchema } from '../eligibility/eligibility.types.ts';
import { conditionsRule, detectGov24Kind, importGov24, isBusinessAudience, mergeGov24, parseGov24 } from './catalog.gov24.ts';
import { ImportSourceError, ProgrammeDraftSchema, type ImportBatch, type ProgrammeDraft } from './catalog.types.ts';

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../../test/fixtures/catalog/${name}`, import.meta.url), 'utf8'));
}

function byId(batch: ImportBatch, id: string): ProgrammeDraft {
  const r = batch.records.find((x) => x.draft.sourceId === id);
  if (!r) throw new Error(`no record ${id}`);
  return r.draft;
}

const KSIC_MANUFACTURING = ['C', ...Array.from({ length: 25 }, (_, i) => String(10 + i))];

describe('parseGov24 — serviceList', () => {
  const batch = parseGov24(fixture('gov24-serviceList.json'));

  it('imports business services, skips 개인/가구 ones, rejects malformed ones', () => {
    expect(batch.source).toBe('gov24');
    expect(batch.total).toBe(12);
    expect(batch.records.map((r) => r.draft.sourceId)).toEqual([
      'SVC0000000001',
      'SVC0000000002',
      'SVC0000000003',
      'SVC0000000006',
      'SVC0000000007',
      'SVC0000000008',
      'SVC0000000009',
    ]);
    expect(batch.skipped).toEqual([
      { line: 4, sourceId: 'SVC0000000004', reason: "사용자구분 '개인': 소상공인·법인 대상이 아니어서 가져오지 않았습니다" },
      { line: 5, sourceId: 'SVC0000000005', reason: "사용자구분 '개인, 가구': 소상공인·법인 대상이 아니어서 가져오지 않았습니다" },
      { line: 12, sourceId: 'SVC0000000012', reason: '사용자구분이 없어 소상공인·법인 대상인지 알 수 없어 가져오지 않았습니다' },
    ]);
    expect(batch.rejected).toEqual([
      { line: 10, reason: '서비스ID가 없습니다' },
      { line: 11, sourceId: 'SVC0000000011', reason: "신청기간의 '2026.13.01'는 달력에 없는 날짜입니다" },
    ]);
    expect(batch.records.length + batch.rejected.length + batch.skipped.length).toBe(batch.total);
    for (const { draft } of batch.records) expect(ProgrammeDraftSchema.safeParse(draft).success).toBe(true);
  });

  it('normalises a 경기도 service', () => {
    expect(byId(batch, 'SVC0000000001')).toMatchObject({
      title: '경기도 소상공인 경영환경개선 지원',
      agencies: { ministry: '경기도', executingAgency: '경기도시장상권진흥원' },
      category: { code: '07', label: '경영' },
      subcategory: '생활안정',
      summary: '노후 사업장 환경개선 비용 지원',
      target: '경기도 내 3년 이상 영업 중인 소상공인',
      selectionCriteria: '상시근로자 5인 미만, 지방세 체납 없음',
      period: { kind: 'range', start: '2026-04-24', end: '2026-05-15', raw: '2026.04.24 ~ 2026.05.15' },
      howToApply: '온라인신청\n방문신청',
      detailUrl: 'https://www.gov.kr/portal/rcvfvrSvc/dtlEx/SVC0000000001',
      contact: '소상공인과 / 경기도 콜센터/120\n경기도시장상권진흥원/031-000-0000',
      regions: { nationwide: false, sido: ['41'], municipalities: [] },
      benefit: { maxAmount: 2_000_000 },
      sourceUpdatedAt: '2026-03-01T10:30:00+09:00',
    });
  });

  it('a central ministry is nationwide; a 시 is its municipality', () => {
    expect(byId(batch, 'SVC0000000002').regions).toEqual({ nationwide: true, sido: [], municipalities: [] });
    expect(byId(batch, 'SVC0000000006').regions).toEqual({ nationwide: false, sido: [], municipalities: ['41110'] });
  });

  it('지원유형 gives the benefit type', () => {
    expect(byId(batch, 'SVC0000000002').benefit.type).toBe('subsidy'); // 현금(감면)
    expect(byId(batch, 'SVC0000000003').benefit).toEqual({ type: 'grant', maxAmount: 4_000_000 }); // 현금||서비스
    expect(byId(batch, 'SVC0000000007').benefit.type).toBe('service');
  });

  it('상시신청 / 예산 소진시까지 / "-"', () => {
    expect(byId(batch, 'SVC0000000002').period.kind).toBe('always');
    expect(byId(batch, 'SVC0000000003').period.kind).toBe('untilBudget');
    expect(byId(batch, 'SVC0000000008').period).toEqual({ kind: 'unknown', raw: '-' });
  });

  it('has no rule without supportConditions', () => {
    for (const { draft } of batch.records) expect(draft.rule).toBeUndefined();
  });
});

describe('사용자구분', () => {
  it.each([
    [['소상공인'], true],
    [['법인/시설/단체'], true],
    [['기업'], true],
    [['개인', '소상공인'], true],
    [['개인'], false],
    [['개인', '가구'], false],
    [[], false],
  ])('%j → %s', (types, expected) => expect(isBusinessAudience(types)).toBe(expected));
});

describe('parseGov24 — supportConditions', () => {
  const conds = parseGov24(fixture('gov24-supportConditions.json'), 'supportConditions');
  const ruleOf = (id: string) => conds.conditions.find((c) => c.serviceId === id)?.rule;

  it('detects the kind from the keys', () => {
    expect(detectGov24Kind((fixture('gov24-supportConditions.json') as { data: unknown[] }).data)).toBe('supportConditions');
    expect(detectGov24Kind((fixture('gov24-serviceDetail.json') as { data: unknown[] }).data)).toBe('serviceDetail');
    expect(detectGov24Kind((fixture('gov24-serviceList.json') as { data: unknown[] }).data)).toBe('serviceList');
    const auto = parseGov24(fixture('gov24-supportConditions.json'));
    expect('conditions' in auto).toBe(true);
  });

  it('reads every row, rejecting a malformed one with its line', () => {
    expect(conds.total).toBe(9);
    expect(conds.conditions).toHaveLength(8);
    expect(conds.rejected).toEqual([
      {
        line: 9,
        sourceId: 'SVC0000000099',
        reason: "대상연령(시작)(JA0110)에 정수가 와야 하는데 '스무살'이(가) 왔습니다",
        part: 'supportConditions',
      },
    ]);
    for (const c of conds.conditions) if (c.rule) expect(RuleSchema.safeParse(c.rule).success).toBe(true);
  });

  it('groups that are all Y mean anyone: no criterion at all', () => {
    expect(ruleOf('SVC0000000001')).toBeUndefined();
  });

  it('JA1102 영업중 → active; JA2101 중소기업 is only a note', () => {
    expect(ruleOf('SVC0000000002')).toEqual({
      type: 'operatingStatus',
      allowed: ['active'],
      note: '영업중',
      source: '보조금24 지원조건 JA1102',
    });
    expect(conds.conditions.find((c) => c.serviceId === 'SVC0000000002')?.notes).toEqual(['지원조건 대상 형태: 중소기업']);
  });

  it('JA1103 생계곤란·폐업예정 → active, suspended or closed', () => {
    expect(ruleOf('SVC0000000003')).toMatchObject({ type: 'operatingStatus', allowed: ['active', 'suspended', 'closed'] });
  });

  it('JA1201 음식점업 → KSIC 561 and 5622', () => {
    expect(ruleOf('SVC0000000007')).toMatchObject({
      all: [
        { type: 'operatingStatus', allowed: ['active'] },
        { type: 'ksic', include: ['561', '5622'] },
      ],
    });
  });

  it('one gender flag, an age floor with no ceiling (99), 제조업 → C and 10–34', () => {
    expect(ruleOf('SVC0000000008')).toMatchObject({
      all: [
        { type: 'ownerGender', gender: 'female' },
        { type: 'ownerAge', min: 19 },
        { type: 'ksic', include: KSIC_MANUFACTURING },
      ],
    });
    const age = (ruleOf('SVC0000000008') as { all: { type: string; max?: number }[] }).all[1]!;
    expect(age.max).toBeUndefined();
  });

  it('personal and household flags stay out of the rule, with notes', () => {
    const c = conds.conditions.find((x) => x.serviceId === 'SVC0000000004')!;
    expect(c.rule).toMatchObject({ type: 'ownerAge', min: 19, max: 34 });
    expect(c.notes.join(' ')).toMatch(/소득 조건\(JA0201, JA0202\)/);
    expect(c.notes.join(' ')).toMatch(/가구 조건\(JA0412\)/);
  });
});

describe('conditionsRule (JA flags)', () => {
  const rec = (flags: Record<string, unknown>) => ({ 서비스ID: 'X', ...flags });

  it.each([
    ['no flags', {}, undefined],
    ['both genders', { JA0101: 'Y', JA0102: 'Y' }, undefined],
    ['male only', { JA0101: 'Y', JA0102: null }, { type: 'ownerGender', gender: 'male' }],
    ['female only ("N" for the other)', { JA0101: 'N', JA0102: 'Y' }, { type: 'ownerGender', gender: 'female' }],
    ['age 0–150 means no limit', { JA0110: 0, JA0111: 150 }, undefined],
    ['age as text', { JA0110: '065', JA0111: '120' }, { type: 'ownerAge', min: 65 }],
    ['age ceiling only', { JA0110: 0, JA0111: 39 }, { type: 'ownerAge', max: 39 }],
    ['예비창업자 only', { JA1101: 'Y' }, { type: 'operatingStatus', allowed: ['preparing'] }],
    ['all three status flags', { JA1101: 'Y', JA1102: 'Y', JA1103: 'Y' }, undefined],
    ['예비창업자 + 폐업예정 covers every status', { JA1101: 'Y', JA1103: 'Y' }, undefined],
    ['기타업종 means any industry', { JA1201: 'Y', JA1299: 'Y' }, undefined],
    ['all industry flags', { JA1201: 'Y', JA1202: 'Y', JA1299: 'Y' }, undefined],
    ['음식점업 + 제조업', { JA1201: 'Y', JA1202: 'Y' }, { type: 'ksic', include: ['561', '5622', ...KSIC_MANUFACTURING] }],
    ['정보통신업 (법인)', { JA2203: 'Y' }, { type: 'ksic', include: ['J', '58', '59', '60', '61', '62', '63'] }],
    ['장애인 only', { JA0328: 'Y' }, { type: 'ownerDisabled' }],
    ['장애인 or 보훈', { JA0328: 'Y', JA0329: 'Y' }, { any: [{ type: 'ownerDisabled' }, { type: 'ownerVeteran' }] }],
    ['장애인 among other personal traits', { JA0328: 'Y', JA0301: 'Y' }, undefined],
    ['해당사항없음', { JA0322: 'Y', JA0328: 'Y' }, undefined],
  ])('%s', (_name, flags, expected) => {
    const { rule } = conditionsRule(rec(flags));
    if (expected === undefined) expect(rule).toBeUndefined();
    else {
      expect(rule).toMatchObject(expected);
      expect(RuleSchema.safeParse(rule).success).toBe(true);
    }
  });

  it('several criteria are combined with all', () => {
    const { rule } = conditionsRule(rec({ JA0102: 'Y', JA1102: 'Y', JA1202: 'Y' }));
    expect(rule).toMatchObject({ all: [{ type: 'ownerGender' }, { type: 'operatingStatus' }, { type: 'ksic' }] });
  });

  it('a reversed age range makes no criterion and says why', () => {
    const r = conditionsRule(rec({ JA0110: 40, JA0111: 20 }));
    expect(r.rule).toBeUndefined();
    expect(r.notes[0]).toMatch(/거꾸로/);
  });

  it('a flag that is neither Y nor N is a record error', () => {
    expect(() => conditionsRule(rec({ JA1101: 3 }))).toThrow(/JA1101/);
  });
});

describe('mergeGov24 / importGov24', () => {
  const all = importGov24({
    serviceList: fixture('gov24-serviceList.json'),
    serviceDetail: fixture('gov24-serviceDetail.json'),
    supportConditions: fixture('gov24-supportConditions.json'),
  });

  it('attaches rules to the right 서비스ID', () => {
    expect(byId(all, 'SVC0000000002').rule).toMatchObject({ type: 'operatingStatus', allowed: ['active'] });
    expect(byId(all, 'SVC0000000007').rule).toMatchObject({ all: [{ type: 'operatingStatus' }, { type: 'ksic' }] });
    expect(byId(all, 'SVC0000000001').rule).toBeUndefined(); // all-Y groups
  });

  it('fills in the detail: 구비서류, 온라인신청 URL, fuller texts', () => {
    const d = byId(all, 'SVC0000000001');
    expect(d.requiredDocuments).toEqual(['사업자등록증명', '지방세 납세증명서', '소상공인확인서 (해당자)', '임대차계약서 사본', '신분증']);
    expect(d.applicationUrl).toBe('https://www.gmr.or.kr/apply');
    expect(d.summary).toBe('경기도 내 영세 소상공인의 노후 사업장 환경을 개선하여 경쟁력을 높입니다.');
    expect(d.selectionCriteria).toMatch(/최근 3년 내 유사 지원 없음/);
    expect(d.sourceUpdatedAt).toBe('2026-03-02T10:00:00+09:00');
    expect(d.raw).toMatchObject({
      serviceList: { 서비스ID: 'SVC0000000001' },
      serviceDetail: { 서비스ID: 'SVC0000000001' },
      supportConditions: { 서비스ID: 'SVC0000000001' },
    });
    expect(ProgrammeDraftSchema.safeParse(d).success).toBe(true);
  });

  it('skips a 법인/시설/단체 service whose conditions name only 사회복지시설', () => {
    expect(all.records.find((r) => r.draft.sourceId === 'SVC0000000009')).toBeUndefined();
    expect(all.skipped.find((s) => s.sourceId === 'SVC0000000009')?.reason).toMatch(/사회복지시설뿐/);
    expect(all.records.length + all.skipped.length + all.rejected.filter((r) => !r.part).length).toBe(all.total);
  });

  it('reports problems of the other files with their part', () => {
    expect(all.rejected.filter((r) => r.part === 'supportConditions').map((r) => r.line)).toEqual([9]);
  });

  it('merging nothing changes nothing', () => {
    const list = parseGov24(fixture('gov24-serviceList.json'), 'serviceList');
    expect(mergeGov24(list)).toEqual(list);
  });
});

describe('parseGov24 — unusable payloads', () => {
  it.each([
    ['gateway error', { code: -401, msg: '유효하지 않은 인증키입니다.' }, /유효하지 않은 인증키/],
    ['data is an object', { data: { a: 1 } }, /data가 목록이 아니라 객체/],
    ['no data', { page: 1 }, /data가 없습니다/],
    ['a number', 7, /JSON 객체가 아닙니다/],
  ])('%s', (_n, json, message) => {
    expect(() => parseGov24(json)).toThrow(ImportSourceError);
    expect(() => parseGov24(json)).toThrow(message);
  });
});

describe('parseGov24 — serviceDetail alone', () => {
  it('reads details without the 사용자구분 check (details are fetched for listed services)', () => {
    const batch = parseGov24(fixture('gov24-serviceDetail.json'), 'serviceDetail');
    expect(batch.records).toHaveLength(1);
    expect(batch.records[0]!.draft).toMatchObject({
      sourceId: 'SVC0000000001',
      agencies: { ministry: '경기도', executingAgency: '경기도시장상권진흥원' },
      applicationUrl: 'https://www.gmr.or.kr/apply',
      contact: '경기도시장상권진흥원/031-000-0000',
    });
  });
});
