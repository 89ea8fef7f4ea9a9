/**
 * Message templates of the outbox, in Korean (source language) and English; the messages an owner
 * receives also in Chinese (Simplified) and Vietnamese (issue 13 §4: OWNER_TEMPLATES, a test checks
 * they have all four). A staff message asked for in zh/vi is sent in Korean.
 *
 * A template is rendered once, when the message is enqueued, and the text is stored in the
 * outbox row: what the admin page shows is exactly what was sent, even after a template changes.
 *
 * Never put a secret in a template or its params (e.g. a one-time password): the outbox row,
 * the log channel and the admin page keep the text in clear. 개인정보 안전성 확보조치 기준 §7
 * requires passwords to be stored only one-way encrypted, so the password is handed over by the
 * staff member who created the account and the message only says so.
 *
 * SMS length: Korean carriers bill an SMS up to 90 bytes counted in EUC-KR (a Hangul syllable is
 * 2 bytes, ASCII 1). Anything longer goes out as an LMS (up to 2,000 bytes) at a higher price, or
 * is cut by some providers. We never truncate silently — a cut message can lose the one fact it
 * carries — so SMS bodies are written short and a test checks them with typical values;
 * `smsByteLength` lets callers and the admin page see when a message became an LMS.
 */
export type ChannelKind = 'email' | 'sms' | 'alimtalk';
/** 카카오 알림톡 carries the SMS wording (a short notice to the owner's phone); templates write two texts. */
type TextChannel = 'email' | 'sms';
export type TemplateParams = Record<string, string | number>;
export type TemplateLocale = 'ko' | 'en' | 'zh' | 'vi';
export const TEMPLATE_LOCALES: readonly TemplateLocale[] = ['ko', 'en', 'zh', 'vi'];

export interface RenderedMessage {
  /** E-mail subject; for SMS the title shown when the carrier turns it into an LMS. */
  subject: string;
  body: string;
}

export class UnknownTemplateError extends Error {
  constructor(readonly template: string) {
    super(`unknown notification template: ${template}`);
    this.name = 'UnknownTemplateError';
  }
}

export class TemplateParamError extends Error {
  constructor(
    readonly template: string,
    readonly param: string,
  ) {
    super(`notification template ${template} needs the parameter "${param}"`);
    this.name = 'TemplateParamError';
  }
}

type Render = (p: TemplateParams) => RenderedMessage;
interface TemplateDef {
  /** Params that must be present and non-empty. */
  required: readonly string[];
  /** Params that are secrets (a link's token): masked in the stored copy once the message is sent (maskSentSecrets). */
  secret?: readonly string[];
  /** ko and en always; zh and vi for the messages an owner receives (OWNER_TEMPLATES). 알림톡 carries the SMS text. */
  text: Record<'ko' | 'en', Record<TextChannel, Render>> & Partial<Record<'zh' | 'vi', Record<TextChannel, Render>>>;
}

const s = (v: string | number | undefined): string => (v === undefined ? '' : String(v));
/** A line only when the value is there, so optional params leave no empty "label:" lines. */
const line = (label: string, v: string | number | undefined): string[] => (v === undefined || v === '' ? [] : [`${label}${v}`]);

