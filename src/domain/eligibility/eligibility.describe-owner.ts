/**
 * A verdict's explanation in the owner's language (issue 13 §4): English, 中文 (简体) or Tiếng Việt,
 * rendered from the STRUCTURED explanation (each criterion as written in the rule, the business's
 * facts), never by translating the engine's Korean sentences. The engine's Korean (`rule`, `value`,
 * `text`, the summary) stays as it is for staff pages, stored verdicts and tests.
 *
 * Output is a list of parts, each either in the owner's language or Korean (`ko: true`): the official
 * Korean term is kept beside its translation because it is what she will read on papers and in the
 * notice ("Doanh thu năm (연매출)"), and free Korean text (an industry's or a document's name, the
 * notice's own words in `note`/`source`) is shown as it is. A page marks the Korean parts
 * `<span lang="ko">` (WCAG 3.1.2, language of parts); nothing else in the output is Hangul (a test).
 *
 * Status words (met / not met / need to check) and group headings come from the message catalogue
 * (check.explain.*) so all four languages, Korean included, live in one place.
 */
import { ageOn, tryParseIsoDate, wholeMonthsBetween, addMonthsClamped } from './eligibility.dates.ts';
import { formatCount } from './eligibility.format.ts';
import { categoryLabel, documentLabel, getKsicSet, GYEONGGI_MUNICIPALITIES, ksicLabel, SIDO_NAMES, SMALL_BUSINESS_WORKER_LIMITS } from './eligibility.reference.ts';
import type { BusinessFacts, Criterion, Explanation, Verdict } from './eligibility.types.ts';

export type OwnerLang = 'en' | 'zh' | 'vi';
export const OWNER_LANGS: readonly OwnerLang[] = ['en', 'zh', 'vi'];

/** A run of text; `ko` marks Korean (an official term or the notice's own words). */
export interface Part {
  readonly text: string;
  readonly ko?: true;
}
export type Words = readonly Part[];

export type OwnerExplanation =
  | {
      readonly kind: 'criterion';
      readonly index: number;
      readonly verdict: Verdict;
      /** The rule in plain words. */
      readonly rule: Words;
      /** The business's value. */
      readonly value: Words;
      /** The notice's own words (Korean, as written). */
      readonly note?: Words;
      readonly source?: Words;
    }
  | {
      readonly kind: 'all' | 'any' | 'not';
      readonly verdict: Verdict;
      /** A group with no criteria ("all of nothing" = anyone; "one of nothing" = no one). */
      readonly empty: boolean;
      readonly children: readonly OwnerExplanation[];
    };

const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/;
export function hasHangul(s: string): boolean {
  return HANGUL.test(s);
}

const t = (text: string): Part => ({ text });
/** Korean text: marked only when it holds Hangul (a code or a date needs no language). */
const k = (text: string): Part => (hasHangul(text) ? { text, ko: true } : { text });
/** "Doanh thu năm (연매출)": the translation, then the official term in brackets. */
const term = (local: string, korean: string): Part[] => [t(`${local} (`), k(korean), t(')')];

/** Joins part lists with a separator. */
function join(items: readonly Words[], sep: string): Part[] {
  const out: Part[] = [];
  items.forEach((w, i) => {
    if (i > 0) out.push(t(sep));
    out.push(...w);
  });
  return merge(out);
}

/** Adjacent parts of the same language in one (fewer spans, same text). */
function merge(parts: readonly Part[]): Part[] {
  const out: Part[] = [];
  for (const p of parts) {
    if (!p.text) continue;
    const last = out.at(-1);
    if (last && !!last.ko === !!p.ko) out[out.length - 1] = p.ko ? { text: last.text + p.text, ko: true } : { text: last.text + p.text };
    else out.push(p);
  }
  return out;
}

export function plainText(w: Words): string {
  return w.map((p) => p.text).join('');
}

type Tr = Readonly<Record<OwnerLang, string>>;
const pick = (lang: OwnerLang, tr: Tr): string => tr[lang];

// ── Numbers, dates, places ─────────────────────────────────────────────────────────────────────
function group(n: number, sep: string): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

/** "KRW 300 million" / "3亿韩元" / "300 triệu won"; other amounts with every digit. */
export function formatKrwFor(amount: number, lang: OwnerLang): string {
  const a = Math.round(amount);
  if (lang === 'zh') {
    // Chinese counts in 亿 and 万 like Korean (억, 만).
    const yi = Math.floor(a / 100_000_000);
    const wan = Math.floor((a % 100_000_000) / 10_000);
    const rest = a % 10_000;
    if (a === 0) return '0韩元';
    return `${yi ? `${yi}亿` : ''}${wan ? `${wan}万` : ''}${rest ? group(rest, ',') : ''}韩元`;
  }
  if (lang === 'vi') {
    if (a >= 1_000_000_000 && a % 100_000_000 === 0) return `${String(a / 1_000_000_000).replace('.', ',')} tỷ won`;
    if (a >= 1_000_000 && a % 1_000_000 === 0) return `${group(a / 1_000_000, '.')} triệu won`;
    return `${group(a, '.')} won`;
  }
  if (a >= 1_000_000_000 && a % 100_000_000 === 0) return `KRW ${a / 1_000_000_000} billion`;
  if (a >= 1_000_000 && a % 1_000_000 === 0) return `KRW ${group(a / 1_000_000, ',')} million`;
  return `KRW ${group(a, ',')}`;
}

