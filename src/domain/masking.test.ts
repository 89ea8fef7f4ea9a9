import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskBrn, maskEmail, maskName, maskPhone } from './masking.ts';

describe('masking (one rule everywhere)', () => {
  it('masks names keeping first and last character', () => {
    expect(maskName('김민용')).toBe('김*용');
    expect(maskName('남궁민훈')).toBe('남**훈');
    expect(maskName('이도')).toBe('이*');
    expect(maskName('김')).toBe('김');
    expect(maskName(null)).toBe('');
  });
  it('masks phones as 010-****-5678', () => {
    expect(maskPhone('010-1234-5678')).toBe('010-****-5678');
    expect(maskPhone('01012345678')).toBe('010-****-5678');
    expect(maskPhone('02-123-4567')).toBe('02-****-4567');
    expect(maskPhone('031-123-4567')).toBe('031-****-4567');
  });
  it('masks e-mail and 사업자등록번호', () => {
    expect(maskEmail('kim@example.com')).toBe('k***@example.com');
    expect(maskBrn('220-81-62517')).toBe('220-81-***17');
  });
  it('never shows the middle of a phone number (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^010\d{8}$/), (p) => {
        const m = maskPhone(p);
        return !m.includes(p.slice(3, 7)) || p.slice(3, 7) === p.slice(7);
      }),
    );
  });
});
