/**
 * Detection by content (server/ingest/adapters/index.ts): every adapter fixture is claimed
 * by its own adapter whatever its name, canonical files and the real datasets in the shared
 * folder by none (they load through the canonical reader), and a declared format the
 * content contradicts is refused naming both.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readSample } from '../../server/ingest/adapter-ingest.ts';
import { ADAPTERS, chooseAdapter, detectAdapter, FORMAT_NAMES } from '../../server/ingest/adapters/index.ts';
import { sharedFile } from '../helpers/shared.ts';

const dir = (rel: string) => fileURLToPath(new URL(rel, import.meta.url));

describe('format detection', () => {
  it('each fixture is detected as the source its name says, from the content alone', () => {
    const fixtures = readdirSync(dir('../fixtures/adapters/')).filter((f) => !f.endsWith('.txt'));
    const expected = (f: string) => (f.startsWith('genesys') ? 'genesys-cloud' : f.startsWith('asterisk') ? 'asterisk-queue-log' : ADAPTERS.find((a) => f.startsWith(a.name))?.name);
    expect(fixtures.length).toBeGreaterThanOrEqual(14);
    for (const f of fixtures) expect([f, detectAdapter(readSample(dir(`../fixtures/adapters/${f}`)))?.name]).toEqual([f, expected(f)]);
  });

  it('canonical files are no vendor format', () => {
    for (const f of ['contacts-sample.csv', 'acd-export-example.csv', 'contacts-with-bad-rows.csv']) {
      expect(detectAdapter(readSample(dir(`../../sample-data/${f}`)))).toBeNull();
    }
  });

  const real = sharedFile('datasets/anonymous-bank-1999-02.tsv');
  it.skipIf(real.skip)('the real datasets in the shared folder are no vendor format', () => {
    const root = sharedFile('datasets').path;
    for (const f of readdirSync(root).filter((x) => /\.(csv|tsv)$/.test(x))) expect([f, detectAdapter(readSample(`${root}/${f}`))]).toEqual([f, null]);
  });

  it('a declared format must agree with the content', () => {
    const five9 = readSample(dir('../fixtures/adapters/five9-call-log.csv'));
    expect(chooseAdapter(five9, 'five9')?.name).toBe('five9');
    expect(chooseAdapter(five9, undefined)?.name).toBe('five9');
    expect(() => chooseAdapter(five9, 'zendesk-talk')).toThrow(
      'unsupported type: the file was declared Zendesk Talk calls and call legs (JSON) (zendesk-talk), but its content is Five9 call log report (CSV) (five9); declare five9 or let the format be detected',
    );
    expect(() => chooseAdapter({ text: 'contact_id,queue,offered_at\n' }, 'five9')).toThrow(
      'unsupported type: the file was declared Five9 call log report (CSV) (five9), but its content is not that format',
    );
    expect(chooseAdapter({ text: 'contact_id,queue,offered_at\n' }, 'csv')).toBeNull();
    expect(FORMAT_NAMES).toEqual(['csv', 'parquet', 'amazon-connect', 'genesys-cloud', 'five9', 'nice-cxone', 'zendesk-talk', 'twilio-taskrouter', 'asterisk-queue-log']);
  });
});
