/**
 * The Cases page in a real browser against the real server, seeded with 35 days of sample
 * contacts and their case log: the tiles show the backlog the API answers, the at-risk
 * table lists the cases the API lists, and a click on a bar drills into that type's open
 * cases with member keys (never member IDs). Screenshots at 1024 and 1440 px.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BacklogAnswer, CaseListItem } from '../../server/cases/service.ts';
import { e2eAppForFile, SCREENSHOTS, settled } from './harness.ts';

const app = e2eAppForFile();

describe('Cases page', () => {
  it('shows the backlog, the cases at risk and the drill-down the API answers', async () => {
    const backlog = await app.api<BacklogAnswer>('/api/cases/backlog');
    const atRisk = await app.api<{ total: number; cases: CaseListItem[] }>('/api/cases?due-within=3&limit=200');
    expect(backlog.total!.open).toBeGreaterThan(0);
    const { page, problems } = await app.open('/cases');
    try {
      await page.locator('[data-testid="chart-timeliness"] svg').first().waitFor({ timeout: 30_000 });
      await settled(page);
      const open = await page.locator('[data-testid="cases-tiles"] .tile').first().locator('.tile-value').textContent();
      expect(open?.trim()).toBe(backlog.total!.open.toLocaleString('en-US'));
      const riskIds = await page.locator('[data-testid="table-at-risk"] tbody th').allTextContents();
      expect(riskIds).toEqual(atRisk.cases.map((c) => c.caseId));
      for (const width of [1024, 1440]) {
        await page.setViewportSize({ width, height: 900 });
        await settled(page);
        await page.screenshot({ path: join(SCREENSHOTS, `cases-${width}.png`), fullPage: true });
      }
      // Drill: a bar → its type's open cases, as many as the backlog row says (≤ 200 shown).
      await page.locator('[data-testid="chart-backlog"] rect[role="button"]').first().click();
      await page.locator('[data-testid="table-drill"]').waitFor();
      await settled(page);
      const type = await page.locator('select[name="drill into type"]').inputValue();
      const row = backlog.rows.find((r) => r.type === type)!;
      const rows = await page.locator('[data-testid="table-drill"] tbody tr').count();
      expect(rows).toBe(Math.min(200, row.open));
      const text = await page.locator('[data-testid="cases-drill"]').textContent();
      expect(text).not.toMatch(/M\d{8}/); // sample member IDs are M + 8 digits
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('loads a case log from the page, and the backlog grows by its open case', async () => {
    const before = await app.api<BacklogAnswer>('/api/cases/backlog?as-of=2026-11-15');
    const { page, problems } = await app.open('/cases?as-of=2026-11-15');
    try {
      await page.locator('[data-testid="cases-tiles"]').waitFor({ timeout: 30_000 });
      await settled(page);
      const csv = 'case_id,member_id,type,program,received_at\nE2E-1,M-77,appeal,medicaid,2026-11-14T10:00:00-08:00\n';
      await page.locator('input[aria-label="Case log file"]').setInputFiles({ name: 'e2e-cases.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await page.getByRole('button', { name: 'Load' }).click();
      await page.locator('[data-testid="cases-upload"] .notice-ok').waitFor();
      expect(await page.locator('[data-testid="cases-upload"] .notice-ok').textContent()).toContain('1 accepted');
      await settled(page);
      const open = await page.locator('[data-testid="cases-tiles"] .tile').first().locator('.tile-value').textContent();
      expect(open?.trim()).toBe((before.total!.open + 1).toLocaleString('en-US'));
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
