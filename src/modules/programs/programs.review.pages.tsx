/**
 * Issue 11 §2 and §4: the catalogue editors' review queue and the review page.
 *
 * The review page shows the notice's eligibility text with every span the drafter read highlighted
 * and linked to the criterion it became; the editor accepts, edits or removes each, adds what was
 * missed, sets the region when the source gave none, and saves the rule as reviewed. The draft page
 * then shows the impact (who becomes "신청 가능") before it is published; publishing records the
 * reviewer's name and time with the version.
 */
import type { Hono } from 'hono';
import { draftRule } from '../../domain/drafter/drafter.ts';
import type { Draft } from '../../domain/drafter/drafter.types.ts';
import { CriterionSchema, RuleSchema, describeCriterion, type Criterion, type Rule } from '../../domain/eligibility/index.ts';
import type { Translate } from '../../i18n/i18n.ts';
import {
  Button,
  CsrfField,
  ErrorSummary,
  Input,
  RadioGroup,
  valueOf,
  type FieldErrors,
  type FormValues,
} from '../../web/components/index.ts';
import { requestMeta, type AppContext, type AppEnv } from '../../web/context.ts';
import { handleForm, readForm } from '../../web/forms.ts';
import { DemoBadge, Layout, Notice, PageHeader } from '../../web/layout.tsx';
import type { EligibilityService } from '../eligibility/eligibility.service.ts';
import type { NoticesService } from '../notices/notices.service.ts';
import { regionText } from '../../domain/catalog/catalog.region.ts';
import type { ProgramsService } from './programs.service.ts';
import { idParam } from '../../web/params.ts';

type Programme = Awaited<ReturnType<ProgramsService['get']>>;


/** What the rule is reviewed against: the notice's eligibility sections from the feed and every attachment read. */
type ReviewText = Awaited<ReturnType<NoticesService['eligibilityText']>>;

/** The notice text with each drafted span as a link to its criterion (overlapping spans: the first wins). */
function HighlightedText(props: { text: string; draft: Draft; from: number; to: number }) {
  const { from, to } = props;
  const spans = props.draft.criteria
    .map((c, i) => ({ i, start: Math.max(from, c.span.start), end: Math.min(to, c.span.end) }))
    .filter((s) => s.start < s.end)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const parts: (string | { i: number; text: string })[] = [];
  let at = from;
  for (const s of spans) {
    if (s.start < at) continue;
    if (s.start > at) parts.push(props.text.slice(at, s.start));
    parts.push({ i: s.i, text: props.text.slice(s.start, s.end) });
    at = s.end;
  }
  if (at < to) parts.push(props.text.slice(at, to));
  return (
    <div class="itda-notice-text" lang="ko">
      {parts.map((p) =>
        typeof p === 'string' ? (
          p
        ) : (
          <a class="itda-span" data-span={p.i} href={`#crit-${p.i}`}>
            {p.text}
            <sup>{p.i + 1}</sup>
          </a>
        ),
      )}
    </div>
  );
}

/** Form fields of the review page → the rule. Criteria of one `anyGroup` become one `any`. */
export function assembleReviewedRule(values: FormValues, count: number, t: Translate): { rule?: Rule; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const plain: Rule[] = [];
  const groups = new Map<string, Criterion[]>();
  for (let i = 0; i < count; i++) {
    if (valueOf(values, `keep-${i}`) !== 'yes') continue;
    let parsed: ReturnType<typeof CriterionSchema.safeParse> | null = null;
    try {
      parsed = CriterionSchema.safeParse(JSON.parse(valueOf(values, `crit-${i}`)));
    } catch {
      parsed = null;
    }
    if (!parsed?.success) {
      errors[`crit-${i}`] = t('review.criterionInvalid', { n: i + 1 });
      continue;
    }
    const g = valueOf(values, `group-${i}`);
    if (g) groups.set(g, [...(groups.get(g) ?? []), parsed.data]);
    else plain.push(parsed.data);
  }
  for (const list of groups.values()) plain.push(list.length === 1 ? list[0]! : { any: list });
  const extraText = valueOf(values, 'extra').trim();
  if (extraText) {
    try {
      const extra = RuleSchema.array().safeParse(JSON.parse(extraText));
      if (extra.success) plain.push(...extra.data);
      else errors.extra = t('review.extraInvalid');
    } catch {
      errors.extra = t('review.extraInvalid');
    }
  }
  return Object.keys(errors).length ? { errors } : { rule: { all: plain }, errors };
}

