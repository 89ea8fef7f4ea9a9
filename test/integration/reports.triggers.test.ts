import { sql, type Kysely, type Transaction } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import type { DB, ParticipationStatus } from '../../src/db/schema.ts';
import { createHarness, type Harness } from '../harness.ts';
import { kst, loadReportsFixture, type ReportsFixture } from './reports.fixture.ts';

/**
 * The report fact tables (report_participation, report_business_day: migrations
 * 20261127170000_reports.sql and 20261127190000_reports_trigger_locks.sql) are kept by triggers.
 * Here they are compared, after each kind of change, with a recomputation done in this file from
 * the base tables (not by the functions under test). On PostgreSQL (TEST_DATABASE_URL), two
 * transactions on separate connections also write to the same business at once.
 */
const ON_POSTGRES = !!process.env.TEST_DATABASE_URL;
const PGLITE_SKIP =
  'PGlite is a single connection: two transactions cannot overlap, so there is no race to provoke. Run with TEST_DATABASE_URL (PostgreSQL) for this test.';

/** A harness with the reporting fixture (reports.fixture.ts) for one describe block. */
function fixtureFor(prefix: string, wanted = true): { h: Harness; fx: ReportsFixture } {
  const ctx = {} as { h: Harness; fx: ReportsFixture };
  beforeAll(async () => {
    if (!wanted) return;
    ctx.h = await createHarness();
    ctx.fx = await loadReportsFixture(ctx.h, prefix);
  });
  afterAll(async () => {
    await ctx.h?.close();
  });
  return ctx;
}

// ── The recomputation (the definitions of src/domain/metrics/figures.ts, from the base rows) ─────

