/**
 * `staffcast capacity` end to end through bin/staffcast.js: the JSON shape, a scenario
 * file overridden by flags, CSV, and exit 2 naming the field. Processes run in parallel.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FLAT_SCENARIO } from '../fixtures/capacity.ts';
import { runCli } from '../helpers/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'staffcast-capacity-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (args: string[]) => runCli(args, { TZ: 'UTC' });

// The shared flat scenario, with the months and members left to the flags.
const { months: _months, ...FLAT_SHAPE } = FLAT_SCENARIO;
const FLAT = { ...FLAT_SHAPE, members: 1 };
writeFileSync(join(dir, 'flat.json'), JSON.stringify(FLAT));
writeFileSync(join(dir, 'enrollment.csv'), 'month,plan,members\n2027-01,mcd,12000\n2027-02,mcd,12500\n2027-01,dsnp,2500\n2027-02,dsnp,2600\n');
writeFileSync(join(dir, 'enrollment-bad.csv'), 'month,plan,members\n2027-01,mcd,-3\n');
writeFileSync(join(dir, 'bad.json'), JSON.stringify({ members: 100, shrinkage: 1 }));

describe('staffcast capacity', () => {
  it('JSON, table, CSV and errors', async () => {
    const [json, table, csv, badFlag, badFile, missing, enrolled, badEnrollment] = await Promise.all([
      run(['capacity', '--members', '15000', '--scenario', join(dir, 'flat.json'), '--months', '2', '--json']),
      run(['capacity', '--members', '15000', '--start-month', '2027-01']),
      run(['capacity', '--members', '15000', '--scenario', join(dir, 'flat.json'), '--months', '1', '--format', 'csv']),
      run(['capacity', '--members', '-5']),
      run(['capacity', '--scenario', join(dir, 'bad.json'), '--start-month', '2027-01']),
      run(['capacity']),
      run(['capacity', '--enrollment', join(dir, 'enrollment.csv'), '--json']),
      run(['capacity', '--enrollment', join(dir, 'enrollment-bad.csv')]),
    ]);
    expect(json.code).toBe(0);
    const plan = JSON.parse(json.stdout);
    expect(plan.months).toHaveLength(2);
    const m = plan.months[0];
    expect(Object.keys(m)).toEqual(
      expect.arrayContaining(['month', 'members', 'contacts', 'requiredFte', 'bindingConstraint', 'effectiveFte', 'gap', 'membersPerTier1Rep', 'hires', 'surgeTemps', 'cost']),
    );
    expect(Object.keys(m.contacts)).toEqual(['voice', 'chat', 'email', 'portal']);
    expect(Object.keys(m.requiredFte)).toEqual(['tier1', 'tier2', 'tier3', 'total']);
    expect(m.cost).toMatchObject({ outsourced: 41_250 });
    // --members overrides the file's 1; the flat shape as in test/unit/capacity.test.ts: Tier 1 =
    // 150 agent-h ÷ 30 h + (60/13 h) ÷ 30 h = 5 + 2/13 FTE.
    expect(m.month).toBe('2027-02');
    expect(m.members).toBe(15_000);
    expect(m.requiredFte.tier1).toBeCloseTo(5 + 2 / 13, 9);
    expect(plan.totals.cost.inHouse).toBeGreaterThan(0);

    expect(table.code).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^ +month +members +contacts +FTE t1/);
    expect(table.stdout).toContain('2027-01*'); // January is a surge month
    expect(table.stdout).toMatch(
      /rule of thumb \(1 Tier-1 rep per 2,500–3,500 members; 1–2 Tier-2 per 15,000\), outside surge months: \d\.\d Tier-1 FTE for 15,000 members \([\d,]+ per FTE\): within the range 4\.3–6\.0/,
    );
    expect(table.stdout).toContain('t3 binding');
    expect(table.stdout).toContain('Tier-3 minimum');

    expect(csv.code).toBe(0);
    const [header, row] = csv.stdout.trim().split('\n');
    expect(header!.split(',').slice(0, 3)).toEqual(['month', 'surge', 'members']);
    expect(row!.startsWith('2027-02,false,15000,1500,0,60,90,5.153846154,')).toBe(true);

    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toBe('staffcast: invalid --members: must be ≥ 0\n');
    expect(badFile.code).toBe(2);
    expect(badFile.stderr).toBe(`staffcast: invalid shrinkage (in ${join(dir, 'bad.json')}): must be < 1\n`);
    expect(enrolled.code).toBe(0);
    const e = JSON.parse(enrolled.stdout);
    // 12,000 + 2,500 = 14,500 in January; 12,500 + 2,600 = 15,100 in February.
    expect(e.months.map((m: { month: string; members: number }) => [m.month, m.members])).toEqual([
      ['2027-01', 14_500],
      ['2027-02', 15_100],
    ]);
    expect(badEnrollment.code).toBe(2);
    expect(badEnrollment.stderr).toBe('staffcast: invalid --enrollment: line 2: members "-3" must be a number ≥ 0\n');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('invalid --members: required');
  });
});
