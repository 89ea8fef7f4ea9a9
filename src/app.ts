import { ntsRoutes } from './modules/nts/nts.routes.tsx';
import type { NtsService } from './modules/nts/nts.service.ts';
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie, setCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import { ForbiddenError } from './errors.ts';
import { withRequestMemo } from './request-memo.ts';
import { DEFAULT_LOCALE, isLocale, translator } from './i18n/i18n.ts';
import { apiRoutes } from './modules/api/api.routes.tsx';
import { eligibilityPages } from './modules/eligibility/eligibility.pages.tsx';
import type { EligibilityService } from './modules/eligibility/eligibility.service.ts';
import { businessPages, type BusinessPageExtras } from './modules/businesses/businesses.pages.tsx';
import type { BusinessesService } from './modules/businesses/businesses.service.ts';
import { caseloadPages } from './modules/businesses/caseload.pages.tsx';
import { ownerPages } from './modules/owner/owner.pages.tsx';
import { participationPages, participationSections } from './modules/participations/participations.pages.tsx';
import type { ParticipationsService } from './modules/participations/participations.service.ts';
import { documentPages, DOCUMENT_UPLOAD_MAX_BYTES, DOCUMENT_UPLOAD_ROUTE } from './modules/documents/documents.pages.tsx';
import type { DocumentsService } from './modules/documents/documents.service.ts';
import { reportPages } from './modules/reports/reports.pages.tsx';
import type { ReportsService } from './modules/reports/reports.service.ts';
import { monthlyReportPages } from './modules/reports/monthly.pages.tsx';
import type { MonthlyReportsService } from './modules/reports/monthly.service.ts';
import { surveyPages } from './modules/surveys/surveys.pages.tsx';
import type { SurveysService } from './modules/surveys/surveys.service.ts';
import { accessReviewPages } from './modules/operations/access-review.pages.tsx';
import { operationsPages } from './modules/operations/operations.pages.tsx';
import type { OperationsService } from './modules/operations/operations.service.ts';
import type { OwnerService } from './modules/owner/owner.service.ts';
import { programmeEditorPages } from './modules/programs/programs.editor.pages.tsx';
import { IMPORT_MAX_BYTES } from './modules/programs/programs.import.ts';
import { importPages, IMPORT_ROUTE } from './modules/programs/programs.import.pages.tsx';
import { programmePages } from './modules/programs/programs.pages.tsx';
import { APPLICATION_MAX_BYTES, APPLICATION_ROUTE, recruitmentApplyPages } from './modules/recruitment/recruitment.apply.pages.tsx';
import { recruitmentPages } from './modules/recruitment/recruitment.pages.tsx';
import type { Services } from './compose.ts';
import { trainingPages } from './modules/training/training.pages.tsx';
import type { TrainingService } from './modules/training/training.service.ts';
import { employmentPages } from './modules/employment/employment.pages.tsx';
import type { ContractsService } from './modules/employment/contracts.service.ts';
import type { EmploymentService } from './modules/employment/employment.service.ts';
import type { ProgramsService } from './modules/programs/programs.service.ts';
import type { AuditService } from './modules/audit/audit.service.ts';
import type { ChainCheckService } from './modules/audit/chain-check.service.ts';
import { auditPages } from './modules/audit/audit.pages.tsx';
import { randomToken } from './modules/auth/auth.crypto.ts';
import { authPages } from './modules/auth/auth.pages.tsx';
import type { AuthService } from './modules/auth/auth.service.ts';
import { homePages } from './modules/home/home.pages.tsx';
import type { NotificationService } from './modules/notifications/notifications.service.ts';
import { notificationPages } from './modules/notifications/notifications.pages.tsx';
import { orgPages } from './modules/org/org.pages.tsx';
import type { OrgService } from './modules/org/org.service.ts';
import { systemRoutes } from './modules/system/system.routes.tsx';
import { userPages } from './modules/users/users.pages.tsx';
import type { UsersService } from './modules/users/users.service.ts';
import type { AppEnv } from './web/context.ts';
import { notFound, onError } from './web/error-handler.tsx';
import { staticRoutes } from './web/static.ts';

