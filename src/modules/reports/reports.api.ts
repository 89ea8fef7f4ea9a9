import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { DIMENSIONS } from '../../domain/metrics/figures.ts';
import { PARTICIPATION_STATUSES } from '../../domain/participation-workflow.ts';
import { ErrorBody } from '../../web/api-error.ts';
import { requestMeta, type AppEnv } from '../../web/context.ts';
import type { MonthlyReportsService } from './monthly.service.ts';
import { EXPORT_PURPOSES } from './reports.schemas.ts';
import type { ReportsService } from './reports.service.ts';
import type { Dashboard } from './reports.types.ts';

/**
 * The same figures for other systems (the province's own): /api/v1/reports/*. Each answer is the
 * dashboard of the token's (or session's) account, computed by the same metric functions, with the
 * same scope and the same suppression for the province. Query parameters are described here as
 * plain strings: the service authorizes first and then validates them with the dashboards' one
 * schema (reports.schemas.ts DashboardQuery), so an unauthorized caller learns nothing from
 * validation messages.
 */
const Value = z.union([z.number(), z.literal('lt5'), z.null()]).openapi('ReportValue', {
  description: '숫자, 또는 경기도 계정에서 1~4건이면 "lt5"(5 미만), 작은 수에서 나온 값이나 분모가 없는 값은 null (비공개/없음).',
  example: 12,
});
const FIGURE_KEYS = [
  'businessesSupported',
  'applications',
  'selected',
  'rejected',
  'withdrawn',
  'pending',
  'benefitedOfApplications',
  'selectionRate',
  'benefitRate',
  'conversionRate',
  'benefited',
  'benefitTotal',
  'averageBenefit',
  'identified',
  'medianDaysToSubmit',
  'daysToSubmitN',
  'medianDaysToBenefit',
  'daysToBenefitN',
] as const;
const Figures = z.object(Object.fromEntries(FIGURE_KEYS.map((k) => [k, Value])) as Record<(typeof FIGURE_KEYS)[number], typeof Value>).openapi('ReportFigures', {
  description:
    '지표 정의는 src/domain/metrics/figures.ts와 화면 아래 "지표 정의"와 같습니다. 신청 = 신청일이 기간 안, 수혜 = 수혜일이 기간 안, 선정·수혜(신청분) = 그 신청 가운데 현재까지의 결과, 비율은 0~1.',
});
const Period = z.object({ from: z.string().openapi({ example: '2026-01-01' }), to: z.string().openapi({ example: '2026-11-30' }) }).openapi('ReportPeriod');
const Scope = z.object({
  viewer: z.enum(['operator', 'office', 'clerk', 'province']).openapi({ description: '운영기관 전체 / 사무소 / 본인 / 경기도 집계' }),
  aggregatesOnly: z.boolean().openapi({ description: 'true면 1~4건은 "lt5", 작은 수에서 나온 값은 null' }),
  period: Period,
  filters: z.object({ regionId: z.number().nullable(), officeId: z.number().nullable(), clerkId: z.string().nullable(), programmeId: z.number().nullable(), category: z.string().nullable() }),
});
const Row = z
  .object({ key: z.string().nullable(), label: z.string().nullable(), sample: z.boolean().openapi({ description: '예시(데모) 데이터' }), figures: Figures, satisfaction: Value })
  .openapi('ReportRow');

