import { createBackupService } from './modules/backup/backup.service.ts';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { createAuditRepository } from './modules/audit/audit.repository.ts';
import { createAuditService } from './modules/audit/audit.service.ts';
import { createChainCheckRepository } from './modules/audit/chain-check.repository.ts';
import { createChainCheckService } from './modules/audit/chain-check.service.ts';
import { createChainHeadsRepository } from './modules/audit/chain-heads.repository.ts';
import { createChainHeadsService } from './modules/audit/chain-heads.service.ts';
import { loadChainSigner } from './modules/audit/chain-signing.ts';
import { createAuthRepository } from './modules/auth/auth.repository.ts';
import { createAuthService } from './modules/auth/auth.service.ts';
import { createChannels } from './modules/notifications/notifications.channels.ts';
import { createNotificationsRepository } from './modules/notifications/notifications.repository.ts';
import { createHttpNtsClient } from './modules/nts/nts.client.ts';
import { createNtsRepository } from './modules/nts/nts.repository.ts';
import { createNtsService } from './modules/nts/nts.service.ts';
import { createHttpNoticeFetcher } from './modules/notices/notices.fetcher.ts';
import { createNoticesRepository } from './modules/notices/notices.repository.ts';
import { createNoticesService } from './modules/notices/notices.service.ts';
import { createNotificationService } from './modules/notifications/notifications.service.ts';
import { createOrgRepository } from './modules/org/org.repository.ts';
import { createOrgService } from './modules/org/org.service.ts';
import { createUsersRepository } from './modules/users/users.repository.ts';
import { createUsersService } from './modules/users/users.service.ts';
import { createDemoRepository } from './modules/demo/demo.repository.ts';
import { createDemoService } from './modules/demo/demo.service.ts';
import { createRecruitmentRepository } from './modules/recruitment/recruitment.repository.ts';
import { createRecruitmentApplicantService } from './modules/recruitment/recruitment.applicant.service.ts';
import { createRecruitmentCore } from './modules/recruitment/recruitment.core.ts';
import { createRecruitmentReviewsService } from './modules/recruitment/recruitment.reviews.service.ts';
import { createRetentionRepository } from './modules/retention/retention.repository.ts';
import { createRetentionService } from './modules/retention/retention.service.ts';
import { createDataRequestsService } from './modules/retention/data-requests.service.ts';
import { createRecruitmentRetentionService } from './modules/recruitment/recruitment.retention.service.ts';
import { createRecruitmentRoundsService } from './modules/recruitment/recruitment.rounds.service.ts';
import { createRecruitmentSelectionService } from './modules/recruitment/recruitment.selection.service.ts';
import { createTrainingRepository } from './modules/training/training.repository.ts';
import { createTrainingService } from './modules/training/training.service.ts';
import { createContractsRepository } from './modules/employment/contracts.repository.ts';
import { createContractsService } from './modules/employment/contracts.service.ts';
import { createEmploymentRepository } from './modules/employment/employment.repository.ts';
import { createEmploymentService } from './modules/employment/employment.service.ts';
import { draftFingerprint } from './domain/catalog/catalog.fingerprint.ts';
import { createProgramsRepository } from './modules/programs/programs.repository.ts';
import { createProgramsService } from './modules/programs/programs.service.ts';
import { createAccessLogRepository } from './modules/access-log/access-log.repository.ts';
import { createPersonalDataGate } from './modules/access-log/personal-data.gate.ts';
import { createBusinessesRepository } from './modules/businesses/businesses.repository.ts';
import { createBusinessesService } from './modules/businesses/businesses.service.ts';
import { createOwnerRepository } from './modules/owner/owner.repository.ts';
import { createOwnerService } from './modules/owner/owner.service.ts';
import { createEligibilityRepository } from './modules/eligibility/eligibility.repository.ts';
import { createEligibilityService } from './modules/eligibility/eligibility.service.ts';
import { createStoredVerdicts } from './modules/matching/stored-verdicts.service.ts';
import { createVerdictsRepository } from './modules/matching/verdicts.repository.ts';
import { createParticipationsRepository } from './modules/participations/participations.repository.ts';
import { createParticipationsService } from './modules/participations/participations.service.ts';
import { createDocumentsRepository } from './modules/documents/documents.repository.ts';
import { createDocumentsService } from './modules/documents/documents.service.ts';
import { createReportsRepository } from './modules/reports/reports.repository.ts';
import { createReportsService } from './modules/reports/reports.service.ts';
import { createMonthlyRepository } from './modules/reports/monthly.repository.ts';
import { createMonthlyReportsService } from './modules/reports/monthly.service.ts';
import { createSurveysRepository } from './modules/surveys/surveys.repository.ts';
import { createSurveysService } from './modules/surveys/surveys.service.ts';
import { createOperationsRepository } from './modules/operations/operations.repository.ts';
import { createOperationsService } from './modules/operations/operations.service.ts';
import { createStoresRepository } from './modules/stores/stores.repository.ts';
import { createStoresService } from './modules/stores/stores.service.ts';
import { createOutreachRepository } from './modules/outreach/outreach.repository.ts';
import { createOutreachService } from './modules/outreach/outreach.service.ts';
import { createPapersRepository } from './modules/papers/papers.repository.ts';
import { createPapersService } from './modules/papers/papers.service.ts';
import { createHelpRequestsRepository } from './modules/help-requests/help-requests.repository.ts';
import { createHelpRequestsService } from './modules/help-requests/help-requests.service.ts';
import { createRemindersRepository } from './modules/reminders/reminders.repository.ts';
import { createRemindersService, type RemindersService } from './modules/reminders/reminders.service.ts';

