import { CONSENT_TEXT_VERSION } from '../../domain/consent-texts.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from '../../errors.ts';
import { parseInput } from '../../validation.ts';
import type { PersonalDataGate } from '../access-log/personal-data.gate.ts';
import type { AuditService, RequestMeta } from '../audit/audit.service.ts';
import { authorize, requireActor, type Actor } from '../auth/auth.policy.ts';
import { kstDate, startOfKstDay } from '../../domain/korean-time.ts';
import { figuresScope, isHandedOver, scopeOf, scopePermits, type BusinessScope } from '../../domain/scope.ts';
import type { BusinessesRepository } from './businesses.repository.ts';
import { ActivityInput, AssignInput, BusinessInput, ExportInput, WithdrawConsentInput } from './businesses.schemas.ts';
import { businessListWorkbook } from './businesses.export.ts';

/** Personal data of the owner: kept only with 수집·이용 동의 (without it, only the minimum). */
const PERSONAL_FIELDS = ['ownerName', 'phone', 'address', 'ownerBirthDate', 'ownerGender', 'ownerDisabled', 'ownerVeteran'] as const;

export function createBusinessesService(deps: {
  db: Kysely<DB>;
  repo: BusinessesRepository;
  audit: AuditService;
  gate: PersonalDataGate;
  now: () => Date;
  /**
   * Training gate (issue 6): a clerk is given a caseload only once the courses marked "required
   * before a caseload" are complete. Which courses are required is data the operator sets.
   */
  caseloadGate?: (clerkId: string) => Promise<{ ok: boolean; missing: { title: string }[] }>;
  /** After a new business is saved (outside its transaction): the 국세청 상태조회 (issue 11 §6); must not throw for the service being down. */
  afterIntake?: (businessId: string) => Promise<unknown>;
}) {
  const { db, repo, gate, now } = deps;

  function columns(input: BusinessInput, withPersonal: boolean) {
    const v = {
      brn: input.brn,
      name: input.name,
      ownerName: input.ownerName,
      phone: input.phone,
      sidoCode: input.municipalityCode.slice(0, 2),
      municipalityCode: input.municipalityCode,
      eupMyeonDong: input.eupMyeonDong,
      address: input.address,
      openedOn: input.openedOn,
      closedOn: input.closedOn,
      annualRevenue: input.annualRevenue,
      workers: input.workers,
      ksicCode: input.ksicCode,
      ntsIndustryCode: input.ntsIndustryCode,
      ownerBirthDate: input.ownerBirthDate,
      ownerGender: input.ownerGender,
      ownerDisabled: input.ownerDisabled,
      ownerVeteran: input.ownerVeteran,
      nationalTaxArrears: input.nationalTaxArrears,
      localTaxArrears: input.localTaxArrears,
      taxArrearsDeferred: input.taxArrearsDeferred,
      creditDelinquent: input.creditDelinquent,
      operatingStatus: input.operatingStatus,
      premises: input.premises,
      mailOrderRegistered: input.mailOrderRegistered,
      legalForm: input.legalForm,
      marketLocation: input.marketLocation,
      closurePlanned: input.closurePlanned,
      // A planned date only with a plan: "폐업 예정 아님" clears it, so the two never disagree.
      plannedClosureOn: input.closurePlanned === false ? null : input.plannedClosureOn,
      restart: input.restart,
      annualRevenueYear: input.annualRevenueYear,
      previousAnnualRevenue: input.previousAnnualRevenue,
      itLiteracy: input.itLiteracy,
      preferredChannel: input.preferredChannel,
      minimalOnly: !withPersonal,
    };
    if (!withPersonal) for (const f of PERSONAL_FIELDS) (v as Record<string, unknown>)[f] = null;
    return v;
  }

  /** What the business page shows of the business itself; its view is authorized and recorded by the caller. */
  async function detail(actor: Actor, id: string) {
    const b = await repo.findById(db, id);
    if (!b) throw new NotFoundError();
    const [consents, activities] = await Promise.all([repo.consents(db, id), repo.activities(db, id)]);
    const scope = scopeOf(actor);
    const canWrite = scopePermits(scope, b, 'write');
    // A walk-in handed to the covering office: say to whom, with its contact, so the clerk can tell the owner.
    const handedTo = isHandedOver(scope, b) && b.officeId !== null ? ((await repo.officeContact(db, b.officeId)) ?? null) : null;
    return { business: b, consents, activities, canWrite, handedTo };
  }

  const methods = {
    async assertCanIntake(actor: Actor | null) {
      authorize(actor, 'businesses.intake');
    },

    /**
     * Intake. A 사업자등록번호 already on file opens that business instead of creating a second
     * record (`existing`). The business goes to the office covering its 시·군; a clerk who
     * registers it in their own office takes it on. A walk-in from another office's area is handed
     * to that office unassigned (`handedOver`); the registering clerk keeps read access until a
     * clerk there takes it on (src/domain/scope.ts).
     */
    async create(actor: Actor | null, raw: unknown, meta: RequestMeta): Promise<{ id: string; existing: boolean; handedOver: boolean }> {
      authorize(actor, 'businesses.intake');
      const input = parseInput(BusinessInput, raw);
      const known = async () => {
        const dup = await repo.findByBrn(db, input.brn);
        if (!dup) return null;
        if (!scopePermits(scopeOf(actor), dup, 'read')) throw new InvalidError('validation.summary', [{ path: 'brn', messageKey: 'businesses.brnElsewhere' }]);
        return { id: dup.id, existing: true, handedOver: false };
      };
      const existing = await known();
      if (existing) return existing;
      const office = await repo.officeCovering(db, input.municipalityCode);
      // A link to a shop that is not (or no longer) in the registry is dropped, not an error for the clerk.
      const storeId = input.storeId && (await repo.storeExists(db, input.storeId)) ? input.storeId : null;
      const withPersonal = input.consentCollection !== null;
      const today = kstDate(now());
      const created = await db.transaction().execute(async (trx) => {
        const scope = scopeOf(actor);
        const clerkTakes = scope.kind === 'clerk' && office && scope.officeId === office.id;
        const b = await repo.insertUnlessBrnTaken(trx, {
          ...columns(input, withPersonal),
          officeId: office?.id ?? actor.officeId,
          clerkId: clerkTakes ? actor.userId : null,
          registeredBy: actor.userId,
          storeId,
        });
        if (!b) return null; // registered by a request at the same moment: answered below as a known one
        if (input.consentCollection) await repo.insertConsent(trx, { businessId: b.id, kind: 'collection', textVersion: CONSENT_TEXT_VERSION.collection, method: input.consentCollection, givenOn: today, recordedBy: actor.userId });
        if (input.consentThirdParty) await repo.insertConsent(trx, { businessId: b.id, kind: 'third_party', textVersion: CONSENT_TEXT_VERSION.third_party, method: input.consentThirdParty, givenOn: today, recordedBy: actor.userId });
        await gate.open(trx, actor, meta, { permission: 'businesses.intake', subjectType: 'business', subjectId: b.id, action: 'create', detail: { minimalOnly: !withPersonal } });
        return { id: b.id, existing: false, handedOver: isHandedOver(scope, b) };
      });
      if (!created) {
        const dup = await known();
        if (!dup) throw new Error('business brn conflict without a row');
        return dup;
      }
      if (deps.afterIntake) await deps.afterIntake(created.id);
      return created;
    },

    /** The business page: full values (recorded as a 'view' access). */
    async get(actor: Actor | null, id: string, meta: RequestMeta) {
      requireActor(actor);
      await gate.business(db, actor, meta, { id, mode: 'read', action: 'view' });
      return detail(actor, id);
    },

    /**
     * The business page's view (issue 12 §4): authorized and recorded as a 'view' here, once, as
     * `get` does; then the fingerprint of everything the page shows (repository `pageFingerprint`),
     * and the page's data on demand — read only when no body rendered for that fingerprint is kept.
     * `keepable`: the stored verdicts are fresh for today and no programme is dirty; otherwise the
     * page evaluates some verdicts live, and a body rendered from them must not be kept.
     */
    async view(actor: Actor | null, id: string, meta: RequestMeta) {
      requireActor(actor);
      // Read before the gate decides, with the scope columns it decides on; nothing of it is shown
      // unless the gate lets the view through (404 / 403 as for any other door).
      const f = /^[0-9a-f-]{36}$/i.test(id) ? await repo.pageFingerprint(db, id) : undefined;
      await gate.business(db, actor, meta, { id, mode: 'read', action: 'view', row: f });
      if (!f) throw new NotFoundError();
      const today = kstDate(now());
      return {
        fingerprint: f.fingerprint,
        keepable: f.cellsNull === false && f.refDate === today && f.dirty === 0,
        today,
        ntsCheckedAt: f.ntsCheckedAt,
        detail: () => detail(actor, id),
      };
    },

    /** The edit form is for those who may change the business (not the owner, not other offices). */
    async assertCanEdit(actor: Actor | null, id: string) {
      await gate.check(db, actor, id, 'write');
    },

    async update(actor: Actor | null, id: string, raw: unknown, meta: RequestMeta) {
      requireActor(actor);
      await gate.check(db, actor, id, 'write');
      const input = parseInput(BusinessInput, raw);
      if (!input.version) throw new InvalidError('validation.summary');
      const consents = await repo.consents(db, id);
      const hasCollection = consents.some((k) => k.kind === 'collection' && !k.withdrawnAt);
      const other = await repo.findByBrn(db, input.brn);
      if (other && other.id !== id) throw new InvalidError('validation.summary', [{ path: 'brn', messageKey: 'businesses.brnTaken' }]);
      return db.transaction().execute(async (trx) => {
        const { minimalOnly: _m, ...cols } = columns(input, hasCollection || input.consentCollection !== null);
        const after = await repo.updateVersioned(trx, id, input.version!, { ...cols, minimalOnly: !(hasCollection || input.consentCollection !== null) });
        if (!after) throw new ConflictError('error.conflictReload');
        const today = kstDate(now());
        if (!hasCollection && input.consentCollection) await repo.insertConsent(trx, { businessId: id, kind: 'collection', textVersion: CONSENT_TEXT_VERSION.collection, method: input.consentCollection, givenOn: today, recordedBy: actor.userId });
        if (input.consentThirdParty && !consents.some((k) => k.kind === 'third_party' && !k.withdrawnAt)) {
          await repo.insertConsent(trx, { businessId: id, kind: 'third_party', textVersion: CONSENT_TEXT_VERSION.third_party, method: input.consentThirdParty, givenOn: today, recordedBy: actor.userId });
        }
        await gate.business(trx, actor, meta, { id, mode: 'write', action: 'update' });
        return after;
      });
    },

    /**
     * Withdrawal of consent (§37 ④ 지체 없이 파기): withdrawing 수집·이용 erases the owner's personal
     * data at once (only the minimum stays); withdrawing 제3자 제공 stops new submissions to agencies.
     */
    async withdrawConsent(actor: Actor | null, id: string, raw: unknown, meta: RequestMeta) {
      requireActor(actor);
      await gate.check(db, actor, id, 'write');
      const { kind } = parseInput(WithdrawConsentInput, raw);
      await db.transaction().execute(async (trx) => {
        const n = await repo.withdrawConsent(trx, id, kind, actor.userId, now());
        if (!n) throw new NotFoundError();
        if (kind === 'collection') await repo.eraseFields(trx, id, PERSONAL_FIELDS, now());
        await gate.business(trx, actor, meta, { id, mode: 'write', action: kind === 'collection' ? 'delete' : 'update', detail: { consentWithdrawn: kind } });
      });
    },

    async hasThirdPartyConsent(businessId: string): Promise<boolean> {
      const consents = await repo.consents(db, businessId);
      return consents.some((k) => k.kind === 'third_party' && !k.withdrawnAt);
    },

    /** A list in the role's scope, masked (names 김*용, phones 010-****-5678). */
    async list(actor: Actor | null, f: { q?: string; unassigned?: boolean; page: number }, meta: RequestMeta) {
      const pageSize = 50;
      // Masked lists still show whose records exist: recorded as one 'view' of the list.
      const rows = await gate.list(
        db,
        actor,
        meta,
        { permission: 'businesses.list', subjectType: 'business_list', subjectId: `page:${f.page}`, action: 'view', detail: { q: f.q ?? null }, count: (r: readonly unknown[]) => Math.min(r.length, pageSize) },
        (scope: BusinessScope) => repo.list(db, scope, { q: f.q, unassigned: f.unassigned, limit: pageSize + 1, offset: (f.page - 1) * pageSize }),
      );
      return { rows: rows.slice(0, pageSize), hasNext: rows.length > pageSize };
    },

    /** The list in the role's scope as .xlsx (masked), with the purpose recorded. */
    async exportList(actor: Actor | null, raw: unknown, meta: RequestMeta) {
      authorize(actor, 'businesses.export');
      const { reason } = parseInput(ExportInput, raw);
      const rows = await gate.list(db, actor, meta, { permission: 'businesses.export', subjectType: 'business_list', subjectId: 'export', action: 'download', reason }, (scope: BusinessScope) =>
        repo.list(db, scope, { limit: 50_000, offset: 0 }),
      );
      return businessListWorkbook(rows, { reason, by: actor.login, at: now() });
    },

    async addActivity(actor: Actor | null, id: string, raw: unknown, meta: RequestMeta) {
      requireActor(actor);
      await gate.check(db, actor, id, 'write');
      const input = parseInput(ActivityInput, raw);
      if (input.nextAction && !input.nextDueOn) throw new InvalidError('validation.summary', [{ path: 'nextDueOn', messageKey: 'activities.dueRequired' }]);
      await db.transaction().execute(async (trx) => {
        const a = await repo.insertActivity(trx, { businessId: id, clerkId: actor.userId, kind: input.kind, occurredOn: input.occurredOn, minutes: input.minutes, summary: input.summary, nextAction: input.nextAction, nextDueOn: input.nextDueOn });
        if (input.nextAction && input.nextDueOn) await repo.insertTask(trx, { businessId: id, clerkId: actor.userId, activityId: a.id, title: input.nextAction, dueOn: input.nextDueOn });
        await repo.touchContact(trx, id, now());
        await gate.business(trx, actor, meta, { id, mode: 'write', action: 'update', detail: { activity: input.kind } });
      });
    },

    /** A 할 일 of the 상담일지 done: a change to the business's casework, recorded with it. */
    async completeTask(actor: Actor | null, taskId: string, meta: RequestMeta) {
      authorize(actor, 'businesses.intake');
      await db.transaction().execute(async (trx) => {
        const businessId = await repo.completeTask(trx, taskId, actor.userId, now());
        if (!businessId) throw new NotFoundError();
        await gate.business(trx, actor, meta, { id: businessId, mode: 'write', action: 'update', detail: { taskDone: taskId } });
      });
    },

    async caseloads(actor: Actor | null) {
      authorize(actor, 'caseload.manage');
      const figures = figuresScope(scopeOf(actor));
      if (!figures) throw new ForbiddenError();
      return repo.caseloads(db, figures.officeId);
    },

    /** Office leads reassign within their office; operators anywhere. One or many at once. */
    async reassign(actor: Actor | null, raw: unknown, meta: RequestMeta) {
      authorize(actor, 'caseload.manage');
      const input = parseInput(AssignInput, raw);
      const clerk = await repo.clerkOf(db, input.clerkId);
      if (!clerk || clerk.role !== 'clerk' || !clerk.active) throw new InvalidError('validation.summary', [{ path: 'clerkId', messageKey: 'caseload.clerkRequired' }]);
      const rows = await repo.businessesIn(db, input.businessIds);
      if (rows.length !== input.businessIds.length) throw new NotFoundError();
      // Each business must be the actor's to change, before and after: an office lead moves her
      // office's businesses to a clerk of her office; the operator anywhere.
      const scope = scopeOf(actor);
      if (rows.some((b) => !scopePermits(scope, b, 'write') || !scopePermits(scope, { ...b, clerkId: clerk.id, officeId: clerk.officeId }, 'write'))) throw new ForbiddenError();
      const training = await deps.caseloadGate?.(clerk.id);
      if (training && !training.ok) {
        throw new InvalidError('validation.summary', [{ path: 'clerkId', messageKey: 'caseload.trainingIncomplete', params: { courses: training.missing.map((m) => m.title).join(', ') } }]);
      }
      return db.transaction().execute(async (trx) => {
        const n = await repo.reassign(trx, input.businessIds, clerk.id, clerk.officeId);
        for (const b of rows) {
          await gate.business(trx, actor, meta, { id: b.id, mode: 'write', action: 'update', detail: { reassignedTo: clerk.id, from: b.clerkId } });
        }
        return n;
      });
    },

    /** "오늘 할 일" for a clerk. */
    async clerkToday(actor: Actor | null, opts: { notContactedDays: number }) {
      requireActor(actor);
      if (actor.role !== 'clerk') throw new ForbiddenError();
      const today = kstDate(now());
      const in14 = new Date(Date.parse(`${today}T00:00:00Z`) + 14 * 86_400_000).toISOString().slice(0, 10);
      // "N일 넘게 연락 없음" by the Korean day: no contact since the start of the day N days ago, so the
      // list moves once a day (and the home's kept body, keyed by the day, stays true all day).
      const quietSince = startOfKstDay(new Date(Date.parse(`${today}T00:00:00Z`) - opts.notContactedDays * 86_400_000).toISOString().slice(0, 10));
      const [tasks, quiet, expiring, mine] = await Promise.all([
        repo.tasksDue(db, actor.userId, in14),
        repo.notContacted(db, actor.userId, quietSince),
        repo.expiringDocuments(db, actor.userId, today, in14),
        repo.myBusinessIds(db, actor.userId),
      ]);
      return { today, in14, tasks, quiet, expiring, mine };
    },

    /**
     * The clerk home's "오늘 할 일" view (issue 12 §4): the fingerprint of what it shows
     * (repository `homeFingerprint`) and its data on demand, read only when no body rendered for
     * that fingerprint is kept. `keepable`: all her businesses' stored verdicts are fresh for today
     * and no programme is dirty (otherwise the home evaluates some verdicts live).
     */
    async clerkTodayView(actor: Actor | null, opts: { notContactedDays: number }) {
      requireActor(actor);
      if (actor.role !== 'clerk') throw new ForbiddenError();
      const today = kstDate(now());
      const f = await repo.homeFingerprint(db, actor.userId, today, scopeOf(actor));
      return { fingerprint: f.fingerprint, keepable: f.stale === 0 && f.dirty === 0, today, load: () => methods.clerkToday(actor, opts) };
    },
  };
  return methods;
}
export type BusinessesService = ReturnType<typeof createBusinessesService>;
