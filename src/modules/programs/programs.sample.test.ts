import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATEGORY_LABELS, type CategoryCode } from '../../domain/catalog/catalog.types.ts';
import { isDocumentTypeCode } from '../../domain/documents/document-types.ts';
import { RuleSchema, type Criterion, type Rule } from '../../domain/eligibility/eligibility.types.ts';
import { SAMPLE_PROGRAMMES, findSampleProgramme } from '../demo/demo.programmes.ts';
import {
  SAMPLE_LABEL,
  SampleProgrammeSchema,
  SBIZ_STANDARD_EXCLUSIONS,
  parseSampleCatalogue,
  type SampleProgramme,
} from './programs.sample.ts';

/** The demo's data file as shipped, read afresh (the loaded copy is frozen). */
const dataFile = () =>
  JSON.parse(readFileSync(new URL('../demo/demo.programmes.json', import.meta.url), 'utf8')) as {
    label: string;
    about: string;
    programmes: Record<string, unknown>[];
  };

/** docs/domain.md "Offices and regions": the 31 시·군 of 경기도 (kept here independently of the catalogue's table). */
// prettier-ignore
const GYEONGGI_MUNICIPALITIES = new Set([
  '41110', '41130', '41150', '41170', '41190', '41210', '41220', '41250', '41270', '41280', '41290', '41310', '41360', '41370', '41390', '41410',
  '41430', '41450', '41460', '41480', '41500', '41550', '41570', '41590', '41610', '41630', '41650', '41670', '41800', '41820', '41830',
]);

function criteria(rule: Rule): Criterion[] {
  if ('all' in rule) return rule.all.flatMap(criteria);
  if ('any' in rule) return rule.any.flatMap(criteria);
  if ('not' in rule) return criteria(rule.not);
  return [rule];
}

const isNationwide = (p: SampleProgramme) => p.regions.nationwide;
const isGyeonggiOnly = (p: SampleProgramme) =>
  !p.regions.nationwide &&
  p.regions.sido.length + p.regions.municipalities.length > 0 &&
  p.regions.sido.every((s) => s === '41') &&
  p.regions.municipalities.every((m) => GYEONGGI_MUNICIPALITIES.has(m));

