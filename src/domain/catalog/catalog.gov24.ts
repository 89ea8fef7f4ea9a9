import type { Criterion, Rule } from '../eligibility/eligibility.types.ts';
import { detectBenefitType, extractMaxAmount } from './catalog.amount.ts';
import {
  odcloudItems,
  RecordError,
  compact,
  isRecord,
  readId,
  readInteger,
  readLine,
  readString,
  readText,
  readUrl,
  readYesNo,
  runBatch,
  splitDocumentList,
  typeName,
  type JsonRecord,
} from './catalog.fields.ts';
import { parseKstTimestamp, parsePeriod } from './catalog.period.ts';
import { regionsFromAgencyName } from './catalog.region.ts';
import {
  CATEGORY_LABELS,
  type BenefitType,
  type CategoryCode,
  type ImportBatch,
  type ImportProblem,
  type ProgrammeDraft,
  type RegionScope,
} from './catalog.types.ts';

/**
 * 보조금24 (행정안전부 「대한민국 공공서비스(혜택) 정보」, odcloud gov24/v3) → drafts.
 * Three endpoints, all `{ page, perPage, totalCount, currentCount, matchCount, data: [...] }` with
 * Korean keys:
 * - serviceList: 서비스ID, 서비스명, 서비스목적요약, 지원유형, 지원대상, 선정기준, 지원내용, 신청방법,
 *   신청기한, 상세조회URL, 소관기관코드, 소관기관명, 소관기관유형, 부서명, 사용자구분, 서비스분야, 접수기관,
 *   전화문의, 조회수, 등록일시, 수정일시;
 * - serviceDetail: the same facts written more fully, plus 서비스목적, 구비서류, 본인확인필요구비서류,
 *   온라인신청사이트URL, 문의처, 접수기관명, 법령 …;
 * - supportConditions: 서비스ID, 서비스명 and JAxxxx flags ("Y" or null; JA0110/JA0111 are ages).
 *
 * Which services we import: 사용자구분 is a "||"-joined list of 개인, 가구, 소상공인, 법인/시설/단체
 * (some records also say 기업). We import a service when one of its values names 소상공인, 법인 or
 * 기업. "법인/시설/단체" is one value that also covers 사회복지시설 and 단체; we take it because 법인
 * (corporations) are businesses, and the 지원조건 flags (JA2101 중소기업 / JA2102 사회복지시설 /
 * JA2103 기관·단체) and the editor's review narrow it further. Services for 개인/가구 only are
 * `skipped` with the reason. A serviceList record without 사용자구분 is skipped too (we cannot tell);
 * serviceDetail records are read without that check because details are fetched for services the
 * list already selected.
 */
export type Gov24Kind = 'serviceList' | 'serviceDetail' | 'supportConditions';

export function gov24Items(json: unknown): unknown[] {
  return odcloudItems(json, 'gov24', '보조금24');
}

/** Guess the endpoint from the first record's keys. */
export function detectGov24Kind(items: readonly unknown[]): Gov24Kind {
  const first = items.find(isRecord);
  if (!first) return 'serviceList';
  const keys = Object.keys(first);
  if (keys.some((k) => /^JA\d{4}$/.test(k))) return 'supportConditions';
  if (keys.some((k) => k === '구비서류' || k === '서비스목적' || k === '온라인신청사이트URL')) return 'serviceDetail';
  return 'serviceList';
}

// ── who the service is for ───────────────────────────────────────────────────────────────────────
export function gov24UserTypes(raw: string | undefined): string[] {
  if (!raw) return [];
  return raw
    .split(/\|\||,/)
    .map((t) => t.trim())
    .filter(Boolean);
}

/** 사용자구분 names a business: 소상공인, 법인(/시설/단체) or 기업. */
export function isBusinessAudience(userTypes: readonly string[]): boolean {
  return userTypes.some((t) => /소상공인|법인|기업/.test(t));
}

// ── category, benefit ────────────────────────────────────────────────────────────────────────────
/**
 * 보조금24 has no 기업마당 category; 서비스분야 (생활안정, 고용·창업, 보육·교육 …) is about people. We
 * read the service's name (then its purpose) for the 기업마당 field it would be filed under; the
 * editor reviews. Order: 금융 before 창업 (창업자금 융자 is 금융).
 */
