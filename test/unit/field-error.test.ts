/**
 * One field error (InputError): the API answers it with 400 naming the field, and the CLI
 * exits 2 with the same message — whether the WFM math, the KPI parameters (badRequest),
 * the forecast service or a zod schema raised it.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { badRequest, errorHandler, fromZod, HttpError } from '../../server/api/errors.ts';
import { action } from '../../server/cli/errors.ts';
import { NoHistoryError } from '../../server/forecast/errors.ts';
import { IngestOptionError } from '../../server/ingest/index.ts';
import { parseKpiParams } from '../../server/kpi/params.ts';
import { InputError } from '../../server/wfm/inputError.ts';
import { staff } from '../../server/wfm/staffing.ts';

/** What the API answers for `err`: status and JSON body. */
function answer(err: unknown): { status: number; body: unknown } {
  const out = { status: 0, body: undefined as unknown };
  const res = {
    status(s: number) {
      out.status = s;
      return this;
    },
    json(b: unknown) {
      out.body = b;
    },
  };
  errorHandler(err, {} as never, res as never, () => undefined);
  return out;
}

/** What the CLI does when a command throws `err`: exit code and stderr. */
async function cli(err: unknown): Promise<{ code: number | undefined; stderr: string }> {
  let stderr = '';
  const write = vi.spyOn(process.stderr, 'write').mockImplementation((s) => {
    stderr += String(s);
    return true;
  });
  const before = process.exitCode;
  try {
    await action(() => {
      throw err;
    })();
    return { code: process.exitCode as number | undefined, stderr };
  } finally {
    write.mockRestore();
    process.exitCode = before;
  }
}

const thrown = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('did not throw');
};

afterEach(() => vi.restoreAllMocks());

describe('the field error', () => {
  const cases: [string, unknown, string, string][] = [
    ['the staffing math', thrown(() => staff({ calls: -1, intervalMinutes: 30, aht: 300, answerWithin: 20, serviceLevel: 0.8 })), 'calls', 'invalid calls: must be ≥ 0'],
    ['the KPI parameters', thrown(() => parseKpiParams({ by: 'fortnight' })), 'by', ''],
    ['an ingest option', new IngestOptionError('format', 'expected csv or parquet'), 'format', 'invalid format: expected csv or parquet'],
    ['a zod schema', fromZod(z.object({ aht: z.number() }).safeParse({ aht: 'x' }).error!), 'aht', ''],
    ['an API check', badRequest('file', 'send one file per request'), 'file', 'invalid file: send one file per request'],
  ];
  for (const [who, err, field, message] of cases) {
    it(`from ${who}: 400 naming ${field} in the API, exit 2 with the same message in the CLI`, async () => {
      expect(err).toBeInstanceOf(InputError);
      const e = err as InputError;
      expect(e.field).toBe(field);
      if (message) expect(e.message).toBe(message);
      expect(e.message.startsWith(`invalid ${field}: `)).toBe(true);
      expect(answer(e)).toEqual({ status: 400, body: { error: e.message, field } });
      expect(await cli(e)).toEqual({ code: 2, stderr: `staffcast: ${e.message}\n` });
    });
  }

  it('a series without history is one too (the forecast route answers it 404)', () => {
    const e = new NoHistoryError('medicaid', 'voice');
    expect(e).toBeInstanceOf(InputError);
    expect([e.field, e.message]).toEqual(['queue', 'invalid queue: no offered contacts for medicaid on voice']);
  });

  it('other errors: HttpError keeps its status; anything else is a 500 / exit 1 without a stack', async () => {
    expect(answer(new HttpError(404, 'no such batch: 9', 'id'))).toEqual({ status: 404, body: { error: 'no such batch: 9', field: 'id' } });
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(answer(new Error('boom'))).toEqual({ status: 500, body: { error: 'internal error' } });
    expect(await cli(new Error('boom'))).toEqual({ code: 1, stderr: 'staffcast: boom\n' });
  });
});
