import type { Child } from 'hono/jsx';
import { AGE_BAND_KEYS, REVENUE_BAND_KEYS, type SelfCheckProgramme } from '../../domain/eligibility/self-check.ts';
import { industryName, searchIndustries } from '../../domain/eligibility/industry-words.ts';
import type { BusinessFacts, Explanation, TimeChange } from '../../domain/eligibility/index.ts';
import type { OwnerExplanation, Words } from '../../domain/eligibility/eligibility.describe-owner.ts';
import { Button, ErrorSummary, Input, LinkButton, RadioGroup, Select, valueOf, type FieldErrors, type FormValues } from '../../web/components/index.ts';
import type { AppContext } from '../../web/context.ts';
import { Layout } from '../../web/layout.tsx';
import { ExplanationView } from '../programs/programs.rule-view.tsx';
import { CHECK_FIELDS } from './check.schemas.ts';
import { explainWords, koreanAnsweredRanges, ownerLangOf, ownerWording, type OwnerWording } from './check.explain.ts';

/** The questions, one screen each (issue 13 §1), and the answers each screen asks for. */
export const CHECK_STEPS = [
  ['municipalityCode'],
  ['ksicCode'],
  ['openedMonth'],
  ['revenueBand'],
  ['workers'],
  ['legalForm'],
  ['ageBand', 'ownerGender'],
  ['ownerDisabled', 'ownerVeteran'],
] as const satisfies readonly (readonly (typeof CHECK_FIELDS)[number][])[];
export const CHECK_STEP_COUNT = CHECK_STEPS.length;

/** Industries offered before anything is typed: the most common shops. */
const POPULAR = ['56193', '56111', '56221', '96112', '47122', '47121', '47412', '96912'];

/** The query string holding every answer given so far (the state: no session, no JavaScript). */
export function answersQuery(values: FormValues, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  for (const f of CHECK_FIELDS) {
    const v = valueOf(values, f);
    if (v) q.set(f, v);
  }
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return q.toString();
}

/** Hidden fields for the answers of the other screens. */
function Carried(props: { values: FormValues; except: readonly string[] }) {
  return (
    <>
      {CHECK_FIELDS.filter((f) => !props.except.includes(f)).map((f) => {
        const v = valueOf(props.values, f);
        return v ? <input type="hidden" name={f} value={v} /> : null;
      })}
    </>
  );
}

function CheckFrame(props: { c: AppContext; title: string; children: Child }) {
  return (
    <Layout c={props.c} title={props.title}>
      <div class="itda-check">{props.children}</div>
    </Layout>
  );
}

export function CheckIntro(props: { c: AppContext }) {
  const t = props.c.var.t;
  return (
    <CheckFrame c={props.c} title={t('check.title')}>
      <h1 class="itda-check-title">{t('check.title')}</h1>
      <p class="itda-check-lead">{t('check.lead')}</p>
      <ul class="itda-check-points">
        <li>{t('check.point.questions', { n: CHECK_STEP_COUNT })}</li>
        <li>{t('check.point.skip')}</li>
        <li>{t('check.point.nothingStored')}</li>
      </ul>
      <p>
        <LinkButton href="/check?step=1" variant="primary" size="large">
          {t('check.start')}
        </LinkButton>
      </p>
    </CheckFrame>
  );
}

type Municipality = { code: string; name: string };