const CATEGORY_WORDS: readonly [RegExp, CategoryCode][] = [
  [/융자|보증|대출|정책\s*자금|이차\s*보전|이자\s*지원/, '01'],
  [/창업/, '06'],
  [/수출|해외|무역/, '04'],
  [/고용|채용|인력|일자리|사회\s*보험|근로자|인건비/, '03'],
  [/기술|R&D|연구\s*개발|스마트|디지털/i, '02'],
  [/판로|온라인|내수|전통\s*시장|상권|마케팅|홍보|배달/, '05'],
  [/경영|컨설팅|환경\s*개선|소상공인|재기|폐업|희망\s*리턴/, '07'],
];

function categoryOf(...texts: (string | undefined)[]): CategoryCode {
  for (const t of texts) {
    if (!t) continue;
    for (const [re, code] of CATEGORY_WORDS) if (re.test(t)) return code;
  }
  return '09';
}

/** 지원유형 ("현금", "현금(감면)", "융자", "현물", "이용권", "서비스(일자리)", "기타", "||"-joined). */
function benefitTypeOf(kind: string | undefined): BenefitType | undefined {
  if (!kind) return undefined;
  for (const k of kind.split('||').map((s) => s.trim())) {
    if (/보증/.test(k)) return 'guarantee';
    if (/융자|대출/.test(k)) return 'loan';
    if (/감면|이용권|바우처|할인/.test(k)) return 'subsidy';
    if (/현금/.test(k)) return 'grant';
    if (/현물|서비스|일자리|시설|교육|상담/.test(k)) return 'service';
    if (/기타/.test(k)) return 'other';
  }
  return undefined;
}

function joinedLines(v: string | undefined): string | undefined {
  return (
    v
      ?.split('||')
      .map((s) => s.trim())
      .filter(Boolean)
      .join('\n') || undefined
  );
}

// ── one service record ───────────────────────────────────────────────────────────────────────────
type ServiceOutcome = { draft: Omit<ProgrammeDraft, 'source'> } | { skip: string; sourceId: string };

function parseService(rec: JsonRecord, kind: 'serviceList' | 'serviceDetail'): ServiceOutcome {
  const notes: string[] = [];
  const sourceId = readId(rec, '서비스ID', '서비스ID');
  const title = readLine(rec, '서비스명', '서비스명');
  if (!title) throw new RecordError('서비스명이 없습니다');

  const userTypeRaw = readLine(rec, '사용자구분', '사용자구분');
  const userTypes = gov24UserTypes(userTypeRaw);
  if (kind === 'serviceList' || userTypes.length > 0) {
    if (userTypes.length === 0) return { skip: '사용자구분이 없어 소상공인·법인 대상인지 알 수 없어 가져오지 않았습니다', sourceId };
    if (!isBusinessAudience(userTypes))
      return { skip: `사용자구분 '${userTypes.join(', ')}': 소상공인·법인 대상이 아니어서 가져오지 않았습니다`, sourceId };
  }

  const periodRaw = readString(rec, '신청기한', '신청기한') ?? '';
  const parsed = parsePeriod(periodRaw);
  if (!parsed.ok) throw new RecordError(parsed.reason);

  const ministry = readLine(rec, '소관기관명', '소관기관명');
  const agencyType = readLine(rec, '소관기관유형', '소관기관유형');
  let regions: RegionScope = { nationwide: false, sido: [], municipalities: [] };
  if (ministry) {
    const r = regionsFromAgencyName(ministry);
    regions = r.scope;
    notes.push(...r.notes);
  }
  // A 중앙행정기관's service applies everywhere unless its text says otherwise (the editor checks).
  if (regions.sido.length === 0 && regions.municipalities.length === 0 && agencyType === '중앙행정기관') {
    regions = { nationwide: true, sido: [], municipalities: [] };
  }

  const summary = readText(rec, '서비스목적', '서비스목적') ?? readText(rec, '서비스목적요약', '서비스목적요약');
  const supportContent = readText(rec, '지원내용', '지원내용');
  const supportKind = readLine(rec, '지원유형', '지원유형');

  const detail = readUrl(readString(rec, '상세조회URL', '상세조회URL'), '상세조회URL', 'https://www.gov.kr');
  if (detail.note) notes.push(detail.note);
  const apply = readUrl(readString(rec, '온라인신청사이트URL', '온라인신청사이트URL'), '온라인신청사이트URL');
  if (apply.note) notes.push(apply.note);

  const department = readLine(rec, '부서명', '부서명');
  const phone = joinedLines(readText(rec, '전화문의', '전화문의')) ?? joinedLines(readText(rec, '문의처', '문의처'));
  const contact = [department, phone].filter(Boolean).join(' / ') || undefined;

  const documents = [
    ...splitDocumentList(readText(rec, '구비서류', '구비서류')),
    ...splitDocumentList(readText(rec, '본인확인필요구비서류', '본인확인필요구비서류')),
  ].filter((d, i, all) => all.indexOf(d) === i);

  const updated = readString(rec, '수정일시', '수정일시') ?? readString(rec, '등록일시', '등록일시');
  const sourceUpdatedAt = updated ? parseKstTimestamp(updated) : undefined;
  if (updated && !sourceUpdatedAt) notes.push(`수정일시 '${updated}'를 읽을 수 없어 비워 두었습니다`);

  const benefitText = [title, supportContent ?? ''].join('\n');
  const code = categoryOf(title, summary);

  return {
    draft: compact({
      sourceId,
      title,
      agencies: compact({ ministry, executingAgency: readLine(rec, '접수기관명', '접수기관명') ?? readLine(rec, '접수기관', '접수기관') }),
      category: { code, label: CATEGORY_LABELS[code] },
      subcategory: readLine(rec, '서비스분야', '서비스분야'),
      summary,
      target: readText(rec, '지원대상', '지원대상'),
      selectionCriteria: readText(rec, '선정기준', '선정기준'),
      supportContent,
      period: parsed.period,
      howToApply: joinedLines(readText(rec, '신청방법', '신청방법')),
      detailUrl: detail.url,
      applicationUrl: apply.url,
      contact,
      regions,
      benefit: compact({ type: benefitTypeOf(supportKind) ?? detectBenefitType(benefitText), maxAmount: extractMaxAmount(benefitText) }),
      requiredDocuments: documents,
      attachments: [],
      sourceUpdatedAt,
      notes,
      raw: rec,
    }),
  };
}

