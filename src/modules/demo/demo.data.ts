import type { Role } from '../../domain/roles.ts';

/**
 * DEMO DATA (예시 데이터). The programme's own 8 사무소 are not public (docs/domain.md), so these
 * offices are an example split of the 31 시·군 over the default 6 권역, labelled as demo
 * everywhere they are shown. Loaded only on the embedded database.
 */
export const DEMO_PASSWORD = 'itda-demo-2026';
/**
 * The published TOTP key of the demo accounts that must use a second factor (operator, admin,
 * office lead; issue 14 §2). Demo only, like the password: add it to any authenticator app, or
 * read the current code on the demo's second-step page.
 */
export const DEMO_TOTP_SECRET = 'ITDADEMOITDADEMOITDADEMOITDADEMO';

export const DEMO_OFFICES: { name: string; region: string; municipalities: string[]; address: string }[] = [
  { name: '수원 사무소 (예시)', region: '남부(수원)', municipalities: ['41110', '41410', '41430', '41290'], address: '경기도 수원시 (예시 주소)' },
  { name: '용인 사무소 (예시)', region: '남부(수원)', municipalities: ['41460'], address: '경기도 용인시 (예시 주소)' },
  { name: '화성 사무소 (예시)', region: '남부(화성)', municipalities: ['41590', '41370', '41220', '41550'], address: '경기도 화성시 (예시 주소)' },
  { name: '광주 사무소 (예시)', region: '남동(광주)', municipalities: ['41610', '41130', '41670', '41500'], address: '경기도 광주시 (예시 주소)' },
  { name: '시흥 사무소 (예시)', region: '남서(시흥)', municipalities: ['41390', '41170', '41270', '41210', '41190'], address: '경기도 시흥시 (예시 주소)' },
  { name: '남양주 사무소 (예시)', region: '북부(남양주)', municipalities: ['41360', '41150', '41650', '41310', '41820', '41450', '41830'], address: '경기도 남양주시 (예시 주소)' },
  { name: '파주 사무소 (예시)', region: '북서(파주)', municipalities: ['41480', '41630', '41250', '41800'], address: '경기도 파주시 (예시 주소)' },
  { name: '고양 사무소 (예시)', region: '북서(파주)', municipalities: ['41280', '41570'], address: '경기도 고양시 (예시 주소)' },
];

export const DEMO_ACCOUNTS: { login: string; displayName: string; role: Role; office?: string }[] = [
  { login: 'demo-owner', displayName: '김소상 (예시 소상공인)', role: 'owner' },
  { login: 'demo-clerk', displayName: '이사무 (예시 공공사무원)', role: 'clerk', office: '수원 사무소 (예시)' },
  { login: 'demo-lead', displayName: '박팀장 (예시 사무소 팀장)', role: 'office_lead', office: '수원 사무소 (예시)' },
  { login: 'demo-operator', displayName: '최운영 (예시 운영기관)', role: 'operator' },
  { login: 'demo-province', displayName: '정경기 (예시 경기도 담당)', role: 'province' },
  { login: 'demo-saeil', displayName: '한새일 (예시 새일센터 상담사)', role: 'saeil_counsellor' },
  { login: 'demo-catalog', displayName: '오사업 (예시 지원사업 담당)', role: 'catalog_editor' },
  { login: 'demo-admin', displayName: '관리자 (예시)', role: 'admin' },
];
