import type { Screening } from '../../../domain/recruitment/screening.ts';
import { Button, CheckboxGroup, CsrfField, ErrorSummary, Facts, Input, LinkButton, RadioGroup, Select, type FieldErrors, type FormValues } from '../../../web/components/index.ts';
import { type AppContext } from '../../../web/context.ts';
import { Layout, Notice, PageHeader } from '../../../web/layout.tsx';
import type { RecruitmentRoundsService } from '../recruitment.rounds.service.ts';
import { formatDate, formatDateTime } from '../../../web/format.ts';
import { type RoundData, type RankingData, score, decisionLabel, eligibleLabel, ScreeningReasons } from './operator.shared.tsx';

/** One round for the operator: its applicants and reviewer assignment, and the ranking per office before selection. */

export function RoundPage(props: {
  c: AppContext;
  data: RoundData;
  rows: Awaited<ReturnType<RecruitmentRoundsService['listApplicants']>>;
  filters: FormValues;
  errors?: FieldErrors;
  values?: FormValues;
}) {
  const { c, data, rows } = props;
  const t = c.var.t;
  const { round, quotas, config } = data;
  const locale = c.var.locale;
  const notice = c.req.query('notice');
  const n = c.req.query('n');
  return (
    <Layout c={c} title={round.title}>
      {notice === 'saved' && <Notice kind="success">{t('recruitment.admin.saved')}</Notice>}
      {notice === 'assigned' && <Notice kind="success">{t('recruitment.admin.assigned', { n: n ?? '0' })}</Notice>}
      {notice === 'selected' && <Notice kind="success">{t('recruitment.admin.selectedDone')}</Notice>}
      <PageHeader title={round.title} lead={t(`recruitment.phase.${data.phase}`)} />
      <p class="itda-form-actions">
        <LinkButton href={`/admin/recruitment/rounds/${round.id}/edit`}>{t('recruitment.admin.editRound')}</LinkButton>
        <LinkButton href={`/admin/recruitment/rounds/${round.id}/ranking`} variant="primary">
          {t('recruitment.admin.ranking')}
        </LinkButton>
        <LinkButton href={`/recruit/rounds/${round.id}`}>{t('recruitment.admin.publicPage')}</LinkButton>
      </p>
      <Facts
        items={[
          [
            t('recruitment.applicationPeriod'),
            t('recruitment.period', { from: formatDateTime(round.opensAt, locale), to: formatDateTime(round.closesAt, locale) }),
          ],
          [
            t('recruitment.activityPeriod'),
            round.activityStart && round.activityEnd
              ? `${formatDate(round.activityStart, locale)} ~ ${formatDate(round.activityEnd, locale)}`
              : '—',
          ],
          [t('recruitment.postsByOffice'), quotas.map((q) => `${q.officeName} ${t('recruitment.people', { n: q.posts })}`).join(', ')],
          [t('recruitment.criteria'), config.criteria.map((cr) => `${cr.name} ${cr.weight}`).join(' · ')],
          [t('recruitment.admin.published'), round.published ? t('recruitment.yes') : t('recruitment.no')],
        ]}
      />
      <h2 class="itda-h2">{t('recruitment.admin.applicants')}</h2>
      <form method="get" action={`/admin/recruitment/rounds/${round.id}`} class="itda-filters" role="search">
        <Input t={t} name="q" label={t('recruitment.admin.search')} values={props.filters} />
        <Select
          t={t}
          name="officeId"
          label={t('recruitment.office')}
          values={props.filters}
          placeholder={t('common.all')}
          options={quotas.map((q) => ({ value: String(q.officeId), label: q.officeName }))}
        />
        <Select
          t={t}
          name="eligible"
          label={t('recruitment.screening')}
          values={props.filters}
          placeholder={t('common.all')}
          options={['yes', 'no', 'unknown'].map((v) => ({ value: v, label: t(`recruitment.eligible.${v}`) }))}
        />
        <Select
          t={t}
          name="decision"
          label={t('recruitment.result')}
          values={props.filters}
          placeholder={t('common.all')}
          options={['selected', 'waiting', 'rejected', 'declined', 'withdrawn'].map((v) => ({
            value: v,
            label: t(`recruitment.decision.${v}`),
          }))}
        />
        <Select
          t={t}
          name="status"
          label={t('recruitment.admin.applicationStatus')}
          values={props.filters}
          placeholder={t('recruitment.admin.notDrafts')}
          options={['submitted', 'draft', 'withdrawn'].map((v) => ({ value: v, label: t(`recruitment.applicantStatus.${v}`) }))}
        />
        <Button variant="secondary">{t('common.filter')}</Button>
      </form>
      <div class="krds-table-wrap">
        <table class="itda-table">
          <caption>{t('recruitment.admin.count', { n: rows.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('recruitment.receiptNo')}</th>
              <th scope="col">{t('recruitment.name')}</th>
              <th scope="col">{t('recruitment.preferredOffice')}</th>
              <th scope="col">{t('recruitment.screening')}</th>
              <th scope="col">{t('recruitment.admin.reviews')}</th>
              <th scope="col">{t('recruitment.result')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <th scope="row">
                  <a href={`/admin/recruitment/applicants/${r.id}`}>{r.receiptNo ?? t('recruitment.applicantStatus.draft')}</a>
                </th>
                <td>{r.name}</td>
                <td>{r.officeName ?? '—'}</td>
                <td>
                  {eligibleLabel(t, r.eligible)}
                  {r.eligible === false && <ScreeningReasons t={t} screening={r.screening as Screening | null} brief />}
                </td>
                <td>{t('recruitment.admin.reviewCount', { scored: r.scored ?? 0, assigned: r.assigned ?? 0 })}</td>
                <td>
                  {decisionLabel(t, r.decision, r.status)}
                  {r.rank !== null && ` (${t('recruitment.rankN', { n: r.rank })})`}
                  {r.clerkUserId && ` · ${t('recruitment.admin.hired')}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!round.selectionDoneAt && (
        <section aria-labelledby="assign-title">
          <h2 id="assign-title" class="itda-h2">
            {t('recruitment.admin.assignTitle')}
          </h2>
          <p class="form-hint">{t('recruitment.admin.assignLead')}</p>
          <ErrorSummary t={t} errors={props.errors} />
          <form method="post" action={`/admin/recruitment/rounds/${round.id}/assign`} class="itda-form" novalidate>
            <CsrfField token={c.var.csrfToken} />
            <RadioGroup
              t={t}
              name="stage"
              label={t('recruitment.stage')}
              values={props.values ?? { stage: 'document' }}
              errors={props.errors}
              options={[
                { value: 'document', label: t('recruitment.stage.document') },
                { value: 'interview', label: t('recruitment.stage.interview') },
              ]}
              required
            />
            <CheckboxGroup
              t={t}
              name="reviewers"
              label={t('recruitment.admin.reviewers')}
              hint={t('recruitment.admin.reviewersHint')}
              values={props.values}
              errors={props.errors}
              options={data.reviewers.map((r) => ({ value: r.id, label: `${r.displayName} (${r.login})` }))}
            />
            <Select
              t={t}
              name="officeId"
              label={t('recruitment.office')}
              values={props.values}
              errors={props.errors}
              placeholder={t('recruitment.admin.allOffices')}
              options={quotas.map((q) => ({ value: String(q.officeId), label: q.officeName }))}
            />
            <Button variant="secondary">{t('recruitment.admin.assign')}</Button>
          </form>
        </section>
      )}
    </Layout>
  );
}

export function RankingPage({ c, data, error }: { c: AppContext; data: RankingData; error?: string }) {
  const t = c.var.t;
  const done = data.round.selectionDoneAt !== null;
  return (
    <Layout c={c} title={t('recruitment.admin.rankingTitle', { round: data.round.title })}>
      <PageHeader title={t('recruitment.admin.rankingTitle', { round: data.round.title })} lead={t('recruitment.admin.rankingLead')} />
      {error && (
        <Notice kind="danger" role="alert">
          {error}
        </Notice>
      )}
      <p>
        <a href={`/admin/recruitment/rounds/${data.round.id}`}>{t('recruitment.admin.backToRound')}</a>
      </p>
      <h2 class="itda-h2">{t('recruitment.admin.tieRuleTitle')}</h2>
      <ol>
        {data.tieRule.map((r) => (
          <li>{t(`recruitment.tie.${r}`)}</li>
        ))}
      </ol>
      {data.unscored.length > 0 && (
        <Notice kind="warning">
          {t('recruitment.admin.unscored', { n: data.unscored.length })} {data.unscored.map((u) => u.receiptNo).join(', ')}
        </Notice>
      )}
      {data.offices.map((o) => (
        <section aria-labelledby={`office-${o.officeId}`}>
          <h2 class="itda-h2" id={`office-${o.officeId}`}>
            {t('recruitment.admin.officeRanking', { office: o.officeName, quota: o.quota })}
          </h2>
          <div class="krds-table-wrap">
            <table class="itda-table">
              <caption class="sr-only">{o.officeName}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('recruitment.rank')}</th>
                  <th scope="col">{t('recruitment.receiptNo')}</th>
                  <th scope="col">{t('recruitment.name')}</th>
                  <th scope="col">{t('recruitment.stage.document')}</th>
                  <th scope="col">{t('recruitment.stage.interview')}</th>
                  <th scope="col">{t('recruitment.total')}</th>
                  <th scope="col">{t('recruitment.result')}</th>
                </tr>
              </thead>
              <tbody>
                {[...o.selected.map((x) => [x, 'selected'] as const), ...o.waiting.map((x) => [x, 'waiting'] as const)].map(
                  ([x, kind], i) => (
                    <tr>
                      <td>{i + 1}</td>
                      <th scope="row">
                        <a href={`/admin/recruitment/applicants/${x.id}`}>{x.receiptNo}</a>
                      </th>
                      <td>{x.name}</td>
                      <td>{score(x.document)}</td>
                      <td>{score(x.interview)}</td>
                      <td>{score(x.total)}</td>
                      <td>{t(done ? `recruitment.decision.${kind}` : `recruitment.admin.would.${kind}`)}</td>
                    </tr>
                  ),
                )}
                {o.notRanked.map((x) => (
                  <tr>
                    <td>—</td>
                    <th scope="row">
                      <a href={`/admin/recruitment/applicants/${x.id}`}>{x.receiptNo}</a>
                    </th>
                    <td>{x.name}</td>
                    <td>{score(x.document)}</td>
                    <td>{score(x.interview)}</td>
                    <td>{score(x.total)}</td>
                    <td>{x.eligible ? t('recruitment.admin.notScored') : t('recruitment.eligible.no')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
      {done ? (
        <Notice kind="info">
          {t('recruitment.admin.selectionDone', { at: formatDateTime(data.round.selectionDoneAt, c.var.locale) })}
        </Notice>
      ) : data.phase !== 'closed' ? (
        <Notice kind="info">{t('recruitment.selectBeforeClose')}</Notice>
      ) : (
        <form method="post" action={`/admin/recruitment/rounds/${data.round.id}/select`}>
          <CsrfField token={c.var.csrfToken} />
          <p>{t('recruitment.admin.selectLead')}</p>
          <Button>{t('recruitment.admin.select')}</Button>
        </form>
      )}
    </Layout>
  );
}
