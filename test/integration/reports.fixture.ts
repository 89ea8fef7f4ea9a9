import type { Kysely } from 'kysely';
import type { DB, Role } from '../../src/db/schema.ts';

/**
 * The hand-computed reporting fixture (issue 5): explicit rows, every timestamp written out, so the
 * expected figures in reports.metrics.test.ts can be worked out by hand from this file alone.
 *
 * Period under test: November 2026 (Korean dates 2026-11-01 … 2026-11-30). Clock: 2026-12-05 10:00 KST.
 *
 * Offices: A 수원 (region 남부(수원), covers 41110), B 화성 (region 남부(화성), covers 41590).
 * Clerks: a1, a2 (office A), b1 (office B). Office lead of A. Operator. Province.
 * Programmes: P1 category 01 금융, P2 category 07 경영, P3 category 01 금융.
 *
 * Businesses: B1, B2 (A, a1); B3, B6 (A, a2); B4, B5 (B, b1); B7 (B, no clerk).
 *
 * Participations (K = Korean time; 발굴 = the history row into 'identified'):
 *   X1  B1 P1  발굴 10-20, 신청 11-02, 선정 11-10, 수혜 11-20 1,500,000원        → benefited
 *   X2  B1 P2  발굴 11-03, 신청 11-05, 탈락 11-25                                → rejected
 *   X3  B2 P1  발굴 11-04, 신청 11-06, 선정 11-15, 취소 11-18                    → withdrawn (after 선정)
 *   X4  B3 P3  발굴 11-05, 신청 11-07                                            → submitted
 *   X5  B4 P1  발굴 09-01, 신청 09-10, 선정 10-01, 수혜 11-05 2,000,000원        → benefited
 *   X6  B4 P2  발굴 11-10, 안내 11-11                                            → informed
 *   X7  B5 P3  발굴 11-11, 신청 11-12, 취소 11-13                                → withdrawn (before 선정)
 *   X8  B5 P1  발굴 10-01, 신청 10-05                                            → submitted
 *   X9  B2 P2  발굴 11-20 23:30 K                                                → identified
 *   X10 B3 P2  발굴 12-01 00:30 K (= 11-30 15:30 UTC: December in Korea)        → identified
 *   X11 B1 P3  발굴 10-31 23:30 K (= 10-31 14:30 UTC)                           → identified
 *
 * 상담일지: B1 11-02 (a1), B6 11-15 (a2), B7 10-15 (b1).
 * Surveys: X1 answered 5,5,4 on 11-21; X2 answered 3,4,5 on 11-26; X5 answered 1,1,1 on 10-30.
 */
export const FIXTURE_NOW = new Date('2026-12-05T01:00:00Z');
export const NOVEMBER = { from: '2026-11-01', to: '2026-11-30' };

/** A Korean local time 'YYYY-MM-DD HH:MM' as an instant. */
export function kst(s: string): Date {
  return new Date(`${s.replace(' ', 'T')}:00+09:00`);
}

export interface ReportsFixture {
  officeA: number;
  officeB: number;
  regionA: number;
  regionB: number;
  clerks: Record<'a1' | 'a2' | 'b1', string>;
  logins: Record<'a1' | 'a2' | 'b1' | 'lead' | 'operator' | 'province', string>;
  business: Record<'B1' | 'B2' | 'B3' | 'B4' | 'B5' | 'B6' | 'B7', string>;
  programme: Record<'P1' | 'P2' | 'P3', number>;
  participation: Record<string, string>;
}

type Step = [status: 'identified' | 'informed' | 'submitted' | 'selected' | 'rejected' | 'withdrawn' | 'benefited', at: string];

/**
 * Where the fixture is written: the test harness, or a bare database for the browser suite
 * (e2e/reports.e2e.test.ts loads it into the store before starting the real server).
 */
export interface FixtureHost {
  db: Kysely<DB>;
  createUser(role: Role, opts: { officeId?: number | null; login?: string }): Promise<{ id: string; login: string }>;
  /** The harness's settable clock; the browser suite runs on the real clock and asks for November explicitly. */
  clock?: { current: Date };
}

