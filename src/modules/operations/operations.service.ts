import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { accessFlags, flagSummary } from '../../domain/metrics/access-review.ts';
import { calendarGrid, caseloadBalance, DEFAULT_INACTIVE_DAYS, inactiveClerks, planHandover } from '../../domain/metrics/caseload.ts';
import { kstDate, kstTimestamp } from '../../domain/korean-time.ts';
import { holidaysBetween } from '../../domain/holidays.ts';
import { monthOf, monthPeriod, previousMonth, type Period } from '../../domain/metrics/period.ts';
import { figuresScope, scopeOf } from '../../domain/scope.ts';
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from '../../errors.ts';
import { translator } from '../../i18n/i18n.ts';
import { parseInput } from '../../validation.ts';
import type { PersonalDataGate } from '../access-log/personal-data.gate.ts';
import type { AuditService, RequestMeta } from '../audit/audit.service.ts';
import { authorize, type Actor } from '../auth/auth.policy.ts';
import type { BusinessesRepository } from '../businesses/businesses.repository.ts';
import type { ReportsRepository } from '../reports/reports.repository.ts';
import { reasonText } from '../reports/reports.service.ts';
import { ExportReasonInput } from '../reports/reports.schemas.ts';
import type { TableSpec } from '../reports/reports.tables.ts';
import { workbookBytes } from '../reports/reports.xlsx.ts';
import type { OperationsRepository } from './operations.repository.ts';
import { AccessReviewQuery, CalendarQuery, HandoverInput, SignoffInput } from './operations.schemas.ts';

/**
 * Operations (운영기관 and 사무소 팀장): offices and clerks at a glance, the activity calendar, and
 * the hand-over of a leaving clerk's whole caseload — plus the monthly review of the access records
 * (개인정보의 안전성 확보조치 기준 §8 ②) with its flags and the reviewer's sign-off.
 * Office leads see and move only their own office; operators all.
 */
export const REVIEW_PAGE_SIZE = 100;

function countBy(keys: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of keys) out[k] = (out[k] ?? 0) + 1;
  return out;
}
export const EXPORT_MAX_ROWS = 10_000;

