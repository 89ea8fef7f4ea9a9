import type { Criterion } from '../eligibility/eligibility.types.ts';
import type { RegionScope } from './catalog.types.ts';
import { GYEONGGI_MUNICIPALITIES } from '../places.ts';

/**
 * 시·도 names → 2-digit 행정표준코드. Current codes: 강원특별자치도 51 (was 42 until 2023-06-11),
 * 전북특별자치도 52 (was 45 until 2024-01-18). Older data may still carry 42/45: see
 * `normalizeSidoCode`. The short names are the ones bizinfo `hashtags` and K-Startup `supt_regin` use.
 */
export const SIDO: readonly { code: string; short: string; names: readonly string[] }[] = [
  { code: '11', short: '서울', names: ['서울', '서울특별시', '서울시'] },
  { code: '26', short: '부산', names: ['부산', '부산광역시', '부산시'] },
  { code: '27', short: '대구', names: ['대구', '대구광역시', '대구시'] },
  { code: '28', short: '인천', names: ['인천', '인천광역시', '인천시'] },
  // '광주' alone is 광주광역시 in the 시·도 lists; 경기도 광주시 is a 시·군 (41610), written "경기 광주".
  { code: '29', short: '광주', names: ['광주', '광주광역시'] },
  { code: '30', short: '대전', names: ['대전', '대전광역시', '대전시'] },
  { code: '31', short: '울산', names: ['울산', '울산광역시', '울산시'] },
  { code: '36', short: '세종', names: ['세종', '세종특별자치시', '세종시'] },
  { code: '41', short: '경기', names: ['경기', '경기도'] },
  { code: '51', short: '강원', names: ['강원', '강원도', '강원특별자치도'] },
  { code: '43', short: '충북', names: ['충북', '충청북도'] },
  { code: '44', short: '충남', names: ['충남', '충청남도'] },
  { code: '52', short: '전북', names: ['전북', '전라북도', '전북특별자치도'] },
  { code: '46', short: '전남', names: ['전남', '전라남도'] },
  { code: '47', short: '경북', names: ['경북', '경상북도'] },
  { code: '48', short: '경남', names: ['경남', '경상남도'] },
  { code: '50', short: '제주', names: ['제주', '제주도', '제주특별자치도'] },
];

/** 16 of the 17 시·도 (or more) listed = a nationwide notice; bizinfo tags national notices with all 17. */
export const NATIONWIDE_SIDO_THRESHOLD = 16;

const SIDO_BY_NAME = new Map<string, string>(SIDO.flatMap((s) => s.names.map((n) => [n, s.code] as const)));

/** Old codes still found in older data → current code. */
const OLD_SIDO_CODES: Readonly<Record<string, string>> = { '42': '51', '45': '52' };

export function normalizeSidoCode(code: string): string {
  return OLD_SIDO_CODES[code] ?? code;
}

/** 권역 names some notices use instead of 시·도 (K-Startup supt_regin, 지원대상 text). */
const REGION_GROUPS: Readonly<Record<string, readonly string[]>> = {
  수도권: ['11', '28', '41'],
  충청권: ['30', '36', '43', '44'],
  호남권: ['29', '46', '52'],
  영남권: ['26', '27', '31', '47', '48'],
  동남권: ['26', '31', '48'],
  대경권: ['27', '47'],
  강원권: ['51'],
  제주권: ['50'],
};

export function sidoCodeOf(name: string): string | undefined {
  return SIDO_BY_NAME.get(name.trim());
}

/** 경기도 31 시·군: one list for the whole code base (src/domain/places.ts). */
export { GYEONGGI_MUNICIPALITIES };

const MUNICIPALITY_BY_NAME = new Map<string, string>();
for (const m of GYEONGGI_MUNICIPALITIES) {
  const stem = m.name.slice(0, -1); // 수원시 → 수원, 연천군 → 연천
  MUNICIPALITY_BY_NAME.set(`경기도 ${m.name}`, m.code);
  MUNICIPALITY_BY_NAME.set(`경기도${m.name}`, m.code);
  MUNICIPALITY_BY_NAME.set(`경기 ${m.name}`, m.code);
  MUNICIPALITY_BY_NAME.set(`경기 ${stem}`, m.code);
  MUNICIPALITY_BY_NAME.set(`경기${stem}`, m.code);
  // "광주" / "광주시" alone mean 광주광역시 to most readers: only the qualified forms above name 41610.
  if (m.code === '41610') continue;
  MUNICIPALITY_BY_NAME.set(m.name, m.code);
  MUNICIPALITY_BY_NAME.set(stem, m.code);
}

/** A 경기도 시·군 name ("수원", "수원시", "경기도 수원시", "경기 광주") → 5-digit code. */
export function municipalityCodeOf(name: string): string | undefined {
  return MUNICIPALITY_BY_NAME.get(name.trim().replace(/\s+/g, ' '));
}

export interface RegionReading {
  scope: RegionScope;
  notes: string[];
}

function scopeFrom(nationwide: boolean, sido: Set<string>, municipalities: Set<string>): RegionScope {
  if (nationwide) return { nationwide: true, sido: [], municipalities: [] };
  const munis = [...municipalities].sort();
  // A 시·군 narrows its own 시·도 ("경기, 수원" = 수원): drop the parent so the 시·도 does not widen it.
  for (const m of munis) sido.delete(m.slice(0, 2));
  return { nationwide: false, sido: [...sido].sort(), municipalities: munis };
}

