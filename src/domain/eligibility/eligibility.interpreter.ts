/**
 * A deliberately straightforward interpreter: walks the rule JSON on every call, recomputes every
 * derived fact per criterion, scans prefix lists linearly. It is the specification the compiled
 * engine is tested against (property test: same verdict and same missing facts on random rules ×
 * random facts) and the baseline the benchmark compares with. Do not optimise it.
 *
 * It shares only the calendar functions (tested on their own) and the reference tables with the
 * engine; the criterion logic is written again, plainly.
 */
import { addMonthsClamped, ageOn, isIsoDate, toDayNumber, wholeMonthsBetween } from './eligibility.dates.ts';
import { FACT_NAMES, KSIC_DIVISION_SECTION, KSIC_SECTIONS, REVENUE_CAP_BY_DIVISION, SMALL_BUSINESS_WORKER_LIMITS, getKsicSet, type KsicSetEntry } from './eligibility.reference.ts';
import type { BusinessFacts, Criterion, FactName, Rule, Verdict } from './eligibility.types.ts';

export interface Interpretation {
  readonly verdict: Verdict;
  readonly missing: readonly FactName[];
}

type Result = { v: Verdict; missing: Set<FactName> };

const E = (): Result => ({ v: 'eligible', missing: new Set() });
const I = (): Result => ({ v: 'ineligible', missing: new Set() });
const U = (...facts: FactName[]): Result => ({ v: 'unknown', missing: new Set(facts) });

function rank(v: Verdict): number {
  return v === 'ineligible' ? 0 : v === 'unknown' ? 1 : 2;
}

function combine(children: Result[], kind: 'all' | 'any'): Result {
  const ranks = children.map((c) => rank(c.v));
  const r = kind === 'all' ? Math.min(2, ...ranks) : Math.max(0, ...ranks);
  const v: Verdict = r === 2 ? 'eligible' : r === 0 ? 'ineligible' : 'unknown';
  const missing = new Set<FactName>();
  if (v === 'unknown') for (const c of children) if (c.v === 'unknown') for (const f of c.missing) missing.add(f);
  return { v, missing };
}

function real(date: string | null | undefined): string | null {
  return date != null && isIsoDate(date) ? date : null;
}

function validKsic(code: string | null | undefined): string | null {
  if (code == null) return null;
  if (/^[A-U]$/.test(code)) return code;
  if (/^\d{2,5}$/.test(code) && KSIC_DIVISION_SECTION.has(code.slice(0, 2))) return code;
  return null;
}

/** The concrete digit codes a (possibly section-letter) code could be, at division level. */
function codeAlternatives(code: string): string[] {
  return /^[A-U]$/.test(code) ? [...KSIC_SECTIONS[code]!.divisions] : [code];
}

function expandPrefix(p: string): string[] {
  return /^[A-U]$/.test(p) ? [...KSIC_SECTIONS[p]!.divisions] : [p];
}

/** Membership of one digit code in one IN/OUT prefix list: 'yes' | 'no' | 'maybe'. */
function memberOfList(code: string, list: { prefix: string; member: boolean }[]): 'yes' | 'no' | 'maybe' {
  let best: { prefix: string; member: boolean } | undefined;
  for (const e of list) {
    if (code.startsWith(e.prefix)) {
      if (!best || e.prefix.length > best.prefix.length || (e.prefix.length === best.prefix.length && !e.member)) best = e;
    }
  }
  const member = best ? best.member : false;
  for (const e of list) {
    if (e.prefix.length > code.length && e.prefix.startsWith(code) && e.member !== member) return 'maybe';
  }
  return member ? 'yes' : 'no';
}

function memberOfListAnyCode(code: string, list: { prefix: string; member: boolean }[]): 'yes' | 'no' | 'maybe' {
  const answers = codeAlternatives(code).map((c) => memberOfList(c, list));
  return answers.every((a) => a === answers[0]) ? answers[0]! : 'maybe';
}

function setLists(name: string): { prefix: string; member: boolean }[][] {
  const set = getKsicSet(name);
  const own = (entries: readonly KsicSetEntry[]) =>
    entries.flatMap((e) => [
      ...e.codes.flatMap((c) => expandPrefix(c).map((prefix) => ({ prefix, member: true }))),
      ...(e.except ?? []).flatMap((x) => x.codes.flatMap((c) => expandPrefix(c).map((prefix) => ({ prefix, member: false })))),
    ]);
  return [own(set.entries), ...(set.extends ?? []).flatMap((p) => setLists(p))];
}