export function formatMonthsFor(months: number, lang: OwnerLang): string {
  const y = Math.floor(months / 12);
  const m = months % 12;
  if (lang === 'zh') return y === 0 ? `${m}个月` : m === 0 ? `${y}年` : `${y}年${m}个月`;
  if (lang === 'vi') return y === 0 ? `${m} tháng` : m === 0 ? `${y} năm` : `${y} năm ${m} tháng`;
  const ys = y === 1 ? '1 year' : `${y} years`;
  const ms = m === 1 ? '1 month' : `${m} months`;
  return y === 0 ? ms : m === 0 ? ys : `${ys} ${ms}`;
}

/** Revised Romanisation of the 경기 시·군 and the 시·도, shown with the Korean name she sees on signs. */
const ROMAN: Readonly<Record<string, string>> = {
  수원시: 'Suwon-si', 성남시: 'Seongnam-si', 의정부시: 'Uijeongbu-si', 안양시: 'Anyang-si', 부천시: 'Bucheon-si', 광명시: 'Gwangmyeong-si',
  평택시: 'Pyeongtaek-si', 동두천시: 'Dongducheon-si', 안산시: 'Ansan-si', 고양시: 'Goyang-si', 과천시: 'Gwacheon-si', 구리시: 'Guri-si',
  남양주시: 'Namyangju-si', 오산시: 'Osan-si', 시흥시: 'Siheung-si', 군포시: 'Gunpo-si', 의왕시: 'Uiwang-si', 하남시: 'Hanam-si',
  용인시: 'Yongin-si', 파주시: 'Paju-si', 이천시: 'Icheon-si', 안성시: 'Anseong-si', 김포시: 'Gimpo-si', 화성시: 'Hwaseong-si',
  광주시: 'Gwangju-si', 양주시: 'Yangju-si', 포천시: 'Pocheon-si', 여주시: 'Yeoju-si', 연천군: 'Yeoncheon-gun', 가평군: 'Gapyeong-gun',
  양평군: 'Yangpyeong-gun',
  서울특별시: 'Seoul', 부산광역시: 'Busan', 대구광역시: 'Daegu', 인천광역시: 'Incheon', 광주광역시: 'Gwangju', 대전광역시: 'Daejeon',
  울산광역시: 'Ulsan', 세종특별자치시: 'Sejong', 경기도: 'Gyeonggi-do', '강원도(구 코드)': 'Gangwon-do', 충청북도: 'Chungcheongbuk-do',
  충청남도: 'Chungcheongnam-do', '전라북도(구 코드)': 'Jeollabuk-do', 전라남도: 'Jeollanam-do', 경상북도: 'Gyeongsangbuk-do',
  경상남도: 'Gyeongsangnam-do', 제주특별자치도: 'Jeju', 강원특별자치도: 'Gangwon', 전북특별자치도: 'Jeonbuk',
};
const MUNI = new Map(GYEONGGI_MUNICIPALITIES.map((m) => [m.code, m.name]));

/** "Suwon-si (수원시)"; a code when the name is not known. */
function placeWords(korean: string | undefined, code: string): Part[] {
  if (!korean) return [t(code)];
  const roman = ROMAN[korean];
  return roman ? term(roman, korean) : [k(korean)];
}
const municipalityWords = (code: string) => placeWords(MUNI.get(code), code);
const sidoWords = (code: string) => placeWords(SIDO_NAMES[code], code);

/** "56193 (치킨 전문점)": the code, and the industry's official Korean name. */
function ksicWords(code: string): Part[] {
  const label = ksicLabel(code);
  return label && label !== code ? [t(`${code} (`), k(label), t(')')] : [t(code)];
}