/**
 * Region from a list of tags (bizinfo `hashtags`, split on commas; K-Startup `supt_regin`).
 * Tags that are not places (분야, 부처명, 대상) are ignored. '전국' or ≥ 16 시·도 ⇒ nationwide.
 */
export function regionsFromTags(tags: readonly string[]): RegionReading {
  const sido = new Set<string>();
  const municipalities = new Set<string>();
  const notes: string[] = [];
  let nationwide = false;
  for (const raw of tags) {
    const tag = raw.trim().replace(/^#/, '');
    if (!tag) continue;
    if (tag === '전국') {
      nationwide = true;
      continue;
    }
    const group = REGION_GROUPS[tag];
    if (group) {
      group.forEach((c) => sido.add(c));
      continue;
    }
    const s = sidoCodeOf(tag);
    if (s) {
      sido.add(s);
      continue;
    }
    const m = municipalityCodeOf(tag);
    if (m) {
      municipalities.add(m);
      continue;
    }
    if (tag === '광주시') notes.push("지역 태그 '광주시'가 광주광역시인지 경기도 광주시인지 알 수 없어 쓰지 않았습니다");
  }
  if (sido.size >= NATIONWIDE_SIDO_THRESHOLD) nationwide = true;
  return { scope: scopeFrom(nationwide, sido, municipalities), notes };
}

/**
 * Region from an agency name such as 보조금24 소관기관명: "경기도" → 41, "경기도 수원시" → 41110,
 * "서울특별시 종로구" → 11 (we keep 시·군·구 codes for 경기도 only; the 시·도 still places it outside
 * 경기도). A name that starts with no 시·도 (중앙부처, 공공기관) gives nothing.
 */
export function regionsFromAgencyName(name: string): RegionReading {
  const text = name.trim().replace(/\s+/g, ' ');
  const notes: string[] = [];
  const [first = '', second] = text.split(' ');
  const sido = sidoCodeOf(first);
  if (!sido) return { scope: { nationwide: false, sido: [], municipalities: [] }, notes };
  if (second) {
    const m = sido === '41' ? municipalityCodeOf(`경기도 ${second}`) : undefined;
    if (m) return { scope: { nationwide: false, sido: [], municipalities: [m] }, notes };
    if (/[시군구]$/.test(second)) notes.push(`'${first} ${second}'의 시·군·구 코드를 몰라 시·도(${sido}) 단위로 두었습니다`);
  }
  return { scope: { nationwide: false, sido: [sido], municipalities: [] }, notes };
}

/** The eligibility criterion a region scope stands for; none when nationwide or unknown. */
export function regionCriterion(scope: RegionScope, note?: string): Criterion | undefined {
  if (scope.nationwide || (scope.sido.length === 0 && scope.municipalities.length === 0)) return undefined;
  const c: Criterion = { type: 'region' };
  if (scope.sido.length) c.sido = [...scope.sido];
  if (scope.municipalities.length) c.municipalities = [...scope.municipalities];
  if (note) c.note = note.slice(0, 500);
  return c;
}

/**
 * The region field of the rule forms (issue 11 §2: an editor sets the region a source did not give):
 * "전국", or 시·도 and 경기 시·군 by name or code, separated by commas — "경기도, 부산", "수원시, 용인시",
 * "41, 41110". Returns null with the tokens it could not read.
 */
export function parseRegionText(text: string): { nationwide: boolean; sido: string[]; municipalities: string[] } | { unknown: string[] } {
  const tokens = text
    .split(/[,，、·\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (tokens.length === 1 && /^(전국|nationwide)$/i.test(tokens[0]!)) return { nationwide: true, sido: [], municipalities: [] };
  const sido = new Set<string>();
  const municipalities = new Set<string>();
  const unknown: string[] = [];
  for (const tok of tokens) {
    if (/^\d{2}$/.test(tok) && SIDO.some((s) => s.code === normalizeSidoCode(tok))) sido.add(normalizeSidoCode(tok));
    else if (/^\d{5}$/.test(tok)) municipalities.add(tok);
    else if (sidoCodeOf(tok)) sido.add(sidoCodeOf(tok)!);
    else if (municipalityCodeOf(tok)) municipalities.add(municipalityCodeOf(tok)!);
    else unknown.push(tok);
  }
  if (unknown.length) return { unknown };
  return { nationwide: false, sido: [...sido].sort(), municipalities: [...municipalities].sort() };
}

/** The version's region columns as the rule forms show them: names where we know them ("경기도, 수원시"). */
export function regionText(v: { nationwide: boolean; sido: readonly string[]; municipalities: readonly string[] }): string {
  if (v.nationwide) return '전국';
  const sido = v.sido.map((c) => SIDO.find((s) => s.code === normalizeSidoCode(c))?.names[1] ?? c);
  const mun = v.municipalities.map((c) => GYEONGGI_MUNICIPALITIES.find((m) => m.code === c)?.name ?? c);
  return [...sido, ...mun].join(', ');
}
