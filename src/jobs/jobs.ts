import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { Database } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import type { Services } from '../compose.ts';
import { createJobLeaseRepository } from './job-lease.repository.ts';

/**
 * Background jobs on pg-boss, in the same database as the data (no Redis): on PGlite its SQL
 * goes through the same gate as Kysely (src/db/database.ts), so its polling never runs inside a
 * request's transaction.
 *
 * Every job name has a handler here; `startWorker` refuses to start if one is missing.
 *
 * Several processes (ITDA_WORKERS, or several machines) each run this worker on the same database:
 * pg-boss gives each queued job to one of them (FOR UPDATE SKIP LOCKED) and sends each cron tick
 * once (its cron clock row and a 60 s singleton key), and `withLeases` keeps two runs of the same
 * job from overlapping (test/integration/two-instances.test.ts).
 */
export const JOBS = {
  /** Deletes sessions past their idle or absolute timeout (안전성 확보조치 기준 §6: 자동 접속차단). */
  'sessions.purge': { cron: '*/10 * * * *' },
  /** Delivers due messages from the notification outbox, with retries. */
  'notifications.deliver': { cron: '* * * * *' },
  /** 월간 실적 보고 for the province: at 06:00 on the 1st (KST), for the month before (issue 5). */
  'reports.monthly': { cron: '0 6 1 * *' },
  /** Invites the owners of participations that ended without a satisfaction survey (10:00 KST, daily). */
  'surveys.sweep': { cron: '0 10 * * *' },
  /** Recomputes the audit and access-record hash chains in full (03:30 KST, daily; 안전성 확보조치 기준 §8). */
  'chains.verify': { cron: '30 3 * * *' },
  /** Stores yesterday's head of both hash chains and sends them, signed, to ITDA_CHAIN_HEADS_TO (00:05 KST; issue 14 §4). */
  'chains.heads': { cron: '5 0 * * *' },
  /** Re-checks 영업 상태·폐업일 of tracked businesses at the 국세청, 100 numbers a call (Mondays 04:00 KST; issue 11 §6). */
  'nts.recheck': { cron: '0 4 * * 1' },
  /** Reads the 공고문 attachments of imported versions (fetch, extract, find sections; issue 11 §3), every minute: a run with nothing to read is one query. */
  'notices.read': { cron: '* * * * *' },
  /** Encrypted backup of the database into ITDA_BACKUP_DIR, newest ITDA_BACKUP_KEEP kept (02:00 KST; issue 14 §5). */
  'backup.nightly': { cron: '0 2 * * *' },
  /**
   * 파기 (개인정보 보호법 §21): every retention rule of src/domain/retention/retention.rules.ts — businesses,
   * uploaded files, applicants, help requests, sessions, access records, audit — each with its 파기 대장 row
   * (04:30 KST, the time help requests were purged at before, as their consent text says "daily").
   */
  'retention.nightly': { cron: '30 4 * * *' },
  /** Reminders (issue 13 §2): papers missing or expiring before a programme's deadline, to owners who agreed (09:30 KST, daily). */
  'reminders.documents': { cron: '30 9 * * *' },
  /** Reminders (issue 13 §2): the weekly list of new programmes the business may apply for (Mondays 10:00 KST; at most one a week). */
  'reminders.digest': { cron: '0 10 * * 1' },
  /** Stored verdicts (issue 12 §2): every business's row for the new Korean day (00:10 KST), before anyone reads. */
  'verdicts.rebuild': { cron: '10 0 * * *' },
  /** Recomputes the columns of programmes changed since (a publication, a review): readers evaluate them live meanwhile. */
  'verdicts.refresh': { cron: '* * * * *' },
} as const;
export type JobName = keyof typeof JOBS;

export type JobHandlers = Record<JobName, () => Promise<unknown>>;

export function jobHandlers(services: Services): JobHandlers {
  return {
    'sessions.purge': () => services.auth.purgeExpiredSessions(),
    'notifications.deliver': () => services.notifications.deliverDue(),
    'reports.monthly': () => services.monthlyReports.generateScheduled(),
    'surveys.sweep': () => services.surveys.sweepScheduled(),
    'chains.verify': () => services.chains.verifyAllFull(),
    'chains.heads': () => services.chainHeads.publishDaily(),
    'nts.recheck': () => services.nts.recheckDue(),
    'notices.read': () => services.notices.readPending(),
    'backup.nightly': () => services.backups.nightly(),
    'retention.nightly': () => services.retention.nightly(),
    'reminders.documents': () => services.reminders.documentsDue(),
    'reminders.digest': () => services.reminders.weeklyDigest(),
    'verdicts.rebuild': () => services.storedVerdicts.rebuild(),
    'verdicts.refresh': () => services.storedVerdicts.refreshDirty(),
  };
}

