import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { ConflictError, InvalidError, NotFoundError, type FieldIssue } from '../../errors.ts';
import { parseInput } from '../../validation.ts';
import type { PersonalDataGate } from '../access-log/personal-data.gate.ts';
import type { AuditService, RequestMeta } from '../audit/audit.service.ts';
import { authorize, type Actor } from '../auth/auth.policy.ts';
import { kstDate } from '../../domain/korean-time.ts';
import type { TrainingService } from '../training/training.service.ts';
import type { ContractsRepository } from './contracts.repository.ts';
import { ContractInput, EndContractInput } from './employment.schemas.ts';

/** A contract ending within this many days is flagged on the list ("who ends when"). */
export const ENDING_SOON_DAYS = 30;
export const CLOSE = 'close';

/**
 * 활동 기간: each clerk's contract, and at its end the hand-over of the caseload. Every business
 * assigned to the clerk is either reassigned to another clerk (who must have finished the required
 * training) or explicitly closed, in one transaction with the end of the contract: none is left
 * pointing at a clerk who no longer works on it.
 */
export function createContractsService(deps: {
  db: Kysely<DB>;
  repo: ContractsRepository;
  audit: AuditService;
  /** 접속기록: the hand-over page names the businesses of the caseload. */
  gate: PersonalDataGate;
  training: Pick<TrainingService, 'canTakeCaseload'>;
  now: () => Date;
}) {
  const { db, repo, audit, now } = deps;

  async function contractOrThrow(id: number) {
    const k = Number.isInteger(id) && id > 0 ? await repo.find(db, id) : undefined;
    if (!k) throw new NotFoundError();
    return k;
  }

  return {
    async list(actor: Actor | null) {
      authorize(actor, 'contracts.manage');
      const today = kstDate(now());
      const soon = kstDate(new Date(now().getTime() + ENDING_SOON_DAYS * 86_400_000));
      const [rows, clerks] = await Promise.all([repo.list(db), repo.activeClerks(db)]);
      return {
        rows: rows.map((r) => ({
          ...r,
          caseload: r.caseload ?? 0,
          state: r.endedAt
            ? ('ended' as const)
            : r.endsOn < today
              ? ('overdue' as const)
              : r.endsOn <= soon
                ? ('soon' as const)
                : ('active' as const),
        })),
        clerks,
      };
    },

    async create(actor: Actor | null, raw: unknown, meta: RequestMeta) {
      authorize(actor, 'contracts.manage');
      const input = parseInput(ContractInput, raw);
      const clerk = await repo.findClerk(db, input.clerkId);
      if (!clerk || clerk.role !== 'clerk' || !clerk.active)
        throw new InvalidError('validation.summary', [{ path: 'clerkId', messageKey: 'contracts.clerkRequired' }]);
      return db.transaction().execute(async (trx) => {
        const k = await repo.insert(trx, { clerkId: clerk.id, officeId: clerk.officeId, startsOn: input.startsOn, endsOn: input.endsOn });
        await audit.record(trx, meta, {
          action: 'contract.create',
          actor,
          targetUserId: clerk.id,
          subjectType: 'clerk_contract',
          subjectId: String(k.id),
          detail: { startsOn: input.startsOn, endsOn: input.endsOn },
        });
        return k.id;
      });
    },

    async handoverForm(actor: Actor | null, id: number, meta: RequestMeta) {
      authorize(actor, 'contracts.manage');
      const contract = await contractOrThrow(id);
      const [caseload, clerks, handovers] = await Promise.all([
        repo.caseload(db, contract.clerkId),
        repo.activeClerks(db),
        repo.handovers(db, id),
      ]);
      for (const b of caseload)
        await deps.gate.business(db, actor, meta, { id: b.id, mode: 'read', action: 'view', detail: { handover: id } });
      const targets = [];
      for (const k of clerks) {
        if (k.id === contract.clerkId) continue;
        targets.push({ ...k, gate: await deps.training.canTakeCaseload(k.id) });
      }
      // Same office first: the usual hand-over stays within the office.
      targets.sort((a, b) => Number(b.officeId === contract.officeId) - Number(a.officeId === contract.officeId));
      return { contract, caseload, targets, handovers };
    },

    /**
     * Ends the contract and hands over the caseload: `b_<businessId>` = a clerk's id or `close`;
     * `defaultTarget` fills the rows left empty.
     */
    async endContract(actor: Actor | null, id: number, raw: unknown, meta: RequestMeta) {
      authorize(actor, 'contracts.manage');
      const input = parseInput(EndContractInput, raw);
      const values = (raw ?? {}) as Record<string, unknown>;
      const contract = await contractOrThrow(id);
      if (contract.endedAt) throw new ConflictError('contracts.alreadyEnded');
      const fallback = typeof values.defaultTarget === 'string' ? values.defaultTarget : '';
      return db.transaction().execute(async (trx) => {
        const caseload = await repo.caseload(trx, contract.clerkId, true);
        const issues: FieldIssue[] = [];
        const plan: { businessId: string; to: string | null; officeId?: number | null }[] = [];
        const checked = new Map<string, boolean>();
        for (const b of caseload) {
          const v = values[`b_${b.id}`];
          const choice = typeof v === 'string' && v ? v : fallback;
          if (!choice) {
            issues.push({ path: `b_${b.id}`, messageKey: 'contracts.choiceRequired' });
            continue;
          }
          if (choice === CLOSE) {
            plan.push({ businessId: b.id, to: null });
            continue;
          }
          const target = /^[0-9a-f-]{36}$/i.test(choice) ? await repo.findClerk(trx, choice) : undefined;
          if (!target || target.role !== 'clerk' || !target.active || target.id === contract.clerkId) {
            issues.push({ path: `b_${b.id}`, messageKey: 'contracts.targetInvalid' });
            continue;
          }
          if (!checked.has(target.id)) checked.set(target.id, (await deps.training.canTakeCaseload(target.id, trx)).ok);
          if (!checked.get(target.id)) {
            issues.push({ path: `b_${b.id}`, messageKey: 'contracts.targetNotTrained' });
            continue;
          }
          plan.push({ businessId: b.id, to: target.id, officeId: target.officeId });
        }
        if (issues.length) throw new InvalidError('validation.summary', issues);
        const at = now();
        for (const p of plan) {
          const moved = await repo.reassign(
            trx,
            p.businessId,
            contract.clerkId,
            p.to === null ? { clerkId: null } : { clerkId: p.to, officeId: p.officeId ?? null },
          );
          if (!moved) throw new ConflictError('contracts.caseloadChanged');
          // Moving (or closing) a business is a change of its casework record: 접속기록 with the hand-over.
          await deps.gate.business(trx, actor, meta, {
            id: p.businessId,
            mode: 'write',
            action: 'update',
            detail: p.to ? { reassignedTo: p.to, from: contract.clerkId, contract: id } : { closed: true, from: contract.clerkId, contract: id },
          });
          await repo.handover(trx, {
            contractId: id,
            businessId: p.businessId,
            fromClerkId: contract.clerkId,
            toClerkId: p.to,
            action: p.to ? 'reassigned' : 'closed',
            reason: input.note,
            byUserId: actor.userId,
            at,
          });
        }
        // Never orphaned: nothing may still point at the leaving clerk.
        if ((await repo.countCaseload(trx, contract.clerkId)).n > 0) throw new ConflictError('contracts.caseloadChanged');
        const ended = await repo.end(trx, id, input.version, { endedAt: at, endedBy: actor.userId, endNote: input.note });
        if (!ended) throw new ConflictError('error.conflictReload');
        await audit.record(trx, meta, {
          action: 'contract.end',
          actor,
          targetUserId: contract.clerkId,
          subjectType: 'clerk_contract',
          subjectId: String(id),
          detail: { reassigned: plan.filter((p) => p.to).length, closed: plan.filter((p) => !p.to).length, note: input.note },
        });
        return { reassigned: plan.filter((p) => p.to).length, closed: plan.filter((p) => !p.to).length };
      });
    },
  };
}
export type ContractsService = ReturnType<typeof createContractsService>;