// ── Vocabulary (official Korean term kept beside each translation) ──────────────────────────────
const TERMS = {
  region: { en: 'Location', zh: '所在地', vi: 'Địa điểm kinh doanh', ko: '소재지' },
  businessAge: { en: 'Business age', zh: '营业年限', vi: 'Thời gian kinh doanh', ko: '업력' },
  revenue: { en: 'Annual revenue', zh: '年销售额', vi: 'Doanh thu năm', ko: '연매출' },
  workers: { en: 'Regular employees', zh: '常雇员工', vi: 'Lao động thường xuyên', ko: '상시근로자' },
  smallBusiness: { en: 'Small business', zh: '小工商业者', vi: 'Cơ sở kinh doanh nhỏ', ko: '소상공인' },
  ksic: { en: 'Industry', zh: '行业', vi: 'Ngành nghề', ko: '업종' },
  excluded: { en: 'not an excluded industry', zh: '不属于排除行业', vi: 'không thuộc ngành bị loại trừ', ko: '제외 업종' },
  ownerAge: { en: "Owner's age", zh: '代表人周岁年龄', vi: 'Tuổi của chủ', ko: '대표자 만 나이' },
  ownerGender: { en: "Owner's gender", zh: '代表人性别', vi: 'Giới tính của chủ', ko: '대표자 성별' },
  operatingStatus: { en: 'Business status', zh: '营业状态', vi: 'Tình trạng kinh doanh', ko: '영업 상태' },
  premises: { en: 'Shop premises', zh: '经营场所', vi: 'Mặt bằng kinh doanh', ko: '사업장' },
  legalForm: { en: 'Type of business', zh: '经营者类型', vi: 'Loại hình kinh doanh', ko: '사업자 구분' },
  openedOn: { en: 'Opening date', zh: '开业日期', vi: 'Ngày khai trương', ko: '개업일' },
  closedOn: { en: 'Closing date', zh: '歇业日期', vi: 'Ngày đóng cửa', ko: '폐업일' },
  marketLocation: { en: 'Shop location', zh: '店铺位置', vi: 'Vị trí cửa hàng', ko: '점포 위치' },
} as const satisfies Record<string, Tr & { ko: string }>;
const termOf = (lang: OwnerLang, key: keyof typeof TERMS) => term(TERMS[key][lang], TERMS[key].ko);

const LABELS = {
  female: { en: 'a woman', zh: '女性', vi: 'nữ', ko: '여성' },
  male: { en: 'a man', zh: '男性', vi: 'nam', ko: '남성' },
  preparing: { en: 'preparing to open', zh: '准备创业', vi: 'đang chuẩn bị mở', ko: '예비창업' },
  active: { en: 'in business', zh: '正在营业', vi: 'đang hoạt động', ko: '계속사업자' },
  suspended: { en: 'temporarily closed', zh: '停业', vi: 'tạm nghỉ', ko: '휴업' },
  closed: { en: 'closed down', zh: '已歇业', vi: 'đã đóng cửa', ko: '폐업' },
  leased: { en: 'rented', zh: '租赁', vi: 'đi thuê', ko: '임차' },
  owned: { en: 'owned', zh: '自有', vi: 'của mình', ko: '소유' },
  individual: { en: 'sole proprietor', zh: '个体工商户', vi: 'hộ kinh doanh cá nhân', ko: '개인사업자' },
  corporation: { en: 'corporation', zh: '法人', vi: 'pháp nhân', ko: '법인' },
  traditional_market: { en: 'a traditional market', zh: '传统市场', vi: 'chợ truyền thống', ko: '전통시장' },
  shopping_street: { en: 'a shopping street', zh: '商业街', vi: 'phố mua sắm', ko: '상점가' },
  alley_shopping_street: { en: 'an alley shopping street', zh: '胡同型商业街', vi: 'phố mua sắm trong hẻm', ko: '골목형상점가' },
  none: { en: 'outside markets and shopping streets', zh: '不在市场和商业街内', vi: 'ngoài chợ và phố mua sắm', ko: '' },
  national: { en: 'national tax', zh: '国税', vi: 'thuế quốc gia', ko: '국세' },
  local: { en: 'local tax', zh: '地方税', vi: 'thuế địa phương', ko: '지방세' },
} as const satisfies Record<string, Tr & { ko: string }>;
const label = (lang: OwnerLang, key: keyof typeof LABELS): Part[] => (LABELS[key].ko ? term(LABELS[key][lang], LABELS[key].ko) : [t(LABELS[key][lang])]);

const OR: Tr = { en: ' or ', zh: '或', vi: ' hoặc ' };
const LIST: Tr = { en: ', ', zh: '、', vi: ', ' };
const COLON: Tr = { en: ': ', zh: '：', vi: ': ' };
const UNKNOWN_VALUE: Tr = { en: 'not known yet', zh: '尚不清楚', vi: 'chưa có thông tin' };

function orList(lang: OwnerLang, items: readonly Words[]): Part[] {
  return join(items, pick(lang, OR));
}
function headed(lang: OwnerLang, head: Words, body: Words): Part[] {
  return merge([...head, t(pick(lang, COLON)), ...body]);
}

