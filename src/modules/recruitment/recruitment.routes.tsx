import type { Hono } from 'hono';
import { type FormValues } from '../../web/components/index.ts';
import { requestMeta, type AppContext, type AppEnv } from '../../web/context.ts';
import { handleForm, readForm } from '../../web/forms.ts';
import type { RecruitmentReviewsService } from './recruitment.reviews.service.ts';
import type { RecruitmentRoundsService } from './recruitment.rounds.service.ts';
import type { RecruitmentSelectionService } from './recruitment.selection.service.ts';
import { RoundsPage, roundValues, RoundForm } from './views/rounds.views.tsx';
import { RoundPage, RankingPage } from './views/round.views.tsx';
import { ApplicantPage, SecretPage } from './views/applicant.views.tsx';
import { MyReviewsPage, ReviewPage } from './views/reviews.views.tsx';
import { idParam } from '../../web/params.ts';

/**
 * Operator pages (운영기관): rounds, applications, screening, reviewers, ranking, selection, hiring; and the
 * reviewers' own pages. Thin routes: read the request, call the service, render a view (views/).
 */


function fileResponse(c: AppContext, file: { content: Buffer; mediaType: string; fileName: string }) {
  c.header('Content-Type', file.mediaType);
  c.header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
  c.header('Cache-Control', 'no-store');
  return c.body(new Uint8Array(file.content));
}

