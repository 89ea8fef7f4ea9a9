import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Config } from '../config.ts';
import { Gate, PGliteDialect } from './pglite-dialect.ts';
import { templateFile } from './migrate.ts';
import type { DB } from './schema.ts';

/** What pg-boss needs: run SQL (multi-statement text when parameterless). */
export interface SqlExecutor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Kysely<DB>;
  /** For pg-boss: on PGlite through the same gate as Kysely. */
  executor: SqlExecutor;
  /**
   * Bulk load: `target` is `table (col, …)`, `chunks` are lines in COPY text format (tab-separated,
   * `\N` for NULL, each line ending in a newline). PostgreSQL streams them through `COPY … FROM
   * STDIN` (pg-copy-streams) on a connection of its own; PGlite loads them in blocks of about 4 MB
   * through `COPY … FROM '/dev/blob'` (2.5× faster than batched INSERTs, measured). Memory stays
   * bounded on both. Not inside the caller's transaction: load into a staging table, then merge.
   */
  copyIn(target: string, chunks: AsyncIterable<string>): Promise<void>;
  /** PGlite only: the whole database as a tarball, for `openDatabase(…, { loadDataDir })`. */
  snapshot?: () => Promise<Blob>;
  close(): Promise<void>;
}

// Same value types on both databases: bigint counts as numbers (all ours stay far below 2^53),
// `date` as the plain 'YYYY-MM-DD' text (no time-zone shift), numeric as exact text.
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;

/** Statements named per connection at most (the app has a few hundred distinct queries). */
const NAMED_PER_CONNECTION = 1_000;
/** Longer statements, or with more parameters (bulk inserts, long IN lists), stay unnamed. */
const NAMED_MAX_TEXT = 8_192;
const NAMED_MAX_PARAMETERS = 64;
const statementNames = new Map<string, string>();
const NAMED = Symbol('itda.namedStatements');
/** PostgreSQL's refusal to run a prepared statement whose table changed its columns (SQLSTATE 0A000). */
const STALE_PLAN = /cached plan must not change result type/;

/**
 * The app's queries as named prepared statements on each pooled PostgreSQL connection, so the server
 * parses and plans each one once per connection instead of on every execution (Parse + plan were
 * about half of PostgreSQL's time on the clerk home and the business page: issue 12 §4, measured
 * with log_min_duration_statement). Kysely sends `client.query(text, values)`; pg skips the Parse of
 * a statement whose name it has already prepared on that connection (pg/lib/query.js). Names are
 * a hash of the text. Statements without parameters other than SELECT (BEGIN, COMMIT, DDL), long or with many
 * parameters (bulk inserts, one text per row count) stay unnamed, and each connection names at most
 * NAMED_PER_CONNECTION, so the server's memory per connection stays bounded. Migrations run before
 * the pool serves the app; a table changed under a prepared statement later (another instance migrating while
 * this one serves) makes the connection prepare its statements afresh (see STALE_PLAN).
 */
