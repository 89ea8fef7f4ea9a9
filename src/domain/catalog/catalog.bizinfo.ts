import type { Rule } from '../eligibility/eligibility.types.ts';
import { detectBenefitType, extractMaxAmount } from './catalog.amount.ts';
import {
  RecordError,
  compact,
  extractDocumentsFromText,
  isRecord,
  readId,
  readJoined,
  readLine,
  readString,
  readText,
  readUrl,
  runBatch,
  type JsonRecord,
} from './catalog.fields.ts';
import { parseKstTimestamp, parsePeriod } from './catalog.period.ts';
import { regionsFromTags } from './catalog.region.ts';
import {
  CATEGORY_LABELS,
  ImportSourceError,
  type Attachment,
  type CategoryCode,
  type ImportBatch,
  type ProgrammeDraft,
} from './catalog.types.ts';

/**
 * 기업마당 (bizinfo) 지원사업 공고 → drafts. Two envelopes carry the same items:
 * - bizinfo's own API (bizinfoApi.do, dataType=json): `{"jsonArray":[…]}`, errors as `{"reqErr": "…"}`;
 * - the data.go.kr gateway: `{"response":{"header":{resultCode,resultMsg},"body":{"items":{"item":…}}}}`
 *   where `item` is a list, or a single object when there is one result, and `items` is "" when
 *   there is none.
 * Item fields as documented in docs/domain.md ("Programme data sources").
 */
export const BIZINFO_ORIGIN = 'https://www.bizinfo.go.kr';

/** pldirSportRealmLclasCodeNm → code (01 금융 02 기술 03 인력 04 수출 05 내수 06 창업 07 경영 09 기타). */
const CATEGORY_BY_NAME: Readonly<Record<string, CategoryCode>> = {
  금융: '01',
  기술: '02',
  인력: '03',
  수출: '04',
  내수: '05',
  창업: '06',
  경영: '07',
  기타: '09',
};

export function categoryFromName(name: string | undefined): { code: CategoryCode; label: string; note?: string } {
  if (!name) return { code: '09', label: CATEGORY_LABELS['09'], note: '지원분야가 없어 기타(09)로 두었습니다' };
  // A notice filed under several fields is written "금융@경영": the first is the main one.
  const first = name.split('@')[0]!.trim();
  const code = CATEGORY_BY_NAME[first];
  if (code) return { code, label: CATEGORY_LABELS[code] };
  return { code: '09', label: CATEGORY_LABELS['09'], note: `지원분야 '${name}'를 알 수 없어 기타(09)로 두었습니다` };
}

function sourceError(message: string, sourceMessage?: string): ImportSourceError {
  return new ImportSourceError('bizinfo', message, sourceMessage);
}

