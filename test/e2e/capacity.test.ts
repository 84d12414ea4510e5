/**
 * The Capacity & budget page in Chromium against the seeded server: enrollment by plan and
 * month pasted as CSV (a table, the engine's figures, a bad row named by its line), enrollment
 * history stored for contacts per member (or the page says why not), case work and the Tier-3
 * minimum moving the figures, the rule of thumb saying where and why, and screenshots at 1024
 * and 1440 px wide.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addMonths } from '../../server/wfm/capacity/demand.ts';
import type { Dimensions } from '../../web/src/api/types.ts';
import { formatValue } from '../../web/src/lib/format.ts';
import { SCREENSHOTS, e2eAppForFile, settled } from './harness.ts';

const app = e2eAppForFile();

const ENROLLMENT = 'month,plan,members\n2027-01,medicaid,12000\n2027-01,chip,3000\n2027-02,medicaid,12150\n2027-02,chip,3050\n2027-03,medicaid,12300\n2027-03,chip,3100';

describe('capacity page', () => {
  it('enrollment from CSV, history, case work, the rule of thumb; screenshots at 1024 and 1440', async () => {
    const { page, problems } = await app.open('/capacity');
    try {
      await page.locator('[data-testid="chart-fte"] svg').waitFor({ timeout: 20_000 });
      await settled(page);
      // The seeded database holds contacts but no enrollment: said, and rates stay entered.
      expect(await page.locator('[data-testid="enrollment-history-status"]').textContent()).toBe('No enrollment history: contact rates are entered. ');

      // A bad row is named by its line; nothing changes.
      await page.locator('summary', { hasText: 'Enrollment by plan and month' }).click();
      await page.locator('[data-testid="enrollment-csv"]').fill('month,plan,members\n2027-01,medicaid,12000\n2027-02,medicaid,-5');
      await page.locator('[data-testid="enrollment-apply"]').click();
      expect(await page.locator('[data-testid="enrollment-error"]').textContent()).toBe('invalid enrollment: line 3: members "-5" must be a number ≥ 0');

      // A good file: the plans by month in a table, and the engine's plan of those plans.
      await page.locator('[data-testid="enrollment-csv"]').fill(ENROLLMENT);
      await page.locator('[data-testid="enrollment-apply"]').click();
      await page.locator('[data-testid="enrollment-table"]').waitFor();
      expect(await page.locator('[data-testid="enrollment-table"] tbody tr').allTextContents()).toEqual(['medicaid12,00012,15012,300', 'chip3,0003,0503,100']);
      expect(await page.locator('input[name="members"]').inputValue()).toBe('from enrollment (2 plans)');
      const scenario = {
        startMonth: '2027-01',
        months: 3,
        plans: [
          { id: 'medicaid', members: [12_000, 12_150, 12_300] },
          { id: 'chip', members: [3000, 3050, 3100] },
        ],
      };
      const res = await fetch(`${app.url}/api/capacity/plan`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(scenario) });
      const plan = (await res.json()) as { ruleOfThumb: { tier1Fte: number; tier2Fte: number; where: string }; months: { surge: boolean; peakAgents: { voice: number } }[] };
      // Each channel on its own target: the voice row's peak agents are the engine's, outside the surge.
      const voicePeak = Math.max(...plan.months.filter((m) => !m.surge).map((m) => m.peakAgents.voice));
      expect(await page.locator('[data-testid="channel-table"] tbody tr').first().textContent()).toMatch(new RegExp(`^voice.*80% in 30 s${voicePeak}`));
      expect(await page.locator('[data-testid="tier1-fte"]').textContent()).toBe(formatValue(plan.ruleOfThumb.tier1Fte, 'fte'));
      expect(await page.locator('[data-testid="rule-of-thumb"]').textContent()).toContain(plan.ruleOfThumb.where);

      // Case work moves Tier 2; the Tier-3 minimum moves the peak.
      const tier2 = page.locator('.kpi', { hasText: 'Tier-2 FTE outside the surge' }).locator('strong');
      const before = await tier2.textContent();
      await page.locator('input[name="cases-rate"]').fill('12');
      await expect.poll(() => tier2.textContent()).not.toBe(before);
      const peak = await page.locator('[data-testid="peak-fte"]').textContent();
      await page.locator('input[name="tier3-min"]').fill('3');
      await expect.poll(() => page.locator('[data-testid="peak-fte"]').textContent()).not.toBe(peak);
      expect(await page.locator('[data-testid="capacity-months"]').textContent()).toContain('Tier-3 minimum');
      await page.locator('input[name="tier3-min"]').fill('0.5');
      await page.locator('input[name="cases-rate"]').fill('3');
      await settled(page);

      for (const width of [1024, 1440]) {
        await page.setViewportSize({ width, height: 900 });
        await settled(page);
        await page.screenshot({ path: join(SCREENSHOTS, `capacity-enrollment-${width}.png`), fullPage: true });
      }

      // Enrollment history for the seeded months: rates per member from the whole months, or the
      // page says that none of them is whole.
      const dims = await app.api<Dimensions>('/api/dimensions');
      const first = dims.minDate!.slice(0, 7);
      const last = dims.maxDate!.slice(0, 7);
      const lines = ['month,plan,members'];
      for (let m = first; m <= last; m = addMonths(m, 1)) lines.push(`${m},medicaid,15000`);
      await page.locator('[data-testid="enrollment-csv"]').fill(lines.join('\n'));
      await page.getByRole('button', { name: 'Store as enrollment history' }).click();
      await page.locator('.notice-ok', { hasText: 'as enrollment history' }).waitFor();
      const history = await app.api<{ enrollmentHistory: boolean; wholeMonths: number }>('/api/capacity/history');
      expect(history.enrollmentHistory).toBe(history.wholeMonths > 0);
      await expect
        .poll(() => page.locator('[data-testid="enrollment-history-status"]').textContent())
        .toBe(history.enrollmentHistory ? 'Contact rates from enrollment history. ' : 'No enrollment history: contact rates are entered. ');
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
