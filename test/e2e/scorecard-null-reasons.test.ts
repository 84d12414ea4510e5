/**
 * A metric the data cannot give is "—" with its reason on the Scorecard, never 0: an Avaya
 * CMS interval report (test/fixtures/intervals/avaya-hsplit.csv, uploaded through the API)
 * has no contact rows, so FCR, CSAT and NPS show "—" and say why; AHT from the report is
 * a figure (split 101 and 102 together: (11160 + 14520 + 5000) / 100 = 306.8 s = 5.1 min).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { e2eAppForFile, settled } from './harness.ts';

const app = e2eAppForFile({ seed: false });
const REASON = '110 of 110 offered contacts come from interval reports, which have no contact rows; this metric needs them';

describe('Scorecard null reasons', () => {
  it('shows — with the reason under FCR, CSAT and NPS, and the AHT from the report', async () => {
    const form = new FormData();
    form.set('format', 'avaya-cms');
    form.set('timezone', 'America/Los_Angeles');
    form.set('file', new Blob([readFileSync(join(import.meta.dirname, '../fixtures/intervals/avaya-hsplit.csv'))]), 'hsplit.csv');
    const res = await fetch(`${app.url}/api/ingest`, { method: 'POST', body: form });
    expect(res.status).toBe(201);
    const { page, problems } = await app.open('/scorecard?from=2025-06-02&to=2025-06-03');
    try {
      await page.getByTestId('tiles').waitFor({ timeout: 15_000 });
      await settled(page);
      for (const name of ['fcr', 'csat', 'nps']) {
        const tile = page.getByTestId(`tile-${name}`);
        expect(await tile.getByTestId('tile-value').textContent()).toBe('—');
        expect(await tile.getByTestId('tile-null-reason').textContent()).toBe(REASON);
        expect(await tile.getByTestId('tile-value').getAttribute('title')).toBe(REASON);
      }
      expect(await page.getByTestId('tile-aht').getByTestId('tile-value').textContent()).toBe('5.1 min');
      expect(await page.getByTestId('tile-aht').getByTestId('tile-null-reason').count()).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
