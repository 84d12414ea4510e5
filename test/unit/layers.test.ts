import { describe, expect, it } from 'vitest';
import { importsOf, layerProblems } from '../../scripts/layers.ts';

describe('the layering check (npm run check:layers)', () => {
  it('reads every form of import, type-only ones marked', () => {
    const source = [
      "import { a, type B } from './a.ts';",
      "import type { C } from './c.ts';",
      'import {',
      '  type D,',
      '  type E,',
      "} from '../d.ts';",
      "import 'side-effect';",
      "export { f } from './f.ts';",
      "export type { G } from './g.ts';",
      " * import { notCode } from 'in-a-comment';",
      // Split so that the layering check does not read this test's own text as an import.
      'const lazy = await im' + "port('./lazy.ts');",
    ].join('\n');
    expect(importsOf(source)).toEqual([
      { specifier: './a.ts', typeOnly: false, dynamic: false },
      { specifier: './c.ts', typeOnly: true, dynamic: false },
      { specifier: '../d.ts', typeOnly: true, dynamic: false },
      { specifier: './f.ts', typeOnly: false, dynamic: false },
      { specifier: './g.ts', typeOnly: true, dynamic: false },
      { specifier: 'side-effect', typeOnly: false, dynamic: false },
      { specifier: './lazy.ts', typeOnly: false, dynamic: true },
    ]);
  });

  it('names each broken rule and each cycle', () => {
    const files = new Map([
      ['server/wfm/a.ts', "import { readFileSync } from 'node:fs';\nimport { b } from './b.ts';\nimport { q } from '../db/q.ts';\nimport { z } from 'zod';"],
      ['server/wfm/b.ts', "import { a } from './a.ts';"],
      ['server/db/q.ts', "import type { P } from '../kpi/p.ts';\nimport { c } from '../wfm/canonical.ts';"],
      ['server/kpi/p.ts', ''],
      ['server/wfm/canonical.ts', ''],
      ['web/src/x.tsx', "import { staff } from '../../server/wfm/b.ts';\nimport { rows } from '../../server/kpi/p.ts';\nimport type { P } from '../../server/kpi/p.ts';"],
    ]);
    expect(layerProblems(files, new Map())).toEqual([
      'server/wfm/a.ts → node:fs: server/wfm is pure (the browser imports it): no Node built-ins',
      'server/wfm/a.ts → ../db/q.ts: server/wfm is pure: it imports only server/wfm',
      'server/db/q.ts → ../kpi/p.ts: server/db sits below server/kpi: it may not import it',
      'web/src/x.tsx → ../../server/kpi/p.ts: web imports from server/ only server/wfm (and types)',
      'import cycle: server/wfm/a.ts → server/wfm/b.ts → server/wfm/a.ts',
    ]);
  });

  it('skips a known exception, and reports one that is gone', () => {
    const files = new Map([
      ['server/db/q.ts', "import type { P } from '../kpi/p.ts';"],
      ['server/kpi/p.ts', ''],
    ]);
    const known = new Map([
      ['server/db/q.ts → ../kpi/p.ts', 'waiting'],
      ['server/db/gone.ts → ../kpi/p.ts', 'fixed already'],
    ]);
    expect(layerProblems(files, known)).toEqual(['server/db/gone.ts → ../kpi/p.ts: listed in KNOWN_EXCEPTIONS but no longer imported; remove it from the list']);
  });
});
