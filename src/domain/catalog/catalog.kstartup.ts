import type { Criterion, Rule } from '../eligibility/eligibility.types.ts';
import { detectBenefitType, extractMaxAmount } from './catalog.amount.ts';
import {
  odcloudItems,
  RecordError,
  compact,
  readId,
  readJoined,
  readLine,
  readString,
  readText,
  readUrl,
  readYesNo,
  runBatch,
  type JsonRecord,
} from './catalog.fields.ts';
import { parsePeriod } from './catalog.period.ts';
import { regionsFromTags } from './catalog.region.ts';
import { CATEGORY_LABELS, type BenefitType, type ImportBatch, type ProgrammeDraft } from './catalog.types.ts';

/**
 * K-Startup 사업공고 (창업진흥원, getAnnouncementInformation) → drafts. Payload
 * `{ page, perPage, totalCount, currentCount, matchCount, data: [...] }`; some clients keep the list
 * one level down as `data.data[]`. K-Startup lists 창업 programmes, so the category is 06 창업.
 */
export const KSTARTUP_ORIGIN = 'https://www.k-startup.go.kr';

export function kstartupItems(json: unknown): unknown[] {
  return odcloudItems(json, 'kstartup', 'K-Startup');
}

// ── biz_enyy (업력) ─────────────────────────────────────────────────────────────────────────────
/** K-Startup's 업력 choices: 예비창업자, 1년미만, 2년미만, 3년미만, 5년미만, 7년미만, 10년미만. */
const ALL_YEAR_BANDS = [1, 2, 3, 5, 7, 10];

export interface RuleReading {
  rule?: Rule;
  notes: string[];
}

/**
 * biz_enyy → rule. Only the upper bound is certain: whether "3년미만" alone means "under 3 years" or
 * "2–3 years" is not documented, and a notice for "창업 후 2년 3개월 미만" is tagged "3년미만" alone,
 * so we set maxMonths from the highest band and never a minimum (a wrong minimum would turn eligible
 * businesses away). 예비창업자 adds operatingStatus 'preparing' as an alternative. Every choice
 * ticked (예비창업자 … 10년미만) means no 업력 condition.
 */
export function businessAgeRule(raw: string | undefined): RuleReading {
  if (!raw) return { notes: [] };
  const tokens = raw
    .split(/[,，]/)
    .map((t) => t.replace(/\s+/g, ''))
    .filter(Boolean);
  let preparing = false;
  const years: number[] = [];
  for (const t of tokens) {
    if (t === '예비창업자' || t === '예비창업') preparing = true;
    else {
      const m = /^(\d{1,2})년미만$/.exec(t);
      if (!m) return { notes: [`업력 구분 '${t}'를 알 수 없어 업력 조건을 만들지 않았습니다 (원문: ${raw})`] };
      years.push(Number(m[1]));
    }
  }
  if (preparing && ALL_YEAR_BANDS.every((y) => years.includes(y))) return { notes: [] };
  const source = 'K-Startup biz_enyy';
  const note = `업력: ${raw}`.slice(0, 500);
  const criteria: Criterion[] = [];
  if (preparing) criteria.push({ type: 'operatingStatus', allowed: ['preparing'], note, source });
  if (years.length) criteria.push({ type: 'businessAge', maxMonths: Math.max(...years) * 12, note, source });
  if (criteria.length === 0) return { notes: [] };
  return { rule: criteria.length === 1 ? criteria[0] : { any: criteria }, notes: [] };
}

// ── biz_trgt_age (대표자 연령) ───────────────────────────────────────────────────────────────────
const NO_UPPER = Number.POSITIVE_INFINITY;

/**
 * biz_trgt_age ("만 20세 미만", "만 20세 이상 ~ 만 39세 이하", "만 40세 이상", comma-joined) → ownerAge.
 * The bands are merged; bands covering every age mean no condition; bands with a gap give
 * `any` of ownerAge criteria.
 */
export function ownerAgeRule(raw: string | undefined): RuleReading {
  if (!raw) return { notes: [] };
  const bands: [number, number][] = [];
  for (const token of raw
    .split(/[,，]/)
    .map((t) => t.trim())
    .filter(Boolean)) {
    let lo = 0;
    let hi = NO_UPPER;
    let found = false;
    for (const m of token.matchAll(/(\d{1,3})\s*세\s*(이상|초과|이하|미만)/g)) {
      found = true;
      const n = Number(m[1]);
      if (m[2] === '이상') lo = Math.max(lo, n);
      else if (m[2] === '초과') lo = Math.max(lo, n + 1);
      else if (m[2] === '이하') hi = Math.min(hi, n);
      else hi = Math.min(hi, n - 1);
    }
    if (!found || lo > hi || hi < 1) return { notes: [`대상 연령 '${token}'를 읽을 수 없어 연령 조건을 만들지 않았습니다 (원문: ${raw})`] };
    bands.push([lo, hi]);
  }
  if (bands.length === 0) return { notes: [] };
  bands.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const b of bands) {
    const last = merged[merged.length - 1];
    if (last && b[0] <= last[1] + 1) last[1] = Math.max(last[1], b[1]);
    else merged.push([b[0], b[1]]);
  }
  if (merged.length === 1 && merged[0]![0] === 0 && merged[0]![1] === NO_UPPER) return { notes: [] };
  const note = `대상 연령: ${raw}`.slice(0, 500);
  const criteria: Criterion[] = merged.map(([lo, hi]) => {
    const c: Criterion = { type: 'ownerAge', note, source: 'K-Startup biz_trgt_age' };
    if (lo > 0) c.min = lo;
    if (hi !== NO_UPPER) c.max = hi;
    return c;
  });
  return { rule: criteria.length === 1 ? criteria[0] : { any: criteria }, notes: [] };
}

