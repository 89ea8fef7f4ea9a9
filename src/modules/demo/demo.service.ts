import type { Kysely } from 'kysely';
import type { Db } from '../../db/db.ts';
import type { DB } from '../../db/schema.ts';
import type { AuditService, RequestMeta } from '../audit/audit.service.ts';
import { hashPassword } from '../auth/auth.crypto.ts';
import { DEMO_ACCOUNTS, DEMO_OFFICES, DEMO_PASSWORD, DEMO_TOTP_SECRET } from './demo.data.ts';
import { ROLES_ALWAYS_REQUIRING_SECOND_FACTOR } from '../../domain/second-factor.ts';
import { encryptSecret } from '../auth/auth.totp.ts';
import { generateBusinesses } from '../../domain/eligibility/index.ts';
import type { ProgramsRepository } from '../programs/programs.repository.ts';
import { SAMPLE_PROGRAMMES } from './demo.programmes.ts';
import type { DemoRepository } from './demo.repository.ts';

/** How many sample businesses the demo tracks (enough for the editor's impact preview to say something). */
export const DEMO_BUSINESSES = 300;

/** The name recorded as reviewer of the sample rules (migration 20261202130000 uses the same). */
const DEMO_REVIEWER = '데모 검토자 (예시 데이터)';

/**
 * Loads the labelled demo organisation. Idempotent: a second run changes nothing.
 * The caller (main.ts / CLI) guarantees this runs only on the embedded database.
 */
/**
 * Sample casework (예시): participations in every status with their history, so the owner view,
 * the clerk home and the reports show something on a fresh demo. Dates spread over 2026.
 */
async function loadSampleCasework(repo: DemoRepository, trx: Db, accounts: Map<string, { id: string }>) {
  const statuses = ['identified', 'informed', 'preparing', 'submitted', 'selected', 'rejected', 'withdrawn', 'benefited'] as const;
  const path: Record<(typeof statuses)[number], string[]> = {
    identified: ['identified'],
    informed: ['identified', 'informed'],
    preparing: ['identified', 'informed', 'preparing'],
    submitted: ['identified', 'informed', 'preparing', 'submitted'],
    selected: ['identified', 'informed', 'preparing', 'submitted', 'selected'],
    rejected: ['identified', 'informed', 'preparing', 'submitted', 'rejected'],
    withdrawn: ['identified', 'informed', 'withdrawn'],
    benefited: ['identified', 'informed', 'preparing', 'submitted', 'selected', 'benefited'],
  };
  const clerk = accounts.get('demo-clerk');
  const owner = accounts.get('demo-owner');
  const [businesses, programmes] = await Promise.all([repo.listSampleBusinesses(trx, 120), repo.listSampleProgrammes(trx)]);
  if (!businesses.length || !programmes.length) return;
  if (owner && businesses[0]) await repo.setSampleOwner(trx, businesses[0].id, owner.id);
  // One participation per business, so the returned ids pair up by business; then every event in one statement.
  const plans = businesses.map((b, i) => {
    const p = programmes[(i * 7) % programmes.length]!;
    const status = statuses[i % statuses.length]!;
    const month = 3 + (i % 8);
    const day = 1 + (i % 27);
    const d = (offset: number) => `2026-${String(Math.min(11, month + Math.floor((day + offset) / 28))).padStart(2, '0')}-${String(((day + offset) % 28) + 1).padStart(2, '0')}`;
    const actor = b.clerkId ?? clerk?.id ?? null;
    return { b, p, status, d, actor, reached: path[status] };
  });
  const inserted = await repo.insertParticipations(
    trx,
    plans.map(({ b, p, status, d, actor, reached }, i) => ({
      businessId: b.id,
      programmeId: p.id,
      programmeVersionId: p.versionId,
      status,
      submittedOn: reached.includes('submitted') ? d(10) : null,
      submissionChannel: reached.includes('submitted') ? 'online' : null,
      decidedOn: reached.includes('selected') || reached.includes('rejected') ? d(30) : null,
      benefitAmount: status === 'benefited' ? 500_000 + ((i * 250_000) % 2_000_000) : null,
      benefitedOn: status === 'benefited' ? d(45) : null,
      note: status === 'rejected' || status === 'withdrawn' ? '예시 사유' : null,
      createdBy: actor,
    })),
  );
  const participationOf = new Map(inserted.map((r) => [r.businessId, r.id]));
  await repo.insertParticipationEvents(
    trx,
    plans.flatMap(({ b, d, actor, reached }) =>
      reached.map((to, k) => ({
        participationId: participationOf.get(b.id)!,
        fromStatus: k === 0 ? null : reached[k - 1]!,
        toStatus: to,
        reason: to === 'rejected' || to === 'withdrawn' ? '예시 사유' : null,
        detail: '{}',
        actorUserId: actor,
        at: new Date(`${d(k * 9)}T01:00:00Z`),
      })),
    ),
  );
}

