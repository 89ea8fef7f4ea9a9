import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { formatExplanation } from '../../domain/eligibility/index.ts';
import type { SelfCheckProgramme } from '../../domain/eligibility/self-check.ts';
import { AGE_BAND_KEYS, REVENUE_BAND_KEYS } from '../../domain/eligibility/self-check.ts';
import { isLocale, LOCALES, localeFromAcceptLanguage, translator, type Locale } from '../../i18n/i18n.ts';
import { ErrorBody } from '../../web/api-error.ts';
import type { AppEnv } from '../../web/context.ts';
import { createRateLimiter } from '../../web/rate-limit.ts';
import type { EligibilityService } from '../eligibility/eligibility.service.ts';
import type { ProgramsService } from '../programs/programs.service.ts';
import { koreanAnsweredRanges, ownerExplanationText, ownerLangOf, ownerWording } from './check.explain.ts';

/**
 * The self-check and the catalogue for partner sites (시·군, 새일센터; issue 13 §1): no sign-in, no
 * personal data in or out, a per-address limit. The body is validated by the self-check's one schema
 * (CheckAnswersInput) in the service; here it is described for OpenAPI.
 */
const Answers = z
  .object({
    municipalityCode: z.string().nullable().optional().openapi({ description: '경기 시·군 행정표준코드 (41110 수원 …)', example: '41110' }),
    ksicCode: z.string().nullable().optional().openapi({ description: 'KSIC 10차 코드 (부분 코드 가능)', example: '56193' }),
    openedMonth: z.string().nullable().optional().openapi({ description: '개업 연월 YYYY-MM', example: '2021-03' }),
    revenueBand: z.string().nullable().optional().openapi({ description: '연매출 범위 (양 끝에서 판정)', enum: REVENUE_BAND_KEYS }),
    annualRevenue: z.unknown().optional().openapi({ description: '정확한 연매출(원); 있으면 범위보다 우선' }),
    workers: z.unknown().optional().openapi({ description: '상시근로자 수' }),
    legalForm: z.string().nullable().optional().openapi({ enum: ['individual', 'corporation'] }),
    ageBand: z.string().nullable().optional().openapi({ description: '대표자 나이대 (생년월일은 받지 않음)', enum: AGE_BAND_KEYS }),
    ownerGender: z.string().nullable().optional().openapi({ enum: ['female', 'male'] }),
    ownerDisabled: z.unknown().optional().openapi({ type: 'boolean' }),
    ownerVeteran: z.unknown().optional().openapi({ type: 'boolean' }),
    lang: z
      .enum(LOCALES.map((l) => l.code) as [Locale, ...Locale[]])
      .optional()
      .openapi({
        description:
          '설명(summary, explanation, openingLater.text)의 언어. 없으면 `?lang=`, 그다음 Accept-Language, 기본 ko. ko는 엔진의 한국어 그대로; en·zh·vi는 요건의 구조에서 만든 번역이며 공식 한국어 용어를 괄호 안에 함께 씀 (예: "Doanh thu năm (연매출)").',
        example: 'vi',
      }),
  })
  // Described here, validated in the service by the self-check's one schema (Korean messages).
  .passthrough()
  .openapi('SelfCheckAnswers', { description: '모든 답은 선택; 없거나 null이면 "모름".' });

const Verdict = z
  .object({
    key: z.string(),
    title: z.string(),
    verdict: z.enum(['eligible', 'unknown', 'ineligible']),
    missing: z.array(z.string()).openapi({ description: '판정에 더 필요한 사실 (예: annualRevenue)' }),
    summary: z.string().nullable().openapi({ description: '한 줄 요약 (lang의 언어)' }),
    explanation: z.string().nullable().openapi({ description: '요건별 설명, 줄마다 하나 (lang의 언어; ko는 쉬운 한국어)' }),
    noticeUrl: z.string().nullable(),
    periodEnd: z.string().nullable(),
  })
  .openapi('SelfCheckVerdict');

const CheckResult = z
  .object({
    refDate: z.string(),
    lang: z.enum(LOCALES.map((l) => l.code) as [Locale, ...Locale[]]).openapi({ description: '설명에 쓴 언어' }),
    eligible: z.array(Verdict),
    oneFactShort: z.array(Verdict).openapi({ description: '사실 하나만 더 알면 판정되는 사업' }),
    moreFactsShort: z.array(Verdict),
    openingLater: z.array(z.object({ key: z.string(), title: z.string(), date: z.string(), text: z.string() })),
    ineligibleCount: z.number().int(),
  })
  .openapi('SelfCheckResult');

const Programme = z
  .object({
    id: z.number().int(),
    key: z.string(),
    title: z.string(),
    category: z.string().nullable(),
    ministry: z.string().nullable(),
    executingAgency: z.string().nullable(),
    periodKind: z.string(),
    periodStart: z.string().nullable(),
    periodEnd: z.string().nullable(),
    periodRaw: z.string().nullable(),
    nationwide: z.boolean(),
    sido: z.array(z.string()),
    municipalities: z.array(z.string()),
    sample: z.boolean().openapi({ description: '예시(데모) 데이터' }),
  })
  .openapi('CatalogueProgramme');

