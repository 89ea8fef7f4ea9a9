import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import type { AppEnv } from './context.ts';

/**
 * Assets served by Itda itself: no CDN, no request leaves the machine (non-negotiable 7).
 * KRDS's stylesheet points its icons at www.krds.go.kr; those URLs are rewritten to the copies
 * shipped in the npm package. Its fonts are declared in our app.css from the same package.
 */
const require = createRequire(import.meta.url);
const KRDS_ROOT = path.join(path.dirname(require.resolve('krds-uiux/package.json')), 'resources');
const OWN_ROOT = fileURLToPath(new URL('./assets/', import.meta.url));
/** The Han font of the printed papers, also the web fallback for Chinese pages (fonts/README.md). */
const FONTS_ROOT = fileURLToPath(new URL('./fonts/', import.meta.url));

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
};

export function rewriteKrdsCss(css: string): string {
  return css.replace(/https?:\/\/www\.krds\.go\.kr\/resources\//g, '/static/krds/');
}

function resolveInside(root: string, rel: string): string | null {
  const full = path.resolve(root, `.${path.posix.normalize(`/${rel}`)}`);
  return full.startsWith(root) ? full : null;
}

export function staticRoutes(app: Hono<AppEnv>) {
  const cache = new Map<string, { body: Uint8Array; type: string }>();
  const serve = (root: string, transform?: (p: string, s: string) => string) => async (c: import('hono').Context<AppEnv>) => {
    const rel = c.req.path.replace(/^\/static\/(krds\/|fonts\/)?/, '');
    const file = resolveInside(root, decodeURIComponent(rel));
    const ext = file ? path.extname(file) : '';
    const type = TYPES[ext];
    if (!file || !type) return c.notFound();
    let hit = cache.get(file);
    if (!hit) {
      try {
        let body: Uint8Array = await readFile(file);
        if (transform && ext === '.css') body = Buffer.from(transform(file, Buffer.from(body).toString('utf8')));
        hit = { body, type };
        cache.set(file, hit);
      } catch {
        return c.notFound();
      }
    }
    c.header('content-type', hit.type);
    c.header('cache-control', 'public, max-age=3600');
    return c.body(hit.body as Uint8Array<ArrayBuffer>);
  };
  app.get('/static/krds/*', serve(KRDS_ROOT, (_p, s) => rewriteKrdsCss(s)));
  app.get('/static/fonts/*', serve(FONTS_ROOT));
  app.get('/static/*', serve(OWN_ROOT));
}