const TEMPLATES = {
  'account.created': {
    required: ['login'],
    text: {
      ko: {
        email: (p) => ({
          subject: '[잇다] 계정이 만들어졌습니다',
          body: [
            p.displayName ? `${s(p.displayName)}님, 안녕하세요.` : '안녕하세요.',
            '',
            '잇다(경기도 소상공인 지원 공공사무원 사업 운영 시스템)에 계정이 만들어졌습니다.',
            '',
            `아이디: ${s(p.login)}`,
            ...line('로그인 주소: ', p.url),
            '',
            '처음 로그인할 때 쓰는 일회용 비밀번호는 보안을 위해 이 메일에 적지 않았습니다.',
            '계정을 만든 담당자가 따로 알려 드립니다. 처음 로그인하면 비밀번호를 새로 정해야 합니다.',
            '',
            '요청하지 않은 계정이라면 담당 사무소에 알려 주세요.',
            '이 메일은 발신 전용입니다.',
          ].join('\n'),
        }),
        // 67 bytes + the login: one SMS for logins up to 23 characters (logins may have 50: an LMS).
        sms: (p) => ({
          subject: '[잇다] 계정 생성',
          body: `[잇다] 계정 생성(아이디 ${s(p.login)}). 일회용 비밀번호는 담당자가 알려드립니다.`,
        }),
      },
      en: {
        email: (p) => ({
          subject: '[Itda] Your account has been created',
          body: [
            p.displayName ? `Hello ${s(p.displayName)},` : 'Hello,',
            '',
            'An account has been created for you in Itda, the operations system of the Gyeonggi small-business support programme.',
            '',
            `Login: ${s(p.login)}`,
            ...line('Sign-in address: ', p.url),
            '',
            'For security, your one-time password is not in this e-mail: the staff member who created',
            'the account gives it to you separately. You will choose a new password at first sign-in.',
            '',
            'If you did not expect this account, please tell your local office.',
            'This mailbox is not monitored.',
          ].join('\n'),
        }),
        // 65 bytes + the login.
        sms: (p) => ({
          subject: '[Itda] Account created',
          body: `[Itda] Account ${s(p.login)} created. Staff will give you a one-time password.`,
        }),
      },
    },
  },
  'test.message': {
    required: [],
    text: {
      ko: {
        email: (p) => ({
          subject: '[잇다] 테스트 메시지',
          body: ['알림 발송 설정을 확인하기 위한 테스트 메시지입니다.', ...line('보낸 사람: ', p.sentBy), '', '이 메일은 발신 전용입니다.'].join('\n'),
        }),
        sms: () => ({ subject: '[잇다] 테스트', body: '[잇다] 알림 발송 테스트 메시지입니다.' }),
      },
      en: {
        email: (p) => ({
          subject: '[Itda] Test message',
          body: ['This is a test message to check the notification settings.', ...line('Sent by: ', p.sentBy), '', 'This mailbox is not monitored.'].join('\n'),
        }),
        sms: () => ({ subject: '[Itda] Test', body: '[Itda] This is a test notification.' }),
      },
    },
  },
  // ── Published chain heads (issue 14 §4): the day's last hash of the audit trail and of the 접속기록,
  // signed, to a recipient outside Itda (ITDA_CHAIN_HEADS_TO). The block between the markers is what
  // was signed; `itda verify-chain --file <this mail>` reads it back (src/domain/chain-heads.ts).
  'chains.heads': {
    required: [],
    text: {
      ko: {
        email: (p) => ({
          subject: `[잇다] 접속기록·감사기록 일별 해시 ${s(p.days)}`,
          body: [
            `잇다의 감사기록(audit)과 개인정보 접속기록(access)의 일별 해시(그날 마지막 기록의 연결 해시)입니다: ${s(p.days)} (한국 시간).`,
            '이 메일을 지우지 말고 보관해 주세요. 데이터베이스의 기록이 나중에 고쳐졌는지 이 값과 맞춰 봅니다',
            '(개인정보의 안전성 확보조치 기준 제8조: 접속기록의 위·변조 방지).',
            '',
            '형식: 날짜 기록 마지막기록번호 해시',
            '-----BEGIN ITDA CHAIN HEADS-----',
            s(p.payload),
            '-----END ITDA CHAIN HEADS-----',
            `서명 (Ed25519, base64, 위 두 표시 줄 사이의 글을 서명): ${s(p.signature)}`,
            `공개키 지문 (SHA-256): ${s(p.fingerprint)}`,
            s(p.publicKey).trimEnd(),
            '',
            '확인 방법:',
            '1. 이 메일 본문을 파일로 저장합니다 (예: heads.txt).',
            '2. 잇다 서버에서: npx itda verify-chain --file heads.txt',
            '   서명을 확인하고, 두 기록의 해시 체인을 처음부터 다시 계산해 위 값과 비교합니다.',
            '   다르면 "불일치"와 함께 0이 아닌 종료 코드로 끝납니다.',
            '3. 공개키 지문이 전에 받은 메일의 지문과 같은지 확인하세요. 바뀌었다면 운영자에게 이유를 물어 주세요.',
            '',
            '이 메일은 발신 전용입니다.',
          ].join('\n'),
        }),
        sms: (p) => ({ subject: '[잇다] 일별 해시', body: `[잇다] 접속기록·감사기록 일별 해시 ${s(p.days)}: 메일로 보냈습니다.` }),
      },
      en: {
        email: (p) => ({
          subject: `[Itda] Daily heads of the access and audit records ${s(p.days)}`,
          body: [
            `The daily heads (the last row's chain hash) of Itda's audit trail (audit) and access records (access): ${s(p.days)} (Korean time).`,
            'Keep this message: it is what the database is checked against if a record is ever rewritten.',
            '',
            'Format: day chain last-row-id hash',
            '-----BEGIN ITDA CHAIN HEADS-----',
            s(p.payload),
            '-----END ITDA CHAIN HEADS-----',
            `Signature (Ed25519, base64, over the text between the two marker lines): ${s(p.signature)}`,
            `Public key fingerprint (SHA-256): ${s(p.fingerprint)}`,
            s(p.publicKey).trimEnd(),
            '',
            'To verify: save this message as heads.txt and run `npx itda verify-chain --file heads.txt` on the Itda server.',
            'Check that the fingerprint is the one of earlier messages.',
          ].join('\n'),
        }),
        sms: (p) => ({ subject: '[Itda] Daily heads', body: `[Itda] Daily chain heads ${s(p.days)} were sent by e-mail.` }),
      },
    },
  },
  // ── Owner view (casework). The link carries a token: valid 24 hours (reusable; a new link closes it), for one business,
  // only its SHA-256 stored; the outbox copy is readable only by staff who may read the business.
  'owner.link': {
    required: [],
    secret: ['url'],
    text: {
      ko: {
        email: (p) => ({ subject: '[잇다] 지원사업 진행 상황', body: [`${s(p.business)} 사장님, 신청하신 지원사업 진행 상황을 아래 주소에서 보실 수 있습니다 (24시간 동안).`, s(p.url)].join('\n') }),
        sms: (p) => ({ subject: '[잇다] 진행 상황', body: `[잇다] 지원사업 진행 상황 보기(24시간): ${s(p.url)}` }),
      },
      en: {
        email: (p) => ({ subject: '[Itda] Your application status', body: [`${s(p.business)}: see the status of your support applications here (valid 24 hours).`, s(p.url)].join('\n') }),
        sms: (p) => ({ subject: '[Itda] Status', body: `[Itda] Your application status (24 h): ${s(p.url)}` }),
      },
      zh: {
        email: (p) => ({ subject: '[잇다] 扶持项目进展', body: [`${s(p.business)} 老板您好，您申请的扶持项目进展可以在下面的地址查看（24 小时内有效）。`, s(p.url)].join('\n') }),
        sms: (p) => ({ subject: '[잇다] 进展', body: `[잇다] 扶持项目进展（24小时）: ${s(p.url)}` }),
      },
      vi: {
        email: (p) => ({
          subject: '[잇다] Tình hình hỗ trợ',
          body: [`${s(p.business)}: xem tình hình các chương trình hỗ trợ bạn đã đăng ký tại địa chỉ dưới đây (trong 24 giờ).`, s(p.url)].join('\n'),
        }),
        sms: (p) => ({ subject: '[잇다] Tình hình', body: `[잇다] Tình hình hỗ trợ (24 giờ): ${s(p.url)}` }),
      },
    },
  },
  // ── Help request from the public self-check (issue 13 §1): the owner's confirmation, short enough for one SMS.
  'help.received': {
    required: [],
    text: {
      ko: {
        email: (p) => ({ subject: '[잇다] 도움 요청 접수', body: `${s(p.office)}에서 공공사무원이 곧 연락드립니다. 문의: ${s(p.phone)}` }),
        sms: (p) => ({ subject: '[잇다] 도움 요청 접수', body: `[잇다] 도움 요청 접수. ${s(p.office) || '경기도'} 공공사무원이 곧 연락드립니다.` }),
      },
      en: {
        email: (p) => ({ subject: '[Itda] Request received', body: `A public clerk of ${s(p.office)} will contact you soon. Contact: ${s(p.phone)}` }),
        sms: (p) => ({ subject: '[Itda] Request received', body: `[Itda] Request received. A public clerk${p.office ? ` of ${s(p.office)}` : ''} will call you soon.` }),
      },
      // The office's name stays Korean (it is what the caller will say on the phone).
      zh: {
        email: (p) => ({ subject: '[잇다] 已收到帮助请求', body: `${s(p.office)} 的公共事务员 (공공사무원) 很快会联系您。咨询：${s(p.phone)}` }),
        sms: (p) => ({ subject: '[잇다] 已收到请求', body: `[잇다] 已收到帮助请求。${s(p.office) || '경기도'} 公共事务员会尽快联系您。` }),
      },
      vi: {
        email: (p) => ({ subject: '[잇다] Đã nhận yêu cầu', body: `Nhân viên hỗ trợ công (공공사무원) của ${s(p.office)} sẽ sớm liên lạc với bạn. Liên hệ: ${s(p.phone)}` }),
        sms: (p) => ({ subject: '[잇다] Đã nhận yêu cầu', body: `[잇다] Đã nhận yêu cầu. Nhân viên ${s(p.office) || '경기도'} sẽ sớm gọi cho bạn.` }),
      },
    },
  },
  // ── Satisfaction survey (issue 5): the link carries a one-time token (30 days, one answer, only its
  // SHA-256 stored); the printable code is the same survey for owners who prefer to type it.
  'survey.link': {
    required: [],
    text: {
      ko: {
        email: (p) => ({
          subject: '[잇다] 지원사업 만족도 조사 (3문항)',
          body: [`${s(p.programme)} 진행을 도와드린 공공사무원 지원에 대해 3문항에 답해 주세요 (1분).`, s(p.url), ...line('또는 주소 끝의 코드 입력: ', p.code), '답은 사업 개선에만 쓰입니다.'].join('\n'),
        }),
        sms: (p) => ({ subject: '[잇다] 만족도 조사', body: `[잇다] 지원 만족도 조사(3문항): ${s(p.url)} 코드 ${s(p.code)}` }),
      },
      en: {
        email: (p) => ({
          subject: '[Itda] Satisfaction survey (3 questions)',
          body: [`Please answer 3 questions about the clerk's help with ${s(p.programme)} (1 minute).`, s(p.url), ...line('Or enter the code: ', p.code), 'Answers are used only to improve the programme.'].join('\n'),
        }),
        sms: (p) => ({ subject: '[Itda] Survey', body: `[Itda] Satisfaction survey (3 questions): ${s(p.url)} code ${s(p.code)}` }),
      },
      zh: {
        email: (p) => ({
          subject: '[잇다] 扶持项目满意度调查（3 个问题）',
          body: [`关于公共事务员帮您办理「${s(p.programme)}」的情况，请回答 3 个问题（1 分钟）。`, s(p.url), ...line('或输入地址末尾的代码：', p.code), '回答只用于改进项目。'].join('\n'),
        }),
        sms: (p) => ({ subject: '[잇다] 满意度调查', body: `[잇다] 满意度调查(3题): ${s(p.url)} 代码 ${s(p.code)}` }),
      },
      vi: {
        email: (p) => ({
          subject: '[잇다] Khảo sát mức độ hài lòng (3 câu hỏi)',
          body: [`Hãy trả lời 3 câu hỏi về sự giúp đỡ của nhân viên hỗ trợ công với chương trình 「${s(p.programme)}」 (1 phút).`, s(p.url), ...line('Hoặc nhập mã ở cuối địa chỉ: ', p.code), 'Câu trả lời chỉ được dùng để cải thiện chương trình.'].join('\n'),
        }),
        sms: (p) => ({ subject: '[잇다] Khảo sát', body: `[잇다] Khảo sát hài lòng (3 câu): ${s(p.url)} mã ${s(p.code)}` }),
      },
    },
  },
  // ── Recruitment (issue 6). Applicants have no account: these go to the e-mail or phone they gave.
  // Params are checked by the recruitment service (`required` stays empty so the generic template
  // test, which renders every template with the account params, keeps working).
  //
  // 'recruitment.code' carries the applicant's access code: the one exception to "no secret in a
  // template". An applicant has no password; the code is their only key and must reach them. It is
  // short-lived (expires with the application period), works only together with their own e-mail or
  // phone number, locks after 5 wrong tries, and only its SHA-256 is stored with the application.
  // The outbox row that keeps it in clear is readable only by staff who may read the application
  // itself (operator, admin), so the copy adds no reader.
  'recruitment.code': {
    required: [],
    text: {
      ko: {
        email: (p) => ({
          subject: '[잇다] 공공사무원 지원서 코드 안내',
          body: [
            p.name ? `${s(p.name)}님, 안녕하세요.` : '안녕하세요.',
            '',
            `「${s(p.roundTitle)}」 지원서를 임시 저장했습니다.`,
            '지원서를 이어서 쓰거나 진행 상황을 볼 때 아래 코드와 이 메일 주소(또는 휴대전화 번호)가 필요합니다.',
            '',
            `코드: ${s(p.code)}`,
            ...line('유효 기한: ', p.expiresAt),
            ...line('주소: ', p.url),
            '',
            '코드는 다른 사람에게 알려 주지 마세요. 직접 신청하지 않았다면 이 메일은 무시하셔도 됩니다.',
            '이 메일은 발신 전용입니다.',
          ].join('\n'),
        }),
        // 76 bytes with a 9-character code and a "11.30" date.
        sms: (p) => ({ subject: '[잇다] 지원 코드', body: `[잇다] 공공사무원 지원 코드 ${s(p.code)} (${s(p.expiresShort)}까지). 타인에게 알려주지 마세요.` }),
      },
      en: {
        email: (p) => ({
          subject: '[Itda] Your application code',
          body: [
            p.name ? `Hello ${s(p.name)},` : 'Hello,',
            '',
            `Your application to "${s(p.roundTitle)}" has been saved.`,
            'To continue it or to see its status you need this code and this e-mail address (or phone number).',
            '',
            `Code: ${s(p.code)}`,
            ...line('Valid until: ', p.expiresAt),
            ...line('Address: ', p.url),
            '',
            'Do not share the code. If you did not apply, you can ignore this message.',
            'This mailbox is not monitored.',
          ].join('\n'),
        }),
        sms: (p) => ({ subject: '[Itda] Code', body: `[Itda] Application code ${s(p.code)} (until ${s(p.expiresShort)}). Do not share it.` }),
      },
    },
  },
  'recruitment.received': {
    required: [],
    text: {
      ko: {
        email: (p) => ({
          subject: '[잇다] 공공사무원 지원서가 접수되었습니다',
          body: [
            p.name ? `${s(p.name)}님, 지원해 주셔서 고맙습니다.` : '지원해 주셔서 고맙습니다.',
            '',
            `「${s(p.roundTitle)}」 지원서가 접수되었습니다.`,
            `접수번호: ${s(p.receiptNo)}`,
            '',
            '진행 상황은 접수번호와 앞서 받은 코드로 확인할 수 있습니다. 결과는 이 연락처로 알려 드립니다.',
            ...line('주소: ', p.url),
            '이 메일은 발신 전용입니다.',
          ].join('\n'),
        }),
        sms: (p) => ({ subject: '[잇다] 접수 완료', body: `[잇다] 공공사무원 지원서 접수 완료. 접수번호 ${s(p.receiptNo)}` }),
      },
      en: {
        email: (p) => ({
          subject: '[Itda] Application received',
          body: [
            p.name ? `Hello ${s(p.name)}, thank you for applying.` : 'Thank you for applying.',
            '',
            `Your application to "${s(p.roundTitle)}" has been received.`,
            `Receipt number: ${s(p.receiptNo)}`,
            '',
            'You can see its status with the receipt number and your code. We will tell you the result here.',
            ...line('Address: ', p.url),
            'This mailbox is not monitored.',
          ].join('\n'),
        }),
        sms: (p) => ({ subject: '[Itda] Received', body: `[Itda] Application received. Receipt number ${s(p.receiptNo)}` }),
      },
    },
  },
  'recruitment.interview': {
    required: [],
    text: {
      ko: {
        email: (p) => ({
          subject: '[잇다] 공공사무원 면접 안내',
          body: [
            p.name ? `${s(p.name)}님, 안녕하세요.` : '안녕하세요.',
            '',
            `「${s(p.roundTitle)}」 면접 일정을 알려 드립니다 (접수번호 ${s(p.receiptNo)}).`,
            `일시: ${s(p.at)}`,
            `장소: ${s(p.place)}`,
            '',
            '참석이 어려우면 운영기관에 미리 알려 주세요.',
            '이 메일은 발신 전용입니다.',
          ].join('\n'),
        }),
        sms: (p) => ({ subject: '[잇다] 면접 안내', body: `[잇다] 공공사무원 면접 ${s(p.at)}, ${s(p.place)}` }),
      },
      en: {
        email: (p) => ({
          subject: '[Itda] Interview',
          body: [
            p.name ? `Hello ${s(p.name)},` : 'Hello,',
            '',
            `Your interview for "${s(p.roundTitle)}" (receipt ${s(p.receiptNo)}):`,
            `When: ${s(p.at)}`,
            `Where: ${s(p.place)}`,
            '',
            'If you cannot come, please tell the operator in advance.',
            'This mailbox is not monitored.',
          ].join('\n'),
        }),
        sms: (p) => ({ subject: '[Itda] Interview', body: `[Itda] Interview ${s(p.at)}, ${s(p.place)}` }),
      },
    },
  },
  'recruitment.selected': {
    required: [],
    text: {
      ko: {
        email: (p) => ({
          subject: '[잇다] 공공사무원 선발 결과 안내 (합격)',
          body: [
            p.name ? `${s(p.name)}님, 안녕하세요.` : '안녕하세요.',
            '',
            `「${s(p.roundTitle)}」에 최종 선발되셨습니다. 축하합니다 (접수번호 ${s(p.receiptNo)}).`,
            '운영기관이 계약과 교육 일정을 따로 연락드립니다. 참여가 어려우면 운영기관에 알려 주세요.',
            '이 메일은 발신 전용입니다.',
          ].join('\n'),
        }),
        sms: (p) => ({ subject: '[잇다] 선발 결과', body: `[잇다] 공공사무원 최종 합격(접수번호 ${s(p.receiptNo)}). 운영기관이 연락드립니다.` }),
      },
      en: {
        email: (p) => ({
          subject: '[Itda] Selection result: selected',
          body: [
            p.name ? `Hello ${s(p.name)},` : 'Hello,',
            '',
            `Congratulations: you have been selected in "${s(p.roundTitle)}" (receipt ${s(p.receiptNo)}).`,
            'The operator will contact you about the contract and training. If you cannot take part, please tell them.',
            'This mailbox is not monitored.',
          ].join('\n'),
        }),
        sms: (p) => ({ subject: '[Itda] Result', body: `[Itda] You have been selected (receipt ${s(p.receiptNo)}). We will contact you.` }),
      },
    },
  },
  'recruitment.waiting': {
    required: [],
    text: {
      ko: {
        email: (p) => ({
          subject: '[잇다] 공공사무원 선발 결과 안내 (예비 합격)',
          body: [
            p.name ? `${s(p.name)}님, 안녕하세요.` : '안녕하세요.',
            '',
            `「${s(p.roundTitle)}」 예비 합격자(대기 ${s(p.position)}번)입니다 (접수번호 ${s(p.receiptNo)}).`,
            '합격자 가운데 참여하지 않는 분이 생기면 순서대로 연락드립니다.',
            '이 메일은 발신 전용입니다.',
          ].join('\n'),
        }),
        sms: (p) => ({ subject: '[잇다] 선발 결과', body: `[잇다] 공공사무원 예비 합격(대기 ${s(p.position)}번, 접수번호 ${s(p.receiptNo)}).` }),
      },
      en: {
        email: (p) => ({
          subject: '[Itda] Selection result: waiting list',
          body: [
            p.name ? `Hello ${s(p.name)},` : 'Hello,',
            '',
            `You are number ${s(p.position)} on the waiting list of "${s(p.roundTitle)}" (receipt ${s(p.receiptNo)}).`,
            'If a selected applicant does not take part, we will contact the next person on the list.',
            'This mailbox is not monitored.',
          ].join('\n'),
        }),
        sms: (p) => ({ subject: '[Itda] Result', body: `[Itda] Waiting list no. ${s(p.position)} (receipt ${s(p.receiptNo)}).` }),
      },
    },
  },
  'recruitment.rejected': {
    required: [],
    text: {
      ko: {
        email: (p) => ({
          subject: '[잇다] 공공사무원 선발 결과 안내',
          body: [
            p.name ? `${s(p.name)}님, 안녕하세요.` : '안녕하세요.',
            '',
            `「${s(p.roundTitle)}」에 지원해 주셔서 고맙습니다. 아쉽게도 이번에는 선발되지 않았습니다 (접수번호 ${s(p.receiptNo)}).`,
            '제출하신 서류는 안내한 보관 기간이 끝나면 파기합니다.',
            '이 메일은 발신 전용입니다.',
          ].join('\n'),
        }),
        sms: (p) => ({ subject: '[잇다] 선발 결과', body: `[잇다] 공공사무원 선발 결과: 아쉽게도 선발되지 않았습니다(${s(p.receiptNo)}).` }),
      },
      en: {
        email: (p) => ({
          subject: '[Itda] Selection result',
          body: [
            p.name ? `Hello ${s(p.name)},` : 'Hello,',
            '',
            `Thank you for applying to "${s(p.roundTitle)}". We are sorry: you have not been selected this time (receipt ${s(p.receiptNo)}).`,
            'Your documents will be destroyed when the stated retention period ends.',
            'This mailbox is not monitored.',
          ].join('\n'),
        }),
        sms: (p) => ({ subject: '[Itda] Result', body: `[Itda] Sorry, you were not selected this time (${s(p.receiptNo)}).` }),
      },
    },
  },
  'recruitment.promoted': {
    required: [],
    text: {
      ko: {
        email: (p) => ({
          subject: '[잇다] 공공사무원 추가 합격 안내',
          body: [
            p.name ? `${s(p.name)}님, 안녕하세요.` : '안녕하세요.',
            '',
            `「${s(p.roundTitle)}」에서 결원이 생겨 예비 합격자였던 ${p.name ? `${s(p.name)}님` : '지원자님'}이 합격자가 되셨습니다 (접수번호 ${s(p.receiptNo)}).`,
            '운영기관이 계약과 교육 일정을 따로 연락드립니다.',
            '이 메일은 발신 전용입니다.',
          ].join('\n'),
        }),
        sms: (p) => ({ subject: '[잇다] 추가 합격', body: `[잇다] 공공사무원 추가 합격(접수번호 ${s(p.receiptNo)}). 운영기관이 연락드립니다.` }),
      },
      en: {
        email: (p) => ({
          subject: '[Itda] You have been selected from the waiting list',
          body: [
            p.name ? `Hello ${s(p.name)},` : 'Hello,',
            '',
            `A place has become free in "${s(p.roundTitle)}" and you have been selected from the waiting list (receipt ${s(p.receiptNo)}).`,
            'The operator will contact you about the contract and training.',
            'This mailbox is not monitored.',
          ].join('\n'),
        }),
        sms: (p) => ({ subject: '[Itda] Selected', body: `[Itda] Selected from the waiting list (receipt ${s(p.receiptNo)}). We will contact you.` }),
      },
    },
  },
} as const satisfies Record<string, TemplateDef>;