export interface AppDeps {
  config: Pick<Config, 'cookieSecure' | 'trustProxy' | 'bodyLimitBytes' | 'session' | 'demo'>;
  logger: Logger;
  auth: AuthService;
  users: UsersService;
  org: OrgService;
  audit: AuditService;
  chains: ChainCheckService;
  notifications: NotificationService;
  /** One service per audience: applicant, rounds, selection, reviews, retention (src/compose.ts). */
  recruitment: Services['recruitment'];
  training: TrainingService;
  contracts: ContractsService;
  employment: EmploymentService;
  programs: ProgramsService;
  eligibility: EligibilityService;
  businesses: BusinessesService;
  owner: OwnerService;
  participations: ParticipationsService;
  documents: DocumentsService;
  reports: ReportsService;
  monthlyReports: MonthlyReportsService;
  surveys: SurveysService;
  operations: OperationsService;
  nts: NtsService;
  /** Sections other modules render on the business page (participations, documents). */
  businessSections?: BusinessPageExtras['sections'];
  health: () => Promise<boolean>;
  dbKind: 'pglite' | 'postgres';
}

export const SESSION_COOKIE = 'itda_sid';
export const CSRF_COOKIE = 'itda_csrf';
export const LOCALE_COOKIE = 'itda_lang';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Paths a user who must change the one-time password may still reach. */
const PASSWORD_CHANGE_ALLOWED = [/^\/password$/, /^\/logout$/, /^\/locale$/, /^\/static\//, /^\/healthz$/];

export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const cookieBase = { httpOnly: true, sameSite: 'Lax' as const, secure: deps.config.cookieSecure, path: '/' };

  // 1. Request id + one log line per request (the id is in the header and in the line).
  app.use('*', async (c, next) => {
    const requestId = randomUUID();
    const log = deps.logger.child({ reqId: requestId });
    c.set('requestId', requestId);
    c.set('log', log);
    c.set('t', translator(DEFAULT_LOCALE));
    c.set('locale', DEFAULT_LOCALE);
    c.set('actor', null);
    c.set('mustChangePassword', false);
    c.set('sessionToken', null);
    c.set('csrfToken', '');
    let ip: string | null = null;
    try {
      ip = getConnInfo(c).remote.address ?? null;
    } catch {
      ip = null;
    }
    if (deps.config.trustProxy) ip = c.req.header('x-forwarded-for')?.split(',')[0]?.trim() || ip;
    c.set('clientIp', ip);
    const started = performance.now();
    c.header('X-Request-Id', requestId);
    await withRequestMemo(() => next());
    c.header('X-Request-Id', requestId);
    log.info(
      { method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) },
      'request',
    );
  });

  // 2. Security headers: CSP without inline script, no framing, nosniff, strict referrer.
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
      },
      xFrameOptions: 'DENY',
      xContentTypeOptions: 'nosniff',
      referrerPolicy: 'strict-origin-when-cross-origin',
      strictTransportSecurity: deps.config.cookieSecure ? 'max-age=31536000; includeSubDomains' : false,
      crossOriginEmbedderPolicy: false,
    }),
  );

  // 3. Request body size limit: small everywhere, larger only where files are uploaded.
  const limit = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: () => {
        throw new HTTPException(413);
      },
    });
  const defaultLimit = limit(deps.config.bodyLimitBytes);
  const importLimit = limit(IMPORT_MAX_BYTES + 64 * 1024);
  const applicationLimit = limit(APPLICATION_MAX_BYTES);
  const documentLimit = limit(DOCUMENT_UPLOAD_MAX_BYTES);
  app.use('*', (c, next) =>
    c.req.path === IMPORT_ROUTE
      ? importLimit(c, next)
      : c.req.path === APPLICATION_ROUTE
        ? applicationLimit(c, next)
        : c.req.method === 'POST' && DOCUMENT_UPLOAD_ROUTE.test(c.req.path)
          ? documentLimit(c, next)
          : defaultLimit(c, next),
  );

  app.onError(onError);
  app.notFound(notFound);

  // 4. Static assets (no session look-up for them).
  staticRoutes(app);
  systemRoutes(app, deps);

  // 5. Who is asking: session cookie or personal access token; language.
  app.use('*', async (c, next) => {
    const authz = c.req.header('authorization');
    let viaToken = false;
    if (authz?.startsWith('Bearer ')) {
      const actor = await deps.auth.resolveToken(authz.slice(7).trim());
      if (!actor) {
        return c.json({ error: { code: 'unauthenticated', message: c.var.t('error.tokenInvalid'), issues: [] } }, 401);
      }
      c.set('actor', actor);
      viaToken = true;
    } else {
      const sid = getCookie(c, SESSION_COOKIE);
      if (sid) {
        const s = await deps.auth.resolveSession(sid);
        if (s) {
          c.set('actor', s.actor);
          c.set('mustChangePassword', s.mustChangePassword);
          c.set('sessionToken', sid);
        } else {
          setCookie(c, SESSION_COOKIE, '', { ...cookieBase, maxAge: 0 });
        }
      }
    }
    const actor = c.var.actor;
    const cookieLocale = getCookie(c, LOCALE_COOKIE);
    const locale = actor && isLocale(actor.locale) ? actor.locale : isLocale(cookieLocale) ? cookieLocale : DEFAULT_LOCALE;
    c.set('locale', locale);
    c.set('t', translator(locale));

    // 6. CSRF: Origin check (Hono) + a synchronizer token bound to a HttpOnly cookie, on every
    // state-changing request that a browser could send with our cookies. Token-authenticated
    // API clients send no cookies, so they are not exposed to CSRF.
    let csrfToken = getCookie(c, CSRF_COOKIE);
    if (!csrfToken || csrfToken.length < 32) {
      csrfToken = randomToken();
      setCookie(c, CSRF_COOKIE, csrfToken, cookieBase);
    }
    c.set('csrfToken', csrfToken);
    if (UNSAFE.has(c.req.method) && !viaToken) {
      const origin = c.req.header('origin');
      if (origin && origin !== new URL(c.req.url).origin) throw new ForbiddenError('error.csrf');
      let sent = c.req.header('x-csrf-token');
      const type = c.req.header('content-type') ?? '';
      if (!sent && (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data'))) {
        const body = await c.req.parseBody();
        sent = typeof body._csrf === 'string' ? body._csrf : undefined;
      }
      const cookieToken = getCookie(c, CSRF_COOKIE);
      if (!sent || !cookieToken || !safeEqual(sent, cookieToken)) throw new ForbiddenError('error.csrf');
    }

    // 7. A one-time password must be replaced before anything else.
    if (actor && c.var.mustChangePassword && !PASSWORD_CHANGE_ALLOWED.some((r) => r.test(c.req.path))) {
      if (c.req.path.startsWith('/api/')) throw new ForbiddenError('auth.mustChangePassword');
      return c.redirect('/password', 303);
    }
    await next();
  });

  const cookies = { session: SESSION_COOKIE, locale: LOCALE_COOKIE, csrf: CSRF_COOKIE, base: cookieBase };
  authPages(app, { auth: deps.auth, cookies, demo: deps.config.demo });
  homePages(app, deps);
  orgPages(app, { org: deps.org });
  userPages(app, { users: deps.users });
  auditPages(app, { audit: deps.audit, chains: deps.chains });
  notificationPages(app, { notifications: deps.notifications });
  const municipalities = () => deps.org.municipalityOptions();
  programmePages(app, { programs: deps.programs, municipalities });
  programmeEditorPages(app, { programs: deps.programs, eligibility: deps.eligibility });
  importPages(app, { programs: deps.programs });
  eligibilityPages(app, { eligibility: deps.eligibility, municipalities });
  businessPages(app, { businesses: deps.businesses, eligibility: deps.eligibility, municipalities, extras: { sections: deps.businessSections ?? participationSections(deps.participations) }, nts: deps.nts });
  ntsRoutes(app, { nts: deps.nts });
  caseloadPages(app, { businesses: deps.businesses });
  ownerPages(app, { owner: deps.owner });
  participationPages(app, { participations: deps.participations, documents: deps.documents, surveys: deps.surveys });
  documentPages(app, { documents: deps.documents });
  recruitmentApplyPages(app, { applicant: deps.recruitment.applicant, cookieSecure: deps.config.cookieSecure });
  recruitmentPages(app, { rounds: deps.recruitment.rounds, selection: deps.recruitment.selection, reviews: deps.recruitment.reviews });
  trainingPages(app, { training: deps.training });
  employmentPages(app, { contracts: deps.contracts, employment: deps.employment });
  reportPages(app, { reports: deps.reports });
  monthlyReportPages(app, { monthly: deps.monthlyReports });
  surveyPages(app, { surveys: deps.surveys });
  operationsPages(app, { operations: deps.operations });
  accessReviewPages(app, { operations: deps.operations, chains: deps.chains });
  apiRoutes(app, deps);

  return app;
}
export type App = ReturnType<typeof createApp>;
