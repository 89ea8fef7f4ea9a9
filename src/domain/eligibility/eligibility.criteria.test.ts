/**
 * One table per criterion type: boundaries (exactly 3 years, exactly the cap, leap days, 5 workers
 * vs 4.9) and unknown facts. Every row is checked against the compiled engine AND the reference
 * interpreter, and the explanation line is checked to exist and to say the right status.
 */
import { describe, expect, it } from 'vitest';
import { compileRule, evaluate } from './eligibility.engine.ts';
import { interpretRule } from './eligibility.interpreter.ts';
import type { BusinessFacts, CriterionExplanation, Criterion, FactName, Verdict } from './eligibility.types.ts';

const REF = '2026-05-01';

type Row = readonly [name: string, facts: BusinessFacts, verdict: Verdict, missing?: readonly FactName[], ref?: string];

function check(criterion: Criterion, [, facts, verdict, missing = [], ref = REF]: Row): CriterionExplanation {
  const compiled = compileRule(criterion);
  const e = evaluate(compiled, facts, ref, { explain: true });
  expect(e.verdict).toBe(verdict);
  expect(e.missing).toEqual(missing);
  const i = interpretRule(criterion, facts, ref);
  expect(i).toEqual({ verdict: e.verdict, missing: e.missing });
  const leaf = e.explanation as CriterionExplanation;
  expect(leaf.kind).toBe('criterion');
  expect(leaf.status).toBe(verdict === 'eligible' ? '충족' : verdict === 'ineligible' ? '미충족' : '확인 필요');
  expect(leaf.needs).toEqual(missing);
  return leaf;
}

function table(criterion: Criterion, rows: readonly Row[]) {
  it.each(rows.map((r) => [r[0], r] as const))('%s', (_name, row) => {
    check(criterion, row);
  });
}

describe('region', () => {
  describe('경기도 (sido 41)', () =>
    table({ type: 'region', sido: ['41'] }, [
      ['시·군 in 경기', { municipalityCode: '41110' }, 'eligible'],
      ['only 시·도 known', { sidoCode: '41' }, 'eligible'],
      ['Seoul', { municipalityCode: '11110' }, 'ineligible'],
      ['unknown', {}, 'unknown', ['sidoCode']],
      ['null is unknown, not "elsewhere"', { sidoCode: null, municipalityCode: null }, 'unknown', ['sidoCode']],
    ]));
  describe('수원·용인 only', () =>
    table({ type: 'region', municipalities: ['41110', '41460'] }, [
      ['수원', { municipalityCode: '41110' }, 'eligible'],
      ['성남', { municipalityCode: '41130' }, 'ineligible'],
      ['경기 but 시·군 unknown', { sidoCode: '41' }, 'unknown', ['municipalityCode']],
      ['Seoul, 시·군 unknown', { sidoCode: '11' }, 'ineligible'],
      ['nothing known', {}, 'unknown', ['municipalityCode']],
    ]));
  describe('no places listed', () => table({ type: 'region' }, [['anyone', {}, 'eligible']]));
});

describe('businessAge', () => {
  describe('업력 3년 이상', () =>
    table({ type: 'businessAge', minMonths: 36 }, [
      ['exactly 3 years on the anniversary', { openedOn: '2023-05-01' }, 'eligible'],
      ['one day short', { openedOn: '2023-05-02' }, 'ineligible'],
      ['2 years 7 months', { openedOn: '2023-09-15' }, 'ineligible'],
      ['opened on a leap day, 36 months on 28 Feb', { openedOn: '2024-02-29' }, 'eligible', [], '2027-02-28'],
      ['opened on a leap day, day before', { openedOn: '2024-02-29' }, 'ineligible', [], '2027-02-27'],
      ['not yet opened', { openedOn: '2026-06-01' }, 'ineligible'],
      ['unknown 개업일', {}, 'unknown', ['openedOn']],
      ['not a real date is unknown', { openedOn: '2025-02-30' }, 'unknown', ['openedOn']],
    ]));
  describe('업력 7년 미만', () =>
    table({ type: 'businessAge', maxMonths: 84 }, [
      ['6 years 11 months', { openedOn: '2019-05-02' }, 'eligible'],
      ['exactly 7 years', { openedOn: '2019-05-01' }, 'ineligible'],
      ['예비창업 (not yet opened)', { openedOn: '2026-07-01' }, 'eligible'],
    ]));
  describe('12 months on 2025-02-28 for a 2024-02-29 opening', () =>
    table({ type: 'businessAge', minMonths: 12 }, [
      ['2025-02-28', { openedOn: '2024-02-29' }, 'eligible', [], '2025-02-28'],
      ['2025-02-27', { openedOn: '2024-02-29' }, 'ineligible', [], '2025-02-27'],
    ]));
});