function errorText(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** The item list of either envelope; throws ImportSourceError when the payload is not usable. */
export function bizinfoItems(json: unknown): unknown[] {
  let payload = json;
  if (typeof payload === 'string') {
    try {
      payload = JSON.parse(payload) as unknown;
    } catch {
      throw sourceError('기업마당 응답이 JSON이 아닙니다');
    }
  }
  if (!isRecord(payload)) throw sourceError('기업마당 응답이 JSON 객체가 아닙니다');
  if ('reqErr' in payload) {
    const msg = errorText(payload.reqErr);
    throw sourceError(`기업마당 API가 오류를 돌려주었습니다: ${msg}`, msg);
  }
  if ('jsonArray' in payload) {
    const arr = payload.jsonArray;
    if (isRecord(arr) && 'reqErr' in arr) {
      const msg = errorText(arr.reqErr);
      throw sourceError(`기업마당 API가 오류를 돌려주었습니다: ${msg}`, msg);
    }
    if (!Array.isArray(arr)) throw sourceError('기업마당 응답의 jsonArray가 목록이 아닙니다');
    return arr;
  }
  if ('response' in payload) {
    const response = payload.response;
    if (!isRecord(response)) throw sourceError('공공데이터포털 응답의 response가 객체가 아닙니다');
    const header = response.header;
    if (isRecord(header) && header.resultCode !== undefined) {
      const code =
        typeof header.resultCode === 'string' || typeof header.resultCode === 'number'
          ? String(header.resultCode)
          : JSON.stringify(header.resultCode);
      if (!/^0+$/.test(code) && code !== 'INFO-000') {
        const msg = errorText(header.resultMsg ?? code);
        throw sourceError(`공공데이터포털 API가 오류를 돌려주었습니다 (${code}): ${msg}`, msg);
      }
    }
    const body = response.body;
    if (!isRecord(body)) throw sourceError('공공데이터포털 응답에 body가 없습니다');
    const items = body.items;
    if (items === undefined || items === null || items === '') return [];
    if (Array.isArray(items)) return items; // some gateways drop the `item` level
    if (!isRecord(items)) throw sourceError('공공데이터포털 응답의 items가 객체가 아닙니다');
    const item = items.item;
    if (item === undefined || item === null) return [];
    if (Array.isArray(item)) return item;
    if (isRecord(item)) return [item];
    throw sourceError('공공데이터포털 응답의 items.item이 목록이나 객체가 아닙니다');
  }
  throw sourceError('기업마당 응답 형식이 아닙니다 (jsonArray 또는 response.body.items.item이 없습니다)');
}

function attachments(rec: JsonRecord, urlKey: string, nameKey: string, notes: string[]): Attachment[] {
  const urls = readJoined(rec, urlKey, '@', '첨부파일 경로');
  const names = readJoined(rec, nameKey, '@', '첨부파일 이름');
  const out: Attachment[] = [];
  urls.forEach((u, i) => {
    const { url, note } = readUrl(u, '첨부파일 주소', BIZINFO_ORIGIN);
    if (note) notes.push(note);
    if (!url) return;
    const name = names[i] || `첨부파일 ${i + 1}`;
    out.push({ url, name });
  });
  if (names.length > urls.length) notes.push(`첨부파일 이름(${names.length}개)이 경로(${urls.length}개)보다 많아 남는 이름은 버렸습니다`);
  return out;
}

function parseItem(rec: JsonRecord): { draft: Omit<ProgrammeDraft, 'source'> } {
  const notes: string[] = [];
  const sourceId = readId(rec, 'pblancId', '공고 ID');
  const title = readLine(rec, 'pblancNm', '공고명');
  if (!title) throw new RecordError('공고명(pblancNm)이 없습니다');

  const periodRaw = readString(rec, 'reqstBeginEndDe', '신청기간') ?? '';
  const parsed = parsePeriod(periodRaw);
  if (!parsed.ok) throw new RecordError(parsed.reason);

  const category = categoryFromName(readLine(rec, 'pldirSportRealmLclasCodeNm', '지원분야'));
  if (category.note) notes.push(category.note);

  const summary = readText(rec, 'bsnsSumryCn', '사업개요');
  const target = readText(rec, 'trgetNm', '지원대상');
  const howToApply = readText(rec, 'reqstMthPapersCn', '신청방법');

  const detail = readUrl(readString(rec, 'pblancUrl', '공고 주소'), '공고 주소', BIZINFO_ORIGIN);
  if (detail.note) notes.push(detail.note);
  const apply = readUrl(readString(rec, 'rceptEngnHmpgUrl', '접수 홈페이지'), '접수 홈페이지');
  if (apply.note) notes.push(apply.note);

  const region = regionsFromTags(readJoined(rec, 'hashtags', ',', '해시태그'));
  notes.push(...region.notes);

  const files = [...attachments(rec, 'flpthNm', 'fileNm', notes), ...attachments(rec, 'printFlpthNm', 'printFileNm', notes)];
  const uniqueFiles = files.filter((f, i) => files.findIndex((g) => g.url === f.url) === i);

  const updated = readString(rec, 'updtPnttm', '수정일시') ?? readString(rec, 'creatPnttm', '등록일시');
  const sourceUpdatedAt = updated ? parseKstTimestamp(updated) : undefined;
  if (updated && !sourceUpdatedAt) notes.push(`수정일시 '${updated}'를 읽을 수 없어 비워 두었습니다`);

  const benefitText = [title, summary ?? ''].join('\n');
  const benefitType = detectBenefitType(benefitText);
  const maxAmount = extractMaxAmount(benefitText);

  // trgetNm is a short tag list (중소기업, 소상공인, 창업벤처 …). Only "소상공인" alone is a condition;
  // 중소기업 does not narrow anything for our users (every 소상공인 is a 중소기업).
  let rule: Rule | undefined;
  const targets = (target ?? '')
    .split(/[,·/]/)
    .map((t) => t.trim())
    .filter(Boolean);
  if (targets.length === 1 && targets[0] === '소상공인') {
    rule = { type: 'smallBusiness', note: '지원대상: 소상공인', source: '기업마당 trgetNm' };
  }

  return {
    draft: compact({
      sourceId,
      title,
      agencies: compact({ ministry: readLine(rec, 'jrsdInsttNm', '소관기관'), executingAgency: readLine(rec, 'excInsttNm', '수행기관') }),
      category: { code: category.code, label: category.label },
      subcategory: readLine(rec, 'pldirSportRealmMlsfcCodeNm', '지원분야 중분류'),
      summary,
      target,
      period: parsed.period,
      howToApply,
      detailUrl: detail.url ?? `${BIZINFO_ORIGIN}/sii/siia/selectSIIA200Detail.do?pblancId=${encodeURIComponent(sourceId)}`,
      applicationUrl: apply.url,
      contact: readText(rec, 'refrncNm', '문의처'),
      regions: region.scope,
      benefit: compact({ type: benefitType, maxAmount }),
      requiredDocuments: extractDocumentsFromText(howToApply),
      attachments: uniqueFiles,
      sourceUpdatedAt,
      rule,
      notes,
      raw: rec,
    }),
  };
}

/** 기업마당 payload → batch of drafts, with per-record rejections. Throws only ImportSourceError. */
export function parseBizinfo(json: unknown): ImportBatch {
  return runBatch('bizinfo', bizinfoItems(json), parseItem, 'pblancId');
}
