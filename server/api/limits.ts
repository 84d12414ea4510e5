/**
 * The request limits, in one place (docs/reliability.md lists them with their reasons).
 * Enforced by requestLimits.ts (query, encoding, JSON values), express.json (body size,
 * app.ts) and errors.ts (the 413/415 answers).
 */

/** Largest JSON body, after decompression (a year of 15-minute staffing intervals is about 2.4 MB). */
export const JSON_BODY_LIMIT = '5mb';
/** Query parameters per request. */
export const MAX_QUERY_PARAMS = 30;
/** Characters in one query parameter value (a queue name is at most 256 at ingest). */
export const MAX_QUERY_VALUE_CHARS = 256;
/** Characters in `where`, a list of filters (`queue=a|b,channel=voice`). */
export const MAX_WHERE_CHARS = 4000;
/** Characters in one JSON string value (names, periods, queue names; none needs more). */
export const MAX_JSON_STRING_CHARS = 2000;
/** Largest magnitude of a JSON number (10^12: a trillion members, contacts or dollars). */
export const MAX_JSON_NUMBER = 1e12;
/** Nesting levels of a JSON body. */
export const MAX_JSON_DEPTH = 20;
/** Content-Encodings a JSON body may have; uploads take none. */
export const JSON_ENCODINGS = ['identity', 'gzip', 'deflate', 'br'] as const;