describe('revenue', () => {
  describe('연매출 3억 원 이하', () =>
    table({ type: 'revenue', max: 300_000_000 }, [
      ['exactly the cap', { annualRevenue: 300_000_000 }, 'eligible'],
      ['1 won over', { annualRevenue: 300_000_001 }, 'ineligible'],
      ['zero revenue is a value', { annualRevenue: 0 }, 'eligible'],
      ['unknown is not zero', { annualRevenue: null }, 'unknown', ['annualRevenue']],
    ]));
  describe('1억 이상', () =>
    table({ type: 'revenue', min: 100_000_000 }, [
      ['exactly', { annualRevenue: 100_000_000 }, 'eligible'],
      ['below', { annualRevenue: 99_999_999 }, 'ineligible'],
    ]));
});

describe('workers', () => {
  describe('5인 미만', () =>
    table({ type: 'workers', maxExclusive: 5 }, [
      ['4.9 (monthly average)', { workers: 4.9 }, 'eligible'],
      ['exactly 5', { workers: 5 }, 'ineligible'],
      ['0 workers is a value', { workers: 0 }, 'eligible'],
      ['unknown', {}, 'unknown', ['workers']],
    ]));
  describe('1인 이상', () =>
    table({ type: 'workers', min: 1 }, [
      ['1', { workers: 1 }, 'eligible'],
      ['0.5', { workers: 0.5 }, 'ineligible'],
    ]));
});

describe('smallBusiness (소상공인기본법 시행령 제2조, 중소기업기본법 시행령 별표 3)', () =>
  table({ type: 'smallBusiness' }, [
    ['음식점, 4 workers, 3억', { ksicCode: '56111', workers: 4, annualRevenue: 300_000_000 }, 'eligible'],
    ['음식점, 4.9 workers', { ksicCode: '56111', workers: 4.9, annualRevenue: 300_000_000 }, 'eligible'],
    ['음식점, 5 workers', { ksicCode: '56111', workers: 5, annualRevenue: 300_000_000 }, 'ineligible'],
    ['음식점 at exactly the 10억 cap', { ksicCode: '56111', workers: 1, annualRevenue: 1_000_000_000 }, 'eligible'],
    ['음식점 1 won over the 10억 cap', { ksicCode: '56111', workers: 1, annualRevenue: 1_000_000_001 }, 'ineligible'],
    ['제조업 (C), 9 workers', { ksicCode: '10712', workers: 9, annualRevenue: 500_000_000 }, 'eligible'],
    ['제조업 (C), 10 workers', { ksicCode: '10712', workers: 10, annualRevenue: 500_000_000 }, 'ineligible'],
    ['건설업 (F), 9 workers', { ksicCode: '42411', workers: 9, annualRevenue: 500_000_000 }, 'eligible'],
    ['운수업 (H), 9 workers', { ksicCode: '49231', workers: 9, annualRevenue: 500_000_000 }, 'eligible'],
    ['소매 (G), 50억 cap', { ksicCode: '47121', workers: 2, annualRevenue: 5_000_000_000 }, 'eligible'],
    ['협회·단체 (94): not a 소기업', { ksicCode: '94110', workers: 1, annualRevenue: 1 }, 'ineligible'],
    ['workers unknown', { ksicCode: '56111', annualRevenue: 1 }, 'unknown', ['workers']],
    ['revenue unknown', { ksicCode: '56111', workers: 1 }, 'unknown', ['annualRevenue']],
    ['7 workers, industry unknown: depends on the industry', { workers: 7, annualRevenue: 1 }, 'unknown', ['ksicCode']],
    ['12 workers: over every limit', { workers: 12 }, 'ineligible'],
    ['3 workers, tiny revenue, industry unknown (94 has no cap)', { workers: 3, annualRevenue: 1 }, 'unknown', ['ksicCode']],
    ['section I only, 3 workers, 5억', { ksicCode: 'I', workers: 3, annualRevenue: 500_000_000 }, 'eligible'],
    ['section C only, 3 workers, 100억: 80억 or 120억 cap', { ksicCode: 'C', workers: 3, annualRevenue: 10_000_000_000 }, 'unknown', ['ksicCode']],
    ['nothing known', {}, 'unknown', ['annualRevenue', 'workers', 'ksicCode']],
  ]));

