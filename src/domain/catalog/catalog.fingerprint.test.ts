import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBizinfo } from './catalog.bizinfo.ts';
import { canonicalJson, draftFingerprint } from './catalog.fingerprint.ts';
import { parseKstartup } from './catalog.kstartup.ts';

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../../test/fixtures/catalog/${name}`, import.meta.url), 'utf8'));
}

/** The same JSON with every object's keys in reverse order. */
function reverseKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reverseKeys);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.entries(v)
        .reverse()
        .map(([k, x]) => [k, reverseKeys(x)]),
    );
  return v;
}

const fingerprints = (json: unknown) => parseBizinfo(json).records.map((r) => draftFingerprint(r.draft));

describe('draftFingerprint', () => {
  const json = fixture('bizinfo-jsonArray.json') as { jsonArray: Record<string, unknown>[] };
  const base = fingerprints(json);

  it('is a versioned sha-256', () => {
    for (const f of base) expect(f).toMatch(/^v1:[0-9a-f]{64}$/);
    expect(new Set(base).size).toBe(base.length);
  });

  it('same input → same hash', () => {
    expect(fingerprints(fixture('bizinfo-jsonArray.json'))).toEqual(base);
    expect(parseKstartup(fixture('kstartup.json')).records.map((r) => draftFingerprint(r.draft))).toEqual(
      parseKstartup(fixture('kstartup.json')).records.map((r) => draftFingerprint(r.draft)),
    );
  });

  it('reordered JSON keys → same hash', () => {
    expect(fingerprints(reverseKeys(json))).toEqual(base);
  });

  it('volatile fields (조회수 inqireCo, totCnt, 수정일시) do not change it', () => {
    const bumped = { jsonArray: json.jsonArray.map((i) => ({ ...i, inqireCo: 999_999, totCnt: 12, updtPnttm: '2026-12-31 23:59:59' })) };
    expect(fingerprints(bumped)).toEqual(base);
  });

  it('a change of content does', () => {
    const first = json.jsonArray[0]!;
    const changed = (patch: Record<string, unknown>) => fingerprints({ jsonArray: [{ ...first, ...patch }] })[0];
    expect(changed({})).toBe(base[0]);
    expect(changed({ pblancNm: `${String(first.pblancNm)} (수정)` })).not.toBe(base[0]);
    expect(changed({ reqstBeginEndDe: '2026-04-24 ~ 2026-05-20' })).not.toBe(base[0]);
    expect(changed({ hashtags: '경영,서울' })).not.toBe(base[0]);
    expect(changed({ fileNm: '참여신청서 서식.hwp@2026년 경영환경개선 지원사업 공고문.hwp' })).not.toBe(base[0]);
  });

  it('canonicalJson ignores key order and undefined, keeps list order (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(canonicalJson(reverseKeys(v))).toBe(canonicalJson(v));
      }),
    );
    expect(canonicalJson({ b: 1, a: [2, 1], c: undefined })).toBe('{"a":[2,1],"b":1}');
  });
});
