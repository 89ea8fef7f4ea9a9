import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildServices, type Services } from '../compose.ts';
import { ConfigError, loadConfig, type Config } from '../config.ts';
import { backupDatabase, BackupError, backupKeyFrom, restoreDatabase, verifyRestored } from '../db/backup.ts';
import { openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { draftRule } from '../domain/drafter/index.ts';
import { jobHandlers, JOBS, withLeases, type JobName } from '../jobs/jobs.ts';
import { translator } from '../i18n/i18n.ts';
import { createLogger } from '../logger.ts';
import { StoreImportError } from '../modules/stores/stores.service.ts';

/**
 * `itda` — the command-line tool (package.json bin; `npx itda …` in the checkout).
 * Help in Korean and English. Later issues add commands (import, export, bench…).
 */
const HELP = {
  ko: `잇다(Itda) 명령줄 도구

사용법: itda <명령> [옵션]

명령:
  migrate                       데이터베이스를 최신 구조로 올립니다.
  admin create --login <아이디> --name <이름> [--email <이메일>]
                                첫 시스템 관리자를 만듭니다. 일회용 비밀번호를 출력하며,
                                처음 로그인할 때 바꿔야 합니다.
  admin reset-second-factor --login <아이디>
                                잃어버린 2단계 인증을 지웁니다 (관리자가 모두 잃었을 때; 감사 기록).
                                그 계정은 다음 로그인 때 다시 등록합니다.
  demo load                     예시(데모) 조직과 데모 계정을 불러옵니다 (내장 DB 전용).
  import <bizinfo|kstartup|gov24> <파일|URL>
                                지원사업 공고를 가져옵니다 (같은 파일을 다시 가져와도 바뀐 것만 반영).
  import stores <파일.csv>      소상공인시장진흥공단 상가(상권)정보 CSV(UTF-8 또는 CP949)를 가져옵니다.
                                상가업소번호 기준으로 새로/변경/그대로/폐업 추정/거부를 셉니다.
  jobs run <작업>               백그라운드 작업을 지금 한 번 실행합니다 (${Object.keys(JOBS).join(', ')}).
  backup <폴더>                 데이터베이스를 암호화해 백업합니다 (ITDA_BACKUP_KEY 필요; PGlite는 서버를 멈춘 뒤).
                                폴더에 manifest.json(표마다 행 수·해시, 체크섬)과 database.enc 를 씁니다.
  restore <폴더> [--force]      백업을 빈 데이터베이스에 복원하고 표마다 행 수·해시를 맞춰 봅니다.
                                --force: 기존 데이터를 대신합니다 (PGlite 폴더는 옆으로 옮겨 둡니다).
  verdicts rebuild              저장된 판정을 오늘 기준으로 모두 다시 계산합니다 (issue 12 §2).
  verify-chain [--chain audit|access] [--day <YYYY-MM-DD> --head <해시> | --file <받은 메일>]
                                해시 체인을 처음부터 다시 계산해 게시된 일별 해시와 비교합니다.
                                --file: 매일 받은 서명 메일(본문을 저장한 파일)의 서명과 모든 값을 확인.
                                --head: 월간 보고 등에 인쇄된 값 하나를 확인 (--chain, --day 필요).
                                옵션이 없으면 데이터베이스에 저장된 일별 해시와 비교합니다.
                                다르면 0이 아닌 종료 코드(1)로 끝납니다.
  rules draft <파일.txt|->      공고문의 지원대상·제외 문장에서 자격 기준 초안을 만들어 JSON으로 출력합니다
                                (기준마다 근거 문장 위치, 확신도; 읽지 못한 문장 목록). '-'는 표준 입력.
                                데이터베이스가 필요 없습니다.

옵션:
  -h, --help                    이 도움말 (--lang en 으로 영어)
  --lang <ko|en>                도움말 언어

설정은 환경 변수로 합니다: DATABASE_URL (PostgreSQL), ITDA_DATA_DIR (PGlite 폴더, 기본 ./data).`,
  en: `Itda command-line tool

Usage: itda <command> [options]

Commands:
  migrate                       Bring the database schema up to date.
  admin create --login <login> --name <name> [--email <email>]
                                Create the first administrator. Prints a one-time password
                                that must be changed at first sign-in.
  admin reset-second-factor --login <login>
                                Remove a lost second factor (when no administrator can sign in; audited).
                                The account enrols again at its next sign-in.
  demo load                     Load the demo organisation and demo accounts (embedded DB only).
  import <bizinfo|kstartup|gov24> <file|URL>
                                Import programme notices (re-importing changes only what changed).
  import stores <file.csv>      Import the 상가(상권)정보 shop file (UTF-8 or CP949), idempotent by
                                상가업소번호: new / updated / unchanged / closed / rejected.
  jobs run <job>                Run a background job once now (${Object.keys(JOBS).join(', ')}).
  backup <folder>               Back the database up, encrypted (needs ITDA_BACKUP_KEY; PGlite: with the
                                server stopped). Writes manifest.json (rows and hash per table, checksums)
                                and database.enc.
  restore <folder> [--force]    Restore a backup into an empty database and check every table's rows
                                and hash. --force replaces existing data (a PGlite folder is moved aside).
  verdicts rebuild              Recompute every stored verdict for today (issue 12 §2).
  verify-chain [--chain audit|access] [--day <YYYY-MM-DD> --head <hash> | --file <message>]
                                Recompute the hash chains from their first row and compare them with
                                published daily heads: --file checks a signed daily message (its
                                signature and every head), --head one printed head (needs --chain, --day);
                                without either, the heads stored in the database. Exit code 1 on a mismatch.
  rules draft <file.txt|->      Draft eligibility criteria from a notice's eligibility text and print
                                them as JSON (each with the span it came from and a confidence; the
                                sentences it could not read). '-' reads standard input. No database.

Options:
  -h, --help                    This help (--lang ko for Korean)
  --lang <ko|en>                Language of the help

Configuration comes from environment variables: DATABASE_URL (PostgreSQL), ITDA_DATA_DIR (PGlite folder, default ./data).`,
};

export async function runCli(
  argv: string[],
  out: (s: string) => void = console.log,
  err: (s: string) => void = console.error,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: false,
    options: {
      help: { type: 'boolean', short: 'h' },
      lang: { type: 'string' },
      login: { type: 'string' },
      name: { type: 'string' },
      email: { type: 'string' },
      force: { type: 'boolean' },
      chain: { type: 'string' },
      head: { type: 'string' },
      day: { type: 'string' },
      file: { type: 'string' },
    },
  });
  const envLang = (process.env.LANG ?? '').toLowerCase().startsWith('ko') ? 'ko' : undefined;
  const lang = values.lang === 'en' ? 'en' : values.lang === 'ko' ? 'ko' : (envLang ?? 'ko');
  const [cmd, sub] = positionals;
  if (values.help || !cmd || cmd === 'help') {
    out(HELP[lang]);
    return 0;
  }
  if (cmd === 'rules') return rulesCommand(sub, positionals[2], lang, out, err);
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      err(e.message);
      return 2;
    }
    throw e;
  }
  if (cmd === 'backup' || cmd === 'restore') return backupCommand(cmd, sub, config, values.force === true, lang, out, err);
  const logger = createLogger(process.env.ITDA_LOG_LEVEL ?? 'warn');
  const database = await openDatabase(config.database);
  try {
    const applied = await migrateToLatest(database.db);
    const services = buildServices(database, config, logger);
    await services.programs.syncReferenceData();
    const meta = { ip: null, requestId: `cli-${cmd}` };
    if (cmd === 'migrate') {
      out(applied.length ? `적용한 마이그레이션 (applied): ${applied.join(', ')}` : '이미 최신입니다 (already up to date).');
      return 0;
    }
    if (cmd === 'admin' && sub === 'create') {
      const login = typeof values.login === 'string' ? values.login.trim() : '';
      const name = typeof values.name === 'string' ? values.name.trim() : '';
      if (!/^[a-zA-Z0-9._@-]{3,50}$/.test(login) || !name) {
        err(lang === 'ko' ? '--login(영문·숫자 3~50자)과 --name 이 필요합니다.' : '--login (3–50 letters/digits) and --name are required.');
        return 2;
      }
      try {
        const { user, oneTimePassword } = await services.users.bootstrapAdmin(
          { login, displayName: name, email: typeof values.email === 'string' ? values.email : null },
          meta,
        );
        out(
          lang === 'ko'
            ? `시스템 관리자 ${user.login} 를 만들었습니다.\n일회용 비밀번호: ${oneTimePassword}\n처음 로그인할 때 새 비밀번호로 바꿔야 합니다. 이 비밀번호는 다시 표시되지 않습니다.`
            : `Administrator ${user.login} created.\nOne-time password: ${oneTimePassword}\nIt must be changed at first sign-in and is not shown again.`,
        );
        return 0;
      } catch (e) {
        if (e instanceof Error && e.message === 'validation.summary') {
          err(lang === 'ko' ? `이미 있는 아이디입니다: ${login}` : `Login already exists: ${login}`);
          return 1;
        }
        throw e;
      }
    }
    if (cmd === 'admin' && sub === 'reset-second-factor') {
      const login = typeof values.login === 'string' ? values.login.trim() : '';
      const r = login ? await services.users.resetSecondFactorByLogin(login, meta) : null;
      if (!r) {
        err(lang === 'ko' ? `없는 아이디입니다: ${login || '(--login 필요)'}` : `No such login: ${login || '(--login required)'}`);
        return 1;
      }
      out(
        lang === 'ko'
          ? `${login} 의 2단계 인증을 ${r.hadFactor ? '지웠습니다' : '확인했습니다 (등록되어 있지 않았음)'}. 다음 로그인 때 다시 등록합니다.`
          : `${login}: second factor ${r.hadFactor ? 'removed' : 'was not set up'}. The account enrols again at its next sign-in.`,
      );
      return 0;
    }
    if (cmd === 'demo' && sub === 'load') {
      if (database.kind !== 'pglite') {
        err(
          lang === 'ko'
            ? '데모 데이터는 내장 데이터베이스(PGlite)에만 불러올 수 있습니다. PostgreSQL은 실제 운영용입니다.'
            : 'Demo data can only be loaded into the embedded database (PGlite). PostgreSQL is for real use.',
        );
        return 2;
      }
      const r = await services.demo.load(meta);
      out(
        r.loaded
          ? `예시 데이터를 불러왔습니다 (demo loaded). 비밀번호: ${r.password}`
          : '예시 데이터가 이미 있습니다 (demo already loaded).',
      );
      for (const a of r.accounts) out(`  ${a.login.padEnd(15)} ${a.role}`);
      return 0;
    }
    if (cmd === 'import' && sub === 'stores') return await importStoresCommand(services, positionals[2], lang, out, err);
    if (cmd === 'import') {
      const target = positionals[2];
      if ((sub !== 'bizinfo' && sub !== 'kstartup' && sub !== 'gov24') || !target) {
        err(
          lang === 'ko'
            ? '사용법: itda import <bizinfo|kstartup|gov24> <파일|URL>'
            : 'Usage: itda import <bizinfo|kstartup|gov24> <file|URL>',
        );
        return 2;
      }
      const { readPayload, parsePayload, PayloadError, ImportSourceError } = await import('../modules/programs/programs.import.ts');
      try {
        const batch = parsePayload(sub, await readPayload(target));
        const progress = (done: number, total: number) => {
          if (done === total || done % 25 === 0) process.stderr.write(`\r${lang === 'ko' ? '진행' : 'progress'} ${done}/${total}`);
          if (done === total) process.stderr.write('\n');
        };
        const r = await services.programs.importBatch(null, batch, meta, progress);
        out(
          lang === 'ko'
            ? `전체 ${r.total}건: 새로 ${r.created}, 변경 ${r.updated}, 그대로 ${r.unchanged}, 거부 ${r.rejected.length}, 제외 ${r.skipped.length}`
            : `${r.total} records: ${r.created} new, ${r.updated} updated, ${r.unchanged} unchanged, ${r.rejected.length} rejected, ${r.skipped.length} skipped`,
        );
        for (const x of r.rejected)
          out(`  ${lang === 'ko' ? '거부' : 'rejected'} #${x.line}${x.sourceId ? ` (${x.sourceId})` : ''}: ${x.reason}`);
        return r.rejected.length ? 1 : 0;
      } catch (e) {
        if (e instanceof ImportSourceError || e instanceof PayloadError) {
          err(`${lang === 'ko' ? '가져올 수 없습니다' : 'Cannot import'}: ${e.message}`);
          return 1;
        }
        throw e;
      }
    }
    // Stored verdicts (issue 12 §2): every business's row recomputed for today, then dirty columns.
    if (cmd === 'verdicts' && sub === 'rebuild') {
      const r = await services.storedVerdicts.rebuild();
      out(
        lang === 'ko'
          ? `판정 저장: 사업장 ${r.rows}곳 (${r.refDate} 기준), 다시 계산한 지원사업 열 ${r.columns}개`
          : `stored verdicts: ${r.rows} businesses (as of ${r.refDate}), ${r.columns} programme columns recomputed`,
      );
      return 0;
    }
    if (cmd === 'verify-chain') return await verifyChainCommand(services, config, values, lang, out, err);
    if (cmd === 'jobs' && sub === 'run') {
      const name = positionals[2] as JobName | undefined;
      if (!name || !(name in JOBS)) {
        err(`${lang === 'ko' ? '작업 이름' : 'Job name'}: ${Object.keys(JOBS).join(', ')}`);
        return 2;
      }
      // Under the job's lease: a run by hand does not overlap the same job running in the server.
      const result = await withLeases(database.db, jobHandlers(services), logger)[name]();
      out(JSON.stringify(result));
      return 0;
    }
    err(
      lang === 'ko'
        ? `알 수 없는 명령입니다: ${positionals.join(' ')}\n\n${HELP.ko}`
        : `Unknown command: ${positionals.join(' ')}\n\n${HELP.en}`,
    );
    return 2;
  } finally {
    await database.close();
  }
}

