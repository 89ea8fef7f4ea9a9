import type { Hono } from 'hono';
import type { ProgrammeVerdict } from '../../domain/eligibility/index.ts';
import type { Translate } from '../../i18n/i18n.ts';
import { Badge, Button, ErrorSummary, Input, Select, type FieldErrors, type FormValues } from '../../web/components/index.ts';
import type { AppContext, AppEnv } from '../../web/context.ts';
import { handleForm } from '../../web/forms.ts';
import { DemoBadge, Layout, PageHeader } from '../../web/layout.tsx';
import { describePeriod, PERIOD_BADGE_TONE } from '../programs/programs.format.ts';
import { ExplanationView } from '../programs/programs.rule-view.tsx';
import { PendingGroup } from './eligibility.pending-view.tsx';
import type { EligibilityService } from './eligibility.service.ts';

type Check = Awaited<ReturnType<EligibilityService['checkFacts']>>;

const YES_NO = (t: Translate) => [
  { value: 'no', label: t('eligibility.no') },
  { value: 'yes', label: t('eligibility.yes') },
];

function FactsForm(props: { c: AppContext; values: FormValues; errors?: FieldErrors; municipalities: { code: string; name: string }[] }) {
  const { c, values, errors } = props;
  const t = c.var.t;
  const unknown = t('eligibility.unknownOption');
  const yn = (name: string) => (
    <Select
      t={t}
      name={name}
      label={t(`eligibility.fact.${name}`)}
      values={values}
      errors={errors}
      placeholder={unknown}
      options={YES_NO(t)}
    />
  );
  return (
    <form method="get" action="/eligibility" class="itda-form itda-form-wide itda-facts" novalidate>
      <input type="hidden" name="check" value="1" />
      <p class="form-hint">{t('eligibility.formHint')}</p>
      <div class="itda-grid-2">
        <Select
          t={t}
          name="municipalityCode"
          label={t('eligibility.fact.municipalityCode')}
          values={values}
          errors={errors}
          placeholder={unknown}
          options={props.municipalities.map((m) => ({ value: m.code, label: m.name }))}
        />
        <Input t={t} name="openedOn" label={t('eligibility.fact.openedOn')} hint="2021-03-02" values={values} errors={errors} />
        <Input
          t={t}
          name="annualRevenue"
          label={t('eligibility.fact.annualRevenue')}
          hint={t('eligibility.revenueHint')}
          values={values}
          errors={errors}
        />
        <Input t={t} name="workers" label={t('eligibility.fact.workers')} values={values} errors={errors} />
        <Input
          t={t}
          name="ksicCode"
          label={t('eligibility.fact.ksicCode')}
          hint={t('eligibility.ksicHint')}
          values={values}
          errors={errors}
        />
        <Select
          t={t}
          name="operatingStatus"
          label={t('eligibility.fact.operatingStatus')}
          values={values}
          errors={errors}
          placeholder={unknown}
          options={(['active', 'preparing', 'suspended', 'closed'] as const).map((s) => ({
            value: s,
            label: t(`eligibility.status.${s}`),
          }))}
        />
        <Input t={t} name="closedOn" label={t('eligibility.fact.closedOn')} hint="2026-06-30" values={values} errors={errors} />
        <Input t={t} name="ownerBirthDate" label={t('eligibility.fact.ownerBirthDate')} hint="1975-05-20" values={values} errors={errors} />
        <Select
          t={t}
          name="ownerGender"
          label={t('eligibility.fact.ownerGender')}
          values={values}
          errors={errors}
          placeholder={unknown}
          options={[
            { value: 'female', label: t('eligibility.female') },
            { value: 'male', label: t('eligibility.male') },
          ]}
        />
        <Select
          t={t}
          name="premises"
          label={t('eligibility.fact.premises')}
          values={values}
          errors={errors}
          placeholder={unknown}
          options={[
            { value: 'leased', label: t('eligibility.leased') },
            { value: 'owned', label: t('eligibility.owned') },
          ]}
        />
        {yn('localTaxArrears')}
        {yn('nationalTaxArrears')}
        {yn('taxArrearsDeferred')}
        {yn('creditDelinquent')}
        {yn('ownerDisabled')}
        {yn('ownerVeteran')}
        {yn('mailOrderRegistered')}
        <Input
          t={t}
          name="refDate"
          label={t('eligibility.fact.refDate')}
          hint={t('eligibility.refDateHint')}
          values={values}
          errors={errors}
        />
      </div>
      <div class="itda-form-actions">
        <Button size="large">{t('eligibility.submit')}</Button>
      </div>
    </form>
  );
}

