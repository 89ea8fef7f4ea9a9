import type { Child } from 'hono/jsx';
import { htmlLang, LOCALES, STAFF_LOCALES } from '../i18n/i18n.ts';
import type { AppContext } from './context.ts';
import { getCookie } from 'hono/cookie';
import { ownerFacing, TEXT_SIZE_COOKIE } from './middleware.ts';
import { navigationFor } from './navigation.ts';
import { raw } from 'hono/html';
import { LRUCache } from 'lru-cache';
import { interleave, ownBytes, PAGE_CACHE_TTL_MS } from './page-cache.ts';

export const ASSET_VERSION = '6';

interface LayoutProps {
  c: AppContext;
  title: string;
  children: Child;
  /** Breadcrumb-less pages (sign-in, errors) hide the role navigation. */
  bare?: boolean;
}

/** Where the page's own content goes in a kept frame, and where the CSRF token was (neither can be page text). */
const CONTENT = '\u0000content\u0000';
const TOKEN = '\u0000csrf\u0000';

/**
 * Rendered frames, kept per process: the frame is the same for every view of one address by one
 * person in one language, and rendering it was a fifth of a signed-in page's CPU (issue 12 §4).
 * The key holds everything the frame reads (see `frameFor`); the session's CSRF token is put back
 * on every view. Bounded in entries (an address with a query is a new entry) and in time, like
 * the kept page bodies: a frame holds the signed-in user's name.
 */
const frames = new LRUCache<string, KeptFrame>({ max: 5_000, ttl: PAGE_CACHE_TTL_MS });

/** A kept frame: the HTML before and after the page's content, each cut where the token goes; its bytes made on first use. */
interface KeptFrame {
  head: string[];
  tail: string[];
  bytes?: { head: Buffer[]; tail: Buffer[] };
}

/**
 * The frame for this request (see `frames`), or undefined when it renders asynchronously (it never
 * does: a frame is plain elements; were it to, the caller renders it whole each time).
 */
function frameFor(c: AppContext, title: string, bare: boolean | undefined, large: boolean): KeptFrame | undefined {
  const actor = c.get('actor');
  // Everything Frame reads: the language, the address (path and query), the text size, the title,
  // whether the navigation shows, and who is signed in (the navigation follows the role alone,
  // auth.policy.ts `can`).
  const key = JSON.stringify([c.get('locale'), c.req.url, large, title, bare === true, actor?.userId, actor?.displayName, actor?.role]);
  let frame = frames.get(key);
  if (!frame) {
    const node = Frame({ c, title, bare, large, csrfToken: TOKEN, children: raw(CONTENT) }) as { toString(): string | Promise<string> };
    const html = node.toString();
    if (typeof html !== 'string') return undefined;
    const at = html.indexOf(CONTENT);
    // Kept cut where the token goes: a view joins the pieces with its own token.
    frame = { head: html.slice(0, at).split(TOKEN), tail: html.slice(at + CONTENT.length).split(TOKEN) };
    frames.set(key, frame);
  }
  return frame;
}

/** A signed-in page holds personal data: no copy in the browser cache (see `Layout`). */
function noStoreWhenSignedIn(c: AppContext) {
  if (c.get('actor')) c.header('Cache-Control', 'no-store');
}

/**
 * The page frame: KRDS skip link, header with the language switcher and the signed-in user,
 * role navigation, main, footer. Works without JavaScript: every control is a link or a form.
 */
export function Layout({ c, title, children, bare }: LayoutProps) {
  // A signed-in page holds personal data: no copy in the browser cache, so after sign-out the
  // Back button cannot show it again (KISA 웹 취약점 점검: 캐시 통한 정보 노출).
  noStoreWhenSignedIn(c);
  const large = largeText(c);
  const frame = frameFor(c, title, bare, large);
  if (!frame)
    return (
      <Frame c={c} title={title} bare={bare} large={large} csrfToken={c.get('csrfToken')}>
        {children}
      </Frame>
    );
  const token = c.get('csrfToken');
  return (
    <>
      {raw(frame.head.join(token))}
      {children}
      {raw(frame.tail.join(token))}
    </>
  );
}

/**
 * A whole page answered as bytes: the kept frame's and the content's pieces, with this view's
 * token, joined once and sent as they are (issue 12 §4). `Layout` with `c.html` makes the same page
 * as text: it joins the frame and a kept body of 60 KB into one string and encodes it again on every
 * view, which made most of a kept view's garbage. `content`: text (rendered per view, encoded here)
 * or bytes (a kept body's `chunks`, src/web/page-cache.ts).
 */
export function pageResponse(
  c: AppContext,
  title: string,
  content: readonly (string | Uint8Array)[],
  opts: { bare?: boolean } = {},
): Response | Promise<Response> {
  noStoreWhenSignedIn(c);
  const large = largeText(c);
  const frame = frameFor(c, title, opts.bare, large);
  if (!frame) {
    const text = content.map((x) => (typeof x === 'string' ? x : Buffer.from(x).toString('utf8'))).join('');
    return c.html(
      <Frame c={c} title={title} bare={opts.bare} large={large} csrfToken={c.get('csrfToken')}>
        {raw(text)}
      </Frame>,
    );
  }
  frame.bytes ??= { head: frame.head.map(ownBytes), tail: frame.tail.map(ownBytes) };
  const token = Buffer.from(c.get('csrfToken'), 'utf8');
  const chunks = interleave([], frame.bytes.head, token);
  for (const x of content) chunks.push(typeof x === 'string' ? Buffer.from(x, 'utf8') : x);
  interleave(chunks, frame.bytes.tail, token);
  return c.body(Buffer.concat(chunks), 200, { 'Content-Type': 'text/html; charset=UTF-8' });
}