function withNamedStatements(client: pg.PoolClient): pg.PoolClient {
  const c = client as pg.PoolClient & { [NAMED]?: Set<string> };
  if (c[NAMED]) return client;
  const named = new Set<string>();
  c[NAMED] = named;
  /** Bumped when a table changed under this connection's statements: their names start afresh. */
  let generation = 0;
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  client.query = ((text: unknown, values?: unknown, ...rest: unknown[]) => {
    // Only Kysely's form, (text, values) returning a promise: pg.Pool's own query (pg-boss, the
    // backup) passes a callback, and COPY passes a stream; those go through as they came.
    if (
      rest.length === 0 &&
      typeof text === 'string' &&
      Array.isArray(values) &&
      (values.length > 0 || /^\s*select\b/i.test(text)) &&
      values.length <= NAMED_MAX_PARAMETERS &&
      text.length <= NAMED_MAX_TEXT &&
      (named.has(text) || named.size < NAMED_PER_CONNECTION)
    ) {
      let name = statementNames.get(text);
      if (name === undefined) {
        name = `itda_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
        if (statementNames.size < 10 * NAMED_PER_CONNECTION) statementNames.set(text, name);
      }
      named.add(text);
      const run = query({ name: generation ? `${name}_${generation}` : name, text, values }) as Promise<pg.QueryResult>;
      return run.catch((err: unknown) => {
        if (!(err instanceof Error && (err as { code?: string }).code === '0A000' && STALE_PLAN.test(err.message))) throw err;
        // A table changed under a statement this connection prepared (a migration run by another
        // instance while this one serves, or DDL by hand): prepare every statement afresh under new
        // names. Outside a transaction the failed statement did nothing, so it runs again now;
        // inside one, the transaction has failed and the caller's next one prepares afresh.
        generation++;
        named.clear();
        if (client.getTransactionStatus() === 'I') return client.query(text, values as unknown[]);
        throw err;
      });
    }
    return query(text, values, ...rest);
  }) as typeof client.query;
  return client;
}

/**
 * Opens the database. On PGlite, `loadDataDir` starts from a snapshot made by `snapshot()` (the
 * tests migrate once and start every file's database from it instead of migrating again).
 */
export async function openDatabase(database: Config['database'], onIdleError?: (err: Error) => void, opts: { loadDataDir?: Blob } = {}): Promise<Database> {
  const plugins = [new CamelCasePlugin()];
  if (database.kind === 'postgres') {
    const pool = new pg.Pool({
      connectionString: database.url,
      max: 10,
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
          if (oid === INT8) return (v: string) => Number(v);
          if (oid === NUMERIC || oid === DATE) return (v: string) => v;
          return pg.types.getTypeParser(oid, format) as (v: string) => unknown;
        }) as typeof pg.types.getTypeParser,
      },
    });
    // An idle pooled connection can be cut by the server (restart, failover, DROP DATABASE … FORCE).
    // pg then emits 'error' on the pool; unhandled, that would crash the process. The broken
    // client is already removed from the pool and the next query opens a new connection.
    pool.on('error', (err) => onIdleError?.(err));
    const db = new Kysely<DB>({
      dialect: new PostgresDialect({ pool: { connect: async () => withNamedStatements(await pool.connect()), end: () => pool.end() } }),
      plugins,
    });
    return {
      kind: 'postgres',
      db,
      executor: {
        async executeSql(text, values) {
          const res = await pool.query(text, values);
          return { rows: res.rows };
        },
      },
      async copyIn(target, chunks) {
        const client = await pool.connect();
        try {
          await pipeline(Readable.from(chunks), client.query(copyFrom(`COPY ${target} FROM STDIN`)));
        } finally {
          client.release();
        }
      },
      async close() {
        await db.destroy();
      },
    };
  }

  const dataDir = database.dataDir;
  if (dataDir !== 'memory://') mkdirSync(dataDir, { recursive: true });
  const parsers = {
    [INT8]: (v: string) => Number(v),
    [NUMERIC]: (v: string) => v,
    [DATE]: (v: string) => v,
  };
  // A folder without a database in it starts from the migrated template when there is one (src/db/template.ts).
  const loadDataDir = opts.loadDataDir ?? (dataDir !== 'memory://' && !existsSync(path.join(dataDir, 'PG_VERSION')) ? readTemplate() : undefined);
  const pglite = new PGlite(dataDir === 'memory://' ? undefined : dataDir, { parsers, ...(loadDataDir ? { loadDataDir } : {}) });
  await pglite.waitReady;
  const gate = new Gate();
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite, gate, parsers), plugins });
  return {
    kind: 'pglite',
    db,
    executor: {
      executeSql(text, values) {
        return gate.run(async () => {
          if (!values || values.length === 0) {
            const results = await pglite.exec(text, { parsers });
            return { rows: results[results.length - 1]?.rows ?? [] };
          }
          const res = await pglite.query(text, values, { parsers });
          return { rows: res.rows };
        });
      },
    },
    async copyIn(target, chunks) {
      const BLOCK = 4 * 1024 * 1024;
      let parts: string[] = [];
      let size = 0;
      const flush = async () => {
        if (!parts.length) return;
        const blob = new Blob(parts);
        parts = [];
        size = 0;
        await gate.run(() => pglite.query(`COPY ${target} FROM '/dev/blob'`, [], { blob }));
      };
      for await (const chunk of chunks) {
        parts.push(chunk);
        size += chunk.length;
        if (size >= BLOCK) await flush();
      }
      await flush();
    },
    snapshot: () => gate.run(() => pglite.dumpDataDir('none')),
    async close() {
      await db.destroy();
    },
  };
}

/** The migrated template for the current migrations, if `npm install` or a test run made it. */
function readTemplate(): Blob | undefined {
  const file = templateFile();
  return existsSync(file) ? new Blob([readFileSync(file)]) : undefined;
}
