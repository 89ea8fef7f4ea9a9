import { describe, expect, it } from 'vitest';
import { getDocumentType } from '../../domain/documents/document-types.ts';
import { buildChecklist, checklistSummary, type HeldDocument } from './documents.checklist.ts';

const types = new Map(
  ['national_tax_certificate', 'small_business_cert', 'id_copy_masked', 'business_registration_cert'].map((code) => {
    const t = getDocumentType(code);
    return [code, { code, name: t.name, validity: t.validity }] as const;
  }),
);
const doc = (over: Partial<HeldDocument> & Pick<HeldDocument, 'documentType' | 'issuedOn'>): HeldDocument => ({
  id: `${over.documentType}-${over.issuedOn}-${over.participationId ?? 'none'}`,
  validUntil: null,
  participationId: null,
  files: [],
  ...over,
});
const base = {
  participationId: 'P',
  participationStatus: 'preparing',
  submittedOn: null,
  types,
  today: '2026-11-27',
};

describe('document checklist', () => {
  it('없음 when nothing is held; the programme order is kept and duplicates dropped', () => {
    const items = buildChecklist({
      ...base,
      required: ['small_business_cert', 'national_tax_certificate', 'small_business_cert'],
      held: [],
    });
    expect(items.map((i) => [i.code, i.status, i.name])).toEqual([
      ['small_business_cert', 'missing', '소상공인확인서'],
      ['national_tax_certificate', 'missing', '국세 납세증명서 (국세완납증명)'],
    ]);
    expect(checklistSummary(items)).toEqual({ total: 2, ready: 0 });
  });

  it('유효 / 만료 임박 / 만료 from the issue date and the type (납세증명 30 days, 소상공인확인서 to 31 March)', () => {
    const status = (documentType: string, issuedOn: string) =>
      buildChecklist({ ...base, required: [documentType], held: [doc({ documentType, issuedOn, participationId: 'P' })] })[0]!;
    expect(status('national_tax_certificate', '2026-11-20')).toMatchObject({
      status: 'valid',
      validUntil: '2026-12-20',
      daysLeft: 23,
      reused: false,
    });
    expect(status('national_tax_certificate', '2026-11-01')).toMatchObject({ status: 'expiring', validUntil: '2026-12-01', daysLeft: 4 });
    expect(status('national_tax_certificate', '2026-10-01')).toMatchObject({ status: 'expired', validUntil: '2026-10-31' });
    expect(status('small_business_cert', '2026-05-10')).toMatchObject({ status: 'valid', validUntil: '2027-03-31' });
    expect(status('small_business_cert', '2026-02-10')).toMatchObject({ status: 'expired', validUntil: '2026-03-31' });
    expect(status('id_copy_masked', '2020-01-01')).toMatchObject({ status: 'valid', validUntil: null, daysLeft: null });
  });

  it('reuses a valid document the business already holds ("이미 있는 서류 사용"), not an expired one', () => {
    const held = [
      doc({ documentType: 'small_business_cert', issuedOn: '2026-06-01', participationId: 'OTHER' }),
      doc({ documentType: 'national_tax_certificate', issuedOn: '2026-09-01', participationId: 'OTHER' }),
    ];
    const [sb, tax] = buildChecklist({ ...base, required: ['small_business_cert', 'national_tax_certificate'], held });
    expect(sb).toMatchObject({ status: 'valid', reused: true, others: 0 });
    expect(tax).toMatchObject({ status: 'expired', reused: true });
  });

  it('prefers the best status, then the participation’s own document, then the newest', () => {
    const held = [
      doc({ documentType: 'national_tax_certificate', issuedOn: '2026-11-25', participationId: 'OTHER' }),
      doc({ documentType: 'national_tax_certificate', issuedOn: '2026-11-20', participationId: 'P' }),
      doc({ documentType: 'national_tax_certificate', issuedOn: '2026-09-01', participationId: 'P' }),
    ];
    const [item] = buildChecklist({ ...base, required: ['national_tax_certificate'], held });
    expect(item).toMatchObject({ status: 'valid', reused: false, others: 2 });
    expect(item!.document!.issuedOn).toBe('2026-11-20');
  });

  it('the date printed on the certificate wins over the computed period', () => {
    const held = [
      doc({ documentType: 'national_tax_certificate', issuedOn: '2026-11-20', validUntil: '2026-11-30', participationId: 'P' }),
    ];
    expect(buildChecklist({ ...base, required: ['national_tax_certificate'], held })[0]).toMatchObject({
      status: 'expiring',
      validUntil: '2026-11-30',
      daysLeft: 3,
    });
  });

  it('제출 once submitted: valid on the submission date counts even if it expired since', () => {
    const held = [doc({ documentType: 'national_tax_certificate', issuedOn: '2026-10-01', participationId: 'P' })];
    const submitted = {
      ...base,
      participationStatus: 'selected',
      submittedOn: '2026-10-15',
      required: ['national_tax_certificate', 'small_business_cert'],
      held,
    };
    const [tax, sb] = buildChecklist(submitted);
    expect(tax).toMatchObject({ status: 'submitted' });
    expect(sb).toMatchObject({ status: 'missing' });
    // Issued after the submission: judged on today's date.
    const later = buildChecklist({
      ...submitted,
      held: [doc({ documentType: 'national_tax_certificate', issuedOn: '2026-11-20', participationId: 'P' })],
    });
    expect(later[0]).toMatchObject({ status: 'valid' });
  });

  it('a type the catalogue does not know stays 없음 and shows its code', () => {
    expect(buildChecklist({ ...base, required: ['no_such_type'], held: [] })[0]).toMatchObject({
      code: 'no_such_type',
      name: null,
      status: 'missing',
    });
  });

  it('a document "issued" after today (a typing error) never counts', () => {
    const held = [doc({ documentType: 'national_tax_certificate', issuedOn: '2026-12-01', participationId: 'P' })];
    expect(buildChecklist({ ...base, required: ['national_tax_certificate'], held })[0]).toMatchObject({ status: 'missing', others: 1 });
  });
});
