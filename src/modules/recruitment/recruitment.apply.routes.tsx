import type { Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { MAX_FILE_BYTES } from '../../domain/recruitment/files.ts';
import { type FormValues } from '../../web/components/index.ts';
import { requestMeta, type AppContext, type AppEnv } from '../../web/context.ts';
import { handleForm, readForm } from '../../web/forms.ts';
import type { RecruitmentApplicantService } from './recruitment.applicant.service.ts';
import { APPLICANT_SESSION_MINUTES } from './recruitment.core.ts';
import { RoundsPage, NoticePage, StartPage, ResumePage } from './views/public.views.tsx';
import { type MyApplication, DraftPage, StatusPage } from './views/application.views.tsx';
import { idParam } from '../../web/params.ts';

/**
 * Public recruitment pages (no account): the notice, the application with a saved-and-resumed
 * draft, certificates, the receipt and the status. Plain Korean, phone-first, no JavaScript
 * needed. The applicant's page session is an HttpOnly cookie holding a random token whose
 * SHA-256 is stored with the application; it is limited to /recruit.
 */
export const APPLICANT_COOKIE = 'itda_applicant';


/** A page that shows what the applicant typed or their application: never stored by the browser or a proxy. */
function privateHtml(c: AppContext, page: Parameters<AppContext['html']>[0], status: 200 | 400 = 200) {
  c.header('Cache-Control', 'no-store');
  return c.html(page, status);
}

/** The draft form's values from the stored application. */
function draftValues(a: MyApplication['applicant']): FormValues {
  const v: FormValues = {
    officeId: a.officeId ? String(a.officeId) : '',
    careerSummary: a.careerSummary ?? '',
    motivation: a.motivation ?? '',
  };
  for (const [k, val] of Object.entries(a.answers ?? {})) v[`a_${k}`] = val;
  return v;
}

export function recruitmentApplyPages(app: Hono<AppEnv>, deps: { applicant: RecruitmentApplicantService; cookieSecure: boolean }) {
  const rec = deps.applicant;
  const cookie = { httpOnly: true, sameSite: 'Lax' as const, secure: deps.cookieSecure, path: '/recruit' };
  const token = (c: AppContext) => getCookie(c, APPLICANT_COOKIE) ?? null;
  const setSession = (c: AppContext, value: string) =>
    setCookie(c, APPLICANT_COOKIE, value, { ...cookie, maxAge: APPLICANT_SESSION_MINUTES * 60 });

  app.get('/recruit', async (c) => c.html(<RoundsPage c={c} rounds={await rec.publicRounds()} />));

  app.get('/recruit/rounds/:id', async (c) => c.html(<NoticePage c={c} data={await rec.publicRound(idParam(c))} />));

  app.get('/recruit/rounds/:id/apply', async (c) =>
    privateHtml(c, <StartPage c={c} data={await rec.publicRound(idParam(c))} values={{}} />),
  );

  app.post('/recruit/rounds/:id/apply', async (c) => {
    const id = idParam(c);
    const data = await rec.publicRound(id);
    const values = await readForm(c);
    const result = await handleForm(c, () => rec.startApplication(id, values, requestMeta(c)));
    if (!result.ok)
      return privateHtml(c, <StartPage c={c} data={data} values={values} errors={result.errors} message={result.message} />, 400);
    if (result.value.kind === 'codeResent') return c.redirect('/recruit/resume?notice=codeSent', 303);
    setSession(c, result.value.sessionToken);
    return c.redirect('/recruit/application?notice=started', 303);
  });

  app.get('/recruit/resume', (c) => privateHtml(c, <ResumePage c={c} values={{}} />));

  app.post('/recruit/resume', async (c) => {
    const values = await readForm(c);
    const result = await handleForm(c, () => rec.resume(values, requestMeta(c)));
    if (!result.ok)
      return privateHtml(c, <ResumePage c={c} values={{ contact: values.contact }} errors={result.errors} message={result.message} />, 400);
    setSession(c, result.value);
    return c.redirect('/recruit/application', 303);
  });

  app.get('/recruit/application', async (c) => {
    const data = await rec.myApplication(token(c));
    if (!data) return c.redirect('/recruit/resume?notice=ended', 303);
    if (data.applicant.status === 'draft') return privateHtml(c, <DraftPage c={c} data={data} values={draftValues(data.applicant)} />);
    return privateHtml(c, <StatusPage c={c} data={data} />);
  });

  // Save, upload or delete a certificate, or submit: one multipart form, so nothing typed is lost
  // when a file is added. Its body limit is raised for this route only (app.ts).
  app.post('/recruit/application', async (c) => {
    const tk = token(c);
    const data = await rec.myApplication(tk);
    if (!data) return c.redirect('/recruit/resume?notice=ended', 303);
    const body = await c.req.parseBody({ all: true });
    const values = await readForm(c);
    const file = body.file instanceof File && body.file.size > 0 ? body.file : null;
    const deleteFileId = typeof values.deleteFile === 'string' ? Number(values.deleteFile) : null;
    const intent = values.intent === 'submit' ? 'submit' : values.intent === 'upload' ? 'upload' : 'save';
    const result = await handleForm(c, () => rec.updateApplication(tk, { values, file, deleteFileId, intent }, requestMeta(c)));
    if (!result.ok) {
      const fresh = (await rec.myApplication(tk)) ?? data;
      return privateHtml(c, <DraftPage c={c} data={fresh} values={values} errors={result.errors} message={result.message} />, 400);
    }
    if (result.value === 'noFile') {
      const fresh = (await rec.myApplication(tk)) ?? data;
      return privateHtml(c, <DraftPage c={c} data={fresh} values={values} errors={{ file: c.var.t('recruitment.fileRequired') }} />, 400);
    }
    if (result.value === 'status') return c.redirect('/recruit/application', 303);
    const anchor = result.value === 'uploaded' || result.value === 'deleted' ? '#documents' : '';
    return c.redirect(`/recruit/application?notice=${result.value}${anchor}`, 303);
  });

  app.post('/recruit/application/decline', async (c) => {
    const tk = token(c);
    const data = await rec.myApplication(tk);
    if (!data) return c.redirect('/recruit/resume?notice=ended', 303);
    const values = await readForm(c);
    const result = await handleForm(c, () => rec.declineByApplicant(tk, values, requestMeta(c)));
    if (!result.ok) return privateHtml(c, <StatusPage c={c} data={data} errors={result.errors} values={values} />, 400);
    return c.redirect('/recruit/application?notice=declined', 303);
  });

  app.post('/recruit/leave', async (c) => {
    await rec.endSession(token(c));
    setCookie(c, APPLICANT_COOKIE, '', { ...cookie, maxAge: 0 });
    return c.redirect('/recruit?notice=left', 303);
  });
}

/** The one public route that receives files (the application form), and its body limit: one file plus the form. */
export const APPLICATION_ROUTE = '/recruit/application';
export const APPLICATION_MAX_BYTES = MAX_FILE_BYTES + 256 * 1024;