describe('ksic', () => {
  describe('표준 제외 업종 (sbiz-standard-exclusions)', () =>
    table({ type: 'ksic', excludeSets: ['sbiz-standard-exclusions'] }, [
      ['한식 음식점', { ksicCode: '56111' }, 'eligible'],
      ['일반 유흥 주점 56211', { ksicCode: '56211' }, 'ineligible'],
      ['무도 유흥 주점 56212', { ksicCode: '56212' }, 'ineligible'],
      ['기타 주점 56219 is not on the list', { ksicCode: '56219' }, 'eligible'],
      ['카지노 91242', { ksicCode: '91242' }, 'ineligible'],
      ['기타 사행시설 91249', { ksicCode: '91249' }, 'ineligible'],
      ['금융 64', { ksicCode: '64110' }, 'ineligible'],
      ['보험 65', { ksicCode: '65' }, 'ineligible'],
      ['부동산 임대 68111', { ksicCode: '68111' }, 'ineligible'],
      ['부동산 관리 6821 (exception)', { ksicCode: '68211' }, 'eligible'],
      ['부동산 중개 68221 (exception)', { ksicCode: '68221' }, 'eligible'],
      ['부동산업 68 only: depends on the class', { ksicCode: '68' }, 'unknown', ['ksicCode']],
      ['약국 47811', { ksicCode: '47811' }, 'ineligible'],
      ['법무 711', { ksicCode: '71101' }, 'ineligible'],
      ['세무 712', { ksicCode: '71202' }, 'ineligible'],
      ['점술 96992', { ksicCode: '96992' }, 'ineligible'],
      ['유사 의료업 86902 (exception to 보건업)', { ksicCode: '86902' }, 'eligible'],
      ['의원 86201', { ksicCode: '86201' }, 'ineligible'],
      ['division 56 only: could be 유흥주점', { ksicCode: '56' }, 'unknown', ['ksicCode']],
      ['section I only', { ksicCode: 'I' }, 'unknown', ['ksicCode']],
      ['section K entirely excluded', { ksicCode: 'K' }, 'ineligible'],
      ['section C (no exclusions inside)', { ksicCode: 'C' }, 'eligible'],
      ['unknown', {}, 'unknown', ['ksicCode']],
      ['a code of no KSIC division is as good as unknown', { ksicCode: '04123' }, 'unknown', ['ksicCode']],
    ]));
  describe('음식점·소매 only, not 주점', () =>
    table({ type: 'ksic', include: ['56', '47'], exclude: ['5621'] }, [
      ['커피 전문점', { ksicCode: '56221' }, 'eligible'],
      ['기타 주점', { ksicCode: '56219' }, 'ineligible'],
      ['미용', { ksicCode: '96112' }, 'ineligible'],
      ['section G only (45, 46 are not 47)', { ksicCode: 'G' }, 'unknown', ['ksicCode']],
      ['division 4 prefix "47"', { ksicCode: '47' }, 'eligible'],
    ]));
  describe('include by section letter', () =>
    table({ type: 'ksic', include: ['I'] }, [
      ['56111', { ksicCode: '56111' }, 'eligible'],
      ['55101', { ksicCode: '55101' }, 'eligible'],
      ['47121', { ksicCode: '47121' }, 'ineligible'],
      ['section I', { ksicCode: 'I' }, 'eligible'],
    ]));
  describe('no lists', () => table({ type: 'ksic' }, [['anyone', {}, 'eligible']]));
  it('rejects an unknown named set at compile time', () => {
    expect(() => compileRule({ type: 'ksic', excludeSets: ['no-such-set'] })).toThrow(/알 수 없는 업종 묶음/);
  });
  it('notes exclusions that only part of a class has, for the clerk to check', () => {
    const leaf = check({ type: 'ksic', excludeSets: ['sbiz-standard-exclusions'] }, ['', { ksicCode: '96122' }, 'eligible']);
    expect(leaf.remarks?.join(' ')).toMatch(/안마시술소.*확인 필요/);
  });
});

