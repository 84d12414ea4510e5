/**
 * Every page fits the window from 1024 to 1920 px wide and prints on landscape A4 and
 * Letter: the document never scrolls sideways and no card's content spills out of it.
 * Checked with the page loaded at each width, after resizing between them (a chart drawn
 * at 1920 px must not hold the page open at 1024), with the Staffing page's widest state
 * (Erlang A, a schedule loaded), and under print media at the printable width of each
 * paper with charts not yet re-measured (as when the browser lays out for printing).
 */
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ForecastStaffing } from '../../web/src/api/types.ts';
import { SCREENSHOTS, settled, e2eAppForFile } from './harness.ts';

const app = e2eAppForFile();

const PAGES = [
  { path: '/scorecard', name: 'scorecard', ready: '[data-testid="tiles"]' },
  { path: '/intraday', name: 'intraday', ready: '[data-testid="chart-volume"] svg' },
  { path: '/forecast', name: 'forecast', ready: '[data-testid="chart-forecast"] svg' },
  { path: '/staffing?model=erlang-a', name: 'staffing', ready: '[data-testid="chart-plan"] svg' },
  { path: '/capacity', name: 'capacity', ready: '[data-testid="chart-fte"] svg' },
  { path: '/data', name: 'data', ready: '[data-testid="batches-table"]' },
  { path: '/metrics', name: 'metrics', ready: '[data-testid="metric-definitions"]' },
];

/**
 * What spills sideways: the document wider than the window, or a card (or section, or
 * chart) whose content is wider than its box. Scrolling table wrappers are allowed to
 * scroll; what they hold is not counted against the card.
 */
async function overflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > window.innerWidth) out.push(`document ${doc.scrollWidth} px wide in a ${window.innerWidth} px window`);
    for (const el of document.querySelectorAll<HTMLElement>('main .card, main section, main .chart, main .filters, main .grid-2')) {
      if (el.scrollWidth > el.clientWidth + 1) {
        const name = el.getAttribute('data-testid') ?? el.getAttribute('aria-labelledby') ?? el.className;
        out.push(`${el.tagName.toLowerCase()} ${name}: content ${el.scrollWidth} px in ${el.clientWidth} px`);
      }
    }
    // Chart drawings may not reach past their box either (SVG overflow does not scroll).
    for (const svg of document.querySelectorAll<SVGSVGElement>('main .chart > svg')) {
      const box = svg.parentElement!.getBoundingClientRect();
      const r = svg.getBoundingClientRect();
      if (r.right > box.right + 1) out.push(`chart svg ${svg.getAttribute('aria-label')?.slice(0, 40)}: ${Math.round(r.width)} px in ${Math.round(box.width)} px`);
    }
    return out;
  });
}

async function ready(page: Page, selector: string) {
  await page.locator(selector).first().waitFor({ timeout: 30_000 });
  await settled(page);
}

/** Loads a schedule with one busy interval short and one over, so the gap table and heatmap show. */
async function loadSchedule(page: Page) {
  const plan = new URL(page.url()).searchParams.get('plan');
  const queues = await app.api<{ queue: string; channel: string | null }[]>('/api/forecast/queues');
  const q = plan ? { queue: plan.split('|')[0]!, channel: plan.split('|')[1] || null } : (queues.find((x) => x.channel === 'voice') ?? queues[0]!);
  const start = await page.getByTestId('plan-section').getAttribute('data-week-start');
  const fs = await app.api<ForecastStaffing>(
    `/api/forecast/staffing?queue=${q.queue}${q.channel ? `&channel=${q.channel}` : ''}&granularity=interval30&horizon=336&answerWithin=20&serviceLevel=0.8&shrinkage=0.3${start ? `&start=${start}` : ''}`,
  );
  const file = join(tmpdir(), `staffcast-e2e-layout-schedule-${process.pid}.csv`);
  writeFileSync(file, `period,scheduled\n${fs.intervals.map((i) => `${i.period},${Math.max(0, (i.requiredAgents ?? 0) + ((i.period.length % 3) - 1))}`).join('\n')}\n`);
  await page.locator('input[name="schedule"]').setInputFiles(file);
  await page.getByTestId('chart-gap-heatmap').waitFor({ timeout: 30_000 });
  rmSync(file, { force: true });
  await settled(page);
}

describe('every page fits 1024–1920 px', () => {
  for (const p of PAGES) {
    it(`${p.name}: no sideways scroll at 1024 and 1920 px, loaded at each and resized between`, async () => {
      const { page } = await app.blank();
      try {
        const found: string[] = [];
        const check = async (label: string) => {
          await page.waitForTimeout(0);
          for (const o of await overflow(page)) found.push(`${label}: ${o}`);
        };
        await page.setViewportSize({ width: 1024, height: 900 });
        await page.goto(app.url + p.path);
        await ready(page, p.ready);
        if (p.name === 'staffing') await loadSchedule(page);
        await check('loaded at 1024');
        await page.setViewportSize({ width: 1920, height: 1000 });
        await settled(page);
        await check('resized to 1920');
        await page.setViewportSize({ width: 1024, height: 900 });
        // Let the charts re-measure (ResizeObserver runs before the next frame).
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        await check('resized back to 1024');
        await page.screenshot({ path: join(SCREENSHOTS, `layout-${p.name}-1024.png`), fullPage: true });
        expect(found).toEqual([]);
      } finally {
        await page.close();
      }
    });
  }
});

describe('every page prints on landscape A4 and Letter', () => {
  // Printable width at 96 px per inch with the 10 mm margins of print.css:
  // A4 landscape 297 − 20 = 277 mm = 1047 px; Letter landscape 279.4 − 20 = 259.4 mm = 980 px.
  const PAPERS = [
    { format: 'A4' as const, width: 1047 },
    { format: 'Letter' as const, width: 980 },
  ];
  for (const p of PAGES) {
    it(`${p.name}: nothing wider than the paper`, async () => {
      const { page } = await app.blank();
      try {
        // Printing lays the page out at the paper's width without giving the charts a
        // chance to re-measure; a switch to hold every chart's ResizeObserver reproduces that.
        await page.addInitScript(() => {
          const w = window as unknown as { ResizeObserver: typeof ResizeObserver; __holdResize: boolean };
          const Real = w.ResizeObserver;
          w.__holdResize = false;
          w.ResizeObserver = class extends Real {
            constructor(cb: ResizeObserverCallback) {
              super((entries, observer) => {
                if (!w.__holdResize) cb(entries, observer);
              });
            }
          };
        });
        await page.setViewportSize({ width: 1920, height: 1000 });
        await page.goto(app.url + p.path);
        await ready(page, p.ready);
        if (p.name === 'staffing') await loadSchedule(page);
        await page.evaluate(() => {
          (window as unknown as { __holdResize: boolean }).__holdResize = true;
        });
        await page.emulateMedia({ media: 'print' });
        const found: string[] = [];
        for (const paper of PAPERS) {
          await page.setViewportSize({ width: paper.width, height: 740 });
          for (const o of await overflow(page)) found.push(`${paper.format}: ${o}`);
          const pdf = await page.pdf({ landscape: true, format: paper.format, printBackground: true });
          expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
        }
        expect(found).toEqual([]);
      } finally {
        await page.close();
      }
    });
  }
});