// ── supportConditions (JA flags) ─────────────────────────────────────────────────────────────────
/** KSIC (10th revision) prefixes for the 업종 flags. Both the section letter and its divisions are
 * listed so a business recorded with either matches by prefix. */
const KSIC_BY_FLAG: Readonly<Record<string, readonly string[]>> = {
  // 음식점업: KSIC 561 음식점업 and 5622 비알코올 음료점업 (cafés are 휴게음식점 under 식품위생법
  // 시행령 제21조); 5621 주점업 is left out.
  JA1201: ['561', '5622'],
  // 제조업: section C = divisions 10–34.
  JA1202: ['C', ...Array.from({ length: 25 }, (_, i) => String(10 + i))],
  JA2201: ['C', ...Array.from({ length: 25 }, (_, i) => String(10 + i))],
  // 농업, 임업 및 어업: section A = divisions 01–03.
  JA2202: ['A', '01', '02', '03'],
  // 정보통신업: section J = divisions 58–63.
  JA2203: ['J', '58', '59', '60', '61', '62', '63'],
};
const INDUSTRY_FLAGS = ['JA1201', 'JA1202', 'JA1299', 'JA2201', 'JA2202', 'JA2203', 'JA2299'];
const INDUSTRY_ANY = ['JA1299', 'JA2299'];
const INDUSTRY_LABEL: Readonly<Record<string, string>> = {
  JA1201: '음식점업',
  JA1202: '제조업',
  JA1299: '기타업종',
  JA2201: '제조업',
  JA2202: '농업·임업·어업',
  JA2203: '정보통신업',
  JA2299: '기타업종',
};

/** 창업·영업 상태 flags → operatingStatus values. 생계곤란·폐업예정 (JA1103) covers owners still
 * trading, on 휴업, or already closed (희망리턴패키지 takes 폐업 소상공인), so it allows all three. */
const STATUS_BY_FLAG: Readonly<Record<string, readonly ('preparing' | 'active' | 'suspended' | 'closed')[]>> = {
  JA1101: ['preparing'],
  JA1102: ['active'],
  JA1103: ['active', 'suspended', 'closed'],
};
const STATUS_LABEL: Readonly<Record<string, string>> = { JA1101: '예비창업자', JA1102: '영업중', JA1103: '생계곤란·폐업예정' };

const ORG_LABEL: Readonly<Record<string, string>> = { JA2101: '중소기업', JA2102: '사회복지시설', JA2103: '기관·단체' };

