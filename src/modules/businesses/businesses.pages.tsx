import type { Child } from 'hono/jsx';
import type { Hono } from 'hono';
import { KSIC_NAMES } from '../../domain/eligibility/eligibility.reference.ts';
import { industryName, industrySuggestions, industryWordOf } from '../../domain/eligibility/industry-words.ts';
import { formatBrn } from '../../domain/identifiers.ts';
import { maskName, maskPhone } from '../../domain/masking.ts';
import type { Translate } from '../../i18n/i18n.ts';
import {
  Badge,
  Button,
  CsrfField,
  ErrorSummary,
  Fieldset,
  Input,
  LinkButton,
  Select,
  Textarea,
  valueOf,
  type FieldErrors,
  type FormValues,
} from '../../web/components/index.ts';
import { requestMeta, type AppContext, type AppEnv } from '../../web/context.ts';
import { handleForm, readForm } from '../../web/forms.ts';
import { DemoBadge, Layout, Notice, PageHeader, pageResponse } from '../../web/layout.tsx';
import { can } from '../auth/auth.policy.ts';
import type { EligibilityService } from '../eligibility/eligibility.service.ts';
import type { StoredVerdicts } from '../matching/stored-verdicts.service.ts';
import { NotFoundError } from '../../errors.ts';
import { formatWon } from '../../web/format.ts';
import { ExplanationView } from '../programs/programs.rule-view.tsx';
import { kstDate } from '../../domain/korean-time.ts';
import type { BusinessesService } from './businesses.service.ts';
import type { NtsService } from '../nts/nts.service.ts';
import type { HelpRequestsService } from '../help-requests/help-requests.service.ts';
import { NtsStatusLine } from '../nts/nts.views.tsx';
import { uuidParam } from '../../web/params.ts';
import { pageKey, renderHtml, type PageCache } from '../../web/page-cache.ts';

export interface BusinessPageExtras {
  /** Sections other modules add to the business page (participations, documents). */
  sections: (c: AppContext, businessId: string) => Promise<Child[]>;
}

/** The notices a redirect to the business page may ask for (`?notice=`); anything else shows nothing. */
const NOTICES = [
  'activity',
  'consentWithdrawn',
  'created',
  'existing',
  'handedOver',
  'ntsChecked',
  'ntsFailed',
  'ownerLink',
  'saved',
  'signedUploaded',
] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const yn = (t: Translate) => [
  { value: 'no', label: t('eligibility.no') },
  { value: 'yes', label: t('eligibility.yes') },
];

function ynValue(v: boolean | null): string {
  return v === null ? '' : v ? 'yes' : 'no';
}

