import type { Hono } from 'hono';
import type { Role } from '../../domain/roles.ts';
import { UnauthenticatedError } from '../../errors.ts';
import type { AppContext, AppEnv } from '../../web/context.ts';
import { Layout, Notice, PageHeader } from '../../web/layout.tsx';
import { navigationFor } from '../../web/navigation.ts';

/**
 * Each role lands on its own home: what the role is for in the programme (DOMAIN.md, "People"),
 * what it can see, and where to go. Features arrive with later issues; only working links appear.
 */
const ROLE_POINTS: Record<Role, string[]> = {
  owner: ['home.owner.1', 'home.owner.2', 'home.owner.3'],
  clerk: ['home.clerk.1', 'home.clerk.2', 'home.clerk.3'],
  office_lead: ['home.office_lead.1', 'home.office_lead.2', 'home.office_lead.3'],
  operator: ['home.operator.1', 'home.operator.2', 'home.operator.3'],
  province: ['home.province.1', 'home.province.2', 'home.province.3'],
  saeil_counsellor: ['home.saeil_counsellor.1', 'home.saeil_counsellor.2', 'home.saeil_counsellor.3'],
  catalog_editor: ['home.catalog_editor.1', 'home.catalog_editor.2', 'home.catalog_editor.3'],
  admin: ['home.admin.1', 'home.admin.2', 'home.admin.3'],
};

function HomePage({ c }: { c: AppContext }) {
  const t = c.var.t;
  const actor = c.var.actor!;
  const links = navigationFor(actor).filter((n) => n.href !== '/home');
  const notice = c.req.query('notice');
  return (
    <Layout c={c} title={t(`home.${actor.role}.title`)}>
      {notice === 'passwordChanged' && <Notice kind="success">{t('password.changed')}</Notice>}
      <PageHeader
        title={t(`home.${actor.role}.title`)}
        lead={t('home.greeting', { name: actor.displayName, role: t(`role.${actor.role}`) })}
      />
      <section aria-labelledby="role-scope">
        <h2 id="role-scope" class="itda-h2">
          {t('home.scopeTitle')}
        </h2>
        <ul class="itda-card-grid">
          {ROLE_POINTS[actor.role].map((k) => (
            <li class="itda-card">
              <p>{t(k)}</p>
            </li>
          ))}
        </ul>
      </section>
      {links.length > 0 && (
        <section aria-labelledby="role-links">
          <h2 id="role-links" class="itda-h2">
            {t('home.linksTitle')}
          </h2>
          <ul class="itda-card-grid">
            {links.map((l) => (
              <li class="itda-card">
                <a href={l.href}>{t(l.labelKey)}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </Layout>
  );
}

function PrivacyPage({ c }: { c: AppContext }) {
  const t = c.var.t;
  return (
    <Layout c={c} title={t('privacy.title')}>
      <PageHeader title={t('privacy.title')} lead={t('privacy.lead')} />
      <ul>
        <li>{t('privacy.controller')}</li>
        <li>{t('privacy.processor')}</li>
        <li>{t('privacy.noRrn')}</li>
        <li>{t('privacy.records')}</li>
      </ul>
    </Layout>
  );
}

export function homePages(app: Hono<AppEnv>, _deps: unknown) {
  app.get('/home', (c) => {
    if (!c.var.actor) throw new UnauthenticatedError();
    return c.html(<HomePage c={c} />);
  });
  app.get('/privacy', (c) => c.html(<PrivacyPage c={c} />));
}