function orAnswers(answers: ('yes' | 'no' | 'maybe')[]): 'yes' | 'no' | 'maybe' {
  if (answers.includes('yes')) return 'yes';
  if (answers.includes('maybe')) return 'maybe';
  return 'no';
}

function smallBusiness(f: BusinessFacts): Result {
  const ksic = validKsic(f.ksicCode);
  const divisions = ksic === null ? [...KSIC_DIVISION_SECTION.keys()] : /^[A-U]$/.test(ksic) ? [...KSIC_SECTIONS[ksic]!.divisions] : [ksic.slice(0, 2)];
  const w = f.workers ?? null;
  const r = f.annualRevenue ?? null;
  const per = divisions.map((d) => {
    const section = KSIC_DIVISION_SECTION.get(d)!;
    const limit = SMALL_BUSINESS_WORKER_LIMITS.sections.includes(section) ? SMALL_BUSINESS_WORKER_LIMITS.limitInSections : SMALL_BUSINESS_WORKER_LIMITS.limitElsewhere;
    const cap = REVENUE_CAP_BY_DIVISION.get(d)?.capKrw ?? null;
    const revenue: Verdict = cap === null ? 'ineligible' : r === null ? 'unknown' : r <= cap ? 'eligible' : 'ineligible';
    const workers: Verdict = w === null ? 'unknown' : w < limit ? 'eligible' : 'ineligible';
    const both = combine([{ v: revenue, missing: new Set() }, { v: workers, missing: new Set() }], 'all').v;
    return { revenue, workers, both, kind: `${limit}:${cap ?? ''}` };
  });
  const first = per[0]!.both;
  const v: Verdict = per.every((p) => p.both === first) ? first : 'unknown';
  if (v !== 'unknown') return { v, missing: new Set() };
  const missing = new Set<FactName>();
  const undecided = per.filter((p) => p.both === 'unknown');
  if (undecided.some((p) => p.workers === 'unknown')) missing.add('workers');
  if (undecided.some((p) => p.revenue === 'unknown')) missing.add('annualRevenue');
  const differ = !per.every((p) => p.both === 'unknown');
  if (divisions.length > 1 && (differ || new Set(undecided.map((p) => p.kind)).size > 1)) missing.add('ksicCode');
  return { v, missing };
}

