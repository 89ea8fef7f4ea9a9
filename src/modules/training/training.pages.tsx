import type { Hono } from 'hono';
import {
  Button,
  Checkbox,
  CsrfField,
  ErrorSummary,
  Fieldset,
  Input,
  LinkButton,
  Textarea,
  valueOf,
  type FieldErrors,
  type FormValues,
} from '../../web/components/index.ts';
import { requestMeta, type AppContext, type AppEnv } from '../../web/context.ts';
import { handleForm, readForm } from '../../web/forms.ts';
import { Layout, Notice, PageHeader } from '../../web/layout.tsx';
import { formatDateTime } from '../../web/format.ts';
import type { TrainingService } from './training.service.ts';
import { idParam } from '../../web/params.ts';

/** 교육 pages: the operator's courses, sessions, enrolment and attendance; the clerk's own record and certificates. */

type CourseData = Awaited<ReturnType<TrainingService['getCourse']>>;


function CourseFields(props: { c: AppContext; values: FormValues; errors?: FieldErrors; edit: boolean }) {
  const t = props.c.var.t;
  return (
    <>
      <Input t={t} name="title" label={t('training.courseTitle')} values={props.values} errors={props.errors} required />
      <Textarea t={t} name="description" label={t('training.description')} values={props.values} errors={props.errors} rows={3} />
      <Input
        t={t}
        type="number"
        name="requiredHours"
        label={t('training.requiredHours')}
        hint={t('training.requiredHoursHint')}
        min="0.5"
        step="0.5"
        values={props.values}
        errors={props.errors}
        required
      />
      <Checkbox
        name="requiredForCaseload"
        label={t('training.requiredForCaseload')}
        checked={props.values.requiredForCaseload === 'on' || props.values.requiredForCaseload === true}
      />
      {props.edit && (
        <Checkbox name="active" label={t('training.active')} checked={props.values.active === 'on' || props.values.active === true} />
      )}
    </>
  );
}