function VerdictList(props: {
  c: AppContext;
  title: string;
  rows: readonly ProgrammeVerdict[];
  check: Check;
  kind: 'eligible' | 'unknown' | 'ineligible';
}) {
  const { c, check } = props;
  const t = c.var.t;
  if (!props.rows.length) return null;
  return (
    <section aria-labelledby={`v-${props.kind}`}>
      <h2 class="itda-h2" id={`v-${props.kind}`}>
        {props.title} ({props.rows.length})
      </h2>
      <ul class="itda-programme-list">
        {props.rows.map((r) => {
          const info = check.info.get(r.programmeKey);
          const period = info ? describePeriod(info, check.refDate, t, c.var.locale) : undefined;
          return (
            <li class={`itda-card itda-verdict itda-verdict-${props.kind}`}>
              <h3>
                {info ? <a href={`/programmes/${info.id}`}>{r.title}</a> : r.title}{' '}
                {period?.badge && <Badge tone={PERIOD_BADGE_TONE[period.badge.kind]}>{period.badge.text}</Badge>}
              </h3>
              {r.summary && <p>{r.summary}</p>}
              {r.verdict === 'unknown' && r.missing.length > 0 && (
                <p class="itda-ask">
                  {t('eligibility.needs')}: {r.missing.map((f) => t(`eligibility.fact.${f}`)).join(', ')}
                </p>
              )}
              {r.explanation && (
                <details>
                  <summary>{t('eligibility.why')}</summary>
                  <ul class="itda-explanation">
                    <ExplanationView e={r.explanation} />
                  </ul>
                </details>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function CheckPage(props: {
  c: AppContext;
  values: FormValues;
  errors?: FieldErrors;
  message?: string;
  check?: Check;
  municipalities: { code: string; name: string }[];
}) {
  const { c, check } = props;
  const t = c.var.t;
  const by = (v: 'eligible' | 'unknown' | 'ineligible') => check?.result.results.filter((r) => r.verdict === v) ?? [];
  return (
    <Layout c={c} title={t('eligibility.title')}>
      <PageHeader title={t('eligibility.title')} lead={t('eligibility.lead')} />
      <ErrorSummary t={t} errors={props.errors} message={props.message} />
      {!check && <FactsForm c={c} values={props.values} errors={props.errors} municipalities={props.municipalities} />}
      {check && (
        <div class="itda-results">
          <p role="status" class="itda-result-count">
            {t('eligibility.counts', {
              date: check.refDate,
              eligible: check.result.counts.eligible,
              unknown: check.result.counts.unknown,
              ineligible: check.result.counts.ineligible,
            })}{' '}
            <DemoBadge label={t('programmes.sample')} />
          </p>
          {check.result.askNext.some((a) => a.decides > 0) && (
            <section aria-labelledby="ask-next" class="itda-card">
              <h2 class="itda-h3" id="ask-next">
                {t('eligibility.askNext')}
              </h2>
              <ol>
                {check.result.askNext
                  .filter((a) => a.decides > 0)
                  .slice(0, 5)
                  .map((a) => (
                    <li>{t('eligibility.askNextItem', { fact: t(`eligibility.fact.${a.fact}`), n: a.decides, m: a.involved })}</li>
                  ))}
              </ol>
            </section>
          )}
          <VerdictList c={c} check={check} kind="eligible" title={t('eligibility.eligible')} rows={by('eligible')} />
          {check.result.nearMisses.length > 0 && (
            <section aria-labelledby="near" class="itda-card">
              <h2 class="itda-h3" id="near">
                {t('eligibility.nearMisses')}
              </h2>
              <ul>
                {check.result.nearMisses.map((n) => (
                  <li>
                    <strong>{n.title}</strong>: {n.text}
                  </li>
                ))}
              </ul>
            </section>
          )}
          {check.result.openings.length > 0 && (
            <section aria-labelledby="later" class="itda-card">
              <h2 class="itda-h3" id="later">
                {t('eligibility.openings')}
              </h2>
              <ul>
                {check.result.openings.map((o) => (
                  <li>
                    <strong>{o.title}</strong>: {o.text}
                  </li>
                ))}
              </ul>
            </section>
          )}
          <VerdictList c={c} check={check} kind="unknown" title={t('eligibility.unknown')} rows={by('unknown')} />
          {check.pending.length > 0 && (
            <div class="itda-card">
              <PendingGroup t={t} rows={check.pending} info={check.info} />
            </div>
          )}
          <VerdictList c={c} check={check} kind="ineligible" title={t('eligibility.ineligible')} rows={by('ineligible')} />
          <h2 class="itda-h2" id="facts">
            {t('eligibility.changeFacts')}
          </h2>
          <FactsForm c={c} values={props.values} errors={props.errors} municipalities={props.municipalities} />
        </div>
      )}
    </Layout>
  );
}

export function eligibilityPages(
  app: Hono<AppEnv>,
  deps: { eligibility: EligibilityService; municipalities: () => Promise<{ code: string; name: string }[]> },
) {
  app.get('/eligibility', async (c) => {
    const values = c.req.query();
    const municipalities = await deps.municipalities();
    if (values.check !== '1') {
      await deps.eligibility.assertCanCheck(c.var.actor);
      return c.html(<CheckPage c={c} values={values} municipalities={municipalities} />);
    }
    const result = await handleForm(c, () => deps.eligibility.checkFacts(c.var.actor, values));
    if (!result.ok)
      return c.html(
        <CheckPage c={c} values={values} errors={result.errors} message={result.message} municipalities={municipalities} />,
        400,
      );
    return c.html(<CheckPage c={c} values={values} check={result.value} municipalities={municipalities} />);
  });
}