/** "at least X" / "under Y" / "X to under Y" (inclusive or exclusive upper bound). */
function range(lang: OwnerLang, min: string | undefined, max: string | undefined, maxInclusive: boolean): string {
  const R = {
    en: { min: `at least ${min}`, maxI: `at most ${max}`, maxX: `under ${max}`, bothI: `from ${min} to ${max}`, bothX: `from ${min} to under ${max}`, none: 'no limit' },
    zh: { min: `${min}以上`, maxI: `${max}以下`, maxX: `不满${max}`, bothI: `${min}以上、${max}以下`, bothX: `${min}以上、不满${max}`, none: '不限' },
    vi: { min: `từ ${min} trở lên`, maxI: `không quá ${max}`, maxX: `dưới ${max}`, bothI: `từ ${min} đến ${max}`, bothX: `từ ${min} đến dưới ${max}`, none: 'không giới hạn' },
  }[lang];
  if (min !== undefined && max !== undefined) return maxInclusive ? R.bothI : R.bothX;
  if (min !== undefined) return R.min;
  if (max !== undefined) return maxInclusive ? R.maxI : R.maxX;
  return R.none;
}

function dateRange(lang: OwnerLang, from: string | undefined, to: string | undefined): string {
  if (from && to && from === to) return from;
  if (from && to) return pick(lang, { en: `from ${from} to ${to}`, zh: `${from}至${to}`, vi: `từ ${from} đến ${to}` });
  if (from) return pick(lang, { en: `on or after ${from}`, zh: `${from}及以后`, vi: `từ ngày ${from} trở đi` });
  if (to) return pick(lang, { en: `on or before ${to}`, zh: `${to}及以前`, vi: `đến hết ngày ${to}` });
  return pick(lang, { en: 'any date', zh: '不限', vi: 'không giới hạn' });
}

const people = (lang: OwnerLang, n: number) => pick(lang, { en: `${formatCount(n)}`, zh: `${formatCount(n)}人`, vi: `${formatCount(n)} người` });
const years = (lang: OwnerLang, n: number) => pick(lang, { en: n === 1 ? '1 year' : `${n} years`, zh: `${n}年`, vi: `${n} năm` });

