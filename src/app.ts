import { ntsRoutes } from './modules/nts/nts.routes.tsx';
import { createPageCache, type PageCache } from './web/page-cache.ts';
import { Hono } from 'hono';
import type { Logger } from 'pino';
import type { Services } from './compose.ts';
import type { Config } from './config.ts';
import { apiRoutes } from './modules/api/api.routes.tsx';
import { eligibilityPages } from './modules/eligibility/eligibility.pages.tsx';
import { checkPages } from './modules/check/check.pages.tsx';
import { businessPaperSection, paperPages, participationPaperSection } from './modules/papers/papers.pages.tsx';
import { helpRequestPages } from './modules/help-requests/help-requests.pages.tsx';
import { retentionPages } from './modules/retention/retention.pages.tsx';
import { createRateLimiter } from './web/rate-limit.ts';
import { businessPages, type BusinessPageExtras } from './modules/businesses/businesses.pages.tsx';
import { caseloadPages } from './modules/businesses/caseload.pages.tsx';
import { reminderPages, remindersSection } from './modules/reminders/reminders.pages.tsx';
import { ownerPages } from './modules/owner/owner.pages.tsx';
import { participationPages, participationSections } from './modules/participations/participations.pages.tsx';
import { documentPages, DOCUMENT_UPLOAD_MAX_BYTES, DOCUMENT_UPLOAD_ROUTE } from './modules/documents/documents.pages.tsx';
import { reportPages } from './modules/reports/reports.pages.tsx';
import { monthlyReportPages } from './modules/reports/monthly.pages.tsx';
import { surveyPages } from './modules/surveys/surveys.pages.tsx';
import { accessReviewPages } from './modules/operations/access-review.pages.tsx';
import { operationsPages } from './modules/operations/operations.pages.tsx';
import { programmeEditorPages } from './modules/programs/programs.editor.pages.tsx';
import { programmeReviewPages } from './modules/programs/programs.review.pages.tsx';
import { IMPORT_MAX_BYTES } from './modules/programs/programs.import.ts';
import { importPages, IMPORT_ROUTE } from './modules/programs/programs.import.pages.tsx';
import { programmePages } from './modules/programs/programs.pages.tsx';
import { storePages, STORE_IMPORT_ROUTE, STORE_UPLOAD_MAX_BYTES } from './modules/stores/stores.pages.tsx';
import { outreachPages } from './modules/outreach/outreach.pages.tsx';
import { APPLICATION_MAX_BYTES, APPLICATION_ROUTE, recruitmentApplyPages } from './modules/recruitment/recruitment.apply.routes.tsx';
import { recruitmentPages } from './modules/recruitment/recruitment.routes.tsx';
import { trainingPages } from './modules/training/training.pages.tsx';
import { employmentPages } from './modules/employment/employment.pages.tsx';
import { auditPages } from './modules/audit/audit.pages.tsx';
import { authPages } from './modules/auth/auth.pages.tsx';
import { secondFactorPages } from './modules/auth/second-factor.pages.tsx';
import { homePages } from './modules/home/home.pages.tsx';
import { notificationPages } from './modules/notifications/notifications.pages.tsx';
import { orgPages } from './modules/org/org.pages.tsx';
import { systemRoutes } from './modules/system/system.routes.tsx';
import { userPages } from './modules/users/users.pages.tsx';
import type { AppEnv } from './web/context.ts';
import { notFound, onError } from './web/error-handler.tsx';
import { staticRoutes } from './web/static.ts';
import {
  authentication,
  bodyLimits,
  cookieBase,
  CSRF_COOKIE,
  csrfProtection,
  LOCALE_COOKIE,
  locale,
  passwordChangeGate,
  requestContext,
  secondFactorGate,
  securityHeaders,
  SESSION_COOKIE,
} from './web/middleware.ts';

/**
 * What the app needs: the services of the composition root (src/compose.ts) as they are, plus the
 * configuration, the logger and the database kind. A new service is in `Services` and so here.
 */
export type AppDeps = Services & {
  config: Pick<Config, 'cookieSecure' | 'trustProxy' | 'bodyLimitBytes' | 'session' | 'demo'> & Partial<Pick<Config, 'pageCacheBytes'>>;
  logger: Logger;
  /** Sections other modules render on the business page (participations, documents). */
  businessSections?: BusinessPageExtras['sections'];
  dbKind: 'pglite' | 'postgres';
  /** Rendered page bodies kept per process; by default one of config.pageCacheBytes (none when 0). */
  pageCache?: PageCache;
};

export { CSRF_COOKIE, LOCALE_COOKIE, SESSION_COOKIE };

/** The business page's sections from several modules, in order. */
function allSections(...parts: BusinessPageExtras['sections'][]): BusinessPageExtras['sections'] {
  return async (c, businessId) => (await Promise.all(parts.map((p) => p(c, businessId)))).flat();
}

