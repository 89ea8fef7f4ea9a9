import { sql } from 'kysely';
import type { Db } from '../db/db.ts';

/**
 * The job leases' SQL (migration 20261206230000). Times are the database's (`now()`), not the
 * processes' clocks, so two machines whose clocks differ still agree on when a lease ran out.
 */
export function createJobLeaseRepository() {
  return {
    /** Takes the lease of `name` for `holder` unless another holder's lease is still running; true when taken. */
    async take(db: Db, name: string, holder: string, seconds: number): Promise<boolean> {
      const r = await sql<{ holder: string }>`
        insert into job_lease (name, holder, until) values (${name}, ${holder}, now() + make_interval(secs => ${seconds}))
        on conflict (name) do update set holder = excluded.holder, until = excluded.until
          where job_lease.until < now() or job_lease.holder = excluded.holder
        returning holder`.execute(db);
      return r.rows.length === 1;
    },

    /** Extends a lease this holder still has; false when it was lost (ran out and taken by another). */
    async renew(db: Db, name: string, holder: string, seconds: number): Promise<boolean> {
      const r = await sql`
        update job_lease set until = now() + make_interval(secs => ${seconds})
        where name = ${name} and holder = ${holder}`.execute(db);
      return Number(r.numAffectedRows ?? 0) === 1;
    },

    async release(db: Db, name: string, holder: string): Promise<void> {
      await db.deleteFrom('jobLease').where('name', '=', name).where('holder', '=', holder).execute();
    },
  };
}
export type JobLeaseRepository = ReturnType<typeof createJobLeaseRepository>;