/**
 * `itda verify-chain` (issue 14 §4): recomputes the chains and compares them with published heads
 * (src/modules/audit/chain-heads.service.ts). Exit 0 when everything matches, 1 on any mismatch
 * (or a bad signature), 2 on wrong usage.
 */
async function verifyChainCommand(
  services: Services,
  config: Config,
  values: Record<string, string | boolean | undefined>,
  lang: 'ko' | 'en',
  out: (s: string) => void,
  err: (s: string) => void,
): Promise<number> {
  const ko = lang === 'ko';
  const str = (v: unknown) => (typeof v === 'string' ? v.trim() : undefined);
  const chain = str(values.chain);
  const day = str(values.day);
  const head = str(values.head);
  const file = str(values.file);
  const usage = ko
    ? '사용법: itda verify-chain [--chain audit|access] [--day YYYY-MM-DD --head <해시> | --file <받은 메일>]'
    : 'Usage: itda verify-chain [--chain audit|access] [--day YYYY-MM-DD --head <hash> | --file <message>]';
  if ((chain && chain !== 'audit' && chain !== 'access') || (day && !/^\d{4}-\d{2}-\d{2}$/.test(day)) || (head && !/^[0-9a-fA-F]{64}$/.test(head)) || (head && (!chain || !day)) || (head && file)) {
    err(usage);
    return 2;
  }
  const c = chain as 'audit' | 'access' | undefined;
  let outcome;
  if (file) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      err(`${ko ? '파일을 읽을 수 없습니다' : 'Cannot read'}: ${file} (${e instanceof Error ? e.message : String(e)})`);
      return 1;
    }
    const { loadChainSigner } = await import('../modules/audit/chain-signing.ts');
    const own = loadChainSigner(config.chainHeads, { create: false });
    outcome = await services.chainHeads.verifyMessage(text, own?.fingerprint ?? null, c);
    if (!outcome) {
      err(ko ? `게시된 일별 해시를 찾을 수 없습니다 (-----BEGIN ITDA CHAIN HEADS----- 부분): ${file}` : `No published heads found in ${file} (the -----BEGIN ITDA CHAIN HEADS----- block).`);
      return 1;
    }
    if (outcome.signature === 'valid') out(ko ? `서명: 맞습니다 (공개키 지문 ${outcome.fingerprint})` : `Signature: valid (key fingerprint ${outcome.fingerprint})`);
    else if (outcome.signature === 'invalid') err(ko ? '불일치: 서명이 맞지 않습니다. 메일의 해시 값이나 서명이 바뀌었습니다.' : 'MISMATCH: the signature does not verify; the heads or the signature were changed.');
    else err(ko ? '불일치: 서명이나 공개키가 없습니다.' : 'MISMATCH: no signature or public key in the message.');
    if (outcome.ownFingerprint && outcome.fingerprint !== outcome.ownFingerprint)
      err(ko ? `불일치: 이 서버의 서명 키(지문 ${outcome.ownFingerprint})로 서명한 메일이 아닙니다.` : `MISMATCH: not signed with this server's key (fingerprint ${outcome.ownFingerprint}).`);
  } else if (head) {
    outcome = await services.chainHeads.verifyHead(c!, day!, head);
  } else {
    outcome = await services.chainHeads.verifyStored(c, day);
    out(ko ? '데이터베이스에 저장된 일별 해시와 비교합니다 (증거가 되는 것은 밖으로 게시된 값입니다: --file, --head).' : 'Comparing with the heads stored in the database (the published copies are the proof: --file, --head).');
  }
  const name = (x: 'audit' | 'access') => (ko ? (x === 'audit' ? '감사기록' : '접속기록') : x === 'audit' ? 'audit trail' : 'access records');
  if (!outcome.checks.length) out(ko ? '비교할 일별 해시가 없습니다.' : 'No heads to compare.');
  for (const x of outcome.checks) {
    const what = `${x.day} ${name(x.chain)}${x.lastId !== null ? ` ${x.lastId}${ko ? '번' : ''}` : ''}`;
    const short = (h: string | null) => (h ? `${h.slice(0, 16)}…` : '-');
    if (x.result === 'ok') out(ko ? `일치: ${what} — 다시 계산한 해시가 게시된 값과 같습니다 (${short(x.published)}).` : `OK: ${what} — recomputed hash equals the published one (${short(x.published)}).`);
    else if (x.result === 'mismatch')
      err(
        ko
          ? `불일치: ${what} — 다시 계산한 해시 ${short(x.computed)} 가 게시된 값 ${short(x.published)} 와 다릅니다. 그날까지의 기록이 고쳐지고 뒤의 해시가 다시 계산되었습니다.`
          : `MISMATCH: ${what} — recomputed ${short(x.computed)}, published ${short(x.published)}: a record up to that day was changed and the later hashes recomputed.`,
      );
    else if (x.result === 'broken')
      err(ko ? `불일치: ${what} — 기록 ${x.brokenAt}번에서 해시 연결이 끊어졌습니다 (기록이 고쳐지거나 지워졌습니다).` : `MISMATCH: ${what} — the chain breaks at row ${x.brokenAt} (a record was changed or removed).`);
    else if (x.result === 'missing') err(ko ? `불일치: ${what} — 게시된 마지막 기록이 데이터베이스에 없습니다.` : `MISMATCH: ${what} — the published last row is gone.`);
    else
      err(
        ko
          ? `불일치: ${what} — 그날의 마지막 기록이 지금은 ${x.nowLastId ?? '없음'}번입니다 (그날에 기록이 더해지거나 빠졌습니다).`
          : `MISMATCH: ${what} — the day's last row is now ${x.nowLastId ?? 'none'} (a row was added to or removed from that day).`,
      );
  }
  if (outcome.ok) out(ko ? `모두 일치합니다 (${outcome.checks.length}건).` : `All ${outcome.checks.length} match.`);
  return outcome.ok ? 0 : 1;
}

