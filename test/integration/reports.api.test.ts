import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/modules/auth/auth.crypto.ts';
import { createHarness, type Harness, type TestClient } from '../harness.ts';
import { loadReportsFixture, NOVEMBER, type ReportsFixture } from './reports.fixture.ts';

let h: Harness;
let fx: ReportsFixture;
const clients = new Map<string, TestClient>();
const NOV = `from=${NOVEMBER.from}&to=${NOVEMBER.to}`;
const json = { accept: 'application/json' };

beforeAll(async () => {
  h = await createHarness();
  fx = await loadReportsFixture(h);
  for (const [k, login] of Object.entries(fx.logins)) {
    const c = h.client();
    await c.login(login);
    clients.set(k, c);
  }
});
afterAll(async () => {
  await h?.close();
});

describe('/api/v1/reports', () => {
  it('answers the operator with the same figures as the page (the fixture)', async () => {
    const res = await clients.get('operator')!.get(`/api/v1/reports/summary?${NOV}`, json);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { scope: { viewer: string }; figures: Record<string, unknown>; funnel: { count: number }[]; satisfaction: { score100: number } };
    expect(body.scope.viewer).toBe('operator');
    expect(body.figures).toMatchObject({ applications: 5, selected: 2, benefited: 2, benefitTotal: 3_500_000, businessesSupported: 6, medianDaysToSubmit: 2, medianDaysToBenefit: 48 });
    expect(body.funnel.map((s) => s.count)).toEqual([5, 2, 1]);
    expect(body.satisfaction.score100).toBe(83.3);
  });

  it('breaks down by office and ranks programmes', async () => {
    const b = (await (await clients.get('operator')!.get(`/api/v1/reports/breakdown?${NOV}&by=office`, json)).json()) as { dimension: string; rows: { key: string; figures: { applications: number } }[] };
    expect(b.dimension).toBe('office');
    expect(b.rows.find((r) => r.key === String(fx.officeA))!.figures.applications).toBe(4);
    const p = (await (await clients.get('operator')!.get(`/api/v1/reports/programmes?${NOV}`, json)).json()) as { mostApplied: { key: string }[] };
    expect(p.mostApplied[0]!.key).toBe(String(fx.programme.P1));
  });

  it('asks a purpose for the breakdown by clerk (staff figures) and records the download', async () => {
    const op = clients.get('operator')!;
    const refused = await op.get(`/api/v1/reports/breakdown?${NOV}&by=clerk`, json);
    expect(refused.status).toBe(400);
    const ok = await op.get(`/api/v1/reports/breakdown?${NOV}&by=clerk&purpose=report&note=${encodeURIComponent('도 제출용')}`, json);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { rows: unknown[] }).rows).toHaveLength(3);
    const rec = await h.db.selectFrom('accessRecord').selectAll().where('subjectId', '=', 'api:reports:breakdown').executeTakeFirstOrThrow();
    expect(rec).toMatchObject({ subjectType: 'clerk_list', action: 'download', accountLogin: fx.logins.operator });
    expect(rec.reason).toContain('도 제출용');
  });

  it('gives the province suppressed values through a personal access token', async () => {
    const province = await h.db.selectFrom('appUser').select('id').where('login', '=', fx.logins.province).executeTakeFirstOrThrow();
    const token = 'itda_pat_reportsprovincetoken0123456789';
    await h.db.insertInto('apiToken').values({ userId: province.id, name: '도 시스템', prefix: token.slice(0, 12), tokenHash: sha256(token), createdBy: null }).execute();
    const res = await h.app.request(`http://localhost/api/v1/reports/summary?${NOV}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { scope: { aggregatesOnly: boolean }; figures: Record<string, unknown> };
    expect(body.scope.aggregatesOnly).toBe(true);
    expect(body.figures).toMatchObject({ applications: 5, selected: 'lt5', benefited: 'lt5', benefitTotal: null, selectionRate: null });
    const clerk = await h.app.request(`http://localhost/api/v1/reports/breakdown?${NOV}&by=clerk`, { headers: { authorization: `Bearer ${token}` } });
    expect(((await clerk.json()) as { dimension: string }).dimension).toBe('region');
  });

  it('answers errors in the API shape: 401 without a session, 400 for a bad date, 403 for an owner', async () => {
    const anon = await h.client().get('/api/v1/reports/summary', json);
    expect(anon.status).toBe(401);
    const bad = await clients.get('operator')!.get('/api/v1/reports/summary?from=2026-02-30', json);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string; issues: { path: string }[] } }).error).toMatchObject({ code: 'invalid', issues: [{ path: 'from' }] });
    const owner = await h.createUser('owner');
    const oc = h.client();
    await oc.login(owner.login);
    expect((await oc.get('/api/v1/reports/summary', json)).status).toBe(403);
  });

  it('is documented in the OpenAPI document', async () => {
    const doc = (await (await h.client().get('/api/openapi.json')).json()) as { paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/reports/summary', '/v1/reports/breakdown', '/v1/reports/programmes', '/v1/reports/monthly']));
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['ReportFigures', 'ReportValue', 'ReportSummary']));
  });
});
