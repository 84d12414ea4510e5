/**
 * The Calendar page in a real browser: the month view follows the draft, a bad span is named
 * and cannot be saved, a saved change reaches the API, a date exception closes a day.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { SCREENSHOTS, e2eAppForFile, settled } from './harness.ts';

const app = e2eAppForFile();

interface CalendarAnswer {
  source: string;
  calendar: { holidays: string[]; exceptions: { date: string; open: unknown[] }[] };
}

describe('calendar page', () => {
  it('edits holidays, hours and closures, checks them, and saves them', async () => {
    const { page, problems } = await app.open('/calendar');
    try {
      await page.getByRole('heading', { level: 1, name: 'Site calendar' }).waitFor();
      await page.locator('[data-testid="learned-closures"]').waitFor({ timeout: 20_000 });
      await settled(page);
      const day = (date: string) => page.locator(`[data-date="${date}"]`);

      // October 2026: Columbus Day (Monday 12th) is closed by the default calendar.
      await page.locator('input[type="month"]').fill('2026-10');
      await expect.poll(() => day('2026-10-12').textContent()).toBe('12ClosedColumbus Day');
      await page.getByLabel('Closed on Columbus Day').uncheck();
      // Open on it now: a Monday's weekly hours.
      expect(await day('2026-10-12').textContent()).toBe('1208:00–20:00');

      // A span that is not a time is named and blocks the save.
      const monday = page.getByLabel('Rule 1 Mon');
      await monday.fill('25:00-26:00');
      await monday.blur();
      expect(await page.locator('[data-testid="calendar-problem"]').textContent()).toMatch(/hours\[0\]\.weekly\.1\[0\]/);
      expect(await page.locator('[data-testid="calendar-save"]').isDisabled()).toBe(true);
      await monday.fill('09:00-17:00');
      await monday.blur();
      expect(await page.locator('[data-testid="calendar-problem"]').count()).toBe(0);
      expect(await day('2026-10-19').textContent()).toBe('1909:00–17:00');

      // A one-off closure on Tuesday 2026-10-20.
      await page.getByRole('button', { name: 'Add a date' }).click();
      await page.getByLabel('Exception 1 date').fill('2026-10-20');
      await page.getByLabel('Exception 1 name').fill('Staff training');
      expect(await day('2026-10-20').textContent()).toBe('20ClosedStaff training');

      await page.screenshot({ path: join(SCREENSHOTS, 'calendar.png'), fullPage: true });
      await page.locator('[data-testid="calendar-save"]').click();
      await page.getByText('Calendar saved.').waitFor();
      const saved = await app.api<CalendarAnswer>('/api/calendar');
      expect(saved.source).toBe('stored');
      expect(saved.calendar.holidays).not.toContain('columbus_day');
      expect(saved.calendar.holidays).toContain('thanksgiving_day');
      expect(saved.calendar.exceptions).toEqual([{ date: '2026-10-20', queue: '*', channel: '*', name: 'Staff training', open: [] }]);

      // After a reload the page shows what was saved.
      await page.reload();
      await page.locator('[data-testid="learned-closures"]').waitFor({ timeout: 20_000 });
      expect(await page.getByLabel('Closed on Columbus Day').isChecked()).toBe(false);
      expect(await page.getByLabel('Rule 1 Mon').inputValue()).toBe('09:00–17:00');
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
