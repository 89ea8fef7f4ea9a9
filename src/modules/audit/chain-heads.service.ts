import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from '../../config.ts';
import type { ChainName, DB } from '../../db/schema.ts';
import { headsPayload, parseHeadsMessage, verifyPayload, keyFingerprint, type DayHead } from '../../domain/chain-heads.ts';
import { verifyLinks } from '../../domain/hash-chain.ts';
import { kstDate, startOfKstDay } from '../../domain/korean-time.ts';
import { addDays, lastDayOfMonth } from '../../domain/metrics/period.ts';
import type { NotificationService } from '../notifications/notifications.service.ts';
import type { ChainCheckRepository, ChainRow } from './chain-check.repository.ts';
import type { ChainHeadsRepository, StoredHead } from './chain-heads.repository.ts';
import type { ChainSigner } from './chain-signing.ts';

const CHAINS: readonly ChainName[] = ['audit', 'access'];
/** Rows read per query when a chain is recomputed (as chain-check.service.ts). */
const BATCH = 5_000;
/** A first run, or a server that was off, catches up at most this many days. */
const MAX_CATCH_UP_DAYS = 62;

/** One published head compared with the chain as it is now. */
export interface HeadCheck {
  chain: ChainName;
  day: string;
  lastId: number | null;
  published: string | null;
  computed: string | null;
  /**
   * ok: the chain recomputed from its start arrives at the published hash.
   * mismatch: it arrives at another hash (a row of that day or before was changed and every hash
   *   after it recomputed, or rows were removed from the start).
   * broken: the stored hashes do not follow at `brokenAt` (a row was changed without recomputing).
   * missing: the published last row is gone. moved: the day's last row is now another one (a row was
   *   added to that day, or removed from its end).
   */
  result: 'ok' | 'mismatch' | 'broken' | 'missing' | 'moved';
  brokenAt?: number;
  nowLastId?: number | null;
}

export interface VerifyOutcome {
  ok: boolean;
  signature: 'valid' | 'invalid' | 'absent' | null;
  fingerprint: string | null;
  /** Our own key's fingerprint when it is at hand (null: no key here): a message signed by another key is not ours. */
  ownFingerprint: string | null;
  checks: HeadCheck[];
}

/**
 * Published chain heads (issue 14 §4). The daily job ('chains.heads', 00:05 KST) stores yesterday's
 * head of each chain — the hash of the last row written before the Korean day ended — and sends them,
 * signed (Ed25519), through the outbox to ITDA_CHAIN_HEADS_TO; the monthly report prints the head of
 * every day of its month. `verify` recomputes a chain from its first row and compares it with a
 * published head: whoever edits a row and recomputes every later hash still cannot reach the hash
 * that went out before the edit.
 */
