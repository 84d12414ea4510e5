/**
 * Times the SLA report on a database: the calendar rows built in TypeScript, then each
 * definition's counts in SQL. `npx tsx scripts/bench-sla.ts DB FROM TO [PERIOD]`; the figures
 * go to docs/sla.md ("Cost").
 */
import { Database } from '../server/db/database.ts';
import { querySlaCounts } from '../server/db/queries/slaCounts.ts';
import { loadSiteCalendar } from '../server/calendar/service.ts';
import { calendarTables, loadSlaDefinitions } from '../server/sla/service.ts';
import { getSetting } from '../server/db/queries/settings.ts';

const [path, from, to, period] = process.argv.slice(2);
if (!path || !from || !to) throw new Error('usage: bench-sla.ts DB FROM TO [PERIOD]');
const db = await Database.open(path, { readOnly: true });
const tz = (await getSetting(db, 'timezone')) ?? 'America/Los_Angeles';
const n = (await db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM contacts WHERE local_date >= $f::DATE AND local_date < $t::DATE', { f: from, t: to }))[0]!.n;
const { definitions } = await loadSlaDefinitions(db);
const { calendar } = await loadSiteCalendar(db, tz);
let t = performance.now();
const tables = await calendarTables(db, calendar, { from, to, where: {} }, definitions);
console.log(`${n} contacts; calendar rows: ${tables.intervals.length} open intervals in ${(performance.now() - t).toFixed(0)} ms`);
for (const def of definitions) {
  t = performance.now();
  const rows = await querySlaCounts(db, { def, from, to, where: {}, group: [], period: (period as 'month') ?? null, timezone: tz, ...tables });
  console.log(`${def.id}: ${rows.length} rows in ${(performance.now() - t).toFixed(0)} ms`);
}
db.close();
