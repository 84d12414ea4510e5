/**
 * Request limits: every request is bounded before a route sees it (docs/reliability.md has
 * the table). Each refusal names what was too large, never echoes the value.
 *
 * - **Query parameters**: at most MAX_QUERY_PARAMS of them, each at most
 *   MAX_QUERY_VALUE_CHARS characters (`where`, a list of filters, MAX_WHERE_CHARS): a 4 MB
 *   queue name in a URL is a 400 naming the parameter, not a lookup.
 * - **Content-Encoding**: JSON bodies may be gzip, deflate or br (decompressed under the same
 *   size limit, so a compression bomb stops at the limit); anything else, and any encoding on
 *   an upload (busboy reads raw multipart), is a 415 naming the header.
 * - **JSON values**: strings at most MAX_JSON_STRING_CHARS characters (but the preview's
 *   `text`, a file's first bytes, bounded by its route), numbers within
 *   ±MAX_JSON_NUMBER, nesting at most MAX_JSON_DEPTH levels; `items: 1e308` is a 400 naming
 *   `items` before any engine multiplies it into Infinity.
 * - The body size itself (413) is express.json's `limit` (limits.ts JSON_BODY_LIMIT),
 *   answered by errors.ts.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { badRequest, HttpError } from './errors.ts';
import { JSON_ENCODINGS, MAX_JSON_DEPTH, MAX_JSON_NUMBER, MAX_JSON_STRING_CHARS, MAX_QUERY_PARAMS, MAX_QUERY_VALUE_CHARS, MAX_WHERE_CHARS } from './limits.ts';

/** The first problem of a query string, or null. */
export function queryProblem(query: Record<string, unknown>): Error | null {
  const keys = Object.keys(query);
  if (keys.length > MAX_QUERY_PARAMS) return badRequest('query', `at most ${MAX_QUERY_PARAMS} parameters`);
  for (const key of keys) {
    const field = key.length > 40 ? `${key.slice(0, 40)}…` : key;
    if (key.length > 64) return badRequest(field, 'parameter name longer than 64 characters');
    const limit = key === 'where' ? MAX_WHERE_CHARS : MAX_QUERY_VALUE_CHARS;
    const values = Array.isArray(query[key]) ? (query[key] as unknown[]) : [query[key]];
    for (const v of values) {
      if (typeof v === 'string' && v.length > limit) return badRequest(field, `longer than ${limit} characters`);
      if (v !== null && typeof v === 'object') return badRequest(field, 'expected a plain value');
    }
  }
  return null;
}

/**
 * Top-level body fields allowed a longer string, by route: the preview's `text` is a file's
 * first bytes (the route itself bounds it at PREVIEW_BYTES; the body limit bounds it too).
 */
const LONG_TEXT_FIELDS: Record<string, readonly string[]> = { '/api/ingest/preview': ['text'] };

/** The first JSON value out of bounds, with its path (`intervals.3.calls`), or null. */
export function jsonProblem(value: unknown, path: (string | number)[] = [], depth = 0, longFields: readonly string[] = []): Error | null {
  const field = () => (path.length ? path.join('.') : 'body');
  if (depth > MAX_JSON_DEPTH) return badRequest(field(), `nested deeper than ${MAX_JSON_DEPTH} levels`);
  if (typeof value === 'string') {
    const long = path.length === 1 && longFields.includes(String(path[0]));
    return !long && value.length > MAX_JSON_STRING_CHARS ? badRequest(field(), `longer than ${MAX_JSON_STRING_CHARS} characters`) : null;
  }
  if (typeof value === 'number') {
    return Math.abs(value) > MAX_JSON_NUMBER ? badRequest(field(), `out of range: numbers must lie within ±${MAX_JSON_NUMBER.toExponential()}`) : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = jsonProblem(value[i], [...path, i], depth + 1);
      if (p) return p;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k.length > MAX_QUERY_VALUE_CHARS) return badRequest(field(), `a key longer than ${MAX_QUERY_VALUE_CHARS} characters`);
      const p = jsonProblem(v, [...path, k], depth + 1, longFields);
      if (p) return p;
    }
  }
  return null;
}

/** 415 for a Content-Encoding the body's reader cannot decode. */
export function encodingProblem(req: Pick<Request, 'headers'>): HttpError | null {
  const raw = req.headers['content-encoding'];
  if (raw === undefined) return null;
  const encoding = raw.trim().toLowerCase();
  if (encoding === '' || encoding === 'identity') return null;
  const isJson = /^application\/([\w.+-]*\+)?json\b/i.test(req.headers['content-type'] ?? '');
  if (isJson && (JSON_ENCODINGS as readonly string[]).includes(encoding)) return null;
  const allowed = isJson ? JSON_ENCODINGS.join(', ') : 'identity (uploads are sent uncompressed)';
  return new HttpError(415, `unsupported content-encoding: expected ${allowed}`, 'content-encoding');
}

/** Before the body is read: query parameters and the body's encoding. */
export function requestLimits(): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    next(queryProblem(req.query as Record<string, unknown>) ?? encodingProblem(req) ?? undefined);
  };
}

/** After express.json: the parsed body's strings, numbers and depth. */
export function jsonLimits(): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    next(req.body === undefined ? undefined : (jsonProblem(req.body, [], 0, LONG_TEXT_FIELDS[req.path] ?? []) ?? undefined));
  };
}
