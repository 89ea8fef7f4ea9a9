import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import type { StoreImport, StoreImportIssue } from '../../db/schema.stores.ts';
import { scopeOf } from '../../domain/scope.ts';
import { storeAreaOf } from '../../domain/stores/store-area.ts';
import type { HeaderMap } from '../../domain/stores/store-file.ts';
import { NotFoundError } from '../../errors.ts';
import { parseInput } from '../../validation.ts';
import type { RequestMeta } from '../audit/audit.service.ts';
import { authorize, type Actor } from '../auth/auth.policy.ts';
import { readStoreFile, StoreFileError } from './stores.reader.ts';
import { rejectedStagingLine, stagingLine, STAGING_COPY_TARGET, type StoresRepository } from './stores.repository.ts';
import { StoreId, StoreListQuery } from './stores.schemas.ts';

/**
 * 상가(상권)정보 (issue 12 §1): importing the public shop file and browsing it.
 *
 * Registry shops are public data published by 소상공인시장진흥공단 (상호, 업종, 주소, 좌표; no owner,
 * no personal data), so reading them goes through neither the personal-data gate nor the 접속기록
 * (개인정보의 안전성 확보조치 기준 §8 covers personal data only). Who sees which shops still derives
 * from the one scope policy (`storeAreaOf(scopeOf(actor))`): a clerk's registry is her office's 시·군.
 * A shop becomes personal casework only when a clerk opens an intake from it; from then on it is a
 * `business` under the gate like any other.
 */

/** How many issue lines an import keeps (the counts are always complete). */
export const ISSUE_LIMIT = 1000;

export interface StoreImportReport {
  importId: number;
  encoding: 'utf-8' | 'cp949' | null;
  totalRows: number;
  created: number;
  updated: number;
  unchanged: number;
  closed: number;
  rejected: number;
  withoutCoordinates: number;
  outside: number;
  issues: StoreImportIssue[];
  issuesTruncated: boolean;
  notes: { missingOptional?: string[]; unknown?: string[] };
  seconds: number;
  rowsPerSecond: number;
}

export class StoreImportError extends Error {
  constructor(
    readonly messageKey: string,
    readonly detail: string,
    readonly importId: number,
  ) {
    super(`${messageKey}: ${detail}`);
    this.name = 'StoreImportError';
  }
}

