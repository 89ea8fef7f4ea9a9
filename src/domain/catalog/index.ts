/** Programme catalogue: pure parsers for the public notice sources (no DB, no network). */
export * from './catalog.types.ts';
export { parseBizinfo, bizinfoItems, categoryFromName } from './catalog.bizinfo.ts';
export { parseKstartup, kstartupItems, businessAgeRule, ownerAgeRule } from './catalog.kstartup.ts';
export {
  parseGov24,
  parseGov24Conditions,
  mergeGov24,
  importGov24,
  conditionsRule,
  detectGov24Kind,
  isBusinessAudience,
  gov24UserTypes,
  type Gov24Kind,
  type Gov24Condition,
  type Gov24ConditionsBatch,
} from './catalog.gov24.ts';
export { parsePeriod, parseKstTimestamp, isoDate, type PeriodParse } from './catalog.period.ts';
export { parseKrwAmount, findAmounts, extractMaxAmount, detectBenefitType } from './catalog.amount.ts';
export {
  SIDO,
  GYEONGGI_MUNICIPALITIES,
  NATIONWIDE_SIDO_THRESHOLD,
  sidoCodeOf,
  normalizeSidoCode,
  municipalityCodeOf,
  regionsFromTags,
  regionsFromAgencyName,
  regionCriterion,
} from './catalog.region.ts';
export { htmlToPlainText, htmlToOneLine } from './catalog.text.ts';
export { draftFingerprint, canonicalJson, FINGERPRINT_VERSION } from './catalog.fingerprint.ts';
