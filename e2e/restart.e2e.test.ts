import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore, startServer, type RunningServer, type Store } from './server.ts';
import { adminCredentials, createAccount, E2E, h1, msg, navigate, signIn, type Credentials } from './support.ts';

/**
 * Restart persistence and graceful shutdown: data written before a SIGTERM is there after the
 * next start on the same data directory / database, sessions survive, and the demo is not loaded
 * a second time.
 */
let store: Store;
let first: RunningServer;
let second: RunningServer | undefined;
let e2e: E2E;
let admin: Credentials;

beforeAll(async () => {
  store = await createStore();
  first = await startServer({ store });
  e2e = await E2E.start(first);
  admin = await adminCredentials(e2e);
});

afterAll(async () => {
  await e2e?.close();
  await second?.stop().catch(() => undefined);
  await store?.dispose();
});

describe('restart', () => {
  const login = 'e2e-persisted';
  const name = '재시작 확인 (시험)';

  it('keeps what was written before SIGTERM, and the demo is loaded once', async () => {
    const page = await e2e.newPage();
    await signIn(page, e2e.origin, admin);
    const otp = await createAccount(page, e2e.origin, { login, name, role: 'saeil_counsellor' });
    expect(otp).not.toBe('');

    if (store.kind === 'pglite') expect(first.output()).toMatch(/데이터\s*를 불러왔습니다/);
    // Graceful shutdown: SIGTERM → exit code 0 (stop() throws otherwise).
    expect(await first.stop()).toBe(0);
    expect(first.output()).toContain('"msg":"stopped cleanly"');

    second = await startServer({ store });
    e2e.useServer(second);
    expect(second.origin).not.toBe(first.origin); // a new process on a new free port
    if (store.kind === 'pglite') {
      expect(second.output()).toMatch(/데이터\s*사용 중/);
      expect(second.output()).not.toMatch(/불러왔습니다/);
      expect(second.output()).not.toContain('"applied"'); // no migration ran twice
    }

    // The session made before the restart is still valid (sessions live in the database).
    await page.goto(e2e.url('/home'));
    expect(new URL(page.url()).pathname).toBe('/home');

    await page.goto(e2e.url(`/admin/users?q=${login}`));
    const rows = page.locator('table tbody tr');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().innerText()).toContain(name);

    if (store.kind === 'pglite') {
      // Eight demo accounts, not sixteen.
      await page.goto(e2e.url('/admin/users?q=demo-'));
      expect(await page.locator('table caption').innerText()).toBe(msg('users.count', { n: 8 }));
      await page.goto(e2e.url('/admin/org'));
      expect(await page.locator('table').nth(1).locator('tbody tr').count()).toBe(8);
    }

    // The new account can sign in with its one-time password after the restart.
    const fresh = await e2e.newPage();
    await signIn(fresh, e2e.origin, { login, password: otp });
    expect(new URL(fresh.url()).pathname).toBe('/password');
    expect(await h1(fresh)).toBe(msg('password.title'));
    await fresh.context().close();

    await navigate(page, page.locator('form[action="/logout"] button[type="submit"]'));
    await page.context().close();
  });

  it('shuts down cleanly again with SIGTERM', async () => {
    expect(await second!.stop()).toBe(0);
  });

  it('every request went to the app itself', () => {
    expect(e2e.foreignRequests()).toEqual([]);
  });
});