function CoursesPage(props: {
  c: AppContext;
  rows: Awaited<ReturnType<TrainingService['listCourses']>>;
  values?: FormValues;
  errors?: FieldErrors;
}) {
  const { c, rows } = props;
  const t = c.var.t;
  return (
    <Layout c={c} title={t('training.title')}>
      <PageHeader title={t('training.title')} lead={t('training.lead')} />
      <div class="krds-table-wrap">
        <table class="itda-table">
          <caption>{t('training.courses')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('training.courseTitle')}</th>
              <th scope="col">{t('training.requiredHours')}</th>
              <th scope="col">{t('training.gate')}</th>
              <th scope="col">{t('training.sessions')}</th>
              <th scope="col">{t('training.completedOfEnrolled')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <th scope="row">
                  <a href={`/admin/training/courses/${r.id}`}>{r.title}</a>{' '}
                  {!r.active && <span class="form-hint">({t('common.inactive')})</span>}
                </th>
                <td>{t('training.hoursN', { n: Number(r.requiredHours) })}</td>
                <td>{r.requiredForCaseload ? t('training.gateYes') : t('training.gateNo')}</td>
                <td>{r.sessions ?? 0}</td>
                <td>
                  {r.completed ?? 0} / {r.enrolled ?? 0}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 class="itda-h2">{t('training.newCourse')}</h2>
      <ErrorSummary t={t} errors={props.errors} />
      <form method="post" action="/admin/training/courses" class="itda-form" novalidate>
        <CsrfField token={c.var.csrfToken} />
        <CourseFields c={c} values={props.values ?? { requiredForCaseload: 'on' }} errors={props.errors} edit={false} />
        <div class="itda-form-actions">
          <Button>{t('training.create')}</Button>
        </div>
      </form>
    </Layout>
  );
}

function CoursePage(props: { c: AppContext; data: CourseData; form?: string; values?: FormValues; errors?: FieldErrors }) {
  const { c, data } = props;
  const t = c.var.t;
  const { course } = data;
  const notice = c.req.query('notice');
  const errs = (f: string) => (props.form === f ? props.errors : undefined);
  const courseValues: FormValues =
    props.form === 'course'
      ? (props.values ?? {})
      : {
          title: course.title,
          description: course.description ?? '',
          requiredHours: String(Number(course.requiredHours)),
          requiredForCaseload: course.requiredForCaseload,
          active: course.active,
          version: String(course.version),
        };
  return (
    <Layout c={c} title={course.title}>
      {notice && <Notice kind="success">{t(`training.done.${notice}`)}</Notice>}
      <PageHeader title={course.title} lead={t('training.courseLead', { hours: Number(course.requiredHours) })} />
      <p>
        <a href="/admin/training">{t('training.back')}</a>
      </p>

      <h2 class="itda-h2">{t('training.enrolments')}</h2>
      <div class="krds-table-wrap">
        <table class="itda-table">
          <caption class="sr-only">{t('training.enrolments')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('training.clerk')}</th>
              <th scope="col">{t('training.office')}</th>
              <th scope="col">{t('training.hoursDone')}</th>
              <th scope="col">{t('training.status')}</th>
              <th scope="col">{t('training.certificate')}</th>
            </tr>
          </thead>
          <tbody>
            {data.enrolments.map((e) => (
              <tr>
                <th scope="row">{e.displayName}</th>
                <td>{e.officeName ?? '—'}</td>
                <td>{t('training.hoursOf', { n: e.hours, of: Number(course.requiredHours) })}</td>
                <td>{e.completedAt ? t('training.completed') : t('training.inProgress')}</td>
                <td>
                  {e.completedAt ? (
                    <a href={`/admin/training/courses/${course.id}/certificates/${e.clerkId}`}>
                      {t('training.certificatePdf')}
                      <span class="sr-only"> {e.displayName}</span>
                    </a>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2 class="itda-h2">{t('training.sessions')}</h2>
      {data.sessions.length === 0 && <p>{t('training.noSessions')}</p>}
      {data.sessions.map((s) => (
        <form method="post" action={`/admin/training/sessions/${s.id}/attendance`} class="itda-form">
          <CsrfField token={c.var.csrfToken} />
          <Fieldset
            title={t('training.sessionLabel', {
              at: formatDateTime(s.startsAt, c.var.locale),
              hours: Number(s.hours),
              place: s.online ? `${s.place ?? ''} (${t('training.online')})` : (s.place ?? ''),
            })}
          >
            {!data.recorded.has(s.id) && <p class="form-hint">{t('training.notRecorded')}</p>}
            {data.enrolments.length === 0 ? (
              <p class="form-hint">{t('training.noneEnrolled')}</p>
            ) : (
              <div class="itda-check-grid">
                {data.enrolments.map((e) => (
                  <Checkbox
                    name="present"
                    id={`p-${s.id}-${e.clerkId}`}
                    value={e.clerkId}
                    label={e.displayName}
                    checked={data.attendance.has(`${s.id}:${e.clerkId}`)}
                  />
                ))}
              </div>
            )}
            <Button variant="secondary" size="small">
              {t('training.saveAttendance')}
            </Button>
          </Fieldset>
        </form>
      ))}

      <h2 class="itda-h2">{t('training.addSession')}</h2>
      <ErrorSummary t={t} errors={errs('session')} />
      <form method="post" action={`/admin/training/courses/${course.id}/sessions`} class="itda-form" novalidate>
        <CsrfField token={c.var.csrfToken} />
        <Input
          t={t}
          type="datetime-local"
          name="startsAt"
          label={t('training.startsAt')}
          hint={t('recruitment.kstHint')}
          values={props.form === 'session' ? props.values : undefined}
          errors={errs('session')}
          required
        />
        <Input
          t={t}
          type="number"
          name="hours"
          label={t('training.hours')}
          min="0.5"
          max="24"
          step="0.5"
          values={props.form === 'session' ? props.values : undefined}
          errors={errs('session')}
          required
        />
        <Input
          t={t}
          name="place"
          label={t('training.place')}
          hint={t('training.placeHint')}
          values={props.form === 'session' ? props.values : undefined}
          errors={errs('session')}
          required
        />
        <Checkbox name="online" label={t('training.online')} checked={props.form === 'session' && props.values?.online === 'on'} />
        <Button variant="secondary">{t('training.addSessionButton')}</Button>
      </form>

      <h2 class="itda-h2">{t('training.enrol')}</h2>
      <ErrorSummary t={t} errors={errs('enrol')} />
      <form method="post" action={`/admin/training/courses/${course.id}/enrol`} class="itda-form" novalidate>
        <CsrfField token={c.var.csrfToken} />
        <Fieldset id="f-clerks" title={t('training.clerks')}>
          {data.candidates.length === 0 ? (
            <p class="form-hint">{t('training.allEnrolled')}</p>
          ) : (
            <div class="itda-check-grid">
              {data.candidates.map((k) => (
                <Checkbox
                  name="clerks"
                  id={`f-clerks-${k.id}`}
                  value={k.id}
                  label={`${k.displayName} (${k.officeName ?? '—'})`}
                  checked={false}
                />
              ))}
            </div>
          )}
        </Fieldset>
        <Checkbox name="allClerks" label={t('training.allClerks')} checked={false} />
        <Button variant="secondary">{t('training.enrolButton')}</Button>
      </form>

      <h2 class="itda-h2">{t('training.editCourse')}</h2>
      <ErrorSummary t={t} errors={errs('course')} />
      <form method="post" action={`/admin/training/courses/${course.id}`} class="itda-form" novalidate>
        <CsrfField token={c.var.csrfToken} />
        <input type="hidden" name="version" value={valueOf(courseValues, 'version') || String(course.version)} />
        <CourseFields c={c} values={courseValues} errors={errs('course')} edit />
        <Button>{t('common.save')}</Button>
      </form>
    </Layout>
  );
}

function MyTrainingPage({ c, data }: { c: AppContext; data: Awaited<ReturnType<TrainingService['myTraining']>> }) {
  const t = c.var.t;
  return (
    <Layout c={c} title={t('training.mine')}>
      <PageHeader title={t('training.mine')} lead={t('training.mineLead')} />
      {data.gate.ok ? (
        <Notice kind="success">{t('training.gateOk')}</Notice>
      ) : (
        <Notice kind="warning">
          {t('training.gateMissing')}
          <ul>
            {data.gate.missing.map((m) => (
              <li>{t('training.missingLine', { title: m.title, n: m.hours, of: m.requiredHours })}</li>
            ))}
          </ul>
        </Notice>
      )}
      {data.courses.length === 0 && <p>{t('training.noCourses')}</p>}
      {data.courses.map((course) => (
        <section class="itda-card" aria-labelledby={`course-${course.id}`}>
          <h2 id={`course-${course.id}`}>{course.title}</h2>
          <p>
            {t('training.hoursOf', { n: course.hours, of: Number(course.requiredHours) })} ·{' '}
            {course.completedAt ? t('training.completed') : t('training.inProgress')}
          </p>
          <ul>
            {course.sessions.map((s) => (
              <li>
                {t('training.sessionLabel', {
                  at: formatDateTime(s.startsAt, c.var.locale),
                  hours: Number(s.hours),
                  place: s.online ? `${s.place ?? ''} (${t('training.online')})` : (s.place ?? ''),
                })}
              </li>
            ))}
          </ul>
          {course.completedAt && (
            <p>
              <LinkButton href={`/my/training/${course.id}/certificate`}>{t('training.downloadCertificate')}</LinkButton>
            </p>
          )}
        </section>
      ))}
    </Layout>
  );
}

export function trainingPages(app: Hono<AppEnv>, deps: { training: TrainingService }) {
  const tr = deps.training;

  app.get('/admin/training', async (c) => c.html(<CoursesPage c={c} rows={await tr.listCourses(c.var.actor)} />));

  app.post('/admin/training/courses', async (c) => {
    const values = await readForm(c);
    const result = await handleForm(c, () => tr.saveCourse(c.var.actor, null, values, requestMeta(c)));
    if (!result.ok)
      return c.html(<CoursesPage c={c} rows={await tr.listCourses(c.var.actor)} values={values} errors={result.errors} />, 400);
    return c.redirect(`/admin/training/courses/${result.value}?notice=saved`, 303);
  });

  app.get('/admin/training/courses/:id', async (c) => c.html(<CoursePage c={c} data={await tr.getCourse(c.var.actor, idParam(c))} />));

  const courseForm = (path: string, form: string, notice: string, run: (c: AppContext, id: number, v: FormValues) => Promise<unknown>) =>
    app.post(`/admin/training/courses/:id${path}`, async (c) => {
      const id = idParam(c);
      const values = await readForm(c);
      const result = await handleForm(c, () => run(c, id, values));
      if (!result.ok)
        return c.html(
          <CoursePage c={c} data={await tr.getCourse(c.var.actor, id)} form={form} values={values} errors={result.errors} />,
          400,
        );
      return c.redirect(`/admin/training/courses/${id}?notice=${notice}`, 303);
    });
  courseForm('', 'course', 'saved', (c, id, v) => tr.saveCourse(c.var.actor, id, v, requestMeta(c)));
  courseForm('/sessions', 'session', 'session', (c, id, v) => tr.addSession(c.var.actor, id, v, requestMeta(c)));
  courseForm('/enrol', 'enrol', 'enrolled', (c, id, v) => tr.enrol(c.var.actor, id, v, requestMeta(c)));

  app.post('/admin/training/sessions/:id/attendance', async (c) => {
    const values = await readForm(c);
    const courseId = await tr.recordAttendance(c.var.actor, idParam(c), values, requestMeta(c));
    return c.redirect(`/admin/training/courses/${courseId}?notice=attendance`, 303);
  });

  const pdf = (c: AppContext, r: { pdf: Buffer; fileName: string }) => {
    c.header('Content-Type', 'application/pdf');
    c.header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(r.fileName)}`);
    c.header('Cache-Control', 'no-store');
    return c.body(new Uint8Array(r.pdf));
  };

  app.get('/admin/training/courses/:id/certificates/:clerkId', async (c) =>
    pdf(c, await tr.certificate(c.var.actor, 'any', idParam(c), c.req.param('clerkId'), requestMeta(c))),
  );

  app.get('/my/training', async (c) => c.html(<MyTrainingPage c={c} data={await tr.myTraining(c.var.actor)} />));

  app.get('/my/training/:id/certificate', async (c) =>
    pdf(c, await tr.certificate(c.var.actor, 'own', idParam(c), c.var.actor?.userId ?? '', requestMeta(c))),
  );
}