export function createStoresService(deps: { db: Kysely<DB>; repo: StoresRepository; copyIn: Database['copyIn']; now: () => Date }) {
  const { db, repo, now } = deps;

  async function areaCodes(actor: Actor): Promise<string[] | null> {
    const area = storeAreaOf(scopeOf(actor));
    if (area.kind === 'all') return null;
    if (area.kind === 'none') return [];
    return repo.officeMunicipalities(db, area.officeId);
  }

  /** One registry shop, if it is in the viewer's area (otherwise 404, as if absent). */
  async function getStore(actor: Actor | null, id: string) {
    authorize(actor, 'stores.browse');
    const s = StoreId.safeParse(id).success ? await repo.findStore(db, id) : undefined;
    const codes = await areaCodes(actor);
    if (!s || (codes && !codes.includes(s.municipalityCode))) throw new NotFoundError();
    return s;
  }

  return {
    async assertCanImport(actor: Actor | null) {
      authorize(actor, 'stores.import');
    },

    /**
     * Imports one file (any size: streamed, loaded by COPY into `store_staging`, merged in one
     * transaction). Idempotent by 상가업소번호: a second import of the same file changes nothing.
     * `actor` null = the command line (the operator at the server). `onProgress` gets raw bytes read
     * and data rows seen.
     */
    async importFile(
      actor: Actor | null,
      source: { fileName: string; bytes: AsyncIterable<Uint8Array> },
      _meta: RequestMeta,
      onProgress?: (bytes: number, rows: number) => void,
    ): Promise<StoreImportReport> {
      if (actor) authorize(actor, 'stores.import');
      const started = performance.now();
      // No import of a few hundred thousand rows takes six hours: one still running then was cut short.
      await repo.clearStale(db, new Date(now().getTime() - 6 * 3600_000));
      const imp = await repo.createImport(db, { fileName: source.fileName.slice(0, 200), startedBy: actor?.userId ?? null, startedByLogin: actor?.login ?? 'itda-cli' });
      const importId = imp.id;
      const counts = { totalRows: 0, rejected: 0, withoutCoordinates: 0, outside: 0 };
      const issues: StoreImportIssue[] = [];
      let issuesTruncated = false;
      const note = (i: StoreImportIssue) => {
        if (issues.length < ISSUE_LIMIT) issues.push(i);
        else issuesTruncated = true;
      };
      let header: { map: HeaderMap; encoding: 'utf-8' | 'cp949' } | null = null;
      let bytes = 0;

      // COPY lines in blocks of ~256 KiB: one string per block keeps the stream's overhead small.
      async function* copyLines(): AsyncGenerator<string> {
        let block = '';
        const events = readStoreFile(source.bytes, { onBytes: (n) => (bytes += n) });
        for await (const ev of events) {
          if (ev.kind === 'header') {
            header = { map: ev.map, encoding: ev.encoding };
            continue;
          }
          counts.totalRows += 1;
          const o = ev.outcome;
          if (o.kind === 'ok') {
            block += stagingLine(importId, ev.line, o.record);
            if (o.warning) {
              counts.withoutCoordinates += 1;
              note({ line: ev.line, storeId: o.record.id, reason: o.warning.reason, detail: o.warning.detail, kept: true });
            }
          } else if (o.kind === 'outside') {
            counts.outside += 1;
          } else {
            counts.rejected += 1;
            note({ line: ev.line, storeId: o.storeId, reason: o.reason, detail: o.detail, kept: false });
            if (o.storeId && o.reason !== 'badId') block += rejectedStagingLine(importId, ev.line, o.storeId);
          }
          if (block.length >= 256 * 1024) {
            yield block;
            block = '';
          }
          if (onProgress && counts.totalRows % 10_000 === 0) onProgress(bytes, counts.totalRows);
        }
        if (block) yield block;
        onProgress?.(bytes, counts.totalRows);
      }

      const fail = async (e: unknown): Promise<never> => {
        const key = e instanceof StoreFileError ? e.messageKey : 'stores.file.failed';
        const detail = e instanceof StoreFileError ? e.detail : e instanceof Error ? e.message : String(e);
        await repo.clearStaging(db, importId);
        await repo.finishImport(db, importId, {
          status: 'failed',
          encoding: (header as { encoding: string } | null)?.encoding ?? null,
          finishedAt: now(),
          ...counts,
          created: 0,
          updated: 0,
          unchanged: 0,
          closed: 0,
          issues,
          issuesTruncated,
          notes: {},
          rowsPerSecond: null,
          error: `${key}${detail ? `: ${detail}` : ''}`.slice(0, 500),
        });
        throw new StoreImportError(key, detail, importId);
      };

      try {
        await deps.copyIn(STAGING_COPY_TARGET, copyLines());
      } catch (e) {
        return fail(e);
      }
      const h = header as { map: HeaderMap; encoding: 'utf-8' | 'cp949' } | null;
      const notes = { missingOptional: h?.map.missingOptional ?? [], unknown: h?.map.unknown ?? [] };
      let merged: { created: number; updated: number; unchanged: number; closed: number; duplicates: number };
      try {
        await repo.analyzeStaging(db);
        merged = await db.transaction().execute(async (trx) => {
          await repo.lockMerge(trx);
          const dups = await repo.dropDuplicates(trx, importId, ISSUE_LIMIT);
          for (const d of dups.rows) note({ line: d.line, storeId: d.id, reason: 'duplicate', detail: String(d.keptLine), kept: false });
          if (dups.total > dups.rows.length) issuesTruncated = true;
          const c = await repo.countOutcomes(trx, importId);
          const at = now();
          await repo.upsertFromStaging(trx, importId, at);
          const closed = await repo.closeAbsent(trx, importId, at);
          await repo.clearStaging(trx, importId);
          return { ...c, closed, duplicates: dups.total };
        });
        if (merged.created + merged.updated + merged.closed > 0) await repo.analyzeStores(db);
      } catch (e) {
        return fail(e);
      }
      counts.rejected += merged.duplicates;
      issues.sort((a, b) => a.line - b.line);
      const seconds = (performance.now() - started) / 1000;
      const rowsPerSecond = Math.round(counts.totalRows / Math.max(seconds, 0.001));
      const report: StoreImportReport = {
        importId,
        encoding: h?.encoding ?? null,
        ...counts,
        created: merged.created,
        updated: merged.updated,
        unchanged: merged.unchanged,
        closed: merged.closed,
        issues,
        issuesTruncated,
        notes,
        seconds,
        rowsPerSecond,
      };
      await repo.finishImport(db, importId, {
        status: 'done',
        encoding: report.encoding,
        finishedAt: now(),
        totalRows: report.totalRows,
        created: report.created,
        updated: report.updated,
        unchanged: report.unchanged,
        closed: report.closed,
        rejected: report.rejected,
        withoutCoordinates: report.withoutCoordinates,
        outside: report.outside,
        issues,
        issuesTruncated,
        notes,
        rowsPerSecond,
        error: null,
      });
      return report;
    },

    async recentImports(actor: Actor | null, limit = 10): Promise<StoreImport[]> {
      authorize(actor, 'stores.import');
      return repo.recentImports(db, limit);
    },

    async getImport(actor: Actor | null, id: number): Promise<StoreImport> {
      authorize(actor, 'stores.import');
      const r = await repo.findImport(db, id);
      if (!r) throw new NotFoundError();
      return r;
    },

    /** Registry shops of the viewer's area (a clerk: her office's 시·군), searched by 상호 or address. */
    async list(actor: Actor | null, raw: unknown) {
      authorize(actor, 'stores.browse');
      const f = parseInput(StoreListQuery, raw);
      const codes = await areaCodes(actor);
      const pageSize = 50;
      const rows = await repo.list(db, { municipalityCodes: codes, municipalityCode: f.municipality ?? undefined, q: f.q ?? undefined, includeClosed: f.closed, limit: pageSize + 1, offset: (f.page - 1) * pageSize });
      return { rows: rows.slice(0, pageSize), hasMore: rows.length > pageSize, page: f.page, filter: f, areaCodes: codes };
    },

    get: getStore,

    /**
     * The intake form's values from a registry shop: what the file knows (상호, 시·군, 읍·면·동,
     * 주소, KSIC) and the link. Everything else stays empty = unknown for the clerk to ask.
     */
    async intakeValues(actor: Actor | null, id: string): Promise<Record<string, string>> {
      authorize(actor, 'businesses.intake');
      const s = await getStore(actor, id);
      const address = [s.roadAddress ?? s.jibunAddress, s.buildingName, s.floorInfo ? `${s.floorInfo}층` : null, s.unitInfo ? `${s.unitInfo}호` : null].filter(Boolean).join(' ');
      return {
        storeId: s.id,
        name: s.branchName ? `${s.name} ${s.branchName}` : s.name,
        municipalityCode: s.municipalityCode,
        eupMyeonDong: s.adongName ?? s.ldongName ?? '',
        address: address.slice(0, 200),
        ksicCode: s.ksicCode ?? '',
      };
    },
  };
}
export type StoresService = ReturnType<typeof createStoresService>;
