import { z } from 'zod';

const blank = (v: unknown) => ((typeof v === 'string' && v.trim() === '') || v === undefined ? null : v);

/** The registry list's query (GET /stores): search text, one 시·군, closed shops too, page. */
export const StoreListQuery = z.object({
  q: z.preprocess(blank, z.string().trim().max(50, 'validation.tooLong').nullable()).default(null),
  municipality: z.preprocess(blank, z.string().regex(/^\d{5}$/).nullable().catch(null)).default(null),
  closed: z.preprocess((v) => v === '1' || v === 'on' || v === true, z.boolean()).default(false),
  page: z.preprocess((v) => (blank(v) === null ? 1 : v), z.coerce.number().int().min(1).max(1000).catch(1)).default(1),
});
export type StoreListQuery = z.infer<typeof StoreListQuery>;

/** A 상가업소번호 in a path or form (the publisher's ids are letters and digits). */
export const StoreId = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/);
