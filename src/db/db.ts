import type { Kysely, Transaction } from 'kysely';
import type { DB } from './schema.ts';

/** A database handle or an open transaction: every repository method takes one, so a service decides the transaction. */
export type Db = Kysely<DB> | Transaction<DB>;