function Question(props: { c: AppContext; step: number; values: FormValues; errors?: FieldErrors; municipalities: Municipality[] }) {
  const { c, step, values, errors } = props;
  const t = c.var.t;
  const name = CHECK_STEPS[step - 1]![0];
  const radio = (field: string, options: { value: string; label: string }[], hint?: string) => (
    <RadioGroup t={t} name={field} label={t(`check.q.${field}`)} hint={hint} values={values} errors={errors} options={options} />
  );
  const yesNo = [
    { value: 'yes', label: t('check.yes') },
    { value: 'no', label: t('check.no') },
  ];
  switch (name) {
    case 'municipalityCode':
      return (
        <Select
          t={t}
          name="municipalityCode"
          label={t('check.q.municipalityCode')}
          hint={t('check.hint.municipalityCode')}
          values={values}
          errors={errors}
          placeholder={t('check.choose')}
          options={props.municipalities.map((m) => ({ value: m.code, label: m.name }))}
        />
      );
    case 'ksicCode': {
      const word = valueOf(values, 'ksicWord').trim();
      const current = valueOf(values, 'ksicCode');
      const matches = word ? searchIndustries(word) : POPULAR.map((code) => ({ code, word: '', name: industryName(code) }));
      const options = matches.map((m) => ({ value: m.code, label: m.word ? `${m.word} — ${m.name}` : industryName(m.code) }));
      // Keep a choice made earlier even when it is not among these matches.
      if (current && !options.some((o) => o.value === current)) options.unshift({ value: current, label: industryName(current) });
      return (
        <>
          <Input t={t} name="ksicWord" label={t('check.q.ksicWord')} hint={t('check.hint.ksicWord')} values={values} errors={errors} />
          <p>
            <Button name="go" value="search" variant="secondary">
              {t('check.search')}
            </Button>
          </p>
          {word && !matches.length && <p class="itda-check-none">{t('check.noMatch', { word })}</p>}
          {options.length > 0 &&
            radio(
              'ksicCode',
              options,
              word ? t('check.hint.ksicMatches', { word }) : t('check.hint.ksicPopular'),
            )}
        </>
      );
    }
    case 'openedMonth':
      return (
        <Input
          t={t}
          name="openedMonth"
          type="month"
          label={t('check.q.openedMonth')}
          hint={t('check.hint.openedMonth')}
          inputmode="numeric"
          values={values}
          errors={errors}
        />
      );
    case 'revenueBand':
      return radio(
        'revenueBand',
        REVENUE_BAND_KEYS.map((k) => ({ value: k, label: t(`check.revenue.${k}`) })),
        t('check.hint.revenueBand'),
      );
    case 'workers':
      return (
        <Input
          t={t}
          name="workers"
          label={t('check.q.workers')}
          hint={t('check.hint.workers')}
          inputmode="numeric"
          values={values}
          errors={errors}
        />
      );
    case 'legalForm':
      return radio('legalForm', [
        { value: 'individual', label: t('check.legalForm.individual') },
        { value: 'corporation', label: t('check.legalForm.corporation') },
      ]);
    case 'ageBand':
      return (
        <>
          <p class="itda-check-optional">{t('check.optional')}</p>
          {radio(
            'ageBand',
            AGE_BAND_KEYS.map((k) => ({ value: k, label: t(`check.age.${k}`) })),
          )}
          {radio('ownerGender', [
            { value: 'female', label: t('check.female') },
            { value: 'male', label: t('check.male') },
          ])}
        </>
      );
    case 'ownerDisabled':
      return (
        <>
          <p class="itda-check-optional">{t('check.optional')}</p>
          {radio('ownerDisabled', yesNo)}
          {radio('ownerVeteran', yesNo)}
        </>
      );
  }
}

export function CheckStep(props: { c: AppContext; step: number; values: FormValues; errors?: FieldErrors; message?: string; municipalities: Municipality[] }) {
  const { c, step, values } = props;
  const t = c.var.t;
  const fields = CHECK_STEPS[step - 1]!;
  const back = step > 1 ? `/check?${answersQuery(values, { step: String(step - 1) })}` : '/check';
  return (
    <CheckFrame c={c} title={`${t('check.title')} (${step} / ${CHECK_STEP_COUNT})`}>
      <p class="itda-check-progress">
        <span>{t('check.progress', { n: step, total: CHECK_STEP_COUNT })}</span>
        <progress max={CHECK_STEP_COUNT} value={step} aria-hidden="true"></progress>
      </p>
      <ErrorSummary t={t} errors={props.errors} message={props.message} />
      <form method="get" action="/check" class="itda-form itda-check-form" novalidate>
        <input type="hidden" name="step" value={String(step)} />
        <Carried values={values} except={fields} />
        <Question c={c} step={step} values={values} errors={props.errors} municipalities={props.municipalities} />
        <div class="itda-check-actions">
          <Button name="go" value="next" size="large">
            {step === CHECK_STEP_COUNT ? t('check.seeResult') : t('check.next')}
          </Button>
          <Button name="go" value="skip" variant="secondary" size="large">
            {t('check.skip')}
          </Button>
        </div>
      </form>
      <p class="itda-check-back">
        <a href={back}>← {t('check.back')}</a>
      </p>
    </CheckFrame>
  );
}

