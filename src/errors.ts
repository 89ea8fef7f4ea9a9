/**
 * Domain errors. Services throw these; one handler (src/web/error-handler.tsx) maps them to an
 * HTML page or the API's `{ error: { code, message, issues } }`. `messageKey` is a key of the
 * message catalogue so the user sees the text in their language.
 */
export interface FieldIssue {
  path: string;
  messageKey: string;
  params?: Record<string, string | number>;
}

export abstract class DomainError extends Error {
  abstract readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 429;
  abstract readonly code: string;
  constructor(
    readonly messageKey: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(messageKey);
    this.name = new.target.name;
  }
}

export class InvalidError extends DomainError {
  readonly status = 400;
  readonly code = 'invalid';
  constructor(
    messageKey = 'error.invalid',
    readonly issues: FieldIssue[] = [],
    params: Record<string, string | number> = {},
  ) {
    super(messageKey, params);
  }
}
export class UnauthenticatedError extends DomainError {
  readonly status = 401;
  readonly code = 'unauthenticated';
  constructor(messageKey = 'error.unauthenticated') {
    super(messageKey);
  }
}
export class ForbiddenError extends DomainError {
  readonly status = 403;
  readonly code = 'forbidden';
  constructor(messageKey = 'error.forbidden') {
    super(messageKey);
  }
}
export class NotFoundError extends DomainError {
  readonly status = 404;
  readonly code = 'not_found';
  constructor(messageKey = 'error.notFound') {
    super(messageKey);
  }
}
export class ConflictError extends DomainError {
  readonly status = 409;
  readonly code = 'conflict';
  constructor(messageKey = 'error.conflict', params: Record<string, string | number> = {}) {
    super(messageKey, params);
  }
}

/** Too many requests from one address (the public forms and API, issue 13 §1). */
export class TooManyRequestsError extends DomainError {
  readonly status = 429;
  readonly code = 'too_many_requests';
  constructor(
    readonly retryAfterSeconds: number,
    messageKey = 'error.tooManyRequests',
  ) {
    super(messageKey, { minutes: Math.max(1, Math.ceil(retryAfterSeconds / 60)) });
  }
}