// ── The rule ──────────────────────────────────────────────────────────────────────────────────
/** One criterion in plain words in the owner's language. */
export function ownerRule(c: Criterion, lang: OwnerLang): Words {
  switch (c.type) {
    case 'region': {
      const places = [...(c.sido ?? []).map(sidoWords), ...(c.municipalities ?? []).map(municipalityWords)];
      if (!places.length) return headed(lang, termOf(lang, 'region'), [t(pick(lang, { en: 'anywhere', zh: '不限', vi: 'không giới hạn' }))]);
      return headed(lang, termOf(lang, 'region'), orList(lang, places));
    }
    case 'businessAge': {
      const f = (m: number | undefined) => (m === undefined ? undefined : formatMonthsFor(m, lang));
      return headed(lang, termOf(lang, 'businessAge'), [t(range(lang, f(c.minMonths), f(c.maxMonths), false))]);
    }
    case 'revenue': {
      const f = (m: number | undefined) => (m === undefined ? undefined : formatKrwFor(m, lang));
      return headed(lang, termOf(lang, 'revenue'), [t(range(lang, f(c.min), f(c.max), true))]);
    }
    case 'workers': {
      const f = (m: number | undefined) => (m === undefined ? undefined : people(lang, m));
      return headed(lang, termOf(lang, 'workers'), [t(range(lang, f(c.min), f(c.maxExclusive), false))]);
    }
    case 'smallBusiness': {
      const w = SMALL_BUSINESS_WORKER_LIMITS;
      return headed(lang, termOf(lang, 'smallBusiness'), [
        t(
          pick(lang, {
            en: `fewer than ${w.limitElsewhere} regular employees (${w.limitInSections} in mining, manufacturing, construction and transport) and revenue within the cap for the industry`,
            zh: `常雇员工不满${w.limitElsewhere}人（采矿、制造、建筑、运输业不满${w.limitInSections}人），年销售额在行业小企业标准以内`,
            vi: `dưới ${w.limitElsewhere} lao động thường xuyên (khai khoáng, sản xuất, xây dựng, vận tải: dưới ${w.limitInSections}) và doanh thu trong mức trần của ngành`,
          }),
        ),
      ]);
    }
    case 'ksic': {
      const parts: Words[] = [];
      if (c.include?.length) parts.push(headed(lang, termOf(lang, 'ksic'), join(c.include.map(ksicWords), pick(lang, LIST))));
      const excl = [...(c.excludeSets ?? []).map((s) => [k(getKsicSet(s).title)]), ...(c.exclude ?? []).map(ksicWords)];
      if (excl.length) parts.push(headed(lang, term(TERMS.excluded[lang], TERMS.excluded.ko), join(excl, pick(lang, LIST))));
      if (!parts.length) return headed(lang, termOf(lang, 'ksic'), [t(pick(lang, { en: 'any', zh: '不限', vi: 'không giới hạn' }))]);
      return join(parts, pick(lang, { en: '; ', zh: '；', vi: '; ' }));
    }
    case 'ownerAge': {
      const f = (n: number | undefined) => (n === undefined ? undefined : pick(lang, { en: `${n}`, zh: `${n}岁`, vi: `${n} tuổi` }));
      return headed(lang, termOf(lang, 'ownerAge'), [t(range(lang, f(c.min), f(c.max), true))]);
    }
    case 'ownerGender':
      return headed(lang, termOf(lang, 'ownerGender'), label(lang, c.gender));
    case 'ownerDisabled':
      return term(pick(lang, { en: 'Owner is a registered person with a disability', zh: '代表人为登记残疾人', vi: 'Chủ là người khuyết tật đã đăng ký' }), '장애인');
    case 'ownerVeteran':
      return term(pick(lang, { en: 'Owner is a person of national merit', zh: '代表人为国家报勋对象', vi: 'Chủ là đối tượng có công với đất nước' }), '국가보훈대상자');
    case 'noTaxArrears': {
      const kinds = join(c.kinds.map((x) => label(lang, x)), pick(lang, OR));
      const head = term(pick(lang, { en: 'No unpaid tax', zh: '无欠税', vi: 'Không nợ thuế' }), '체납 없음');
      const deferral = c.allowDeferral
        ? term(pick(lang, { en: '; an approved deferral or instalment plan counts as none', zh: '；经批准的缓缴或分期视为无欠税', vi: '; được gia hạn hoặc nộp dần đã duyệt thì vẫn được' }), '유예·분납')
        : [];
      return merge([...headed(lang, head, kinds), ...deferral]);
    }
    case 'noCreditDelinquency':
      return term(pick(lang, { en: 'No overdue loans or bad credit record', zh: '无金融逾期或信用不良', vi: 'Không có nợ quá hạn hay nợ xấu' }), '연체·신용불량 없음');
    case 'operatingStatus':
      return headed(lang, termOf(lang, 'operatingStatus'), orList(lang, c.allowed.map((s) => label(lang, s))));
    case 'premises':
      return headed(lang, termOf(lang, 'premises'), orList(lang, c.allowed.map((s) => label(lang, s))));
    case 'mailOrderRegistered':
      return term(pick(lang, { en: 'Registered for online or mail-order sales', zh: '已办理通信销售业申报', vi: 'Đã khai báo bán hàng qua mạng' }), '통신판매업 신고');
    case 'noPriorReceipt': {
      const what: Words[] = [
        ...(c.programmeKeys ?? []).map((x) => [t(x)]),
        ...(c.categories ?? []).map((x) => merge([k(categoryLabel(x)), t(pick(lang, { en: ' programmes', zh: '类支援', vi: ' (các chương trình)' }))])),
      ];
      const list = what.length ? join(what, pick(lang, OR)) : [t(pick(lang, { en: 'a similar programme', zh: '类似支援项目', vi: 'chương trình tương tự' }))];
      const y = years(lang, c.years);
      if (lang === 'zh') return merge([t(`最近${y}内未获得`), ...list, t('的支援 ('), k('수혜 이력 없음'), t(')')]);
      if (lang === 'vi') return merge([t('Chưa nhận hỗ trợ từ '), ...list, t(` trong ${y} gần đây (`), k('수혜 이력 없음'), t(')')]);
      return merge([t('No support received from '), ...list, t(` in the last ${y} (`), k('수혜 이력 없음'), t(')')]);
    }
    case 'documentValid':
      return merge([t(pick(lang, { en: 'Holds a valid document: ', zh: '持有有效文件：', vi: 'Có giấy tờ còn hiệu lực: ' })), k(documentLabel(c.documentType))]);
    case 'closedWithin':
      return merge([
        ...term(pick(lang, { en: 'Closed down', zh: '歇业', vi: 'Đã đóng cửa' }), '폐업'),
        t(pick(lang, { en: ` within the last ${formatMonthsFor(c.months, lang)}`, zh: `后${formatMonthsFor(c.months, lang)}以内`, vi: ` trong vòng ${formatMonthsFor(c.months, lang)} gần đây` })),
      ]);
    case 'legalForm':
      return headed(lang, termOf(lang, 'legalForm'), orList(lang, c.allowed.map((s) => label(lang, s))));
    case 'openedBetween':
      return headed(lang, termOf(lang, 'openedOn'), [t(dateRange(lang, c.from, c.to))]);
    case 'closedBetween':
      return headed(lang, termOf(lang, 'closedOn'), [t(dateRange(lang, c.from, c.to))]);
    case 'operatingDays':
      return merge([
        t(pick(lang, { en: `In business at least ${formatCount(c.minDays)} days from opening to closing`, zh: `从开业到歇业至少营业${formatCount(c.minDays)}天`, vi: `Hoạt động ít nhất ${formatCount(c.minDays)} ngày từ khi khai trương đến khi đóng cửa` })),
        t(' ('),
        k('폐업(예정)일'),
        t(')'),
      ]);
    case 'marketLocation':
      return headed(lang, termOf(lang, 'marketLocation'), orList(lang, c.allowed.map((s) => label(lang, s))));
    case 'closurePlanned':
      return merge([
        ...term(pick(lang, { en: 'Planning to close', zh: '计划歇业', vi: 'Dự định đóng cửa' }), '폐업 예정'),
        t(
          c.withinMonths === undefined
            ? ''
            : pick(lang, { en: `, within ${formatMonthsFor(c.withinMonths, lang)}`, zh: `，预定日期在${formatMonthsFor(c.withinMonths, lang)}以内`, vi: `, trong vòng ${formatMonthsFor(c.withinMonths, lang)}` }),
        ),
      ]);
    case 'restart':
      return term(pick(lang, { en: 'Starting again after closing an earlier business', zh: '曾歇业后重新创业', vi: 'Khởi nghiệp lại sau khi đã đóng cửa cơ sở trước' }), '재창업');
    case 'revenueDecline': {
      const pct = formatCount(c.minPercent);
      const words =
        c.minPercent > 0
          ? pick(lang, { en: `Revenue down at least ${pct}% from the previous year`, zh: `销售额比上一年减少${pct}%以上`, vi: `Doanh thu giảm ít nhất ${pct}% so với năm trước` })
          : pick(lang, { en: 'Revenue down from the previous year', zh: '销售额比上一年减少', vi: 'Doanh thu giảm so với năm trước' });
      return term(words, '전년 대비 매출 감소');
    }
  }
}

