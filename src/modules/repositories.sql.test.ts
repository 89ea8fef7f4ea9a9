/**
 * Repository SQL reviewed like code (issue 10 §5): every method of every `*.repository.ts` under
 * src/modules is called against a database that only records what Kysely compiles, and the SQL is
 * kept in `__snapshots__/sql/<file>.sql`. A changed query changes that file, so it shows in the diff
 * and in review; run `npx vitest run src/modules/repositories.sql.test.ts -u` after a deliberate
 * change and read the diff. Nothing is hand-listed: the repositories are found on disk, their
 * methods on the objects their factories return, and each argument gets a sample value chosen by
 * its name (`sample` below); an object argument answers each property the same way.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import {
  CamelCasePlugin,
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
} from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DB } from '../db/schema.ts';

const FIXED_NOW = new Date('2026-11-30T01:02:03Z');

/** A driver that answers every query with one empty row (so a method goes on to its next query) and remembers what it was sent. */
class RecordingDriver implements Driver {
  readonly queries: CompiledQuery[] = [];
  async init() {}
  async acquireConnection(): Promise<DatabaseConnection> {
    const queries = this.queries;
    return {
      async executeQuery<R>(q: CompiledQuery): Promise<QueryResult<R>> {
        queries.push(q);
        return { rows: [{} as R] };
      },
      // eslint-disable-next-line require-yield
      async *streamQuery<R>(q: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
        queries.push(q);
      },
    };
  }
  async beginTransaction() {}
  async commitTransaction() {}
  async rollbackTransaction() {}
  async releaseConnection() {}
  async destroy() {}
}

const samples = new WeakSet<object>();

/**
 * A sample value for an argument (`top`) or a property, by its name: ids are numbers, instants the
 * fixed now, dates and months Korean calendar strings, lists have two items; an unknown argument is
 * an object answering each of its properties the same way, an unknown property a string.
 */
function sample(name: string, top = false): unknown {
  const n = name.replace(/[?\s]/g, '');
  if (top && n === 'q') return sampleObject();
  if (n === 'scope') return { kind: 'clerk', userId: 'u-sample', officeId: 1 };
  if (n === 'dims' || n === 'dimensions') return ['office', 'programme'];
  if (n === 'months') return ['2026-10', '2026-11'];
  if (n === 'fields' || n === 'columns') return ['ownerName', 'phone'];
  if (/^(from|start)$/.test(n)) return '2026-11-01';
  if (/^(to|end)$/.test(n)) return '2026-11-30';
  if (/^(at|now|before|after|since)$|At$|Until$/.test(n)) return FIXED_NOW;
  if (/^(today|date|on|day)$|On$/.test(n)) return '2026-11-30';
  if (/^month$/.test(n)) return '2026-11';
  if (/^(limit|offset|version|threshold|count|n|year|page|size)$|Attempts$|Minutes$|Hours$|Days$|Months$|Count$/.test(n)) return 10;
  if (/(^id|Id)$/.test(n)) return 1;
  if (/(^ids|Ids|codes|Codes|types|logins)$/.test(n)) return n.toLowerCase().includes('code') ? ['c-1', 'c-2'] : [1, 2];
  if (/^(login|text|url|q|query|name|code|hash|reason|status|kind|role|action|token|error|message|note)$|Hash$|Code$|Name$|Type$/.test(n))
    return `sample-${n}`;
  if (/^(rows|items|entries|list|quotas)$/.test(n)) return [sampleObject(), sampleObject()];
  // An argument is most often a row or a filter; a property of one most often a plain value.
  return top || /^(period|filters|scope|detail|facts|row|data|v|f)$/.test(n) ? sampleObject() : `sample-${n}`;
}

/** An object whose every property is `sample(property)`; it has no keys of its own (so `values(v)` writes none). */
function sampleObject(): object {
  const proxy: object = new Proxy(
    {},
    {
      get(_t, prop) {
        if (typeof prop === 'symbol') return prop === Symbol.toPrimitive ? () => 'sample' : undefined;
        if (prop === 'then' || prop === 'toJSON' || prop === 'toOperationNode' || prop === 'expressionType') return undefined;
        return sample(prop);
      },
      has: () => false,
      ownKeys: () => [],
    },
  );
  samples.add(proxy);
  return proxy;
}

