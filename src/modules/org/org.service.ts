import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { ConflictError, InvalidError, NotFoundError } from '../../errors.ts';
import type { AuditService, RequestMeta } from '../audit/audit.service.ts';
import { authorize, type Actor } from '../auth/auth.policy.ts';
import type { OrgRepository } from './org.repository.ts';
import { OfficeInput, RegionInput } from './org.schemas.ts';
import { parseInput } from '../../validation.ts';

/** 권역 and 사무소 are data the operator edits (the programme's own split is not public). */
export function createOrgService(deps: { db: Kysely<DB>; org: OrgRepository; audit: AuditService }) {
  const { db, org, audit } = deps;
  let municipalityOptions: { code: string; name: string }[] | null = null;

  async function checkCodes(codes: string[]) {
    const known = new Set((await org.listMunicipalities(db)).map((m) => m.code));
    const unknown = codes.filter((c) => !known.has(c));
    if (unknown.length) {
      throw new InvalidError('validation.summary', [{ path: 'municipalities', messageKey: 'org.municipalityInvalid' }]);
    }
  }

  return {
    async overview(actor: Actor | null) {
      authorize(actor, 'org.read');
      const [regions, offices, municipalities, coverage] = await Promise.all([
        org.listRegions(db),
        org.listOffices(db),
        org.listMunicipalities(db),
        org.allOfficeCoverage(db),
      ]);
      return { regions, offices, municipalities, coverage };
    },

    /**
     * 시·군 names for pickers (public reference data, no personal data). Kept per process once read:
     * codes and names come from the shipped reference list (syncReferenceData at start-up) and
     * change only with a release; what the operator edits (which 권역 a 시·군 belongs to) is not in
     * it. An empty answer (before the reference data is loaded) is not kept.
     */
    async municipalityOptions() {
      if (municipalityOptions) return municipalityOptions;
      const list = (await org.listMunicipalities(db)).map((m) => ({ code: m.code, name: m.name }));
      if (list.length) municipalityOptions = list;
      return list;
    },

    async listMunicipalities(actor: Actor | null) {
      authorize(actor, 'org.read');
      return org.listMunicipalities(db);
    },

    /** The edit form: reading it needs the right to change it. */
    async getRegion(actor: Actor | null, id: number) {
      authorize(actor, 'org.manage');
      const region = await org.findRegion(db, id);
      if (!region) throw new NotFoundError();
      const [municipalities, all] = await Promise.all([org.regionMunicipalities(db, id), org.listMunicipalities(db)]);
      return { region, municipalities, all };
    },

    async updateRegion(actor: Actor | null, id: number, raw: unknown, meta: RequestMeta) {
      authorize(actor, 'org.manage');
      const input: RegionInput = parseInput(RegionInput, raw);
      await checkCodes(input.municipalities);
      return db.transaction().execute(async (trx) => {
        const before = await org.findRegion(trx, id);
        if (!before) throw new NotFoundError();
        const after = await org.updateRegion(trx, id, input.version, { name: input.name, hub: input.hub });
        if (!after) throw new ConflictError('error.conflictReload');
        await org.setRegionMunicipalities(trx, id, input.municipalities);
        await audit.record(trx, meta, {
          action: 'org.region.update',
          actor,
          subjectType: 'region',
          subjectId: String(id),
          detail: { name: after.name, municipalities: input.municipalities },
        });
        return after;
      });
    },

    /** Regions and 시·군 to choose from in the office form. */
    async officeFormOptions(actor: Actor | null) {
      authorize(actor, 'org.manage');
      const [regions, municipalities] = await Promise.all([org.listRegions(db), org.listMunicipalities(db)]);
      return { regions, municipalities };
    },

    async getOffice(actor: Actor | null, id: number) {
      authorize(actor, 'org.manage');
      const office = await org.findOffice(db, id);
      if (!office) throw new NotFoundError();
      return { office, municipalities: await org.officeMunicipalities(db, id) };
    },

    async saveOffice(actor: Actor | null, id: number | null, raw: unknown, meta: RequestMeta) {
      authorize(actor, 'org.manage');
      const input: OfficeInput = parseInput(OfficeInput, raw);
      await checkCodes(input.municipalities);
      if (!(await org.findRegion(db, input.regionId))) {
        throw new InvalidError('validation.summary', [{ path: 'regionId', messageKey: 'org.regionRequired' }]);
      }
      return db.transaction().execute(async (trx) => {
        if (await org.officeNameTaken(trx, input.name, id ?? undefined)) {
          throw new InvalidError('validation.summary', [{ path: 'name', messageKey: 'org.officeNameTaken' }]);
        }
        const values = { name: input.name, regionId: input.regionId, address: input.address, phone: input.phone };
        let officeId: number;
        if (id === null) {
          officeId = (await org.insertOffice(trx, values)).id;
        } else {
          const after = await org.updateOffice(trx, id, input.version, { ...values, active: input.active });
          if (!after) {
            if (!(await org.findOffice(trx, id))) throw new NotFoundError();
            throw new ConflictError('error.conflictReload');
          }
          officeId = after.id;
        }
        await org.setOfficeMunicipalities(trx, officeId, input.municipalities);
        await audit.record(trx, meta, {
          action: id === null ? 'org.office.create' : 'org.office.update',
          actor,
          subjectType: 'office',
          subjectId: String(officeId),
          detail: { name: input.name, regionId: input.regionId, municipalities: input.municipalities },
        });
        return officeId;
      });
    },
  };
}
export type OrgService = ReturnType<typeof createOrgService>;
