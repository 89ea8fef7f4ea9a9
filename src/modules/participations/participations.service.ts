import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import {
  isParticipationStatus,
  nextStatuses,
  OPEN_STATUSES,
  planTransition,
  STATUS_LABELS,
  transitionFields,
  type ParticipationStatus,
  type TransitionField,
  type TransitionIssue,
} from '../../domain/participation-workflow.ts';
import { ConflictError, ForbiddenError, InvalidError, NotFoundError, type FieldIssue } from '../../errors.ts';
import { parseInput, refuseRrn } from '../../validation.ts';
import type { PersonalDataGate } from '../access-log/personal-data.gate.ts';
import type { Db } from '../../db/db.ts';
import type { RequestMeta } from '../audit/audit.service.ts';
import { requireActor, type Actor } from '../auth/auth.policy.ts';
import type { StoredVerdicts } from '../matching/stored-verdicts.service.ts';
import { kstDate } from '../../domain/korean-time.ts';
import type { ParticipationsRepository } from './participations.repository.ts';
import { CreateParticipationInput, TransitionInput } from './participations.schemas.ts';

export interface ParticipationsDeps {
  db: Kysely<DB>;
  repo: ParticipationsRepository;
  gate: PersonalDataGate;
  /**
   * The stored verdicts (issue 12 §4): to offer the programmes the business is eligible for first
   * without evaluating the catalogue on every view of the business page.
   */
  verdicts: Pick<StoredVerdicts, 'choicesOf' | 'compactChoicesOf'>;
  /**
   * Called in the transaction of a transition that ends the participation (선정·탈락·취소·수혜):
   * the satisfaction survey invites the owner (issue 5; surveys.service.ts `offerSurvey`). A
   * callback, so this module does not depend on surveys; it is a no-op for statuses that do not end.
   */
  onTransition?: (trx: Db, participationId: string, actorUserId: string) => Promise<unknown>;
  /**
   * Called before a change to 신청완료 (submitted), outside its transaction: the 국세청 상태조회
   * refreshes 영업 상태 and 폐업일 (issue 11 §6). It must not throw for the service being down.
   */
  beforeSubmit?: (businessId: string) => Promise<unknown>;
  now: () => Date;
}

export type ProgrammeVerdict = 'eligible' | 'unknown' | 'unreviewed' | 'ineligible' | 'noRule';

export interface ProgrammeOption {
  id: number;
  title: string;
  verdict: ProgrammeVerdict;
  isSample: boolean;
  periodEnd: string | null;
  /** What to ask the owner when the verdict is unknown (engine's summary). */
  note: string | null;
}

/** Options per verdict on the business page's short choice: a 2,000-programme catalogue gave 1,300 of them. */
export const COMPACT_PER_VERDICT = 50;
const OPEN: ReadonlySet<string> = new Set(OPEN_STATUSES);

const VERDICT_ORDER: Record<ProgrammeVerdict, number> = { eligible: 0, unknown: 1, unreviewed: 2, noRule: 3, ineligible: 4 };

const ISSUE_KEYS: Record<TransitionIssue['code'], string> = {
  notAllowed: 'participations.notAllowed',
  required: 'participations.required',
  future: 'participations.future',
  beforeSubmitted: 'participations.beforeSubmitted',
  beforeDecided: 'participations.beforeDecided',
  amountRange: 'participations.amountRange',
  tooLong: 'validation.tooLong',
  date: 'participations.dateFormat',
};
const REQUIRED_KEYS: Partial<Record<TransitionField, string>> = {
  submittedOn: 'participations.submittedOnRequired',
  channel: 'participations.channelRequired',
  decidedOn: 'participations.decidedOnRequired',
  amount: 'participations.amountRequired',
  benefitedOn: 'participations.benefitedOnRequired',
  reason: 'participations.reasonRequired',
};

function issueOf(i: TransitionIssue): FieldIssue {
  if (i.code === 'required' && i.field !== 'to') return { path: i.field, messageKey: REQUIRED_KEYS[i.field] ?? 'validation.required' };
  return { path: i.field, messageKey: ISSUE_KEYS[i.code] };
}

function isUniqueViolation(e: unknown): boolean {
  return typeof e === 'object' && e !== null && 'code' in e && e.code === '23505';
}

/**
 * 사업 참여: creating one, its workflow with history, and the lists the business page shows.
 *
 * Access (개인정보의 안전성 확보조치 기준 §8): every view and change writes an access record whose
 * subject is the business (whose data it is), with the participation in `detail`.
 */