describe('ownerAge (만 나이)', () => {
  describe('만 39세 이하', () =>
    table({ type: 'ownerAge', max: 39 }, [
      ['39 on the day before the 40th birthday', { ownerBirthDate: '1986-05-02' }, 'eligible'],
      ['40 on the birthday', { ownerBirthDate: '1986-05-01' }, 'ineligible'],
      ['unknown', {}, 'unknown', ['ownerBirthDate']],
    ]));
  describe('만 19세 이상, born on 29 Feb', () =>
    table({ type: 'ownerAge', min: 19 }, [
      ['19 on 1 March of a common year', { ownerBirthDate: '2008-02-29' }, 'eligible', [], '2027-03-01'],
      ['still 18 on 28 February', { ownerBirthDate: '2008-02-29' }, 'ineligible', [], '2027-02-28'],
    ]));
});

describe('owner flags', () => {
  describe('gender', () =>
    table({ type: 'ownerGender', gender: 'female' }, [
      ['female', { ownerGender: 'female' }, 'eligible'],
      ['male', { ownerGender: 'male' }, 'ineligible'],
      ['unknown', {}, 'unknown', ['ownerGender']],
    ]));
  describe('disability', () =>
    table({ type: 'ownerDisabled' }, [
      ['yes', { ownerDisabled: true }, 'eligible'],
      ['no', { ownerDisabled: false }, 'ineligible'],
      ['unknown is not "no"', { ownerDisabled: null }, 'unknown', ['ownerDisabled']],
    ]));
  describe('보훈', () =>
    table({ type: 'ownerVeteran' }, [
      ['yes', { ownerVeteran: true }, 'eligible'],
      ['no', { ownerVeteran: false }, 'ineligible'],
      ['unknown', {}, 'unknown', ['ownerVeteran']],
    ]));
});

describe('noTaxArrears', () => {
  describe('국세·지방세, no deferral', () =>
    table({ type: 'noTaxArrears', kinds: ['national', 'local'], allowDeferral: false }, [
      ['none', { nationalTaxArrears: false, localTaxArrears: false }, 'eligible'],
      ['local arrears', { nationalTaxArrears: false, localTaxArrears: true, taxArrearsDeferred: true }, 'ineligible'],
      ['local unknown', { nationalTaxArrears: false }, 'unknown', ['localTaxArrears']],
      ['national arrears decides even with local unknown', { nationalTaxArrears: true }, 'ineligible'],
      ['both unknown', {}, 'unknown', ['nationalTaxArrears', 'localTaxArrears']],
    ]));
  describe('with deferral', () =>
    table({ type: 'noTaxArrears', kinds: ['national'], allowDeferral: true }, [
      ['arrears under deferral', { nationalTaxArrears: true, taxArrearsDeferred: true }, 'eligible'],
      ['arrears, no deferral', { nationalTaxArrears: true, taxArrearsDeferred: false }, 'ineligible'],
      ['arrears, deferral unknown', { nationalTaxArrears: true }, 'unknown', ['taxArrearsDeferred']],
      ['no arrears: deferral irrelevant', { nationalTaxArrears: false }, 'eligible'],
    ]));
});

describe('credit, status, premises, 통신판매', () => {
  describe('noCreditDelinquency', () =>
    table({ type: 'noCreditDelinquency' }, [
      ['clean', { creditDelinquent: false }, 'eligible'],
      ['delinquent', { creditDelinquent: true }, 'ineligible'],
      ['unknown', {}, 'unknown', ['creditDelinquent']],
    ]));
  describe('operatingStatus active', () =>
    table({ type: 'operatingStatus', allowed: ['active'] }, [
      ['active', { operatingStatus: 'active' }, 'eligible'],
      ['휴업', { operatingStatus: 'suspended' }, 'ineligible'],
      ['unknown', {}, 'unknown', ['operatingStatus']],
    ]));
  describe('premises leased', () =>
    table({ type: 'premises', allowed: ['leased'] }, [
      ['leased', { premises: 'leased' }, 'eligible'],
      ['owned', { premises: 'owned' }, 'ineligible'],
      ['unknown', {}, 'unknown', ['premises']],
    ]));
  describe('mailOrderRegistered', () =>
    table({ type: 'mailOrderRegistered' }, [
      ['yes', { mailOrderRegistered: true }, 'eligible'],
      ['no', { mailOrderRegistered: false }, 'ineligible'],
      ['unknown', {}, 'unknown', ['mailOrderRegistered']],
    ]));
});