/** `itda backup <dir>` / `itda restore <dir> [--force]` (issue 14 §5): src/db/backup.ts. */
async function backupCommand(
  cmd: 'backup' | 'restore',
  dir: string | undefined,
  config: Config,
  force: boolean,
  lang: 'ko' | 'en',
  out: (s: string) => void,
  err: (s: string) => void,
): Promise<number> {
  if (!dir) {
    err(lang === 'ko' ? `사용법: itda ${cmd} <폴더>` : `Usage: itda ${cmd} <folder>`);
    return 2;
  }
  const started = Date.now();
  try {
    const key = backupKeyFrom(process.env.ITDA_BACKUP_KEY);
    if (cmd === 'backup') {
      const database = await openDatabase(config.database);
      try {
        const m = await backupDatabase(database, config.database, path.resolve(dir), key);
        const rows = Object.values(m.tables).reduce((s, t) => s + t.rows, 0);
        out(
          lang === 'ko'
            ? `백업했습니다: ${path.resolve(dir)} — 표 ${Object.keys(m.tables).length}개, 행 ${rows}개, ${m.bytes} 바이트 (${m.tool}), ${Date.now() - started} ms`
            : `Backed up to ${path.resolve(dir)}: ${Object.keys(m.tables).length} tables, ${rows} rows, ${m.bytes} bytes (${m.tool}), ${Date.now() - started} ms`,
        );
        return 0;
      } finally {
        await database.close();
      }
    }
    const manifest = await restoreDatabase(config.database, path.resolve(dir), key, { force });
    const database = await openDatabase(config.database);
    try {
      const v = await verifyRestored(database.db as never, manifest);
      if (v.differ.length) {
        err(
          lang === 'ko'
            ? `복원했지만 다음 표가 백업과 다릅니다: ${v.differ.join(', ')}`
            : `Restored, but these tables differ from the backup: ${v.differ.join(', ')}`,
        );
        return 1;
      }
      out(
        lang === 'ko'
          ? `복원했습니다 (${manifest.createdAt} 백업): 표 ${v.tables}개, 행 ${v.rows}개 모두 백업과 같습니다. ${Date.now() - started} ms`
          : `Restored the backup of ${manifest.createdAt}: ${v.tables} tables, ${v.rows} rows, all equal to the backup. ${Date.now() - started} ms`,
      );
      return 0;
    } finally {
      await database.close();
    }
  } catch (e) {
    if (e instanceof BackupError) {
      err(e.message);
      return 1;
    }
    throw e;
  }
}

