import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/itda.ts';
import { openDatabase } from '../../src/db/database.ts';
import { verifyPassword } from '../../src/modules/auth/auth.crypto.ts';
import { DEMO_ACCOUNTS, DEMO_OFFICES, DEMO_TOTP_SECRET } from '../../src/modules/demo/demo.data.ts';

/** The `itda` command against a real PGlite folder (the same code `npx itda` runs). */
const dir = mkdtempSync(path.join(tmpdir(), 'itda-cli-'));
const saved = { ...process.env };
afterAll(() => {
  process.env = saved;
  rmSync(dir, { recursive: true, force: true });
});

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, (s) => out.push(s), (s) => err.push(s));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('itda CLI', () => {
  it('prints help in Korean and in English', async () => {
    const ko = await run('--help');
    expect(ko.code).toBe(0);
    expect(ko.out).toContain('사용법: itda <명령>');
    const en = await run('--help', '--lang', 'en');
    expect(en.out).toContain('Usage: itda <command>');
    expect(en.out).toContain('admin create');
  });

  it('migrates, creates the first admin with a one-time password, and refuses a second with the same login', async () => {
    process.env = { ...saved, ITDA_DATA_DIR: dir, ITDA_DEMO: 'off', ITDA_LOG_LEVEL: 'silent' };
    delete process.env.DATABASE_URL;
    const m = await run('migrate');
    expect(m.code).toBe(0);
    const a = await run('admin', 'create', '--login', 'first-admin', '--name', '최초 관리자');
    expect(a.code).toBe(0);
    const otp = /일회용 비밀번호: (\S+)/.exec(a.out)![1]!;
    const again = await run('admin', 'create', '--login', 'first-admin', '--name', '또');
    expect(again.code).toBe(1);
    const db = await openDatabase({ kind: 'pglite', dataDir: dir });
    try {
      const u = await db.db.selectFrom('appUser').selectAll().where('login', '=', 'first-admin').executeTakeFirstOrThrow();
      expect(u.role).toBe('admin');
      expect(u.mustChangePassword).toBe(true);
      expect(await verifyPassword(u.passwordHash, otp)).toBe(true);
      expect(await db.db.selectFrom('appUser').select('id').where('isDemo', '=', true).execute()).toHaveLength(0);
    } finally {
      await db.close();
    }
  });

  it('loads the labelled demo organisation once: 8 offices covering each of the 31 시·군 exactly once, one account per role', async () => {
    process.env = { ...saved, ITDA_DATA_DIR: dir, ITDA_LOG_LEVEL: 'silent' };
    delete process.env.DATABASE_URL;
    expect((await run('demo', 'load')).code).toBe(0);
    const second = await run('demo', 'load');
    expect(second.out).toContain('이미 있습니다');
    const db = await openDatabase({ kind: 'pglite', dataDir: dir });
    try {
      const offices = await db.db.selectFrom('office').selectAll().where('isDemo', '=', true).execute();
      expect(offices).toHaveLength(DEMO_OFFICES.length);
      expect(offices.every((o) => o.name.includes('예시'))).toBe(true);
      const coverage = await db.db.selectFrom('officeMunicipality').select('municipalityCode').execute();
      const codes = coverage.map((c) => c.municipalityCode).sort();
      const all = (await db.db.selectFrom('municipality').select('code').execute()).map((m) => m.code).sort();
      expect(all).toHaveLength(31);
      expect(codes).toEqual(all);
      const demoUsers = await db.db.selectFrom('appUser').select(['role', 'displayName']).where('isDemo', '=', true).execute();
      expect(demoUsers.map((u) => u.role).sort()).toEqual(DEMO_ACCOUNTS.map((a) => a.role).sort());
      expect(new Set(demoUsers.map((u) => u.role)).size).toBe(8);
      expect(demoUsers.every((u) => u.displayName.includes('예시'))).toBe(true);
    } finally {
      await db.close();
    }
  });

  it('enrols the demo operator, admin and office lead with the published key; `admin reset-second-factor` removes one, audited', async () => {
    process.env = { ...saved, ITDA_DATA_DIR: dir, ITDA_LOG_LEVEL: 'silent' };
    delete process.env.DATABASE_URL;
    let db = await openDatabase({ kind: 'pglite', dataDir: dir });
    try {
      const enrolled = await db.db
        .selectFrom('userTotp as t')
        .innerJoin('appUser as u', 'u.id', 't.userId')
        .select(['u.login', 't.secretEnc', 't.confirmedAt'])
        .orderBy('u.login')
        .execute();
      expect(enrolled.map((r) => r.login)).toEqual(['demo-admin', 'demo-lead', 'demo-operator']);
      expect(enrolled.every((r) => r.confirmedAt && !r.secretEnc.includes(DEMO_TOTP_SECRET))).toBe(true);
    } finally {
      await db.close();
    }
    expect((await run('admin', 'reset-second-factor', '--login', 'nobody-such')).code).toBe(1);
    const r = await run('admin', 'reset-second-factor', '--login', 'demo-admin');
    expect(r.code).toBe(0);
    expect(r.out).toContain('demo-admin');
    db = await openDatabase({ kind: 'pglite', dataDir: dir });
    try {
      const left = await db.db.selectFrom('userTotp as t').innerJoin('appUser as u', 'u.id', 't.userId').select('u.login').orderBy('u.login').execute();
      expect(left.map((x) => x.login)).toEqual(['demo-lead', 'demo-operator']);
      const audit = await db.db.selectFrom('auditEvent').select(['actorLogin', 'detail']).where('action', '=', 'auth.second_factor_reset').execute();
      expect(audit).toEqual([{ actorLogin: 'itda-cli', detail: { hadFactor: true } }]);
    } finally {
      await db.close();
    }
  });

  it('refuses demo data on PostgreSQL', async () => {
    process.env = { ...saved, DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres', ITDA_DEMO: 'on' };
    const r = await run('demo', 'load');
    expect(r.code).toBe(2);
    expect(r.err).toContain('ITDA_DEMO');
  });
});

describe('itda rules draft', () => {
  const notice = '□ 지원대상: 경기도 내 사업장을 둔 연매출 3억원 이하 소상공인\n□ 지원제외: 휴·폐업자, 국세·지방세 체납자\n□ 선정방법: 서류 평가';

  interface Printed {
    criteria: { rule: { type: string }; span: { start: number; end: number; text: string }; confidence: number }[];
    unparsed: { text: string; start: number; end: number }[];
  }

  it('prints the draft of a file as JSON with exact spans, without any database configuration', async () => {
    const file = path.join(dir, 'notice.txt');
    writeFileSync(file, notice);
    process.env = { ...saved, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' }; // never opened
    const r = await run('rules', 'draft', file);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.out) as Printed;
    expect(d.criteria.map((c) => c.rule.type)).toEqual(['region', 'revenue', 'smallBusiness', 'operatingStatus', 'noTaxArrears']);
    for (const c of d.criteria) {
      expect(notice.slice(c.span.start, c.span.end)).toBe(c.span.text);
      expect(c.confidence).toBeGreaterThan(0);
      expect(c.confidence).toBeLessThanOrEqual(1);
    }
    expect(d.unparsed.map((u) => u.text)).toEqual(['서류 평가']);
  });

  it('reads standard input with "-" (the installed command) and explains its usage in both languages', () => {
    const bin = path.resolve(import.meta.dirname, '../../bin/itda.js');
    const p = spawnSync(process.execPath, [bin, 'rules', 'draft', '-'], { input: '업력 3년 이상, 상시근로자 5인 미만', encoding: 'utf8', env: { ...saved } });
    expect(p.status).toBe(0);
    const d = JSON.parse(p.stdout) as Printed;
    expect(d.criteria.map((c) => c.rule)).toEqual([
      { type: 'businessAge', minMonths: 36, note: '업력 3년 이상' },
      { type: 'workers', maxExclusive: 5, note: '상시근로자 5인 미만' },
    ]);
  }, 90_000); // a fresh node process compiling the CLI through tsx: slow on a loaded machine

  it('refuses a missing argument or an unreadable file with a clear message', async () => {
    const usage = await run('rules', 'draft');
    expect(usage.code).toBe(2);
    expect(usage.err).toContain('itda rules draft');
    const missing = await run('rules', 'draft', path.join(dir, 'no-such-file.txt'));
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('파일을 읽을 수 없습니다');
    const help = await run('--help', '--lang', 'en');
    expect(help.out).toContain('rules draft <file.txt|->');
    expect((await run('--help')).out).toContain('rules draft <파일.txt|->');
  });
});
