import type { Kysely } from 'kysely';
import type { Db } from '../../db/db.ts';
import type { DB } from '../../db/schema.ts';
import { kstDate } from '../../domain/korean-time.ts';
import { DELETION_ON_REQUEST, dataRequestDue, outcomeFits } from '../../domain/retention/retention.rules.ts';
import { InvalidError, NotFoundError } from '../../errors.ts';
import { parseInput } from '../../validation.ts';
import type { PersonalDataGate } from '../access-log/personal-data.gate.ts';
import type { AuditService, RequestMeta } from '../audit/audit.service.ts';
import { authorize, type Actor } from '../auth/auth.policy.ts';
import type { RetentionRepository } from './retention.repository.ts';
import { DataRequestInput, DataRequestOutcomeInput } from './retention.schemas.ts';

/**
 * 정보주체의 권리 (개인정보 보호법 §35 열람, §36 정정·삭제): an owner asks from the owner page; the request
 * reaches the office of the business (whoever's scope holds it, src/domain/scope.ts) with a due date
 * 10 days on (시행령 §41④, §43③), shown on the clerk's home; the office records the outcome and the
 * owner page shows it. A granted deletion anonymises the business at once and writes its 파기 대장 row.
 */
export function createDataRequestsService(deps: { db: Kysely<DB>; repo: RetentionRepository; gate: PersonalDataGate; audit: AuditService; now: () => Date }) {
  const { db, repo, gate, audit, now } = deps;
  return {
    /** From the owner page (the caller has checked the link or the account and records the access). */
    async submit(trx: Db, businessId: string, via: 'owner_link' | 'owner_account', raw: unknown) {
      const input = parseInput(DataRequestInput, raw);
      const at = now();
      return repo.insertRequest(trx, { businessId, kind: input.kind, reason: input.reason, via, requestedAt: at, dueOn: dataRequestDue(kstDate(at)) });
    },
    /** The owner page: the business's requests and their state. */
    forBusiness(trx: Db, businessId: string) {
      return repo.listForBusiness(trx, businessId);
    },
    /** The clerk's home: open requests in the actor's scope, the nearest due first (recorded as a list view). */
    async open(actor: Actor | null, meta: RequestMeta) {
      const rows = await gate.list(db, actor, meta, { permission: 'dataRequests.handle', subjectType: 'data_request_list', subjectId: 'open', action: 'view', recordEmpty: false }, (scope) => repo.listOpen(db, scope));
      return { rows, today: kstDate(now()) };
    },
    /**
     * The card's view again without reading it (the clerk home kept with its rows: the home's
     * fingerprint covers them, businesses.repository.ts `homeFingerprint`): recorded as `open`
     * records it, with the count the kept page shows; nothing when it showed no one.
     */
    async openShown(actor: Actor | null, meta: RequestMeta, count: number) {
      if (count === 0) return authorize(actor, 'dataRequests.handle');
      await gate.open(db, actor, meta, { permission: 'dataRequests.handle', subjectType: 'data_request_list', subjectId: 'open', action: 'view', detail: { count } });
    },
    /** One request, for the office to answer (the business's door records the view). */
    async get(actor: Actor | null, id: string, meta: RequestMeta) {
      authorize(actor, 'dataRequests.handle');
      const r = await repo.find(db, id);
      if (!r) throw new NotFoundError();
      await gate.business(db, actor, meta, { id: r.businessId, mode: 'read', action: 'view', detail: { dataRequest: id } });
      const business = await repo.businessName(db, r.businessId);
      return { request: r, business, today: kstDate(now()) };
    },
    /** The outcome: corrected / deleted / refused with the reason (the owner page shows it). */
    async decide(actor: Actor | null, id: string, raw: unknown, meta: RequestMeta) {
      authorize(actor, 'dataRequests.handle');
      const r = await repo.find(db, id);
      if (!r) throw new NotFoundError();
      const input = parseInput(DataRequestOutcomeInput, raw);
      if (!outcomeFits(r.kind, input.outcome)) throw new InvalidError('validation.summary', [{ path: 'outcome', messageKey: 'rights.outcomeMismatch' }]);
      const at = now();
      return db.transaction().execute(async (trx) => {
        await gate.business(trx, actor, meta, { id: r.businessId, mode: 'write', action: input.outcome === 'deleted' ? 'delete' : 'update', detail: { dataRequest: id, outcome: input.outcome } });
        const done = await repo.decide(trx, id, { status: input.outcome, outcomeNote: input.note || null, decidedBy: actor.userId, decidedAt: at });
        if (!done) throw new InvalidError('rights.alreadyDecided');
        if (input.outcome === 'deleted') {
          const run = await repo.startRun(trx, at, 'request');
          const n = await repo.anonymise(trx, [r.businessId], at);
          if (n > 0) await repo.insertRecord(trx, { runId: run.id, at, ruleId: DELETION_ON_REQUEST.id, kind: DELETION_ON_REQUEST.kind, method: DELETION_ON_REQUEST.action, count: n, cutoff: null, basis: DELETION_ON_REQUEST.basis });
          await repo.finishRun(trx, run.id, at, n);
        }
        await audit.record(trx, meta, { action: 'data_request.decide', actor, subjectType: 'data_request', subjectId: id, detail: { kind: r.kind, outcome: input.outcome, dueOn: r.dueOn, late: kstDate(at) > r.dueOn } });
        return { businessId: r.businessId };
      });
    },
  };
}
export type DataRequestsService = ReturnType<typeof createDataRequestsService>;
