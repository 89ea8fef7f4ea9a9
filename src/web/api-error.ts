import { z } from '@hono/zod-openapi';

/**
 * The API's one error shape (docs/architecture.md §4). It lives in the web layer, not in the API
 * module, so every module's API routes can use it without importing the module that mounts them.
 */
export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'forbidden' }),
      message: z.string().openapi({ example: '이 작업을 할 권한이 없습니다.' }),
      issues: z.array(z.object({ path: z.string(), message: z.string() })),
      requestId: z.string().optional(),
    }),
  })
  .openapi('Error');