/**
 * Builds every service by hand from the database and the configuration (no DI container).
 * Used by main.ts, the CLI and the integration tests, so all three run the same wiring.
 */
export function buildServices(database: Database, config: Config, logger: Logger, now: () => Date = () => new Date()) {
  const db = database.db;
  const auditRepo = createAuditRepository();
  const authRepo = createAuthRepository();
  const orgRepo = createOrgRepository();
  const usersRepo = createUsersRepository();
  const audit = createAuditService({ db, audit: auditRepo, now });
  const chainCheckRepo = createChainCheckRepository();
  const chains = createChainCheckService({ db, repo: chainCheckRepo, now });
  // Reminders (issue 13 §2) are checked again at delivery: a withdrawn consent cancels a queued one.
  const late: { reminders?: RemindersService } = {};
  const notifications = createNotificationService({
    db,
    repo: createNotificationsRepository(),
    channels: createChannels(config.notify, logger),
    config: config.notify,
    now,
    logger,
    holdBack: (row) => (late.reminders ? late.reminders.holdBack(row) : Promise.resolve(null)),
  });
  // Published chain heads (issue 14 §4): signed daily message through the outbox, heads in the monthly report.
  const chainHeads = createChainHeadsService({
    db,
    repo: createChainHeadsRepository(),
    chainRows: chainCheckRepo,
    notifications,
    config: config.chainHeads,
    signer: () => loadChainSigner(config.chainHeads, { create: true })!,
    now,
    logger,
  });
  const auth = createAuthService({ db, repo: authRepo, audit, config, now });
  const users = createUsersService({ db, users: usersRepo, auth: authRepo, org: orgRepo, audit, notifications, now });
  const org = createOrgService({ db, org: orgRepo, audit });
  // The one gate to personal data: authorizes and writes the 접속기록 in the same step.
  const gate = createPersonalDataGate({ repo: createAccessLogRepository(), now });
  const programsRepo = createProgramsRepository();
  const programs = createProgramsService({ db, programs: programsRepo, audit, now, fingerprint: draftFingerprint });
  // 공고문 첨부파일 (issue 11 §3): fetched only from configured hosts (or a configured base); unconfigured = not fetched.
  const noticeFetch = config.noticeFetch;
  const notices = createNoticesService({
    db,
    repo: createNoticesRepository(),
    fetcher: noticeFetch.hosts.length || noticeFetch.base ? createHttpNoticeFetcher(noticeFetch) : null,
    audit,
    now,
    logger,
  });
  const eligibility = createEligibilityService({ db, programs: programsRepo, repo: createEligibilityRepository(), now });
  // Reminders the owner agreed to (issue 13 §2): the one door for status changes, documents due, the weekly digest and the survey.
  const remindersService = createRemindersService({ db, repo: createRemindersRepository(), gate, audit, notifications, eligibility, now, publicUrl: config.publicUrl });
  late.reminders = remindersService;
  // …and stored in business_verdict (issue 12 §4): what /home and /businesses/:id read, shared by processes.
  const storedVerdicts = createStoredVerdicts({ db, programs: programsRepo, facts: createEligibilityRepository(), repo: createVerdictsRepository(), now, logger });
  // 공공사무원 채용 (issue 6): one service per audience over one repository and the shared core.
  const recruitmentDeps = { db, repo: createRecruitmentRepository(), audit, notifications, gate, now };
  const recruitmentCore = createRecruitmentCore(recruitmentDeps);
  const recruitment = {
    applicant: createRecruitmentApplicantService({ ...recruitmentDeps, core: recruitmentCore }),
    rounds: createRecruitmentRoundsService({ ...recruitmentDeps, core: recruitmentCore }),
    selection: createRecruitmentSelectionService({ ...recruitmentDeps, core: recruitmentCore, users }),
    reviews: createRecruitmentReviewsService({ ...recruitmentDeps, core: recruitmentCore }),
    retention: createRecruitmentRetentionService(recruitmentDeps),
  };
  const training = createTrainingService({ db, repo: createTrainingRepository(), audit, now });
  const contracts = createContractsService({ db, repo: createContractsRepository(), audit, gate, training, now });
  const employment = createEmploymentService({ db, repo: createEmploymentRepository(), audit, gate, now });
  // 국세청 상태조회 (issue 11 §6): only with a configured endpoint; the local double in tests is a real HTTP server.
  const nts = createNtsService({
    db,
    repo: createNtsRepository(),
    client: config.nts.endpoint
      ? createHttpNtsClient({ endpoint: config.nts.endpoint, serviceKey: config.nts.serviceKey, timeoutMs: config.nts.timeoutMs })
      : null,
    gate,
    now,
    logger,
  });
  const businesses = createBusinessesService({
    db,
    repo: createBusinessesRepository(),
    audit,
    gate,
    now,
    caseloadGate: (clerkId) => training.canTakeCaseload(clerkId),
    afterIntake: (businessId) => nts.refresh([businessId]),
  });
  // Retention (issue 14 §3): owners' correction / deletion requests; the nightly job is wired below.
  const retentionRepo = createRetentionRepository();
  const dataRequests = createDataRequestsService({ db, repo: retentionRepo, gate, audit, now });
  const owner = createOwnerService({
    db,
    repo: createOwnerRepository(),
    gate,
    notifications,
    now,
    publicUrl: config.publicUrl,
    dataRequests,
    reminders: remindersService,
  });
  const documents = createDocumentsService({ db, repo: createDocumentsRepository(), gate, now });
  const demo = createDemoService({ db, repo: createDemoRepository(), audit, programs: programsRepo, totpKey: config.secondFactor.key });
  // Reports, surveys, operations (issue 5).
  const reportsRepo = createReportsRepository();
  const reports = createReportsService({ db, repo: reportsRepo, gate, now });
  const monthlyReports = createMonthlyReportsService({ db, repo: createMonthlyRepository(), reports, chainHeads, audit, now });
  const surveys = createSurveysService({
    db,
    repo: createSurveysRepository(),
    notifications,
    gate,
    audit,
    now,
    publicUrl: config.publicUrl,
    reminders: remindersService,
  });
  // A participation that ends (선정·탈락·취소·수혜) offers the owner the satisfaction survey in the same transaction.
  const participations = createParticipationsService({
    db,
    repo: createParticipationsRepository(),
    gate,
    verdicts: storedVerdicts,
    now,
    // The owner hears of the change in plain words (if she agreed to reminders; issue 13 §2).
    onTransition: async (trx, id, actorUserId) => {
      await remindersService.statusChanged(trx, id);
      return surveys.offerSurvey(trx, id, { via: 'transition', actorUserId });
    },
    // Before 신청완료 the 영업 상태 is checked again at the 국세청 (a closed shop cannot apply).
    beforeSubmit: (businessId) => nts.refresh([businessId]),
  });
  const operations = createOperationsService({
    db,
    repo: createOperationsRepository(),
    businesses: createBusinessesRepository(),
    reports: reportsRepo,
    gate,
    audit,
    now,
    caseloadGate: (clerkId) => training.canTakeCaseload(clerkId),
  });
  // 상가(상권)정보 (issue 12 §1): public shop registry, bulk-loaded by COPY on either database.
  const stores = createStoresService({
    db,
    repo: createStoresRepository(),
    copyIn: (target, chunks) => database.copyIn(target, chunks),
    now,
  });
  // Outreach (issue 12 §3): registry shops that may qualify, the map, visit lists; counts for the province.
  const outreach = createOutreachService({
    db,
    repo: createOutreachRepository(),
    stores: createStoresRepository(),
    programs: programsRepo,
    audit,
    municipalities: () => org.municipalityOptions(),
    now,
  });
  const backups = createBackupService({ database, config, logger, now });
  // 공공사무원의 도움 받기 (issue 13 §1): public help requests into the covering office's queue.
  const helpRequests = createHelpRequestsService({ db, repo: createHelpRequestsRepository(), gate, notifications, reminders: remindersService, now });
  // 파기 (개인정보 보호법 §21): one nightly job runs every rule of src/domain/retention/retention.rules.ts.
  const jobMeta = { ip: null, requestId: 'retention.nightly' };
  const retention = createRetentionService({
    db,
    repo: retentionRepo,
    audit,
    now,
    executors: {
      'business.after-last-participation': (trx, at, before) => retentionRepo.anonymiseBusinesses(trx, before, at),
      'document-file.after-upload': (trx, _at, before) => retentionRepo.deleteDocumentFiles(trx, before),
      'applicant.after-round': (trx) => recruitment.retention.purgeIn(trx, jobMeta),
      'help-request.after-close': (trx) => helpRequests.purge(trx),
      'session.expired': (trx, at) => authRepo.purgeExpiredSessions(trx, at, config.session.idleMinutes),
      'access-record.2y': (trx, at, before) => retentionRepo.deleteAccessPrefix(trx, at, before),
      'audit-event.3y': (trx, at, before) => retentionRepo.deleteAuditPrefix(trx, at, before),
    },
  });
  // Papers ready to sign (issue 13 §3): 위임장, 동의서, 신청 요약, 안내문 as PDF; signed scans back.
  const papers = createPapersService({ db, repo: createPapersRepository(), gate, documents, eligibility, now });
  return {
    audit,
    backups,
    chains,
    chainHeads,
    auth,
    users,
    org,
    notifications,
    programs,
    notices,
    eligibility,
    storedVerdicts,
    gate,
    businesses,
    owner,
    participations,
    documents,
    demo,
    reports,
    monthlyReports,
    surveys,
    operations,
    recruitment,
    training,
    contracts,
    employment,
    nts,
    stores,
    outreach,
    helpRequests,
    retention,
    dataRequests,
    papers,
    reminders: remindersService,
    health: async () => {
      await db.selectFrom('region').select('id').limit(1).execute();
      return true;
    },
  };
}
export type Services = ReturnType<typeof buildServices>;