/** Korean calendar date of an instant. */
const koreanDate = (at: Date) => new Date(at.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
const daysBetween = (from: string, to: string) => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
const dayOfYear = (d: string) => daysBetween(`${d.slice(0, 4)}-01-01`, d) + 1;
const byKey =
  <T>(key: (r: T) => string) =>
  (a: T, b: T) =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;

interface ParticipationFact {
  participationId: string;
  businessId: string;
  officeId: number | null;
  clerkId: string | null;
  municipalityCode: string | null;
  programmeId: number;
  category: string;
  status: string;
  identifiedOn: string;
  submittedOn: string | null;
  decidedOn: string | null;
  benefitedOn: string | null;
  benefitAmount: number | null;
  everSelected: boolean;
  daysToSubmit: number | null;
  daysToBenefit: number | null;
  surveyAnsweredOn: string | null;
  surveyQ1: number | null;
  surveyQ2: number | null;
  surveyQ3: number | null;
}
interface BusinessDayFact {
  businessId: string;
  year: number;
  days: string; // bit(366) as text: character d−1 is day d of the year
  months: number;
  officeId: number | null;
  clerkId: string | null;
  municipalityCode: string | null;
}

async function recomputed(db: Kysely<DB>): Promise<{ participations: ParticipationFact[]; businessDays: BusinessDayFact[] }> {
  const businesses = await db.selectFrom('business').select(['id', 'officeId', 'clerkId', 'municipalityCode']).execute();
  const participations = await db
    .selectFrom('participation as pa')
    .innerJoin('programmeVersion as v', 'v.id', 'pa.programmeVersionId')
    .select([
      'pa.id',
      'pa.businessId',
      'pa.programmeId',
      'v.category',
      'pa.status',
      'pa.createdAt',
      'pa.submittedOn',
      'pa.decidedOn',
      'pa.benefitedOn',
      'pa.benefitAmount',
    ])
    .execute();
  const events = await db.selectFrom('participationEvent').select(['participationId', 'toStatus', 'at']).execute();
  const answers = await db
    .selectFrom('surveyInvitation as i')
    .innerJoin('surveyResponse as r', 'r.invitationId', 'i.id')
    .select(['i.participationId', 'r.answeredAt', 'r.q1', 'r.q2', 'r.q3'])
    .execute();
  const activities = await db.selectFrom('activity').select(['businessId', 'occurredOn']).execute();

  const business = new Map(businesses.map((b) => [b.id, b]));
  const firstAt = (pid: string, to: string) => {
    const ats = events.filter((e) => e.participationId === pid && e.toStatus === to).map((e) => new Date(e.at).getTime());
    return ats.length ? koreanDate(new Date(Math.min(...ats))) : null;
  };
  const facts: ParticipationFact[] = participations.map((pa) => {
    const b = business.get(pa.businessId)!;
    const identified = firstAt(pa.id, 'identified');
    const submitted = firstAt(pa.id, 'submitted');
    const benefited = firstAt(pa.id, 'benefited');
    const sv = answers.find((a) => a.participationId === pa.id);
    return {
      participationId: pa.id,
      businessId: pa.businessId,
      officeId: b.officeId,
      clerkId: b.clerkId,
      municipalityCode: b.municipalityCode,
      programmeId: pa.programmeId,
      category: pa.category ?? '',
      status: pa.status,
      identifiedOn: koreanDate(new Date(pa.createdAt)),
      submittedOn: pa.submittedOn,
      decidedOn: pa.decidedOn,
      benefitedOn: pa.benefitedOn,
      benefitAmount: pa.benefitAmount === null ? null : Number(pa.benefitAmount),
      everSelected: pa.status === 'selected' || pa.status === 'benefited' || firstAt(pa.id, 'selected') !== null,
      daysToSubmit: identified && submitted ? daysBetween(identified, submitted) : null,
      daysToBenefit: identified && benefited ? daysBetween(identified, benefited) : null,
      surveyAnsweredOn: sv ? koreanDate(new Date(sv.answeredAt)) : null,
      surveyQ1: sv?.q1 ?? null,
      surveyQ2: sv?.q2 ?? null,
      surveyQ3: sv?.q3 ?? null,
    };
  });

  // 지원 사업체: a 상담일지 or a milestone (발굴, 신청일, 결정일, 수혜일) on the day.
  const days = new Map<string, Set<string>>();
  const mark = (bid: string, d: string | null) => {
    if (!d) return;
    if (!days.has(bid)) days.set(bid, new Set());
    days.get(bid)!.add(d);
  };
  for (const a of activities) mark(a.businessId, a.occurredOn);
  for (const f of facts) for (const d of [f.identifiedOn, f.submittedOn, f.decidedOn, f.benefitedOn]) mark(f.businessId, d);
  const businessDays: BusinessDayFact[] = [];
  for (const [bid, set] of days) {
    const b = business.get(bid)!;
    const years = new Map<number, { bits: string[]; months: number }>();
    for (const d of set) {
      const y = Number(d.slice(0, 4));
      if (!years.has(y)) years.set(y, { bits: Array<string>(366).fill('0'), months: 0 });
      const row = years.get(y)!;
      row.bits[dayOfYear(d) - 1] = '1';
      row.months |= 1 << (Number(d.slice(5, 7)) - 1);
    }
    for (const [year, r] of years) {
      businessDays.push({
        businessId: bid,
        year,
        days: r.bits.join(''),
        months: r.months,
        officeId: b.officeId,
        clerkId: b.clerkId,
        municipalityCode: b.municipalityCode,
      });
    }
  }
  return {
    participations: facts.sort(byKey((r) => r.participationId)),
    businessDays: businessDays.sort(byKey((r) => `${r.businessId}/${r.year}`)),
  };
}

async function stored(db: Kysely<DB>): Promise<{ participations: ParticipationFact[]; businessDays: BusinessDayFact[] }> {
  const participations = await sql<ParticipationFact>`
    select participation_id, business_id, office_id, clerk_id, municipality_code, programme_id, category, status,
           identified_on, submitted_on, decided_on, benefited_on, benefit_amount, ever_selected, days_to_submit, days_to_benefit,
           survey_answered_on, survey_q1, survey_q2, survey_q3
      from report_participation order by participation_id`.execute(db);
  const businessDays = await sql<BusinessDayFact>`
    select business_id, year, days::text as days, months, office_id, clerk_id, municipality_code
      from report_business_day order by business_id, year`.execute(db);
  return {
    participations: participations.rows
      .map((r) => ({ ...r, benefitAmount: r.benefitAmount === null ? null : Number(r.benefitAmount) }))
      .sort(byKey((r) => r.participationId)),
    businessDays: businessDays.rows.sort(byKey((r) => `${r.businessId}/${r.year}`)),
  };
}

/** The stored facts equal the recomputation: all of them, or those of one business. */
async function expectFactsCurrent(db: Kysely<DB>, businessId?: string) {
  const [actual, expected] = [await stored(db), await recomputed(db)];
  const of = <T extends { businessId: string }>(rows: T[]) => (businessId ? rows.filter((r) => r.businessId === businessId) : rows);
  expect(of(actual.participations)).toEqual(of(expected.participations));
  expect(of(actual.businessDays)).toEqual(of(expected.businessDays));
}

// ── Writes, as the services make them ──────────────────────────────────────────────────────────

type Db = Kysely<DB> | Transaction<DB>;

async function changeStatus(
  db: Db,
  id: string,
  to: ParticipationStatus,
  at: Date,
  patch: { submittedOn?: string; decidedOn?: string; benefitedOn?: string; benefitAmount?: number } = {},
) {
  const cur = await db.selectFrom('participation').select(['status']).where('id', '=', id).executeTakeFirstOrThrow();
  await db
    .updateTable('participation')
    .set({ status: to, updatedAt: at, ...patch, ...(patch.submittedOn ? { submissionChannel: 'visit' as const } : {}) })
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
  await addEvent(db, id, cur.status, to, at);
}

async function addEvent(db: Db, participationId: string, from: string | null, to: ParticipationStatus, at: Date) {
  await db
    .insertInto('participationEvent')
    .values({ participationId, fromStatus: from, toStatus: to, reason: null, detail: '{}', actorUserId: null, at })
    .execute();
}

/** 상담일지, as businesses.addActivity writes it: the row, then the business's last contact. */
async function logActivity(db: Db, businessId: string, clerkId: string, on: string) {
  const a = await db
    .insertInto('activity')
    .values({ businessId, clerkId, kind: 'visit', occurredOn: on, minutes: 20, summary: '상담' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.updateTable('business').set({ lastContactAt: new Date() }).where('id', '=', businessId).execute();
  return a.id;
}

let codeN = 0;
async function invite(db: Db, participationId: string, outcome: 'selected' | 'rejected' | 'withdrawn' | 'benefited') {
  const p = await db.selectFrom('participation').select('businessId').where('id', '=', participationId).executeTakeFirstOrThrow();
  codeN++;
  const code = `TRGS-ZZ${String.fromCharCode(65 + Math.floor(codeN / 26), 65 + (codeN % 26))}`;
  return db
    .insertInto('surveyInvitation')
    .values({ participationId, businessId: p.businessId, outcome, code, createdVia: 'manual', expiresAt: kst('2027-03-31 00:00') })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** A survey answer, as surveys.repository insertResponse writes it. */
async function answer(db: Db, invitationId: string, q: [number, number, number], at: Date) {
  await db
    .insertInto('surveyResponse')
    .values({ invitationId, q1: q[0], q2: q[1], q3: q[2], comment: null, channel: 'code', answeredAt: at })
    .execute();
  await db.updateTable('surveyInvitation').set({ answeredAt: at }).where('id', '=', invitationId).execute();
}

async function versionOf(db: Db, programmeId: number) {
  return (await db.selectFrom('programme').select('currentVersionId').where('id', '=', programmeId).executeTakeFirstOrThrow())
    .currentVersionId!;
}

/** A participation now at `steps`' last status, with its history. */
async function newParticipation(
  db: Db,
  businessId: string,
  programmeId: number,
  steps: [ParticipationStatus, string][],
  patch: { submittedOn?: string; decidedOn?: string } = {},
) {
  const p = await db
    .insertInto('participation')
    .values({
      businessId,
      programmeId,
      programmeVersionId: await versionOf(db, programmeId),
      status: steps[steps.length - 1]![0],
      submittedOn: patch.submittedOn ?? null,
      submissionChannel: patch.submittedOn ? 'visit' : null,
      decidedOn: patch.decidedOn ?? null,
      createdAt: kst(steps[0]![1]),
      updatedAt: kst(steps[steps.length - 1]![1]),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  let from: string | null = null;
  for (const [to, at] of steps) {
    await addEvent(db, p.id, from, to, kst(at));
    from = to;
  }
  return p.id;
}

// ── (a) Both databases: the facts after each kind of change ────────────────────────────────────

describe('report facts follow every change (recomputed from the base tables)', () => {
  const t = fixtureFor('rt');
  let h: Harness;
  let fx: ReportsFixture;
  beforeAll(() => {
    ({ h, fx } = t);
  });

  it('start equal to the recomputation (the reporting fixture)', async () => {
    await expectFactsCurrent(h.db);
    // The comparison is not vacuous: the fixture has facts for 11 participations and 7 businesses.
    const s = await stored(h.db);
    expect(s.participations).toHaveLength(11);
    expect(new Set(s.businessDays.map((r) => r.businessId)).size).toBe(7);
  });

  it('follow a business moved to another office, clerk and 시·군 (one and many rows per statement)', async () => {
    await h.db
      .updateTable('business')
      .set({ officeId: fx.officeB, clerkId: fx.clerks.b1, municipalityCode: '41590' })
      .where('id', '=', fx.business.B1)
      .execute();
    await h.db.updateTable('business').set({ clerkId: fx.clerks.a1 }).where('id', 'in', [fx.business.B3, fx.business.B6]).execute();
    await h.db
      .updateTable('business')
      .set({ lastContactAt: kst('2026-12-04 09:00') })
      .execute(); // keys unchanged
    await expectFactsCurrent(h.db);
  });

  it('follow status changes, back-dated events and a multi-row update', async () => {
    // X4 (B3, 신청 11-07) → 선정 on 11-20.
    await changeStatus(h.db, fx.participation.X4!, 'selected', kst('2026-11-20 10:00'), { decidedOn: '2026-11-20' });
    // A back-dated history row: 발굴 recorded as 10-01 (earlier than the first one) → days to submit.
    await addEvent(h.db, fx.participation.X4!, null, 'identified', kst('2026-10-01 09:00'));
    // X9 (B2, 발굴 11-20) → 신청완료 back-dated into the year before: a new (business, 2025) row.
    await changeStatus(h.db, fx.participation.X9!, 'submitted', kst('2025-12-30 10:00'), { submittedOn: '2025-12-30' });
    // X8 (B5) → 선정 and X6 (B4) → 취소 in one statement; then every row touched at once.
    await sql`update participation set status = case when id = ${fx.participation.X8!} then 'selected' else 'withdrawn' end,
                decided_on = case when id = ${fx.participation.X8!} then date '2026-12-02' else decided_on end
              where id in (${fx.participation.X8!}, ${fx.participation.X6!})`.execute(h.db);
    await addEvent(h.db, fx.participation.X8!, 'submitted', 'selected', kst('2026-12-02 10:00'));
    await addEvent(h.db, fx.participation.X6!, 'informed', 'withdrawn', kst('2026-12-02 10:00'));
    await h.db.updateTable('participation').set({ note: '일괄 수정' }).execute();
    await expectFactsCurrent(h.db);
    // X8 → 수혜 on 12-03.
    await changeStatus(h.db, fx.participation.X8!, 'benefited', kst('2026-12-03 10:00'), {
      benefitedOn: '2026-12-03',
      benefitAmount: 900_000,
    });
    await expectFactsCurrent(h.db);
  });

  it('follow 상담일지 inserted, updated (moved to another business and year) and deleted', async () => {
    const a = await logActivity(h.db, fx.business.B4, fx.clerks.b1, '2025-06-15'); // B4's first 2025 day
    const b = await logActivity(h.db, fx.business.B7, fx.clerks.b1, '2026-11-30');
    await expectFactsCurrent(h.db);
    // Moved to B5 in February 2026: B4's 2025 row must go, B5 gains a day.
    await h.db.updateTable('activity').set({ businessId: fx.business.B5, occurredOn: '2026-02-03' }).where('id', '=', a).execute();
    await expectFactsCurrent(h.db);
    await h.db.updateTable('activity').set({ occurredOn: '2026-11-29' }).where('id', '=', b).execute();
    await expectFactsCurrent(h.db);
    await h.db.deleteFrom('activity').where('id', 'in', [a, b]).execute();
    await expectFactsCurrent(h.db);
  });

  it('follow a survey answer and a removed history row', async () => {
    const inv = await invite(h.db, fx.participation.X3!, 'withdrawn');
    await answer(h.db, inv.id, [2, 3, 4], kst('2026-12-01 08:00'));
    await expectFactsCurrent(h.db);
    // The back-dated 발굴 row of X4 removed again.
    await h.db
      .deleteFrom('participationEvent')
      .where('participationId', '=', fx.participation.X4!)
      .where('at', '=', kst('2026-10-01 09:00'))
      .execute();
    await expectFactsCurrent(h.db);
  });

  it('follow a deleted participation: its milestone days leave the business (report_participation_ad)', async () => {
    // X11 (B1) is the only fact of B1 on 10-31 (발굴 10-31 23:30 Korean time).
    const x11 = fx.participation.X11!;
    const before = (await stored(h.db)).businessDays.find((r) => r.businessId === fx.business.B1 && r.year === 2026)!;
    expect(before.days[dayOfYear('2026-10-31') - 1]).toBe('1');
    await h.db.deleteFrom('participationEvent').where('participationId', '=', x11).execute();
    await h.db.deleteFrom('participation').where('id', '=', x11).execute();
    await expectFactsCurrent(h.db);
    const after = (await stored(h.db)).businessDays.find((r) => r.businessId === fx.business.B1 && r.year === 2026)!;
    expect(after.days[dayOfYear('2026-10-31') - 1]).toBe('0');
  });
});

// ── (b) PostgreSQL only: two transactions on one business at once ──────────────────────────────

type Step = (trx: Transaction<DB>) => Promise<unknown>;
type Outcome = { waited: boolean; first: string; second: string };

/**
 * `first` runs in one transaction, which stays open; `second` then runs in another (another pooled
 * connection) until the server shows it waiting for a lock held by the first (or it is done); then
 * the first runs `firstThen`, if any, and commits. Returns whether the second waited, and how each
 * transaction ended.
 */
async function overlap(db: Kysely<DB>, first: Step, second: Step, firstThen?: Step): Promise<Outcome> {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let wrote!: () => void;
  const firstWrote = new Promise<void>((r) => (wrote = r));
  const t1 = db.transaction().execute(async (trx) => {
    await first(trx);
    wrote();
    await released;
    if (firstThen) await firstThen(trx);
  });
  await Promise.race([firstWrote, t1]);

  let pid = 0;
  let settled = false;
  let started!: () => void;
  const pidKnown = new Promise<void>((r) => (started = r));
  const t2 = db
    .transaction()
    .execute(async (trx) => {
      pid = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)).rows[0]!.pid;
      started();
      await second(trx);
    })
    .finally(() => {
      settled = true;
    });
  await Promise.race([pidKnown, t2.catch(() => undefined)]);

  // Poll from a third connection: the second transaction waiting on a lock (up to 10 s).
  let waited = false;
  for (let i = 0; i < 500 && !settled && !waited; i++) {
    const r = await sql<{ waitEventType: string | null }>`select wait_event_type from pg_stat_activity where pid = ${pid}`.execute(db);
    waited = r.rows[0]?.waitEventType === 'Lock';
    if (!waited) await new Promise((r) => setTimeout(r, 20));
  }
  release();
  const [r1, r2] = await Promise.allSettled([t1, t2]);
  const ended = (r: PromiseSettledResult<unknown>) =>
    r.status === 'fulfilled' ? 'committed' : `failed: ${r.reason instanceof Error ? r.reason.message : String(r.reason)}`;
  return { waited, first: ended(r1), second: ended(r2) };
}

function onPostgres(ctx: TestContext) {
  ctx.skip(!ON_POSTGRES, PGLITE_SKIP);
}

describe('concurrent writers on one business commit and leave the facts current (PostgreSQL)', () => {
  // Its own database: each case below uses another business of the fixture, and checks its facts.
  const t = fixtureFor('rc', ON_POSTGRES);
  let h: Harness;
  let fx: ReportsFixture;
  beforeAll(() => {
    ({ h, fx } = t);
  });

  it('a 상담일지 logged while a participation of the business changes', async (ctx) => {
    onPostgres(ctx);
    // B2 has facts already (X3, X9): first the 상담일지, then a participation of B2 moves 발굴 → 안내.
    const y = await newParticipation(h.db, fx.business.B2, fx.programme.P3, [['identified', '2026-11-02 10:00']]);
    await expectFactsCurrent(h.db, fx.business.B2);
    const outcome = await overlap(
      h.db,
      (trx) => logActivity(trx, fx.business.B2, fx.clerks.a1, '2026-12-04'),
      (trx) => changeStatus(trx, y, 'informed', kst('2026-12-04 11:00')),
    );
    expect(outcome).toEqual({ waited: true, first: 'committed', second: 'committed' });
    await expectFactsCurrent(h.db, fx.business.B2);
  });

  it('a participation changing while a 상담일지 of the business is logged', async (ctx) => {
    onPostgres(ctx);
    const y = await newParticipation(h.db, fx.business.B6, fx.programme.P2, [['identified', '2026-11-03 10:00']]);
    const outcome = await overlap(
      h.db,
      (trx) => changeStatus(trx, y, 'preparing', kst('2026-12-04 12:00')),
      (trx) => logActivity(trx, fx.business.B6, fx.clerks.a2, '2026-12-03'),
    );
    expect(outcome).toEqual({ waited: true, first: 'committed', second: 'committed' });
    await expectFactsCurrent(h.db, fx.business.B6);
  });

  it('two 상담일지 of the same business at once (no deadlock between their foreign-key checks)', async (ctx) => {
    onPostgres(ctx);
    const outcome = await overlap(
      h.db,
      (trx) => logActivity(trx, fx.business.B5, fx.clerks.b1, '2026-12-01'),
      (trx) => logActivity(trx, fx.business.B5, fx.clerks.b1, '2026-12-02'),
    );
    expect(outcome).toEqual({ waited: true, first: 'committed', second: 'committed' });
    await expectFactsCurrent(h.db, fx.business.B5);
  });

  it('a 상담일지 logged by one transaction while another that already references the business logs one too', async (ctx) => {
    onPostgres(ctx);
    // Guards the lock strength. The first transaction's task insert holds FOR KEY SHARE on B1 (its
    // foreign-key check) until it commits. FOR NO KEY UPDATE does not conflict with that, so the
    // second 상담일지 goes through; with FOR UPDATE it would wait for the first, whose own 상담일지
    // would then wait for the second's KEY SHARE: a deadlock, one of the two requests failing.
    const task = (trx: Transaction<DB>) =>
      trx
        .insertInto('task')
        .values({ businessId: fx.business.B1, clerkId: fx.clerks.a1, title: '서류 안내', dueOn: '2026-12-10' })
        .execute();
    const outcome = await overlap(
      h.db,
      task,
      (trx) => logActivity(trx, fx.business.B1, fx.clerks.a1, '2026-12-02'),
      (trx) => logActivity(trx, fx.business.B1, fx.clerks.a1, '2026-12-03'),
    );
    expect(outcome).toEqual({ waited: false, first: 'committed', second: 'committed' });
    await expectFactsCurrent(h.db, fx.business.B1);
  });

  it('a survey answer arriving while the participation moves 선정 → 수혜 (answer first)', async (ctx) => {
    onPostgres(ctx);
    // The transition's UPDATE waits for the answer's lock on the participation. (Before the fix it
    // raced too, but the history row it inserts next refreshed the facts once more and repaired them.)
    const y = await newParticipation(
      h.db,
      fx.business.B4,
      fx.programme.P3,
      [
        ['identified', '2026-10-02 10:00'],
        ['submitted', '2026-10-05 10:00'],
        ['selected', '2026-11-02 10:00'],
      ],
      { submittedOn: '2026-10-05', decidedOn: '2026-11-02' },
    );
    const inv = await invite(h.db, y, 'selected');
    const outcome = await overlap(
      h.db,
      (trx) => answer(trx, inv.id, [4, 4, 5], kst('2026-12-04 13:00')),
      (trx) => changeStatus(trx, y, 'benefited', kst('2026-12-04 13:05'), { benefitedOn: '2026-12-04', benefitAmount: 700_000 }),
    );
    expect(outcome).toEqual({ waited: true, first: 'committed', second: 'committed' });
    await expectFactsCurrent(h.db, fx.business.B4);
  });

  it('a survey answer arriving while the participation row is corrected (an UPDATE without a history row)', async (ctx) => {
    onPostgres(ctx);
    // Unlike the case above, no history row follows the UPDATE, so no later refresh would repair it.
    const y = await newParticipation(
      h.db,
      fx.business.B3,
      fx.programme.P1,
      [
        ['identified', '2026-10-03 10:00'],
        ['submitted', '2026-10-07 10:00'],
        ['rejected', '2026-11-04 10:00'],
      ],
      { submittedOn: '2026-10-07', decidedOn: '2026-11-04' },
    );
    const inv = await invite(h.db, y, 'rejected');
    const outcome = await overlap(
      h.db,
      (trx) => answer(trx, inv.id, [2, 2, 3], kst('2026-12-04 15:00')),
      (trx) =>
        trx
          .updateTable('participation')
          .set({ note: '결정일 확인', updatedAt: kst('2026-12-04 15:01') })
          .where('id', '=', y)
          .execute(),
    );
    expect(outcome).toEqual({ waited: true, first: 'committed', second: 'committed' });
    await expectFactsCurrent(h.db, fx.business.B3);
  });

  it('a participation moving 선정 → 수혜 while its survey answer arrives (status change first)', async (ctx) => {
    onPostgres(ctx);
    const y = await newParticipation(
      h.db,
      fx.business.B7,
      fx.programme.P1,
      [
        ['identified', '2026-10-02 10:00'],
        ['submitted', '2026-10-06 10:00'],
        ['selected', '2026-11-03 10:00'],
      ],
      { submittedOn: '2026-10-06', decidedOn: '2026-11-03' },
    );
    const inv = await invite(h.db, y, 'selected');
    const outcome = await overlap(
      h.db,
      (trx) => changeStatus(trx, y, 'benefited', kst('2026-12-04 14:00'), { benefitedOn: '2026-12-04', benefitAmount: 800_000 }),
      (trx) => answer(trx, inv.id, [5, 4, 3], kst('2026-12-04 14:05')),
    );
    expect(outcome).toEqual({ waited: true, first: 'committed', second: 'committed' });
    await expectFactsCurrent(h.db, fx.business.B7);
  });
});
