/**
 * Sends an answer from the per-data-version cache (server/kpi/answerCache.ts) as JSON text:
 * the first request of a version computes and serializes it (and its ETag), the others send
 * the same bytes, or 304 to a client that holds them. The key must hold everything the
 * answer depends on (the checked parameters, the zone).
 */
import { createHash } from 'node:crypto';
import type { Response } from 'express';
import type { Database } from '../db/database.ts';
import { cachedAnswer } from '../kpi/answerCache.ts';

interface Serialized {
  body: string;
  etag: string;
}

export async function sendCachedJson(res: Response, db: Database, key: unknown[], compute: () => Promise<unknown> | unknown): Promise<void> {
  const { body, etag } = await cachedAnswer(db, JSON.stringify(key), async (): Promise<Serialized> => {
    const text = JSON.stringify(await compute());
    return { body: text, etag: `W/"${Buffer.byteLength(text).toString(16)}-${createHash('sha1').update(text).digest('base64url').slice(0, 27)}"` };
  });
  // Express answers 304 itself when the request's If-None-Match matches this ETag.
  res.setHeader('ETag', etag);
  res.type('application/json').send(body);
}