/** Large text: the link sets it (and the cookie) on this very request, the cookie on later ones. */
function largeText(c: AppContext): boolean {
  const textAsked = c.req.query('text');
  return textAsked ? textAsked === 'large' : getCookie(c, TEXT_SIZE_COOKIE) === 'large';
}

function Frame({ c, title, children, bare, large, csrfToken }: LayoutProps & { large: boolean; csrfToken: string }) {
  const t = c.get('t');
  const actor = c.get('actor');
  const nav = bare ? [] : navigationFor(actor);
  const path = new URL(c.req.url).pathname;
  const lang = c.get('locale');
  // Owner pages offer all four languages; staff pages the full-coverage ones (src/i18n/i18n.ts).
  const offered = ownerFacing(path, actor) ? LOCALES : STAFF_LOCALES;
  // The switch comes back to this very page (a self-check screen keeps its answers), minus any ?lang=.
  const params = new URL(c.req.url).searchParams;
  params.delete('lang');
  const here = params.size ? `${path}?${params}` : path;
  params.delete('text');
  params.set('text', large ? 'normal' : 'large');
  const textToggle = `${path}?${params}`;
  return (
    <html lang={htmlLang(lang)} class={large ? 'itda-text-large' : undefined}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} | ${t('app.name')}`}</title>
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href={`/static/krds/cdn/krds.min.css?v=${ASSET_VERSION}`} />
        <link rel="stylesheet" href={`/static/app.css?v=${ASSET_VERSION}`} />
        <script src={`/static/app.js?v=${ASSET_VERSION}`} defer></script>
      </head>
      <body>
        <div id="krds-skip-link">
          <a href="#main-content">{t('layout.skipToContent')}</a>
        </div>
        <div id="wrap">
          <header id="krds-header" class="itda-header">
            <div class="itda-header-inner">
              <a href={actor ? '/home' : '/'} class="itda-brand">
                <span class="itda-brand-mark" aria-hidden="true">
                  잇
                </span>
                <span class="itda-brand-text">
                  <strong>{t('app.name')}</strong>
                  <span class="itda-brand-sub">{t('app.tagline')}</span>
                </span>
              </a>
              <div class="itda-utility">
                <a href={textToggle} class="krds-btn small text itda-text-toggle" aria-pressed={large ? 'true' : 'false'} role="button">
                  {large ? t('layout.textNormal') : t('layout.textLarge')}
                </a>
                <form method="post" action="/locale" class="krds-language itda-language">
                  <input type="hidden" name="_csrf" value={csrfToken} />
                  <input type="hidden" name="returnTo" value={here} />
                  <span class="sr-only">{t('layout.language')}</span>
                  {offered.map((l) => (
                    <button
                      type="submit"
                      name="locale"
                      value={l.code}
                      lang={l.htmlLang}
                      class={l.code === lang ? 'krds-btn small text active' : 'krds-btn small text'}
                      aria-current={l.code === lang ? 'true' : undefined}
                    >
                      {l.label}
                    </button>
                  ))}
                </form>
                {actor && (
                  <div class="itda-user">
                    <span class="itda-user-name">
                      {actor.displayName} <span class="itda-role">({t(`role.${actor.role}`)})</span>
                    </span>
                    <form method="post" action="/logout">
                      <input type="hidden" name="_csrf" value={csrfToken} />
                      <button type="submit" class="krds-btn small secondary">
                        {t('auth.signOut')}
                      </button>
                    </form>
                  </div>
                )}
              </div>
            </div>
            {nav.length > 0 && (
              <nav class="itda-nav" aria-label={t('layout.mainNav')}>
                <ul>
                  {nav.map((n) => {
                    const current = path === n.href || (n.href !== '/home' && path.startsWith(`${n.href}/`));
                    return (
                      <li>
                        <a href={n.href} aria-current={current ? 'page' : undefined}>
                          {t(n.labelKey)}
                        </a>
                      </li>
                    );
                  })}
                </ul>
              </nav>
            )}
          </header>
          <main id="main-content" class="itda-main" tabindex={-1}>
            {children}
          </main>
          <footer id="krds-footer" class="itda-footer">
            <div class="itda-footer-inner">
              <p class="itda-footer-org">{t('layout.footerOrg')}</p>
              <p>{t('layout.footerProcessor')}</p>
              <p class="itda-footer-links">
                <a href="/privacy">{t('layout.privacyPolicy')}</a>
              </p>
              <p class="f-copy">© 2026 {t('app.name')}</p>
            </div>
          </footer>
        </div>
      </body>
    </html>
  );
}

/** A page heading block with optional lead text. */
export function PageHeader(props: { title: string; lead?: string; children?: Child }) {
  return (
    <div class="itda-page-header">
      <h1 class="itda-h1">{props.title}</h1>
      {props.lead && <p class="itda-lead">{props.lead}</p>}
      {props.children}
    </div>
  );
}

/** A notice line that says the data shown is demo/sample data (non-negotiable 3). */
export function DemoBadge(props: { label: string }) {
  return <span class="krds-badge itda-demo-badge">{props.label}</span>;
}

export function Notice(props: { kind: 'info' | 'success' | 'warning' | 'danger'; children: Child; role?: 'status' | 'alert' }) {
  return (
    <div class={`itda-notice itda-notice-${props.kind}`} role={props.role ?? 'status'}>
      {props.children}
    </div>
  );
}