// ── The business's value ──────────────────────────────────────────────────────────────────────
const unknown = (lang: OwnerLang): Part[] => [t(pick(lang, UNKNOWN_VALUE))];
const yesNo = (lang: OwnerLang, x: boolean): Part[] => [t(x ? pick(lang, { en: 'yes', zh: '是', vi: 'có' }) : pick(lang, { en: 'no', zh: '否', vi: 'không' }))];

function revenueWords(lang: OwnerLang, r: number | null | undefined, hi?: number | null): Part[] {
  if (r == null) return unknown(lang);
  // A band answered: [lower, upper + 1) (self-check.ts judges its last won).
  if (hi != null && hi > r) return [t(range(lang, formatKrwFor(r, lang), formatKrwFor(hi + 1, lang), false))];
  return [t(formatKrwFor(r, lang))];
}

/**
 * The business's value for one criterion, from her facts on the reference date. `upper`: the
 * self-check judges a range answer at its ends (self-check.ts); `facts` hold the lower ends and
 * `upper` the upper ones, and the value then reads as the range she answered ("from 100 to under
 * 300 million won") rather than as an exact figure she never gave.
 */
export function ownerValue(c: Criterion, facts: BusinessFacts, refDate: string, lang: OwnerLang, upper?: BusinessFacts): Words {
  const f = facts;
  switch (c.type) {
    case 'region':
      return f.municipalityCode ? municipalityWords(f.municipalityCode) : f.sidoCode ? sidoWords(f.sidoCode) : unknown(lang);
    case 'businessAge': {
      if (!f.openedOn || !tryParseIsoDate(f.openedOn)) return unknown(lang);
      const last = upper?.openedOn;
      if (last && last !== f.openedOn && tryParseIsoDate(last) && last.slice(0, 7) === f.openedOn.slice(0, 7)) {
        // Opened some day in that month: from the age on its last day to the age on its first.
        const young = wholeMonthsBetween(last, refDate);
        const old = wholeMonthsBetween(f.openedOn, refDate);
        if (young >= 0) {
          const m = young === old ? formatMonthsFor(old, lang) : `${formatMonthsFor(young, lang)} – ${formatMonthsFor(old, lang)}`;
          const month = f.openedOn.slice(0, 7);
          return [t(pick(lang, { en: `${m} (opened ${month})`, zh: `${m}（开业 ${month}）`, vi: `${m} (khai trương ${month})` }))];
        }
      }
      const a = wholeMonthsBetween(f.openedOn, refDate);
      if (a < 0) return [t(pick(lang, { en: `not open yet (opening ${f.openedOn})`, zh: `尚未开业（开业日期 ${f.openedOn}）`, vi: `chưa khai trương (ngày khai trương ${f.openedOn})` }))];
      const m = formatMonthsFor(a, lang);
      return [t(pick(lang, { en: `${m} (opened ${f.openedOn})`, zh: `${m}（开业日期 ${f.openedOn}）`, vi: `${m} (khai trương ${f.openedOn})` }))];
    }
    case 'revenue':
      return revenueWords(lang, f.annualRevenue, upper?.annualRevenue);
    case 'workers':
      return f.workers == null ? unknown(lang) : [t(people(lang, f.workers))];
    case 'smallBusiness':
      return join(
        [
          headed(lang, termOf(lang, 'ksic'), f.ksicCode ? ksicWords(f.ksicCode) : unknown(lang)),
          headed(lang, termOf(lang, 'workers'), f.workers == null ? unknown(lang) : [t(people(lang, f.workers))]),
          headed(lang, termOf(lang, 'revenue'), revenueWords(lang, f.annualRevenue, upper?.annualRevenue)),
        ],
        pick(lang, LIST),
      );
    case 'ksic':
      return f.ksicCode ? ksicWords(f.ksicCode) : unknown(lang);
    case 'ownerAge': {
      if (!f.ownerBirthDate || !tryParseIsoDate(f.ownerBirthDate)) return unknown(lang);
      const a = ageOn(f.ownerBirthDate, refDate);
      const b = upper?.ownerBirthDate && tryParseIsoDate(upper.ownerBirthDate) ? ageOn(upper.ownerBirthDate, refDate) : a;
      const shown = b === a ? `${a}` : `${Math.min(a, b)}–${Math.max(a, b)}`;
      return [t(pick(lang, { en: shown, zh: `${shown}岁`, vi: `${shown} tuổi` }))];
    }
    case 'ownerGender':
      return f.ownerGender ? label(lang, f.ownerGender) : unknown(lang);
    case 'ownerDisabled':
      return f.ownerDisabled == null ? unknown(lang) : yesNo(lang, f.ownerDisabled);
    case 'ownerVeteran':
      return f.ownerVeteran == null ? unknown(lang) : yesNo(lang, f.ownerVeteran);
    case 'mailOrderRegistered':
      return f.mailOrderRegistered == null ? unknown(lang) : yesNo(lang, f.mailOrderRegistered);
    case 'restart':
      return f.restart == null ? unknown(lang) : yesNo(lang, f.restart);
    case 'noCreditDelinquency':
      return f.creditDelinquent == null
        ? unknown(lang)
        : [t(f.creditDelinquent ? pick(lang, { en: 'has overdue loans or bad credit', zh: '有逾期或信用不良', vi: 'có nợ quá hạn hoặc nợ xấu' }) : pick(lang, { en: 'none', zh: '无', vi: 'không có' }))];
    case 'noTaxArrears': {
      const say = (kind: 'national' | 'local', x: boolean | null | undefined): Part[] => {
        const v =
          x == null
            ? pick(lang, UNKNOWN_VALUE)
            : !x
              ? pick(lang, { en: 'none unpaid', zh: '无欠税', vi: 'không nợ' })
              : f.taxArrearsDeferred
                ? pick(lang, { en: 'unpaid, deferral approved', zh: '有欠税（已批准缓缴）', vi: 'có nợ, đã được gia hạn' })
                : pick(lang, { en: 'unpaid', zh: '有欠税', vi: 'có nợ' });
        return headed(lang, label(lang, kind), [t(v)]);
      };
      return join(
        c.kinds.map((x) => say(x, x === 'national' ? f.nationalTaxArrears : f.localTaxArrears)),
        pick(lang, LIST),
      );
    }
    case 'operatingStatus':
      return f.operatingStatus ? label(lang, f.operatingStatus) : unknown(lang);
    case 'premises':
      return f.premises ? label(lang, f.premises) : unknown(lang);
    case 'legalForm':
      return f.legalForm ? label(lang, f.legalForm) : unknown(lang);
    case 'marketLocation':
      return f.marketLocation ? label(lang, f.marketLocation) : unknown(lang);
    case 'noPriorReceipt': {
      if (f.priorReceipts == null) return unknown(lang);
      const everything = !c.programmeKeys?.length && !c.categories?.length;
      const hits = f.priorReceipts.filter(
        (r) =>
          (everything || c.programmeKeys?.includes(r.programmeKey) || c.categories?.includes(r.category)) &&
          tryParseIsoDate(r.receivedOn) &&
          r.receivedOn <= refDate &&
          addMonthsClamped(r.receivedOn, c.years * 12) > refDate,
      );
      if (!hits.length) return [t(pick(lang, { en: 'none in that time', zh: '该期间内无', vi: 'không có trong thời gian đó' }))];
      return join(
        hits.map((r) => [t(`${r.programmeKey} ${r.receivedOn}`)]),
        pick(lang, LIST),
      );
    }
    case 'documentValid': {
      if (f.documents == null) return unknown(lang);
      const ofType = f.documents.filter((d) => d.type === c.documentType);
      const ok = ofType.find((d) => d.issuedOn <= refDate && (d.validUntil == null || d.validUntil >= refDate));
      if (ok) return [t(pick(lang, { en: `issued ${ok.issuedOn}`, zh: `${ok.issuedOn}签发`, vi: `cấp ngày ${ok.issuedOn}` }) + (ok.validUntil ? pick(lang, { en: `, valid until ${ok.validUntil}`, zh: `，有效期至${ok.validUntil}`, vi: `, hiệu lực đến ${ok.validUntil}` }) : ''))];
      const expired = ofType.filter((d) => d.validUntil != null).sort((a, b) => (a.validUntil! < b.validUntil! ? 1 : -1))[0];
      if (expired) return [t(pick(lang, { en: `expired on ${expired.validUntil}`, zh: `已于${expired.validUntil}过期`, vi: `hết hạn ngày ${expired.validUntil}` }))];
      return [t(pick(lang, { en: 'not held', zh: '没有', vi: 'chưa có' }))];
    }
    case 'closedWithin':
    case 'closedBetween': {
      if (f.closedOn) return headed(lang, termOf(lang, 'closedOn'), [t(f.closedOn)]);
      if (f.operatingStatus && f.operatingStatus !== 'closed') return label(lang, f.operatingStatus);
      return unknown(lang);
    }
    case 'openedBetween':
      return f.openedOn ? headed(lang, termOf(lang, 'openedOn'), [t(f.openedOn)]) : unknown(lang);
    case 'operatingDays': {
      const end = f.closedOn ?? f.plannedClosureOn;
      if (!f.openedOn || !end) return unknown(lang);
      return join([headed(lang, termOf(lang, 'openedOn'), [t(f.openedOn)]), headed(lang, termOf(lang, 'closedOn'), [t(end)])], pick(lang, LIST));
    }
    case 'closurePlanned':
      if (f.closurePlanned == null) return unknown(lang);
      return merge([...yesNo(lang, f.closurePlanned), t(f.closurePlanned && f.plannedClosureOn ? ` (${f.plannedClosureOn})` : '')]);
    case 'revenueDecline': {
      if (f.annualRevenue == null || f.previousAnnualRevenue == null) return unknown(lang);
      const y = f.annualRevenueYear;
      return join(
        [
          [t(`${y ?? pick(lang, { en: 'latest year', zh: '最近一年', vi: 'năm gần nhất' })}: ${formatKrwFor(f.annualRevenue, lang)}`)],
          [t(`${y ? y - 1 : pick(lang, { en: 'year before', zh: '前一年', vi: 'năm trước đó' })}: ${formatKrwFor(f.previousAnnualRevenue, lang)}`)],
        ],
        pick(lang, LIST),
      );
    }
  }
}