describe('noPriorReceipt', () => {
  const receipt = (programmeKey: string, category: string, receivedOn: string) => ({ programmeKey, category, receivedOn });
  describe('same programme within 3 years', () =>
    table({ type: 'noPriorReceipt', programmeKeys: ['gg-env-improvement'], years: 3 }, [
      ['never received (empty list is a fact)', { priorReceipts: [] }, 'eligible'],
      ['received 2023-05-02: 3 years not yet over', { priorReceipts: [receipt('gg-env-improvement', '07', '2023-05-02')] }, 'ineligible'],
      ['received 2023-05-01: exactly 3 years ago', { priorReceipts: [receipt('gg-env-improvement', '07', '2023-05-01')] }, 'eligible'],
      ['another programme', { priorReceipts: [receipt('smart-store', '02', '2025-05-01')] }, 'eligible'],
      ['received after the reference date', { priorReceipts: [receipt('gg-env-improvement', '07', '2026-06-01')] }, 'eligible'],
      ['records not kept', { priorReceipts: null }, 'unknown', ['priorReceipts']],
    ]));
  describe('category 경영 (07) within 1 year', () =>
    table({ type: 'noPriorReceipt', categories: ['07'], years: 1 }, [
      ['경영 half a year ago', { priorReceipts: [receipt('x', '07', '2025-11-01')] }, 'ineligible'],
      ['금융 half a year ago', { priorReceipts: [receipt('x', '01', '2025-11-01')] }, 'eligible'],
    ]));
  describe('any support within 2 years, leap day', () =>
    table({ type: 'noPriorReceipt', years: 1 }, [
      ['received 2024-02-29, on 2025-02-28', { priorReceipts: [receipt('x', '01', '2024-02-29')] }, 'eligible', [], '2025-02-28'],
      ['received 2024-02-29, on 2025-02-27', { priorReceipts: [receipt('x', '01', '2024-02-29')] }, 'ineligible', [], '2025-02-27'],
    ]));
});

describe('documentValid', () => {
  const doc = (type: string, issuedOn: string, validUntil: string | null) => ({ type, issuedOn, validUntil });
  table({ type: 'documentValid', documentType: 'local_tax_certificate' }, [
    ['valid until the reference date itself', { documents: [doc('local_tax_certificate', '2026-04-01', '2026-05-01')] }, 'eligible'],
    ['expired the day before', { documents: [doc('local_tax_certificate', '2026-03-31', '2026-04-30')] }, 'ineligible'],
    ['issued after the reference date', { documents: [doc('local_tax_certificate', '2026-05-02', '2026-06-01')] }, 'ineligible'],
    ['no expiry recorded', { documents: [doc('local_tax_certificate', '2020-01-01', null)] }, 'eligible'],
    ['another type', { documents: [doc('national_tax_certificate', '2026-04-20', '2026-05-20')] }, 'ineligible'],
    ['no documents on file (known)', { documents: [] }, 'ineligible'],
    ['documents not known', {}, 'unknown', ['documents']],
  ]);
});

describe('closedWithin (희망리턴)', () => {
  table({ type: 'closedWithin', months: 6 }, [
    ['closed 2025-11-01: the 6-month anniversary is the last day', { closedOn: '2025-11-01' }, 'eligible'],
    ['closed 2025-10-31: over', { closedOn: '2025-10-31' }, 'ineligible'],
    ['closed today', { closedOn: '2026-05-01' }, 'eligible'],
    ['closes in the future', { closedOn: '2026-06-01' }, 'ineligible'],
    ['no 폐업일, known to be active', { operatingStatus: 'active' }, 'ineligible'],
    ['no 폐업일, status closed', { operatingStatus: 'closed' }, 'unknown', ['closedOn']],
    ['nothing known: 폐업일 or status', {}, 'unknown', ['closedOn', 'operatingStatus']],
  ]);
});