/** How long a run's lease lasts without renewal (a process that died frees it after this). */
export const JOB_LEASE_SECONDS = 120;

/** What a run answers when the same job is running in another process (or another run of this one). */
export const SKIPPED = { skipped: 'running elsewhere' } as const;

/**
 * The handlers, each holding the job's lease (job_lease, renewed every 30 s) while it runs: a run of
 * a job whose lease another run holds does nothing and answers SKIPPED. Every job reads what is due
 * when it runs, so the running one does the skipped one's work; what became due after it looked is
 * taken by the next tick (the outbox and the verdict columns every minute, the others daily).
 */
export function withLeases(db: Kysely<DB>, handlers: JobHandlers, logger: Logger, opts: { leaseSeconds?: number } = {}): JobHandlers {
  const repo = createJobLeaseRepository();
  const seconds = opts.leaseSeconds ?? JOB_LEASE_SECONDS;
  const out = {} as Record<JobName, () => Promise<unknown>>;
  for (const name of Object.keys(handlers) as JobName[]) {
    out[name] = async () => {
      const holder = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
      if (!(await repo.take(db, name, holder, seconds))) {
        logger.info({ job: name }, 'job skipped: running in another process');
        return SKIPPED;
      }
      const renewing = setInterval(
        () =>
          void repo.renew(db, name, holder, seconds).then(
            (kept) => kept || logger.warn({ job: name }, 'job lease lost (ran out): another process may start this job'),
            (err: unknown) => logger.warn({ err, job: name }, 'job lease not renewed'),
          ),
        Math.max(1, Math.floor(seconds / 4)) * 1000,
      );
      renewing.unref();
      try {
        return await handlers[name]();
      } finally {
        clearInterval(renewing);
        await repo.release(db, name, holder).catch((err: unknown) => logger.warn({ err, job: name }, 'job lease not released (it runs out by itself)'));
      }
    };
  }
  return out;
}

export interface Worker {
  boss: PgBoss;
  /** Run a job now (used by tests and `itda jobs run`). */
  send(name: JobName): Promise<string | null>;
  stop(): Promise<void>;
}

/**
 * pg-boss's schema, every job's queue and its cron schedule, made once (the cluster's primary, before
 * it forks: ITDA_WORKERS). Several processes creating the same new queue at once deadlock in pg-boss
 * (each queue is a partition made by DDL: seen when two workers started on an empty database), so
 * the workers started after this (`prepared: true`) only work and keep time.
 */
export async function prepareJobs(database: Database, logger: Logger): Promise<void> {
  const boss = new PgBoss({ db: database.executor, schema: 'pgboss', schedule: false, supervise: false });
  boss.on('error', (err) => logger.error({ err }, 'job queue error'));
  await boss.start();
  try {
    await createQueues(boss, true);
  } finally {
    await boss.stop({ graceful: false, close: false });
  }
}

async function createQueues(boss: PgBoss, schedule: boolean) {
  for (const [name, def] of Object.entries(JOBS) as [JobName, (typeof JOBS)[JobName]][]) {
    await boss.createQueue(name);
    if (schedule) await boss.schedule(name, def.cron, undefined, { tz: 'Asia/Seoul' });
  }
}

export async function startWorker(
  database: Database,
  handlers: Partial<JobHandlers>,
  logger: Logger,
  opts: { schedule?: boolean; pollingIntervalSeconds?: number; prepared?: boolean } = {},
): Promise<Worker> {
  for (const name of Object.keys(JOBS) as JobName[]) {
    if (typeof handlers[name] !== 'function') throw new Error(`작업 처리기가 없습니다 (missing job handler): ${name}`);
  }
  const boss = new PgBoss({
    db: database.executor,
    schema: 'pgboss',
    schedule: opts.schedule ?? true,
    supervise: true,
  });
  boss.on('error', (err) => logger.error({ err }, 'job queue error'));
  const run = withLeases(database.db, handlers as JobHandlers, logger);
  await boss.start();
  if (!opts.prepared) await createQueues(boss, opts.schedule ?? true);
  for (const name of Object.keys(JOBS) as JobName[]) {
    await boss.work(name, { pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 2 }, async (jobs) => {
      for (const job of jobs) {
        const started = Date.now();
        const result = await run[name]();
        logger.info({ job: name, id: job.id, ms: Date.now() - started, result }, 'job done');
      }
    });
  }
  return {
    boss,
    send: (name) => boss.send(name, {}),
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000, close: false });
    },
  };
}