// ── The tree ──────────────────────────────────────────────────────────────────────────────────
/**
 * The explanation tree in the owner's language. `facts` are the facts the engine judged (the
 * self-check's typical corner: every range at its lower end), `refDate` its reference date, `upper`
 * the corner with every range at its upper end (see ownerValue).
 */
export function ownerExplanation(e: Explanation, facts: BusinessFacts, refDate: string, lang: OwnerLang, upper?: BusinessFacts): OwnerExplanation {
  if (e.kind === 'criterion') {
    const c = e.criterion;
    return {
      kind: 'criterion',
      index: e.index,
      verdict: e.verdict,
      rule: ownerRule(c, lang),
      value: ownerValue(c, facts, refDate, lang, upper),
      ...(c.note ? { note: [k(c.note)] } : {}),
      ...(c.source ? { source: [k(c.source)] } : {}),
    };
  }
  return {
    kind: e.kind,
    verdict: e.verdict,
    empty: e.children.length === 0,
    children: e.children.map((ch) => ownerExplanation(ch, facts, refDate, lang, upper)),
  };
}

/** Criteria in a tree, and how many are met (for the one-line summary). */
export function criterionCounts(e: Explanation | OwnerExplanation): { total: number; met: number; notMet: number } {
  if (e.kind === 'criterion') return { total: 1, met: e.verdict === 'eligible' ? 1 : 0, notMet: e.verdict === 'ineligible' ? 1 : 0 };
  return e.children.reduce(
    (acc, ch) => {
      const x = criterionCounts(ch);
      return { total: acc.total + x.total, met: acc.met + x.met, notMet: acc.notMet + x.notMet };
    },
    { total: 0, met: 0, notMet: 0 },
  );
}

