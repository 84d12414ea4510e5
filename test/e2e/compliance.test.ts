/**
 * The Compliance page in a real browser against a seeded database (35 days of sample data):
 * the table shows the API's rows with their values, results and margins, switching the
 * template changes both, and the printed page keeps the report and drops the controls.
 */
import { describe, expect, it } from 'vitest';
import type { ComplianceReport } from '../../server/compliance/service.ts';
import { marginText, measureText } from '../../web/src/pages/CompliancePage.tsx';
import { e2eAppForFile, settled } from './harness.ts';

const app = e2eAppForFile();

describe('compliance page', () => {
  it('shows the API’s measures for each template, and prints without its controls', async () => {
    const { page, problems } = await app.open('/compliance');
    try {
      await page.locator('[data-testid="compliance-table"]').waitFor({ timeout: 30_000 });
      await settled(page);
      for (const template of ['medicaid-mco-generic', 'cms-ma-partd']) {
        await page.locator('select[name="template"]').selectOption(template);
        await page.waitForURL((u) => u.searchParams.get('template') === template);
        await settled(page);
        const u = new URL(page.url());
        const report = await app.api<ComplianceReport>(`/api/compliance?template=${template}&from=${u.searchParams.get('from')}&to=${u.searchParams.get('to')}`);
        const rows = page.locator('[data-testid="compliance-table"] tbody tr');
        expect(await rows.count(), template).toBe(report.rows.length);
        const values = await page.locator('[data-testid="compliance-table"] tbody td[data-col="value"]').allTextContents();
        expect(values, template).toEqual(report.rows.map((r) => measureText(r, r.value)));
        const margins = await page.locator('[data-testid="compliance-table"] tbody td[data-col="margin"]').allTextContents();
        expect(margins, template).toEqual(report.rows.map((r) => marginText(r)));
        const results = await page.locator('[data-testid="compliance-table"] tbody td[data-col="met"]').allTextContents();
        // The badge carries its status as hidden text; the visible word is Met or Missed.
        expect(
          results.map((t) => (/Missed/.test(t) ? 'Missed' : /Met/.test(t) ? 'Met' : t.trim())),
          template,
        ).toEqual(report.rows.map((r) => (r.met === null ? (r.metric === null ? 'not measurable' : 'no contacts') : r.met ? 'Met' : 'Missed')));
      }
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('form.filters').isVisible()).toBe(false);
      expect(await page.locator('[data-testid="compliance-table"]').isVisible()).toBe(true);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