// ── issue 11 §5: what real notices say ──────────────────────────────────────────────────────
describe('legalForm (개인사업자 / 법인)', () => {
  table({ type: 'legalForm', allowed: ['individual'] }, [
    ['개인사업자', { legalForm: 'individual' }, 'eligible'],
    ['법인', { legalForm: 'corporation' }, 'ineligible'],
    ['unknown', {}, 'unknown', ['legalForm']],
  ]);
});

describe('openedBetween ("2023.12.31 이전 개업")', () => {
  describe('on or before 2023-12-31', () =>
    table({ type: 'openedBetween', to: '2023-12-31' }, [
      ['opened on the day itself (이전 includes it)', { openedOn: '2023-12-31' }, 'eligible'],
      ['a day later', { openedOn: '2024-01-01' }, 'ineligible'],
      ['long before', { openedOn: '2010-03-02' }, 'eligible'],
      ['not a real date is unknown', { openedOn: '2023-02-30' }, 'unknown', ['openedOn']],
      ['unknown', {}, 'unknown', ['openedOn']],
    ]));
  describe('between 2024-01-01 and 2024-12-31', () =>
    table({ type: 'openedBetween', from: '2024-01-01', to: '2024-12-31' }, [
      ['first day', { openedOn: '2024-01-01' }, 'eligible'],
      ['last day', { openedOn: '2024-12-31' }, 'eligible'],
      ['before', { openedOn: '2023-12-31' }, 'ineligible'],
      ['after', { openedOn: '2025-01-01' }, 'ineligible'],
    ]));
});

describe('closedBetween (폐업일이 기간 안)', () => {
  table({ type: 'closedBetween', from: '2025-01-01', to: '2025-12-31' }, [
    ['closed inside', { closedOn: '2025-06-30', operatingStatus: 'closed' }, 'eligible'],
    ['closed on the last day', { closedOn: '2025-12-31' }, 'eligible'],
    ['closed before the range', { closedOn: '2024-12-31' }, 'ineligible'],
    ['closed after the range', { closedOn: '2026-01-02' }, 'ineligible'],
    ['known to be open', { operatingStatus: 'active' }, 'ineligible'],
    ['closed, 폐업일 unknown', { operatingStatus: 'closed' }, 'unknown', ['closedOn']],
    ['nothing known', {}, 'unknown', ['closedOn', 'operatingStatus']],
  ]);
  describe('a 폐업일 after the reference date has not happened yet', () =>
    table({ type: 'closedBetween', from: '2026-01-01', to: '2026-12-31' }, [['closes 2026-06-01, asked on 2026-05-01', { closedOn: '2026-06-01' }, 'ineligible']]));
});

describe('operatingDays ("개업일부터 폐업일까지 60일 이상 영업")', () => {
  table({ type: 'operatingDays', minDays: 60 }, [
    ['exactly 60 days (초일 불산입)', { openedOn: '2025-01-01', closedOn: '2025-03-02' }, 'eligible'],
    ['59 days', { openedOn: '2025-01-01', closedOn: '2025-03-01' }, 'ineligible'],
    ['before closure: counted to the 폐업 예정일', { openedOn: '2026-04-01', closurePlanned: true, plannedClosureOn: '2026-06-15' }, 'eligible'],
    ['open and not closing: no period until closure', { openedOn: '2020-01-01', operatingStatus: 'active', closurePlanned: false }, 'ineligible'],
    ['폐업일 known, 개업일 not', { closedOn: '2025-03-02' }, 'unknown', ['openedOn']],
    ['closed, 폐업일 unknown', { openedOn: '2025-01-01', operatingStatus: 'closed', closurePlanned: false }, 'unknown', ['closedOn']],
    ['nothing known', {}, 'unknown', ['openedOn', 'closedOn', 'operatingStatus', 'closurePlanned', 'plannedClosureOn']],
  ]);
});