/** Words in the owner's language with Korean parts marked (WCAG 3.1.2, language of parts). */
function WordsView(props: { w: Words }) {
  return <>{props.w.map((p) => (p.ko ? <span lang="ko">{p.text}</span> : p.text))}</>;
}

const STATUS_CLASS = { eligible: 'met', ineligible: 'unmet', unknown: 'unknown' } as const;

/** The "why" tree in the owner's language (same markup and classes as the Korean ExplanationView). */
function OwnerExplanationView(props: { e: OwnerExplanation; words: ReturnType<typeof explainWords> }) {
  const { e, words } = props;
  if (e.kind === 'criterion') {
    return (
      <li class={`itda-crit itda-crit-${STATUS_CLASS[e.verdict]}`}>
        <span class="itda-crit-status">{words.status[e.verdict]}</span>{' '}
        <span class="itda-crit-rule">
          <WordsView w={e.rule} />
        </span>
        <span class="itda-crit-value">
          {' — '}
          <WordsView w={e.value} />
        </span>
        {e.note && (
          <span class="form-hint">
            {' · '}
            {words.note}: <WordsView w={e.note} />
          </span>
        )}
      </li>
    );
  }
  const head = e.empty && e.kind !== 'not' ? (e.kind === 'all' ? words.noConditions : words.noneCanBeMet) : words.heading[e.kind];
  return (
    <li class={`itda-crit-group itda-crit-${STATUS_CLASS[e.verdict]}`}>
      <span>{head}</span>
      <ul>
        {e.children.map((ch) => (
          <OwnerExplanationView e={ch} words={words} />
        ))}
      </ul>
    </li>
  );
}

type Info = ReadonlyMap<string, { id: number; detailUrl: string | null; applyUrl: string | null; periodEnd: string | null; periodKind: string }>;

function ProgrammeCard(props: { c: AppContext; p: SelfCheckProgramme; info: Info; ask?: boolean; own: OwnerWording | null; korean?: Explanation }) {
  const { c, p, own } = props;
  const t = c.var.t;
  const info = props.info.get(p.programmeKey);
  const link = info?.detailUrl ?? info?.applyUrl ?? null;
  // Not Korean: the notice's title stays as written (she will find it under that name), marked Korean.
  const ko = c.var.locale === 'ko' ? undefined : 'ko';
  return (
    <li class={`itda-card itda-verdict itda-verdict-${p.verdict}`}>
      <h3 lang={ko}>{p.title}</h3>
      {info?.periodKind === 'range' && info.periodEnd && <p class="itda-check-deadline">{t('check.deadline', { date: info.periodEnd })}</p>}
      {own ? own.summary && <p>{own.summary}</p> : p.summary && <p>{p.summary}</p>}
      {props.ask && p.missing.length > 0 && (
        <p class="itda-ask">
          {t('check.askThis', { fact: p.missing.map((f) => t(`check.fact.${f}`)).join(', ') })}
        </p>
      )}
      {p.explanation && (
        <details>
          <summary>{t('check.why')}</summary>
          <ul class="itda-explanation">
            {own?.explanation ? <OwnerExplanationView e={own.explanation} words={explainWords(t)} /> : <ExplanationView e={props.korean ?? p.explanation} />}
          </ul>
        </details>
      )}
      {link && (
        <p>
          <a href={link} rel="noopener noreferrer" target="_blank">
            {t('check.noticeLink')}
          </a>
        </p>
      )}
    </li>
  );
}

