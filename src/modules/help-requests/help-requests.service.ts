import type { Kysely } from 'kysely';
import type { Db } from '../../db/db.ts';
import type { DB } from '../../db/schema.ts';
import { officeQueuePermits, scopeOf } from '../../domain/scope.ts';
import { ForbiddenError, NotFoundError } from '../../errors.ts';
import { parseInput, refuseRrn } from '../../validation.ts';
import { isLocale } from '../../i18n/i18n.ts';
import type { PersonalDataGate } from '../access-log/personal-data.gate.ts';
import type { RequestMeta } from '../audit/audit.service.ts';
import { authorize, type Actor } from '../auth/auth.policy.ts';
import { CheckAnswersInput } from '../check/check.schemas.ts';
import type { NotificationService } from '../notifications/notifications.service.ts';
import type { RemindersService } from '../reminders/reminders.service.ts';
import { CONSENT_TEXT_VERSION } from '../../domain/consent-texts.ts';
import type { HelpRequestsRepository } from './help-requests.repository.ts';
import { HelpRequestInput } from './help-requests.schemas.ts';

/**
 * The consent text the help form shows (개인정보 보호법 §15 ②: purpose, items, retention, the right
 * to refuse). A change of wording is a new version; the version agreed to is stored with the request.
 */
export const HELP_CONSENT_VERSION = 'help-2026-1';

/**
 * Retention (개인정보 보호법 §21): a request is deleted 90 days after it is converted or closed; an
 * open request nobody took up in a year is closed then (and deleted 90 days later). The daily job
 * the rule 'help-request.after-close' of `retention.nightly` (src/domain/retention/retention.rules.ts) does both.
 */
export const HELP_RETENTION_DAYS = 90;
const STALE_OPEN_DAYS = 365;
const DAY = 86_400_000;

