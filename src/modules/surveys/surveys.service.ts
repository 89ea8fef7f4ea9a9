import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { ENDED_STATUSES } from '../../domain/metrics/figures.ts';
import { ConflictError, NotFoundError } from '../../errors.ts';
import { parseInput } from '../../validation.ts';
import type { PersonalDataGate } from '../access-log/personal-data.gate.ts';
import type { Db } from '../../db/db.ts';
import type { AuditService, RequestMeta } from '../audit/audit.service.ts';
import { randomToken, sha256 } from '../auth/auth.crypto.ts';
import { authorize, can, type Actor } from '../auth/auth.policy.ts';
import { scopeOf } from '../../domain/scope.ts';
import type { NotificationService } from '../notifications/notifications.service.ts';
import { isMobileNumber } from '../notifications/notifications.service.ts';
import type { RemindersService } from '../reminders/reminders.service.ts';
import type { SurveysRepository } from './surveys.repository.ts';
import { CODE_ALPHABET, OfferInput, SurveyAnswerInput, SurveyCodeInput } from './surveys.schemas.ts';

/**
 * 만족도 조사 (issue 5). When a participation ends (선정·탈락·취소·수혜) its owner is invited once:
 * an SMS through the outbox with a one-time link (when the owner gave a mobile number with
 * 수집·이용 동의), and always a printable short code the clerk can hand over on paper. The answer
 * (3 questions, 1–5, and a comment) feeds the dashboards' 100-point figure
 * (src/domain/metrics/satisfaction.ts).
 *
 * Two ways in, so the survey does not depend on the participations module:
 * - `offerSurvey(trx, participationId)` for the participation workflow to call in the transaction
 *   of the transition that ends it;
 * - `sweep()`, daily (job 'surveys.sweep') and on demand, for ended participations without one.
 */
export const SURVEY_VALID_DAYS = 30;
/** The sweep looks back this far: a participation that ended long ago is not surveyed any more. */
export const SWEEP_LOOKBACK_DAYS = 30;
const SWEEP_BATCH = 500;

export type OfferVia = 'transition' | 'sweep' | 'manual';

function newCode(): string {
  const pick = () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]!;
  return `${Array.from({ length: 4 }, pick).join('')}-${Array.from({ length: 4 }, pick).join('')}`;
}