/**
 * `itda rules draft <file.txt|->`: the rule drafter (issue 11 §4) on any text, for scripts and for
 * checking. Prints `{ criteria: [{ rule, span: { start, end, text }, confidence, pattern, anyGroup? }],
 * unparsed: [{ text, start, end, reason }] }` (offsets in UTF-16 code units of the input). Pure: no
 * configuration, no database.
 */
async function rulesCommand(
  sub: string | undefined,
  target: string | undefined,
  lang: 'ko' | 'en',
  out: (s: string) => void,
  err: (s: string) => void,
): Promise<number> {
  if (sub !== 'draft' || !target) {
    err(lang === 'ko' ? '사용법: itda rules draft <파일.txt|->' : 'Usage: itda rules draft <file.txt|->');
    return 2;
  }
  let text: string;
  try {
    // Offsets are those of the text as read (a UTF-8 BOM, if any, is its first code unit).
    text = target === '-' ? await readStdin() : await readFile(target, 'utf8');
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    err(lang === 'ko' ? `파일을 읽을 수 없습니다: ${target} (${reason})` : `Cannot read ${target} (${reason})`);
    return 1;
  }
  out(JSON.stringify(draftRule(text), null, 2));
  return 0;
}

/**
 * `itda import stores <file.csv>`: streams the file (constant memory), a progress bar on a
 * terminal (bytes of the file, rows, rows per second), the counts and the first rejected rows at
 * the end. Exit code 1 when rows were rejected, as the notice import does.
 */
