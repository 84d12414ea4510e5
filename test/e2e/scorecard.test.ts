/**
 * The Scorecard page in a real browser against a seeded database (35 days of sample data):
 * the table by group never shows rows of another grouping.
 */
import { describe, expect, it } from 'vitest';
import type { Scorecard } from '../../web/src/api/types.ts';
import { displayName } from '../../web/src/lib/names.ts';
import { settled, e2eAppForFile } from './harness.ts';

const app = e2eAppForFile();

const label = (group: string, v: unknown) => displayName(group, v as string | number | null);

describe('scorecard table by group', () => {
  it('switching Rows through every grouping shows exactly that grouping’s rows, with no stale rows', async () => {
    const { page, problems } = await app.open('/scorecard');
    try {
      await page.locator('[data-testid="group-table"]').waitFor({ timeout: 30_000 });
      await settled(page);
      const u = new URL(page.url());
      const from = u.searchParams.get('from')!;
      const to = u.searchParams.get('to')!;
      for (const group of ['plan', 'channel', 'tier', 'state', 'queue', 'tier', 'plan', 'queue']) {
        await page.locator('select[name="rows"]').selectOption(group);
        await page.waitForURL((x) => x.searchParams.get('group') === group);
        await settled(page);
        const card = await app.api<Scorecard>(`/api/scorecard?from=${from}&to=${to}&where=${encodeURIComponent('channel=voice')}&group=${group}`);
        const expected = card.rows.map((r) => label(group, (r as unknown as Record<string, unknown>)[group]));
        const shown = await page.locator('[data-testid="group-table"] tbody th').allTextContents();
        // Exactly the API's rows for this grouping, in its order: nothing left from the last one.
        expect(shown, group).toEqual(expected);
        expect(new Set(shown).size, group).toBe(shown.length);
        // The first metric column holds the API's offered counts, row by row.
        const offered = await page.locator('[data-testid="group-table"] tbody td[data-col="offered"]').allTextContents();
        expect(
          offered.map((t) => Number(t.replace(/[^\d]/g, ''))),
          group,
        ).toEqual(card.rows.map((r) => r.metrics.find((m) => m.name === 'offered')!.value));
      }
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe('scorecard: provisional FCR, comparisons, targets', () => {
  it('marks the last week’s FCR provisional on the tile, the table and the sparkline, and gives it no status or change', async () => {
    const { page, problems } = await app.open('/scorecard');
    try {
      await page.locator('[data-testid="group-table"]').waitFor({ timeout: 30_000 });
      await settled(page);
      const u = new URL(page.url());
      const card = await app.api<Scorecard>(`/api/scorecard?from=${u.searchParams.get('from')}&to=${u.searchParams.get('to')}&where=channel%3Dvoice`);
      const fcr = card.rows[0]!.metrics.find((m) => m.name === 'fcr')!;
      // The default view is the last full week, whose 7-day windows run past the data's end.
      expect([fcr.provisional, fcr.status, fcr.change, fcr.changeWithheld]).toEqual([true, null, null, 'provisional']);
      const tile = page.getByTestId('tile-fcr');
      await expect(tile.getAttribute('data-provisional')).resolves.toBe('true');
      await expect(tile.locator('[data-status]').getAttribute('data-status')).resolves.toBe('provisional');
      const [y, m, d] = fcr.maturesOn!.split('-');
      const until = `provisional until ${+d!} ${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][+m! - 1]}`;
      expect(y).toMatch(/^\d{4}$/);
      await expect(tile.getByTestId('tile-change').textContent()).resolves.toBe(until);
      expect(await tile.locator('circle[data-provisional="true"]').count()).toBeGreaterThan(0);
      expect(await page.locator('[data-testid="group-table"] td[data-col="fcr"] [data-provisional="true"]').count()).toBe(await page.locator('[data-testid="group-table"] tbody tr').count());
      // No change anywhere reads as an arrow over zero ("▼ −0 s").
      for (const t of await page.getByTestId('tile-change').allTextContents()) expect(t).not.toMatch(/[▲▼]\s*[−+]?0(\.0+)?(\s|%|$)/);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('says so instead of showing a change when the comparison period has no data (year over year on 35 days)', async () => {
    const { page, problems } = await app.open('/scorecard');
    try {
      await page.locator('[data-testid="tiles"]').waitFor({ timeout: 30_000 });
      await settled(page);
      await page.locator('select[name="compare with"]').selectOption('year');
      await page.waitForURL((x) => x.searchParams.get('compare') === 'year');
      await settled(page);
      const note = page.getByTestId('coverage-note');
      await expect(note.getAttribute('data-previous-coverage')).resolves.toBe('none');
      await expect(note.textContent()).resolves.toMatch(/^Comparison: No data for /);
      const changes = await page.getByTestId('tile-change').evaluateAll((els) => els.map((e) => e.getAttribute('data-withheld')));
      // FCR is provisional first; every other tile has nothing to compare with.
      expect(new Set(changes)).toEqual(new Set(['comparison-none', 'provisional']));
      await expect(page.getByTestId('filter-summary').textContent()).resolves.toContain('(the same weeks last year)');
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('sets a Tier 2 AHT target in the editor, scores the Tier 2 row with it, and clears it', async () => {
    const { page, problems } = await app.open('/scorecard?group=tier');
    try {
      await page.locator('[data-testid="group-table"]').waitFor({ timeout: 30_000 });
      await settled(page);
      const ahtCell = (tier: string) => page.locator('[data-testid="group-table"] tbody tr', { has: page.locator('th', { hasText: tier }) }).locator('td[data-col="aht"]');
      // Built-in: Tier 2 is scored against 20–40 min.
      const u = new URL(page.url());
      const api = () => app.api<Scorecard>(`/api/scorecard?from=${u.searchParams.get('from')}&to=${u.searchParams.get('to')}&where=channel%3Dvoice&group=tier`);
      const t2 = async () => (await api()).rows.find((r) => (r as unknown as { tier: number }).tier === 2)!.metrics.find((m) => m.name === 'aht')!;
      expect((await t2()).targetSource).toBe('tier-default');

      await page.locator('select[name="target-metric"]').selectOption('aht');
      await page.locator('select[name="target-tier"]').selectOption('2');
      // Green 1–2 min, amber 0.5–3 min: Tier 2 voice handle times (about 24 min) are red.
      await page.locator('input[name="target-low"]').fill('1');
      await page.locator('input[name="target-high"]').fill('2');
      await page.locator('input[name="target-amberLow"]').fill('0.5');
      await page.locator('input[name="target-amberHigh"]').fill('3');
      await page.getByRole('button', { name: 'Save target' }).click();
      await page.getByTestId('target-message').filter({ hasText: 'Saved' }).waitFor();
      await settled(page);
      const after = await t2();
      expect([after.targetSource, after.target, after.status]).toEqual(['override', { kind: 'range', low: 60, high: 120, amberLow: 30, amberHigh: 180 }, 'red']);
      await expect(ahtCell('Tier 2').getAttribute('class')).resolves.toContain('cell-red');
      await expect(page.getByTestId('tile-aht').textContent()).resolves.not.toContain('(set)'); // the tiles mix tiers

      await page.getByRole('button', { name: 'Clear the Average handle time target for Tier 2' }).click();
      await page.getByTestId('target-message').filter({ hasText: 'Cleared' }).waitFor();
      await settled(page);
      expect((await t2()).targetSource).toBe('tier-default');
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