export async function loadReportsFixture(h: FixtureHost, prefix = 'rf'): Promise<ReportsFixture> {
  if (h.clock) h.clock.current = new Date(FIXTURE_NOW);
  const db = h.db;
  const regionA = (await db.selectFrom('region').select('id').where('name', '=', '남부(수원)').executeTakeFirstOrThrow()).id;
  const regionB = (await db.selectFrom('region').select('id').where('name', '=', '남부(화성)').executeTakeFirstOrThrow()).id;
  const officeA = (await db.insertInto('office').values({ name: `${prefix} 수원 사무소`, regionId: regionA, address: null, phone: null }).returning('id').executeTakeFirstOrThrow()).id;
  const officeB = (await db.insertInto('office').values({ name: `${prefix} 화성 사무소`, regionId: regionB, address: null, phone: null }).returning('id').executeTakeFirstOrThrow()).id;
  await db.insertInto('officeMunicipality').values([{ officeId: officeA, municipalityCode: '41110' }, { officeId: officeB, municipalityCode: '41590' }]).execute();

  const a1 = await h.createUser('clerk', { officeId: officeA, login: `${prefix}-a1` });
  const a2 = await h.createUser('clerk', { officeId: officeA, login: `${prefix}-a2` });
  const b1 = await h.createUser('clerk', { officeId: officeB, login: `${prefix}-b1` });
  const lead = await h.createUser('office_lead', { officeId: officeA, login: `${prefix}-lead` });
  const operator = await h.createUser('operator', { login: `${prefix}-operator` });
  const province = await h.createUser('province', { login: `${prefix}-province` });

  const programme: Record<string, number> = {};
  for (const [key, category, title] of [
    ['P1', '01', '시험 정책자금'],
    ['P2', '07', '시험 경영개선'],
    ['P3', '01', '시험 특례보증'],
  ] as const) {
    const p = await db.insertInto('programme').values({ key: `${prefix}-${key}`, source: 'manual', sourceId: `${prefix}-${key}` }).returning('id').executeTakeFirstOrThrow();
    const v = await db.insertInto('programmeVersion').values({ programmeId: p.id, version: 1, title, category, changeReason: '시험' }).returning('id').executeTakeFirstOrThrow();
    await db.updateTable('programme').set({ currentVersionId: v.id }).where('id', '=', p.id).execute();
    programme[key] = p.id;
  }
  const versionOf = async (pid: number) => (await db.selectFrom('programme').select('currentVersionId').where('id', '=', pid).executeTakeFirstOrThrow()).currentVersionId!;

  const business: Record<string, string> = {};
  for (const [key, muni, officeId, clerkId] of [
    ['B1', '41110', officeA, a1.id],
    ['B2', '41110', officeA, a1.id],
    ['B3', '41110', officeA, a2.id],
    ['B4', '41590', officeB, b1.id],
    ['B5', '41590', officeB, b1.id],
    ['B6', '41110', officeA, a2.id],
    ['B7', '41590', officeB, null],
  ] as const) {
    const b = await db
      .insertInto('business')
      .values({ name: `${prefix} 사업장 ${key}`, municipalityCode: muni, sidoCode: '41', officeId, clerkId, ownerName: '김민용', phone: '010-1234-5678' })
      .returning('id')
      .executeTakeFirstOrThrow();
    business[key] = b.id;
  }

  const participation: Record<string, string> = {};
  const add = async (key: string, b: string, p: string, steps: Step[], extra: { amount?: number } = {}) => {
    const last = steps[steps.length - 1]![0];
    const date = (s: Step | undefined) => (s ? s[1].slice(0, 10) : null);
    const find = (st: Step[0]) => steps.find((s) => s[0] === st);
    const decided = find('rejected') ?? find('selected');
    const row = await db
      .insertInto('participation')
      .values({
        businessId: business[b]!,
        programmeId: programme[p]!,
        programmeVersionId: await versionOf(programme[p]!),
        status: last,
        submittedOn: date(find('submitted')),
        submissionChannel: find('submitted') ? 'visit' : null,
        decidedOn: date(decided),
        benefitedOn: date(find('benefited')),
        benefitAmount: extra.amount ?? null,
        createdAt: kst(steps[0]![1]),
        updatedAt: kst(steps[steps.length - 1]![1]),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    participation[key] = row.id;
    let from: string | null = null;
    for (const [to, at] of steps) {
      await db.insertInto('participationEvent').values({ participationId: row.id, fromStatus: from, toStatus: to, reason: null, detail: '{}', actorUserId: null, at: kst(at) }).execute();
      from = to;
    }
  };
  await add('X1', 'B1', 'P1', [['identified', '2026-10-20 10:00'], ['submitted', '2026-11-02 11:00'], ['selected', '2026-11-10 09:00'], ['benefited', '2026-11-20 15:00']], { amount: 1_500_000 });
  await add('X2', 'B1', 'P2', [['identified', '2026-11-03 09:00'], ['submitted', '2026-11-05 14:00'], ['rejected', '2026-11-25 10:00']]);
  await add('X3', 'B2', 'P1', [['identified', '2026-11-04 10:00'], ['submitted', '2026-11-06 10:00'], ['selected', '2026-11-15 10:00'], ['withdrawn', '2026-11-18 10:00']]);
  await add('X4', 'B3', 'P3', [['identified', '2026-11-05 10:00'], ['submitted', '2026-11-07 16:00']]);
  await add('X5', 'B4', 'P1', [['identified', '2026-09-01 10:00'], ['submitted', '2026-09-10 10:00'], ['selected', '2026-10-01 10:00'], ['benefited', '2026-11-05 10:00']], { amount: 2_000_000 });
  await add('X6', 'B4', 'P2', [['identified', '2026-11-10 10:00'], ['informed', '2026-11-11 10:00']]);
  await add('X7', 'B5', 'P3', [['identified', '2026-11-11 10:00'], ['submitted', '2026-11-12 10:00'], ['withdrawn', '2026-11-13 10:00']]);
  await add('X8', 'B5', 'P1', [['identified', '2026-10-01 10:00'], ['submitted', '2026-10-05 10:00']]);
  await add('X9', 'B2', 'P2', [['identified', '2026-11-20 23:30']]);
  await add('X10', 'B3', 'P2', [['identified', '2026-12-01 00:30']]);
  await add('X11', 'B1', 'P3', [['identified', '2026-10-31 23:30']]);

  for (const [b, clerk, on] of [
    ['B1', a1.id, '2026-11-02'],
    ['B6', a2.id, '2026-11-15'],
    ['B7', b1.id, '2026-10-15'],
  ] as const) {
    await db.insertInto('activity').values({ businessId: business[b]!, clerkId: clerk, kind: 'visit', occurredOn: on, minutes: 30, summary: '상담' }).execute();
  }

  let n = 0;
  for (const [x, outcome, answers, at] of [
    ['X1', 'benefited', [5, 5, 4], '2026-11-21 10:00'],
    ['X2', 'rejected', [3, 4, 5], '2026-11-26 10:00'],
    ['X5', 'benefited', [1, 1, 1], '2026-10-30 10:00'],
  ] as const) {
    n++;
    const inv = await db
      .insertInto('surveyInvitation')
      .values({ participationId: participation[x]!, businessId: (await db.selectFrom('participation').select('businessId').where('id', '=', participation[x]!).executeTakeFirstOrThrow()).businessId, outcome, code: `TEST-${'ABC'[n - 1]!.repeat(4)}`, createdVia: 'manual', expiresAt: kst('2027-01-31 00:00'), answeredAt: kst(at) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('surveyResponse').values({ invitationId: inv.id, q1: answers[0], q2: answers[1], q3: answers[2], comment: null, channel: 'code', answeredAt: kst(at) }).execute();
  }

  return {
    officeA,
    officeB,
    regionA,
    regionB,
    clerks: { a1: a1.id, a2: a2.id, b1: b1.id },
    logins: { a1: a1.login, a2: a2.login, b1: b1.login, lead: lead.login, operator: operator.login, province: province.login },
    business: business,
    programme: programme,
    participation,
  };
}
