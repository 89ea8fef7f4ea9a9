import { ImportSourceError, ProgrammeDraftSchema, type ImportBatch, type ProgrammeDraft, type ProgrammeSource } from './catalog.types.ts';
import { htmlToOneLine, htmlToPlainText } from './catalog.text.ts';

/**
 * Shared field readers for the source parsers. A reader throws `RecordError` (with a Korean
 * reason naming the field) when a value has the wrong JSON type; `runBatch` turns that into a
 * rejected record and carries on with the next one.
 */
export class RecordError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'RecordError';
  }
}

export type JsonRecord = Record<string, unknown>;

export function isRecord(v: unknown): v is JsonRecord {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The JSON type of a value, in Korean, for rejection reasons. */
export function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return '목록';
  switch (typeof v) {
    case 'string':
      return '글자';
    case 'number':
      return '숫자';
    case 'boolean':
      return '참/거짓';
    case 'object':
      return '객체';
    case 'undefined':
      return '없음';
    case 'bigint':
    case 'function':
    case 'symbol':
      return typeof v;
  }
  return '알 수 없는 값';
}

function field(key: string, label?: string): string {
  return label && label !== key ? `${label}(${key})` : key;
}

/** Raw string of a text field; null/undefined/blank → undefined; any other type → RecordError. */
export function readString(rec: JsonRecord, key: string, label?: string): string | undefined {
  const v = rec[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new RecordError(`${field(key, label)}에 글자가 와야 하는데 ${typeName(v)}이(가) 왔습니다`);
  return v.trim() === '' ? undefined : v;
}

/** A text field as plain text (HTML stripped, whitespace normalised). */
export function readText(rec: JsonRecord, key: string, label?: string): string | undefined {
  const v = readString(rec, key, label);
  if (v === undefined) return undefined;
  const t = htmlToPlainText(v);
  return t === '' ? undefined : t;
}

/** A text field on one line (titles, agency names). */
export function readLine(rec: JsonRecord, key: string, label?: string): string | undefined {
  const v = readString(rec, key, label);
  if (v === undefined) return undefined;
  const t = htmlToOneLine(v);
  return t === '' || /^[-–—]$/.test(t) ? undefined : t;
}

/** A key: a non-empty string or a non-negative integer (K-Startup pbanc_sn is a number). */
export function readId(rec: JsonRecord, key: string, label: string): string {
  const v = rec[key];
  if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) throw new RecordError(`${field(key, label)}가 없습니다`);
  if (typeof v === 'number') {
    if (Number.isSafeInteger(v) && v >= 0) return String(v);
    throw new RecordError(`${field(key, label)} 값 ${v}는 ID로 쓸 수 없습니다`);
  }
  if (typeof v !== 'string') throw new RecordError(`${field(key, label)}에 글자나 숫자가 와야 하는데 ${typeName(v)}이(가) 왔습니다`);
  const id = v.trim();
  // eslint-disable-next-line no-control-regex -- control characters are exactly what we refuse in an id
  if (id.length > 200 || /[\u0000-\u001f]/.test(id)) throw new RecordError(`${field(key, label)} 값이 ID 형식이 아닙니다`);
  return id;
}

/**
 * A list written as one joined string ("a@b@c", "경기,서울") or as a JSON list of strings. Empty
 * items are dropped. A number or an object → RecordError.
 */
export function readJoined(rec: JsonRecord, key: string, separator: string | RegExp, label?: string): string[] {
  const v = rec[key];
  if (v === undefined || v === null) return [];
  if (typeof v === 'string')
    return v
      .split(separator)
      .map((s) => s.trim())
      .filter((s) => s !== '');
  if (Array.isArray(v)) {
    return v.map((item, i) => {
      if (typeof item !== 'string')
        throw new RecordError(`${field(key, label)}의 ${i + 1}번째 값에 글자가 와야 하는데 ${typeName(item)}이(가) 왔습니다`);
      return item.trim();
    });
  }
  throw new RecordError(`${field(key, label)}에 목록이나 글자가 와야 하는데 ${typeName(v)}이(가) 왔습니다`);
}

