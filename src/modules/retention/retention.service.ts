import type { Kysely } from 'kysely';
import type { Db } from '../../db/db.ts';
import type { DB } from '../../db/schema.ts';
import { kstDate, kstTimestamp } from '../../domain/korean-time.ts';
import { RETENTION_RULES, retentionCutoff, type RetentionRuleId } from '../../domain/retention/retention.rules.ts';
import { translator } from '../../i18n/i18n.ts';
import type { AuditService, RequestMeta } from '../audit/audit.service.ts';
import { authorize, type Actor } from '../auth/auth.policy.ts';
import { workbookBytes } from '../reports/reports.xlsx.ts';
import type { TableSpec } from '../reports/reports.tables.ts';
import type { RetentionRepository } from './retention.repository.ts';

/** One rule's work inside the job's transaction: how many rows it destroyed or anonymised. */
export type RetentionExecutor = (trx: Db, at: Date, before: Date) => Promise<number>;

const JOB_META: RequestMeta = { ip: null, requestId: 'retention.nightly' };
/** The page lists this many 파기 대장 rows, the file as many as the export limit. */
const PAGE_ROWS = 200;
const EXPORT_ROWS = 50_000;

/**
 * 개인정보의 파기 (개인정보 보호법 §21): the nightly job `retention.nightly` runs every rule of
 * src/domain/retention/retention.rules.ts, each in its own transaction together with its 파기 대장 row
 * (kind, count, when, how, by which rule and basis), so a rule's destruction and its record commit
 * together. The operator sees the rules and the 파기 대장 and exports it (.xlsx).
 */
export function createRetentionService(deps: {
  db: Kysely<DB>;
  repo: RetentionRepository;
  audit: AuditService;
  now: () => Date;
  /** One executor per rule: a rule without one does not compile. */
  executors: Record<RetentionRuleId, RetentionExecutor>;
}) {
  const { db, repo, audit, now, executors } = deps;

  async function run(trigger: 'schedule' | 'manual', actor: Actor | null, meta: RequestMeta) {
    const started = now();
    const runRow = await repo.startRun(db, started, trigger);
    const counts: Record<string, number> = {};
    let total = 0;
    for (const rule of RETENTION_RULES) {
      const at = now();
      const before = retentionCutoff(rule.period, at);
      counts[rule.id] = await db.transaction().execute(async (trx) => {
        const n = await executors[rule.id](trx, at, before);
        if (n > 0) await repo.insertRecord(trx, { runId: runRow.id, at, ruleId: rule.id, kind: rule.kind, method: rule.action, count: n, cutoff: before, basis: rule.basis });
        return n;
      });
      total += counts[rule.id]!;
    }
    await db.transaction().execute(async (trx) => {
      await repo.finishRun(trx, runRow.id, now(), total);
      await audit.record(trx, meta, { action: 'retention.run', actor, actorLogin: actor ? undefined : 'itda-job', subjectType: 'retention_run', subjectId: String(runRow.id), detail: { trigger, total, counts } });
    });
    return { runId: runRow.id, total, counts };
  }

  return {
    /** The job (03:45 KST daily, src/jobs/jobs.ts). */
    nightly() {
      return run('schedule', null, JOB_META);
    },
    /** The operator runs it now (the same rules; recorded as manual). */
    runNow(actor: Actor | null, meta: RequestMeta) {
      authorize(actor, 'retention.manage');
      return run('manual', actor, meta);
    },
    /** The page: the rules with their bases, the last run, the 파기 대장 (no personal data: kinds and counts). */
    async ledger(actor: Actor | null) {
      authorize(actor, 'retention.manage');
      const [records, lastRun] = await Promise.all([repo.listRecords(db, PAGE_ROWS), repo.lastRun(db)]);
      return { rules: RETENTION_RULES, records, lastRun: lastRun ?? null };
    },
    /** The 파기 대장 as .xlsx (the reports' workbook writer); the export is audited. */
    async exportLedger(actor: Actor | null, meta: RequestMeta, locale: string) {
      authorize(actor, 'retention.manage');
      const t = translator(locale);
      const records = await repo.listRecords(db, EXPORT_ROWS);
      const sheet: TableSpec = {
        id: 'destructionRecords',
        title: t('retention.ledger.title'),
        columns: [
          { header: t('retention.col.at'), type: 'text' },
          { header: t('retention.col.kind'), type: 'text' },
          { header: t('retention.col.count'), type: 'int' },
          { header: t('retention.col.method'), type: 'text' },
          { header: t('retention.col.cutoff'), type: 'text' },
          { header: t('retention.col.rule'), type: 'text' },
          { header: t('retention.col.basis'), type: 'text' },
          { header: t('retention.col.run'), type: 'int' },
        ],
        rows: records.map((r) => [
          { value: kstTimestamp(r.at), type: 'text' },
          { value: t(`retention.kind.${r.kind}`), type: 'text' },
          { value: r.count, type: 'int' },
          { value: t(`retention.method.${r.method}`), type: 'text' },
          { value: r.cutoff ? kstTimestamp(r.cutoff) : '', type: 'text' },
          { value: r.ruleId, type: 'text' },
          { value: r.basis, type: 'text' },
          { value: Number(r.runId), type: 'int' },
        ]),
        foot: [],
        personal: false,
        sampleRows: [],
      };
      const at = now();
      const bytes = await workbookBytes(
        [sheet],
        { title: `${t('app.name')} — ${t('retention.ledger.title')}`, info: [[t('reports.info.madeBy'), `${actor.displayName} (${actor.login})`], [t('retention.info.madeAt'), kstTimestamp(at)], [t('retention.info.what'), t('retention.info.whatText')]] },
        { t, publicView: false, creator: actor.login, now: at },
      );
      await db.transaction().execute((trx) => audit.record(trx, meta, { action: 'retention.export', actor, subjectType: 'destruction_record', detail: { rows: records.length } }));
      return { fileName: `잇다_파기대장_${kstDate(at)}.xlsx`, bytes };
    },
  };
}
export type RetentionService = ReturnType<typeof createRetentionService>;
