import { describe, expect, it } from 'vitest';
import { compileRule, evaluate, type Rule } from '../eligibility/index.ts';
import { mapHeader, readStoreRow, STORE_COLUMNS } from './store-file.ts';
import { storeFacts } from './store-facts.ts';

const refDate = '2026-12-02';
const run = (rule: Rule, facts: ReturnType<typeof storeFacts>) => evaluate(compileRule(rule), facts, refDate);

/** A shop read from a row of the file, as the import keeps it (수원시 장안구, 한식 음식점). */
function shop() {
  const header = Object.values(STORE_COLUMNS);
  const row = header.map((h) => ({ 상가업소번호: 'MA1', 상호명: '예시 식당', 시도코드: '41', 시군구코드: '41111', 표준산업분류코드: 'I56111' })[h as '상호명'] ?? '');
  const o = readStoreRow(mapHeader(header), row);
  if (o.kind !== 'ok') throw new Error(o.kind);
  return o.record;
}

describe('facts of a registry shop', () => {
  it('are 시·도, 시·군 and KSIC only: region and industry decide, everything else is unknown — never no', () => {
    const facts = storeFacts(shop());
    expect(facts).toEqual({ sidoCode: '41', municipalityCode: '41110', ksicCode: '56111' });
    expect(run({ type: 'region', municipalities: ['41110'] }, facts).verdict).toBe('eligible');
    expect(run({ type: 'region', municipalities: ['41460'] }, facts).verdict).toBe('ineligible');
    expect(run({ type: 'ksic', include: ['56'] }, facts).verdict).toBe('eligible');
    expect(run({ type: 'ksic', exclude: ['561'] }, facts).verdict).toBe('ineligible');
    const revenue = run({ all: [{ type: 'region', sido: ['41'] }, { type: 'revenue', max: 300_000_000 }] }, facts);
    expect(revenue).toMatchObject({ verdict: 'unknown', missing: ['annualRevenue'] });
    expect(run({ type: 'businessAge', maxMonths: 36 }, facts).verdict).toBe('unknown');
    expect(run({ type: 'operatingStatus', allowed: ['active'] }, facts).verdict).toBe('unknown');
    expect(run({ type: 'noTaxArrears', kinds: ['national'], allowDeferral: false }, facts).verdict).toBe('unknown');
  });
});