const REMINDER_DEF: TemplateDef = { required: [], secret: ['optOut', 'url'], text: TEMPLATES['test.message'].text };

export type TemplateName = keyof typeof TEMPLATES;
export const TEMPLATE_NAMES = Object.keys(TEMPLATES) as TemplateName[];

/**
 * The messages an owner receives: each must exist in all four languages (a test). Another helper's
 * owner events (reminders, status changes) join this list with their texts.
 */
export const OWNER_TEMPLATES: readonly string[] = ['owner.link', 'help.received', 'survey.link'];

/** Whether a template has its own text in that language (else it is sent in Korean). */
export function hasTemplateLocale(template: string, locale: string): boolean {
  return isTemplateName(template) && (TEMPLATES[template] as TemplateDef).text[locale as TemplateLocale] !== undefined;
}

export function isTemplateName(v: string): v is TemplateName {
  return Object.hasOwn(TEMPLATES, v);
}

/** Unsupported locales fall back to Korean, the source language. */
export function templateLocale(locale: string | null | undefined): TemplateLocale {
  return (TEMPLATE_LOCALES as readonly string[]).includes(locale ?? '') ? (locale as TemplateLocale) : 'ko';
}

/** Renders a template; throws UnknownTemplateError / TemplateParamError (programming errors). */
export function renderTemplate(
  template: string,
  channel: ChannelKind,
  locale: string | null | undefined,
  params: TemplateParams,
): RenderedMessage & { locale: TemplateLocale } {
  if (!isTemplateName(template)) throw new UnknownTemplateError(template);
  const def: TemplateDef = TEMPLATES[template];
  for (const name of def.required) {
    const v = params[name];
    if (v === undefined || v === '') throw new TemplateParamError(template, name);
  }
  const wanted = templateLocale(locale);
  const own = def.text[wanted];
  // A staff message asked for in an owner-only language (zh, vi) goes out in Korean.
  const loc: TemplateLocale = own ? wanted : 'ko';
  return { ...(own ?? def.text.ko)[channel === 'alimtalk' ? 'sms' : channel](params), locale: loc };
}