export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const { config } = deps;

  /** Every request, static files included, in this order. */
  const edge = [
    requestContext({ logger: deps.logger, trustProxy: config.trustProxy }),
    securityHeaders({ hsts: config.cookieSecure }),
    bodyLimits({
      defaultBytes: config.bodyLimitBytes,
      uploads: [
        { matches: (c) => c.req.path === IMPORT_ROUTE, maxBytes: IMPORT_MAX_BYTES + 64 * 1024 },
        { matches: (c) => c.req.path === STORE_IMPORT_ROUTE, maxBytes: STORE_UPLOAD_MAX_BYTES + 64 * 1024 },
        { matches: (c) => c.req.path === APPLICATION_ROUTE, maxBytes: APPLICATION_MAX_BYTES },
        { matches: (c) => c.req.method === 'POST' && DOCUMENT_UPLOAD_ROUTE.test(c.req.path), maxBytes: DOCUMENT_UPLOAD_MAX_BYTES },
      ],
    }),
  ];
  /** Every page and API request (not static files, /healthz or /readyz, which need no session look-up), in this order. */
  const session = [
    authentication({ auth: deps.auth, cookieSecure: config.cookieSecure }),
    locale({ cookieSecure: config.cookieSecure }),
    csrfProtection({ cookieSecure: config.cookieSecure, exempt: [/^\/api\/v1\/eligibility\/check$/] }),
    secondFactorGate(),
    passwordChangeGate(),
  ];

  for (const middleware of edge) app.use('*', middleware);
  app.onError(onError);
  app.notFound(notFound);
  staticRoutes(app);
  systemRoutes(app, deps);
  for (const middleware of session) app.use('*', middleware);

  // Rendered bodies of the two busiest pages, kept per fingerprint of what they show (issue 12 §4).
  const pageCache = deps.pageCache ?? (config.pageCacheBytes ? createPageCache({ maxBytes: config.pageCacheBytes }) : undefined);
  const cookies = { session: SESSION_COOKIE, locale: LOCALE_COOKIE, csrf: CSRF_COOKIE, base: cookieBase(config.cookieSecure) };
  authPages(app, { auth: deps.auth, cookies, demo: config.demo });
  secondFactorPages(app, { auth: deps.auth, cookies, demo: config.demo });
  homePages(app, { ...deps, pageCache });
  orgPages(app, { org: deps.org });
  userPages(app, { users: deps.users });
  auditPages(app, { audit: deps.audit, chains: deps.chains });
  notificationPages(app, { notifications: deps.notifications });
  const municipalities = () => deps.org.municipalityOptions();
  programmePages(app, { programs: deps.programs, notices: deps.notices, municipalities });
  programmeEditorPages(app, { programs: deps.programs, eligibility: deps.eligibility });
  programmeReviewPages(app, { programs: deps.programs, eligibility: deps.eligibility, notices: deps.notices });
  importPages(app, { programs: deps.programs });
  eligibilityPages(app, { eligibility: deps.eligibility, municipalities });
  checkPages(app, { eligibility: deps.eligibility, municipalities });
  // Per-address limits of the public forms and API (issue 13 §1); each app has its own counters.
  const helpLimiter = createRateLimiter({ name: 'help', max: 10, windowMs: 60 * 60_000 });
  helpRequestPages(app, { helpRequests: deps.helpRequests, municipalities, limiter: helpLimiter });
  retentionPages(app, { retention: deps.retention, dataRequests: deps.dataRequests });
  businessPages(app, {
    businesses: deps.businesses,
    eligibility: deps.eligibility,
    storedVerdicts: deps.storedVerdicts,
    municipalities,
    extras: {
      sections: deps.businessSections ?? allSections(participationSections(deps.participations), remindersSection(deps.reminders), businessPaperSection(deps.papers)),
    },
    nts: deps.nts,
    intakeFrom: (actor, id) => deps.stores.intakeValues(actor ?? null, id),
    helpRequests: deps.helpRequests,
    pageCache,
  });
  storePages(app, { stores: deps.stores, municipalities });
  outreachPages(app, { outreach: deps.outreach, municipalities });
  ntsRoutes(app, { nts: deps.nts });
  caseloadPages(app, { businesses: deps.businesses });
  ownerPages(app, { owner: deps.owner });
  reminderPages(app, { reminders: deps.reminders });
  participationPages(app, { participations: deps.participations, documents: deps.documents, surveys: deps.surveys, papers: participationPaperSection(deps.papers) });
  paperPages(app, { papers: deps.papers });
  documentPages(app, { documents: deps.documents });
  recruitmentApplyPages(app, { applicant: deps.recruitment.applicant, cookieSecure: config.cookieSecure });
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
