import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { kstDate } from '../../domain/korean-time.ts';
import { formatDateTime } from '../../domain/format.ts';
import { monthOf, previousMonth } from '../../domain/metrics/period.ts';
import { InvalidError, NotFoundError } from '../../errors.ts';
import { translator } from '../../i18n/i18n.ts';
import { parseInput } from '../../validation.ts';
import type { AuditService, RequestMeta } from '../audit/audit.service.ts';
import { authorize, type Actor } from '../auth/auth.policy.ts';
import type { ChainHeadsService } from '../audit/chain-heads.service.ts';
import type { MonthlyRepository } from './monthly.repository.ts';
import { renderMonthlyPdf } from './reports.pdf.ts';
import { MonthInput } from './reports.schemas.ts';
import type { ReportsService } from './reports.service.ts';
import { chainHeadsTable, formatMonth, monthlyTables } from './reports.tables.ts';
import { workbookBytes } from './reports.xlsx.ts';

/**
 * 월간 실적 보고 (monthly report to the province): made on demand by the operator and by the job on
 * the 1st of each month (06:00 KST, for the month before), kept as generated (.xlsx and PDF, with
 * the figures they were made from) and downloadable by the operator and the province.
 * Aggregates only, with the province's suppression: no personal data, so downloads carry an
 * audit row (who, when, which file) rather than an access record with a reason.
 */
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

export function createMonthlyReportsService(deps: { db: Kysely<DB>; repo: MonthlyRepository; reports: Pick<ReportsService, 'monthFigures'>; chainHeads: Pick<ChainHeadsService, 'forMonth'>; audit: AuditService; now: () => Date }) {
  const { db, repo, audit, now } = deps;
  const t = translator('ko');

  async function build(month: string, by: string) {
    const figures = await deps.reports.monthFigures(month);
    const specs = monthlyTables(figures, t);
    // Each day's chain heads, printed (issue 14 §4): a copy of them outside the database.
    const heads = chainHeadsTable(await deps.chainHeads.forMonth(month), t);
    const at = now();
    const stamp = formatDateTime(at, 'ko');
    const sample = await repo.hasDemoData(db);
    const title = `${t('reports.monthly.docTitle')} ${formatMonth(month, 'ko')}`;
    const info: [string, string][] = [
      [t('reports.info.period'), `${figures.period.from} ~ ${figures.period.to} (${t('reports.monthly.ytdShort')} ${figures.ytd.from} ~ ${figures.ytd.to})`],
      [t('reports.info.scope'), t('reports.scope.province')],
      [t('reports.info.madeBy'), `${by}, ${stamp}`],
      [t('reports.info.definitions'), t('reports.definitionsShort')],
      [t('reports.info.suppression'), t('reports.suppressionNote')],
      [t('reports.def.satisfaction.term'), t('reports.def.satisfaction')],
    ];
    if (sample) info.push([t('demo.badge'), t('reports.monthly.sampleNote')]);
    const [xlsx, pdf] = await Promise.all([
      workbookBytes([...specs, heads], { title, info }, { t, publicView: true, creator: by, now: at }),
      renderMonthlyPdf(figures, specs, t, { generatedAt: stamp, generatedBy: by, sample, chainHeads: heads }),
    ]);
    return { figures, xlsx, pdf, at };
  }

  async function store(month: string, trigger: 'schedule' | 'manual', actor: Actor | null, meta: RequestMeta) {
    // The province reads this: the maker's name and role, not their account id (the audit trail keeps that).
    const by = actor ? `${actor.displayName} (${t(`role.${actor.role}`)})` : t('reports.monthly.byJob');
    const r = await build(month, by);
    return db.transaction().execute(async (trx) => {
      const row = await repo.insert(trx, { month, trigger, generatedBy: actor?.userId ?? null, generatedAt: r.at, figures: r.figures, xlsx: r.xlsx, pdf: r.pdf, xlsxSha256: sha256(r.xlsx), pdfSha256: sha256(r.pdf) });
      await audit.record(trx, meta, { action: 'report.generate', actor, actorLogin: actor ? undefined : 'itda-job', subjectType: 'monthly_report', subjectId: String(row.id), detail: { month, trigger, xlsxBytes: r.xlsx.byteLength, pdfBytes: r.pdf.byteLength } });
      return row;
    });
  }

  return {
    async list(actor: Actor | null) {
      authorize(actor, 'reports.monthly');
      const rows = await repo.list(db);
      const today = kstDate(now());
      return { rows: rows.map((r) => ({ ...r, xlsxBytes: Number(r.xlsxBytes), pdfBytes: Number(r.pdfBytes) })), defaultMonth: previousMonth(today), canGenerate: actor.role !== 'province' };
    },

    /** On demand (operator): any past or current month. */
    async generate(actor: Actor | null, raw: unknown, meta: RequestMeta) {
      authorize(actor, 'reports.generate');
      const { month } = parseInput(MonthInput, raw);
      if (month > monthOf(kstDate(now()))) throw new InvalidError('validation.summary', [{ path: 'month', messageKey: 'reports.monthly.future' }]);
      return store(month, 'manual', actor, meta);
    },

    /**
     * The job of the 1st (cron '0 6 1 * *', Asia/Seoul): the month before. Idempotent: a second run
     * (a retried job, two workers) finds the scheduled report already made and does nothing.
     */
    async generateScheduled(): Promise<{ month: string; id: number | null }> {
      const month = previousMonth(kstDate(now()));
      if (await repo.scheduledExists(db, month)) return { month, id: null };
      const row = await store(month, 'schedule', null, { ip: null, requestId: 'job:reports.monthly' });
      return { month, id: row.id };
    },

    async download(actor: Actor | null, rawId: string, kind: 'xlsx' | 'pdf', meta: RequestMeta) {
      authorize(actor, 'reports.monthly');
      const id = Number(rawId);
      if (!/^\d{1,9}$/.test(rawId) || id <= 0) throw new NotFoundError();
      const r = await repo.find(db, id);
      if (!r) throw new NotFoundError();
      await audit.record(db, meta, { action: 'report.download', actor, subjectType: 'monthly_report', subjectId: String(id), detail: { month: r.month, kind } });
      const base = `잇다_월간실적보고_${r.month}`;
      return kind === 'pdf'
        ? { fileName: `${base}.pdf`, type: 'application/pdf', bytes: r.pdf }
        : { fileName: `${base}.xlsx`, type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', bytes: r.xlsx };
    },
  };
}
export type MonthlyReportsService = ReturnType<typeof createMonthlyReportsService>;
