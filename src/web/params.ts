import { z } from 'zod';
import { DB_ID } from '../validation.ts';
import type { AppContext } from './context.ts';

/**
 * Path parameters, read in one place (issue 14 §1: `/programmes/2147483648` reached PostgreSQL and
 * gave a 500). Numeric ids are PostgreSQL `integer`s: 1..2147483647 (DB_ID).
 */
const UUID = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);

/**
 * A numeric id from the path, or -1 when the parameter is not one (beyond the integer range,
 * negative, fractional, not a number): the service authorizes first and then answers "not found",
 * so a caller without the right learns nothing from the shape of the URL.
 */
export function idParam(c: AppContext, name = 'id'): number {
  const r = DB_ID.safeParse(c.req.param(name));
  return r.success ? r.data : -1;
}

/** The uuid no row has: what uuidParam gives for anything that is not a uuid. */
export const NO_UUID = '00000000-0000-0000-0000-000000000000';

/** A uuid from the path, or NO_UUID when the parameter is not one (authorize first, then "not found", as idParam). */
export function uuidParam(c: AppContext, name = 'id'): string {
  const r = UUID.safeParse(c.req.param(name));
  return r.success ? r.data : NO_UUID;
}