/** A secret as the outbox shows it after sending: the first 4 characters of its last path segment, the rest hidden. */
export function maskSecret(v: string): string {
  const cut = v.lastIndexOf('/') + 1;
  return `${v.slice(0, cut + 4)}••••••••`;
}

/**
 * The stored copy of a sent message with its secrets masked (issue 14 §1: the outbox pages showed
 * live owner links). Only the recipient's copy carries the secret; null when the template has none.
 */
export function maskSentSecrets(template: string, params: TemplateParams, body: string): { params: TemplateParams; body: string } | null {
  // Reminders (issue 13 §2) are rendered from the message catalogue, not from this table; their one
  // secrets are the opt-out link (it withdraws the owner's consent without sign-in) and a survey's one-time link.
  const def: TemplateDef | undefined = isTemplateName(template) ? TEMPLATES[template] : template.startsWith('reminder.') ? REMINDER_DEF : undefined;
  if (!def?.secret?.length) return null;
  const masked: TemplateParams = { ...params };
  let text = body;
  for (const name of def.secret) {
    const v = params[name];
    if (typeof v !== 'string' || v === '') continue;
    masked[name] = maskSecret(v);
    text = text.split(v).join(masked[name]);
  }
  return { params: masked, body: text };
}

/** SMS limit of Korean carriers, in EUC-KR bytes; longer messages are sent (and billed) as LMS. */
export const SMS_MAX_BYTES = 90;