const errors = {
  400: { description: '잘못된 입력', content: { 'application/json': { schema: ErrorBody } } },
  429: { description: '요청이 너무 많음 (Retry-After)', content: { 'application/json': { schema: ErrorBody } } },
};

const checkRoute = createRoute({
  method: 'post',
  path: '/v1/eligibility/check',
  summary: '자가 진단 (Self-check: facts in, verdicts out)',
  description:
    '로그인 없이 답(범위 가능)을 보내면 지금 맞는 사업, 사실 하나가 더 필요한 사업, 나중에 열리는 사업을 설명과 함께 돌려줍니다. 검토된 요건만 판정합니다. 개인정보를 받지도 저장하지도 않습니다. 주소당 분당 60회.',
  request: { body: { content: { 'application/json': { schema: Answers } }, required: true } },
  responses: { 200: { description: '판정', content: { 'application/json': { schema: CheckResult } } }, ...errors },
});

const programmesRoute = createRoute({
  method: 'get',
  path: '/v1/programmes',
  summary: '지원사업 목록 (Catalogue, read-only)',
  description: '지원사업 검색 화면과 같은 조건: q(부분 단어), category(01~09), agency, region(시·도 2자리 또는 시·군 5자리), open=on(지금 신청 가능), closingWithin(N일 이내 마감), sort(deadline|title|recent), page. 로그인 없음.',
  request: {
    query: z.object({
      q: z.string().optional(),
      category: z.string().optional(),
      agency: z.string().optional(),
      region: z.string().optional().openapi({ example: '41110' }),
      open: z.string().optional().openapi({ example: 'on' }),
      closingWithin: z.string().optional(),
      sort: z.string().optional(),
      page: z.string().optional(),
    }),
  },
  responses: {
    200: {
      description: '목록',
      content: { 'application/json': { schema: z.object({ total: z.number().int(), page: z.number().int(), pageSize: z.number().int(), programmes: z.array(Programme) }) } },
    },
    ...errors,
  },
});

export function checkApiRoutes(api: OpenAPIHono<AppEnv>, deps: { eligibility: EligibilityService; programs: ProgramsService }) {
  const limiter = createRateLimiter({ name: 'api.public', max: 60, windowMs: 60_000 });
  api.use('/v1/eligibility/check', limiter.middleware());
  api.use('/v1/programmes', limiter.middleware());

  api.openapi(checkRoute, async (c) => {
    const body: unknown = await c.req.json();
    const r = await deps.eligibility.checkPublic(body);
    // The language: the body's `lang`, else `?lang=`, else Accept-Language, else Korean. Not the
    // page's locale (c.var.locale): on a non-owner path that falls back to Korean for zh and vi.
    const asked = body && typeof body === 'object' && 'lang' in body ? (body).lang : undefined;
    const query = c.req.query('lang');
    const locale: Locale = isLocale(asked) ? asked : isLocale(query) ? query : (localeFromAcceptLanguage(c.req.header('accept-language')) ?? 'ko');
    const t = translator(locale);
    const lang = ownerLangOf(locale);
    const out = (p: SelfCheckProgramme) => {
      const info = r.info.get(p.programmeKey);
      const own = ownerWording(t, lang, p, r);
      return {
        key: p.programmeKey,
        title: p.title,
        verdict: p.verdict,
        missing: [...p.missing],
        summary: (own ? own.summary : p.summary) ?? null,
        explanation: own?.explanation
          ? ownerExplanationText(t, own.explanation)
          : p.explanation
            ? formatExplanation(koreanAnsweredRanges(p.explanation, r.facts, r.upperFacts, r.refDate))
            : null,
        noticeUrl: info?.detailUrl ?? info?.applyUrl ?? null,
        periodEnd: info?.periodKind === 'range' ? (info.periodEnd ?? null) : null,
      };
    };
    return c.json(
      {
        refDate: r.refDate,
        lang: locale,
        eligible: r.eligible.map(out),
        oneFactShort: r.oneFactShort.map(out),
        moreFactsShort: r.moreFactsShort.map(out),
        openingLater: r.openingLater.map((o) => ({
          key: o.programmeKey,
          title: o.title,
          date: o.date,
          text: lang ? t(o.verdictThen === 'eligible' ? 'check.later.eligible' : 'check.later.unknown', { date: o.date }) : o.text,
        })),
        ineligibleCount: r.ineligibleCount,
      },
      200,
    );
  });

  api.openapi(programmesRoute, async (c) => {
    const r = await deps.programs.searchPublic(c.req.query());
    return c.json(
      {
        total: r.total,
        page: r.page,
        pageSize: r.pageSize,
        programmes: r.rows.map((p) => ({
          id: p.id,
          key: p.key,
          title: p.title,
          category: p.category,
          ministry: p.ministry,
          executingAgency: p.executingAgency,
          periodKind: p.periodKind,
          periodStart: p.periodStart,
          periodEnd: p.periodEnd,
          periodRaw: p.periodRaw,
          nationwide: p.nationwide,
          sido: p.sido,
          municipalities: p.municipalities,
          sample: p.isSample,
        })),
      },
      200,
    );
  });
}