function criterion(c: Criterion, f: BusinessFacts, refDate: string): Result {
  switch (c.type) {
    case 'region': {
      const sidos = c.sido ?? [];
      const munis = c.municipalities ?? [];
      if (sidos.length === 0 && munis.length === 0) return E();
      const muni = f.municipalityCode ?? null;
      const sido = f.sidoCode ?? (muni === null ? null : muni.slice(0, 2));
      if (muni !== null) return munis.includes(muni) || (sido !== null && sidos.includes(sido)) ? E() : I();
      if (sido !== null) {
        if (sidos.includes(sido)) return E();
        return munis.some((m) => m.startsWith(sido)) ? U('municipalityCode') : I();
      }
      return U(munis.length > 0 ? 'municipalityCode' : 'sidoCode');
    }
    case 'businessAge': {
      const opened = real(f.openedOn);
      if (opened === null) return U('openedOn');
      const months = opened > refDate ? -1 : wholeMonthsBetween(opened, refDate);
      const okMin = c.minMonths === undefined || months >= c.minMonths;
      const okMax = c.maxMonths === undefined || months < c.maxMonths;
      return okMin && okMax ? E() : I();
    }
    case 'revenue': {
      if (f.annualRevenue == null) return U('annualRevenue');
      return (c.min === undefined || f.annualRevenue >= c.min) && (c.max === undefined || f.annualRevenue <= c.max) ? E() : I();
    }
    case 'workers': {
      if (f.workers == null) return U('workers');
      return (c.min === undefined || f.workers >= c.min) && (c.maxExclusive === undefined || f.workers < c.maxExclusive) ? E() : I();
    }
    case 'smallBusiness':
      return smallBusiness(f);
    case 'ksic': {
      const include = c.include ?? [];
      const exclude = c.exclude ?? [];
      const sets = c.excludeSets ?? [];
      if (include.length === 0 && exclude.length === 0 && sets.length === 0) return E();
      const code = validKsic(f.ksicCode);
      if (code === null) return U('ksicCode');
      const inc = include.length === 0 ? 'yes' : memberOfListAnyCode(code, include.flatMap(expandPrefix).map((prefix) => ({ prefix, member: true })));
      const excAnswers: ('yes' | 'no' | 'maybe')[] = [];
      if (exclude.length) excAnswers.push(memberOfListAnyCode(code, exclude.flatMap(expandPrefix).map((prefix) => ({ prefix, member: true }))));
      for (const s of sets) for (const list of setLists(s)) excAnswers.push(memberOfListAnyCode(code, list));
      const exc = orAnswers(excAnswers);
      const incV: Result = inc === 'yes' ? E() : inc === 'no' ? I() : U('ksicCode');
      const excV: Result = exc === 'yes' ? I() : exc === 'no' ? E() : U('ksicCode');
      return combine([incV, excV], 'all');
    }
    case 'ownerAge': {
      const birth = real(f.ownerBirthDate);
      if (birth === null) return U('ownerBirthDate');
      const age = ageOn(birth, refDate);
      return (c.min === undefined || age >= c.min) && (c.max === undefined || age <= c.max) ? E() : I();
    }
    case 'ownerGender':
      return f.ownerGender == null ? U('ownerGender') : f.ownerGender === c.gender ? E() : I();
    case 'ownerDisabled':
      return f.ownerDisabled == null ? U('ownerDisabled') : f.ownerDisabled ? E() : I();
    case 'ownerVeteran':
      return f.ownerVeteran == null ? U('ownerVeteran') : f.ownerVeteran ? E() : I();
    case 'mailOrderRegistered':
      return f.mailOrderRegistered == null ? U('mailOrderRegistered') : f.mailOrderRegistered ? E() : I();
    case 'noCreditDelinquency':
      return f.creditDelinquent == null ? U('creditDelinquent') : f.creditDelinquent ? I() : E();
    case 'noTaxArrears': {
      const parts: Result[] = [];
      for (const kind of c.kinds) {
        const arrears = kind === 'national' ? f.nationalTaxArrears : f.localTaxArrears;
        const fact: FactName = kind === 'national' ? 'nationalTaxArrears' : 'localTaxArrears';
        if (arrears == null) parts.push(U(fact));
        else if (!arrears) parts.push(E());
        else if (!c.allowDeferral) parts.push(I());
        else if (f.taxArrearsDeferred == null) parts.push(U('taxArrearsDeferred'));
        else parts.push(f.taxArrearsDeferred ? E() : I());
      }
      return combine(parts, 'all');
    }
    case 'operatingStatus':
      return f.operatingStatus == null ? U('operatingStatus') : c.allowed.includes(f.operatingStatus) ? E() : I();
    case 'premises':
      return f.premises == null ? U('premises') : c.allowed.includes(f.premises) ? E() : I();
    case 'noPriorReceipt': {
      if (f.priorReceipts == null) return U('priorReceipts');
      const keys = c.programmeKeys ?? [];
      const cats = c.categories ?? [];
      const relevant = f.priorReceipts.filter((r) => (keys.length === 0 && cats.length === 0) || keys.includes(r.programmeKey) || cats.includes(r.category));
      const parts = relevant.map((r): Result => {
        if (!isIsoDate(r.receivedOn)) return U('priorReceipts');
        if (r.receivedOn > refDate) return E();
        return refDate < addMonthsClamped(r.receivedOn, c.years * 12) ? I() : E();
      });
      return combine(parts, 'all');
    }
    case 'documentValid': {
      if (f.documents == null) return U('documents');
      const ok = f.documents.some(
        (d) => d.type === c.documentType && isIsoDate(d.issuedOn) && d.issuedOn <= refDate && (d.validUntil == null || (isIsoDate(d.validUntil) && refDate <= d.validUntil)),
      );
      return ok ? E() : I();
    }
    case 'closedWithin': {
      if (f.closedOn != null) {
        if (!isIsoDate(f.closedOn)) return U('closedOn');
        return f.closedOn <= refDate && refDate <= addMonthsClamped(f.closedOn, c.months) ? E() : I();
      }
      if (f.operatingStatus == null) return U('closedOn', 'operatingStatus');
      return f.operatingStatus !== 'closed' ? I() : U('closedOn');
    }
    case 'legalForm':
      return f.legalForm == null ? U('legalForm') : c.allowed.includes(f.legalForm) ? E() : I();
    case 'marketLocation':
      return f.marketLocation == null ? U('marketLocation') : c.allowed.includes(f.marketLocation) ? E() : I();
    case 'restart':
      return f.restart == null ? U('restart') : f.restart ? E() : I();
    case 'openedBetween': {
      const opened = real(f.openedOn);
      if (opened === null) return U('openedOn');
      return (c.from === undefined || opened >= c.from) && (c.to === undefined || opened <= c.to) ? E() : I();
    }
    case 'closedBetween': {
      if (f.closedOn != null) {
        if (!isIsoDate(f.closedOn)) return U('closedOn');
        const inside = (c.from === undefined || f.closedOn >= c.from) && (c.to === undefined || f.closedOn <= c.to);
        return f.closedOn <= refDate && inside ? E() : I();
      }
      if (f.operatingStatus == null) return U('closedOn', 'operatingStatus');
      return f.operatingStatus !== 'closed' ? I() : U('closedOn');
    }
    case 'operatingDays': {
      // The period ends on the 폐업일, or before closure on the 폐업 예정일 (unless closure is known off).
      let end: string | null = null;
      let endMissing: FactName[] = [];
      if (f.closedOn != null) {
        if (isIsoDate(f.closedOn)) end = f.closedOn;
        else endMissing = ['closedOn'];
      } else if (f.closurePlanned !== false && f.plannedClosureOn != null) {
        if (isIsoDate(f.plannedClosureOn)) end = f.plannedClosureOn;
        else endMissing = ['plannedClosureOn'];
      } else if (f.operatingStatus != null && f.operatingStatus !== 'closed' && f.closurePlanned === false) {
        return I(); // open and not closing: no period "until closure"
      } else {
        endMissing = ['closedOn'];
        if (f.operatingStatus == null) endMissing.push('operatingStatus');
        if (f.closurePlanned == null) endMissing.push('closurePlanned');
        if (f.closurePlanned !== false) endMissing.push('plannedClosureOn');
      }
      const opened = real(f.openedOn);
      if (opened === null || end === null) return U(...(opened === null ? (['openedOn'] as FactName[]) : []), ...endMissing);
      return toDayNumber(end) - toDayNumber(opened) >= c.minDays ? E() : I();
    }
    case 'closurePlanned': {
      const plan: Result = f.closurePlanned == null ? U('closurePlanned') : f.closurePlanned ? E() : I();
      let date: Result;
      const p = real(f.plannedClosureOn);
      if (p === null) date = U('plannedClosureOn');
      else if (p < refDate) date = I();
      else date = c.withinMonths === undefined || p <= addMonthsClamped(refDate, c.withinMonths) ? E() : I();
      return combine([plan, date], 'all');
    }
    case 'revenueDecline': {
      const cur = f.annualRevenue;
      const prev = f.previousAnnualRevenue;
      if (cur == null || prev == null) return U(...(cur == null ? (['annualRevenue'] as FactName[]) : []), ...(prev == null ? (['previousAnnualRevenue'] as FactName[]) : []));
      return prev > 0 && cur < prev && cur * 100 <= prev * (100 - c.minPercent) ? E() : I();
    }
  }
}

function walk(rule: Rule, f: BusinessFacts, refDate: string): Result {
  if ('all' in rule) return combine(rule.all.map((r) => walk(r, f, refDate)), 'all');
  if ('any' in rule) return combine(rule.any.map((r) => walk(r, f, refDate)), 'any');
  if ('not' in rule) {
    const r = walk(rule.not, f, refDate);
    return { v: r.v === 'eligible' ? 'ineligible' : r.v === 'ineligible' ? 'eligible' : 'unknown', missing: r.missing };
  }
  return criterion(rule, f, refDate);
}

/** Evaluates `rule` by walking its JSON. Same answers as `evaluate(compileRule(rule), …)`, slower. */
export function interpretRule(rule: Rule, facts: BusinessFacts, refDate: string): Interpretation {
  const r = walk(rule, facts, refDate);
  return { verdict: r.v, missing: FACT_NAMES.filter((f) => r.missing.has(f)) };
}
