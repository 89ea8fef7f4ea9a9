import { createHash } from 'node:crypto';
import { KSIC_DIVISION_SECTION } from '../eligibility/eligibility.reference.ts';
import { GYEONGGI_MUNICIPALITIES } from '../places.ts';

/**
 * # 상가(상권)정보 (소상공인시장진흥공단) — one row of the public shop file, read and checked
 *
 * The file (공공데이터포털 "소상공인시장진흥공단_상가(상권)정보", per 시·도 or national, CSV) has 39
 * columns with a Korean header row. Columns are found **by header name**, never by position: the
 * publisher has reordered and renamed columns between releases, so a missing optional column only
 * leaves its fact unknown and an extra column is ignored (both reported once for the file).
 *
 * A registry shop is public data about a place of business (상호, 업종, 주소, 좌표): no owner, no
 * personal data (docs/domain.md "Programme data sources"). The facts it gives Itda: 시·도, 시·군,
 * KSIC (from 표준산업분류코드, a section letter + 5 digits such as `I56111`) and the location;
 * everything else (업력, 매출, 상시근로자 …) stays unknown until a clerk opens an intake.
 *
 * Pure: no I/O. The streaming reader is src/modules/stores/stores.reader.ts.
 */

/** Canonical field ← the header of the published file (the 39 columns, in their published order). */
export const STORE_COLUMNS = {
  id: '상가업소번호',
  name: '상호명',
  branchName: '지점명',
  industryLargeCode: '상권업종대분류코드',
  industryLargeName: '상권업종대분류명',
  industryMidCode: '상권업종중분류코드',
  industryMidName: '상권업종중분류명',
  industrySmallCode: '상권업종소분류코드',
  industrySmallName: '상권업종소분류명',
  ksicRaw: '표준산업분류코드',
  ksicName: '표준산업분류명',
  sidoCode: '시도코드',
  sidoName: '시도명',
  sigunguCode: '시군구코드',
  sigunguName: '시군구명',
  adongCode: '행정동코드',
  adongName: '행정동명',
  ldongCode: '법정동코드',
  ldongName: '법정동명',
  jibunCode: '지번코드',
  landKindCode: '대지구분코드',
  landKindName: '대지구분명',
  jibunMain: '지번본번지',
  jibunSub: '지번부번지',
  jibunAddress: '지번주소',
  roadCode: '도로명코드',
  roadName: '도로명',
  buildingMain: '건물본번지',
  buildingSub: '건물부번지',
  buildingId: '건물관리번호',
  buildingName: '건물명',
  roadAddress: '도로명주소',
  oldPostcode: '구우편번호',
  postcode: '신우편번호',
  dongInfo: '동정보',
  floorInfo: '층정보',
  unitInfo: '호정보',
  lon: '경도',
  lat: '위도',
} as const;
export type StoreColumn = keyof typeof STORE_COLUMNS;

/** Without these a row cannot be kept or placed in a 시·군. */
const REQUIRED: readonly StoreColumn[] = ['id', 'name', 'sigunguCode'];

/** How the header maps to fields: index of each known column, and what was missing or unknown. */
export interface HeaderMap {
  index: Partial<Record<StoreColumn, number>>;
  width: number;
  missingOptional: string[];
  unknown: string[];
}

export class StoreFileError extends Error {
  constructor(
    readonly messageKey: string,
    readonly detail: string,
  ) {
    super(`${messageKey}: ${detail}`);
    this.name = 'StoreFileError';
  }
}

