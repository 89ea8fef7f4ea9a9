import { createApp } from './app.ts';
import { buildServices } from './compose.ts';
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { jobHandlers, startWorker, type Worker } from './jobs/jobs.ts';
import { createLogger } from './logger.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_TOTP_SECRET } from './modules/demo/demo.data.ts';
import { startServer } from './web/server.ts';

/**
 * A closed stdout (a log collector that died, `npm start | head`) must not take the server down
 * or wedge it: without this, console's EPIPE error crashes the process while pino is flushing and
 * it hangs, ignoring SIGTERM. Logs are lost, requests keep being served.
 */
function survivePipeErrors() {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
    });
  }
}

/** Composition root: config → db → migrate → services → app → serve (+ worker). */
async function main() {
  survivePipeErrors();
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  const logger = createLogger(config.logLevel);
  const database = await openDatabase(config.database, (err) => logger.warn({ err }, 'idle database connection closed by the server'));
  const applied = await migrateToLatest(database.db);
  if (applied.length) logger.info({ applied }, 'migrations applied');
  const services = buildServices(database, config, logger);
  await services.programs.syncReferenceData();

  if (config.demo) {
    const demo = await services.demo.load({ ip: null, requestId: 'startup' });
    printDemo(demo.loaded);
  }

  let worker: Worker | null = null;
  if (config.worker) worker = await startWorker(database, jobHandlers(services), logger);

  const app = createApp({ config, logger, ...services, dbKind: database.kind });
  const http = startServer({ fetch: app.fetch, port: config.port, hostname: config.host, onListening: (info) => {
    logger.info({ port: info.port, database: database.kind }, 'listening');
    console.log(
      `\n잇다(Itda) 실행 중: http://localhost:${info.port}  (데이터베이스: ${database.kind === 'pglite' ? `PGlite ${config.database.kind === 'pglite' ? config.database.dataDir : ''}` : 'PostgreSQL'})\n`,
    );
  } });

  // Graceful shutdown: stop accepting, let in-flight requests finish, stop jobs, close the DB.
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('forced exit after 20 s');
      process.exit(1);
    }, 20_000);
    force.unref();
    // Answer with Connection: close for a moment, then stop listening and wait for in-flight requests (src/web/server.ts).
    void (async () => {
      try {
        await http.shutdown();
        await worker?.stop();
        await database.close();
        logger.info('stopped cleanly');
        process.exit(0);
      } catch (err) {
        logger.error({ err }, 'error during shutdown');
        process.exit(1);
      }
    })();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  // A supervisor that stops `npm start` signals npm, which may exit without passing the signal on,
  // leaving this process serving, reparented, holding the port and the data folder (issue 14 §6).
  // When the parent goes away (our parent pid changes), stop as if signalled. The production command
  // runs node directly (README: systemd unit, container), where the parent is the supervisor itself.
  const parentPid = process.ppid;
  setInterval(() => {
    if (process.ppid !== parentPid) shutdown('parent exited');
  }, 1_000).unref();
}

function printDemo(firstLoad: boolean) {
  const lines = [
    '',
    '━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━',
    ` 예시(데모) 데이터${firstLoad ? '를 불러왔습니다' : ' 사용 중'} — DEMO DATA, not real people or offices`,
    ` 모든 데모 계정의 비밀번호 (password for every demo account): ${DEMO_PASSWORD}`,
    ...DEMO_ACCOUNTS.map((a) => `   ${a.login.padEnd(15)} ${a.role.padEnd(17)} ${a.displayName}`),
    ` 2단계 인증(TOTP) 키 — demo-lead, demo-operator, demo-admin: ${DEMO_TOTP_SECRET}`,
    '   (인증 앱에 넣거나, 데모에서는 2단계 화면에 지금 코드가 보입니다 / the demo shows the current code)',
    ' 실제 운영에는 DATABASE_URL(PostgreSQL)을 쓰세요: 데모 계정은 만들어지지 않습니다.',
    '━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━',
    '',
  ];
  console.log(lines.join('\n'));
}

main().catch((err: unknown) => {
  console.error('잇다를 시작하지 못했습니다 (Itda failed to start):', err);
  process.exit(1);
});
