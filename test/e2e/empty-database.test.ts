/**
 * A fresh database without sample data: the pages that show contacts say how to add some,
 * instead of waiting for a date range that will never come.
 */
import { describe, expect, it } from 'vitest';
import { e2eAppForFile } from './harness.ts';

const app = e2eAppForFile({ seed: false });

describe('an empty database', () => {
  it.each(['/scorecard', '/intraday', '/forecast'])('%s points to the Data page', async (path) => {
    const { page, problems } = await app.open(path);
    try {
      const card = page.getByTestId('no-data');
      await card.waitFor({ timeout: 10_000 });
      expect(await card.textContent()).toMatch(/no contacts yet/);
      expect(await page.getByRole('link', { name: 'Upload a contact log' }).getAttribute('href')).toBe('/data');
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