export function createOperationsService(deps: {
  db: Kysely<DB>;
  repo: OperationsRepository;
  businesses: Pick<BusinessesRepository, 'reassign'>;
  reports: Pick<ReportsRepository, 'caseloads' | 'clerkActivity' | 'activityDays' | 'accessCells' | 'offices' | 'clerks'>;
  gate: PersonalDataGate;
  audit: AuditService;
  now: () => Date;
  /**
   * The training gate of the single reassignment (businesses.service `caseloadGate`): a clerk who
   * has not completed the courses required before a caseload receives nothing by hand-over either.
   */
  caseloadGate: (clerkId: string) => Promise<{ ok: boolean; missing: { title: string }[] }>;
}) {
  const { db, repo, gate, audit, now } = deps;

  /** The office an actor's operations pages are limited to (null: all), from the scope policy. */
  function officeScope(actor: Actor): number | null {
    const figures = figuresScope(scopeOf(actor));
    // operations.manage is held by roles whose scope is an office or everything; anything else sees nothing.
    return figures && figures.clerkId === null ? figures.officeId : -1;
  }

  /**
   * What a hand-over of `fromClerkId` would move, and to whom. The scope is the businesses', not the
   * clerk's: a clerk's office can change while their businesses stay where they were. An office lead
   * gets only the businesses of their own office (and may open a clerk of another office only when
   * they hold some); each business stays in its own office, balanced over the active clerks of that
   * office who have completed the training required before a caseload (the others are `untrained`).
   */
  async function handoverPlan(actor: Actor, fromClerkId: string) {
    const from = await repo.clerk(db, fromClerkId);
    if (!from) throw new NotFoundError();
    const scope = officeScope(actor);
    const businesses = await repo.businessesOf(db, from.id, scope);
    if (scope !== null && from.officeId !== scope && !businesses.length) throw new ForbiddenError();
    const offices = scope !== null ? [scope] : [...new Set(businesses.map((b) => b.officeId))];
    const targets: { id: string; displayName: string; businesses: number; officeId: number | null }[] = [];
    const untrained: { id: string; displayName: string; businesses: number; officeId: number | null; missing: string[] }[] = [];
    const plan: { businessId: string; clerkId: string }[] = [];
    let balanceable = true;
    let blockedByTraining = false;
    for (const officeId of offices) {
      const ready: typeof targets = [];
      for (const c of await repo.officeClerks(db, officeId)) {
        if (c.id === from.id) continue;
        const gate = await deps.caseloadGate(c.id);
        if (gate.ok) ready.push({ ...c, officeId });
        else untrained.push({ ...c, officeId, missing: gate.missing.map((m) => m.title) });
      }
      targets.push(...ready);
      const ids = businesses.filter((b) => b.officeId === officeId).map((b) => b.id);
      if (!ids.length) continue;
      if (!ready.length) {
        balanceable = false;
        if (untrained.some((u) => u.officeId === officeId)) blockedByTraining = true;
      } else plan.push(...planHandover(ids, ready.map((t) => ({ clerkId: t.id, businesses: t.businesses }))));
    }
    return { from, businesses, targets, untrained, balanceable, blockedByTraining, plan: balanceable ? plan : [] };
  }

  function reviewPeriod(q: AccessReviewQuery, today: string): { period: Period; month: string | null } {
    if (q.from || q.to) return { period: { from: q.from ?? q.to!, to: q.to ?? q.from! }, month: null };
    const month = q.month ?? previousMonth(today);
    return { period: monthPeriod(month), month };
  }

  async function reviewFilters(q: AccessReviewQuery, period: Period) {
    let subjectIds: string[] | null = null;
    if (q.subject) subjectIds = /^[0-9a-f-]{36}$/i.test(q.subject) ? [q.subject] : await repo.businessIdsByName(db, q.subject);
    return { login: q.account ?? null, action: q.action ?? null, subjectIds, offHoursOnly: q.offHours === '1', holidays: holidaysBetween(period.from, period.to) };
  }

  return {
    /**
     * Caseloads and idle days of named clerks: staff personal data, so the view is an access
     * record (one per page, with how many clerks it named), like the dashboards' (reports.view).
     */
    async overview(actor: Actor | null, raw: { idleDays?: string }, meta: RequestMeta) {
      authorize(actor, 'operations.manage');
      const scope = officeScope(actor);
      const idle = Math.max(1, Math.min(365, Number(raw.idleDays) || DEFAULT_INACTIVE_DAYS));
      const s = { officeId: scope, clerkId: null };
      const [offices, loads, activity, orphans] = await Promise.all([repo.offices(db, scope), deps.reports.caseloads(db, s), deps.reports.clerkActivity(db, s), repo.orphanHolders(db, scope)]);
      const byOffice = offices.map((o) => ({ ...o, balance: caseloadBalance(loads.filter((l) => l.officeId === o.id)) }));
      if (loads.length) await gate.open(db, actor, meta, { permission: 'operations.manage',  subjectType: 'clerk_list', subjectId: 'operations:overview', action: 'view', detail: { clerks: loads.length, officeId: scope } });
      return { offices: byOffice, loads, balance: caseloadBalance(loads), inactive: inactiveClerks(activity, kstDate(now()), idle), idleDays: idle, orphans };
    },

    /** 상담일지 per day of a month for one clerk, or the total of the office / scope, and per clerk. */
    async calendar(actor: Actor | null, raw: unknown, meta: RequestMeta) {
      authorize(actor, 'operations.manage');
      const q = parseInput(CalendarQuery, raw);
      const scopeOffice = officeScope(actor);
      const month = q.month ?? monthOf(kstDate(now()));
      const officeId = scopeOffice ?? q.office ?? null;
      const [offices, clerks] = await Promise.all([deps.reports.offices(db), deps.reports.clerks(db, { officeId, clerkId: null })]);
      const clerk = q.clerk ? clerks.find((c) => c.id === q.clerk) : undefined;
      if (q.clerk && !clerk) throw new ForbiddenError();
      const period = monthPeriod(month);
      const rows = await deps.reports.activityDays(db, { officeId, clerkId: null }, clerk?.id ?? null, period);
      const perDay = new Map<string, number>();
      const perClerk = new Map<string, { activities: number; days: Set<string> }>();
      for (const r of rows) {
        perDay.set(r.date, (perDay.get(r.date) ?? 0) + r.n);
        const p = perClerk.get(r.clerkId) ?? { activities: 0, days: new Set() };
        p.activities += r.n;
        p.days.add(r.date);
        perClerk.set(r.clerkId, p);
      }
      // Each clerk's 상담일지 count per month, by name: recorded like the overview.
      await gate.open(db, actor, meta, { permission: 'operations.manage',  subjectType: 'clerk_list', subjectId: `operations:calendar:${month}`, action: 'view', detail: { clerk: clerk?.id ?? null, officeId } });
      return {
        month,
        clerk: clerk ?? null,
        officeId,
        fixedOffice: scopeOffice !== null,
        weeks: calendarGrid(month, perDay),
        total: rows.reduce((s, r) => s + r.n, 0),
        perClerk: clerks
          .filter((c) => c.active && (!clerk || c.id === clerk.id))
          .map((c) => ({ id: c.id, name: c.displayName, activities: perClerk.get(c.id)?.activities ?? 0, activeDays: perClerk.get(c.id)?.days.size ?? 0 })),
        offices: scopeOffice !== null ? offices.filter((o) => o.id === scopeOffice) : offices,
        clerks: clerks.filter((c) => c.active),
      };
    },

    /**
     * The hand-over page: the leaving clerk's businesses (in the viewer's scope) and the balanced
     * plan. The page names the businesses, so showing them is an access record (one per view).
     */
    async handoverForm(actor: Actor | null, fromClerkId: string | undefined, meta: RequestMeta) {
      authorize(actor, 'operations.manage');
      const scope = officeScope(actor);
      const candidates = (await repo.handoverCandidates(db, scope)).map((k) => ({
        clerkId: k.id,
        name: k.role === 'clerk' && k.active ? k.displayName : `${k.displayName} (${k.login})`,
        officeName: k.officeName,
        businesses: k.businesses,
      }));
      if (!fromClerkId) return { candidates, selected: null };
      if (!/^[0-9a-f-]{36}$/i.test(fromClerkId)) throw new NotFoundError();
      const selected = await handoverPlan(actor, fromClerkId);
      if (selected.businesses.length) {
        await gate.open(db, actor, meta, { permission: 'operations.manage',
          subjectType: 'business_list',
          subjectId: `handover:${selected.from.id}`,
          action: 'view',
          detail: { handoverOf: selected.from.id, count: selected.businesses.length, businessIds: selected.businesses.map((b) => b.id) },
        });
      }
      return { candidates, selected };
    },

    /**
     * Moves every business of the leaving clerk in the actor's scope in one transaction — to one
     * clerk, or balanced within each business's office — and checks before committing that none in
     * that scope is left with them (a business assigned to them meanwhile makes it fail, nothing
     * half-done). Balanced, a business keeps its office; only the operator who names one clerk of
     * another office moves the business to that office. Each move is an access record.
     */
    async handover(actor: Actor | null, raw: unknown, meta: RequestMeta) {
      authorize(actor, 'operations.manage');
      const input = parseInput(HandoverInput, raw);
      const scope = officeScope(actor);
      const { from, businesses, balanceable, blockedByTraining, plan } = await handoverPlan(actor, input.fromClerkId);
      const officeOfBusiness = new Map(businesses.map((b) => [b.id, b.officeId]));
      let lines: { businessId: string; clerkId: string; officeId: number | null }[];
      if (input.mode === 'one') {
        const to = await repo.clerk(db, input.toClerkId!);
        if (!to || to.role !== 'clerk' || !to.active) throw new InvalidError('validation.summary', [{ path: 'toClerkId', messageKey: 'operations.toRequired' }]);
        if (scope !== null && to.officeId !== scope) throw new ForbiddenError();
        const gate = await deps.caseloadGate(to.id);
        if (!gate.ok) {
          throw new InvalidError('validation.summary', [{ path: 'toClerkId', messageKey: 'operations.toNotTrained', params: { name: to.displayName, courses: gate.missing.map((m) => m.title).join(', ') } }]);
        }
        // An office lead's businesses and target are both of the lead's office: nothing changes office.
        lines = businesses.map((b) => ({ businessId: b.id, clerkId: to.id, officeId: scope !== null ? b.officeId : to.officeId }));
      } else {
        if (businesses.length && !balanceable) {
          throw new InvalidError('validation.summary', [{ path: 'mode', messageKey: blockedByTraining ? 'operations.noTrainedTargets' : 'operations.noTargets' }]);
        }
        lines = plan.map((l) => ({ ...l, officeId: officeOfBusiness.get(l.businessId) ?? null }));
      }
      return db.transaction().execute(async (trx) => {
        const groups = new Map<string, { clerkId: string; officeId: number | null; ids: string[] }>();
        for (const l of lines) {
          const key = `${l.clerkId}:${l.officeId ?? ''}`;
          const g = groups.get(key) ?? { clerkId: l.clerkId, officeId: l.officeId, ids: [] };
          g.ids.push(l.businessId);
          groups.set(key, g);
        }
        let moved = 0;
        for (const g of groups.values()) moved += await deps.businesses.reassign(trx, g.ids, g.clerkId, g.officeId);
        for (const l of lines) {
          await gate.business(trx, actor, meta, { id: l.businessId, mode: 'write', action: 'update', detail: { reassignedTo: l.clerkId, from: from.id, handover: true } });
        }
        const left = await repo.countHeldBy(trx, from.id, scope);
        if (left > 0) throw new ConflictError('operations.handoverChanged');
        await audit.record(trx, meta, {
          action: 'operations.handover',
          actor,
          targetUserId: from.id,
          detail: { moved, mode: input.mode, to: countBy(lines.map((l) => l.clerkId)), note: input.note ?? null },
        });
        return { moved, targets: new Set(lines.map((l) => l.clerkId)).size };
      });
    },

    // ── 접속기록 점검 ──
    assertCanReview(actor: Actor | null) {
      authorize(actor, 'access.review');
    },

    async review(actor: Actor | null, raw: unknown, meta: RequestMeta) {
      authorize(actor, 'access.review');
      const q = parseInput(AccessReviewQuery, raw);
      const today = kstDate(now());
      const { period, month } = reviewPeriod(q, today);
      const page = q.page ?? 1;
      const f = await reviewFilters(q, period);
      const [rows, cells, signoffs] = await Promise.all([
        repo.records(db, { period, ...f, limit: REVIEW_PAGE_SIZE + 1, offset: (page - 1) * REVIEW_PAGE_SIZE }),
        deps.reports.accessCells(db, period),
        repo.signoffs(db),
      ]);
      const flags = accessFlags(cells);
      await gate.open(db, actor, meta, { permission: 'access.review',  subjectType: 'access_record', subjectId: `${period.from}~${period.to}`, action: 'view', detail: { page, account: q.account ?? null, subject: q.subject ?? null, action: q.action ?? null } });
      return {
        query: q,
        period,
        month,
        page,
        rows: rows.slice(0, REVIEW_PAGE_SIZE),
        hasNext: rows.length > REVIEW_PAGE_SIZE,
        flags,
        summary: flagSummary(flags),
        total: cells.reduce((s, c) => s + c.n, 0),
        signoffs,
        signedThisMonth: month ? signoffs.filter((s) => s.month === month) : [],
        currentMonth: monthOf(today),
      };
    },

    /** The reviewer's monthly sign-off: who, when, which month, what they noted, the flags they saw. */
    async signoff(actor: Actor | null, raw: unknown, meta: RequestMeta) {
      authorize(actor, 'access.review');
      const input = parseInput(SignoffInput, raw);
      if (input.month > monthOf(kstDate(now()))) throw new InvalidError('validation.summary', [{ path: 'month', messageKey: 'reports.monthly.future' }]);
      const period = monthPeriod(input.month);
      const cells = await deps.reports.accessCells(db, period);
      const flags = accessFlags(cells);
      const snapshot = { ...flagSummary(flags), records: cells.reduce((s, c) => s + c.n, 0) };
      return db.transaction().execute(async (trx) => {
        const r = await repo.insertSignoff(trx, { month: input.month, reviewerId: actor.userId, reviewerLogin: actor.login, signedAt: now(), note: input.note, flags: snapshot });
        if (!r) throw new ConflictError('operations.alreadySigned');
        await audit.record(trx, meta, { action: 'access_review.signoff', actor, subjectType: 'access_review', subjectId: input.month, detail: { ...snapshot } });
        return r.id;
      });
    },

    /** The filtered records and the flags as .xlsx; access records are personal data: a reason is recorded. */
    async exportReview(actor: Actor | null, raw: unknown, reasonRaw: unknown, meta: RequestMeta, locale: string) {
      authorize(actor, 'access.review');
      const q = parseInput(AccessReviewQuery, raw);
      const reason = parseInput(ExportReasonInput, reasonRaw);
      const t = translator(locale);
      const { period } = reviewPeriod(q, kstDate(now()));
      const f = await reviewFilters(q, period);
      const [rows, cells] = await Promise.all([repo.records(db, { period, ...f, limit: EXPORT_MAX_ROWS, offset: 0 }), deps.reports.accessCells(db, period)]);
      const flags = accessFlags(cells);
      const records: TableSpec = {
        id: 'accessRecords',
        title: t('operations.review.records'),
        columns: ['at', 'account', 'ip', 'subject', 'action', 'reason'].map((k) => ({ header: t(`operations.review.col.${k}`), type: 'text' as const })),
        rows: rows.map((r) => [
          { value: kstTimestamp(r.at), type: 'text' },
          { value: r.accountLogin ?? '—', type: 'text' },
          { value: r.ip ?? '—', type: 'text' },
          { value: r.businessName ? `${r.businessName} (${r.subjectType})` : `${r.subjectType} ${r.subjectId}`, type: 'text' },
          { value: t(`operations.review.action.${r.action}`), type: 'text' },
          { value: r.reason ?? '', type: 'text' },
        ]),
        foot: [],
        personal: true,
        sampleRows: [],
      };
      const flagSheet: TableSpec = {
        id: 'accessFlags',
        title: t('operations.review.flags'),
        columns: [
          { header: t('operations.review.col.flag'), type: 'text' },
          { header: t('operations.review.col.account'), type: 'text' },
          { header: t('operations.review.col.day'), type: 'date' },
          { header: t('operations.review.col.count'), type: 'int' },
        ],
        rows: flags.map((x) => [
          { value: t(`operations.flag.${x.kind}`), type: 'text' },
          { value: x.login ?? '—', type: 'text' },
          { value: x.day, type: 'date' },
          { value: x.count, type: 'int' },
        ]),
        foot: [],
        personal: true,
        sampleRows: [],
      };
      const bytes = await workbookBytes([records, flagSheet], { title: `${t('app.name')} — ${t('operations.review.title')}`, info: [[t('reports.info.period'), `${period.from} ~ ${period.to}`], [t('reports.info.madeBy'), `${actor.displayName} (${actor.login})`], [t('reports.info.reason'), reasonText(reason, t)]] }, { t, publicView: false, creator: actor.login, now: now() });
      await gate.open(db, actor, meta, { permission: 'access.review',  subjectType: 'access_record', subjectId: `${period.from}~${period.to}`, action: 'download', reason: reasonText(reason, t), detail: { rows: rows.length, account: q.account ?? null, subject: q.subject ?? null } });
      return { fileName: `잇다_접속기록_${period.from}_${period.to}.xlsx`, bytes };
    },
  };
}
export type OperationsService = ReturnType<typeof createOperationsService>;