async function importStoresCommand(
  services: Services,
  file: string | undefined,
  lang: 'ko' | 'en',
  out: (s: string) => void,
  err: (s: string) => void,
): Promise<number> {
  if (!file) {
    err(lang === 'ko' ? '사용법: itda import stores <파일.csv>' : 'Usage: itda import stores <file.csv>');
    return 2;
  }
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (e) {
    err(`${lang === 'ko' ? '파일을 읽을 수 없습니다' : 'Cannot read'}: ${file} (${e instanceof Error ? e.message : String(e)})`);
    return 1;
  }
  const t = translator(lang);
  const tty = process.stderr.isTTY === true;
  const started = performance.now();
  let lastDraw = 0;
  const progress = (bytes: number, rows: number) => {
    const nowMs = performance.now();
    if (!tty || (nowMs - lastDraw < 200 && bytes < size)) return;
    lastDraw = nowMs;
    const frac = size ? Math.min(1, bytes / size) : 1;
    const width = 30;
    const filled = Math.round(frac * width);
    const rate = Math.round(rows / Math.max(0.001, (nowMs - started) / 1000));
    process.stderr.write(
      `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(frac * 100).toFixed(0).padStart(3)}%  ${rows.toLocaleString('en')} ${lang === 'ko' ? '행' : 'rows'}  ${rate.toLocaleString('en')}/s `,
    );
  };
  try {
    const r = await services.stores.importFile(
      null,
      { fileName: path.basename(file), bytes: createReadStream(file, { highWaterMark: 256 * 1024 }) },
      { ip: null, requestId: 'cli-import-stores' },
      progress,
    );
    if (tty) process.stderr.write('\n');
    out(
      t('stores.import.counts', {
        total: r.totalRows,
        created: r.created,
        updated: r.updated,
        unchanged: r.unchanged,
        closed: r.closed,
        rejected: r.rejected,
        withoutCoordinates: r.withoutCoordinates,
        outside: r.outside,
      }),
    );
    out(
      t('stores.import.speed', { seconds: r.seconds.toFixed(1), rate: r.rowsPerSecond.toLocaleString('en'), encoding: r.encoding ?? '?' }),
    );
    if (r.notes.missingOptional?.length) out(`  ${t('stores.import.missingColumns', { columns: r.notes.missingOptional.join(', ') })}`);
    if (r.notes.unknown?.length) out(`  ${t('stores.import.unknownColumns', { columns: r.notes.unknown.join(', ') })}`);
    for (const x of r.issues.slice(0, 50))
      out(
        `  ${x.kept ? t('stores.import.kept') : t('stores.import.rejectedOne')} #${x.line}${x.storeId ? ` (${x.storeId})` : ''}: ${t(`stores.reason.${x.reason}`, { detail: x.detail })}`,
      );
    if (r.issues.length > 50 || r.issuesTruncated) out(`  … ${t('stores.import.moreOnPage')}`);
    return r.rejected ? 1 : 0;
  } catch (e) {
    if (tty) process.stderr.write('\n');
    if (e instanceof StoreImportError) {
      err(`${t('stores.import.failed')}: ${t(e.messageKey, { detail: e.detail })}`);
      return 1;
    }
    throw e;
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