function BusinessForm(props: {
  c: AppContext;
  action: string;
  values: FormValues;
  errors?: FieldErrors;
  message?: string;
  municipalities: { code: string; name: string }[];
  isNew: boolean;
}) {
  const { c, values, errors } = props;
  const t = c.var.t;
  const unknown = t('eligibility.unknownOption');
  const sel = (name: string, options: { value: string; label: string }[], placeholder = unknown) => (
    <Select
      t={t}
      name={name}
      label={t(`businesses.field.${name}`)}
      values={values}
      errors={errors}
      placeholder={placeholder}
      options={options}
    />
  );
  const txt = (name: string, hint?: string, type?: 'text' | 'tel') => (
    <Input t={t} name={name} type={type} label={t(`businesses.field.${name}`)} hint={hint} values={values} errors={errors} />
  );
  return (
    <form method="post" action={props.action} class="itda-form itda-form-wide" novalidate>
      <CsrfField token={c.var.csrfToken} />
      {!props.isNew && <input type="hidden" name="version" value={valueOf(values, 'version')} />}
      {props.isNew && valueOf(values, 'storeId') && <input type="hidden" name="storeId" value={valueOf(values, 'storeId')} />}
      {props.isNew && valueOf(values, 'storeId') && (
        <Notice kind="info">{t('stores.prefilled', { id: valueOf(values, 'storeId') })}</Notice>
      )}
      {props.isNew && valueOf(values, 'helpRequestId') && (
        <input type="hidden" name="helpRequestId" value={valueOf(values, 'helpRequestId')} />
      )}
      <Notice kind="warning">{t('businesses.noRrn')}</Notice>
      <Fieldset title={t('businesses.section.basic')}>
        <div class="itda-grid-2">
          <Input t={t} name="brn" label={t('businesses.field.brn')} hint="220-81-62517" values={values} errors={errors} required />
          <Input t={t} name="name" label={t('businesses.field.name')} values={values} errors={errors} required />
          <Select
            t={t}
            name="municipalityCode"
            label={t('businesses.field.municipalityCode')}
            values={values}
            errors={errors}
            placeholder={t('common.choose')}
            options={props.municipalities.map((m) => ({ value: m.code, label: m.name }))}
            required
          />
          {txt('eupMyeonDong')}
          {txt('openedOn', '2021-03-02')}
          {sel(
            'operatingStatus',
            (['active', 'preparing', 'suspended', 'closed'] as const).map((s) => ({ value: s, label: t(`eligibility.status.${s}`) })),
          )}
          {txt('closedOn', '2026-06-30')}
          <div>
            <Input
              t={t}
              name="ksicCode"
              label={t('businesses.field.ksicCode')}
              hint={t('check.industryHint')}
              list="ksic-list"
              values={values}
              errors={errors}
            />
            {/* Everyday words first (issue 13 §1: a clerk need not know that a 치킨집 is 56193), then the codes. */}
            <datalist id="ksic-list">
              {industrySuggestions().map((s) => (
                <option value={s} />
              ))}
              {Object.entries(KSIC_NAMES).map(([code, name]) => (
                <option value={code}>{`${code} ${name}`}</option>
              ))}
            </datalist>
          </div>
          {txt('ntsIndustryCode', t('businesses.ntsHint'))}
          {sel(
            'legalForm',
            (['individual', 'corporation'] as const).map((f) => ({ value: f, label: t(`businesses.legalForm.${f}`) })),
          )}
          {sel(
            'marketLocation',
            (['traditional_market', 'shopping_street', 'alley_shopping_street', 'none'] as const).map((m) => ({
              value: m,
              label: t(`businesses.marketLocation.${m}`),
            })),
          )}
          {txt('annualRevenue', t('eligibility.revenueHint'))}
          {txt('annualRevenueYear', t('businesses.annualRevenueYearHint'))}
          {txt('previousAnnualRevenue', t('businesses.previousAnnualRevenueHint'))}
          {txt('workers')}
          {sel('premises', [
            { value: 'leased', label: t('eligibility.leased') },
            { value: 'owned', label: t('eligibility.owned') },
          ])}
          {sel('mailOrderRegistered', yn(t))}
        </div>
      </Fieldset>
      <Fieldset title={t('businesses.section.stage')}>
        <p class="form-hint">{t('businesses.stageHint')}</p>
        <div class="itda-grid-2">
          {sel('closurePlanned', yn(t))}
          {txt('plannedClosureOn', '2027-03-31')}
          {sel('restart', yn(t))}
        </div>
      </Fieldset>
      <Fieldset title={t('businesses.section.owner')}>
        <p class="form-hint">{t('businesses.ownerHint')}</p>
        <div class="itda-grid-2">
          {txt('ownerName')}
          {txt('phone', '010-1234-5678', 'tel')}
          {txt('address')}
          {txt('ownerBirthDate', '1975-05-20')}
          {sel('ownerGender', [
            { value: 'female', label: t('eligibility.female') },
            { value: 'male', label: t('eligibility.male') },
          ])}
          {sel('ownerDisabled', yn(t))}
          {sel('ownerVeteran', yn(t))}
          {sel(
            'itLiteracy',
            (['low', 'medium', 'high'] as const).map((s) => ({ value: s, label: t(`businesses.itLiteracy.${s}`) })),
          )}
          {sel(
            'preferredChannel',
            (['visit', 'phone', 'sms'] as const).map((s) => ({ value: s, label: t(`businesses.channel.${s}`) })),
          )}
        </div>
      </Fieldset>
      <Fieldset title={t('businesses.section.tax')}>
        <div class="itda-grid-2">
          {sel('nationalTaxArrears', yn(t))}
          {sel('localTaxArrears', yn(t))}
          {sel('taxArrearsDeferred', yn(t))}
          {sel('creditDelinquent', yn(t))}
        </div>
      </Fieldset>
      <Fieldset title={t('businesses.section.consent')}>
        <p class="form-hint">{t('businesses.consentHint')}</p>
        <div class="itda-grid-2">
          {sel(
            'consentCollection',
            (['written', 'verbal', 'electronic'] as const).map((m) => ({ value: m, label: t(`businesses.consentMethod.${m}`) })),
            t('businesses.consentNotGiven'),
          )}
          {sel(
            'consentThirdParty',
            (['written', 'verbal', 'electronic'] as const).map((m) => ({ value: m, label: t(`businesses.consentMethod.${m}`) })),
            t('businesses.consentNotGiven'),
          )}
        </div>
      </Fieldset>
      <div class="itda-form-actions">
        <Button size="large">{props.isNew ? t('businesses.create') : t('common.save')}</Button>
      </div>
    </form>
  );
}

type Detail = Awaited<ReturnType<BusinessesService['get']>>;
type Eligibility = Awaited<ReturnType<StoredVerdicts['forBusiness']>>;

/** Programme cards per verdict group on the business page; the whole group is on the more page. */
const CARDS_PER_GROUP = 20;

/** The link to a whole group on the more page, when the business page shows only its first cards. */
function ShowAll(props: { c: AppContext; businessId: string; n: number; limit?: number; group: string; anchor: string }) {
  if (props.limit === undefined || props.n <= props.limit) return null;
  return (
    <p class="itda-show-all">
      <a href={`/businesses/${props.businessId}/eligibility/more#${props.anchor}`}>
        {props.c.var.t('businesses.eligibilityShowAll', { group: props.group, n: props.n })}
      </a>
    </p>
  );
}