describe('marketLocation (전통시장·상점가·골목형상점가)', () => {
  table({ type: 'marketLocation', allowed: ['traditional_market', 'alley_shopping_street'] }, [
    ['전통시장', { marketLocation: 'traditional_market' }, 'eligible'],
    ['골목형상점가', { marketLocation: 'alley_shopping_street' }, 'eligible'],
    ['상점가 (not listed)', { marketLocation: 'shopping_street' }, 'ineligible'],
    ['outside every market', { marketLocation: 'none' }, 'ineligible'],
    ['unknown', {}, 'unknown', ['marketLocation']],
  ]);
});

describe('closurePlanned (폐업 예정)', () => {
  describe('any date ahead', () =>
    table({ type: 'closurePlanned' }, [
      ['planned, date ahead', { closurePlanned: true, plannedClosureOn: '2026-08-31' }, 'eligible'],
      ['planned for today', { closurePlanned: true, plannedClosureOn: REF }, 'eligible'],
      ['the planned date has passed', { closurePlanned: true, plannedClosureOn: '2026-04-30' }, 'ineligible'],
      ['not closing (an active shop)', { closurePlanned: false, operatingStatus: 'active' }, 'ineligible'],
      ['planned, date unknown', { closurePlanned: true }, 'unknown', ['plannedClosureOn']],
      ['unknown: an active shop is not assumed to be closing', { operatingStatus: 'active' }, 'unknown', ['closurePlanned', 'plannedClosureOn']],
    ]));
  describe('within 3 months', () =>
    table({ type: 'closurePlanned', withinMonths: 3 }, [
      ['on the 3-month day', { closurePlanned: true, plannedClosureOn: '2026-08-01' }, 'eligible'],
      ['a day later', { closurePlanned: true, plannedClosureOn: '2026-08-02' }, 'ineligible'],
    ]));
});

describe('restart (재창업)', () => {
  table({ type: 'restart' }, [
    ['closed a business before', { restart: true }, 'eligible'],
    ['first business', { restart: false }, 'ineligible'],
    ['unknown', {}, 'unknown', ['restart']],
  ]);
});

describe('revenueDecline (전년 대비 매출 감소)', () => {
  describe('10 % 이상', () =>
    table({ type: 'revenueDecline', minPercent: 10 }, [
      ['exactly 10 % down', { annualRevenue: 270_000_000, previousAnnualRevenue: 300_000_000 }, 'eligible'],
      ['9.99… % down', { annualRevenue: 270_000_001, previousAnnualRevenue: 300_000_000 }, 'ineligible'],
      ['up', { annualRevenue: 330_000_000, previousAnnualRevenue: 300_000_000 }, 'ineligible'],
      ['previous year 0원: no decline to count', { annualRevenue: 0, previousAnnualRevenue: 0 }, 'ineligible'],
      ['previous year unknown', { annualRevenue: 270_000_000 }, 'unknown', ['previousAnnualRevenue']],
      ['both unknown', {}, 'unknown', ['annualRevenue', 'previousAnnualRevenue']],
    ]));
  describe('"감소한" (0 %)', () =>
    table({ type: 'revenueDecline', minPercent: 0 }, [
      ['one won less', { annualRevenue: 299_999_999, previousAnnualRevenue: 300_000_000 }, 'eligible'],
      ['the same', { annualRevenue: 300_000_000, previousAnnualRevenue: 300_000_000 }, 'ineligible'],
    ]));
});

describe('certificates held with validity (documentValid over the new types)', () => {
  const doc = (type: string, issuedOn: string, validUntil: string | null) => ({ type, issuedOn, validUntil });
  table({ type: 'documentValid', documentType: 'good_price_store_designation' }, [
    ['designation in force', { documents: [doc('good_price_store_designation', '2025-09-01', '2026-08-31')] }, 'eligible'],
    ['designation lapsed', { documents: [doc('good_price_store_designation', '2024-09-01', '2025-08-31')] }, 'ineligible'],
    ['a different certificate', { documents: [doc('venture_business_cert', '2025-01-01', '2027-12-31')] }, 'ineligible'],
  ]);
});