const query = z.object({
  from: z.string().optional().openapi({ description: '시작일 (YYYY-MM-DD, 한국 날짜). 없으면 올해 1월 1일', example: '2026-11-01' }),
  to: z.string().optional().openapi({ description: '종료일 (포함). 없으면 오늘', example: '2026-11-30' }),
  region: z.string().optional().openapi({ description: '권역 id' }),
  office: z.string().optional().openapi({ description: '사무소 id' }),
  clerk: z.string().optional().openapi({ description: '공공사무원 id (운영기관·사무소 팀장만)' }),
  programme: z.string().optional().openapi({ description: '지원사업 id' }),
  category: z.string().optional().openapi({ description: '분야 코드 (01 금융 … 09 기타)' }),
});
/** The routes are built when mounted (each app gets its own route objects). */
function routes() {
  const errors = {
    400: { description: '잘못된 조건', content: { 'application/json': { schema: ErrorBody } } },
    401: { description: '인증 필요', content: { 'application/json': { schema: ErrorBody } } },
    403: { description: '권한 없음', content: { 'application/json': { schema: ErrorBody } } },
  };
  const security: Record<string, string[]>[] = [{ bearerAuth: [] }, { cookieAuth: [] }];

  const summaryRoute = createRoute({
    method: 'get',
    path: '/v1/reports/summary',
    summary: '실적 요약 (Key figures)',
    description: '지원 사업체, 신청, 선정, 수혜, 수혜 금액, 신청→선정→수혜 단계, 발굴한 참여의 현재 상태, 만족도(100점), 12개월 추이. 범위는 계정의 역할에 따릅니다.',
    security,
    request: { query },
    responses: {
      200: {
        description: '요약',
        content: {
          'application/json': {
            schema: z
              .object({
                scope: Scope,
                asOf: z.string(),
                figures: Figures,
                funnel: z.array(z.object({ step: z.enum(['applied', 'selected', 'benefited']), count: Value, rateFromPrevious: Value, rateFromApplied: Value })),
                statuses: z.array(z.object({ status: z.enum(PARTICIPATION_STATUSES), count: Value, share: Value })),
                satisfaction: z.object({ responses: Value, score100: Value, perQuestion: z.object({ q1: Value, q2: Value, q3: Value }) }),
                trend: z.array(z.object({ month: z.string(), applied: Value, benefited: Value, benefitTotal: Value, businessesSupported: Value })),
              })
              .openapi('ReportSummary'),
          },
        },
      },
      ...errors,
    },
  });

  const breakdownRoute = createRoute({
    method: 'get',
    path: '/v1/reports/breakdown',
    summary: '나눠 본 실적 (Figures by region, office, clerk, programme or category)',
    description: 'by=region|office|clerk|programme|category. 경기도 계정은 clerk을 쓸 수 없고, 한 칸만 가려지면 합계로 되짚을 수 없게 한 칸을 더 가립니다.',
    security,
    request: {
      query: query.extend({
        by: z.string().optional().openapi({ description: `나눠 볼 기준: ${DIMENSIONS.join(', ')} (없으면 역할별 기본값)` }),
        purpose: z.enum(EXPORT_PURPOSES).optional().openapi({ description: 'by=clerk(공공사무원별)일 때 필수: 받는 목적. 접속기록에 남습니다' }),
        note: z.string().max(200).optional().openapi({ description: '목적 설명 (purpose=other이면 필수)' }),
      }),
    },
    responses: {
      200: { description: '나눠 본 실적', content: { 'application/json': { schema: z.object({ scope: Scope, dimension: z.enum(DIMENSIONS), rows: z.array(Row), total: Figures }).openapi('ReportBreakdown') } } },
      ...errors,
    },
  });

  const programmesRoute = createRoute({
    method: 'get',
    path: '/v1/reports/programmes',
    summary: '지원사업 순위 (Programmes most applied to and most successful)',
    description: '가장 많이 신청한 지원사업, 그리고 신청 5건 이상인 지원사업 가운데 신청 대비 수혜 비율이 높은 지원사업 (각 10개).',
    security,
    request: { query },
    responses: {
      200: { description: '순위', content: { 'application/json': { schema: z.object({ scope: Scope, mostApplied: z.array(Row), mostSuccessful: z.array(Row) }).openapi('ReportProgrammes') } } },
      ...errors,
    },
  });

  const monthlyRoute = createRoute({
    method: 'get',
    path: '/v1/reports/monthly',
    summary: '월간 실적 보고 목록 (Monthly reports kept)',
    description: '만든 월간 실적 보고(매월 1일 자동, 또는 운영기관이 직접)와 내려받을 주소. 운영기관과 경기도 계정.',
    security,
    responses: {
      200: {
        description: '목록 (최근 순)',
        content: {
          'application/json': {
            schema: z
              .object({ reports: z.array(z.object({ id: z.number(), month: z.string(), trigger: z.enum(['schedule', 'manual']), generatedAt: z.string(), pdf: z.string(), xlsx: z.string(), pdfSha256: z.string(), xlsxSha256: z.string() })) })
              .openapi('MonthlyReports'),
          },
        },
      },
      401: errors[401],
      403: errors[403],
    },
  });
  return { summaryRoute, breakdownRoute, programmesRoute, monthlyRoute };
}

function scopeOf(d: Dashboard) {
  return {
    viewer: d.viewer.kind,
    aggregatesOnly: d.viewer.public,
    period: d.period,
    filters: { regionId: d.filters.regionId ?? null, officeId: d.filters.officeId ?? null, clerkId: d.filters.clerkId ?? null, programmeId: d.filters.programmeId ?? null, category: d.filters.category ?? null },
  };
}

export function reportApiRoutes(api: OpenAPIHono<AppEnv>, deps: { reports: ReportsService; monthlyReports: MonthlyReportsService }) {
  const { summaryRoute, breakdownRoute, programmesRoute, monthlyRoute } = routes();
  api.openapi(summaryRoute, async (c) => {
    const d = await deps.reports.dashboard(c.var.actor, c.req.query());
    return c.json({ scope: scopeOf(d), asOf: d.asOf, figures: d.total, funnel: d.funnel, statuses: d.statuses, satisfaction: d.satisfaction, trend: d.trend }, 200);
  });
  api.openapi(breakdownRoute, async (c) => {
    const d = await deps.reports.apiBreakdown(c.var.actor, c.req.query(), requestMeta(c));
    return c.json({ scope: scopeOf(d), dimension: d.dimension, rows: d.rows, total: d.total }, 200);
  });
  api.openapi(programmesRoute, async (c) => {
    const d = await deps.reports.dashboard(c.var.actor, c.req.query());
    return c.json({ scope: scopeOf(d), mostApplied: d.topApplied, mostSuccessful: d.topSuccessful }, 200);
  });
  api.openapi(monthlyRoute, async (c) => {
    const list = await deps.monthlyReports.list(c.var.actor);
    return c.json(
      {
        reports: list.rows.map((r) => ({ id: r.id, month: r.month, trigger: r.trigger, generatedAt: new Date(r.generatedAt).toISOString(), pdf: `/reports/monthly/${r.id}/pdf`, xlsx: `/reports/monthly/${r.id}/xlsx`, pdfSha256: r.pdfSha256, xlsxSha256: r.xlsxSha256 })),
      },
      200,
    );
  });
}
export type ReportApiDeps = Parameters<typeof reportApiRoutes>[1];