/** "Y"/"N" (also true/false); anything else missing or blank → undefined; other types → RecordError. */
export function readYesNo(rec: JsonRecord, key: string, label?: string): boolean | undefined {
  const v = rec[key];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const t = v.trim().toUpperCase();
    if (t === 'Y') return true;
    if (t === 'N') return false;
    if (t === '') return undefined;
  }
  throw new RecordError(`${field(key, label)}에 Y/N이 와야 하는데 ${typeof v === 'string' ? `'${v}'` : typeName(v)}이(가) 왔습니다`);
}

/** An integer written as a number or a numeric string ("065"); blank → undefined. */
export function readInteger(rec: JsonRecord, key: string, label?: string): number | undefined {
  const v = rec[key];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^\s*-?\d+\s*$/.test(v)) return Number(v);
  throw new RecordError(`${field(key, label)}에 정수가 와야 하는데 ${typeof v === 'string' ? `'${v}'` : typeName(v)}이(가) 왔습니다`);
}

export interface UrlReading {
  url?: string;
  note?: string;
}

/**
 * A link the page will show: only http(s). A bare host ("www.k-startup.go.kr") gets https://; a
 * site-relative path resolves against `base`. Anything else (javascript:, mailto:, garbage) is
 * dropped with a note: a bad link does not make the notice unusable.
 */
