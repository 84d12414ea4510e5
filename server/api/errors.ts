/**
 * Errors the API turns into clean JSON answers. Anything else is a 500 with a generic
 * message: a stack trace never reaches the user.
 */
import type { ErrorRequestHandler } from 'express';
import { ZodError } from 'zod';
import { InputError } from '../wfm/inputError.ts';

/**
 * An error whose message is safe to show, with the HTTP status to answer with (404, 413, …).
 * An invalid input is an InputError (server/wfm/inputError.ts), answered with 400.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** The field error, answered with 400 naming the field: `invalid from: expected YYYY-MM-DD`. */
export function badRequest(field: string, problem: string): InputError {
  return new InputError(field, problem);
}

/** The first zod issue as the field error (400) that names its field. */
export function fromZod(error: ZodError): InputError {
  const issue = error.issues[0]!;
  // An unknown key is reported on the object that holds it: name the key itself.
  const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
  const path = [...issue.path, ...keys.slice(0, 1)];
  const field = path.length ? path.join('.') : 'request';
  return badRequest(field, keys.length ? 'unknown field' : issue.message);
}

export const errorHandler: ErrorRequestHandler = (err, _req, res, _next) => {
  const e = err instanceof ZodError ? fromZod(err) : err;
  if (e instanceof InputError) {
    res.status(400).json({ error: e.message, field: e.field });
    return;
  }
  if (e instanceof HttpError) {
    res.status(e.status).json({ error: e.message, ...(e.field ? { field: e.field } : {}) });
    return;
  }
  if (e && typeof e === 'object' && 'type' in e && e.type === 'entity.parse.failed') {
    res.status(400).json({ error: 'invalid body: not valid JSON', field: 'body' });
    return;
  }
  // Log the error class and message only: messages from the engine may quote raw rows (PHI).
  console.error(`[staffcast] internal error: ${e instanceof Error ? e.name : typeof e}`);
  res.status(500).json({ error: 'internal error' });
};