export function createParticipationsService(deps: ParticipationsDeps) {
  const { db, repo, gate, now } = deps;

  /** Whether the actor may change this business's participations (pages show forms only then). */
  async function canWrite(actor: Actor | null, businessId: string): Promise<boolean> {
    if (!actor) return false;
    // Through the gate's scope read, which a read-only request makes once for all its sections.
    return gate.check(db, actor, businessId, 'write').then(
      () => true,
      (e: unknown) => {
        if (e instanceof ForbiddenError || e instanceof NotFoundError) return false;
        throw e;
      },
    );
  }

  async function participationInScope(actor: Actor | null, id: string, mode: 'read' | 'write') {
    requireActor(actor); // anonymous visitors learn nothing, not even whether the id exists
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new NotFoundError();
    const scope = await repo.findScope(db, id);
    if (!scope) throw new NotFoundError();
    await gate.check(db, actor, scope.businessId, mode);
    return scope;
  }

  /**
   * The participations of one business, for the business page. Writes NO access record: the
   * caller's page view of the business writes one ('view', subject the business), which covers
   * this list (same page, same data subject); a caller showing it elsewhere records its own.
   */
  async function listForBusiness(actor: Actor | null, businessId: string) {
    await gate.check(db, actor, businessId, 'read');
    return repo.listForBusiness(db, businessId);
  }

  /**
   * Programmes to start a participation for: current published versions, the ones the business
   * is eligible for first (then "확인 필요", then those without a written rule, then ineligible,
   * which stay choosable because facts can be wrong). Programmes with a participation in
   * progress are left out.
   */
  async function programmeOptions(actor: Actor | null, businessId: string): Promise<ProgrammeOption[]> {
    await gate.check(db, actor, businessId, 'write');
    // The current catalogue and the business's verdicts both come from the stored verdicts (read
    // once per request), so the choice and the page's verdict cards always agree. Rules awaiting
    // review give no verdict (issue 11 §2): "요건 확인 전", or 해당 없음 when the screen (region,
    // 휴·폐업) already rules the business out.
    const [choices, open] = await Promise.all([deps.verdicts.choicesOf(businessId), repo.openProgrammeIds(db, businessId)]);
    // By verdict, then by title: the choices come by title, so grouping them keeps that order.
    const groups: Record<ProgrammeVerdict, ProgrammeOption[]> = { eligible: [], unknown: [], unreviewed: [], noRule: [], ineligible: [] };
    for (const p of choices) if (!open.has(p.id)) groups[p.verdict].push(p);
    return (Object.keys(VERDICT_ORDER) as ProgrammeVerdict[]).sort((a, b) => VERDICT_ORDER[a] - VERDICT_ORDER[b]).flatMap((v) => groups[v]);
  }

  /**
   * The business page's short choice (its own page, `newForm`, offers every programme): at most
   * COMPACT_PER_VERDICT eligible, unknown and awaiting review each, those closing soonest, in the
   * order of `programmeOptions`, leaving out `open` (the programmes in progress); and how many more
   * the full choice has (ruled out, no rule, the rest of a long group). The caller has checked `canWrite`.
   */
  async function compactProgrammeOptions(businessId: string, open: ReadonlySet<number>): Promise<{ offered: ProgrammeOption[]; others: number }> {
    return deps.verdicts.compactChoicesOf(businessId, COMPACT_PER_VERDICT, open);
  }

  return {
    listForBusiness,
    programmeOptions,
    canWrite,

    /**
     * Everything the business page's participation section needs in one call: the list, and the
     * programmes to start one with when the actor may write (undefined otherwise). No access
     * record: the business page's own 'view' record covers it (see listForBusiness).
     */
    async forBusinessPage(actor: Actor | null, businessId: string) {
      const rows = await listForBusiness(actor, businessId);
      // The programmes in progress are in the list already (no second query for them).
      const open = new Set(rows.filter((r) => OPEN.has(r.status)).map((r) => r.programmeId));
      const programmes = (await canWrite(actor, businessId)) ? await compactProgrammeOptions(businessId, open) : undefined;
      return { rows, programmes };
    },

    /** The "새 참여 만들기" page: the business's name and the programme choice (a 'view' record). */
    async newForm(actor: Actor | null, businessId: string, meta: RequestMeta) {
      const programmes = await programmeOptions(actor, businessId);
      const business = await repo.businessSummary(db, businessId);
      if (!business) throw new NotFoundError();
      await gate.business(db, actor, meta, {
        id: businessId,
        mode: 'read',
        action: 'view',
        detail: { page: 'participations.new' },
      });
      return { business, programmes };
    },

    /** 새 참여: status 발굴 on the programme's current version, with its first history row. */
    async create(actor: Actor | null, businessId: string, raw: unknown, meta: RequestMeta) {
      await gate.check(db, actor, businessId, 'write');
      const input = parseInput(CreateParticipationInput, raw);
      refuseRrn({ reason: input.reason });
      const programme = await repo.currentVersion(db, input.programmeId);
      if (!programme)
        throw new InvalidError('validation.summary', [{ path: 'programmeId', messageKey: 'participations.programmeRequired' }]);
      const alreadyOpen = () => new InvalidError('validation.summary', [{ path: 'programmeId', messageKey: 'participations.alreadyOpen' }]);
      if ((await repo.openProgrammeIds(db, businessId)).has(programme.id)) throw alreadyOpen();
      try {
        return await db.transaction().execute(async (trx) => {
          const at = now();
          const p = await repo.insert(trx, {
            businessId,
            programmeId: programme.id,
            programmeVersionId: programme.versionId,
            createdBy: actor!.userId,
            at,
          });
          await repo.insertEvent(trx, {
            participationId: p.id,
            fromStatus: null,
            toStatus: 'identified',
            reason: input.reason ?? null,
            detail: {},
            actorUserId: actor!.userId,
            at,
          });
          await gate.business(trx, actor, meta, {
            id: businessId,
            mode: 'write',
            action: 'create',
            detail: { participationId: p.id, programmeId: programme.id, programmeVersionId: programme.versionId },
          });
          return p;
        });
      } catch (e) {
        // Two people creating the same participation at once: the partial unique index decides.
        if (isUniqueViolation(e)) throw alreadyOpen();
        throw e;
      }
    },

    /** The detail page: the participation, its history (who/when/why), the allowed next steps. */
    async get(actor: Actor | null, id: string, meta: RequestMeta) {
      await participationInScope(actor, id, 'read');
      const p = await repo.findDetail(db, id);
      if (!p) throw new NotFoundError();
      const events = await repo.events(db, id);
      await gate.business(db, actor, meta, {
        id: p.businessId,
        mode: 'read',
        action: 'view',
        detail: { participationId: id },
      });
      const status = p.status;
      const writable = await canWrite(actor, p.businessId);
      const next = writable ? nextStatuses(status).map((to) => ({ to, ...transitionFields(status, to) })) : [];
      return { participation: p, events, next, canWrite: writable, today: kstDate(now()) };
    },

    /**
     * One status change. The form carries the version it was rendered from: if someone changed
     * the participation since, the answer is 409 (reload), never a lost update.
     */
    async transition(actor: Actor | null, id: string, raw: unknown, meta: RequestMeta) {
      await participationInScope(actor, id, 'write');
      const input = parseInput(TransitionInput, raw);
      refuseRrn({ reason: input.reason });
      const current = await repo.findDetail(db, id);
      if (!current) throw new NotFoundError();
      const conflict = () => new ConflictError('participations.conflict');
      if (input.version !== current.version) throw conflict();
      const plan = planTransition(
        { status: current.status, submittedOn: current.submittedOn, decidedOn: current.decidedOn },
        input.to,
        input,
        kstDate(now()),
      );
      if (!plan.ok) {
        const notAllowed = plan.issues.some((i) => i.code === 'notAllowed');
        if (notAllowed) {
          throw new InvalidError('participations.notAllowed', [], { from: STATUS_LABELS[current.status], to: STATUS_LABELS[input.to] });
        }
        throw new InvalidError('validation.summary', plan.issues.map(issueOf));
      }
      if (input.to === 'submitted' && deps.beforeSubmit) await deps.beforeSubmit(current.businessId);
      return db.transaction().execute(async (trx) => {
        const at = now();
        const saved = await repo.updateVersioned(trx, id, input.version, plan.plan.patch, at);
        if (!saved) throw conflict();
        await repo.insertEvent(trx, {
          participationId: id,
          fromStatus: plan.plan.event.from,
          toStatus: plan.plan.event.to,
          reason: plan.plan.event.reason,
          detail: plan.plan.event.detail,
          actorUserId: actor!.userId,
          at,
        });
        await gate.business(trx, actor, meta, {
          id: current.businessId,
          mode: 'write',
          action: 'update',
          detail: { participationId: id, from: plan.plan.event.from, to: plan.plan.event.to },
        });
        // Same transaction: the invitation and its SMS exist only if the change is committed.
        if (deps.onTransition) await deps.onTransition(trx, id, actor!.userId);
        return saved;
      });
    },
  };
}
export type ParticipationsService = ReturnType<typeof createParticipationsService>;

export function statusLabel(s: string): string {
  return isParticipationStatus(s) ? STATUS_LABELS[s] : s;
}
export type { ParticipationStatus };