/** Ages at or above this in JA0111 (often 99, 120, 150) mean "no upper limit". */
const AGE_NO_LIMIT = 99;

export interface Gov24Condition {
  line: number;
  serviceId: string;
  rule?: Rule;
  /** 사업체 형태 flags set (중소기업 / 사회복지시설 / 기관·단체), when not all of them are. */
  orgTypes: string[];
  notes: string[];
  raw: JsonRecord;
}

export interface Gov24ConditionsBatch {
  source: 'gov24';
  conditions: Gov24Condition[];
  rejected: ImportProblem[];
  total: number;
}

/**
 * One supportConditions record → rule. A group whose flags are all "Y" means anyone: no criterion.
 * Flags that describe people or households (소득, 가구, 학생 …) are not business conditions and stay
 * out of the rule (a note names them).
 */
export function conditionsRule(rec: JsonRecord): { rule?: Rule; orgTypes: string[]; notes: string[] } {
  const notes: string[] = [];
  const criteria: Rule[] = [];
  const yes = (code: string): boolean => readYesNo(rec, code, code) === true;
  const source = (codes: string[]) => `보조금24 지원조건 ${codes.join('·')}`;

  // 성별: exactly one of 남(JA0101)/여(JA0102).
  const male = yes('JA0101');
  const female = yes('JA0102');
  if (male !== female) {
    criteria.push({
      type: 'ownerGender',
      gender: male ? 'male' : 'female',
      note: male ? '대표자 남성' : '대표자 여성',
      source: source([male ? 'JA0101' : 'JA0102']),
    });
  }

  // 연령: JA0110 (from) – JA0111 (to), 만 나이. 0 and ≥ 99 mean no bound.
  const minAge = readInteger(rec, 'JA0110', '대상연령(시작)');
  const maxAge = readInteger(rec, 'JA0111', '대상연령(끝)');
  const lo = minAge !== undefined && minAge > 0 ? minAge : undefined;
  const hi = maxAge !== undefined && maxAge > 0 && maxAge < AGE_NO_LIMIT ? maxAge : undefined;
  if (lo !== undefined && hi !== undefined && lo > hi)
    notes.push(`대상연령 ${lo}~${hi}세가 거꾸로 되어 있어 연령 조건을 만들지 않았습니다`);
  else if (lo !== undefined || hi !== undefined) {
    const c: Criterion = {
      type: 'ownerAge',
      note: `대표자 만 ${lo ?? 0}세${hi !== undefined ? `~${hi}세` : ' 이상'}`,
      source: source(['JA0110', 'JA0111']),
    };
    if (lo !== undefined) c.min = lo;
    if (hi !== undefined) c.max = hi;
    criteria.push(c);
  }

  // 창업·영업 상태.
  const statusFlags = Object.keys(STATUS_BY_FLAG).filter(yes);
  if (statusFlags.length > 0 && statusFlags.length < Object.keys(STATUS_BY_FLAG).length) {
    const allowed = [...new Set(statusFlags.flatMap((f) => STATUS_BY_FLAG[f]!))];
    if (allowed.length < 4) {
      criteria.push({
        type: 'operatingStatus',
        allowed,
        note: statusFlags.map((f) => STATUS_LABEL[f]).join('·'),
        source: source(statusFlags),
      });
    }
  }

  // 업종. 기타업종 = any industry ⇒ no restriction.
  const industryFlags = INDUSTRY_FLAGS.filter(yes);
  if (industryFlags.length > 0 && !industryFlags.some((f) => INDUSTRY_ANY.includes(f))) {
    const include = [...new Set(industryFlags.flatMap((f) => KSIC_BY_FLAG[f] ?? []))];
    criteria.push({
      type: 'ksic',
      include,
      note: `업종: ${[...new Set(industryFlags.map((f) => INDUSTRY_LABEL[f]))].join('·')}`,
      source: source(industryFlags),
    });
  }

  // 사업체 형태 (중소기업/사회복지시설/기관·단체): every 소상공인 is a 중소기업, so JA2101 does not
  // narrow anything for our users; a note keeps it visible for the editor.
  const orgFlags = Object.keys(ORG_LABEL).filter(yes);
  const orgTypes = orgFlags.length < Object.keys(ORG_LABEL).length ? orgFlags.map((f) => ORG_LABEL[f]!) : [];
  if (orgTypes.length > 0) notes.push(`지원조건 대상 형태: ${orgTypes.join('·')}`);

  // 개인 특성 (JA03xx): 장애인(JA0328) / 국가보훈대상자(JA0329) are owner facts the engine knows;
  // the others (임산부, 학생, 농업인 …) are not business conditions. JA0322 = 해당사항 없음.
  const personal = Object.keys(rec).filter((k) => /^JA03\d\d$/.test(k) && yes(k));
  if (personal.length > 0 && !personal.includes('JA0322')) {
    if (personal.every((k) => k === 'JA0328' || k === 'JA0329')) {
      const owner: Criterion[] = personal.map((k) =>
        k === 'JA0328'
          ? { type: 'ownerDisabled', note: '대표자 장애인', source: source([k]) }
          : { type: 'ownerVeteran', note: '대표자 국가보훈대상자', source: source([k]) },
      );
      criteria.push(owner.length === 1 ? owner[0]! : { any: owner });
    } else {
      notes.push(`개인 특성 조건(${personal.join(', ')})은 사업체 조건이 아니어서 규칙에 넣지 않았습니다`);
    }
  }

  // 소득(JA0201–JA0205) and 가구(JA04xx): people's conditions; noted unless the group is all Y.
  const income = ['JA0201', 'JA0202', 'JA0203', 'JA0204', 'JA0205'];
  const incomeYes = income.filter(yes);
  if (incomeYes.length > 0 && incomeYes.length < income.length)
    notes.push(`소득 조건(${incomeYes.join(', ')})은 사업체 조건이 아니어서 규칙에 넣지 않았습니다`);
  const household = Object.keys(rec).filter((k) => /^JA04\d\d$/.test(k) && yes(k));
  if (household.length > 0) notes.push(`가구 조건(${household.join(', ')})은 사업체 조건이 아니어서 규칙에 넣지 않았습니다`);

  if (criteria.length === 0) return { orgTypes, notes };
  return { rule: criteria.length === 1 ? criteria[0] : { all: criteria }, orgTypes, notes };
}

