/**
 * `uploadCaseLog` (server/cli/caseUpload.ts), the `cases ingest --server` upload, against a
 * stub HTTP server that answers what a real one rarely does: a 400 about an upload field is
 * a usage error naming the command's flag (exit 2 in the CLI); 413 and an answer that is no
 * batch result are plain errors with the server's status and message (exit 1). No user is
 * set, so no sign-in request is made.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploadCaseLog } from '../../server/cli/caseUpload.ts';
import { UsageError } from '../../server/cli/errors.ts';

let dir: string;
let file: string;
let stub: Server;
let base: URL;
/** What the stub answers next: status and JSON body. */
let answer: { status: number; body: unknown } = { status: 500, body: {} };
const received: { path: string; fields: string }[] = [];
const savedUser = process.env.STAFFCAST_USER;

beforeAll(async () => {
  delete process.env.STAFFCAST_USER;
  dir = mkdtempSync(join(tmpdir(), 'staffcast-case-upload-'));
  file = join(dir, 'log.csv');
  writeFileSync(file, 'case_id\nA1\n');
  stub = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', fields: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer.body));
    });
  });
  stub.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => stub.once('listening', () => resolve()));
  base = new URL(`http://127.0.0.1:${(stub.address() as AddressInfo).port}`);
});

afterAll(async () => {
  if (savedUser === undefined) delete process.env.STAFFCAST_USER;
  else process.env.STAFFCAST_USER = savedUser;
  await new Promise<void>((resolve) => stub.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

const fields = { source: 'crm', timezone: 'America/Chicago', maxRejectShare: 0.05 };

describe('uploadCaseLog', () => {
  it('posts the file and the flags as multipart fields to /api/cases/ingest', async () => {
    answer = { status: 422, body: { outcome: 'refused', batchId: 9 } };
    await expect(uploadCaseLog(base, file, fields)).resolves.toMatchObject({ outcome: 'refused', batchId: 9 });
    const last = received.at(-1)!;
    expect(last.path).toBe('/api/cases/ingest');
    for (const [name, value] of [
      ['source', 'crm'],
      ['timezone', 'America/Chicago'],
      ['maxRejectShare', '0.05'],
    ]) {
      expect(last.fields).toMatch(new RegExp(`name="${name}"\\r\\n\\r\\n${value}\\r\\n`));
    }
    expect(last.fields).toContain('filename="log.csv"');
    expect(last.fields).not.toContain('name="format"');
  });

  it('a 400 about an upload field names the flag (UsageError, exit 2)', async () => {
    answer = { status: 400, body: { error: 'invalid maxRejectShare: Number must be less than or equal to 1', field: 'maxRejectShare' } };
    const e = await uploadCaseLog(base, file, fields).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UsageError);
    expect((e as Error).message).toBe('invalid --max-reject-share: Number must be less than or equal to 1');
  });

  it("any other answer: the file, the status and the server's message (exit 1)", async () => {
    answer = { status: 413, body: { error: 'file too large: the limit is 512 MiB', field: 'file' } };
    const tooLarge = await uploadCaseLog(base, file, fields).catch((x: unknown) => x);
    expect(tooLarge).not.toBeInstanceOf(UsageError);
    expect((tooLarge as Error).message).toBe('log.csv: the server answered 413: file too large: the limit is 512 MiB');
    // A 200 that is no batch result (another program on that port): not taken as one.
    answer = { status: 200, body: { hello: 'world' } };
    await expect(uploadCaseLog(base, file, fields)).rejects.toThrow('log.csv: the server answered 200: no message');
  });
});
