/**
 * The Scorecard page in a real browser against a seeded database (35 days of sample data):
 * the table by group never shows rows of another grouping.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scorecard } from '../../web/src/api/types.ts';
import { displayName } from '../../web/src/lib/names.ts';
import { settled, startE2e, type E2eApp } from './harness.ts';

let app: E2eApp;

beforeAll(async () => {
  app = await startE2e();
}, 180_000);

afterAll(async () => {
  await app?.close();
});

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
        expect(offered.map((t) => Number(t.replace(/[^\d]/g, ''))), group).toEqual(card.rows.map((r) => r.metrics.find((m) => m.name === 'offered')!.value));
      }
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
