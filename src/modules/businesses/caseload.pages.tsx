import type { Hono } from 'hono';
import { Button, CsrfField, ErrorSummary, Fieldset, Select, type FieldErrors } from '../../web/components/index.ts';
import { requestMeta, type AppContext, type AppEnv } from '../../web/context.ts';
import { handleForm, readForm } from '../../web/forms.ts';
import { DemoBadge, Layout, Notice, PageHeader } from '../../web/layout.tsx';
import type { BusinessesService } from './businesses.service.ts';

type Loads = Awaited<ReturnType<BusinessesService['caseloads']>>;
type List = Awaited<ReturnType<BusinessesService['list']>>;

/** Office leads balance caseloads: each clerk's current load, then move one or many businesses. */
function CaseloadPage(props: { c: AppContext; loads: Loads; list: List; errors?: FieldErrors; unassignedOnly: boolean }) {
  const { c, loads, list } = props;
  const t = c.var.t;
  return (
    <Layout c={c} title={t('caseload.title')}>
      {c.req.query('notice') === 'assigned' && <Notice kind="success">{t('caseload.assigned', { n: c.req.query('n') ?? '' })}</Notice>}
      <PageHeader title={t('caseload.title')} lead={t('caseload.lead')} />
      <ErrorSummary t={t} errors={props.errors} />
      <div class="krds-table-wrap">
        <table class="itda-table">
          <caption>{t('caseload.perClerk')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('caseload.clerk')}</th>
              <th scope="col">{t('users.office')}</th>
              <th scope="col">{t('caseload.count')}</th>
            </tr>
          </thead>
          <tbody>
            {loads.map((l) => (
              <tr>
                <th scope="row">{l.displayName}</th>
                <td>{l.officeName ?? '—'}</td>
                <td>
{l.businesses}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 class="itda-h2">{t('caseload.move')}</h2>
      <p>
        {props.unassignedOnly ? <a href="/caseload">{t('caseload.showAll')}</a> : <a href="/caseload?unassigned=1">{t('caseload.showUnassigned')}</a>}
      </p>
      <form method="post" action="/caseload/assign" class="itda-form itda-form-wide" novalidate>
        <CsrfField token={c.var.csrfToken} />
        <Fieldset id="f-businessIds" title={t('caseload.chooseBusinesses')}>
          <div class="itda-check-grid">
            {list.rows.map((r) => (
              <div class="krds-form-check">
                <input type="checkbox" name="businessIds" value={r.id} id={`b-${r.id}`} />
                <label for={`b-${r.id}`}>
                  {r.name} ({r.clerkName ?? t('caseload.unassigned')}) {r.isSample && <DemoBadge label={t('demo.badge')} />}
                </label>
              </div>
            ))}
          </div>
        </Fieldset>
        <Select t={t} name="clerkId" label={t('caseload.toClerk')} errors={props.errors} placeholder={t('common.choose')} options={loads.map((l) => ({ value: l.id, label: `${l.displayName} (${l.officeName ?? '—'}, ${l.businesses})` }))} required />
        <div class="itda-form-actions">
          <Button>{t('caseload.assign')}</Button>
        </div>
      </form>
    </Layout>
  );
}

export function caseloadPages(app: Hono<AppEnv>, deps: { businesses: BusinessesService }) {
  const render = async (c: AppContext, errors?: FieldErrors) => {
    const unassignedOnly = c.req.query('unassigned') === '1';
    const loads = await deps.businesses.caseloads(c.var.actor);
    const list = await deps.businesses.list(c.var.actor, { unassigned: unassignedOnly, page: 1 }, requestMeta(c));
    return <CaseloadPage c={c} loads={loads} list={list} errors={errors} unassignedOnly={unassignedOnly} />;
  };
  app.get('/caseload', async (c) => c.html(await render(c)));
  app.post('/caseload/assign', async (c) => {
    const values = await readForm(c);
    const result = await handleForm(c, () => deps.businesses.reassign(c.var.actor, values, requestMeta(c)));
    if (!result.ok) return c.html(await render(c, result.errors), 400);
    return c.redirect(`/caseload?notice=assigned&n=${result.value}`, 303);
  });
}