/**
 * Length in EUC-KR bytes as carriers count it: ASCII is 1 byte, everything else (Hangul,
 * Hanja, symbols) 2. Characters outside EUC-KR (emoji) are usually refused or replaced by
 * providers; they count 2 here as a lower bound.
 */
export function smsByteLength(text: string): number {
  let n = 0;
  for (const ch of text) n += ch.codePointAt(0)! < 0x80 ? 1 : 2;
  return n;
}

export function smsKind(text: string): 'SMS' | 'LMS' {
  return smsByteLength(text) <= SMS_MAX_BYTES ? 'SMS' : 'LMS';
}

/**
 * Masks a recipient for display (개인정보 보호법 §29, 안전성 확보조치 기준: show no more personal
 * data than the task needs): 010-****-5678, k***@example.com.
 */
export function maskRecipient(channel: ChannelKind, recipient: string): string {
  if (channel === 'email') {
    const at = recipient.lastIndexOf('@');
    if (at <= 0) return '***';
    return `${recipient[0]}***${recipient.slice(at)}`;
  }
  const digits = recipient.replace(/\D/g, '');
  if (digits.length < 8) return '***';
  const last = digits.slice(-4);
  // Seoul numbers start 02 (2-digit area code); mobiles and others 3 digits (010, 031 …).
  const head = digits.startsWith('02') ? '02' : digits.slice(0, 3);
  return `${head}-****-${last}`;
}