function VerdictCards(props: {
  c: AppContext;
  businessId: string;
  rows: Eligibility['results'];
  limit?: number;
  group: string;
  anchor: string;
}) {
  const { c, businessId } = props;
  const t = c.var.t;
  return (
    <>
      <ul class="itda-programme-list">
        {props.rows.slice(0, props.limit).map((r) => (
          <li class={`itda-card itda-verdict itda-verdict-${r.verdict}`}>
            <h3>
              <a href={`/programmes/${r.programmeId}`}>{r.title}</a>
            </h3>
            <p>
              {r.verdict === 'eligible' ? t('verdict.eligible') : t('verdict.unknown')}
              {r.periodEnd && <span class="form-hint"> · {t('participations.until', { date: r.periodEnd })}</span>}
            </p>
            {r.verdict === 'unknown' && r.missing.length > 0 && (
              <p class="itda-ask">
                {t('eligibility.needs')}: {r.missing.map((f) => t(`eligibility.fact.${f}`)).join(', ')}
              </p>
            )}
            <p>
              <a class="itda-why" href={`/businesses/${businessId}/programmes/${r.programmeId}/explanation`}>
                {t('eligibility.why')}
                <span class="sr-only"> {r.title}</span>
              </a>
            </p>
          </li>
        ))}
      </ul>
      <ShowAll c={c} businessId={businessId} n={props.rows.length} limit={props.limit} group={props.group} anchor={props.anchor} />
    </>
  );
}

function PendingCards(props: { c: AppContext; businessId: string; rows: Eligibility['pending']; limit?: number }) {
  const { c, businessId } = props;
  const t = c.var.t;
  return (
    <section aria-labelledby="pending-title" class="itda-pending">
      <h3 class="itda-h3" id="pending-title">
        {t('eligibility.pendingTitle')} ({props.rows.length})
      </h3>
      <p class="form-hint">{t('eligibility.pendingLead')}</p>
      <ul class="itda-programme-list">
        {props.rows.slice(0, props.limit).map((r) => (
          <li class="itda-card itda-verdict itda-verdict-unreviewed">
            <h4>
              <a href={`/programmes/${r.programmeId}`}>{r.title}</a>
            </h4>
            <p>
              <span class="itda-badge itda-badge-future">{t('verdict.unreviewed')}</span> {t('eligibility.pendingRead')}
            </p>
            <p>
              <a href={`/businesses/${businessId}/programmes/${r.programmeId}/explanation`}>
                {t('eligibility.pendingChecked')}
                <span class="sr-only"> {r.title}</span>
              </a>
            </p>
          </li>
        ))}
      </ul>
      <ShowAll
        c={c}
        businessId={businessId}
        n={props.rows.length}
        limit={props.limit}
        group={t('verdict.unreviewed')}
        anchor="all-pending"
      />
    </section>
  );
}

