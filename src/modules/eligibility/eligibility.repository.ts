import type { Business } from '../../db/schema.ts';
import type { BusinessFacts } from '../../domain/eligibility/index.ts';
import type { Db } from '../../db/db.ts';

/** A business row → the engine's facts. NULL stays unknown (never "no" or zero). */
export function factsOf(
  b: Business,
  receipts: { programmeKey: string; category: string | null; receivedOn: string }[] | null,
  documents: { type: string; issuedOn: string; validUntil: string | null }[] | null,
): BusinessFacts {
  return {
    sidoCode: b.sidoCode ?? (b.municipalityCode ? b.municipalityCode.slice(0, 2) : null),
    municipalityCode: b.municipalityCode,
    openedOn: b.openedOn,
    closedOn: b.closedOn,
    annualRevenue: b.annualRevenue,
    workers: b.workers === null ? null : Number(b.workers),
    ksicCode: b.ksicCode,
    ownerBirthDate: b.ownerBirthDate,
    ownerGender: b.ownerGender,
    ownerDisabled: b.ownerDisabled,
    ownerVeteran: b.ownerVeteran,
    nationalTaxArrears: b.nationalTaxArrears,
    localTaxArrears: b.localTaxArrears,
    taxArrearsDeferred: b.taxArrearsDeferred,
    creditDelinquent: b.creditDelinquent,
    operatingStatus: b.operatingStatus,
    premises: b.premises,
    mailOrderRegistered: b.mailOrderRegistered,
    legalForm: b.legalForm,
    marketLocation: b.marketLocation,
    closurePlanned: b.closurePlanned,
    plannedClosureOn: b.plannedClosureOn,
    restart: b.restart,
    annualRevenueYear: b.annualRevenueYear,
    previousAnnualRevenue: b.previousAnnualRevenue,
    priorReceipts: receipts?.map((r) => ({ programmeKey: r.programmeKey, category: r.category ?? '', receivedOn: r.receivedOn })) ?? null,
    documents: documents?.map((d) => ({ type: d.type, issuedOn: d.issuedOn, validUntil: d.validUntil })) ?? null,
  };
}

export function createEligibilityRepository() {
  return {
    /**
     * Facts of many businesses in three queries (no query per row). Itda's own participation
     * records are the prior-receipt history: a business Itda tracks has a known (possibly empty)
     * history; what happened before Itda is the clerk's to ask.
     */
    async businessFacts(db: Db, opts: { ids?: string[]; limit?: number } = {}) {
      let q = db.selectFrom('business').selectAll().orderBy('id');
      if (opts.ids) q = q.where('id', 'in', opts.ids.length ? opts.ids : ['00000000-0000-0000-0000-000000000000']);
      if (opts.limit) q = q.limit(opts.limit);
      const rows = await q.execute();
      if (!rows.length) return [];
      const ids = rows.map((r) => r.id);
      const [receipts, docs] = await Promise.all([
        db
          .selectFrom('participation as pa')
          .innerJoin('programme as p', 'p.id', 'pa.programmeId')
          .innerJoin('programmeVersion as v', 'v.id', 'pa.programmeVersionId')
          .select(['pa.businessId', 'p.key as programmeKey', 'v.category', 'pa.benefitedOn'])
          .where('pa.status', '=', 'benefited')
          .where('pa.businessId', 'in', ids)
          .execute(),
        db.selectFrom('businessDocument').select(['businessId', 'documentType', 'issuedOn', 'validUntil']).where('businessId', 'in', ids).execute(),
      ]);
      const receiptsBy = new Map<string, { programmeKey: string; category: string | null; receivedOn: string }[]>();
      for (const r of receipts) {
        if (!r.benefitedOn) continue;
        const list = receiptsBy.get(r.businessId) ?? [];
        list.push({ programmeKey: r.programmeKey, category: r.category, receivedOn: r.benefitedOn });
        receiptsBy.set(r.businessId, list);
      }
      const docsBy = new Map<string, { type: string; issuedOn: string; validUntil: string | null }[]>();
      for (const d of docs) {
        const list = docsBy.get(d.businessId) ?? [];
        list.push({ type: d.documentType, issuedOn: d.issuedOn, validUntil: d.validUntil });
        docsBy.set(d.businessId, list);
      }
      // No document on file is "unknown", not "none": the owner may well hold the paper at home,
      // and a missing paper is something to prepare, not a reason to be ineligible.
      return rows.map((b) => ({ id: b.id, name: b.name, isSample: b.isSample, officeId: b.officeId, clerkId: b.clerkId, ownerUserId: b.ownerUserId, registeredBy: b.registeredBy, facts: factsOf(b, receiptsBy.get(b.id) ?? [], docsBy.get(b.id) ?? null) }));
    },
  };
}
export type EligibilityRepository = ReturnType<typeof createEligibilityRepository>;
