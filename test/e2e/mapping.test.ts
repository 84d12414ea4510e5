/**
 * Mapping an export in an unknown layout on the Data page: the file's columns guessed from
 * its header, value rules set by hand with the live preview following, the profile saved,
 * then the file loaded with it — exactly the rows the preview accepted.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCREENSHOTS, e2eAppForFile, settled } from './harness.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

const app = e2eAppForFile({ seed: false });

const FILE = [
  'Call ID;Skill;Start;Answer;End;Talk;Caller;Xfer',
  'c1;Billing Q;03.02.2026 07:05;03.02.2026 07:06;03.02.2026 07:12;0:05:30;M1;Ja',
  'c2;Billing Q;31.02.2026 07:05;31.02.2026 07:06;31.02.2026 07:08;0:01:00;M2;Nein',
  'c3;Billing Q;03.02.2026 08:00;03.02.2026 08:01;03.02.2026 08:09;abc;M3;Ja',
  '',
].join('\n');

describe('mapping editor', () => {
  it('maps, previews, saves a profile and loads the file', async () => {
    const path = join(tmpdir(), `acme-${process.pid}.csv`);
    writeFileSync(path, FILE);
    const { page, problems } = await app.open('/data');
    try {
      await settled(page);
      // The page's own refusal limit applies to the mapped load: allow the two bad rows.
      await page.locator('input[name="max-bad"]').fill('100');
      await page.setInputFiles('[data-testid="map-file-input"]', path);
      await page.locator('[data-testid="mapping-editor"]').waitFor();
      // Guessed from the header; semicolons detected; the member column never shown.
      await expect.poll(() => page.getByLabel('Column for offered_at').inputValue(), { timeout: 15_000 }).toBe('Start');
      expect(await page.getByLabel('Delimiter').inputValue()).toBe('semicolon');
      expect(await page.locator('[data-testid="file-sample"]').textContent()).not.toMatch(/M1|M2|M3/);
      // Times in ISO are expected by default: every row rejected until the format is set.
      await expect.poll(() => page.locator('[data-testid="preview-counts"]').textContent(), { timeout: 15_000 }).toBe('First 3 rows: 0 accepted, 3 rejected.');
      await page.getByLabel('Time format').fill('DD.MM.YYYY HH:mm');
      await page.getByLabel('Time zone of the times').fill('America/New_York');
      await page.getByLabel('Durations in').selectOption('hms');
      await page.getByLabel('Value of channel for every row').fill('voice');
      await page.getByLabel('Also true').fill('Ja');
      await page.getByLabel('Also false').fill('Nein');
      // c2 (31 February) and c3 (talk "abc") stay rejected, each with its reason.
      await expect.poll(() => page.locator('[data-testid="preview-counts"]').textContent(), { timeout: 15_000 }).toBe('First 3 rows: 1 accepted, 2 rejected.');
      expect(await page.locator('[data-testid="preview-table"] tbody tr').nth(2).textContent()).toMatch(/invalid talk_s: not a number/);

      await page.getByLabel('Profile name').fill('Acme ACD');
      await page.getByRole('button', { name: 'Save profile' }).click();
      await page.getByText('Saved as “Acme ACD”.').waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, 'mapping-editor.png'), fullPage: true });

      await page.locator('[data-testid="load-mapped"]').click();
      await page.locator('[data-testid="mapping-editor"]').waitFor({ state: 'detached' });
      const batches = await app.api<{ batches: { fileName: string; outcome: string; rowsAccepted: number; rowsRejected: number }[] }>('/api/ingest/batches');
      expect(batches.batches[0]).toMatchObject({ fileName: path.split('/').pop(), outcome: 'committed', rowsAccepted: 1, rowsRejected: 2 });
      await page.getByText('Loaded').first().waitFor();
      const profiles = await app.api<{ profiles: { name: string; profile: { durationUnit: string } }[] }>('/api/ingest/profiles');
      expect(profiles.profiles).toMatchObject([{ name: 'Acme ACD', profile: { durationUnit: 'hms' } }]);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('previews a platform export before loading it: the detected format and its contacts as they will be stored', async () => {
    const { page, problems } = await app.open('/data');
    try {
      await settled(page);
      await page.locator('input[name="max-bad"]').fill('100');
      // test/fixtures/adapters/amazon-connect-ctr.jsonl: 11 records → 5 contacts, 2 folded,
      // 2 excluded, 2 rejected (test/unit/adapters-amazon-connect.test.ts).
      await page.getByTestId('file-input').setInputFiles(join(FIXTURES, 'adapters/amazon-connect-ctr.jsonl'));
      await page.getByTestId('preview-format').waitFor();
      expect(await page.getByTestId('preview-format').textContent()).toContain('Read as: Amazon Connect contact records (CTR, JSON).');
      await expect.poll(() => page.locator('[data-testid="preview-counts"]').textContent(), { timeout: 15_000 }).toBe('First 7 rows: 5 accepted, 2 rejected.');
      const first = await page.locator('[data-testid="preview-table"] tbody tr').first().textContent();
      expect(first).toContain('C-ANS');
      expect(first).toContain('2025-06-02T16:00:20Z');
      expect(await page.getByTestId('file-preview').textContent()).not.toContain('+1555');
      // Nothing is loaded until asked.
      expect((await app.api<{ batches: unknown[] }>('/api/ingest/batches')).batches.filter((b) => (b as { format: string }).format === 'amazon-connect')).toEqual([]);
      await page.screenshot({ path: join(SCREENSHOTS, 'data-preview-vendor.png'), fullPage: true });
      await page.getByTestId('load-file').click();
      await page.getByTestId('upload-result').waitFor({ timeout: 60_000 });
      expect(await page.getByTestId('file-preview').count()).toBe(0);
      const batches = await app.api<{ batches: { format: string; outcome: string; rowsAccepted: number; rowsRejected: number }[] }>('/api/ingest/batches');
      expect(batches.batches[0]).toMatchObject({ format: 'amazon-connect', outcome: 'committed', rowsAccepted: 5, rowsRejected: 2 });
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
