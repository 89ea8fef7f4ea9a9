import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { DB } from '../../db/schema.ts';
import { factsFromNts, isNtsCheckStale, NTS_STALE_DAYS, ntsBatches } from '../../domain/nts/nts-status.ts';
import type { PersonalDataGate } from '../access-log/personal-data.gate.ts';
import type { RequestMeta } from '../audit/audit.service.ts';
import { requireActor, type Actor } from '../auth/auth.policy.ts';
import { NtsUnavailableError, type NtsClient } from './nts.client.ts';
import type { NtsRepository } from './nts.repository.ts';

/** The weekly job re-checks businesses whose last check is older than this. */
export const NTS_RECHECK_DAYS = 7;
/** Calls per job run (100 numbers each): a province of 60 clerks tracks far fewer businesses. */
const MAX_BATCHES_PER_RUN = 200;

export interface NtsCheckOutcome {
  checked: number;
  failed: number;
  /** The reason of the last failure, in Korean, for the page. */
  error: string | null;
}

/**
 * 국세청 사업자등록 상태조회 as a use case (issue 11 §6): at intake, before a participation is
 * submitted, on the clerk's request, and weekly for every tracked business. 영업 상태 and 폐업일 are
 * filled from the answer with its date; a failure never blocks the clerk's work: it is kept on the
 * business and shown, and the next check clears it.
 */
export function createNtsService(deps: { db: Kysely<DB>; repo: NtsRepository; client: NtsClient | null; gate: PersonalDataGate; now: () => Date; logger?: Logger }) {
  const { db, repo, client, now } = deps;

  async function checkIds(ids: string[]): Promise<NtsCheckOutcome> {
    if (!client) return { checked: 0, failed: 0, error: null };
    const rows = (await repo.byIds(db, ids)).filter((r): r is typeof r & { brn: string } => r.brn !== null);
    return checkRows(rows);
  }

  async function checkRows(rows: { id: string; brn: string }[]): Promise<NtsCheckOutcome> {
    if (!client || rows.length === 0) return { checked: 0, failed: 0, error: null };
    const byBrn = new Map<string, string[]>();
    for (const r of rows) byBrn.set(r.brn, [...(byBrn.get(r.brn) ?? []), r.id]);
    let checked = 0;
    let failed = 0;
    let error: string | null = null;
    for (const batch of ntsBatches([...byBrn.keys()])) {
      const at = now();
      try {
        const answers = await client.status(batch);
        await db.transaction().execute(async (trx) => {
          for (const a of answers) {
            for (const id of byBrn.get(a.brn) ?? []) {
              await repo.recordResult(trx, id, { at, state: a.state, taxType: a.taxType, facts: factsFromNts(a) });
              checked++;
            }
          }
        });
      } catch (err) {
        if (!(err instanceof NtsUnavailableError)) throw err;
        error = err.message;
        const ids = batch.flatMap((b) => byBrn.get(b) ?? []);
        failed += ids.length;
        await repo.recordFailure(db, ids, at, err.message);
        deps.logger?.warn({ err: err.message, count: ids.length }, 'nts status check failed');
      }
    }
    return { checked, failed, error };
  }

  return {
    /** False when no endpoint is configured: no call is made and pages say so. */
    configured: client !== null,

    /** Whether a business's check is missing or older than NTS_STALE_DAYS (shown as such). */
    isStale(checkedAt: Date | null): boolean {
      return isNtsCheckStale(checkedAt, now(), NTS_STALE_DAYS);
    },

    /**
     * Checks these businesses now (intake, before submission). Never throws for the 국세청 being
     * unreachable: the outcome says so and the business keeps the failure to show.
     */
    refresh(businessIds: string[]): Promise<NtsCheckOutcome> {
      return checkIds(businessIds);
    },

    /** The clerk's "국세청에 다시 조회" on the business page: a change of the business's facts. */
    async checkBusiness(actor: Actor | null, businessId: string, meta: RequestMeta): Promise<NtsCheckOutcome> {
      requireActor(actor);
      await deps.gate.check(db, actor, businessId, 'write');
      const outcome = await checkIds([businessId]);
      await deps.gate.business(db, actor, meta, { id: businessId, mode: 'write', action: 'update', detail: { nts: outcome.checked > 0 ? 'checked' : 'failed' } });
      return outcome;
    },

    /** The weekly job: every business with a 사업자등록번호 not checked in NTS_RECHECK_DAYS, 100 a call. */
    async recheckDue(): Promise<NtsCheckOutcome & { configured: boolean }> {
      if (!client) return { configured: false, checked: 0, failed: 0, error: null };
      const before = new Date(now().getTime() - NTS_RECHECK_DAYS * 86_400_000);
      const total: NtsCheckOutcome = { checked: 0, failed: 0, error: null };
      const seen = new Set<string>();
      for (let i = 0; i < MAX_BATCHES_PER_RUN; i++) {
        // Failed rows keep their old check date, so skip what this run has already tried.
        const due = (await repo.dueForCheck(db, before, 100 + seen.size)).filter((r) => !seen.has(r.id)).slice(0, 100);
        if (due.length === 0) break;
        for (const r of due) seen.add(r.id);
        const o = await checkRows(due);
        total.checked += o.checked;
        total.failed += o.failed;
        total.error = o.error ?? total.error;
      }
      return { configured: true, ...total };
    },
  };
}
export type NtsService = ReturnType<typeof createNtsService>;
