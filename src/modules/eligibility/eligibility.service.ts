import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import {
  compileProgramme,
  diffVerdicts,
  regionState,
  screeningRule,
  evaluateCatalogue,
  RuleSchema,
  type BusinessFacts,
  type CompiledProgramme,
} from '../../domain/eligibility/index.ts';
import { scopeOf, scopePermits } from '../../domain/scope.ts';
import { NotFoundError } from '../../errors.ts';
import { parseInput } from '../../validation.ts';
import { authorize, type Actor } from '../auth/auth.policy.ts';
import type { ProgramsRepository } from '../programs/programs.repository.ts';
import { kstDate } from '../../domain/korean-time.ts';
import type { EligibilityRepository } from './eligibility.repository.ts';
import { FactsInput } from './eligibility.schemas.ts';
import { memoized } from '../../request-memo.ts';
import { mergeCorners, rangeFactsOf, selfCheckCorners } from '../../domain/eligibility/self-check.ts';
import { CheckAnswersInput } from '../check/check.schemas.ts';
import { createVersionCompiler } from './eligibility.compile.ts';

/** Stands for a version the engine cannot judge: `any` of nothing is not met by anyone. */
const NOT_JUDGED = compileProgramme({ key: '', title: '', rule: { any: [] } });

export function createEligibilityService(deps: {
  db: Kysely<DB>;
  programs: ProgramsRepository;
  repo: EligibilityRepository;
  now: () => Date;
}) {
  const { db, programs, repo, now } = deps;
  // Rules are compiled once per programme version (shared rules: eligibility.compile.ts).
  const { compileVersion, compileScreen } = createVersionCompiler();

  /**
   * The current catalogue in two parts: programmes that judge (reviewed rule, region set) and
   * programmes awaiting review (screened only). A reviewed version whose region is missing or whose
   * rule does not parse (should not happen: publishing refuses both) is counted as awaiting review.
   */
  async function currentCatalogue() {
    const rows = await programs.currentRules(db);
    const compiled: CompiledProgramme[] = [];
    const screens: CompiledProgramme[] = [];
    const info = new Map<string, (typeof rows)[number]>();
    for (const r of rows) {
      info.set(r.key, r);
      const c = compileVersion({ ...r, versionId: r.versionId });
      if (c) compiled.push(c);
      else screens.push(compileScreen({ ...r, versionId: r.versionId }));
    }
    return { compiled, screens, info };
  }

  async function evaluateFacts(facts: BusinessFacts, refDate: string) {
    const { compiled, screens, info } = await currentCatalogue();
    const all = evaluateCatalogue(compiled, facts, refDate, { explain: true, nearMisses: true, timeChanges: true, askNext: true });
    // A shop does not move for a programme: a notice for another region is not "one condition short".
    const result = { ...all, nearMisses: all.nearMisses.filter((n) => !n.unmet.some((u) => u.type === 'region')) };
    // Awaiting review: never counted in `result` (never "신청 가능"); those the screen does not rule
    // out are listed as "요건 확인 전 공고" (issue 11 §2). Their verdict is the screen's, not the rule's.
    const screened = evaluateCatalogue(screens, facts, refDate, {
      explain: true,
      nearMisses: false,
      timeChanges: false,
      askNext: false,
    }).results;
    const pending = screened.filter((r) => r.verdict !== 'ineligible');
    const pendingRuledOut = new Set(screened.filter((r) => r.verdict === 'ineligible').map((r) => r.programmeKey));
    return { result, pending, pendingRuledOut, info };
  }

  /**
   * Programmes whose current rule awaits review (issue 11 §2), most tracked businesses they may
   * concern first (the screen — region, 휴·폐업 — and the drafted rule's target, e.g. 소상공인, not
   * ruling them out), then nearest deadline (none last). Counts only: no business is named.
   */
  async function queue() {
    const rows = (await programs.currentRules(db)).filter((r) => r.ruleReview !== 'reviewed');
    if (!rows.length) return [];
    const businesses = await repo.businessFacts(db);
    const today = kstDate(now());
    const out = rows.map((r) => {
      const parsed = r.rule === null ? null : RuleSchema.safeParse(r.rule);
      const drafted = parsed?.success ? parsed.data : null;
      const concern = compileProgramme({
        key: r.key,
        title: r.title,
        rule: { all: [screeningRule(drafted, r), ...(drafted ? [drafted] : [])] },
      });
      let n = 0;
      for (const b of businesses)
        if (
          evaluateCatalogue([concern], b.facts, today, { nearMisses: false, timeChanges: false, askNext: false }).results[0]?.verdict !==
          'ineligible'
        )
          n++;
      const waitingDays = Math.max(0, Math.floor((now().getTime() - new Date(r.versionCreatedAt).getTime()) / 86_400_000));
      return {
        programmeId: r.id,
        key: r.key,
        title: r.title,
        source: r.source,
        regionState: regionState(r),
        periodEnd: r.periodKind === 'range' ? r.periodEnd : null,
        concern: n,
        waitingDays,
        since: r.versionCreatedAt,
      };
    });
    return out.sort(
      (a, b) =>
        b.concern - a.concern || (a.periodEnd ?? '9999').localeCompare(b.periodEnd ?? '9999') || a.title.localeCompare(b.title, 'ko'),
    );
  }

  return {
    /** The catalogue editors' review queue (issue 11 §2). */
    async reviewQueue(actor: Actor | null) {
      authorize(actor, 'programmes.edit');
      return queue();
    },

    /** Size and age of the review queue, for the operator's and the editors' home (no names, no businesses). */
    async reviewQueueSummary(actor: Actor | null) {
      authorize(actor, 'programmes.import');
      const rows = (await programs.currentRules(db)).filter((r) => r.ruleReview !== 'reviewed');
      const oldest = rows.reduce<Date | null>((m, r) => (!m || new Date(r.versionCreatedAt) < m ? new Date(r.versionCreatedAt) : m), null);
      return { count: rows.length, oldestDays: oldest ? Math.max(0, Math.floor((now().getTime() - oldest.getTime()) / 86_400_000)) : 0 };
    },

    async assertCanCheck(actor: Actor | null) {
      authorize(actor, 'eligibility.check');
    },

    /** Facts typed in the quick check (nothing stored) → verdicts across the catalogue, explained. */
    async checkFacts(actor: Actor | null, raw: unknown) {
      authorize(actor, 'eligibility.check');
      const input = parseInput(FactsInput, raw);
      const { refDate, ...facts } = input;
      const date = refDate ?? kstDate(now());
      const f: BusinessFacts = {
        ...facts,
        sidoCode: facts.municipalityCode ? facts.municipalityCode.slice(0, 2) : null,
        priorReceipts: null,
        documents: null,
      };
      return { ...(await evaluateFacts(f, date)), refDate: date };
    },

    /**
     * The public self-check (issue 13 §1; /check and POST /api/v1/eligibility/check): anyone, no
     * sign-in — its authorization is "public" because it reads only the catalogue and the answers
     * given, stores nothing and returns nothing about anyone. Only reviewed rules judge (the drafted
     * ones are left out altogether: an owner on her own cannot weigh "요건 확인 전"). Range answers are
     * judged at their ends (src/domain/eligibility/self-check.ts).
     */
    async checkPublic(raw: unknown, refDate?: string) {
      const answers = parseInput(CheckAnswersInput, raw);
      const date = refDate ?? kstDate(now());
      const { compiled, info } = await currentCatalogue();
      const corners = selfCheckCorners(answers, date);
      const evaluations = corners.map((facts, i) =>
        evaluateCatalogue(compiled, facts, date, { explain: true, nearMisses: false, timeChanges: i === 0, askNext: false }),
      );
      const merged = mergeCorners(evaluations, rangeFactsOf(answers));
      // An owner on her own cannot apply to a notice whose period has ended: those are left out.
      const open = (p: { programmeKey: string }) => {
        const i = info.get(p.programmeKey);
        return !(i?.periodKind === 'range' && i.periodEnd && i.periodEnd < date);
      };
      return {
        ...merged,
        eligible: merged.eligible.filter(open),
        oneFactShort: merged.oneFactShort.filter(open),
        moreFactsShort: merged.moreFactsShort.filter(open),
        info,
        // The facts the explanations were built on (the typical corner), for rendering them in the
        // owner's language from their structure.
        facts: corners[0]!,
        // …and the corner with every range answer at its upper end (the ranges she answered).
        upperFacts: corners.at(-1)!,
      };
    },

    /** The whole catalogue for one tracked business (used by the casework pages). */
    async evaluateBusiness(businessId: string, refDate?: string) {
      const date = refDate ?? kstDate(now());
      return memoized(`eligibility:${businessId}:${date}`, async () => {
        const [b] = await repo.businessFacts(db, { ids: [businessId] });
        if (!b) throw new NotFoundError();
        return evaluateFacts(b.facts, date);
      });
    },

    /**
     * Clerk home: programmes closing between `from` and `until` for which some of these businesses
     * are eligible or unknown (with what is missing). Facts load in three queries, not one per business.
     */
    async closingSoonFor(businessIds: string[], from: string, until: string) {
      if (!businessIds.length) return [];
      const rows = (await programs.currentRules(db)).filter(
        (r) => r.periodKind === 'range' && r.periodEnd && r.periodEnd >= from && r.periodEnd <= until,
      );
      if (!rows.length) return [];
      const businesses = await repo.businessFacts(db, { ids: businessIds });
      const out: {
        programmeId: number;
        title: string;
        periodEnd: string;
        businessId: string;
        businessName: string;
        verdict: 'eligible' | 'unknown' | 'unreviewed';
        missing: readonly string[];
      }[] = [];
      for (const r of rows) {
        const c = compileVersion({ ...r, versionId: r.versionId });
        // Awaiting review: listed as "요건 확인 전" where the screen (region, 휴·폐업) does not rule it out.
        const screen = c ? null : compileScreen({ ...r, versionId: r.versionId });
        for (const b of businesses) {
          const ev = evaluateCatalogue([c ?? screen!], b.facts, from, { nearMisses: false, timeChanges: false, askNext: false }).results[0];
          if (!ev || ev.verdict === 'ineligible') continue;
          out.push({
            programmeId: r.id,
            title: r.title,
            periodEnd: r.periodEnd!,
            businessId: b.id,
            businessName: b.name,
            verdict: c ? ev.verdict : 'unreviewed',
            missing: c ? ev.missing : [],
          });
        }
      }
      return out.sort((a, b) =>
        a.periodEnd < b.periodEnd ? -1 : a.periodEnd > b.periodEnd ? 1 : a.businessName.localeCompare(b.businessName),
      );
    },

    /**
     * Before publishing: which tracked businesses gain or lose eligibility if the draft's rule
     * replaces the current one (editor's impact preview).
     */
    async draftImpact(actor: Actor | null, programmeId: number, draftId: number) {
      authorize(actor, 'programmes.edit');
      const programme = await programs.findProgramme(db, programmeId);
      const draft = await programs.findVersion(db, draftId);
      if (!programme?.currentVersionId || !draft || draft.programmeId !== programmeId) throw new NotFoundError();
      const current = await programs.findVersion(db, programme.currentVersionId);
      if (!current) throw new NotFoundError();
      // A version that cannot be judged (no region yet) makes no business eligible: compare with that.
      const before = compileVersion({ ...current, versionId: current.id, key: programme.key }) ?? NOT_JUDGED;
      const after = compileVersion({ ...draft, versionId: draft.id, key: programme.key }) ?? NOT_JUDGED;
      const businesses = await repo.businessFacts(db);
      const diff = diffVerdicts(before.compiled, after.compiled, businesses, kstDate(now()));
      // Counts to every editor; names only of the businesses in the editor's own scope
      // (src/domain/scope.ts): a catalogue editor has none, an admin all (issue 10 §1).
      const scope = scopeOf(actor);
      const byId = new Map(businesses.map((b) => [b.id, b]));
      const named = (rows: readonly { id: string; from: string; to: string }[]) =>
        rows.flatMap((r) => {
          const b = byId.get(r.id);
          return b && scopePermits(scope, b, 'read') ? [{ ...r, name: b.name, isSample: b.isSample }] : [];
        });
      const changed = { gained: diff.gained.length, lost: diff.lost.length, otherChanges: diff.otherChanges.length };
      return {
        refDate: diff.refDate,
        total: diff.total,
        counts: diff.counts,
        changed,
        gained: named(diff.gained),
        lost: named(diff.lost),
        otherChanges: named(diff.otherChanges),
      };
    },
  };
}
export type EligibilityService = ReturnType<typeof createEligibilityService>;
