import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChainCheckRepository } from '../../src/modules/audit/chain-check.repository.ts';
import { createChainCheckService, type ChainCheckService } from '../../src/modules/audit/chain-check.service.ts';
import type { Actor } from '../../src/modules/auth/auth.policy.ts';
import { createHarness, type Harness, type TestClient } from '../harness.ts';

/**
 * Tamper checks of the hash chains without re-reading every row on each view
 * (src/modules/audit/chain-check.service.ts): above FULL_CHECK_ON_VIEW_BELOW rows a view checks what
 * was added since the last good check and that the last checked row still holds; the nightly job
 * recomputes everything. `chains` below is that service with the threshold at 0 (every chain is
 * "large"), on the same database; the app's own instance (small chains: full check per view)
 * serves the pages.
 */
let h: Harness;
let admin: Actor;
let client: TestClient;
let chains: ChainCheckService;
const meta = { ip: '127.0.0.1', requestId: 'chain-test' };

async function addAudit(n: number) {
  for (let i = 0; i < n; i++) await h.services.audit.record(h.db, meta, { action: 'org.office.update', actor: admin, subjectType: 'office', subjectId: String(i), detail: { i } });
}
const lastAuditId = async () => (await h.db.selectFrom('auditEvent').select('id').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()).id;
const mark = async (chain: 'audit' | 'access') => (await h.db.selectFrom('chainCheck').selectAll().where('chain', '=', chain).executeTakeFirst()) ?? null;

beforeAll(async () => {
  h = await createHarness();
  const u = await h.createUser('admin', { login: 'chain-admin' });
  admin = { userId: u.id, login: u.login, displayName: u.displayName, role: 'admin', officeId: null, locale: 'ko', via: 'session' };
  client = h.client();
  await client.login('chain-admin');
  chains = createChainCheckService({ db: h.db, repo: createChainCheckRepository(), now: h.clock.now, fullCheckOnViewBelow: 0 });
  await addAudit(3);
});
afterAll(async () => {
  await h?.close();
});

describe('hash-chain checks', () => {
  it('checks the whole chain at the first view, then only what was added, moving the mark forward', async () => {
    expect(await mark('audit')).toBeNull();
    expect((await chains.auditStatus(admin)).brokenAt).toBeNull();
    const first = await mark('audit');
    expect(first!.verifiedToId).toBe(await lastAuditId());
    expect(first!.fullAt).not.toBeNull(); // the first check was a full one
    await addAudit(4);
    expect((await chains.auditStatus(admin)).brokenAt).toBeNull();
    expect((await mark('audit'))!.verifiedToId).toBe(await lastAuditId());
  });

  it('finds an edited row among those added since the last check', async () => {
    await addAudit(3);
    const victim = await lastAuditId();
    const before = await h.db.selectFrom('auditEvent').select('actorLogin').where('id', '=', victim).executeTakeFirstOrThrow();
    await h.db.updateTable('auditEvent').set({ actorLogin: 'someone-else' }).where('id', '=', victim).execute();
    expect((await chains.auditStatus(admin)).brokenAt).toBe(victim);
    const page = await (await client.get('/admin/audit')).text();
    expect(page).toContain(`기록 ${victim}번에서 연결 해시가 맞지 않습니다`);
    await h.db.updateTable('auditEvent').set({ actorLogin: before.actorLogin }).where('id', '=', victim).execute();
    expect((await chains.auditStatus(admin)).brokenAt).toBeNull();
  });

  it('finds an edit of the last checked row at once, and of an older row at the nightly full check', async () => {
    const m = (await mark('audit'))!;
    await h.db.updateTable('auditEvent').set({ subjectId: 'x' }).where('id', '=', m.verifiedToId!).execute();
    expect((await chains.auditStatus(admin)).brokenAt).toBe(m.verifiedToId);
    await h.db.updateTable('auditEvent').set({ subjectId: String(2) }).where('id', '=', m.verifiedToId!).execute();
    expect((await chains.auditStatus(admin)).brokenAt).toBeNull();

    // An older row: a view does not re-read it; the job does, and the page then says so.
    const old = (await h.db.selectFrom('auditEvent').select(['id', 'subjectId']).orderBy('id').limit(1).offset(1).executeTakeFirstOrThrow());
    await h.db.updateTable('auditEvent').set({ subjectId: 'changed' }).where('id', '=', old.id).execute();
    expect((await chains.auditStatus(admin)).brokenAt).toBeNull();
    const job = await chains.verifyAllFull();
    expect(job.audit).toBe(old.id);
    const s = await chains.auditStatus(admin);
    expect(s.fullBrokenAt).toBe(old.id);
    // The page (the app's own instance: a chain this small is recomputed at every view) shows it too.
    const page = await (await client.get('/admin/audit')).text();
    expect(page).toContain('role="alert"');
    expect(page).toContain(`기록 ${old.id}번에서 연결 해시가 맞지 않습니다`);
    await h.db.updateTable('auditEvent').set({ subjectId: old.subjectId }).where('id', '=', old.id).execute();
    expect((await chains.verifyAllFull()).audit).toBeNull();
    expect(await (await client.get('/admin/audit')).text()).toContain('연결 해시가 모두 맞습니다');
  });

  it('checks the access records the same way (shown on the access-record review)', async () => {
    const b = await h.db.insertInto('business').values({ name: '시험 사업장', municipalityCode: '41110', sidoCode: '41' }).returning('id').executeTakeFirstOrThrow();
    for (let i = 0; i < 3; i++) await h.services.gate.business(h.db, admin, meta, { id: b.id, mode: 'read', action: 'view' });
    const status = await chains.accessStatus(admin);
    expect(status.brokenAt).toBeNull();
    expect((await chains.verifyAllFull()).access).toBeNull();
    const review = await (await client.get('/admin/access-review')).text();
    expect(review).toContain('연결 해시가 모두 맞습니다');
    const victim = (await h.db.selectFrom('accessRecord').select('id').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()).id;
    await h.services.gate.business(h.db, admin, meta, { id: b.id, mode: 'read', action: 'view' });
    const newest = (await h.db.selectFrom('accessRecord').select('id').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()).id;
    await h.db.updateTable('accessRecord').set({ action: 'download' }).where('id', '=', newest).execute();
    expect((await chains.accessStatus(admin)).brokenAt).toBe(newest);
    expect(victim).toBeLessThan(newest);
  });

  it('is a nightly job', async () => {
    const { JOBS, jobHandlers } = await import('../../src/jobs/jobs.ts');
    expect(JOBS['chains.verify'].cron).toBe('30 3 * * *');
    expect(typeof jobHandlers(h.services)['chains.verify']).toBe('function');
  });
});
