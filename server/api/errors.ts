/**
 * Errors the API turns into clean JSON answers. Anything else is a 500 with a generic
 * message: a stack trace never reaches the user.
 */
import type { ErrorRequestHandler } from 'express';
import { ZodError } from 'zod';
import { InputError } from '../wfm/inputError.ts';
import { JSON_BODY_LIMIT } from './limits.ts';

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

/**
 * The body reader's (body-parser, raw-body) errors, by their `type`, with our own message:
 * theirs can quote the body or a charset. Any other client error it raises is a 400.
 */
const BODY_ERRORS: Record<string, { status: number; error: string; field: string }> = {
  'entity.parse.failed': { status: 400, error: 'invalid body: not valid JSON', field: 'body' },
  'entity.too.large': { status: 413, error: `body too large: the limit is ${JSON_BODY_LIMIT} of JSON`, field: 'body' },
  'encoding.unsupported': { status: 415, error: 'unsupported content-encoding: expected identity, gzip, deflate or br', field: 'content-encoding' },
  'charset.unsupported': { status: 415, error: 'unsupported charset: send JSON as UTF-8', field: 'content-type' },
  'request.aborted': { status: 400, error: 'invalid body: the request was aborted', field: 'body' },
  'request.size.invalid': { status: 400, error: 'invalid body: shorter than its Content-Length', field: 'body' },
};

function bodyParserAnswer(e: unknown): { status: number; error: string; field: string } | null {
  if (!e || typeof e !== 'object') return null;
  const type = 'type' in e && typeof e.type === 'string' ? e.type : undefined;
  if (type && BODY_ERRORS[type]) return BODY_ERRORS[type];
  const status = 'status' in e && typeof e.status === 'number' ? e.status : undefined;
  // A corrupt gzip body, for one: a client error without a known type.
  if (status !== undefined && status >= 400 && status < 500) return { status: 400, error: 'invalid body: it could not be read (corrupt or mislabelled encoding?)', field: 'body' };
  return null;
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
  const parser = bodyParserAnswer(e);
  if (parser) {
    res.status(parser.status).json({ error: parser.error, field: parser.field });
    return;
  }
  // Log the error class and message only: messages from the engine may quote raw rows (PHI).
  console.error(`[staffcast] internal error: ${e instanceof Error ? e.name : typeof e}`);
  res.status(500).json({ error: 'internal error' });
};
