import type { Hono } from 'hono';
import { type FormValues } from '../../web/components/index.ts';
import { requestMeta, type AppContext, type AppEnv } from '../../web/context.ts';
import { handleForm, readForm } from '../../web/forms.ts';
import { idParam } from '../../web/params.ts';
import { type ContractsService } from './contracts.service.ts';
import { type EmploymentService } from './employment.service.ts';
import { ContractsPage, HandoverPage } from './views/contracts.views.tsx';
import { EmploymentAdminPage, ReportPage } from './views/figures.views.tsx';
import { MyEmploymentPage } from './views/clerk.views.tsx';
import { SaeilListPage, SaeilReferralPage } from './views/saeil.views.tsx';

/**
 * Contract periods and hand-over (operator); 새일센터 linkage (operator, clerk, counsellor); re-employment
 * figures (province). Thin routes: read the request, call the service, render a view (views/).
 */

export function employmentPages(app: Hono<AppEnv>, deps: { contracts: ContractsService; employment: EmploymentService }) {
  const { contracts, employment } = deps;

  app.get('/admin/contracts', async (c) => c.html(<ContractsPage c={c} data={await contracts.list(c.var.actor)} />));
  app.post('/admin/contracts', async (c) => {
    const values = await readForm(c);
    const result = await handleForm(c, () => contracts.create(c.var.actor, values, requestMeta(c)));
    if (!result.ok)
      return c.html(<ContractsPage c={c} data={await contracts.list(c.var.actor)} values={values} errors={result.errors} />, 400);
    return c.redirect('/admin/contracts?notice=created', 303);
  });
  app.get('/admin/contracts/:id', async (c) =>
    c.html(<HandoverPage c={c} data={await contracts.handoverForm(c.var.actor, idParam(c), requestMeta(c))} />),
  );
  app.post('/admin/contracts/:id/end', async (c) => {
    const id = idParam(c);
    const values = await readForm(c);
    const result = await handleForm(c, () => contracts.endContract(c.var.actor, id, values, requestMeta(c)));
    if (!result.ok)
      return c.html(
        <HandoverPage
          c={c}
          data={await contracts.handoverForm(c.var.actor, id, requestMeta(c))}
          values={values}
          errors={result.errors}
          message={result.message}
        />,
        400,
      );
    return c.redirect('/admin/contracts?notice=ended', 303);
  });

  app.get('/admin/employment', async (c) =>
    c.html(<EmploymentAdminPage c={c} data={await employment.overview(c.var.actor, requestMeta(c))} />),
  );
  app.post('/admin/employment/referrals', async (c) => {
    const values = await readForm(c);
    const result = await handleForm(c, () => employment.refer(c.var.actor, values, requestMeta(c)));
    if (!result.ok)
      return c.html(
        <EmploymentAdminPage c={c} data={await employment.overview(c.var.actor, requestMeta(c))} values={values} errors={result.errors} />,
        400,
      );
    return c.redirect('/admin/employment?notice=referred', 303);
  });
  app.get('/reemployment', async (c) => c.html(<ReportPage c={c} f={await employment.aggregateFigures(c.var.actor)} />));

  app.get('/my/employment', async (c) => c.html(<MyEmploymentPage c={c} data={await employment.mine(c.var.actor)} />));
  app.post('/my/employment/consent', async (c) => {
    const values = await readForm(c);
    const result = await handleForm(c, () => employment.giveConsent(c.var.actor, values, requestMeta(c)));
    if (!result.ok) return c.html(<MyEmploymentPage c={c} data={await employment.mine(c.var.actor)} errors={result.errors} />, 400);
    return c.redirect('/my/employment?notice=consented', 303);
  });
  app.post('/my/employment/consent/withdraw', async (c) => {
    await employment.withdrawConsent(c.var.actor, requestMeta(c));
    return c.redirect('/my/employment?notice=withdrawn', 303);
  });

  app.get('/saeil', async (c) => c.html(<SaeilListPage c={c} rows={await employment.myReferrals(c.var.actor)} />));
  app.get('/saeil/referrals/:id', async (c) =>
    c.html(<SaeilReferralPage c={c} data={await employment.referral(c.var.actor, idParam(c), requestMeta(c))} />),
  );
  const counsellorForm = (path: string, form: string, run: (c: AppContext, id: number, v: FormValues) => Promise<unknown>) =>
    app.post(`/saeil/referrals/:id/${path}`, async (c) => {
      const id = idParam(c);
      const values = await readForm(c);
      const result = await handleForm(c, () => run(c, id, values));
      if (!result.ok)
        return c.html(
          <SaeilReferralPage
            c={c}
            data={await employment.referral(c.var.actor, id, requestMeta(c))}
            form={form}
            values={values}
            errors={result.errors}
          />,
          400,
        );
      return c.redirect(`/saeil/referrals/${id}?notice=${form}`, 303);
    });
  counsellorForm('sessions', 'session', (c, id, v) => employment.addSession(c.var.actor, id, v, requestMeta(c)));
  counsellorForm('jobs', 'job', (c, id, v) => employment.addJob(c.var.actor, id, v, requestMeta(c)));
  counsellorForm('outcome', 'outcome', (c, id, v) => employment.recordOutcome(c.var.actor, id, v, requestMeta(c)));
}