describe('explanations in plain Korean', () => {
  it('says the rule, the value and the gap', () => {
    const leaf = check({ type: 'revenue', max: 300_000_000 }, ['', { annualRevenue: 320_000_000 }, 'ineligible']);
    expect(leaf.rule).toBe('연매출 3억 원 이하');
    expect(leaf.value).toBe('연매출 3.2억 원');
    expect(leaf.gap).toBe('연매출 3.2억 원 > 기준 3억 원');
    expect(leaf.text).toContain('미충족');
  });
  it('counts 업력 in years and months', () => {
    const leaf = check({ type: 'businessAge', minMonths: 36, source: '공고문 3쪽', note: '업력 3년 이상인 자' }, ['', { openedOn: '2023-10-01' }, 'ineligible']);
    expect(leaf.rule).toBe('업력 3년 이상');
    expect(leaf.value).toBe('업력 2년 7개월 (개업일 2023-10-01)');
    expect(leaf.gap).toBe('업력 2년 7개월 < 기준 3년');
    expect(leaf.source).toBe('공고문 3쪽');
    expect(leaf.text).toContain('출처: 공고문 3쪽');
    expect(leaf.text).toContain('업력 3년 이상인 자');
  });
  it('names the facts to ask for when unknown', () => {
    const leaf = check({ type: 'workers', maxExclusive: 5 }, ['', {}, 'unknown', ['workers']]);
    expect(leaf.text).toContain('필요한 정보: 상시근로자 수');
  });
  it('names the matching exclusion', () => {
    const leaf = check({ type: 'ksic', excludeSets: ['sbiz-standard-exclusions'] }, ['', { ksicCode: '56211' }, 'ineligible']);
    expect(leaf.gap).toContain('일반 유흥 주점업');
    expect(leaf.gap).toContain('56211');
  });
  it('says the new criteria in plain Korean, with the gap', () => {
    let leaf = check({ type: 'openedBetween', to: '2023-12-31' }, ['', { openedOn: '2024-03-02' }, 'ineligible']);
    expect(leaf.text).toBe('개업일 2023-12-31 이전 — 개업일 2024-03-02: 미충족 (개업일 2024-03-02 — 2023-12-31 이전이어야 함)');
    leaf = check({ type: 'operatingDays', minDays: 60 }, ['', { openedOn: '2025-01-01', closedOn: '2025-02-15' }, 'ineligible']);
    expect(leaf.text).toBe('개업일부터 폐업(예정)일까지 60일 이상 영업 — 영업 45일 (개업일 2025-01-01 ~ 폐업일 2025-02-15): 미충족 (영업 45일 < 기준 60일)');
    leaf = check({ type: 'revenueDecline', minPercent: 20 }, ['', { annualRevenue: 270_000_000, previousAnnualRevenue: 300_000_000, annualRevenueYear: 2025 }, 'ineligible']);
    expect(leaf.text).toBe('전년 대비 매출 20% 이상 감소 — 2025년 매출 2.7억 원, 2024년 3억 원 (10% 감소): 미충족 (매출 10% 감소 < 기준 20%)');
    leaf = check({ type: 'closurePlanned', withinMonths: 3 }, ['', { closurePlanned: true, plannedClosureOn: '2026-12-31' }, 'ineligible']);
    expect(leaf.text).toBe('폐업 예정 (폐업 예정일이 3개월 이내) — 폐업 예정일 2026-12-31: 미충족 (폐업 예정일 2026-12-31까지 3개월 넘게 남음 — 2026-10-01부터 신청 가능)');
    leaf = check({ type: 'closurePlanned' }, ['', { operatingStatus: 'active' }, 'unknown', ['closurePlanned', 'plannedClosureOn']]);
    expect(leaf.text).toBe('폐업 예정 — 폐업 예정 여부 정보 없음: 확인 필요 (필요한 정보: 폐업 예정 여부, 폐업 예정일)');
    leaf = check({ type: 'marketLocation', allowed: ['traditional_market'] }, ['', { marketLocation: 'none' }, 'ineligible']);
    expect(leaf.text).toBe('점포 위치: 전통시장 — 점포가 전통시장·상점가 밖: 미충족 (점포가 전통시장·상점가 밖 — 대상 위치 아님)');
    leaf = check({ type: 'legalForm', allowed: ['individual'] }, ['', { legalForm: 'corporation' }, 'ineligible']);
    expect(leaf.text).toBe('사업자 구분: 개인사업자 — 법인: 미충족 (법인 — 대상 아님)');
  });
});