export function parseGov24Conditions(json: unknown): Gov24ConditionsBatch {
  const items = gov24Items(json);
  const out: Gov24ConditionsBatch = { source: 'gov24', conditions: [], rejected: [], total: items.length };
  items.forEach((item, i) => {
    const line = i + 1;
    if (!isRecord(item)) {
      out.rejected.push({ line, reason: `레코드가 객체가 아니라 ${typeName(item)}입니다`, part: 'supportConditions' });
      return;
    }
    let serviceId: string | undefined;
    try {
      serviceId = readId(item, '서비스ID', '서비스ID');
      const { rule, orgTypes, notes } = conditionsRule(item);
      out.conditions.push({ line, serviceId, ...(rule ? { rule } : {}), orgTypes, notes, raw: item });
    } catch (e) {
      const reason = e instanceof RecordError ? e.message : `처리 중 오류: ${e instanceof Error ? e.message : String(e)}`;
      out.rejected.push({ line, ...(serviceId ? { sourceId: serviceId } : {}), reason, part: 'supportConditions' });
    }
  });
  return out;
}

// ── entry points ─────────────────────────────────────────────────────────────────────────────────
/**
 * 보조금24 payload → drafts (serviceList / serviceDetail), or the 지원조건 rules (supportConditions).
 * `kind` is detected from the records' keys when not given. Use `mergeGov24` (or `importGov24`) to
 * attach details and conditions to the listed services.
 */
export function parseGov24(json: unknown, kind?: 'serviceList' | 'serviceDetail'): ImportBatch;
export function parseGov24(json: unknown, kind: 'supportConditions'): Gov24ConditionsBatch;
export function parseGov24(json: unknown, kind?: Gov24Kind): ImportBatch | Gov24ConditionsBatch;
export function parseGov24(json: unknown, kind?: Gov24Kind): ImportBatch | Gov24ConditionsBatch {
  const items = gov24Items(json);
  const k = kind ?? detectGov24Kind(items);
  if (k === 'supportConditions') return parseGov24Conditions(items);
  return runBatch('gov24', items, (rec) => parseService(rec, k), '서비스ID');
}

/**
 * "법인/시설/단체" also covers 사회복지시설 and 단체. When the 지원조건 names only those (JA2102/JA2103,
 * not JA2101 중소기업) and 사용자구분 does not name 소상공인, the service is not for a business.
 */
