import { describe, expect, it } from 'vitest';
import {
  DOCUMENT_TYPE_CODES,
  DOCUMENT_TYPES,
  DocumentTypeSchema,
  documentTypeRows,
  findDocumentType,
  getDocumentType,
  isDocumentTypeCode,
  ValidityRuleSchema,
} from './document-types.ts';

/** The codes the brief and docs/domain.md name; programmes and held documents refer to them. */
const REQUIRED_CODES = [
  'business_registration_cert',
  'vat_tax_base_cert',
  'tax_exempt_income_cert',
  'income_amount_cert',
  'national_tax_certificate',
  'local_tax_certificate',
  'small_business_cert',
  'social_insurance_roster',
  'policy_fund_confirmation',
  'id_copy_masked',
  'lease_contract',
  'bank_account_copy',
  'closure_cert',
  'mail_order_report_cert',
  'application_form',
  'privacy_consent_form',
  'card_sales_statement',
  'disability_cert',
  'veteran_cert',
  // Certificates notices ask for as eligibility (issue 11 §5): held with validity, checked by `documentValid`.
  'women_business_cert',
  'disabled_business_cert',
  'venture_business_cert',
  'good_price_store_designation',
];

describe('document type table', () => {
  it('every entry validates against the schema', () => {
    for (const t of DOCUMENT_TYPES) expect(() => DocumentTypeSchema.parse(t), t.code).not.toThrow();
  });

  it('codes are unique snake_case and include every agreed code', () => {
    expect(new Set(DOCUMENT_TYPE_CODES).size).toBe(DOCUMENT_TYPE_CODES.length);
    for (const code of DOCUMENT_TYPE_CODES) expect(code).toMatch(/^[a-z][a-z0-9_]*$/);
    for (const code of REQUIRED_CODES) expect(isDocumentTypeCode(code), code).toBe(true);
  });

  it('every validity rule is data with a source and is marked for review', () => {
    for (const t of DOCUMENT_TYPES) {
      expect(() => ValidityRuleSchema.parse(t.validity), t.code).not.toThrow();
      expect(t.source.length, t.code).toBeGreaterThan(0);
      expect(t.reviewStatus, t.code).toBe('확인 필요');
    }
  });

  it('records the validity periods docs/domain.md gives', () => {
    expect(getDocumentType('national_tax_certificate').validity).toMatchObject({ kind: 'days', days: 30 });
    expect(getDocumentType('local_tax_certificate').validity).toMatchObject({ kind: 'days', days: 30 });
    expect(getDocumentType('small_business_cert').validity).toMatchObject({ kind: 'fixedYearEnd', month: 3, day: 31 });
    expect(getDocumentType('business_registration_cert').validity.kind).toBe('perNotice');
    expect(getDocumentType('id_copy_masked').validity.kind).toBe('none');
  });

  it('every perNotice rule tells the clerk what to check', () => {
    for (const t of DOCUMENT_TYPES) {
      if (t.validity.kind === 'perNotice') expect(t.validity.note.length, t.code).toBeGreaterThan(0);
    }
  });

  it('papers that can show a 주민등록번호 are flagged for masking', () => {
    for (const code of ['id_copy_masked', 'business_registration_cert', 'national_tax_certificate', 'disability_cert']) {
      expect(getDocumentType(code).mayShowRrn, code).toBe(true);
    }
  });

  it('uses every validity kind at least once', () => {
    const kinds = new Set(DOCUMENT_TYPES.map((t) => t.validity.kind));
    expect([...kinds].sort()).toEqual(['days', 'fixedYearEnd', 'months', 'none', 'perNotice']);
  });

  it('rejects malformed validity rules', () => {
    expect(() => ValidityRuleSchema.parse({ kind: 'days', days: 0 })).toThrow();
    expect(() => ValidityRuleSchema.parse({ kind: 'days', days: 1.5 })).toThrow();
    expect(() => ValidityRuleSchema.parse({ kind: 'fixedYearEnd', month: 13, day: 1 })).toThrow();
    expect(() => ValidityRuleSchema.parse({ kind: 'perNotice', defaultDays: 90 })).toThrow(); // note required
    expect(() => ValidityRuleSchema.parse({ kind: 'weeks', weeks: 2 })).toThrow();
    expect(() => ValidityRuleSchema.parse({ kind: 'days', days: 30, extra: true })).toThrow();
  });

  it('lookups', () => {
    expect(findDocumentType('nope')).toBeUndefined();
    expect(() => getDocumentType('nope')).toThrow(RangeError);
    expect(getDocumentType('small_business_cert').name).toBe('소상공인확인서');
  });

  it('documentTypeRows() gives exactly the document_type columns', () => {
    const rows = documentTypeRows();
    expect(rows).toHaveLength(DOCUMENT_TYPES.length);
    for (const r of rows) expect(Object.keys(r).sort()).toEqual(['code', 'issuer', 'name', 'nameEn', 'reviewStatus', 'source', 'validity']);
    // The JSON stored in the database round-trips through the schema.
    for (const r of rows) expect(ValidityRuleSchema.parse(JSON.parse(JSON.stringify(r.validity)))).toEqual(r.validity);
  });
});

describe('matchDocumentTypes', () => {
  it('finds the document types a notice names in free text', async () => {
    const { matchDocumentTypes } = await import('./document-types.ts');
    const codes = matchDocumentTypes(['사업자등록증명원 1부', '지방세 납세증명서(완납)', '사업계획서', '기타 증빙']);
    expect(codes).toContain('business_registration_cert');
    expect(codes).toContain('local_tax_certificate');
    expect(codes).not.toContain('national_tax_certificate');
  });
});