export function createSurveysService(deps: {
  db: Kysely<DB>;
  repo: SurveysRepository;
  notifications: Pick<NotificationService, 'enqueue'>;
  gate: PersonalDataGate;
  audit: AuditService;
  now: () => Date;
  publicUrl: string;
  /**
   * Reminders the owner agreed to (issue 13 §2): once the clerk set them up with the owner, the
   * invitation goes through them (her consent, channels, language, weekly limit, opt-out link), and
   * without that consent it is not sent. Owners never asked keep the SMS under the collection consent,
   * whose purpose includes checking the results (consent-texts.ts, collection 2026-1).
   */
  reminders?: Pick<RemindersService, 'hasPreferences' | 'survey'>;
}) {
  const { db, repo, gate, audit, now } = deps;

  /**
   * Invites the owner if the participation has ended and has no invitation yet; in the caller's
   * transaction (the SMS is queued in the outbox and leaves only if that transaction commits).
   * Returns null when the participation has not ended. Safe to call twice.
   */
  async function offerSurvey(trx: Db, participationId: string, opts: { via?: OfferVia; actorUserId?: string | null } = {}) {
    const p = await repo.participationForOffer(trx, participationId);
    if (!p || !(ENDED_STATUSES as readonly string[]).includes(p.status)) return null;
    const existing = await repo.invitationOf(trx, participationId);
    if (existing) return { invitation: existing, created: false, token: null };
    let code = newCode();
    for (let i = 0; i < 5 && (await repo.codeTaken(trx, code)); i++) code = newCode();
    const at = now();
    const governed = deps.reminders ? await deps.reminders.hasPreferences(trx, p.businessId) : false;
    const legacySms = !governed && !!p.phone && !p.minimalOnly && isMobileNumber(p.phone);
    const token = governed || legacySms ? randomToken(24) : null;
    const sms = governed
      ? (await deps.reminders!.survey(trx, { businessId: p.businessId, participationId, programme: p.title, url: `${deps.publicUrl}/s/${token}`, code })).queued > 0
      : legacySms;
    const invitation = await repo.insertInvitation(trx, {
      participationId,
      businessId: p.businessId,
      outcome: p.status as 'selected' | 'rejected' | 'withdrawn' | 'benefited',
      code,
      tokenHash: sms && token ? sha256(token) : null,
      smsQueued: sms,
      createdVia: opts.via ?? 'transition',
      createdBy: opts.actorUserId ?? null,
      createdAt: at,
      expiresAt: new Date(at.getTime() + SURVEY_VALID_DAYS * 86_400_000),
    });
    if (legacySms && token) {
      await deps.notifications.enqueue(trx, { channel: 'sms', recipient: p.phone!, template: 'survey.link', params: { url: `${deps.publicUrl}/s/${token}`, code, programme: p.title } });
    }
    return { invitation, created: true, token: sms ? token : null };
  }

  async function open(by: { token: string } | { code: string }) {
    let inv;
    if ('token' in by) {
      if (!/^[A-Za-z0-9_-]{20,64}$/.test(by.token)) throw new NotFoundError('surveys.linkInvalid');
      inv = await repo.openInvitation(db, { tokenHash: sha256(by.token) });
    } else {
      inv = await repo.openInvitation(db, { code: by.code });
    }
    if (!inv || inv.expiresAt <= now()) throw new NotFoundError('surveys.linkInvalid');
    return inv;
  }

  async function runSweep(actor: Actor | null, meta: RequestMeta) {
    const since = new Date(now().getTime() - SWEEP_LOOKBACK_DAYS * 86_400_000);
    let created = 0;
    let sms = 0;
    for (;;) {
      const batch = await repo.endedWithoutInvitation(db, since, SWEEP_BATCH);
      if (!batch.length) break;
      await db.transaction().execute(async (trx) => {
        for (const { id } of batch) {
          const r = await offerSurvey(trx, id, { via: 'sweep', actorUserId: actor?.userId ?? null });
          if (r?.created) {
            created++;
            if (r.token) sms++;
          }
        }
      });
      if (batch.length < SWEEP_BATCH) break;
    }
    if (actor || created) await audit.record(db, meta, { action: 'survey.sweep', actor, actorLogin: actor ? undefined : 'itda-job', detail: { created, sms } });
    return { created, sms };
  }

  return {
    offerSurvey,

    /** The sweep button (operator): the same as the job, recorded with who pressed it. */
    async sweep(actor: Actor | null, meta: RequestMeta) {
      authorize(actor, 'reports.generate');
      return runSweep(actor, meta);
    },

    /** The job (daily 10:00 KST): every ended participation of the last 30 days gets its invitation. */
    sweepScheduled() {
      return runSweep(null, { ip: null, requestId: 'job:surveys.sweep' });
    },

    /** A clerk offers the survey by hand (e.g. the owner asks at the visit). */
    async offer(actor: Actor | null, raw: unknown, meta: RequestMeta) {
      authorize(actor, 'surveys.manage');
      const { participationId } = parseInput(OfferInput, raw);
      const p = await repo.participationForOffer(db, participationId);
      if (!p) throw new NotFoundError();
      await gate.check(db, actor, p.businessId, 'write');
      if (!(ENDED_STATUSES as readonly string[]).includes(p.status)) throw new ConflictError('surveys.notEnded');
      return db.transaction().execute(async (trx) => {
        const r = await offerSurvey(trx, participationId, { via: 'manual', actorUserId: actor.userId });
        await gate.business(trx, actor, meta, { id: p.businessId, mode: 'write', action: 'update', detail: { participationId, surveyOffered: r?.created ?? false } });
        if (r?.created) await audit.record(trx, meta, { action: 'survey.offer', actor, subjectType: 'participation', subjectId: participationId, detail: { sms: !!r.token } });
        return r!.invitation.id;
      });
    },

    /**
     * The survey of one participation, for its page (staff with business access only). No access
     * record of its own: the participation page that shows it records the view (participations.get).
     * Null when the actor does not manage surveys or none was offered yet.
     */
    async forParticipation(actor: Actor | null, participationId: string) {
      if (!actor || !can(actor, 'surveys.manage')) return null;
      const p = await repo.participationForOffer(db, participationId);
      if (!p) throw new NotFoundError();
      await gate.check(db, actor, p.businessId, 'read');
      const inv = await repo.invitationOf(db, participationId);
      if (!inv) return null;
      const state: 'answered' | 'expired' | 'open' = inv.answeredAt ? 'answered' : inv.expiresAt <= now() ? 'expired' : 'open';
      return { id: inv.id, code: inv.code, state, smsQueued: inv.smsQueued, createdAt: inv.createdAt, createdVia: inv.createdVia, expiresAt: inv.expiresAt };
    },

    /** Invitations of the businesses in the actor's scope (a masked list: one access record per page). */
    async list(actor: Actor | null, f: { page: number; state?: 'open' | 'answered' }, meta: RequestMeta) {
      authorize(actor, 'surveys.manage');
      const pageSize = 50;
      const rows = await repo.list(db, scopeOf(actor), { limit: pageSize + 1, offset: (f.page - 1) * pageSize, state: f.state }, now());
      await gate.open(db, actor, meta, { permission: 'surveys.manage',  subjectType: 'business_list', subjectId: `surveys:page:${f.page}`, action: 'view', detail: { count: Math.min(rows.length, pageSize) } });
      return { rows: rows.slice(0, pageSize), hasNext: rows.length > pageSize, now: now() };
    },

    /** The printable slip (code, address, programme) for the owner: recorded as a 'print'. */
    async slip(actor: Actor | null, id: string, meta: RequestMeta) {
      authorize(actor, 'surveys.manage');
      if (!/^[0-9a-f-]{36}$/i.test(id)) throw new NotFoundError();
      const s = await repo.slip(db, id);
      if (!s) throw new NotFoundError();
      await gate.check(db, actor, s.businessId, 'read');
      await gate.business(db, actor, meta, { id: s.businessId, mode: 'read', action: 'print', detail: { surveySlip: id } });
      return { ...s, url: `${deps.publicUrl}/s` };
    },

    // ── The owner's side (no account): by link or by code ──
    byToken: (token: string) => open({ token }),
    byCode(raw: unknown) {
      const { code } = parseInput(SurveyCodeInput, raw);
      return open({ code }).then((inv) => ({ ...inv, code }));
    },

    /** One answer per invitation; a second answer (a resent form, a second person) is refused. */
    async answer(by: { token: string } | { code: unknown }, raw: unknown) {
      const inv = 'token' in by ? await open({ token: by.token }) : await open({ code: parseInput(SurveyCodeInput, { code: by.code }).code });
      if (inv.answeredAt) throw new ConflictError('surveys.alreadyAnswered');
      const input = parseInput(SurveyAnswerInput, raw);
      const saved = await db.transaction().execute((trx) =>
        repo.insertResponse(trx, { invitationId: inv.id, q1: input.q1, q2: input.q2, q3: input.q3, comment: input.comment ?? null, channel: 'token' in by ? 'link' : 'code', answeredAt: now() }),
      );
      if (!saved) throw new ConflictError('surveys.alreadyAnswered');
    },
  };
}
export type SurveysService = ReturnType<typeof createSurveysService>;
