import type { Hono } from 'hono';
import { RuleSchema } from '../../domain/eligibility/index.ts';
import {
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
import { DemoBadge, Layout, Notice, PageHeader } from '../../web/layout.tsx';
import type { EligibilityService } from '../eligibility/eligibility.service.ts';
import { ADDABLE, appendCriterion, criterionFrom, type Addable } from './programs.criterion-form.ts';
import { RuleView } from './programs.rule-view.tsx';
import type { ProgramsService } from './programs.service.ts';
import { regionText } from '../../domain/catalog/catalog.region.ts';
import { idParam } from '../../web/params.ts';


function EditPage(props: {
  c: AppContext;
  d: Awaited<ReturnType<ProgramsService['get']>>;
  values: FormValues;
  errors?: FieldErrors;
  message?: string;
}) {
  const { c, d } = props;
  const t = c.var.t;
  const v = d.current;
  return (
    <Layout c={c} title={t('programmes.edit.title', { title: v.title })}>
      <PageHeader title={t('programmes.edit.title', { title: v.title })} lead={t('programmes.edit.lead')} />
      <ErrorSummary t={t} errors={props.errors} message={props.message} />
      <h2 class="itda-h2">{t('programmes.draft.before')}</h2>
      {v.rule ? <RuleView rule={v.rule} locale={c.var.locale} titles={d.titles} /> : <p>{t('programmes.noRule')}</p>}
      <form method="post" action={`/programmes/${d.programme.id}/edit`} class="itda-form itda-form-wide" novalidate>
        <CsrfField token={c.var.csrfToken} />
        <input type="hidden" name="baseVersionId" value={valueOf(props.values, 'baseVersionId')} />
        <Fieldset title={t('programmes.edit.addCriterion')}>
          <p class="form-hint">{t('programmes.edit.addHint')}</p>
          <Select
            t={t}
            name="addKind"
            label={t('programmes.edit.criterionType')}
            values={props.values}
            errors={props.errors}
            placeholder={t('common.choose')}
            options={ADDABLE.map((k) => ({ value: k, label: t(`programmes.add.${k}`) }))}
          />
          <Input
            t={t}
            name="addValue"
            label={t('programmes.edit.value')}
            hint={t('programmes.edit.valueHint')}
            values={props.values}
            errors={props.errors}
          />
          <Button variant="secondary" name="intent" value="append">
            {t('programmes.edit.append')}
          </Button>
        </Fieldset>
        <Textarea
          t={t}
          name="rule"
          class="itda-code"
          rows={18}
          label={t('programmes.edit.rule')}
          hint={t('programmes.edit.ruleHint')}
          values={props.values}
          errors={props.errors}
        />
        <Input
          t={t}
          name="reason"
          label={t('programmes.edit.reason')}
          hint={t('programmes.edit.reasonHint')}
          values={props.values}
          errors={props.errors}
          required
        />
        <Select
          t={t}
          name="reviewStatus"
          label={t('programmes.edit.reviewStatus')}
          values={props.values}
          options={[
            { value: '확인 필요', label: '확인 필요' },
            { value: '확인됨', label: '확인됨' },
          ]}
        />
        <Input t={t} name="region" label={t('review.region')} hint={t('review.regionHint')} values={props.values} errors={props.errors} />
        <Select
          t={t}
          name="ruleReview"
          label={t('programmes.edit.ruleReview')}
          values={props.values}
          options={[
            { value: 'drafted', label: t('programmes.edit.ruleReview.drafted') },
            { value: 'reviewed', label: t('programmes.edit.ruleReview.reviewed') },
          ]}
        />
        <div class="itda-form-actions">
          <Button name="intent" value="draft">
            {t('programmes.edit.saveDraft')}
          </Button>
          <LinkButton href={`/programmes/${d.programme.id}`}>{t('common.cancel')}</LinkButton>
        </div>
      </form>
    </Layout>
  );
}

type Impact = Awaited<ReturnType<EligibilityService['draftImpact']>>;

function DraftPage(props: { c: AppContext; d: Awaited<ReturnType<ProgramsService['getDraft']>>; impact: Impact }) {
  const { c, d, impact } = props;
  const t = c.var.t;
  // Counts for every editor; names only of the businesses in the editor's scope (issue 10 §1).
  const list = (title: string, key: keyof Impact['changed']) => {
    const rows = impact[key];
    const n = impact.changed[key];
    return (
      n > 0 && (
        <section>
          <h3 class="itda-h3">
            {title} ({n})
          </h3>
          {rows.length < n && <p class="form-hint">{t('programmes.draft.namesHidden', { n: n - rows.length })}</p>}
          {rows.length > 0 && (
            <ul class="itda-columns">
              {rows.slice(0, 200).map((r) => (
                <li>
                  {r.name} {r.isSample && <DemoBadge label={t('demo.badge')} />}{' '}
                  <span class="form-hint">
                    ({t(`verdict.${r.from}`)} → {t(`verdict.${r.to}`)})
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      )
    );
  };
  return (
    <Layout c={c} title={t('programmes.draft.title', { title: d.draft.title })}>
      <PageHeader title={t('programmes.draft.title', { title: d.draft.title })} lead={t('programmes.draft.lead')} />
      <dl class="itda-dl">
        <dt>{t('programmes.changeReason')}</dt>
        <dd>{d.draft.changeReason}</dd>
        <dt>{t('programmes.edit.reviewStatus')}</dt>
        <dd>{d.draft.reviewStatus}</dd>
        <dt>{t('programmes.edit.ruleReview')}</dt>
        <dd>{t(`review.state.${d.draft.ruleReview}`)}</dd>
        <dt>{t('review.region')}</dt>
        <dd>{regionText(d.draft) || t('review.queue.regionUnset')}</dd>
      </dl>
      <div class="itda-two-col">
        <section>
          <h2 class="itda-h2">{t('programmes.draft.before')}</h2>
          {d.current.rule ? <RuleView rule={d.current.rule} locale={c.var.locale} /> : <p>{t('programmes.noRule')}</p>}
        </section>
        <section>
          <h2 class="itda-h2">{t('programmes.draft.after')}</h2>
          <RuleView rule={d.draft.rule} locale={c.var.locale} />
        </section>
      </div>
      <section aria-labelledby="impact">
        <h2 class="itda-h2" id="impact">
          {t('programmes.draft.impact')}
        </h2>
        <p>{t('programmes.draft.impactLead', { n: impact.total })}</p>
        {impact.changed.gained + impact.changed.lost + impact.changed.otherChanges === 0 && (
          <Notice kind="info">{t('programmes.draft.noImpact')}</Notice>
        )}
        {list(t('programmes.draft.gain'), 'gained')}
        {list(t('programmes.draft.lose'), 'lost')}
        {list(t('programmes.draft.otherChanges'), 'otherChanges')}
      </section>
      <form method="post" action={`/programmes/${d.programme.id}/drafts/${d.draft.id}/publish`} class="itda-form-actions">
        <CsrfField token={c.var.csrfToken} />
        <Button>{t('programmes.draft.publish')}</Button>
        <LinkButton href={`/programmes/${d.programme.id}/edit?draft=${d.draft.id}`}>{t('common.edit')}</LinkButton>
      </form>
    </Layout>
  );
}

export function programmeEditorPages(app: Hono<AppEnv>, deps: { programs: ProgramsService; eligibility: EligibilityService }) {
  const { programs, eligibility } = deps;

  const editData = async (c: AppContext, id: number) => {
    const d = await programs.get(c.var.actor, id);
    await programs.assertCanEdit(c.var.actor);
    return d;
  };

  app.get('/programmes/:id/edit', async (c) => {
    const id = idParam(c);
    const d = await editData(c, id);
    // Back from a draft: continue from the draft's rule and reason, not the published one.
    const draftId = Number(c.req.query('draft'));
    const draft =
      Number.isInteger(draftId) && draftId > 0
        ? await programs
            .getDraft(c.var.actor, id, draftId)
            .then((x) => x.draft)
            .catch(() => null)
        : null;
    const rule = draft?.rule ?? d.current.rule ?? { all: [] };
    return c.html(
      <EditPage
        c={c}
        d={d}
        values={{
          rule: JSON.stringify(rule, null, 2),
          baseVersionId: String(d.current.id),
          reviewStatus: draft?.reviewStatus ?? d.current.reviewStatus,
          ruleReview: draft?.ruleReview ?? 'drafted',
          region: regionText(draft ?? d.current),
          reason: draft?.changeReason ?? '',
        }}
      />,
    );
  });

  app.post('/programmes/:id/edit', async (c) => {
    const id = idParam(c);
    const d = await editData(c, id);
    const values = await readForm(c);
    if (values.intent === 'append') {
      // Add one condition from the form to the JSON, then show the form again (nothing saved yet).
      const kind = valueOf(values, 'addKind') as Addable;
      const parsedRule = (() => {
        try {
          return RuleSchema.safeParse(JSON.parse(valueOf(values, 'rule')));
        } catch {
          return null;
        }
      })();
      const criterion = ADDABLE.includes(kind) ? criterionFrom(kind, valueOf(values, 'addValue'), d.programme.key) : null;
      if (!parsedRule?.success || !criterion) {
        const errors: FieldErrors = {};
        if (!parsedRule?.success) errors.rule = c.var.t(parsedRule ? 'programmes.ruleSchema' : 'programmes.ruleJson');
        if (!criterion) errors.addValue = c.var.t('programmes.criterionValueInvalid');
        return c.html(<EditPage c={c} d={d} values={values} errors={errors} />, 400);
      }
      const next = appendCriterion(parsedRule.data, criterion);
      return c.html(<EditPage c={c} d={d} values={{ ...values, rule: JSON.stringify(next, null, 2), addKind: '', addValue: '' }} />);
    }
    const result = await handleForm(c, () => programs.saveRuleDraft(c.var.actor, id, values, requestMeta(c)));
    if (!result.ok) return c.html(<EditPage c={c} d={d} values={values} errors={result.errors} message={result.message} />, 400);
    return c.redirect(`/programmes/${id}/drafts/${result.value.id}`, 303);
  });

  app.get('/programmes/:id/drafts/:draftId', async (c) => {
    const id = idParam(c);
    const draftId = idParam(c, 'draftId');
    const d = await programs.getDraft(c.var.actor, id, draftId);
    const impact = await eligibility.draftImpact(c.var.actor, id, draftId);
    return c.html(<DraftPage c={c} d={d} impact={impact} />);
  });

  app.post('/programmes/:id/drafts/:draftId/publish', async (c) => {
    const id = idParam(c);
    await programs.publish(c.var.actor, id, idParam(c, 'draftId'), requestMeta(c));
    return c.redirect(`/programmes/${id}?notice=published`, 303);
  });
}