export function readUrl(value: string | undefined, what: string, base?: string): UrlReading {
  if (value === undefined) return {};
  let v = value.trim().replace(/&amp;/g, '&');
  if (v === '' || v === '-') return {};
  if (/^\/(?!\/)/.test(v) && base) v = new URL(v, base).toString();
  else if (/^\/\//.test(v)) v = `https:${v}`;
  else if (!/^[a-z][a-z0-9+.-]*:/i.test(v) && /^[\w-]+(\.[\w-]+)+(:\d+)?(\/\S*)?$/.test(v)) v = `https://${v}`;
  let parsed: URL;
  try {
    parsed = new URL(v);
  } catch {
    return { note: `${what} '${value.slice(0, 80)}'는 주소 형식이 아니어서 쓰지 않았습니다` };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    return { note: `${what} '${value.slice(0, 80)}'는 http(s) 주소가 아니어서 쓰지 않았습니다` };
  if (/\s/.test(v)) return { note: `${what} '${value.slice(0, 80)}'에 공백이 있어 쓰지 않았습니다` };
  return { url: parsed.toString() };
}

/**
 * Document names from a 구비서류 text: one per line or per "||", bullets (○ - · • ※ ①…, "1.") and
 * counts ("1부") removed; "없음"/"-" dropped.
 */
export function splitDocumentList(text: string | undefined): string[] {
  if (!text) return [];
  const out: string[] = [];
  for (const piece of text.split(/\|\||\n/)) {
    const name = piece
      .replace(/^\s*(?:[-○●◎◦·•▪▶►☞※*]|[①-⑳]|\(?\d{1,2}[.)]|[가-하][.)])\s*/, '')
      .replace(/\s*[(（]?\s*(?:각\s*)?\d+\s*부\s*[)）]?\s*$/, '')
      .replace(/[,;]\s*$/, '')
      .trim();
    if (name === '' || /^(?:-|없음|해당\s*없음|해당사항\s*없음)$/.test(name)) continue;
    if (!out.includes(name)) out.push(name);
  }
  return out;
}

/**
 * Documents named in a "how to apply" text (bizinfo reqstMthPapersCn mixes 신청방법 and 제출서류):
 * the list that follows a 제출서류/구비서류/신청서류 heading, up to a blank line or the next heading.
 */
export function extractDocumentsFromText(text: string | undefined): string[] {
  if (!text) return [];
  const lines = text.split('\n');
  const start = lines.findIndex((l) => /(?:제출|구비|신청|필요)\s*서류/.test(l));
  if (start < 0) return [];
  const heading = lines[start]!;
  const afterColon = heading.split(/[:：]/).slice(1).join(':').trim();
  const items: string[] = [];
  if (afterColon) items.push(...afterColon.split(/,\s*/));
  for (const l of lines.slice(start + 1)) {
    if (l.trim() === '') break;
    if (/^\s*(?:[□■◆◇]|\[|【)/.test(l) || /(?:접수|신청)\s*(?:방법|기간|처)\s*[:：]?/.test(l)) break;
    items.push(l);
  }
  return splitDocumentList(items.join('\n'));
}

type ParseOutcome = { draft: Omit<ProgrammeDraft, 'source'> } | { skip: string; sourceId: string };

/**
 * The record loop every source shares: numbers lines from 1, rejects a record whose parser throws
 * (with the reason and the line), rejects a second record with an id already seen, validates each
 * draft against `ProgrammeDraftSchema`, and never throws itself.
 */
export function runBatch(
  source: ProgrammeSource,
  items: readonly unknown[],
  parseOne: (rec: JsonRecord) => ParseOutcome,
  idKey: string,
): ImportBatch {
  const batch: ImportBatch = { source, records: [], rejected: [], skipped: [], total: items.length };
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const line = i + 1;
    if (!isRecord(item)) {
      batch.rejected.push({ line, reason: `레코드가 객체가 아니라 ${typeName(item)}입니다` });
      return;
    }
    const idGuess = item[idKey];
    const sourceId = typeof idGuess === 'string' || typeof idGuess === 'number' ? String(idGuess).trim() || undefined : undefined;
    try {
      const out = parseOne(item);
      if ('skip' in out) {
        batch.skipped.push({ line, sourceId: out.sourceId, reason: out.skip });
        return;
      }
      const first = seen.get(out.draft.sourceId);
      if (first !== undefined) {
        batch.rejected.push({
          line,
          sourceId: out.draft.sourceId,
          reason: `같은 ID(${out.draft.sourceId})가 ${first}번째 항목에 이미 있습니다`,
        });
        return;
      }
      const checked = ProgrammeDraftSchema.safeParse({ source, ...out.draft });
      if (!checked.success) {
        const issue = checked.error.issues[0];
        batch.rejected.push({
          line,
          sourceId: out.draft.sourceId,
          reason: `정규화 결과가 형식에 맞지 않습니다: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(),
        });
        return;
      }
      seen.set(out.draft.sourceId, line);
      batch.records.push({ line, draft: checked.data });
    } catch (e) {
      const reason = e instanceof RecordError ? e.message : `처리 중 오류: ${e instanceof Error ? e.message : String(e)}`;
      batch.rejected.push({ line, ...(sourceId ? { sourceId } : {}), reason });
    }
  });
  return batch;
}

/** Keep only defined values, so optional fields are left out rather than set to undefined. */
export function compact<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/**
 * The records of an odcloud / data.go.kr gateway answer (보조금24, K-Startup): the payload is
 * `{ page, perPage, totalCount, currentCount, matchCount, data: [...] }` (some clients keep the
 * list one level down as `data.data[]`), a bare array, or the same as a JSON string. A gateway
 * error (`{"code": -4, "msg": "등록되지 않은 인증키 입니다."}`) or any other shape throws
 * ImportSourceError naming the source, with the gateway's own message when it sent one.
 */
export function odcloudItems(json: unknown, source: ProgrammeSource, label: string): unknown[] {
  const fail = (message: string, sourceMessage?: string) => new ImportSourceError(source, message, sourceMessage);
  let payload = json;
  if (typeof payload === 'string') {
    try {
      payload = JSON.parse(payload) as unknown;
    } catch {
      throw fail(`${label} 응답이 JSON이 아닙니다`);
    }
  }
  if (Array.isArray(payload)) return payload;
  if (!isRecord(payload)) throw fail(`${label} 응답이 JSON 객체가 아닙니다`);
  if (!('data' in payload) && ('msg' in payload || 'code' in payload)) {
    const msg = typeof payload.msg === 'string' ? payload.msg : JSON.stringify(payload);
    throw fail(`${label} API가 오류를 돌려주었습니다: ${msg}`, msg);
  }
  const data = payload.data;
  if (Array.isArray(data)) return data;
  if (isRecord(data) && Array.isArray(data.data)) return data.data;
  if (data === undefined) throw fail(`${label} 응답에 data가 없습니다`);
  throw fail(`${label} 응답의 data가 목록이 아니라 ${typeName(data)}입니다`);
}