export function createDemoService(deps: { db: Kysely<DB>; repo: DemoRepository; audit: AuditService; programs: ProgramsRepository; totpKey: string }) {
  const { db, repo, audit } = deps;
  return {
    async isLoaded(): Promise<boolean> {
      return repo.hasDemoAccount(db);
    },

    async load(meta: RequestMeta): Promise<{ loaded: boolean; accounts: typeof DEMO_ACCOUNTS; password: string }> {
      if (await this.isLoaded()) return { loaded: false, accounts: DEMO_ACCOUNTS, password: DEMO_PASSWORD };
      const passwordHash = await hashPassword(DEMO_PASSWORD);
      // One transaction, and one statement per table where the rows do not depend on each other:
      // the first start of `npm start` waits for this (issue 10 §5, under 10 s to /healthz).
      await db.transaction().execute(async (trx) => {
        const regions = new Map((await repo.listRegions(trx)).map((r) => [r.name, r.id]));
        // the operator renamed a region: skip its office rather than guess
        const wanted = DEMO_OFFICES.filter((o) => regions.has(o.region));
        const offices = new Map((await repo.listOfficesNamed(trx, wanted.map((o) => o.name))).map((o) => [o.name, o.id]));
        const missing = wanted.filter((o) => !offices.has(o.name));
        if (missing.length)
          for (const o of await repo.insertOffices(
            trx,
            missing.map((o) => ({ name: o.name, regionId: regions.get(o.region)!, address: o.address, phone: null, isDemo: true })),
          ))
            offices.set(o.name, o.id);
        const coverage = wanted.flatMap((o) => o.municipalities.map((municipalityCode) => ({ officeId: offices.get(o.name)!, municipalityCode })));
        if (coverage.length) await repo.addOfficeMunicipalities(trx, coverage);
        const users = await repo.insertAccounts(
          trx,
          DEMO_ACCOUNTS.map((a) => ({
            login: a.login,
            displayName: a.displayName,
            role: a.role,
            officeId: a.office ? (offices.get(a.office) ?? null) : null,
            passwordHash,
            isDemo: true,
            email: null,
            phone: null,
          })),
        );
        const accounts = new Map(users.map((u) => [u.login, u]));
        // The accounts that always need a second factor are enrolled with the published demo key.
        await repo.insertConfirmedTotps(
          trx,
          users
            .filter((u) => ROLES_ALWAYS_REQUIRING_SECOND_FACTOR.includes(u.role))
            .map((u) => ({ userId: u.id, secretEnc: encryptSecret(DEMO_TOTP_SECRET, deps.totpKey), at: new Date() })),
        );
        // The audit chain is written in order, one grant per account as listed.
        for (const a of DEMO_ACCOUNTS) {
          const u = accounts.get(a.login)!;
          await audit.record(trx, meta, {
            action: 'permission.grant',
            actorLogin: 'itda-demo',
            targetUserId: u.id,
            detail: { role: u.role, officeId: u.officeId, demo: true },
          });
        }
        // The sample catalogue: written from public notices, labelled 예시, every amount "확인 필요".
        for (const sp of SAMPLE_PROGRAMMES) {
          if (await deps.programs.findProgrammeByKey(trx, sp.key)) continue;
          const programme = await deps.programs.insertProgramme(trx, { key: sp.key, source: 'manual', sourceId: sp.sourceId, isSample: true });
          const v = await deps.programs.insertVersion(trx, {
            programmeId: programme.id,
            version: 1,
            status: 'published',
            title: sp.title,
            ministry: sp.ministry,
            executingAgency: sp.executingAgency,
            category: sp.category,
            summary: sp.summary,
            targetText: sp.targetText,
            periodKind: sp.period.kind,
            periodStart: sp.period.start ?? null,
            periodEnd: sp.period.end ?? null,
            periodRaw: `${sp.period.raw} (${sp.period.typicalTiming})`,
            howToApply: sp.howToApply,
            detailUrl: sp.detailUrl,
            applyUrl: sp.applyUrl ?? null,
            contact: sp.contact,
            nationwide: sp.regions.nationwide,
            sido: sp.regions.sido,
            municipalities: sp.regions.municipalities,
            benefitType: sp.benefit.type,
            benefitMaxAmount: sp.benefit.maxAmount ?? null,
            requiredDocuments: [...sp.requiredDocuments],
            documentNames: [],
            attachments: '[]',
            rule: JSON.stringify(sp.rule),
            // Issue 11 §2: a rule judges only once reviewed. The demo marks the rules written from a
            // public notice as reviewed by a labelled demo reviewer (so the demo keeps showing verdicts);
            // the 시·군 composites written for the demo (targetTextOrigin 'example') have no notice to be
            // checked against and stay drafted: they show in "요건 확인 전" and in the review queue.
            ...(sp.targetTextOrigin === 'notice'
              ? { ruleReview: 'reviewed' as const, ruleReviewedByName: DEMO_REVIEWER, ruleReviewedAt: new Date() }
              : { ruleReview: 'drafted' as const }),
            reviewStatus: sp.reviewStatus,
            reviewNote: sp.reviewNote,
            fingerprint: null,
            sourceUpdatedAt: null,
            raw: null,
            changeReason: '예시 데이터 적재 (공개 공고를 바탕으로 작성)',
            createdBy: null,
            createdByLogin: 'itda-demo',
            basedOnVersionId: null,
            publishedAt: new Date(),
          });
          await deps.programs.setCurrentVersion(trx, programme.id, v.id, null);
        }
        // Sample businesses (예시 사업장): generated facts, no real person or 사업자등록번호.
        const clerk = accounts.get('demo-clerk');
        const rows = generateBusinesses(DEMO_BUSINESSES, 2026).map((b, i) => ({
          name: `예시 사업장 ${String(i + 1).padStart(3, '0')}`,
          ownerName: null,
          phone: null,
          brn: null,
          sidoCode: b.facts.sidoCode ?? null,
          municipalityCode: b.facts.municipalityCode && b.facts.municipalityCode.startsWith('41') ? b.facts.municipalityCode : null,
          openedOn: b.facts.openedOn ?? null,
          closedOn: b.facts.closedOn ?? null,
          annualRevenue: b.facts.annualRevenue ?? null,
          workers: b.facts.workers ?? null,
          ksicCode: b.facts.ksicCode ?? null,
          ntsIndustryCode: null,
          ownerBirthDate: b.facts.ownerBirthDate ?? null,
          ownerGender: b.facts.ownerGender ?? null,
          ownerDisabled: b.facts.ownerDisabled ?? null,
          ownerVeteran: b.facts.ownerVeteran ?? null,
          nationalTaxArrears: b.facts.nationalTaxArrears ?? null,
          localTaxArrears: b.facts.localTaxArrears ?? null,
          taxArrearsDeferred: b.facts.taxArrearsDeferred ?? null,
          creditDelinquent: b.facts.creditDelinquent ?? null,
          operatingStatus: b.facts.operatingStatus ?? null,
          premises: b.facts.premises ?? null,
          mailOrderRegistered: b.facts.mailOrderRegistered ?? null,
          legalForm: b.facts.legalForm ?? null,
          marketLocation: b.facts.marketLocation ?? null,
          closurePlanned: b.facts.closurePlanned ?? null,
          plannedClosureOn: b.facts.plannedClosureOn ?? null,
          restart: b.facts.restart ?? null,
          annualRevenueYear: b.facts.annualRevenueYear ?? null,
          previousAnnualRevenue: b.facts.previousAnnualRevenue ?? null,
          officeId: i % 10 === 0 ? (clerk?.officeId ?? null) : null,
          clerkId: i % 10 === 0 ? (clerk?.id ?? null) : null,
          isSample: true,
        }));
        await repo.insertBusinesses(trx, rows);
        await loadSampleCasework(repo, trx, accounts);
        await audit.record(trx, meta, { action: 'demo.load', actorLogin: 'itda-demo', detail: { offices: DEMO_OFFICES.length, accounts: DEMO_ACCOUNTS.length } });
      });
      return { loaded: true, accounts: DEMO_ACCOUNTS, password: DEMO_PASSWORD };
    },
  };
}
export type DemoService = ReturnType<typeof createDemoService>;