export function createHelpRequestsService(deps: {
  db: Kysely<DB>;
  repo: HelpRequestsRepository;
  gate: PersonalDataGate;
  notifications: NotificationService;
  /** Conversion hands her phone, language and (if given) reminders consent to her contact preferences. */
  reminders: Pick<RemindersService, 'carryFromHelpRequest'>;
  now: () => Date;
}) {
  const { db, repo, gate, notifications, now } = deps;

  /** Loads one request the actor's office may see (404 unknown, 403 another office's). */
  async function visible(actor: Actor | null, id: string) {
    authorize(actor, 'helpRequests.handle');
    const row = await repo.find(db, id);
    if (!row) throw new NotFoundError();
    if (!officeQueuePermits(scopeOf(actor), row.officeId)) throw new ForbiddenError();
    return row;
  }

  return {
    /**
     * An owner asks for help (public, no sign-in): the request goes to the office covering the 시·군,
     * with the self-check answers; the owner gets an SMS. Nothing that looks like a 주민등록번호 is
     * taken, in any field. `locale` is the language of the page she used (issue 13 §4): kept with
     * the request, her SMS is in it.
     */
    async submit(raw: Record<string, unknown>, locale: string = 'ko') {
      const language = isLocale(locale) ? locale : 'ko';
      refuseRrn(raw);
      const input = parseInput(HelpRequestInput, raw);
      const answers = parseInput(CheckAnswersInput, { ...raw, municipalityCode: input.municipalityCode });
      const office = await repo.officeCovering(db, input.municipalityCode);
      const at = now();
      return db.transaction().execute(async (trx) => {
        const row = await repo.insert(trx, {
          municipalityCode: input.municipalityCode,
          officeId: office?.id ?? null,
          name: input.name,
          phone: input.phone,
          preferredTime: input.preferredTime,
          consentTextVersion: HELP_CONSENT_VERSION,
          consentGivenAt: at,
          answers,
          language,
          remindersConsentVersion: input.reminders ? CONSENT_TEXT_VERSION.reminders : null,
          remindersConsentedAt: input.reminders ? at : null,
        });
        await notifications.enqueue(trx, {
          channel: 'sms',
          recipient: input.phone,
          template: 'help.received',
          locale: language,
          params: { office: office?.name ?? '', phone: office?.phone ?? '' },
        });
        return { id: row.id, office: office ? { name: office.name, phone: office.phone } : null };
      });
    },

    /** The office's queue (names and phones: recorded as a list view). */
    async queue(actor: Actor | null, meta: RequestMeta, status: 'open' | 'all' = 'open') {
      return gate.list(db, actor, meta, { permission: 'helpRequests.handle', subjectType: 'help_request_list', subjectId: 'queue', action: 'view', detail: { status } }, (scope) =>
        repo.list(db, scope, status),
      );
    },

    /**
     * The intake form pre-filled from a request (one step from request to tracked business): the
     * contact and the answers as facts. Recorded as a view of the request.
     */
    async prefill(actor: Actor | null, id: string, meta: RequestMeta): Promise<Record<string, string>> {
      const row = await visible(actor, id);
      await gate.open(db, actor, meta, { permission: 'helpRequests.handle', subjectType: 'help_request', subjectId: id, action: 'view', detail: { for: 'intake' } });
      const a = row.answers as Partial<Record<string, unknown>>;
      const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
      const yn = (v: unknown) => (v === true ? 'yes' : v === false ? 'no' : '');
      return {
        helpRequestId: row.id,
        ownerName: row.name,
        phone: row.phone,
        municipalityCode: row.municipalityCode,
        ksicCode: str(a.ksicCode),
        openedOn: a.openedMonth ? `${str(a.openedMonth)}-01` : '',
        workers: str(a.workers),
        legalForm: str(a.legalForm),
        annualRevenue: str(a.annualRevenue),
        ownerGender: str(a.ownerGender),
        ownerDisabled: yn(a.ownerDisabled),
        ownerVeteran: yn(a.ownerVeteran),
        operatingStatus: a.openedMonth ? 'active' : '',
        preferredChannel: 'phone',
        language: row.language,
      };
    },

    /**
     * After the intake saved the business: the request is converted (and its retention starts), and
     * what she chose on the form becomes the business's contact preferences — her language for every
     * message and owner page, her mobile number, and the reminders consent if she gave it (so the
     * first status change reaches her without the clerk asking again). Preferences the business
     * already has are left as they are.
     */
    async markConverted(actor: Actor | null, id: string, businessId: string, meta: RequestMeta) {
      const row = await visible(actor, id);
      const at = now();
      await db.transaction().execute(async (trx) => {
        await repo.close(trx, id, { status: 'converted', businessId, closedBy: actor!.userId, closedAt: at, purgeAfter: new Date(at.getTime() + HELP_RETENTION_DAYS * DAY) });
        const carried = await deps.reminders.carryFromHelpRequest(trx, businessId, {
          phone: row.phone,
          language: row.language,
          consentTextVersion: row.remindersConsentVersion,
          consentedAt: row.remindersConsentedAt,
          helpRequestId: id,
          meta,
        });
        await gate.open(trx, actor, meta, {
          permission: 'helpRequests.handle',
          subjectType: 'help_request',
          subjectId: id,
          action: 'update',
          detail: { convertedTo: businessId, contactPreference: carried },
        });
      });
    },

    /** Closed without a business (the owner could not be reached, or declined). */
    async close(actor: Actor | null, id: string, meta: RequestMeta) {
      await visible(actor, id);
      const at = now();
      await db.transaction().execute(async (trx) => {
        await repo.close(trx, id, { status: 'closed', businessId: null, closedBy: actor!.userId, closedAt: at, purgeAfter: new Date(at.getTime() + HELP_RETENTION_DAYS * DAY) });
        await gate.open(trx, actor, meta, { permission: 'helpRequests.handle', subjectType: 'help_request', subjectId: id, action: 'update', detail: { closed: true } });
      });
    },

    /** The retention rule 'help-request.after-close' (retention.nightly), inside the job's transaction. */
    async purge(trx: Db = db) {
      const at = now();
      return repo.purge(trx, at, new Date(at.getTime() - STALE_OPEN_DAYS * DAY), new Date(at.getTime() + HELP_RETENTION_DAYS * DAY));
    },
  };
}
export type HelpRequestsService = ReturnType<typeof createHelpRequestsService>;
