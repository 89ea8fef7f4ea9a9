import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Hono } from 'hono';
import { UnauthenticatedError } from '../../errors.ts';
import type { AppContext, AppEnv } from '../../web/context.ts';
import { Layout, PageHeader } from '../../web/layout.tsx';
import { reportApiRoutes, type ReportApiDeps } from '../reports/reports.api.ts';
import { ErrorBody } from '../../web/api-error.ts';
import { checkApiRoutes } from '../check/check.api.ts';
import type { EligibilityService } from '../eligibility/eligibility.service.ts';
import type { ProgramsService } from '../programs/programs.service.ts';

const Me = z
  .object({
    id: z.string().uuid(),
    login: z.string(),
    displayName: z.string(),
    role: z.enum(['owner', 'clerk', 'office_lead', 'operator', 'province', 'saeil_counsellor', 'catalog_editor', 'admin']),
    officeId: z.number().int().nullable(),
    locale: z.string(),
    authenticatedBy: z.enum(['session', 'token']),
  })
  .openapi('Me');

const meRoute = createRoute({
  method: 'get',
  path: '/v1/me',
  summary: '현재 사용자 (The signed-in account)',
  description: '세션 쿠키 또는 개인 액세스 토큰(`Authorization: Bearer itda_pat_…`)으로 인증된 계정을 돌려줍니다.',
  security: [{ bearerAuth: [] }, { cookieAuth: [] }],
  responses: {
    200: { description: '현재 계정', content: { 'application/json': { schema: Me } } },
    401: { description: '인증 필요', content: { 'application/json': { schema: ErrorBody } } },
  },
});

export function openApiDocument(api: OpenAPIHono<AppEnv>) {
  return api.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: '잇다 (Itda) API',
      version: '1.0.0',
      description: '경기도 소상공인 지원 공공사무원 사업 운영 시스템의 JSON API. 오류는 `{ error: { code, message, issues } }` 형태입니다.',
    },
    servers: [{ url: '/api' }],
  });
}

function DocsPage({ c, doc }: { c: AppContext; doc: ReturnType<typeof openApiDocument> }) {
  const t = c.var.t;
  const paths = Object.entries(doc.paths ?? {});
  return (
    <Layout c={c} title={t('api.title')}>
      <PageHeader title={t('api.title')} lead={t('api.lead')} />
      <p>
        <a href="/api/openapi.json">openapi.json</a>
      </p>
      <h2 class="itda-h2">{t('api.auth')}</h2>
      <p>{t('api.authText')}</p>
      <h2 class="itda-h2">{t('api.endpoints')}</h2>
      {paths.map(([path, item]) =>
        Object.entries(item as Record<string, { summary?: string; description?: string; responses?: Record<string, { description?: string }> }>).map(
          ([method, op]) => (
            <section class="itda-card">
              <h3>
                <code>
                  {method.toUpperCase()} /api{path}
                </code>
              </h3>
              <p>{op.summary}</p>
              {op.description && <p>{op.description.replace(/`/g, '')}</p>}
              <ul>
                {Object.entries(op.responses ?? {}).map(([status, r]) => (
                  <li>
                    <code>{status}</code> {r.description}
                  </li>
                ))}
              </ul>
            </section>
          ),
        ),
      )}
    </Layout>
  );
}

export function apiRoutes(app: Hono<AppEnv>, deps: ReportApiDeps & { eligibility: EligibilityService; programs: ProgramsService }) {
  // Answers hold personal or per-office data: no browser or proxy keeps them (issue 14 §1).
  app.use('/api/v1/*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });
  const api = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw result.error;
    },
  });
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer' });
  api.openAPIRegistry.registerComponent('securitySchemes', 'cookieAuth', { type: 'apiKey', in: 'cookie', name: 'itda_sid' });

  api.openapi(meRoute, (c) => {
    const a = c.var.actor;
    if (!a) throw new UnauthenticatedError();
    return c.json(
      {
        id: a.userId,
        login: a.login,
        displayName: a.displayName,
        role: a.role,
        officeId: a.officeId,
        locale: a.locale,
        authenticatedBy: a.via,
      },
      200,
    );
  });

  // Reports (issue 5): the dashboards' figures for the province's systems.
  reportApiRoutes(api, deps);
  // Self-check and catalogue for partner sites (issue 13 §1): no sign-in, no personal data.
  checkApiRoutes(api, deps);

  api.get('/openapi.json', (c) => c.json(openApiDocument(api)));
  api.get('/docs', (c) => c.html(<DocsPage c={c} doc={openApiDocument(api)} />));

  app.route('/api', api);
}
