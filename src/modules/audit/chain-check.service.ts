import type { Kysely } from 'kysely';
import type { ChainName, DB } from '../../db/schema.ts';
import { verifyLinks } from '../../domain/hash-chain.ts';
import { authorize, type Actor } from '../auth/auth.policy.ts';
import type { ChainCheckRepository, ChainRow } from './chain-check.repository.ts';

/** Rows read per query: a full check of 10 years of sign-ins never holds them all in memory. */
const BATCH = 5_000;
/**
 * Below this many rows a view recomputes the whole chain, so any edit shows at once; above it a view
 * checks only what was added and leaves older rows to the nightly job. It was 20,000: on PGlite a
 * chain of 15,000 access records took 1.3 s per view of the access review and held every other
 * request up (issue 14 §6; bench/access-review.bench.ts); 1,000 rows is under 0.1 s.
 */
export const FULL_CHECK_ON_VIEW_BELOW = 1_000;

export interface ChainStatus {
  /** What this view checked: the whole chain, or the rows added since the last good check. */
  checked: 'all' | 'new';
  /** The first row that does not follow (null: the chain holds). */
  brokenAt: number | null;
  /** When the whole chain was last recomputed (the nightly job), and what it found. */
  fullAt: Date | null;
  fullBrokenAt: number | null;
}

/**
 * Tamper checks of the audit trail and the access records (안전성 확보조치 기준 §8: 접속기록은
 * 위·변조되지 않도록 보관; the hash chain is src/domain/hash-chain.ts). A page view checks the rows
 * added since the last good check — and that the last checked row still has its hash — so it costs
 * what was written since, not years of rows. The nightly job ('chains.verify') recomputes both
 * chains from the start, which finds an edit of an older row too; the page shows that result.
 */
export function createChainCheckService(deps: { db: Kysely<DB>; repo: ChainCheckRepository; now: () => Date; fullCheckOnViewBelow?: number }) {
  const { db, repo, now } = deps;
  const fullBelow = deps.fullCheckOnViewBelow ?? FULL_CHECK_ON_VIEW_BELOW;

  /** Checks the rows after `afterId`, which must follow `anchor` (undefined: the first remaining row's own link). */
  async function walk(chain: ChainName, afterId: number, anchor: string | null | undefined) {
    let cursor = afterId;
    let prev = anchor;
    let last: { id: number; hash: string } | null = null;
    for (;;) {
      const rows: ChainRow[] = await repo.rowsAfter(db, chain, cursor, BATCH);
      if (!rows.length) return { brokenAt: null, last };
      // Rows past their retention are purged from the start: the first remaining row is the anchor.
      const r = verifyLinks(rows, (x) => x.fields, prev === undefined ? rows[0]!.prevHash : prev);
      if (r.brokenAt !== null) return { brokenAt: r.brokenAt, last };
      last = r.last;
      prev = last!.hash;
      cursor = last!.id;
      if (rows.length < BATCH) return { brokenAt: null, last };
    }
  }

  async function full(chain: ChainName): Promise<number | null> {
    const r = await walk(chain, 0, undefined);
    const at = now();
    // A broken chain keeps the mark where it was: views go on reporting the break.
    const before = await repo.status(db, chain);
    const mark = r.brokenAt === null ? r.last : before?.verifiedToId ? { id: before.verifiedToId, hash: before.verifiedToHash! } : null;
    await repo.save(db, chain, { verifiedToId: mark?.id ?? null, verifiedToHash: mark?.hash ?? null, at, full: { brokenAt: r.brokenAt } });
    return r.brokenAt;
  }

  async function incremental(chain: ChainName): Promise<ChainStatus> {
    const s = await repo.status(db, chain);
    const result = (brokenAt: number | null): ChainStatus => ({ checked: 'new', brokenAt, fullAt: s?.fullAt ?? null, fullBrokenAt: s?.fullBrokenAt ?? null });
    // A small chain, or nothing checked yet (a new installation): all of it.
    if (!s?.verifiedToId || (await repo.idSpan(db, chain)) < fullBelow) {
      const brokenAt = await full(chain);
      const after = await repo.status(db, chain);
      return { checked: 'all', brokenAt, fullAt: after?.fullAt ?? null, fullBrokenAt: after?.fullBrokenAt ?? null };
    }
    const marked = await repo.row(db, chain, s.verifiedToId);
    if (!marked) {
      // Gone: purged after its retention (then every older row is gone too), or deleted.
      const first = await repo.firstId(db, chain);
      if (first === undefined || first > s.verifiedToId) return result(await full(chain));
      return result(s.verifiedToId);
    }
    // The last row found good must still be that row: the same hash, and its content still hashing to it.
    if (marked.hash !== s.verifiedToHash || verifyLinks([marked], (x) => x.fields, marked.prevHash).brokenAt !== null) return result(s.verifiedToId);
    const r = await walk(chain, s.verifiedToId, s.verifiedToHash);
    if (r.brokenAt !== null) return result(r.brokenAt);
    if (r.last) await repo.save(db, chain, { verifiedToId: r.last.id, verifiedToHash: r.last.hash, at: now() });
    return result(null);
  }

  return {
    /** The audit page: the audit chain, checked since the last view, with the nightly full result. */
    async auditStatus(actor: Actor | null): Promise<ChainStatus> {
      authorize(actor, 'audit.read');
      return incremental('audit');
    },
    /** The access-record review: the same for the access records. */
    async accessStatus(actor: Actor | null): Promise<ChainStatus> {
      authorize(actor, 'access.review');
      return incremental('access');
    },
    /** The nightly job: both chains from the start. */
    async verifyAllFull() {
      return { audit: await full('audit'), access: await full('access') };
    },
  };
}
export type ChainCheckService = ReturnType<typeof createChainCheckService>;