export function createChainHeadsService(deps: {
  db: Kysely<DB>;
  repo: ChainHeadsRepository;
  chainRows: Pick<ChainCheckRepository, 'rowsAfter'>;
  notifications: Pick<NotificationService, 'enqueue'>;
  config: Config['chainHeads'];
  /** Loads (or, the first time, makes) the signing key; called only when a message is sent. */
  signer: () => ChainSigner;
  now: () => Date;
  logger?: Pick<Logger, 'warn' | 'info'>;
}) {
  const { db, repo, now } = deps;
  const yesterday = () => addDays(kstDate(now()), -1);

  async function headOf(chain: ChainName, day: string, at: Date) {
    const end = startOfKstDay(addDays(day, 1));
    const last = await repo.lastBefore(db, chain, end);
    const rowsThatDay = await repo.countBetween(db, chain, startOfKstDay(day), end);
    return { chain, day, lastId: last?.id ?? null, headHash: last?.hash ?? null, rowsThatDay, computedAt: at };
  }

  /** Computes and stores the heads of the days in [from, to] not stored yet (a stored head is kept). */
  async function computeDays(from: string, to: string): Promise<number> {
    if (from > to) return 0;
    const stored = new Set((await repo.between(db, from, to)).map((h) => `${h.chain} ${h.day}`));
    const at = now();
    const rows = [];
    for (let day = from; day <= to; day = addDays(day, 1)) {
      for (const chain of CHAINS) if (!stored.has(`${chain} ${day}`)) rows.push(await headOf(chain, day, at));
    }
    await repo.insert(db, rows);
    return rows.length;
  }

  /** The day the daily job starts from: after the last stored day, else the first row's day, at most MAX_CATCH_UP_DAYS back. */
  async function firstDayToCompute(to: string): Promise<string> {
    const floor = addDays(to, -(MAX_CATCH_UP_DAYS - 1));
    const last = await repo.lastStoredDay(db);
    if (last) return addDays(last, 1) > floor ? addDays(last, 1) : floor;
    const firsts = (await Promise.all(CHAINS.map((c) => repo.firstAt(db, c)))).filter((d): d is Date => !!d).map(kstDate);
    const first = firsts.sort()[0] ?? to;
    return first > floor ? first : floor;
  }

  /**
   * Recomputes `chain` from its first remaining row (rows past retention are purged from the start:
   * that row's link is the anchor) and returns the hash it arrives at for each of `ids`, stopping
   * after the largest; `brokenAt` when the stored hashes stop following.
   */
  async function recompute(chain: ChainName, ids: readonly number[]): Promise<{ hashes: Map<number, string>; brokenAt: number | null }> {
    const wanted = new Set(ids);
    const until = Math.max(0, ...ids);
    const hashes = new Map<number, string>();
    let cursor = 0;
    let prev: string | null | undefined;
    for (;;) {
      const rows: ChainRow[] = (await deps.chainRows.rowsAfter(db, chain, cursor, BATCH)).filter((r) => r.id <= until);
      if (!rows.length) return { hashes, brokenAt: null };
      const anchor = prev === undefined ? rows[0]!.prevHash : prev;
      // verifyLinks checks row by row, so a broken row still leaves the hashes before it usable.
      let p = anchor;
      for (const r of rows) {
        const one = verifyLinks([r], (x) => x.fields, p);
        if (one.brokenAt !== null) return { hashes, brokenAt: r.id };
        if (wanted.has(r.id)) hashes.set(r.id, r.hash);
        p = r.hash;
      }
      prev = p;
      cursor = rows[rows.length - 1]!.id;
      if (cursor >= until || rows.length < BATCH) return { hashes, brokenAt: null };
    }
  }

  /** Compares published heads with the chains as they are now. */
  async function check(heads: readonly DayHead[]): Promise<HeadCheck[]> {
    const out: HeadCheck[] = [];
    for (const chain of CHAINS) {
      const mine = heads.filter((h) => h.chain === chain);
      if (!mine.length) continue;
      const ids = mine.map((h) => h.lastId).filter((x): x is number => x !== null);
      const { hashes, brokenAt } = await recompute(chain, ids);
      for (const h of mine) {
        const nowLast = await repo.lastBefore(db, chain, startOfKstDay(addDays(h.day, 1)));
        const base = { chain, day: h.day, lastId: h.lastId, published: h.headHash, nowLastId: nowLast?.id ?? null };
        if (h.lastId === null) {
          out.push({ ...base, computed: null, result: nowLast ? 'moved' : 'ok' });
          continue;
        }
        if (brokenAt !== null && brokenAt <= h.lastId) {
          out.push({ ...base, computed: null, result: 'broken', brokenAt });
          continue;
        }
        const computed = hashes.get(h.lastId) ?? null;
        if (computed === null) out.push({ ...base, computed, result: 'missing' });
        else if (computed !== h.headHash) out.push({ ...base, computed, result: 'mismatch' });
        else if (nowLast?.id !== h.lastId) out.push({ ...base, computed, result: 'moved' });
        else out.push({ ...base, computed, result: 'ok' });
      }
    }
    return out.sort((a, b) => a.day.localeCompare(b.day) || CHAINS.indexOf(a.chain) - CHAINS.indexOf(b.chain));
  }

  const toDayHead = (h: StoredHead): DayHead => ({ chain: h.chain, day: h.day, lastId: h.lastId, headHash: h.headHash });

  return {
    /**
     * The daily job: stores the heads of every day up to yesterday not stored yet, then sends the
     * unpublished ones, signed, to each recipient (one outbox row each, in one transaction with the
     * mark). Without a recipient the heads are kept (and printed monthly) and nothing is sent.
     */
    async publishDaily(): Promise<{ computed: number; published: number; days: string[]; recipients: number }> {
      const to = yesterday();
      const computed = await computeDays(await firstDayToCompute(to), to);
      if (!deps.config.to.length) {
        deps.logger?.warn('chain heads: ITDA_CHAIN_HEADS_TO is not set; heads are stored but not sent');
        return { computed, published: 0, days: [], recipients: 0 };
      }
      const pending = await repo.unpublished(db, MAX_CATCH_UP_DAYS * CHAINS.length);
      if (!pending.length) return { computed, published: 0, days: [], recipients: deps.config.to.length };
      const signer = deps.signer();
      if (signer.source === 'generated') deps.logger?.warn('chain heads: no signing key was configured; generated one in the key file (see README)');
      const payload = headsPayload(pending.map(toDayHead));
      const days = [...new Set(pending.map((h) => h.day))];
      const params = {
        days: days.length === 1 ? days[0]! : `${days[0]} ~ ${days[days.length - 1]}`,
        payload,
        signature: signer.sign(payload),
        fingerprint: signer.fingerprint,
        publicKey: signer.publicKeyPem,
      };
      await db.transaction().execute(async (trx) => {
        let first: string | null = null;
        for (const recipient of deps.config.to) {
          const n = await deps.notifications.enqueue(trx, { channel: 'email', recipient, template: 'chains.heads', params });
          first ??= n.id;
        }
        await repo.markPublished(trx, days[0]!, days[days.length - 1]!, now(), first);
      });
      return { computed, published: pending.length, days, recipients: deps.config.to.length };
    },

    /** The heads of every day of `month` up to yesterday (computed now when missing), for the monthly report. */
    async forMonth(month: string): Promise<StoredHead[]> {
      const last = lastDayOfMonth(month);
      const to = last < yesterday() ? last : yesterday();
      await computeDays(`${month}-01`, to);
      return repo.between(db, `${month}-01`, to);
    },

    /** `itda verify-chain --chain <c> --day <d> --head <hex>`: one head given by hand. */
    async verifyHead(chain: ChainName, day: string, head: string): Promise<VerifyOutcome> {
      const last = await repo.lastBefore(db, chain, startOfKstDay(addDays(day, 1)));
      if (!last) {
        // A published hash and no row that day or before: the rows were removed.
        const checks: HeadCheck[] = [{ chain, day, lastId: null, published: head.toLowerCase(), computed: null, result: 'missing', nowLastId: null }];
        return { ok: false, signature: null, fingerprint: null, ownFingerprint: null, checks };
      }
      const checks = await check([{ chain, day, lastId: last?.id ?? null, headHash: head.toLowerCase() }]);
      return { ok: checks.every((c) => c.result === 'ok'), signature: null, fingerprint: null, ownFingerprint: null, checks };
    },

    /** `itda verify-chain --file <message>`: the signature, then every head in the message. */
    async verifyMessage(text: string, ownFingerprint: string | null, chain?: ChainName): Promise<VerifyOutcome | null> {
      const m = parseHeadsMessage(text);
      if (!m) return null;
      const signature = !m.signature || !m.publicKeyPem ? 'absent' : verifyPayload(m.payload, m.signature, m.publicKeyPem) ? 'valid' : 'invalid';
      let fingerprint: string | null = null;
      try {
        fingerprint = m.publicKeyPem ? keyFingerprint(m.publicKeyPem) : null;
      } catch {
        fingerprint = null;
      }
      const checks = await check(chain ? m.heads.filter((h) => h.chain === chain) : m.heads);
      const ok = signature === 'valid' && (ownFingerprint === null || ownFingerprint === fingerprint) && checks.every((c) => c.result === 'ok');
      return { ok, signature, fingerprint, ownFingerprint, checks };
    },

    /** `itda verify-chain [--chain c] [--day d]`: the heads stored in the database (worth as much as the database; the published copies are the proof). */
    async verifyStored(chain?: ChainName, day?: string): Promise<VerifyOutcome> {
      const stored = await repo.between(db, day ?? '0001-01-01', day ?? '9999-12-31');
      const checks = await check(stored.filter((h) => !chain || h.chain === chain).map(toDayHead));
      return { ok: checks.every((c) => c.result === 'ok'), signature: null, fingerprint: null, ownFingerprint: null, checks };
    },
  };
}
export type ChainHeadsService = ReturnType<typeof createChainHeadsService>;
