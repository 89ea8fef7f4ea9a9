import { statSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/itda.ts';
import { buildServices, type Services } from '../../src/compose.ts';
import { loadConfig } from '../../src/config.ts';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { parseHeadsMessage, verifyPayload } from '../../src/domain/chain-heads.ts';
import { chainHash } from '../../src/domain/hash-chain.ts';
import { JOBS } from '../../src/jobs/jobs.ts';
import { accessFields, createAccessLogRepository } from '../../src/modules/access-log/access-log.repository.ts';
import { createAuditRepository } from '../../src/modules/audit/audit.repository.ts';
import { Clock } from '../harness.ts';
import { testDatabase } from '../db.ts';

/**
 * Published chain heads (issue 14 §4): the daily job stores each day's head of both chains and
 * sends them signed through the outbox; `itda verify-chain` recomputes a chain and compares it with
 * what was published. The point of publishing: an edit whose author recomputes every later hash
 * passes the chain check inside the database, and is still found against the published head.
 *
 * The CLI opens the database itself, so this file uses a PGlite folder (or, with
 * TEST_DATABASE_URL, a fresh PostgreSQL database) and closes its own connection around CLI runs.
 */
const dir = mkdtempSync(path.join(tmpdir(), 'itda-heads-'));
const keyFile = path.join(dir, 'keys', 'chain-signing-key.pem');
const env = { ITDA_DEMO: 'off', ITDA_LOG_LEVEL: 'silent', ITDA_CHAIN_HEADS_TO: 'archive@example.kr, auditor@example.kr', ITDA_CHAIN_SIGNING_KEY_FILE: keyFile };
const saved = { ...process.env };
let pgUrl: string | undefined;
let database: Database;
let services: Services;
const clock = new Clock(new Date('2026-11-27T01:00:00Z')); // 10:00 KST, 11월 27일
const audit = createAuditRepository();
const access = createAccessLogRepository();

async function open() {
  const config = loadConfig({ ...env, ...(pgUrl ? { DATABASE_URL: pgUrl } : { ITDA_DATA_DIR: path.join(dir, 'data') }) });
  database = await openDatabase(config.database);
  await migrateToLatest(database.db);
  services = buildServices(database, config, pino({ level: 'silent' }), clock.now);
}

async function write(n: number) {
  for (let i = 0; i < n; i++) {
    const at = clock.now();
    await audit.append(database.db, { at, action: 'org.office.update', actorLogin: 'heads-test', subjectType: 'office', subjectId: String(i), detail: { i }, retainUntil: at });
    await access.append(database.db, { at, accountId: null, accountLogin: 'heads-test', ip: '127.0.0.1', subjectType: 'business', subjectId: `b${i}`, action: 'view', reason: null, detail: { i }, requestId: `r${i}`, retainUntil: at });
    clock.advance(60_000);
  }
}

async function cli(...args: string[]) {
  process.env = { ...saved, ...env, ...(pgUrl ? { DATABASE_URL: pgUrl } : { ITDA_DATA_DIR: path.join(dir, 'data') }) };
  if (!pgUrl) delete process.env.DATABASE_URL;
  const out: string[] = [];
  const err: string[] = [];
  try {
    const code = await runCli(args, (s) => out.push(s), (s) => err.push(s));
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    process.env = saved;
  }
}

beforeAll(async () => {
  if (process.env.TEST_DATABASE_URL) {
    const t = await testDatabase();
    pgUrl = t.url;
    await t.database.close(); // dropped by name in afterAll
  }
  await open();
});
afterAll(async () => {
  await database?.close().catch(() => undefined);
  if (pgUrl) {
    const pg = await import('pg');
    const name = new URL(pgUrl).pathname.slice(1);
    const c = new pg.default.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  }
  rmSync(dir, { recursive: true, force: true });
});

let message = '';
const messageFile = path.join(dir, 'heads.txt');

describe('published chain heads', () => {
  it('is a daily job at 00:05 Korean time', () => {
    expect(JOBS['chains.heads'].cron).toBe('5 0 * * *');
  });

  it('stores each past day’s head and sends them signed to every recipient, once', async () => {
    await write(3); // 11-27
    clock.advance(86_400_000);
    await write(2); // 11-28
    clock.advance(86_400_000); // now 11-29
    const r = await services.chainHeads.publishDaily();
    expect(r).toMatchObject({ published: 4, days: ['2026-11-27', '2026-11-28'], recipients: 2 });
    const heads = await database.db.selectFrom('chainHead').selectAll().orderBy('day').orderBy('chain').execute();
    expect(heads.map((h) => [h.day, h.chain, h.rowsThatDay])).toEqual([
      ['2026-11-27', 'access', 3],
      ['2026-11-27', 'audit', 3],
      ['2026-11-28', 'access', 2],
      ['2026-11-28', 'audit', 2],
    ]);
    expect(heads.every((h) => h.publishedAt !== null && h.headHash?.length === 64)).toBe(true);
    // The head of a day is the hash of that day's last row.
    const last = await database.db.selectFrom('accessRecord').select(['id', 'hash']).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(heads[2]).toMatchObject({ lastId: last.id, headHash: last.hash });

    const mails = await database.db.selectFrom('notification').selectAll().where('template', '=', 'chains.heads').orderBy('recipient').execute();
    expect(mails.map((m) => [m.channel, m.recipient])).toEqual([
      ['email', 'archive@example.kr'],
      ['email', 'auditor@example.kr'],
    ]);
    message = mails[0]!.body;
    expect(mails[0]!.subject).toBe('[잇다] 접속기록·감사기록 일별 해시 2026-11-27 ~ 2026-11-28');
    expect(message).toContain(`2026-11-28 access ${last.id} ${last.hash}`);
    expect(message).toContain('npx itda verify-chain --file heads.txt');
    // No key was configured: one was made in the key file, readable by the owner only.
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);

    // A second run the same day sends nothing more; the next day sends only the new day.
    expect((await services.chainHeads.publishDaily()).published).toBe(0);
    writeFileSync(messageFile, message);
  });

  it('signs what it sends: the signature verifies, and fails when one digit is changed', () => {
    const m = parseHeadsMessage(message)!;
    expect(m.heads).toHaveLength(4);
    expect(verifyPayload(m.payload, m.signature!, m.publicKeyPem!)).toBe(true);
    const altered = m.payload.replace(/([0-9a-f])(\n|$)/, (_, d: string, end: string) => `${d === '0' ? '1' : '0'}${end}`);
    expect(altered).not.toBe(m.payload);
    expect(verifyPayload(altered, m.signature!, m.publicKeyPem!)).toBe(false);
  });

  it('verify-chain agrees with the published message and with a printed head', async () => {
    const day1 = (await database.db.selectFrom('chainHead').select('headHash').where('chain', '=', 'access').where('day', '=', '2026-11-27').executeTakeFirstOrThrow()).headHash!;
    await database.close();
    const ok = await cli('verify-chain', '--file', messageFile);
    expect(ok.err).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('서명: 맞습니다');
    expect(ok.out).toContain('모두 일치합니다 (4건)');
    const one = await cli('verify-chain', '--chain', 'access', '--day', '2026-11-27', '--head', day1);
    expect(one.code).toBe(0);
    const wrong = await cli('verify-chain', '--chain', 'access', '--day', '2026-11-27', '--head', 'ab'.repeat(32));
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain('불일치');
    expect((await cli('verify-chain', '--head', day1)).code).toBe(2);

    // A message whose heads were edited (to match a rewritten database) no longer verifies.
    const forged = message.replace(day1, day1.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')));
    writeFileSync(path.join(dir, 'forged.txt'), forged);
    const f = await cli('verify-chain', '--file', path.join(dir, 'forged.txt'));
    expect(f.code).toBe(1);
    expect(f.err).toContain('서명이 맞지 않습니다');
    await open();
  });

  it('finds a row changed with every later hash recomputed, which the chain check inside the database cannot', async () => {
    // The edit: the first access record of 11-27 becomes a "print", and the whole tail is rehashed.
    const rows = await database.db.selectFrom('accessRecord').selectAll().orderBy('id').execute();
    let prev: string | null = rows[0]!.prevHash;
    for (const [i, r] of rows.entries()) {
      const row = i === 0 ? { ...r, action: 'print' as const } : r;
      const hash = chainHash(accessFields({ ...row, detail: row.detail }), prev);
      await database.db.updateTable('accessRecord').set({ action: row.action, prevHash: prev, hash }).where('id', '=', r.id).execute();
      prev = hash;
    }
    expect((await services.chains.verifyAllFull()).access).toBeNull(); // the chain itself holds
    const own = await services.chainHeads.verifyMessage(message, null);
    expect(own!.ok).toBe(false);
    expect(own!.checks.filter((c) => c.result === 'mismatch').map((c) => `${c.day} ${c.chain}`)).toEqual(['2026-11-27 access', '2026-11-28 access']);
    expect(own!.checks.filter((c) => c.chain === 'audit').every((c) => c.result === 'ok')).toBe(true);

    await database.close();
    const r = await cli('verify-chain', '--file', messageFile);
    expect(r.code).toBe(1);
    expect(r.out).toContain('서명: 맞습니다');
    expect(r.err).toContain('불일치: 2026-11-27 접속기록');
    expect(r.err).toContain('뒤의 해시가 다시 계산되었습니다');
    // The audit chain alone still matches.
    expect((await cli('verify-chain', '--file', messageFile, '--chain', 'audit')).code).toBe(0);
    await open();
  });

  it('finds a removed last row of a day', async () => {
    const lastOfDay2 = await database.db.selectFrom('auditEvent').select('id').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    await database.db.deleteFrom('auditEvent').where('id', '=', lastOfDay2.id).execute();
    const r = await services.chainHeads.verifyMessage(readFileSync(messageFile, 'utf8'), null, 'audit');
    expect(r!.checks.map((c) => c.result)).toEqual(['ok', 'missing']);
  });
});