function onlyNonBusinessOrgs(draft: ProgrammeDraft, cond: Gov24Condition): boolean {
  if (cond.orgTypes.length === 0 || cond.orgTypes.includes(ORG_LABEL.JA2101!)) return false;
  const raw = isRecord(draft.raw) ? draft.raw : {};
  const userTypes = gov24UserTypes(typeof raw['사용자구분'] === 'string' ? raw['사용자구분'] : undefined);
  return !userTypes.some((t) => /소상공인/.test(t));
}

const NOT_MERGED: ReadonlySet<string> = new Set(['source', 'sourceId', 'raw', 'notes']);

function mergeDrafts(list: ProgrammeDraft, detail: ProgrammeDraft): ProgrammeDraft {
  const merged: Record<string, unknown> = { ...list };
  for (const [key, value] of Object.entries(detail)) {
    if (NOT_MERGED.has(key) || value === undefined) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    if (key === 'period' && (value as ProgrammeDraft['period']).kind === 'unknown') continue;
    if (key === 'category' && (value as ProgrammeDraft['category']).code === '09') continue;
    if (key === 'regions') {
      const r = value as RegionScope;
      if (!r.nationwide && r.sido.length === 0 && r.municipalities.length === 0) continue;
    }
    if (key === 'benefit' || key === 'agencies') {
      merged[key] = { ...list[key], ...(value as object) };
      continue;
    }
    merged[key] = value;
  }
  merged.notes = [...list.notes, ...detail.notes.filter((n) => !list.notes.includes(n))];
  return merged as ProgrammeDraft;
}

/**
 * The listed services, with their serviceDetail (fuller texts, 구비서류, 온라인신청 URL; details win
 * where they say something) and their supportConditions rule attached by 서비스ID. Conditions or
 * details for services not in the list are ignored. `raw` becomes
 * `{ serviceList, serviceDetail?, supportConditions? }`. Problems in the detail and conditions files
 * are added to `rejected` with their `part`; `total` stays the service list's count.
 */
export function mergeGov24(list: ImportBatch, conditions?: Gov24ConditionsBatch, details?: ImportBatch): ImportBatch {
  const detailById = new Map((details?.records ?? []).map((r) => [r.draft.sourceId, r.draft] as const));
  const condById = new Map((conditions?.conditions ?? []).map((c) => [c.serviceId, c] as const));
  const records: ImportBatch['records'] = [];
  const skipped = [...list.skipped];
  for (const { line, draft } of list.records) {
    const detail = detailById.get(draft.sourceId);
    const cond = condById.get(draft.sourceId);
    if (cond && onlyNonBusinessOrgs(draft, cond)) {
      skipped.push({
        line,
        sourceId: draft.sourceId,
        reason: `지원조건의 대상 형태가 ${cond.orgTypes.join('·')}뿐이어서 가져오지 않았습니다`,
      });
      continue;
    }
    if (!detail && !cond) {
      records.push({ line, draft });
      continue;
    }
    let next: ProgrammeDraft = detail ? mergeDrafts(draft, detail) : { ...draft };
    if (cond) {
      next = { ...next, notes: [...next.notes, ...cond.notes] };
      if (cond.rule) next.rule = cond.rule;
    }
    next.raw = compact({ serviceList: draft.raw, serviceDetail: detail?.raw, supportConditions: cond?.raw });
    records.push({ line, draft: next });
  }
  const withPart = (p: ImportProblem, part: string): ImportProblem => ({ ...p, part: p.part ?? part });
  return {
    source: 'gov24',
    records,
    rejected: [
      ...list.rejected,
      ...(details?.rejected ?? []).map((p) => withPart(p, 'serviceDetail')),
      ...(conditions?.rejected ?? []).map((p) => withPart(p, 'supportConditions')),
    ],
    skipped: skipped.sort((a, b) => a.line - b.line),
    total: list.total,
  };
}

/** All three 보조금24 files in one call: list (required), details and conditions (optional). */
export function importGov24(files: { serviceList: unknown; serviceDetail?: unknown; supportConditions?: unknown }): ImportBatch {
  const list = parseGov24(files.serviceList, 'serviceList');
  const details = files.serviceDetail === undefined ? undefined : parseGov24(files.serviceDetail, 'serviceDetail');
  const conditions = files.supportConditions === undefined ? undefined : parseGov24(files.supportConditions, 'supportConditions');
  return mergeGov24(list, conditions, details);
}
