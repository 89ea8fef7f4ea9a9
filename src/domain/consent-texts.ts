/**
 * The wording an owner agrees to, as data: each version is kept for as long as a consent given
 * under it may exist, because the printed 동의서 (issue 13 §3) must show exactly the text the
 * recorded consent refers to (`consent.text_version`). A change of wording is a NEW version here,
 * never an edit of an old one (a test checks that every version in use has its text).
 *
 * Contents required by 개인정보 보호법:
 * - 수집·이용 (§15 ②): 목적, 항목, 보유·이용 기간, 동의 거부권과 거부 시 불이익;
 * - 제3자 제공 (§17 ②): 제공받는 자, 그 이용 목적, 항목, 보유·이용 기간, 거부권과 불이익.
 * 주민등록번호 is never collected (§24-2), and the text says so. The periods stated are those of the
 * retention rules (src/domain/retention/retention.rules.ts: business 3 years, files 1 year).
 */
export type ConsentKind = 'collection' | 'third_party' | 'reminders';

export interface ConsentText {
  readonly kind: ConsentKind;
  readonly version: string;
  readonly title: string;
  /** Label → text, in the order the law lists them. */
  readonly items: readonly { readonly label: string; readonly text: string }[];
  readonly refusal: string;
}

/** The version new consents are recorded under. */
export const CONSENT_TEXT_VERSION: Readonly<Record<ConsentKind, string>> = { collection: '2026-1', third_party: '2026-1', reminders: '2026-1' };

const TEXTS: readonly ConsentText[] = [
  {
    kind: 'collection',
    version: '2026-1',
    title: '개인정보 수집·이용 동의서',
    items: [
      {
        label: '수집·이용 목적',
        text: '경기도 소상공인 지원 공공사무원 사업에서 공공사무원이 받을 수 있는 지원사업을 찾아 안내하고, 신청서류 준비와 신청을 돕고, 결과를 확인하기 위해',
      },
      {
        label: '수집 항목',
        text: '대표자 성명, 휴대전화 번호, 생년월일(지원 요건 확인에 필요한 경우), 상호, 사업자등록번호, 사업장 주소, 업종, 개업일, 매출·직원 수, 세금 체납 여부, 상담 내용, 신청서류',
      },
      {
        label: '보유·이용 기간',
        text: '마지막 지원(신청·선정·수혜)이 끝난 날부터 3년. 올린 서류 파일은 올린 날부터 1년(진행 중인 신청이 있으면 끝날 때까지). 그 뒤에는 지체 없이 파기합니다(개인정보 보호법 제21조). 동의를 철회하면 그때 파기합니다.',
      },
      {
        label: '수집하지 않는 정보',
        text: '주민등록번호는 어떤 경우에도 수집하지 않습니다(개인정보 보호법 제24조의2). 서류에 적혀 있으면 가린 뒤 받습니다.',
      },
    ],
    refusal:
      '동의하지 않을 권리가 있습니다. 동의하지 않으면 대표자 개인정보는 저장하지 않으며, 상호·업종 등 사업장 정보만으로 지원사업을 안내받을 수 있습니다.',
  },
  {
    kind: 'third_party',
    version: '2026-1',
    title: '개인정보 제3자 제공 동의서',
    items: [
      {
        label: '제공받는 자',
        text: '신청하는 지원사업을 시행하는 기관(예: 소상공인시장진흥공단, 경기도, 시·군, 경기신용보증재단 등 해당 사업 공고의 시행기관)',
      },
      { label: '이용 목적', text: '지원사업 신청의 접수, 자격 확인, 선정과 지원금 지급' },
      { label: '제공 항목', text: '대표자 성명, 연락처, 상호, 사업자등록번호, 사업장 주소, 업종, 신청서와 구비서류' },
      { label: '보유·이용 기간', text: '제공받는 기관이 그 사업과 관련 법령에 따라 정한 기간' },
    ],
    refusal: '동의하지 않을 권리가 있습니다. 동의하지 않으면 공공사무원이 대신 신청서류를 제출해 드릴 수 없고, 대표자가 직접 신청해야 합니다.',
  },
  // 알림 수신 동의 (issue 13 §2). A text of its own rather than the collection consent: that one names
  // neither an e-mail address nor messages to the owner, and the weekly list of new programmes is the
  // kind of message 정보통신망법 §50 ① asks prior consent for (even though public programmes are not
  // 영리 광고, the programme keeps the stricter rule). It states the opt-out (§50 ⑧: free, in every
  // message) and that nothing is sent 21–08시 (§50 ③ would need a separate consent for that).
  // Recorded on contact_preference (consent_text_version, consented_at), not in the consent table.
  {
    kind: 'reminders',
    version: '2026-1',
    title: '알림 수신 동의서',
    items: [
      {
        label: '받는 알림',
        text: '신청한 지원사업의 진행 상황이 바뀔 때, 지원사업 마감 전에 준비할 서류가 없거나 유효기간이 끝날 때, 우리 가게가 받을 수 있는 새 지원사업(일주일에 한 번까지), 지원을 받은 뒤 만족도 조사',
      },
      { label: '받는 방법과 항목', text: '문자(SMS), 이메일, 카카오톡 알림톡 가운데 고른 것으로. 휴대전화 번호, 이메일 주소' },
      { label: '보내지 않는 때', text: '밤 9시부터 아침 8시까지는 보내지 않습니다. 진행 상황 알림 외의 알림은 일주일에 정한 횟수까지만 보냅니다.' },
      {
        label: '보유·이용 기간',
        text: '동의를 철회할 때까지. 철회하면 그때부터 아무 알림도 보내지 않고, 보내려고 기다리던 알림도 모두 취소합니다.',
      },
      { label: '철회 방법', text: '모든 알림 끝의 "알림 그만 받기" 주소에서 버튼 하나로(로그인 필요 없음, 무료), 또는 공공사무원에게 말씀하시면 됩니다.' },
    ],
    refusal: '동의하지 않을 권리가 있습니다. 동의하지 않아도 지원사업 안내와 신청 도움은 그대로 받을 수 있고, 공공사무원이 전화나 방문으로 알려 드립니다.',
  },
];

/** The text of a recorded consent's version; undefined for a version nobody wrote down. */
export function consentText(kind: ConsentKind, version: string): ConsentText | undefined {
  return TEXTS.find((t) => t.kind === kind && t.version === version);
}

/** Every version of every kind (the test that each version in use has its text). */
export function consentVersions(): readonly ConsentText[] {
  return TEXTS;
}
