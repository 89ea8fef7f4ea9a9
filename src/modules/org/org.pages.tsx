import type { Hono } from 'hono';
import {
  Button,
  Checkbox,
  CheckboxGroup,
  CsrfField,
  ErrorSummary,
  LinkButton,
  Select,
  Input,
  valueOf,
  type FieldErrors,
  type FormValues,
} from '../../web/components/index.ts';
import { requestMeta, type AppContext, type AppEnv } from '../../web/context.ts';
import { handleForm, readForm } from '../../web/forms.ts';
import { DemoBadge, Layout, Notice, PageHeader } from '../../web/layout.tsx';
import { can } from '../auth/auth.policy.ts';
import type { OrgService } from './org.service.ts';
import { idParam } from '../../web/params.ts';

type Overview = Awaited<ReturnType<OrgService['overview']>>;


function OverviewPage({ c, data }: { c: AppContext; data: Overview }) {
  const t = c.var.t;
  const manage = can(c.var.actor, 'org.manage');
  const byRegion = new Map<number, string[]>();
  for (const m of data.municipalities) {
    if (m.regionId) byRegion.set(m.regionId, [...(byRegion.get(m.regionId) ?? []), m.name]);
  }
  const names = new Map(data.municipalities.map((m) => [m.code, m.name]));
  const coverage = new Map<number, string[]>();
  for (const row of data.coverage) coverage.set(row.officeId, [...(coverage.get(row.officeId) ?? []), names.get(row.municipalityCode) ?? row.municipalityCode]);
  const notice = c.req.query('notice');
  return (
    <Layout c={c} title={t('org.title')}>
      {notice && <Notice kind="success">{t(`org.saved.${notice}`)}</Notice>}
      <PageHeader title={t('org.title')} lead={t('org.lead')} />
      <h2 class="itda-h2">{t('org.regions')}</h2>
      <div class="krds-table-wrap">
        <table class="itda-table">
          <caption class="sr-only">{t('org.regions')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('org.regionName')}</th>
              <th scope="col">{t('org.municipalities')}</th>
              <th scope="col">{t('org.officeCount')}</th>
              {manage && <th scope="col">{t('common.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {data.regions.map((r) => (
              <tr>
                <th scope="row">{r.name}</th>
                <td>{(byRegion.get(r.id) ?? []).join(', ') || '—'}</td>
                <td>{r.officeCount}</td>
                {manage && (
                  <td>
                    <a href={`/admin/regions/${r.id}`}>
                      {t('common.edit')}
                      <span class="sr-only"> {r.name}</span>
                    </a>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 class="itda-h2">{t('org.offices')}</h2>
      {manage && (
        <p>
          <LinkButton href="/admin/offices/new" variant="primary">
            {t('org.newOffice')}
          </LinkButton>
        </p>
      )}
      <div class="krds-table-wrap">
        <table class="itda-table">
          <caption class="sr-only">{t('org.offices')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('org.officeName')}</th>
              <th scope="col">{t('org.region')}</th>
              <th scope="col">{t('org.coverage')}</th>
              <th scope="col">{t('org.clerkCount')}</th>
              {manage && <th scope="col">{t('common.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {data.offices.map((o) => (
              <tr>
                <th scope="row">
                  {o.name} {o.isDemo && <DemoBadge label={t('demo.badge')} />} {!o.active && `(${t('common.inactive')})`}
                </th>
                <td>{o.regionName}</td>
                <td>{(coverage.get(o.id) ?? []).join(', ') || '—'}</td>
                <td>{o.clerkCount}</td>
                {manage && (
                  <td>
                    <a href={`/admin/offices/${o.id}`}>
                      {t('common.edit')}
                      <span class="sr-only"> {o.name}</span>
                    </a>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

function RegionForm(props: {
  c: AppContext;
  id: number;
  values: FormValues;
  municipalities: { code: string; name: string }[];
  errors?: FieldErrors;
  message?: string;
}) {
  const { c } = props;
  const t = c.var.t;
  return (
    <Layout c={c} title={t('org.editRegion')}>
      <PageHeader title={t('org.editRegion')} />
      <ErrorSummary t={t} errors={props.errors} message={props.message} />
      <form method="post" action={`/admin/regions/${props.id}`} class="itda-form" novalidate>
        <CsrfField token={c.var.csrfToken} />
        <input type="hidden" name="version" value={valueOf(props.values, 'version')} />
        <Input t={t} name="name" label={t('org.regionName')} values={props.values} errors={props.errors} required />
        <Input t={t} name="hub" label={t('org.regionHub')} values={props.values} errors={props.errors} required />
        <CheckboxGroup
          t={t}
          name="municipalities"
          label={t('org.municipalities')}
          hint={t('org.regionMunicipalitiesHint')}
          values={props.values}
          errors={props.errors}
          options={props.municipalities.map((m) => ({ value: m.code, label: `${m.name} (${m.code})` }))}
        />
        <div class="itda-form-actions">
          <Button>{t('common.save')}</Button>
          <LinkButton href="/admin/org">{t('common.cancel')}</LinkButton>
        </div>
      </form>
    </Layout>
  );
}

function OfficeForm(props: {
  c: AppContext;
  id: number | null;
  values: FormValues;
  regions: { id: number; name: string }[];
  municipalities: { code: string; name: string }[];
  errors?: FieldErrors;
  message?: string;
}) {
  const { c } = props;
  const t = c.var.t;
  const title = props.id ? t('org.editOffice') : t('org.newOffice');
  return (
    <Layout c={c} title={title}>
      <PageHeader title={title} />
      <ErrorSummary t={t} errors={props.errors} message={props.message} />
      <form method="post" action={props.id ? `/admin/offices/${props.id}` : '/admin/offices/new'} class="itda-form" novalidate>
        <CsrfField token={c.var.csrfToken} />
        <input type="hidden" name="version" value={valueOf(props.values, 'version') || '0'} />
        <Input t={t} name="name" label={t('org.officeName')} values={props.values} errors={props.errors} required />
        <Select
          t={t}
          name="regionId"
          label={t('org.region')}
          values={props.values}
          errors={props.errors}
          placeholder={t('common.choose')}
          options={props.regions.map((r) => ({ value: String(r.id), label: r.name }))}
          required
        />
        <Input t={t} name="address" label={t('org.address')} values={props.values} errors={props.errors} />
        <Input t={t} name="phone" type="tel" label={t('org.phone')} values={props.values} errors={props.errors} />
        <CheckboxGroup
          t={t}
          name="municipalities"
          label={t('org.coverage')}
          hint={t('org.coverageHint')}
          values={props.values}
          errors={props.errors}
          options={props.municipalities.map((m) => ({ value: m.code, label: `${m.name} (${m.code})` }))}
        />
        {props.id && <Checkbox name="active" label={t('org.officeActive')} checked={props.values.active === true || props.values.active === 'on'} />}
        <div class="itda-form-actions">
          <Button>{t('common.save')}</Button>
          <LinkButton href="/admin/org">{t('common.cancel')}</LinkButton>
        </div>
      </form>
    </Layout>
  );
}

export function orgPages(app: Hono<AppEnv>, deps: { org: OrgService }) {
  const { org } = deps;

  app.get('/admin/org', async (c) => c.html(<OverviewPage c={c} data={await org.overview(c.var.actor)} />));

  app.get('/admin/regions/:id', async (c) => {
    const id = idParam(c);
    const { region, municipalities, all } = await org.getRegion(c.var.actor, id);
    const values = { name: region.name, hub: region.hub, version: region.version, municipalities: municipalities.map((m) => m.code) };
    return c.html(<RegionForm c={c} id={id} values={values} municipalities={all} />);
  });

  app.post('/admin/regions/:id', async (c) => {
    const id = idParam(c);
    const values = await readForm(c);
    const result = await handleForm(c, () => org.updateRegion(c.var.actor, id, values, requestMeta(c)));
    if (!result.ok) {
      const { municipalities: all } = await org.officeFormOptions(c.var.actor);
      return c.html(<RegionForm c={c} id={id} values={values} municipalities={all} errors={result.errors} message={result.message} />, 400);
    }
    return c.redirect('/admin/org?notice=region', 303);
  });

  const officeFormData = (c: AppContext) => org.officeFormOptions(c.var.actor);

  app.get('/admin/offices/new', async (c) => {
    const d = await officeFormData(c);
    return c.html(<OfficeForm c={c} id={null} values={{ active: true }} {...d} />);
  });

  app.post('/admin/offices/new', async (c) => {
    const values = await readForm(c);
    const result = await handleForm(c, () => org.saveOffice(c.var.actor, null, values, requestMeta(c)));
    if (!result.ok) return c.html(<OfficeForm c={c} id={null} values={values} {...await officeFormData(c)} errors={result.errors} message={result.message} />, 400);
    return c.redirect('/admin/org?notice=office', 303);
  });

  app.get('/admin/offices/:id', async (c) => {
    const id = idParam(c);
    const { office, municipalities } = await org.getOffice(c.var.actor, id);
    const values = {
      name: office.name,
      regionId: office.regionId,
      address: office.address,
      phone: office.phone,
      active: office.active,
      version: office.version,
      municipalities: municipalities.map((m) => m.code),
    };
    return c.html(<OfficeForm c={c} id={id} values={values} {...await officeFormData(c)} />);
  });

  app.post('/admin/offices/:id', async (c) => {
    const id = idParam(c);
    const values = await readForm(c);
    const result = await handleForm(c, () => org.saveOffice(c.var.actor, id, values, requestMeta(c)));
    if (!result.ok) return c.html(<OfficeForm c={c} id={id} values={values} {...await officeFormData(c)} errors={result.errors} message={result.message} />, 400);
    return c.redirect('/admin/org?notice=office', 303);
  });
}