function ReviewPage(props: {
  c: AppContext;
  d: Programme;
  draft: Draft;
  textInfo: ReviewText;
  values: FormValues;
  errors?: FieldErrors;
  message?: string;
}) {
  const { c, d, draft, textInfo } = props;
  const t = c.var.t;
  const v = d.current;
  const title = t('review.title', { title: v.title });
  return (
    <Layout c={c} title={title}>
      <PageHeader title={title} lead={t('review.lead')}>
        <p class="itda-meta">
          <span class={`itda-badge ${v.ruleReview === 'reviewed' ? 'itda-badge-open' : 'itda-badge-future'}`}>
            {t(`review.state.${v.ruleReview}`)}
          </span>
          {d.programme.isSample && <DemoBadge label={t('programmes.sample')} />}
        </p>
      </PageHeader>
      <ErrorSummary t={t} errors={props.errors} message={props.message} />
      <div class="itda-review-grid">
        <section aria-labelledby="notice-text" class="itda-review-text">
          <h2 class="itda-h2" id="notice-text">
            {t('review.text')}
          </h2>
          {textInfo.parts.length === 0 ? (
            <Notice kind="warning">
              {t('review.noText')} {v.detailUrl && <a href={v.detailUrl}>{v.detailUrl}</a>}
            </Notice>
          ) : (
            textInfo.parts.map((part, n) => (
              <div class="itda-notice-part" id={n === 0 ? undefined : `part-${n}`}>
                <p class="form-hint">
                  {t('review.textSource', { source: part.source.name })}{' '}
                  {part.source.url && (
                    <a href={part.source.url} rel="noreferrer">
                      {t('review.openOriginal')}
                    </a>
                  )}
                </p>
                <HighlightedText text={textInfo.text} draft={draft} from={part.start} to={part.end} />
              </div>
            ))
          )}
          {textInfo.pending > 0 && <Notice kind="info">{t('review.documentsPending', { n: textInfo.pending })}</Notice>}
          {textInfo.unreadable.length > 0 && (
            <Notice kind="warning">
              {t('review.unreadable')}
              <ul>
                {textInfo.unreadable.map((u) => (
                  <li>
                    <a href={u.url} rel="noreferrer">
                      {u.fileName}
                    </a>{' '}
                    <span class="form-hint">({u.reason ?? u.status})</span>
                  </li>
                ))}
              </ul>
            </Notice>
          )}
        </section>
        <form method="post" action={`/programmes/${d.programme.id}/review`} class="itda-form itda-form-wide" novalidate>
          <CsrfField token={c.var.csrfToken} />
          <input type="hidden" name="baseVersionId" value={valueOf(props.values, 'baseVersionId')} />
          <section aria-labelledby="criteria">
            <h2 class="itda-h2" id="criteria">
              {t('review.criteria')} ({draft.criteria.length})
            </h2>
            <ol class="itda-list">
              {draft.criteria.map((k, i) => {
                const keep = valueOf(props.values, `keep-${i}`) || 'yes';
                const err = props.errors?.[`crit-${i}`];
                return (
                  <li class="itda-card itda-criterion" id={`crit-${i}`}>
                    <h3 class="itda-h3">
                      {t('review.criterion', { n: i + 1 })}: {describeCriterion(k.rule, 'ko')}
                    </h3>
                    <p class="form-hint">
                      <span class="itda-span-quote">“{k.span.text}”</span> · {t('review.confidence', { p: Math.round(k.confidence * 100) })}{' '}
                      · {k.pattern}
                      {k.anyGroup !== undefined && ` · ${t('review.anyGroup')}`}
                    </p>
                    <input type="hidden" name={`group-${i}`} value={k.anyGroup === undefined ? '' : String(k.anyGroup)} />
                    <RadioGroup
                      t={t}
                      name={`keep-${i}`}
                      label={t('review.keepQuestion', { n: i + 1 })}
                      values={{ [`keep-${i}`]: keep }}
                      options={[
                        { value: 'yes', label: t('review.keep') },
                        { value: 'no', label: t('review.remove') },
                      ]}
                    />
                    <div class={err ? 'form-group is-error' : 'form-group'}>
                      <label for={`f-crit-${i}`}>{t('review.criterionJson')}</label>
                      <textarea id={`f-crit-${i}`} name={`crit-${i}`} class="krds-input itda-code itda-code-short" rows={3}>
                        {valueOf(props.values, `crit-${i}`)}
                      </textarea>
                      {err && <p class="form-hint-invalid">{err}</p>}
                    </div>
                  </li>
                );
              })}
            </ol>
            {draft.unparsed.length > 0 && (
              <details open>
                <summary>
                  {t('review.unparsed')} ({draft.unparsed.length})
                </summary>
                <ul>
                  {draft.unparsed.map((u) => (
                    <li>
                      “{u.text}” <span class="form-hint">({u.reason})</span>
                    </li>
                  ))}
                </ul>
              </details>
            )}
          </section>
          <div class={props.errors?.extra ? 'form-group is-error' : 'form-group'}>
            <label for="f-extra">{t('review.extra')}</label>
            <textarea id="f-extra" name="extra" class="krds-input itda-code" rows={5}>
              {valueOf(props.values, 'extra')}
            </textarea>
            {props.errors?.extra && <p class="form-hint-invalid">{props.errors.extra}</p>}
          </div>
          <Input
            t={t}
            name="region"
            label={t('review.region')}
            hint={t('review.regionHint')}
            values={props.values}
            errors={props.errors}
            required
          />
          <Input t={t} name="reason" label={t('review.reason')} values={props.values} errors={props.errors} required />
          <div class="itda-form-actions">
            <Button>{t('review.publish')}</Button>
          </div>
        </form>
      </div>
    </Layout>
  );
}

