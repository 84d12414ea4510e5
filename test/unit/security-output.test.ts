/**
 * What the product writes out is inert: CSV exports (server and dashboard) neutralize
 * formula cells, and the dashboard's HTML carries no inline script, so the strict CSP
 * (script-src 'self', script-src-attr 'none') costs nothing.
 */
import { existsSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CSP_DIRECTIVES } from '../../server/api/siteGuard.ts';
import { csvCell as serverCell, toCsv } from '../../server/wfm/csv.ts';
import { csvCell as webCell } from '../../web/src/lib/csv.ts';

const FORMULAS = ['=1+1', '+1+1', '-1+1', '@SUM(A1)', '\t=1', '\r=1', '=HYPERLINK("http://x","y")', "=cmd|'/C calc'!A0"];

describe('CSV exports neutralize formula cells', () => {
  it('prefixes a quote to every cell that starts with = + - @ tab or CR (server and web writers)', () => {
    for (const f of FORMULAS) {
      for (const cell of [serverCell(f), webCell(f)]) {
        const unquoted = cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
        expect(unquoted, JSON.stringify(f)).toBe(`'${f}`);
      }
    }
    // Numbers stay numbers: −3.5 is data.
    expect(serverCell(-3.5)).toBe('-3.5');
    expect(webCell(-3.5)).toBe('-3.5');
    expect(toCsv([{ queue: '=1+1', offered: 3 }])).toBe("queue,offered\n'=1+1,3\n");
  });

  it('no string cell a spreadsheet would evaluate survives (property, seeded)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (s) => {
        for (const cell of [serverCell(s), webCell(s)]) {
          const text = cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
          const numeric = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(s);
          if (!numeric) expect(/^[=+\-@\t\r]/.test(text)).toBe(false);
        }
      }),
      { seed: 13, numRuns: 500 },
    );
  });
});

describe('no inline script for the CSP to allow', () => {
  const pages = ['web/index.html', 'web/dist/index.html'].filter((p) => existsSync(p));

  it('the CSP allows scripts from this site only, and no inline handlers', () => {
    expect(CSP_DIRECTIVES['script-src']).toEqual(["'self'"]);
    expect(CSP_DIRECTIVES['script-src-attr']).toEqual(["'none'"]);
    expect(CSP_DIRECTIVES['frame-ancestors']).toEqual(["'none'"]);
  });

  it.each(pages)('%s has no inline <script> and no on* attribute', (page) => {
    const html = readFileSync(page, 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/\bsrc=/);
      expect(body!.trim()).toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/javascript:/i);
  });
});
