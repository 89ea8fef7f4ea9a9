import type { Hono } from 'hono';
import { ROLES } from '../../domain/roles.ts';
import type { Translate } from '../../i18n/i18n.ts';
import {
  Button,
  Checkbox,
  ConfirmField,
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
import type { UsersService, UserView } from './users.service.ts';
import { formatDateTime } from '../../web/format.ts';
import { uuidParam } from '../../web/params.ts';
import { DB_ID } from '../../validation.ts';

type Offices = { id: number; name: string }[];


function roleOptions(t: Translate, allowAdmin: boolean) {
  return ROLES.filter((r) => allowAdmin || r !== 'admin').map((r) => ({ value: r, label: t(`role.${r}`) }));
}

function ListPage(props: { c: AppContext; rows: Awaited<ReturnType<UsersService['list']>>; offices: Offices; filters: FormValues }) {
  const { c, rows } = props;
  const t = c.var.t;
  const manage = can(c.var.actor, 'users.manage');
  return (
    <Layout c={c} title={t('users.title')}>
      <PageHeader title={t('users.title')} lead={t('users.lead')} />
      {manage && (
        <p>
          <LinkButton href="/admin/users/new" variant="primary">
            {t('users.new')}
          </LinkButton>
        </p>
      )}
      <form method="get" action="/admin/users" class="itda-filters" role="search">
        <Input t={t} name="q" label={t('users.search')} values={props.filters} />
        <Select t={t} name="role" label={t('users.role')} values={props.filters} placeholder={t('common.all')} options={roleOptions(t, true)} />
        <Select
          t={t}
          name="officeId"
          label={t('users.office')}
          values={props.filters}
          placeholder={t('common.all')}
          options={props.offices.map((o) => ({ value: String(o.id), label: o.name }))}
        />
        <Checkbox name="inactive" label={t('users.includeInactive')} checked={props.filters.inactive === 'on'} />
        <Button variant="secondary">{t('common.filter')}</Button>
      </form>
      <div class="krds-table-wrap">
        <table class="itda-table">
          <caption>{t('users.count', { n: rows.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('users.login')}</th>
              <th scope="col">{t('users.displayName')}</th>
              <th scope="col">{t('users.role')}</th>
              <th scope="col">{t('users.office')}</th>
              <th scope="col">{t('users.status')}</th>
              <th scope="col">{t('users.lastLogin')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((u) => (
              <tr>
                <th scope="row">
                  <a href={`/admin/users/${u.id}`}>{u.login}</a> {u.isDemo && <DemoBadge label={t('demo.badge')} />}
                </th>
                <td>{u.displayName}</td>
                <td>{t(`role.${u.role}`)}</td>
                <td>{u.officeName ?? '—'}</td>
                <td>
                  {!u.active ? t('users.inactive') : u.lockedUntil && u.lockedUntil > new Date() ? t('users.locked') : t('users.active')}
                </td>
                <td>{formatDateTime(u.lastLoginAt, c.var.locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

function UserForm(props: {
  c: AppContext;
  user: UserView | null;
  values: FormValues;
  offices: Offices;
  errors?: FieldErrors;
  message?: string;
  secondFactor?: { enrolled: boolean; recoveryLeft: number };
  resetErrors?: FieldErrors;
}) {
  const { c, user } = props;
  const t = c.var.t;
  const title = user ? t('users.edit', { login: user.login }) : t('users.new');
  const allowAdmin = can(c.var.actor, 'users.grantAdmin');
  return (
    <Layout c={c} title={title}>
      {user && c.req.query('notice') === 'saved' && <Notice kind="success">{t('users.saved')}</Notice>}
      {user && c.req.query('notice') === 'secondFactorReset' && <Notice kind="success">{t('users.secondFactorResetDone')}</Notice>}
      <PageHeader title={title} lead={user ? undefined : t('users.newLead')} />
      <ErrorSummary t={t} errors={props.errors} message={props.message} />
      <form method="post" action={user ? `/admin/users/${user.id}` : '/admin/users/new'} class="itda-form" novalidate>
        <CsrfField token={c.var.csrfToken} />
        {user ? (
          <input type="hidden" name="version" value={valueOf(props.values, 'version') || String(user.version)} />
        ) : (
          <Input t={t} name="login" label={t('users.login')} hint={t('users.loginHint')} values={props.values} errors={props.errors} required />
        )}
        <Input t={t} name="displayName" label={t('users.displayName')} values={props.values} errors={props.errors} required />
        <Select t={t} name="role" label={t('users.role')} values={props.values} errors={props.errors} options={roleOptions(t, allowAdmin)} required />
        <Select
          t={t}
          name="officeId"
          label={t('users.office')}
          hint={t('users.officeHint')}
          values={props.values}
          errors={props.errors}
          placeholder={t('users.noOffice')}
          options={props.offices.map((o) => ({ value: String(o.id), label: o.name }))}
        />
        <Input t={t} name="email" type="email" label={t('users.email')} values={props.values} errors={props.errors} autocomplete="off" />
        <Input t={t} name="phone" type="tel" label={t('users.phone')} hint={t('users.phoneHint')} values={props.values} errors={props.errors} autocomplete="off" />
        {user && <Checkbox name="active" label={t('users.activeLabel')} checked={props.values.active === true || props.values.active === 'on'} />}
        <div class="itda-form-actions">
          <Button>{user ? t('common.save') : t('users.create')}</Button>
          <LinkButton href="/admin/users">{t('common.cancel')}</LinkButton>
        </div>
      </form>
      {user && (
        <section>
          <h2 class="itda-h2">{t('users.security')}</h2>
          <form method="post" action={`/admin/users/${user.id}/reset-password`}>
            <CsrfField token={c.var.csrfToken} />
            <p class="form-hint">{t('users.resetHint')}</p>
            <Button variant="secondary">{t('users.resetPassword')}</Button>
          </form>
          {props.secondFactor && (
            <>
              <h3 class="itda-h3">{t('users.secondFactor')}</h3>
              <p id="second-factor-status">
                {props.secondFactor.enrolled ? t('users.secondFactorOn', { n: props.secondFactor.recoveryLeft }) : t('users.secondFactorOff')}
              </p>
              {can(c.var.actor, 'users.resetSecondFactor') && props.secondFactor.enrolled && (
                <form method="post" action={`/admin/users/${user.id}/reset-second-factor`} class="itda-form" novalidate>
                  <CsrfField token={c.var.csrfToken} />
                  <ErrorSummary t={t} errors={props.resetErrors} />
                  <p class="form-hint">{t('users.secondFactorResetHint')}</p>
                  <ConfirmField t={t} name="confirm" label={t('users.secondFactorResetConfirm')} errors={props.resetErrors} checked={false} required />
                  <Button variant="secondary">{t('users.secondFactorReset')}</Button>
                </form>
              )}
            </>
          )}
          {can(c.var.actor, 'tokens.manage') && (
            <p>
              <a href={`/admin/users/${user.id}/tokens`}>{t('tokens.manage')}</a>
            </p>
          )}
          <p>
            <a href={`/admin/audit?target=${user.id}`}>{t('users.history')}</a>
          </p>
        </section>
      )}
    </Layout>
  );
}

/** Shown once, never stored in clear: the new one-time password or API token. */
function SecretPage(props: { c: AppContext; title: string; lead: string; secret: string; back: string }) {
  const { c } = props;
  const t = c.var.t;
  c.header('cache-control', 'no-store');
  return (
    <Layout c={c} title={props.title}>
      <PageHeader title={props.title} />
      <Notice kind="success">{props.lead}</Notice>
      <p>
        <span class="itda-secret" id="secret">
          {props.secret}
        </span>
      </p>
      <p class="form-hint">{t('secret.onceHint')}</p>
      <p>
        <LinkButton href={props.back} variant="primary">
          {t('common.continue')}
        </LinkButton>
      </p>
    </Layout>
  );
}

function TokensPage(props: {
  c: AppContext;
  user: UserView;
  tokens: Awaited<ReturnType<UsersService['listTokens']>>;
  values?: FormValues;
  errors?: FieldErrors;
}) {
  const { c, user } = props;
  const t = c.var.t;
  return (
    <Layout c={c} title={t('tokens.title', { login: user.login })}>
      <PageHeader title={t('tokens.title', { login: user.login })} lead={t('tokens.lead')} />
      <ErrorSummary t={t} errors={props.errors} />
      <form method="post" action={`/admin/users/${user.id}/tokens`} class="itda-form" novalidate>
        <CsrfField token={c.var.csrfToken} />
        <Input t={t} name="name" label={t('tokens.name')} hint={t('tokens.nameHint')} values={props.values} errors={props.errors} required />
        <Input t={t} name="expiresInDays" type="number" label={t('tokens.expiresInDays')} values={props.values} errors={props.errors} />
        <div class="itda-form-actions">
          <Button>{t('tokens.issue')}</Button>
        </div>
      </form>
      <div class="krds-table-wrap">
        <table class="itda-table">
          <caption>{t('tokens.list')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('tokens.name')}</th>
              <th scope="col">{t('tokens.prefix')}</th>
              <th scope="col">{t('tokens.created')}</th>
              <th scope="col">{t('tokens.lastUsed')}</th>
              <th scope="col">{t('users.status')}</th>
              <th scope="col">{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {props.tokens.map((k) => (
              <tr>
                <th scope="row">{k.name}</th>
                <td>
                  <code>{k.prefix}…</code>
                </td>
                <td>{formatDateTime(k.createdAt, c.var.locale)}</td>
                <td>{formatDateTime(k.lastUsedAt, c.var.locale)}</td>
                <td>{k.revokedAt ? t('tokens.revoked') : t('users.active')}</td>
                <td>
                  {!k.revokedAt && (
                    <form method="post" action={`/admin/users/${user.id}/tokens/${k.id}/revoke`}>
                      <CsrfField token={c.var.csrfToken} />
                      <Button variant="secondary" size="small">
                        {t('tokens.revoke')}
                        <span class="sr-only"> {k.name}</span>
                      </Button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

export function userPages(app: Hono<AppEnv>, deps: { users: UsersService }) {
  const { users } = deps;
  const offices = (c: AppContext): Promise<Offices> => users.officeOptions(c.var.actor, 'form');

  app.get('/admin/users', async (c) => {
    const q = c.req.query();
    const rows = await users.list(c.var.actor, {
      q: q.q?.slice(0, 50) || undefined,
      role: q.role || undefined,
      officeId: DB_ID.safeParse(q.officeId).data,
      includeInactive: q.inactive === 'on',
    });
    return c.html(<ListPage c={c} rows={rows} offices={await users.officeOptions(c.var.actor, 'filter')} filters={q} />);
  });

  app.get('/admin/users/new', async (c) => {
    return c.html(<UserForm c={c} user={null} values={{ role: 'clerk' }} offices={await offices(c)} />);
  });

  app.post('/admin/users/new', async (c) => {
    const values = await readForm(c);
    const result = await handleForm(c, () => users.create(c.var.actor, values, requestMeta(c)));
    if (!result.ok) return c.html(<UserForm c={c} user={null} values={values} offices={await offices(c)} errors={result.errors} message={result.message} />, 400);
    const { user, oneTimePassword } = result.value;
    return c.html(
      <SecretPage
        c={c}
        title={c.var.t('users.created', { login: user.login })}
        lead={c.var.t('users.createdLead')}
        secret={oneTimePassword}
        back={`/admin/users/${user.id}`}
      />,
      201,
    );
  });

  app.get('/admin/users/:id', async (c) => {
    const user = await users.get(c.var.actor, uuidParam(c));
    const values = { ...user, officeId: user.officeId ?? '' } as FormValues;
    const secondFactor = await users.secondFactorStatus(c.var.actor, user.id);
    return c.html(<UserForm c={c} user={user} values={values} offices={await offices(c)} secondFactor={secondFactor} />);
  });

  app.post('/admin/users/:id', async (c) => {
    const id = uuidParam(c);
    const user = await users.get(c.var.actor, id);
    const values = await readForm(c);
    const result = await handleForm(c, () => users.update(c.var.actor, id, values, requestMeta(c)));
    if (!result.ok) {
      const secondFactor = await users.secondFactorStatus(c.var.actor, id);
      return c.html(
        <UserForm c={c} user={user} values={values} offices={await offices(c)} errors={result.errors} message={result.message} secondFactor={secondFactor} />,
        400,
      );
    }
    return c.redirect(`/admin/users/${id}?notice=saved`, 303);
  });

  app.post('/admin/users/:id/reset-second-factor', async (c) => {
    const id = uuidParam(c);
    const values = await readForm(c);
    const result = await handleForm(c, () => users.resetSecondFactor(c.var.actor, id, values, requestMeta(c)));
    if (!result.ok) {
      const user = await users.get(c.var.actor, id);
      const secondFactor = await users.secondFactorStatus(c.var.actor, id);
      const formValues = { ...user, officeId: user.officeId ?? '' } as FormValues;
      return c.html(<UserForm c={c} user={user} values={formValues} offices={await offices(c)} secondFactor={secondFactor} resetErrors={result.errors} />, 400);
    }
    return c.redirect(`/admin/users/${id}?notice=secondFactorReset`, 303);
  });

  app.post('/admin/users/:id/reset-password', async (c) => {
    const id = uuidParam(c);
    const { oneTimePassword } = await users.resetPassword(c.var.actor, id, requestMeta(c));
    const user = await users.get(c.var.actor, id);
    return c.html(
      <SecretPage c={c} title={c.var.t('users.resetDone', { login: user.login })} lead={c.var.t('users.createdLead')} secret={oneTimePassword} back={`/admin/users/${id}`} />,
    );
  });

  app.get('/admin/users/:id/tokens', async (c) => {
    const id = uuidParam(c);
    const tokens = await users.listTokens(c.var.actor, id);
    const user = await users.get(c.var.actor, id);
    return c.html(<TokensPage c={c} user={user} tokens={tokens} />);
  });

  app.post('/admin/users/:id/tokens', async (c) => {
    const id = uuidParam(c);
    const values = await readForm(c);
    const result = await handleForm(c, () => users.issueToken(c.var.actor, id, values, requestMeta(c)));
    if (!result.ok) {
      const user = await users.get(c.var.actor, id);
      return c.html(<TokensPage c={c} user={user} tokens={await users.listTokens(c.var.actor, id)} values={values} errors={result.errors} />, 400);
    }
    return c.html(
      <SecretPage c={c} title={c.var.t('tokens.issued')} lead={c.var.t('tokens.issuedLead')} secret={result.value.token} back={`/admin/users/${id}/tokens`} />,
      201,
    );
  });

  app.post('/admin/users/:id/tokens/:tokenId/revoke', async (c) => {
    const id = uuidParam(c);
    await users.revokeToken(c.var.actor, id, uuidParam(c, 'tokenId'), requestMeta(c));
    return c.redirect(`/admin/users/${id}/tokens`, 303);
  });
}