export interface CheckResultView {
  refDate: string;
  eligible: readonly SelfCheckProgramme[];
  oneFactShort: readonly SelfCheckProgramme[];
  moreFactsShort: readonly SelfCheckProgramme[];
  openingLater: readonly TimeChange[];
  ineligibleCount: number;
  info: Info;
  /** The facts the explanations were built on (rendered in the owner's language from them)… */
  facts: BusinessFacts;
  /** …and the same with every range answer at its upper end. */
  upperFacts: BusinessFacts;
}

export function CheckResult(props: { c: AppContext; values: FormValues; result: CheckResultView }) {
  const { c, values, result } = props;
  const t = c.var.t;
  const answered = CHECK_FIELDS.filter((f) => valueOf(values, f)).length;
  const lang = ownerLangOf(c.var.locale);
  const own = (p: SelfCheckProgramme) => ownerWording(t, lang, p, result);
  // Korean: the engine's sentences, with range answers read as she gave them.
  const korean = (p: SelfCheckProgramme) => (!lang && p.explanation ? koreanAnsweredRanges(p.explanation, result.facts, result.upperFacts, result.refDate) : undefined);
  return (
    <CheckFrame c={c} title={t('check.resultTitle')}>
      <h1 class="itda-check-title">{t('check.resultTitle')}</h1>
      <p role="status" class="itda-check-lead">
        {t('check.resultLead', { date: result.refDate, eligible: result.eligible.length, ask: result.oneFactShort.length, later: result.openingLater.length })}
      </p>
      {answered < 3 && <p class="itda-check-optional">{t('check.fewAnswers')}</p>}
      <section aria-labelledby="fit-now">
        <h2 class="itda-h2" id="fit-now">
          {t('check.group.eligible')} ({result.eligible.length})
        </h2>
        {result.eligible.length ? (
          <ul class="itda-programme-list">
            {result.eligible.map((p) => (
              <ProgrammeCard c={c} p={p} info={result.info} own={own(p)} korean={korean(p)} />
            ))}
          </ul>
        ) : (
          <p>{t('check.noneEligible')}</p>
        )}
      </section>
      {result.oneFactShort.length > 0 && (
        <section aria-labelledby="one-more">
          <h2 class="itda-h2" id="one-more">
            {t('check.group.oneFact')} ({result.oneFactShort.length})
          </h2>
          <p class="form-hint">{t('check.group.oneFactLead')}</p>
          <ul class="itda-programme-list">
            {result.oneFactShort.map((p) => (
              <ProgrammeCard c={c} p={p} info={result.info} own={own(p)} korean={korean(p)} ask />
            ))}
          </ul>
        </section>
      )}
      {result.openingLater.length > 0 && (
        <section aria-labelledby="later">
          <h2 class="itda-h2" id="later">
            {t('check.group.later')} ({result.openingLater.length})
          </h2>
          <ul class="itda-programme-list">
            {result.openingLater.map((o) => (
              <li class="itda-card">
                <h3 lang={lang ? 'ko' : undefined}>{o.title}</h3>
                <p>{lang ? t(o.verdictThen === 'eligible' ? 'check.later.eligible' : 'check.later.unknown', { date: o.date }) : o.text}</p>
              </li>
            ))}
          </ul>
        </section>
      )}
      {result.moreFactsShort.length > 0 && <p>{t('check.moreFacts', { n: result.moreFactsShort.length })}</p>}
      <p class="form-hint">{t('check.onlyReviewed')}</p>
      <section class="itda-card itda-check-help" aria-labelledby="help">
        <h2 class="itda-h2" id="help">
          {t('check.help.title')}
        </h2>
        <p>{t('check.help.lead')}</p>
        <LinkButton href={`/check/help?${answersQuery(values)}`} variant="primary" size="large">
          {t('check.help.button')}
        </LinkButton>
      </section>
      <p class="itda-check-back">
        <a href={`/check?${answersQuery(values, { step: '1' })}`}>{t('check.changeAnswers')}</a>
      </p>
    </CheckFrame>
  );
}
