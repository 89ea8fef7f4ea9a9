import type { Hono } from 'hono';
import { Button, CsrfField, ErrorSummary, Select, Input, type FieldErrors, type FormValues } from '../../web/components/index.ts';
import { requestMeta, type AppContext, type AppEnv } from '../../web/context.ts';
import { Layout, PageHeader } from '../../web/layout.tsx';
import { ImportInput } from './programs.schemas.ts';
import { fetchPayload, IMPORT_MAX_BYTES, ImportSourceError, parseJsonText, parsePayload, PayloadError } from './programs.import.ts';
import type { ImportReport, ProgramsService } from './programs.service.ts';

/** Upload limit for notice files on this route only (the app-wide body limit is smaller). */
export const IMPORT_ROUTE = '/admin/import';

function ImportPage(props: { c: AppContext; values?: FormValues; errors?: FieldErrors; message?: string; report?: ImportReport }) {
  const { c, report } = props;
  const t = c.var.t;
  return (
    <Layout c={c} title={t('programmes.import.title')}>
      <PageHeader title={t('programmes.import.title')} lead={t('programmes.import.lead')} />
      <ErrorSummary t={t} errors={props.errors} message={props.message} />
      {report && (
        <section aria-labelledby="report" class="itda-card">
          <h2 id="report" class="itda-h3">
            {t('programmes.import.report')}
          </h2>
          <p role="status">
            {t('programmes.import.counts', {
              total: report.total,
              created: report.created,
              updated: report.updated,
              unchanged: report.unchanged,
              rejected: report.rejected.length,
              skipped: report.skipped.length,
            })}
          </p>
          {(
            [
              ['rejected', report.rejected],
              ['skipped', report.skipped],
            ] as const
          ).map(
            ([kind, rows]) =>
              rows.length > 0 && (
                <div class="krds-table-wrap">
                  <table class="itda-table">
                    <caption>{t(`programmes.import.${kind}`)}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('programmes.import.line')}</th>
                        <th scope="col">ID</th>
                        <th scope="col">{t('programmes.import.reason')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {rows.map((r) => (
                        <tr>
                          <td>{r.line}</td>
                          <td>{r.sourceId ?? '—'}</td>
                          <td>{r.reason}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              ),
          )}
        </section>
      )}
      <form method="post" action={IMPORT_ROUTE} enctype="multipart/form-data" class="itda-form" novalidate>
        <CsrfField token={c.var.csrfToken} />
        <Select
          t={t}
          name="source"
          label={t('programmes.import.source')}
          values={props.values}
          errors={props.errors}
          placeholder={t('common.choose')}
          options={[
            { value: 'bizinfo', label: '기업마당 (bizinfo)' },
            { value: 'kstartup', label: 'K-Startup' },
            { value: 'gov24', label: '보조금24 (공공서비스 정보)' },
          ]}
          required
        />
        <div class="form-group">
          <div class="form-tit">
            <label for="f-file">{t('programmes.import.file')}</label>
          </div>
          <div class={props.errors?.file ? 'form-conts is-error' : 'form-conts'}>
            <input type="file" id="f-file" name="file" accept=".json,application/json" class="krds-input" />
          </div>
          {props.errors?.file && <p class="form-hint-invalid">{props.errors.file}</p>}
        </div>
        <Input t={t} name="url" label={t('programmes.import.url')} values={props.values} errors={props.errors} />
        <div class="itda-form-actions">
          <Button>{t('programmes.import.submit')}</Button>
        </div>
      </form>
    </Layout>
  );
}

export function importPages(app: Hono<AppEnv>, deps: { programs: ProgramsService }) {
  app.get(IMPORT_ROUTE, async (c) => {
    await deps.programs.assertCanImport(c.var.actor);
    return c.html(<ImportPage c={c} />);
  });

  app.post(IMPORT_ROUTE, async (c) => {
    await deps.programs.assertCanImport(c.var.actor);
    const t = c.var.t;
    const body = await c.req.parseBody();
    const values: FormValues = { source: typeof body.source === 'string' ? body.source : '', url: typeof body.url === 'string' ? body.url : '' };
    const parsed = ImportInput.safeParse(values);
    const errors: FieldErrors = {};
    if (!parsed.success) {
      for (const i of parsed.error.issues) errors[String(i.path[0])] ??= t(i.message);
      return c.html(<ImportPage c={c} values={values} errors={errors} />, 400);
    }
    const file = body.file instanceof File && body.file.size > 0 ? body.file : null;
    if (!file && !parsed.data.url) return c.html(<ImportPage c={c} values={values} errors={{ file: t('programmes.import.needInput') }} />, 400);
    try {
      let payload: unknown;
      if (file) {
        if (file.size > IMPORT_MAX_BYTES) throw new PayloadError('programmes.import.fileTooBig', String(file.size));
        payload = parseJsonText(await file.text());
      } else {
        payload = await fetchPayload(parsed.data.url!);
      }
      const batch = parsePayload(parsed.data.source, payload);
      const report = await deps.programs.importBatch(c.var.actor, batch, requestMeta(c));
      return c.html(<ImportPage c={c} values={values} report={report} />);
    } catch (e) {
      if (e instanceof PayloadError) {
        const field = file ? 'file' : 'url';
        return c.html(<ImportPage c={c} values={values} errors={{ [field]: t(e.messageKey, { message: e.detail }) }} />, 400);
      }
      if (e instanceof ImportSourceError) {
        return c.html(<ImportPage c={c} values={values} message={t('programmes.import.sourceError', { message: e.message })} />, 400);
      }
      throw e;
    }
  });
}
