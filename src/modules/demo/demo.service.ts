import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { AuditService, RequestMeta } from '../audit/audit.service.ts';
import { hashPassword } from '../auth/auth.crypto.ts';
import { DEMO_ACCOUNTS, DEMO_OFFICES, DEMO_PASSWORD } from './demo.data.ts';

/**
 * Loads the labelled demo organisation. Idempotent: a second run changes nothing.
 * The caller (main.ts / CLI) guarantees this runs only on the embedded database.
 */
export function createDemoService(deps: { db: Kysely<DB>; audit: AuditService }) {
  const { db, audit } = deps;
  return {
    async isLoaded(): Promise<boolean> {
      const row = await db.selectFrom('appUser').select('id').where('isDemo', '=', true).limit(1).executeTakeFirst();
      return row !== undefined;
    },

    async load(meta: RequestMeta): Promise<{ loaded: boolean; accounts: typeof DEMO_ACCOUNTS; password: string }> {
      if (await this.isLoaded()) return { loaded: false, accounts: DEMO_ACCOUNTS, password: DEMO_PASSWORD };
      const passwordHash = await hashPassword(DEMO_PASSWORD);
      await db.transaction().execute(async (trx) => {
        const regions = new Map((await trx.selectFrom('region').select(['id', 'name']).execute()).map((r) => [r.name, r.id]));
        const offices = new Map<string, number>();
        for (const o of DEMO_OFFICES) {
          const regionId = regions.get(o.region);
          if (!regionId) continue; // the operator renamed the region: skip rather than guess
          const existing = await trx.selectFrom('office').select('id').where('name', '=', o.name).executeTakeFirst();
          const id =
            existing?.id ??
            (await trx.insertInto('office').values({ name: o.name, regionId, address: o.address, phone: null, isDemo: true }).returning('id').executeTakeFirstOrThrow()).id;
          offices.set(o.name, id);
          await trx
            .insertInto('officeMunicipality')
            .values(o.municipalities.map((municipalityCode) => ({ officeId: id, municipalityCode })))
            .onConflict((oc) => oc.doNothing())
            .execute();
        }
        for (const a of DEMO_ACCOUNTS) {
          const u = await trx
            .insertInto('appUser')
            .values({
              login: a.login,
              displayName: a.displayName,
              role: a.role,
              officeId: a.office ? (offices.get(a.office) ?? null) : null,
              passwordHash,
              isDemo: true,
              email: null,
              phone: null,
            })
            .returning(['id', 'role', 'officeId'])
            .executeTakeFirstOrThrow();
          await audit.record(trx, meta, {
            action: 'permission.grant',
            actorLogin: 'itda-demo',
            targetUserId: u.id,
            detail: { role: u.role, officeId: u.officeId, demo: true },
          });
        }
        await audit.record(trx, meta, { action: 'demo.load', actorLogin: 'itda-demo', detail: { offices: DEMO_OFFICES.length, accounts: DEMO_ACCOUNTS.length } });
      });
      return { loaded: true, accounts: DEMO_ACCOUNTS, password: DEMO_PASSWORD };
    },
  };
}
export type DemoService = ReturnType<typeof createDemoService>;