function QueuePage(props: { c: AppContext; rows: Awaited<ReturnType<EligibilityService['reviewQueue']>> }) {
  const { c, rows } = props;
  const t = c.var.t;
  return (
    <Layout c={c} title={t('review.queue.title')}>
      <PageHeader title={t('review.queue.title')} lead={t('review.queue.lead')} />
      {rows.length === 0 ? (
        <p>{t('review.queue.empty')}</p>
      ) : (
        <table class="krds-table itda-table">
          <thead>
            <tr>
              <th scope="col">{t('review.queue.programme')}</th>
              <th scope="col">{t('review.queue.concern')}</th>
              <th scope="col">{t('review.queue.deadline')}</th>
              <th scope="col">{t('review.queue.waiting')}</th>
              <th scope="col">
                <span class="sr-only">{t('review.queue.open')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <td>
                  <a href={`/programmes/${r.programmeId}`}>{r.title}</a> <span class="itda-tag">{r.source}</span>
                  {r.regionState === 'unset' && <span class="itda-badge itda-badge-future">{t('review.queue.regionUnset')}</span>}
                </td>
                <td>{r.concern}</td>
                <td>{r.periodEnd ?? '—'}</td>
                <td>{t('review.queue.days', { n: r.waitingDays })}</td>
                <td>
                  <a class="krds-btn small secondary" href={`/programmes/${r.programmeId}/review`}>
                    {t('review.queue.open')}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

/** Criteria of the current rule that the drafter did not read (kept for the editor to confirm). */
function currentExtras(rule: unknown, draft: Draft): Rule[] {
  const parsed = RuleSchema.safeParse(rule);
  if (!parsed.success) return [];
  const top = 'all' in parsed.data ? parsed.data.all : [parsed.data];
  const drafted = new Set(draft.criteria.map((k) => JSON.stringify({ ...k.rule, note: undefined, source: undefined })));
  return top.filter((r) => !('type' in r) || !drafted.has(JSON.stringify({ ...r, note: undefined, source: undefined })));
}

export function programmeReviewPages(
  app: Hono<AppEnv>,
  deps: { programs: ProgramsService; eligibility: EligibilityService; notices: NoticesService },
) {
  const { programs, eligibility, notices } = deps;

  const load = async (c: AppContext, id: number) => {
    const d = await programs.get(c.var.actor, id);
    await programs.assertCanEdit(c.var.actor);
    // The drafter reads the same combined text the page shows: span offsets refer to it.
    const textInfo = await notices.eligibilityText(c.var.actor, d.current.id);
    return { d, textInfo, draft: draftRule(textInfo.text, { programmeKey: d.programme.key }) };
  };

  app.get('/catalogue/review-queue', async (c) => c.html(<QueuePage c={c} rows={await eligibility.reviewQueue(c.var.actor)} />));

  app.get('/programmes/:id/review', async (c) => {
    const { d, textInfo, draft } = await load(c, idParam(c));
    const values: FormValues = {
      baseVersionId: String(d.current.id),
      region: regionText(d.current),
      reason: c.var.t('review.reason') + ': ' + c.var.t('review.state.reviewed'),
      extra: (() => {
        const extras = currentExtras(d.current.rule, draft);
        return extras.length ? JSON.stringify(extras, null, 2) : '';
      })(),
    };
    draft.criteria.forEach((k, i) => {
      values[`crit-${i}`] = JSON.stringify(k.rule);
      values[`keep-${i}`] = 'yes';
    });
    return c.html(<ReviewPage c={c} d={d} draft={draft} textInfo={textInfo} values={values} />);
  });

  app.post('/programmes/:id/review', async (c) => {
    const id = idParam(c);
    const { d, textInfo, draft } = await load(c, id);
    const values = await readForm(c);
    const { rule, errors } = assembleReviewedRule(values, draft.criteria.length, c.var.t);
    if (!rule) return c.html(<ReviewPage c={c} d={d} draft={draft} textInfo={textInfo} values={values} errors={errors} />, 400);
    const input = {
      rule: JSON.stringify(rule),
      reason: valueOf(values, 'reason'),
      region: valueOf(values, 'region'),
      baseVersionId: valueOf(values, 'baseVersionId'),
      reviewStatus: d.current.reviewStatus,
      ruleReview: 'reviewed',
    };
    const result = await handleForm(c, () => programs.saveRuleDraft(c.var.actor, id, input, requestMeta(c)));
    if (!result.ok)
      return c.html(
        <ReviewPage c={c} d={d} draft={draft} textInfo={textInfo} values={values} errors={result.errors} message={result.message} />,
        400,
      );
    return c.redirect(`/programmes/${id}/drafts/${result.value.id}`, 303);
  });
}