export function recruitmentPages(
  app: Hono<AppEnv>,
  deps: { rounds: RecruitmentRoundsService; selection: RecruitmentSelectionService; reviews: RecruitmentReviewsService },
) {
  const { rounds, selection, reviews } = deps;

  app.get('/admin/recruitment', async (c) => c.html(<RoundsPage c={c} rounds={await rounds.listRounds(c.var.actor)} />));

  app.get('/admin/recruitment/rounds/new', async (c) => {
    const { offices } = await rounds.roundFormOptions(c.var.actor);
    return c.html(<RoundForm c={c} id={null} offices={offices} values={roundValues(null)} />);
  });

  app.post('/admin/recruitment/rounds/new', async (c) => {
    const values = await readForm(c);
    const result = await handleForm(c, () => rounds.saveRound(c.var.actor, null, values, requestMeta(c)));
    if (!result.ok) {
      const { offices } = await rounds.roundFormOptions(c.var.actor);
      return c.html(<RoundForm c={c} id={null} offices={offices} values={values} errors={result.errors} message={result.message} />, 400);
    }
    return c.redirect(`/admin/recruitment/rounds/${result.value}?notice=saved`, 303);
  });

  app.get('/admin/recruitment/rounds/:id', async (c) => {
    const id = idParam(c);
    const data = await rounds.getRound(c.var.actor, id);
    const q = c.req.query();
    const rows = await rounds.listApplicants(c.var.actor, id, { ...q, officeId: Number(q.officeId) || undefined }, requestMeta(c));
    return c.html(<RoundPage c={c} data={data} rows={rows} filters={q} />);
  });

  app.get('/admin/recruitment/rounds/:id/edit', async (c) => {
    const data = await rounds.getRound(c.var.actor, idParam(c));
    return c.html(<RoundForm c={c} id={data.round.id} offices={data.offices} values={roundValues(data)} />);
  });

  app.post('/admin/recruitment/rounds/:id/edit', async (c) => {
    const id = idParam(c);
    const data = await rounds.getRound(c.var.actor, id);
    const values = await readForm(c);
    const result = await handleForm(c, () => rounds.saveRound(c.var.actor, id, values, requestMeta(c)));
    if (!result.ok)
      return c.html(
        <RoundForm c={c} id={id} offices={data.offices} values={values} errors={result.errors} message={result.message} />,
        400,
      );
    return c.redirect(`/admin/recruitment/rounds/${id}?notice=saved`, 303);
  });

  app.post('/admin/recruitment/rounds/:id/assign', async (c) => {
    const id = idParam(c);
    const data = await rounds.getRound(c.var.actor, id);
    const values = await readForm(c);
    const result = await handleForm(c, () => rounds.assignReviewers(c.var.actor, id, values, requestMeta(c)));
    if (!result.ok) {
      const rows = await rounds.listApplicants(c.var.actor, id, {}, requestMeta(c));
      return c.html(<RoundPage c={c} data={data} rows={rows} filters={{}} values={values} errors={result.errors} />, 400);
    }
    return c.redirect(`/admin/recruitment/rounds/${id}?notice=assigned&n=${result.value.created}`, 303);
  });

  app.get('/admin/recruitment/rounds/:id/ranking', async (c) =>
    c.html(<RankingPage c={c} data={await selection.ranking(c.var.actor, idParam(c), requestMeta(c))} />),
  );

  app.post('/admin/recruitment/rounds/:id/select', async (c) => {
    const id = idParam(c);
    await selection.select(c.var.actor, id, requestMeta(c));
    return c.redirect(`/admin/recruitment/rounds/${id}?notice=selected`, 303);
  });

  app.get('/admin/recruitment/applicants/:id', async (c) =>
    c.html(<ApplicantPage c={c} data={await rounds.getApplicant(c.var.actor, idParam(c), requestMeta(c))} />),
  );

  const applicantAction = (
    path: string,
    form: string,
    notice: string,
    run: (c: AppContext, id: number, values: FormValues) => Promise<unknown>,
  ) => {
    app.post(`/admin/recruitment/applicants/:id/${path}`, async (c) => {
      const id = idParam(c);
      const values = await readForm(c);
      const result = await handleForm(c, () => run(c, id, values));
      if (!result.ok)
        return c.html(
          <ApplicantPage
            c={c}
            data={await rounds.getApplicant(c.var.actor, id, requestMeta(c))}
            values={values}
            errors={result.errors}
            form={form}
          />,
          400,
        );
      return c.redirect(`/admin/recruitment/applicants/${id}?notice=${notice}`, 303);
    });
  };
  applicantAction('screening', 'screening', 'screening', (c, id, v) => selection.overrideScreening(c.var.actor, id, v, requestMeta(c)));
  applicantAction('interview', 'interview', 'interview', (c, id, v) => selection.scheduleInterview(c.var.actor, id, v, requestMeta(c)));
  applicantAction('decline', 'withdraw', 'declined', (c, id, v) => selection.decline(c.var.actor, id, v, requestMeta(c)));
  applicantAction('withdraw', 'withdraw', 'withdrawn', (c, id, v) => selection.withdraw(c.var.actor, id, v, requestMeta(c)));

  app.post('/admin/recruitment/applicants/:id/hire', async (c) => {
    const id = idParam(c);
    const { user, oneTimePassword } = await selection.hire(c.var.actor, id, requestMeta(c));
    // The one-time password is shown once: the page is never stored by the browser or a proxy.
    c.header('Cache-Control', 'no-store');
    return c.html(
      <SecretPage c={c} login={user.login} secret={oneTimePassword} back={`/admin/recruitment/applicants/${id}?notice=hired`} />,
      201,
    );
  });

  app.get('/admin/recruitment/files/:id', async (c) => fileResponse(c, await rounds.downloadFile(c.var.actor, idParam(c), requestMeta(c))));

  app.get('/review', async (c) => c.html(<MyReviewsPage c={c} rows={await reviews.myAssignments(c.var.actor)} />));

  app.get('/review/:id', async (c) =>
    c.html(<ReviewPage c={c} data={await reviews.getAssignment(c.var.actor, idParam(c), requestMeta(c))} />),
  );

  app.post('/review/:id', async (c) => {
    const id = idParam(c);
    const values = await readForm(c);
    const result = await handleForm(c, () => reviews.score(c.var.actor, id, values, requestMeta(c)));
    if (!result.ok)
      return c.html(
        <ReviewPage
          c={c}
          data={await reviews.getAssignment(c.var.actor, id, requestMeta(c))}
          values={values}
          errors={result.errors}
          form="score"
        />,
        400,
      );
    return c.redirect('/review?notice=scored', 303);
  });

  app.post('/review/:id/conflict', async (c) => {
    const id = idParam(c);
    const values = await readForm(c);
    const result = await handleForm(c, () => reviews.declareConflict(c.var.actor, id, values, requestMeta(c)));
    if (!result.ok)
      return c.html(
        <ReviewPage
          c={c}
          data={await reviews.getAssignment(c.var.actor, id, requestMeta(c))}
          values={values}
          errors={result.errors}
          form="conflict"
        />,
        400,
      );
    return c.redirect('/review?notice=conflict', 303);
  });

  app.get('/review/:id/files/:fileId', async (c) =>
    fileResponse(c, await reviews.downloadFile(c.var.actor, idParam(c), idParam(c, 'fileId'), requestMeta(c))),
  );
}
