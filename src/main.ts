import cluster from 'node:cluster';
import type { Logger } from 'pino';
import { createApp } from './app.ts';
import { buildServices } from './compose.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { jobHandlers, prepareJobs, startWorker, type Worker } from './jobs/jobs.ts';
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

/**
 * Composition root: config → db → migrate → services → app → serve (+ worker). With ITDA_WORKERS=n
 * (n > 1, PostgreSQL only: config.ts refuses it on PGlite) this process is the cluster's primary: it
 * migrates once, then forks n processes that each serve the same port (node:cluster hands them the
 * connections) with their own pool and job worker; everything they share lives in PostgreSQL
 * (docs/architecture.md, "Several processes").
 */
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
  if (config.workers > 1 && cluster.isPrimary) return runPrimary(config, logger);
  return serve(config, logger, { prepare: cluster.isPrimary });
}

/** One serving process: the only one (prepare: migrations, reference data, demo) or a cluster worker. */
async function serve(config: Config, rootLogger: Logger, opts: { prepare: boolean }) {
  // A cluster worker's lines say which worker wrote them (requests and jobs are spread over them).
  const logger = cluster.isWorker ? rootLogger.child({ worker: cluster.worker?.id }) : rootLogger;
  const database = await openDatabase(config.database, (err) => logger.warn({ err }, 'idle database connection closed by the server'));
  if (opts.prepare) {
    const applied = await migrateToLatest(database.db);
    if (applied.length) logger.info({ applied }, 'migrations applied');
  }
  const services = buildServices(database, config, logger);
  if (opts.prepare) await services.programs.syncReferenceData();

  if (opts.prepare && config.demo) {
    const demo = await services.demo.load({ ip: null, requestId: 'startup' });
    printDemo(demo.loaded);
  }

  let worker: Worker | null = null;
  // A cluster worker finds the queues made by the primary (prepareJobs) and only works and keeps time.
  if (config.worker) worker = await startWorker(database, jobHandlers(services), logger, { prepared: cluster.isWorker });

  const app = createApp({ config, logger, ...services, dbKind: database.kind });
  const http = startServer({ fetch: app.fetch, port: config.port, hostname: config.host, onListening: (info) => {
    logger.info({ port: info.port, database: database.kind }, 'listening');
    // A cluster's primary says it once for all its processes.
    if (cluster.isWorker) return;
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

/**
 * The cluster's primary (ITDA_WORKERS > 1): migrations and reference data once, before any worker
 * opens the database (the demo is PGlite-only, so never here); then n workers, a worker that dies
 * replaced (unless they keep dying: then stop, so the supervisor sees it); SIGTERM/SIGINT passed on,
 * exit when all have stopped cleanly.
 */
async function runPrimary(config: Config, logger: Logger) {
  const database = await openDatabase(config.database);
  try {
    const applied = await migrateToLatest(database.db);
    if (applied.length) logger.info({ applied }, 'migrations applied');
    await buildServices(database, config, logger).programs.syncReferenceData();
    if (config.worker) await prepareJobs(database, logger);
  } finally {
    await database.close();
  }

  let stopping = false;
  let finalCode = 0;
  let listening = 0;
  const exits: number[] = [];
  const alive = () => Object.values(cluster.workers ?? {}).filter((w) => w && !w.isDead()).length;
  cluster.on('listening', (_w, address) => {
    listening += 1;
    if (listening === config.workers) {
      logger.info({ port: address.port, workers: config.workers }, 'all workers listening');
      console.log(`\n잇다(Itda) 실행 중: http://localhost:${address.port}  (데이터베이스: PostgreSQL, 프로세스 ${config.workers}개 / ${config.workers} worker processes)\n`);
    }
  });
  cluster.on('exit', (w, code, signal) => {
    if (stopping) {
      if (alive() === 0) {
        logger.info('all workers stopped');
        process.exit(finalCode);
      }
      return;
    }
    const t = Date.now();
    exits.push(t);
    while (exits.length && t - exits[0]! > 60_000) exits.shift();
    if (exits.length > 5) {
      logger.fatal({ exits: exits.length }, 'workers keep exiting (more than 5 in a minute): stopping');
      shutdown('workers failing', 1);
      return;
    }
    logger.error({ pid: w.process.pid, code, signal }, 'worker exited; starting another');
    setTimeout(() => cluster.fork(), 1_000);
  });
  for (let i = 0; i < config.workers; i++) cluster.fork();

  function shutdown(reason: string, exitCode = 0) {
    if (stopping) return;
    stopping = true;
    finalCode = exitCode;
    logger.info({ reason }, 'shutting down the workers');
    // Each worker stops as a single process does (finishes requests, stops its jobs, closes its pool).
    setTimeout(() => {
      logger.error('forced exit after 25 s');
      process.exit(1);
    }, 25_000).unref();
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
    if (alive() === 0) process.exit(exitCode);
  }
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  // As a single process does (issue 14 §6): a parent that went away (npm) stops the primary, and so the workers.
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