/** The business page's body (inside the layout): kept rendered per fingerprint by the GET route. */
function DetailBody(props: {
  c: AppContext;
  d: Detail;
  nts?: NtsService;
  elig: Eligibility;
  sections: Child[];
  municipalityName?: string;
  activityValues?: FormValues;
  activityErrors?: FieldErrors;
}) {
  const { c, d, elig } = props;
  const t = c.var.t;
  const b = d.business;
  const locale = c.var.locale;
  const unknown = t('businesses.unknownValue');
  const val = (v: string | number | null | undefined) =>
    v === null || v === undefined || v === '' ? <span class="itda-unknown">{unknown}</span> : String(v);
  const bool = (v: boolean | null) =>
    v === null ? <span class="itda-unknown">{unknown}</span> : v ? t('eligibility.yes') : t('eligibility.no');
  const eligible = elig.results.filter((r) => r.verdict === 'eligible');
  const unknownRes = elig.results.filter((r) => r.verdict === 'unknown');
  const activeConsent = (kind: string) => d.consents.find((k) => k.kind === kind && !k.withdrawnAt);
  const notice = c.req.query('notice');
  return (
    <>
      {notice && (NOTICES as readonly string[]).includes(notice) && <Notice kind="success">{t(`businesses.notice.${notice}`)}</Notice>}
      {d.handedTo && (
        <Notice kind="info">
          {t('businesses.handedTo', { office: d.handedTo.name })}{' '}
          {t('businesses.handedToContact', {
            phone: d.handedTo.phone ?? t('businesses.unknownValue'),
            address: d.handedTo.address ?? t('businesses.unknownValue'),
          })}
        </Notice>
      )}
      <PageHeader title={b.name}>
        <p class="itda-meta">
          {b.brn && <span class="itda-tag">{formatBrn(b.brn)}</span>}
          {b.isSample && <DemoBadge label={t('demo.badge')} />}
          {b.minimalOnly && <Badge tone="warning">{t('businesses.minimalOnly')}</Badge>}
        </p>
      </PageHeader>
      {d.canWrite && (
        <p class="itda-form-actions">
          <LinkButton href={`/businesses/${b.id}/edit`}>{t('businesses.edit')}</LinkButton>
          <a class="krds-btn medium secondary" href="#activity-form">
            {t('activities.add')}
          </a>
        </p>
      )}
      {d.canWrite && b.phone && b.preferredChannel !== 'visit' && (
        <form method="post" action={`/businesses/${b.id}/owner-link`} class="itda-form-actions">
          <CsrfField token={c.var.csrfToken} />
          <Button variant="secondary">{t('owner.sendLink')}</Button>
          <span class="form-hint">{t('owner.sendLinkHint')}</span>
        </form>
      )}
      <div class="itda-two-col">
        <section class="itda-card">
          <h2 class="itda-h3">{t('businesses.section.basic')}</h2>
          <dl class="itda-dl itda-dl-compact">
            <dt>{t('businesses.field.municipalityCode')}</dt>
            <dd>{val(props.municipalityName ?? b.municipalityCode)}</dd>
            <dt>{t('businesses.field.openedOn')}</dt>
            <dd>{val(b.openedOn)}</dd>
            <dt>{t('businesses.field.operatingStatus')}</dt>
            <dd>
              {b.operatingStatus ? t(`eligibility.status.${b.operatingStatus}`) : val(null)}
              {props.nts && (
                <NtsStatusLine
                  t={t}
                  v={{ configured: props.nts.configured, stale: props.nts.isStale(b.ntsCheckedAt), business: b }}
                  canWrite={d.canWrite}
                  csrfToken={c.var.csrfToken}
                />
              )}
            </dd>
            <dt>{t('businesses.field.ksicCode')}</dt>
            <dd>
              {b.ksicCode
                ? `${b.ksicCode} ${industryName(b.ksicCode)}${industryWordOf(b.ksicCode) ? ` (${industryWordOf(b.ksicCode)})` : ''}`
                : val(null)}
            </dd>
            <dt>{t('businesses.field.annualRevenue')}</dt>
            <dd>{b.annualRevenue === null ? val(null) : formatWon(b.annualRevenue, locale)}</dd>
            <dt>{t('businesses.field.previousAnnualRevenue')}</dt>
            <dd>
              {b.previousAnnualRevenue === null ? val(null) : formatWon(b.previousAnnualRevenue, locale)}
              {b.annualRevenueYear !== null && (
                <span class="form-hint">
                  {' '}
                  ({t('businesses.revenueYears', { year: b.annualRevenueYear, previous: b.annualRevenueYear - 1 })})
                </span>
              )}
            </dd>
            <dt>{t('businesses.field.workers')}</dt>
            <dd>{val(b.workers === null ? null : Number(b.workers))}</dd>
            <dt>{t('businesses.field.legalForm')}</dt>
            <dd>{b.legalForm ? t(`businesses.legalForm.${b.legalForm}`) : val(null)}</dd>
            <dt>{t('businesses.field.marketLocation')}</dt>
            <dd>{b.marketLocation ? t(`businesses.marketLocation.${b.marketLocation}`) : val(null)}</dd>
            <dt>{t('businesses.field.closurePlanned')}</dt>
            <dd>
              {bool(b.closurePlanned)}
              {b.closurePlanned && b.plannedClosureOn && ` (${t('businesses.field.plannedClosureOn')} ${b.plannedClosureOn})`}
            </dd>
            <dt>{t('businesses.field.restart')}</dt>
            <dd>{bool(b.restart)}</dd>
            <dt>{t('businesses.field.premises')}</dt>
            <dd>{b.premises ? t(`eligibility.${b.premises}`) : val(null)}</dd>
            <dt>{t('businesses.field.localTaxArrears')}</dt>
            <dd>{bool(b.localTaxArrears)}</dd>
            <dt>{t('businesses.field.nationalTaxArrears')}</dt>
            <dd>{bool(b.nationalTaxArrears)}</dd>
          </dl>
        </section>
        <section class="itda-card">
          <h2 class="itda-h3">{t('businesses.section.owner')}</h2>
          <dl class="itda-dl itda-dl-compact">
            <dt>{t('businesses.field.ownerName')}</dt>
            <dd>{val(b.ownerName)}</dd>
            <dt>{t('businesses.field.phone')}</dt>
            <dd>{val(b.phone)}</dd>
            <dt>{t('businesses.field.address')}</dt>
            <dd>{val([b.address, b.eupMyeonDong].filter(Boolean).join(' ') || null)}</dd>
            <dt>{t('businesses.field.itLiteracy')}</dt>
            <dd>{b.itLiteracy ? t(`businesses.itLiteracy.${b.itLiteracy}`) : val(null)}</dd>
            <dt>{t('businesses.field.preferredChannel')}</dt>
            <dd>{b.preferredChannel ? t(`businesses.channel.${b.preferredChannel}`) : val(null)}</dd>
          </dl>
          <h3 class="itda-h3">{t('businesses.section.consent')}</h3>
          <ul>
            {(['collection', 'third_party'] as const).map((kind) => {
              const k = activeConsent(kind);
              return (
                <li>
                  {t(`businesses.consentKind.${kind}`)}:{' '}
                  {k
                    ? t('businesses.consentGiven', {
                        date: k.givenOn,
                        method: t(`businesses.consentMethod.${k.method}`),
                        version: k.textVersion,
                      })
                    : t('businesses.consentNotGiven')}
                  {k && d.canWrite && (
                    <form method="post" action={`/businesses/${b.id}/consent/withdraw`} class="itda-inline-form">
                      <CsrfField token={c.var.csrfToken} />
                      <input type="hidden" name="kind" value={kind} />
                      <Button variant="text" size="small">
                        {t('businesses.withdrawConsent')}
                      </Button>
                    </form>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      </div>
      <section aria-labelledby="elig">
        <h2 class="itda-h2" id="elig">
          {t('businesses.eligibility', { eligible: eligible.length, unknown: unknownRes.length })}
        </h2>
        {elig.askNext.some((a) => a.decides > 0) && (
          <Notice kind="info">
            {t('eligibility.askNext')}:{' '}
            {elig.askNext
              .filter((a) => a.decides > 0)
              .slice(0, 3)
              .map((a) => t('eligibility.askNextItem', { fact: t(`eligibility.fact.${a.fact}`), n: a.decides, m: a.involved }))
              .join(' · ')}
          </Notice>
        )}
        {/* Stored verdicts (issue 12 §4); each programme's explanation is evaluated when opened. A
            2,000-programme catalogue gives hundreds per group: the first few, the rest on the more page. */}
        <VerdictCards c={c} businessId={b.id} rows={eligible} limit={CARDS_PER_GROUP} group={t('verdict.eligible')} anchor="all-eligible" />
        <VerdictCards c={c} businessId={b.id} rows={unknownRes} limit={CARDS_PER_GROUP} group={t('verdict.unknown')} anchor="all-unknown" />
        {elig.pending.length > 0 && <PendingCards c={c} businessId={b.id} rows={elig.pending} limit={CARDS_PER_GROUP} />}
        <p>
          <a href={`/businesses/${b.id}/eligibility/more`}>{t('businesses.eligibilityMore')}</a>
        </p>
      </section>
      {props.sections}
      <section aria-labelledby="timeline">
        <h2 class="itda-h2" id="timeline">
          {t('activities.timeline')}
        </h2>
        {d.activities.length === 0 ? (
          <p>{t('activities.none')}</p>
        ) : (
          <ol class="itda-timeline">
            {d.activities.map((a) => (
              <li>
                <strong>
                  {a.occurredOn} · {t(`activities.kind.${a.kind}`)}
                  {a.minutes !== null && ` · ${t('activities.minutesValue', { n: a.minutes })}`}
                </strong>{' '}
                <span class="form-hint">({a.clerkName})</span>
                <p class="itda-pre">{a.summary}</p>
                {a.nextAction && (
                  <p class="form-hint">
                    {t('activities.next')}: {a.nextAction} ({a.nextDueOn})
                  </p>
                )}
              </li>
            ))}
          </ol>
        )}
        {d.canWrite && (
          <form method="post" action={`/businesses/${b.id}/activities`} class="itda-form itda-form-wide" id="activity-form" novalidate>
            <h3 class="itda-h3">{t('activities.add')}</h3>
            <ErrorSummary t={t} errors={props.activityErrors} />
            <CsrfField token={c.var.csrfToken} />
            <div class="itda-grid-2">
              <Select
                t={t}
                name="kind"
                label={t('activities.kindLabel')}
                values={props.activityValues ?? { kind: 'visit' }}
                errors={props.activityErrors}
                options={(['visit', 'call', 'office', 'sms'] as const).map((k) => ({ value: k, label: t(`activities.kind.${k}`) }))}
              />
              <Input
                t={t}
                name="occurredOn"
                label={t('activities.occurredOn')}
                values={props.activityValues ?? { occurredOn: kstDate(new Date()) }}
                errors={props.activityErrors}
                required
              />
              <Input
                t={t}
                name="minutes"
                type="number"
                label={t('activities.minutes')}
                values={props.activityValues}
                errors={props.activityErrors}
              />
            </div>
            <Textarea
              t={t}
              name="summary"
              label={t('activities.summary')}
              values={props.activityValues}
              errors={props.activityErrors}
              required
            />
            <div class="itda-grid-2">
              <Input
                t={t}
                name="nextAction"
                label={t('activities.nextAction')}
                values={props.activityValues}
                errors={props.activityErrors}
              />
              <Input
                t={t}
                name="nextDueOn"
                label={t('activities.nextDueOn')}
                hint="2026-12-10"
                values={props.activityValues}
                errors={props.activityErrors}
              />
            </div>
            <div class="itda-form-actions">
              <Button>{t('activities.save')}</Button>
            </div>
          </form>
        )}
      </section>
    </>
  );
}

type ListResult = Awaited<ReturnType<BusinessesService['list']>>;

function ListPage(props: {
  c: AppContext;
  list: ListResult;
  values: FormValues;
  page: number;
  canIntake: boolean;
  exportErrors?: FieldErrors;
}) {
  const { c, list } = props;
  const t = c.var.t;
  return (
    <Layout c={c} title={t('businesses.title')}>
      <PageHeader title={t('businesses.title')} lead={t('businesses.lead')} />
      {props.canIntake && (
        <p>
          <LinkButton href="/businesses/new" variant="primary">
            {t('businesses.new')}
          </LinkButton>
        </p>
      )}
      <form method="get" action="/businesses" class="itda-filters" role="search">
        <Input t={t} name="q" label={t('businesses.search')} values={props.values} />
        <Button variant="secondary">{t('common.filter')}</Button>
      </form>
      <div class="krds-table-wrap">
        <table class="itda-table">
          <caption>{t('businesses.maskedCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('businesses.field.name')}</th>
              <th scope="col">{t('businesses.field.ownerName')}</th>
              <th scope="col">{t('businesses.field.phone')}</th>
              <th scope="col">{t('businesses.field.municipalityCode')}</th>
              <th scope="col">{t('businesses.clerk')}</th>
              <th scope="col">{t('businesses.lastContact')}</th>
            </tr>
          </thead>
          <tbody>
            {list.rows.map((r) => (
              <tr>
                <th scope="row">
                  <a href={`/businesses/${r.id}`}>{r.name}</a> {r.isSample && <DemoBadge label={t('demo.badge')} />}
                </th>
                <td>{maskName(r.ownerName) || '—'}</td>
                <td>{maskPhone(r.phone) || '—'}</td>
                <td>{r.municipalityName ?? '—'}</td>
                <td>{r.clerkName ?? t('caseload.unassigned')}</td>
                <td>{r.lastContactAt ? kstDate(r.lastContactAt) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav class="itda-pager" aria-label={t('common.pagination')}>
        {props.page > 1 && <a href={`/businesses?page=${props.page - 1}`}>{t('common.prev')}</a>}
        {list.hasNext && <a href={`/businesses?page=${props.page + 1}`}>{t('common.next')}</a>}
      </nav>
      {can(c.var.actor, 'businesses.export') && (
        <form method="post" action="/businesses/export" class="itda-form itda-card" novalidate>
          <h2 class="itda-h3">{t('businesses.export')}</h2>
          <ErrorSummary t={t} errors={props.exportErrors} />
          <CsrfField token={c.var.csrfToken} />
          <Input
            t={t}
            name="reason"
            label={t('businesses.exportReason')}
            hint={t('businesses.exportReasonHint')}
            values={props.values}
            errors={props.exportErrors}
            required
          />
          <Button variant="secondary">{t('businesses.exportSubmit')}</Button>
        </form>
      )}
    </Layout>
  );
}

function FormPage(props: {
  c: AppContext;
  title: string;
  action: string;
  values: FormValues;
  errors?: FieldErrors;
  message?: string;
  municipalities: { code: string; name: string }[];
  isNew: boolean;
}) {
  const t = props.c.var.t;
  return (
    <Layout c={props.c} title={props.title}>
      <PageHeader title={props.title} lead={props.isNew ? t('businesses.newLead') : undefined} />
      <ErrorSummary t={t} errors={props.errors} message={props.message} />
      <BusinessForm {...props} />
    </Layout>
  );
}

function ExplanationPage(props: { c: AppContext; business: Detail['business']; x: Awaited<ReturnType<StoredVerdicts['explain']>> }) {
  const { c, business: b, x } = props;
  const t = c.var.t;
  const r = x.result;
  const verdict = !x.judged ? 'unreviewed' : r.verdict;
  return (
    <Layout c={c} title={`${x.programme.title} — ${b.name}`}>
      <PageHeader title={x.programme.title} lead={b.name} />
      <p>
        <a href={`/businesses/${b.id}#elig`}>{t('businesses.backToBusiness')}</a> ·{' '}
        <a href={`/programmes/${x.programme.id}`}>{t('businesses.programmePage')}</a>
      </p>
      <section class={`itda-card itda-verdict itda-verdict-${verdict}`} aria-labelledby="why">
        <h2 class="itda-h3" id="why">
          {x.judged ? t('eligibility.why') : t('eligibility.pendingChecked')}
        </h2>
        <p>
          {verdict === 'unreviewed' ? t('verdict.unreviewed') : t(`verdict.${verdict}`)} ({x.refDate})
        </p>
        {r.summary && <p>{r.summary}</p>}
        {x.judged && r.verdict === 'unknown' && r.missing.length > 0 && (
          <p class="itda-ask">
            {t('eligibility.needs')}: {r.missing.map((f) => t(`eligibility.fact.${f}`)).join(', ')}
          </p>
        )}
        {r.explanation && (
          <ul class="itda-explanation">
            <ExplanationView e={r.explanation} />
          </ul>
        )}
      </section>
    </Layout>
  );
}

function MorePage(props: {
  c: AppContext;
  business: Detail['business'];
  stored: Eligibility;
  elig: Awaited<ReturnType<EligibilityService['evaluateBusiness']>>;
}) {
  const { c, business: b, elig, stored } = props;
  const t = c.var.t;
  const eligible = stored.results.filter((r) => r.verdict === 'eligible');
  const unknown = stored.results.filter((r) => r.verdict === 'unknown');
  return (
    <Layout c={c} title={`${t('businesses.eligibilityMore')} — ${b.name}`}>
      <PageHeader title={t('businesses.eligibilityMore')} lead={b.name} />
      <p>
        <a href={`/businesses/${b.id}#elig`}>{t('businesses.backToBusiness')}</a>
      </p>
      {/* Every group the business page shows only the first cards of (its "모두 보기" links land here). */}
      <section aria-labelledby="all-title">
        <h2 class="itda-h2" id="all-title">
          {t('businesses.eligibilityAll')}
        </h2>
        <h3 class="itda-h3" id="all-eligible">
          {t('verdict.eligible')} ({eligible.length})
        </h3>
        <VerdictCards c={c} businessId={b.id} rows={eligible} group={t('verdict.eligible')} anchor="all-eligible" />
        <h3 class="itda-h3" id="all-unknown">
          {t('verdict.unknown')} ({unknown.length})
        </h3>
        <VerdictCards c={c} businessId={b.id} rows={unknown} group={t('verdict.unknown')} anchor="all-unknown" />
        {stored.pending.length > 0 && (
          <div id="all-pending">
            <PendingCards c={c} businessId={b.id} rows={stored.pending} />
          </div>
        )}
      </section>
      <section aria-labelledby="near">
        <h2 class="itda-h2" id="near">
          {t('eligibility.nearMisses')} ({elig.result.nearMisses.length})
        </h2>
        <ul>
          {elig.result.nearMisses.map((n) => (
            <li>
              <strong>{n.title}</strong>: {n.text}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="openings">
        <h2 class="itda-h2" id="openings">
          {t('eligibility.openings')} ({elig.result.openings.length})
        </h2>
        <ul>
          {elig.result.openings.map((o) => (
            <li>
              <strong>{o.title}</strong>: {o.text}
            </li>
          ))}
        </ul>
      </section>
    </Layout>
  );
}

export function businessPages(
  app: Hono<AppEnv>,
  deps: {
    businesses: BusinessesService;
    eligibility: EligibilityService;
    storedVerdicts: StoredVerdicts;
    municipalities: () => Promise<{ code: string; name: string }[]>;
    extras: BusinessPageExtras;
    nts?: NtsService;
    /** The intake's values from a registry shop (`/businesses/new?store=…`, issue 12 §1). */
    intakeFrom?: (actor: AppContext['var']['actor'], storeId: string) => Promise<FormValues>;
    /** Help requests of the public self-check (issue 13 §1): an intake pre-filled from one converts it. */
    helpRequests?: HelpRequestsService;
    /** Rendered bodies kept per fingerprint (absent: every view renders). */
    pageCache?: PageCache;
  },
) {
  const { businesses } = deps;

  app.get('/businesses', async (c) => {
    const q = c.req.query();
    const page = Math.max(1, Math.min(1000, Number(q.page) || 1));
    const list = await businesses.list(c.var.actor, { q: q.q?.slice(0, 50) || undefined, page }, requestMeta(c));
    const canIntake = c.var.actor?.role !== 'owner';
    return c.html(<ListPage c={c} list={list} values={q} page={page} canIntake={canIntake} />);
  });

  // Export: a form asks for the purpose (GET shows it, POST downloads).
  app.post('/businesses/export', async (c) => {
    const values = await readForm(c);
    const result = await handleForm(c, () => businesses.exportList(c.var.actor, values, requestMeta(c)));
    if (!result.ok) {
      const page = Math.max(1, Number(c.req.query('page')) || 1);
      const list = await businesses.list(c.var.actor, { page }, requestMeta(c));
      return c.html(
        <ListPage c={c} list={list} values={values} page={page} canIntake={c.var.actor?.role !== 'owner'} exportErrors={result.errors} />,
        400,
      );
    }
    c.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    c.header('content-disposition', `attachment; filename="businesses.xlsx"; filename*=UTF-8''${encodeURIComponent('사업장 목록.xlsx')}`);
    c.header('cache-control', 'no-store');
    return c.body(new Uint8Array(result.value));
  });

  app.get('/businesses/new', async (c) => {
    await businesses.assertCanIntake(c.var.actor);
    const store = c.req.query('store');
    // From a help request of the public self-check (issue 13 §1): the intake pre-filled in one step.
    const helpId = c.req.query('helpRequest');
    const values =
      store && deps.intakeFrom
        ? await deps.intakeFrom(c.var.actor, store)
        : helpId && deps.helpRequests
          ? await deps.helpRequests.prefill(
              c.var.actor,
              UUID.test(helpId) ? helpId : '00000000-0000-0000-0000-000000000000',
              requestMeta(c),
            )
          : {};
    return c.html(
      <FormPage
        c={c}
        title={c.var.t('businesses.new')}
        action="/businesses/new"
        values={values}
        municipalities={await deps.municipalities()}
        isNew
      />,
    );
  });

  app.post('/businesses/new', async (c) => {
    const values = await readForm(c);
    const result = await handleForm(c, () => businesses.create(c.var.actor, values, requestMeta(c)));
    if (!result.ok) {
      return c.html(
        <FormPage
          c={c}
          title={c.var.t('businesses.new')}
          action="/businesses/new"
          values={values}
          errors={result.errors}
          message={result.message}
          municipalities={await deps.municipalities()}
          isNew
        />,
        400,
      );
    }
    const helpId = typeof values.helpRequestId === 'string' ? values.helpRequestId : '';
    if (deps.helpRequests && UUID.test(helpId) && !result.value.existing)
      await deps.helpRequests.markConverted(c.var.actor, helpId, result.value.id, requestMeta(c));
    return c.redirect(
      `/businesses/${result.value.id}?notice=${result.value.existing ? 'existing' : result.value.handedOver ? 'handedOver' : 'created'}`,
      303,
    );
  });

  /** The page's body from its data (`d`: the business as `businesses.get` or `view().detail` gives it). */
  const detailBody = async (c: AppContext, d: Detail, activityValues?: FormValues, activityErrors?: FieldErrors) => {
    const id = d.business.id;
    const [elig, sections, municipalities] = await Promise.all([
      deps.storedVerdicts.forBusiness(id),
      deps.extras.sections(c, id),
      deps.municipalities(),
    ]);
    const municipalityName = municipalities.find((m) => m.code === d.business.municipalityCode)?.name;
    return (
      <DetailBody
        c={c}
        d={d}
        nts={deps.nts}
        elig={elig}
        sections={sections}
        municipalityName={municipalityName}
        activityValues={activityValues}
        activityErrors={activityErrors}
      />
    );
  };

  /** The page again with the activity form's input and errors (a failed POST): never kept. */
  const detail = async (c: AppContext, id: string, activityValues?: FormValues, activityErrors?: FieldErrors) => {
    const d = await businesses.get(c.var.actor, id, requestMeta(c));
    return (
      <Layout c={c} title={d.business.name}>
        {await detailBody(c, d, activityValues, activityErrors)}
      </Layout>
    );
  };

  /**
   * The business page (issue 12 §4). Every view passes the gate and is recorded (`view`); its body
   * is rendered once per fingerprint of what it shows and kept (src/web/page-cache.ts), keyed also
   * by who looks (the scope decides the buttons), the language, the day (dates compared with today)
   * and whether the 국세청 check has gone stale. A page with a notice (?notice=…) is not kept, nor
   * one whose verdicts were evaluated live (stored row not fresh, a programme dirty).
   */
  app.get('/businesses/:id', async (c) => {
    const id = uuidParam(c);
    const v = await businesses.view(c.get('actor'), id, requestMeta(c));
    const actor = c.get('actor')!;
    const cache = new URL(c.req.url).search === '' && v.keepable ? deps.pageCache : undefined;
    const slot = pageKey('business', id, actor.userId, actor.role, actor.officeId, c.get('locale'));
    const key = pageKey(slot, v.fingerprint, v.today, deps.nts?.isStale(v.ntsCheckedAt));
    const kept = cache?.get(key, c.get('csrfToken'));
    if (kept) return pageResponse(c, kept.title, kept.chunks);
    const d = await v.detail();
    const html = await renderHtml(await detailBody(c, d));
    cache?.set(key, { title: d.business.name, html }, c.get('csrfToken'), slot);
    return pageResponse(c, d.business.name, [html]);
  });

  // One programme's verdict explained, requirement by requirement (issue 12 §4: evaluated when the
  // clerk opens it, not for every programme on every view). It shows the business's facts: the
  // business door of the gate authorizes and records the view first (businesses.get).
  app.get('/businesses/:id/programmes/:programmeId/explanation', async (c) => {
    const id = uuidParam(c);
    const programmeId = Number(c.req.param('programmeId'));
    const d = await businesses.get(c.var.actor, id, requestMeta(c));
    if (!Number.isSafeInteger(programmeId) || programmeId <= 0) throw new NotFoundError();
    const x = await deps.storedVerdicts.explain(id, programmeId);
    return c.html(<ExplanationPage c={c} business={d.business} x={x} />);
  });

  // Every programme of each verdict group (the business page shows the first few), then 조건 하나 차이 ·
  // 나중에 신청할 수 있는 지원사업: the whole catalogue evaluated for this business with near-misses and
  // dates, on request (it is the one costly view; the business page links to it).
  app.get('/businesses/:id/eligibility/more', async (c) => {
    const id = uuidParam(c);
    const d = await businesses.get(c.var.actor, id, requestMeta(c));
    const [stored, elig] = await Promise.all([deps.storedVerdicts.forBusiness(id), deps.eligibility.evaluateBusiness(id)]);
    return c.html(<MorePage c={c} business={d.business} stored={stored} elig={elig} />);
  });

  app.get('/businesses/:id/edit', async (c) => {
    const id = uuidParam(c);
    await businesses.assertCanEdit(c.var.actor, id);
    const { business: b, consents } = await businesses.get(c.var.actor, id, requestMeta(c));
    const values: FormValues = {
      ...b,
      brn: b.brn ? formatBrn(b.brn) : '',
      workers: b.workers === null ? '' : String(Number(b.workers)),
      ownerDisabled: ynValue(b.ownerDisabled),
      ownerVeteran: ynValue(b.ownerVeteran),
      nationalTaxArrears: ynValue(b.nationalTaxArrears),
      localTaxArrears: ynValue(b.localTaxArrears),
      taxArrearsDeferred: ynValue(b.taxArrearsDeferred),
      creditDelinquent: ynValue(b.creditDelinquent),
      mailOrderRegistered: ynValue(b.mailOrderRegistered),
      closurePlanned: ynValue(b.closurePlanned),
      restart: ynValue(b.restart),
      consentCollection: consents.find((k) => k.kind === 'collection' && !k.withdrawnAt)?.method ?? '',
      consentThirdParty: consents.find((k) => k.kind === 'third_party' && !k.withdrawnAt)?.method ?? '',
    };
    return c.html(
      <FormPage
        c={c}
        title={c.var.t('businesses.edit')}
        action={`/businesses/${id}/edit`}
        values={values}
        municipalities={await deps.municipalities()}
        isNew={false}
      />,
    );
  });

  app.post('/businesses/:id/edit', async (c) => {
    const id = uuidParam(c);
    const values = await readForm(c);
    const result = await handleForm(c, () => businesses.update(c.var.actor, id, values, requestMeta(c)));
    if (!result.ok) {
      return c.html(
        <FormPage
          c={c}
          title={c.var.t('businesses.edit')}
          action={`/businesses/${id}/edit`}
          values={values}
          errors={result.errors}
          message={result.message}
          municipalities={await deps.municipalities()}
          isNew={false}
        />,
        400,
      );
    }
    return c.redirect(`/businesses/${id}?notice=saved`, 303);
  });

  app.post('/businesses/:id/activities', async (c) => {
    const id = uuidParam(c);
    const values = await readForm(c);
    const result = await handleForm(c, () => businesses.addActivity(c.var.actor, id, values, requestMeta(c)));
    if (!result.ok) return c.html(await detail(c, id, values, result.errors), 400);
    return c.redirect(`/businesses/${id}?notice=activity#timeline`, 303);
  });

  app.post('/businesses/:id/consent/withdraw', async (c) => {
    const id = uuidParam(c);
    await businesses.withdrawConsent(c.var.actor, id, await readForm(c), requestMeta(c));
    return c.redirect(`/businesses/${id}?notice=consentWithdrawn`, 303);
  });

  app.post('/tasks/:id/done', async (c) => {
    await businesses.completeTask(c.var.actor, uuidParam(c), requestMeta(c));
    return c.redirect('/home', 303);
  });
}