/** The words a tree needs from the message catalogue (check.explain.*), in the page's language. */
export interface ExplainWords {
  readonly status: Readonly<Record<Verdict, string>>;
  readonly heading: Readonly<Record<'all' | 'any' | 'not', string>>;
  /** An empty "all" group (anyone) and an empty "any" group (no one). */
  readonly noConditions: string;
  readonly noneCanBeMet: string;
  readonly note: string;
  readonly source: string;
}

/** The tree as indented plain text, one line per criterion (the API's `explanation`). */
export function formatOwnerExplanation(e: OwnerExplanation, w: ExplainWords, depth = 0): string {
  const pad = '  '.repeat(depth);
  const bullet = depth === 0 ? '' : '- ';
  if (e.kind === 'criterion') {
    const extra = [e.note ? `${w.note}: "${plainText(e.note)}"` : '', e.source ? `${w.source}: ${plainText(e.source)}` : ''].filter(Boolean);
    return `${pad}${bullet}[${w.status[e.verdict]}] ${plainText(e.rule)} — ${plainText(e.value)}${extra.length ? ` (${extra.join(', ')})` : ''}`;
  }
  const head = e.empty && e.kind !== 'not' ? (e.kind === 'all' ? w.noConditions : w.noneCanBeMet) : w.heading[e.kind];
  return [`${pad}${bullet}${head}: ${w.status[e.verdict]}`, ...e.children.map((c) => formatOwnerExplanation(c, w, depth + 1))].join('\n');
}