/** The names of a function's parameters, from its source (TypeScript types are already gone). */
function parameterNames(fn: (...args: unknown[]) => unknown): string[] {
  const src = fn.toString();
  const open = src.indexOf('(');
  let depth = 0;
  let end = open;
  for (let i = open; i < src.length; i++) {
    if ('([{'.includes(src[i]!)) depth++;
    if (')]}'.includes(src[i]!)) depth--;
    if (depth === 0) {
      end = i;
      break;
    }
  }
  const names: string[] = [];
  let cur = '';
  depth = 0;
  for (const ch of src.slice(open + 1, end)) {
    if ('([{'.includes(ch)) depth++;
    if (')]}'.includes(ch)) depth--;
    if (ch === ',' && depth === 0) {
      names.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) names.push(cur);
  return names.map((p) => p.split('=')[0]!.trim()).map((p) => (p.startsWith('{') || p.startsWith('[') ? 'value' : p.replace(/^\.\.\./, '')));
}

function show(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object' && value !== null && samples.has(value)) return '<sample>';
  if (Array.isArray(value)) return `[${value.map(show).join(', ')}]`;
  if (typeof value === 'string') return JSON.stringify(value);
  if (value instanceof Uint8Array) return `<${value.length} bytes>`;
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

const modulesDir = import.meta.dirname;
const repositoryFiles = readdirSync(modulesDir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== '__snapshots__')
  .flatMap((d) => readdirSync(path.join(modulesDir, d.name)).filter((f) => f.endsWith('.repository.ts')).map((f) => `${d.name}/${f}`))
  .sort();

beforeAll(() => {
  vi.useFakeTimers({ now: FIXED_NOW, toFake: ['Date'] });
});
afterAll(() => {
  vi.useRealTimers();
});

describe('the SQL each repository method emits', () => {
  it('finds the repositories (a moved or renamed one must not silently drop out)', () => {
    expect(repositoryFiles.length).toBeGreaterThanOrEqual(24);
  });

  for (const file of repositoryFiles) {
    it(`${file}: every method's SQL matches __snapshots__/sql/${file.replace('/', '.').replace(/\.ts$/, '.sql')}`, async () => {
      const mod = (await import(/* @vite-ignore */ `./${file}`)) as Record<string, unknown>;
      const factories = Object.entries(mod).filter(([name, v]) => /^create\w*Repository$/.test(name) && typeof v === 'function');
      expect(factories.length, `${file} exports a create…Repository factory`).toBeGreaterThan(0);
      const out: string[] = [`-- ${file}: generated by src/modules/repositories.sql.test.ts (update with -u, then review the diff)`];
      const silent: string[] = [];
      for (const [factoryName, factory] of factories) {
        const repo = (factory as () => Record<string, unknown>)();
        for (const [method, fn] of Object.entries(repo).sort(([a], [b]) => a.localeCompare(b))) {
          if (typeof fn !== 'function') continue;
          const driver = new RecordingDriver();
          const db = new Kysely<DB>({
            dialect: {
              createAdapter: () => new PostgresAdapter(),
              createDriver: () => driver,
              createIntrospector: (k) => new PostgresIntrospector(k),
              createQueryCompiler: () => new PostgresQueryCompiler(),
            },
            plugins: [new CamelCasePlugin()],
          });
          const params = parameterNames(fn as (...args: unknown[]) => unknown);
          const args = params.map((p) => (p === 'db' || p === 'trx' || p === 'tx' ? db : sample(p, true)));
          let stopped = '';
          try {
            await (fn as (...a: unknown[]) => unknown).apply(repo, args);
          } catch (err) {
            // With no rows to read, a method that needs one stops here; what it sent until then is kept.
            stopped = err instanceof Error ? err.constructor.name : "error";
          }
          out.push('', `-- ${factoryName.replace(/^create|Repository$/g, '')}.${method}(${params.join(', ')})`);
          if (!driver.queries.length) silent.push(method);
          for (const q of driver.queries) {
            out.push(q.sql);
            if (q.parameters.length) out.push(`--   parameters: ${q.parameters.map(show).join(', ')}`);
          }
          if (stopped) out.push(`--   (stops without a row: ${stopped})`);
        }
      }
      out.push('');
      // A method that sends nothing is either not a query (then it does not belong here) or its sample arguments are wrong.
      expect(silent, `${file}: methods that sent no SQL`).toEqual([]);
      await expect(out.join('\n')).toMatchFileSnapshot(`./__snapshots__/sql/${file.replace('/', '.').replace(/\.ts$/, '.sql')}`);
    });
  }
});