describe('SAMPLE_PROGRAMMES', () => {
  it('has at least 30 entries', () => {
    expect(SAMPLE_PROGRAMMES.length).toBeGreaterThanOrEqual(30);
  });

  it('every entry validates against the sample schema', () => {
    for (const p of SAMPLE_PROGRAMMES) {
      const r = SampleProgrammeSchema.safeParse(p);
      expect(r.success ? null : r.error.issues, p.key).toBeNull();
    }
  });

  it('every rule validates with RuleSchema and round-trips as JSON unchanged', () => {
    for (const p of SAMPLE_PROGRAMMES) {
      const json: unknown = JSON.parse(JSON.stringify(p.rule));
      const parsed = RuleSchema.safeParse(json);
      expect(parsed.success ? null : parsed.error.issues, p.key).toBeNull();
      // No schema default fills anything in: what is stored is what the editor wrote.
      expect(parsed.data, p.key).toEqual(json);
    }
  });

  it('keys and source ids are unique', () => {
    const keys = SAMPLE_PROGRAMMES.map((p) => p.key);
    expect(new Set(keys).size).toBe(keys.length);
    const ids = SAMPLE_PROGRAMMES.map((p) => `${p.source}:${p.sourceId}`);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('every required document exists in the document-type table, without repeats', () => {
    for (const p of SAMPLE_PROGRAMMES) {
      for (const code of p.requiredDocuments) expect(isDocumentTypeCode(code), `${p.key}: ${code}`).toBe(true);
      expect(new Set(p.requiredDocuments).size, p.key).toBe(p.requiredDocuments.length);
    }
  });

  it('rules refer only to existing document types, programme keys, categories and the agreed KSIC set', () => {
    const keys = new Set(SAMPLE_PROGRAMMES.map((p) => p.key));
    for (const p of SAMPLE_PROGRAMMES) {
      for (const c of criteria(p.rule)) {
        if (c.type === 'documentValid') {
          expect(isDocumentTypeCode(c.documentType), `${p.key}: ${c.documentType}`).toBe(true);
          expect(p.requiredDocuments as string[], `${p.key} lists the document its rule checks`).toContain(c.documentType);
        }
        if (c.type === 'noPriorReceipt') {
          expect((c.programmeKeys?.length ?? 0) + (c.categories?.length ?? 0), p.key).toBeGreaterThan(0);
          for (const k of c.programmeKeys ?? []) expect(keys.has(k), `${p.key} → ${k}`).toBe(true);
          for (const cat of c.categories ?? []) expect(Object.keys(CATEGORY_LABELS), p.key).toContain(cat);
        }
        if (c.type === 'ksic') for (const set of c.excludeSets ?? []) expect(set, p.key).toBe(SBIZ_STANDARD_EXCLUSIONS);
      }
    }
  });

  it('every criterion carries a note in the notice’s words', () => {
    for (const p of SAMPLE_PROGRAMMES) {
      for (const c of criteria(p.rule)) expect(c.note?.length ?? 0, `${p.key}: ${c.type}`).toBeGreaterThan(0);
    }
  });

  it('every URL is https', () => {
    for (const p of SAMPLE_PROGRAMMES) {
      for (const url of [p.detailUrl, p.applyUrl].filter((u): u is string => u !== undefined)) {
        expect(new URL(url).protocol, `${p.key}: ${url}`).toBe('https:');
      }
    }
  });

  it('has at least 10 Gyeonggi-only and 10 nationwide programmes', () => {
    expect(SAMPLE_PROGRAMMES.filter(isGyeonggiOnly).length).toBeGreaterThanOrEqual(10);
    expect(SAMPLE_PROGRAMMES.filter(isNationwide).length).toBeGreaterThanOrEqual(10);
    // Every entry is one or the other in this sample.
    for (const p of SAMPLE_PROGRAMMES) expect(isNationwide(p) || isGyeonggiOnly(p), p.key).toBe(true);
  });

  it('regional programmes restrict the region in their rule; nationwide ones do not', () => {
    for (const p of SAMPLE_PROGRAMMES) {
      const top = 'all' in p.rule ? p.rule.all : [p.rule];
      const region = top.find((r): r is Extract<Criterion, { type: 'region' }> => 'type' in r && r.type === 'region');
      if (p.regions.nationwide) {
        expect(
          criteria(p.rule).some((c) => c.type === 'region'),
          p.key,
        ).toBe(false);
      } else {
        expect(region, p.key).toBeDefined();
        expect([...(region!.sido ?? [])].sort(), p.key).toEqual([...p.regions.sido].sort());
        expect([...(region!.municipalities ?? [])].sort(), p.key).toEqual([...p.regions.municipalities].sort());
      }
    }
  });

  it('uses every category (04 수출 optional)', () => {
    const used = new Set(SAMPLE_PROGRAMMES.map((p) => p.category));
    for (const cat of Object.keys(CATEGORY_LABELS) as CategoryCode[]) {
      if (cat !== '04') expect(used.has(cat), cat).toBe(true);
    }
  });

  it('is labelled as sample data awaiting review', () => {
    for (const p of SAMPLE_PROGRAMMES) {
      expect(p.isSample, p.key).toBe(true);
      expect(p.source, p.key).toBe('manual');
      expect(p.reviewStatus, p.key).toBe('확인 필요');
      expect(p.reviewNote.length, p.key).toBeGreaterThan(0);
    }
    expect(Object.isFrozen(SAMPLE_PROGRAMMES)).toBe(true);
  });

  it('keeps every entry’s 지원대상 text, labelled 예시 where it was written for the demo', () => {
    for (const p of SAMPLE_PROGRAMMES) {
      expect(p.targetText.length, p.key).toBeGreaterThan(5);
      expect(p.targetText.startsWith('(예시) '), p.key).toBe(p.targetTextOrigin === 'example');
    }
    // The 시·군 entries are composites written for the demo; the central and provincial ones follow notices.
    const examples = SAMPLE_PROGRAMMES.filter((p) => p.targetTextOrigin === 'example').map((p) => p.key);
    expect(examples).toEqual([
      'suwon-special-guarantee',
      'yongin-card-fee-support',
      'anseong-interest-subsidy',
      'guri-small-business-support',
    ]);
    for (const key of examples) expect(findSampleProgramme(key)!.reviewNote, key).toMatch(/^예시 항목/);
  });

  it('summaries are 2–3 plain sentences', () => {
    for (const p of SAMPLE_PROGRAMMES) {
      const sentences = p.summary.split(/(?<=[.!?])\s+/).filter((s) => s.trim().length > 0);
      expect(sentences.length, p.key).toBeGreaterThanOrEqual(2);
      expect(sentences.length, p.key).toBeLessThanOrEqual(3);
      expect(p.summary, p.key).not.toMatch(/<[a-z]/i); // no HTML
    }
  });

  it('periods are real 2026–2027 calendar dates', () => {
    for (const p of SAMPLE_PROGRAMMES) {
      for (const d of [p.period.start, p.period.end].filter((x): x is string => x !== undefined)) {
        expect(new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10), `${p.key}: ${d}`).toBe(d);
        expect(d >= '2026-01-01' && d <= '2027-12-31', `${p.key}: ${d}`).toBe(true);
      }
      if (p.period.kind === 'always' || p.period.kind === 'varies') expect(p.period.end, p.key).toBeUndefined();
    }
  });

  it('amounts are whole KRW', () => {
    for (const p of SAMPLE_PROGRAMMES) {
      if (p.benefit.maxAmount !== undefined) expect(Number.isSafeInteger(p.benefit.maxAmount) && p.benefit.maxAmount > 0, p.key).toBe(true);
    }
  });

  it('includes the programmes docs/domain.md names', () => {
    for (const key of [
      'semas-policy-fund-general',
      'hope-return-closure',
      'hope-return-reemployment',
      'hope-return-restart',
      'smart-store-tech',
      'gg-env-improvement',
      'gg-yellow-umbrella-hope-incentive',
      'durunuri-social-insurance',
      'gcgf-special-guarantee',
      'electricity-bill-support',
      'delivery-parcel-fee-support',
      'online-market-support',
    ]) {
      expect(findSampleProgramme(key), key).toBeDefined();
    }
    expect(findSampleProgramme('nope')).toBeUndefined();
  });

  it('경기도 경영환경개선 encodes the conditions docs/domain.md lists', () => {
    const p = findSampleProgramme('gg-env-improvement')!;
    const cs = criteria(p.rule);
    expect(cs).toContainEqual(expect.objectContaining({ type: 'region', sido: ['41'] }));
    expect(cs).toContainEqual(expect.objectContaining({ type: 'businessAge', minMonths: 36 }));
    expect(cs).toContainEqual(expect.objectContaining({ type: 'workers', maxExclusive: 5 }));
    expect(cs).toContainEqual(expect.objectContaining({ type: 'noTaxArrears', kinds: ['local'], allowDeferral: false }));
    expect(cs).toContainEqual(expect.objectContaining({ type: 'noPriorReceipt', years: 3 }));
    expect(p.benefit).toMatchObject({ type: 'grant', maxAmount: 2_000_000 });
  });

  it('the schema rejects what it should', () => {
    const base = findSampleProgramme('gg-env-improvement')!;
    expect(SampleProgrammeSchema.safeParse({ ...base, detailUrl: 'http://www.gmr.or.kr' }).success).toBe(false);
    expect(SampleProgrammeSchema.safeParse({ ...base, requiredDocuments: ['no_such_doc'] }).success).toBe(false);
    expect(SampleProgrammeSchema.safeParse({ ...base, category: '08' }).success).toBe(false);
    expect(SampleProgrammeSchema.safeParse({ ...base, isSample: false }).success).toBe(false);
    expect(SampleProgrammeSchema.safeParse({ ...base, regions: { nationwide: true, sido: ['41'], municipalities: [] } }).success).toBe(
      false,
    );
    expect(SampleProgrammeSchema.safeParse({ ...base, period: { ...base.period, start: '2026-04-01', end: '2026-03-01' } }).success).toBe(
      false,
    );
    expect(SampleProgrammeSchema.safeParse({ ...base, rule: { all: [{ type: 'workers', maxExclusive: 0 }] } }).success).toBe(false);
    // An invented 지원대상 must carry the label, and a notice's must not pretend to be one.
    expect(SampleProgrammeSchema.safeParse({ ...base, targetTextOrigin: 'example' }).success).toBe(false);
    expect(SampleProgrammeSchema.safeParse({ ...base, targetText: `(예시) ${base.targetText}` }).success).toBe(false);
    expect(SampleProgrammeSchema.safeParse({ ...base, targetText: `(예시) ${base.targetText}`, targetTextOrigin: 'example' }).success).toBe(
      true,
    );
  });
});

describe('the demo data file (demo.programmes.json)', () => {
  it('is labelled as sample data and loads to exactly its programmes', () => {
    const file = dataFile();
    expect(file.label).toBe(SAMPLE_LABEL);
    expect(file.about).toMatch(/예시 데이터/);
    expect(SAMPLE_PROGRAMMES.map((p) => p.key)).toEqual(file.programmes.map((p) => p['key']));
    expect(JSON.parse(JSON.stringify(SAMPLE_PROGRAMMES))).toEqual(file.programmes);
  });

  it('refuses a file with a broken entry, naming it, and a file without the label', () => {
    const broken = dataFile();
    broken.programmes[3] = { ...broken.programmes[3], benefit: { type: 'grant', maxAmount: -1, description: 'x' } };
    expect(() => parseSampleCatalogue(broken)).toThrow(/hope-return-closure.*programmes\.3\.benefit\.maxAmount/);
    const unlabelled = { ...dataFile(), label: '지원사업 목록' };
    expect(() => parseSampleCatalogue(unlabelled)).toThrow(/label/);
    const twice = dataFile();
    twice.programmes.push(twice.programmes[0]!);
    expect(() => parseSampleCatalogue(twice)).toThrow(/semas-policy-fund-general appears twice/);
  });
});