/** supt_biz_clsfc → benefit type. */
function benefitTypeOf(clsfc: string | undefined): BenefitType | undefined {
  if (!clsfc) return undefined;
  if (/융자|보증/.test(clsfc)) return /보증/.test(clsfc) && !/융자/.test(clsfc) ? 'guarantee' : 'loan';
  if (/사업화|기술개발|R&D/i.test(clsfc)) return 'grant';
  if (/멘토링|컨설팅|교육|시설|공간|보육|행사|네트워크|판로|해외|글로벌|인력/.test(clsfc)) return 'service';
  return undefined;
}

const APPLY_METHODS: readonly [string, string][] = [
  ['aply_mthd_onli_rcpt_istc', '온라인'],
  ['aply_mthd_vst_rcpt_istc', '방문'],
  ['aply_mthd_pssr_rcpt_istc', '우편'],
  ['aply_mthd_fax_rcpt_istc', '팩스'],
  ['aply_mthd_eml_rcpt_istc', '이메일'],
  ['aply_mthd_etc_istc', '기타'],
];

/** YYYYMMDD pair → the period text the shared parser reads. */
function periodText(begin: string | undefined, end: string | undefined): string {
  if (!begin && !end) return '';
  return `${begin ?? ''} ~ ${end ?? ''}`.trim();
}

function parseItem(rec: JsonRecord): { draft: Omit<ProgrammeDraft, 'source'> } {
  const notes: string[] = [];
  const sourceId = readId(rec, 'pbanc_sn', '공고 일련번호');
  const title = readLine(rec, 'biz_pbanc_nm', '공고명') ?? readLine(rec, 'intg_pbanc_biz_nm', '통합공고 사업명');
  if (!title) throw new RecordError('공고명(biz_pbanc_nm)이 없습니다');

  const parsed = parsePeriod(
    periodText(readString(rec, 'pbanc_rcpt_bgng_dt', '접수 시작일')?.trim(), readString(rec, 'pbanc_rcpt_end_dt', '접수 마감일')?.trim()),
  );
  if (!parsed.ok) throw new RecordError(parsed.reason);

  const region = regionsFromTags(readJoined(rec, 'supt_regin', /[,，/·]/, '지원 지역'));
  notes.push(...region.notes);

  const ageBand = businessAgeRule(readString(rec, 'biz_enyy', '창업 업력'));
  const ownerAge = ownerAgeRule(readString(rec, 'biz_trgt_age', '대상 연령'));
  notes.push(...ageBand.notes, ...ownerAge.notes);
  const parts = [ageBand.rule, ownerAge.rule].filter((r): r is Rule => r !== undefined);
  const rule: Rule | undefined = parts.length === 0 ? undefined : parts.length === 1 ? parts[0] : { all: parts };

  const detail = readUrl(readString(rec, 'detl_pg_url', '상세 페이지'), '상세 페이지', KSTARTUP_ORIGIN);
  if (detail.note) notes.push(detail.note);
  let apply = readUrl(readString(rec, 'biz_aply_url', '신청 페이지'), '신청 페이지', KSTARTUP_ORIGIN);
  if (apply.note) notes.push(apply.note);
  const online = readString(rec, 'aply_mthd_onli_rcpt_istc', '온라인 접수');
  if (!apply.url && online && /^(https?:\/\/|www\.)\S+$/i.test(online.trim())) apply = readUrl(online, '온라인 접수');

  const methods = APPLY_METHODS.map(([key, label]) => {
    const v = readText(rec, key, `${label} 접수`);
    return v ? `${label}: ${v}` : undefined;
  }).filter((v): v is string => v !== undefined);

  const clsfc = readLine(rec, 'supt_biz_clsfc', '지원 분야');
  const summary = readText(rec, 'pbanc_ctnt', '공고 내용');
  const benefitText = [title, summary ?? ''].join('\n');
  const contact = [readLine(rec, 'biz_prch_dprt_nm', '담당 부서'), readLine(rec, 'prch_cnpl_no', '연락처')].filter(Boolean).join(' / ');

  return {
    draft: compact({
      sourceId,
      title,
      agencies: compact({ executingAgency: readLine(rec, 'pbanc_ntrp_nm', '공고 기관') }),
      category: { code: '06' as const, label: CATEGORY_LABELS['06'] },
      subcategory: clsfc,
      summary,
      target: readText(rec, 'aply_trgt_ctnt', '신청 대상 내용') ?? readText(rec, 'aply_trgt', '신청 대상'),
      exclusions: readText(rec, 'aply_excl_trgt_ctnt', '제외 대상'),
      period: parsed.period,
      howToApply: methods.length ? methods.join('\n') : undefined,
      detailUrl: detail.url ?? `${KSTARTUP_ORIGIN}/web/contents/bizpbanc-ongoing.do?schM=view&pbancSn=${encodeURIComponent(sourceId)}`,
      applicationUrl: apply.url,
      contact: contact || undefined,
      regions: region.scope,
      benefit: compact({ type: benefitTypeOf(clsfc) ?? detectBenefitType(benefitText), maxAmount: extractMaxAmount(benefitText) }),
      requiredDocuments: [],
      attachments: [],
      recruiting: readYesNo(rec, 'rcrt_prgs_yn', '모집 진행 여부'),
      rule,
      notes,
      raw: rec,
    }),
  };
}

/** K-Startup payload → batch of drafts, with per-record rejections. Throws only ImportSourceError. */
export function parseKstartup(json: unknown): ImportBatch {
  return runBatch('kstartup', kstartupItems(json), parseItem, 'pbanc_sn');
}