const normHeader = (h: string) => h.replace(/^\uFEFF/, '').replace(/[\s"']/g, '');

/** Reads the header row. Throws StoreFileError when a required column is absent (then no row could be read). */
export function mapHeader(header: readonly string[]): HeaderMap {
  const byName = new Map<string, number>();
  header.forEach((h, i) => {
    const n = normHeader(h);
    if (n && !byName.has(n)) byName.set(n, i);
  });
  const index: HeaderMap['index'] = {};
  const known = new Set<string>();
  const missingOptional: string[] = [];
  for (const [field, name] of Object.entries(STORE_COLUMNS) as [StoreColumn, string][]) {
    known.add(name);
    const i = byName.get(name);
    if (i === undefined) {
      if (!REQUIRED.includes(field)) missingOptional.push(name);
    } else index[field] = i;
  }
  const missingRequired = REQUIRED.filter((f) => index[f] === undefined).map((f) => STORE_COLUMNS[f]);
  if (missingRequired.length) throw new StoreFileError('stores.file.missingColumns', missingRequired.join(', '));
  const unknown = [...byName.keys()].filter((n) => !known.has(n));
  return { index, width: header.length, missingOptional, unknown };
}

/** What Itda keeps of one shop (the columns of table `store`). */
export interface StoreRecord {
  id: string;
  name: string;
  branchName: string | null;
  industryLargeCode: string | null;
  industryLargeName: string | null;
  industryMidCode: string | null;
  industryMidName: string | null;
  industrySmallCode: string | null;
  industrySmallName: string | null;
  ksicCode: string | null;
  ksicName: string | null;
  sidoCode: string;
  sigunguCode: string;
  sigunguName: string | null;
  municipalityCode: string;
  adongCode: string | null;
  adongName: string | null;
  ldongCode: string | null;
  ldongName: string | null;
  jibunAddress: string | null;
  roadAddress: string | null;
  buildingName: string | null;
  postcode: string | null;
  floorInfo: string | null;
  unitInfo: string | null;
  lon: number | null;
  lat: number | null;
  fingerprint: string;
}

/** Why a row was not kept (or, for `coordinates`, kept without its location). Message key `stores.reason.<reason>`. */
export type StoreRowIssue = 'columns' | 'noId' | 'badId' | 'noName' | 'noMunicipality' | 'badKsic' | 'encoding' | 'coordinates' | 'duplicate';

export type RowOutcome =
  | { kind: 'ok'; record: StoreRecord; warning?: { reason: 'coordinates'; detail: string } }
  | { kind: 'outside'; sidoCode: string }
  | { kind: 'rejected'; reason: StoreRowIssue; storeId: string | null; detail: string };

/** 경기도 (행정표준코드 시·도 41): Itda keeps only shops of the province it serves. */
export const GYEONGGI_SIDO = '41';

const CITY_CODES = new Set(GYEONGGI_MUNICIPALITIES.map((m) => m.code));

/**
 * The file's 시군구코드 is that of the 자치구 or 일반구 (수원시 장안구 41111, 고양시 일산동구 41285);
 * Itda's 시·군 (`municipality`, src/domain/places.ts) is the city (41110, 41280). An 일반구 shares
 * its city's first four digits, so a code not in the list is tried with its last digit set to 0.
 */
export function municipalityOfSigungu(code: string): string | null {
  if (!/^\d{5}$/.test(code)) return null;
  if (CITY_CODES.has(code)) return code;
  const city = `${code.slice(0, 4)}0`;
  return CITY_CODES.has(city) ? city : null;
}

/**
 * 표준산업분류코드 → KSIC (10th revision) 5-digit subclass. The file writes the section letter first
 * (`I56111`); a bare 5-digit code is accepted too. The letter must be the section of the division
 * (56 → I); otherwise the code is wrong and the row is rejected rather than matched on a guess.
 * Empty → null (unknown), not an error.
 */
export function ksicFromStandardCode(raw: string): { ok: true; code: string | null } | { ok: false } {
  const v = raw.trim().toUpperCase();
  if (!v) return { ok: true, code: null };
  const m = /^([A-U])?(\d{5})$/.exec(v);
  if (!m) return { ok: false };
  const section = KSIC_DIVISION_SECTION.get(m[2]!.slice(0, 2));
  if (!section || (m[1] && m[1] !== section)) return { ok: false };
  return { ok: true, code: m[2]! };
}

/** The Republic of Korea's extent with a margin (마라도 33.1°N … 고성 38.6°N; 백령도 124.6°E … 독도 131.9°E). */
export const KOREA_BOUNDS = { latMin: 33, latMax: 39, lonMin: 124, lonMax: 132 } as const;

function coordinates(lonRaw: string, latRaw: string): { lon: number; lat: number } | null | 'bad' {
  if (!lonRaw.trim() && !latRaw.trim()) return null;
  const lon = Number(lonRaw);
  const lat = Number(latRaw);
  if (!lonRaw.trim() || !latRaw.trim() || !Number.isFinite(lon) || !Number.isFinite(lat)) return 'bad';
  const b = KOREA_BOUNDS;
  if (lat < b.latMin || lat > b.latMax || lon < b.lonMin || lon > b.lonMax) return 'bad';
  return { lon, lat };
}

const ID_PATTERN = /^[A-Za-z0-9_-]{1,40}$/;

/** Checks one data row against the header and returns what to keep, or why not. */
export function readStoreRow(map: HeaderMap, row: readonly string[]): RowOutcome {
  const get = (f: StoreColumn): string => {
    const i = map.index[f];
    return i === undefined ? '' : (row[i] ?? '').trim();
  };
  const opt = (f: StoreColumn): string | null => get(f) || null;
  const rawId = get('id');
  const storeId = rawId || null;
  if (row.length < map.width) return { kind: 'rejected', reason: 'columns', storeId, detail: `${row.length}/${map.width}` };
  if (row.length > map.width && row.slice(map.width).some((v) => v.trim() !== '')) return { kind: 'rejected', reason: 'columns', storeId, detail: `${row.length}/${map.width}` };
  // A CP949 byte sequence that does not decode: better refused than stored as mojibake.
  if (row.some((v) => v.includes('\uFFFD'))) return { kind: 'rejected', reason: 'encoding', storeId, detail: '' };
  if (!rawId) return { kind: 'rejected', reason: 'noId', storeId: null, detail: '' };
  if (!ID_PATTERN.test(rawId)) return { kind: 'rejected', reason: 'badId', storeId: rawId.slice(0, 40), detail: rawId.slice(0, 40) };
  const name = get('name');
  if (!name) return { kind: 'rejected', reason: 'noName', storeId, detail: '' };
  const sigunguCode = get('sigunguCode');
  const sidoCode = get('sidoCode') || sigunguCode.slice(0, 2);
  if (/^\d{2}$/.test(sidoCode) && sidoCode !== GYEONGGI_SIDO) return { kind: 'outside', sidoCode };
  const municipalityCode = municipalityOfSigungu(sigunguCode);
  if (!municipalityCode) return { kind: 'rejected', reason: 'noMunicipality', storeId, detail: sigunguCode };
  const ksic = ksicFromStandardCode(get('ksicRaw'));
  if (!ksic.ok) return { kind: 'rejected', reason: 'badKsic', storeId, detail: get('ksicRaw').slice(0, 20) };
  const where = coordinates(get('lon'), get('lat'));
  const fields = {
    id: rawId,
    name: name.slice(0, 200),
    branchName: opt('branchName'),
    industryLargeCode: opt('industryLargeCode'),
    industryLargeName: opt('industryLargeName'),
    industryMidCode: opt('industryMidCode'),
    industryMidName: opt('industryMidName'),
    industrySmallCode: opt('industrySmallCode'),
    industrySmallName: opt('industrySmallName'),
    ksicCode: ksic.code,
    ksicName: ksic.code ? opt('ksicName') : null,
    sidoCode: GYEONGGI_SIDO,
    sigunguCode,
    sigunguName: opt('sigunguName'),
    municipalityCode,
    adongCode: opt('adongCode'),
    adongName: opt('adongName'),
    ldongCode: opt('ldongCode'),
    ldongName: opt('ldongName'),
    jibunAddress: opt('jibunAddress'),
    roadAddress: opt('roadAddress'),
    buildingName: opt('buildingName'),
    postcode: opt('postcode'),
    floorInfo: opt('floorInfo'),
    unitInfo: opt('unitInfo'),
    lon: where && where !== 'bad' ? where.lon : null,
    lat: where && where !== 'bad' ? where.lat : null,
  };
  const record: StoreRecord = { ...fields, fingerprint: storeFingerprint(fields) };
  if (where === 'bad') return { kind: 'ok', record, warning: { reason: 'coordinates', detail: `${get('lon')}, ${get('lat')}`.slice(0, 60) } };
  return { kind: 'ok', record };
}

/** Same content → same hash, so a re-import of an unchanged shop writes nothing (field order is fixed above). */
export function storeFingerprint(fields: Omit<StoreRecord, 'fingerprint'>): string {
  return createHash('sha1').update(JSON.stringify(Object.values(fields))).digest('base64url').slice(0, 22);
}

/**
 * Which encoding a file is in, from its first bytes: UTF-8 with a BOM, UTF-8 (the first chunk
 * decodes strictly), else CP949 (the publisher's older releases and every file saved by Excel in
 * Korean Windows). A wrong guess would store mojibake, so the UTF-8 decoder stays strict for the
 * whole file (a later invalid byte fails the import) and CP949 rows with undecodable bytes are rejected.
 */
export function detectEncoding(head: Uint8Array): { encoding: 'utf-8' | 'cp949'; bom: boolean } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bom: true };
  try {
    // stream: true so a multi-byte character cut at the end of the chunk is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return { encoding: 'utf-8', bom: false };
  } catch {
    return { encoding: 'cp949', bom: false };
  }
}
