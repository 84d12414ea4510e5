/**
 * The capacity planner's history (GET /api/capacity/history, `capacity --from-history`) on the
 * KPI bench's database of generated contacts (10 M; `--quick`: 1 M), through
 * `capacityHistoryDefaults`: from the KPI rollups (what the server does while they are
 * current) and from the contact rows (what it did before, and does while a rollup is stale).
 * The bench database has no case log, so the case query costs next to nothing here.
 */
import { loadavg } from 'node:os';
import { Database } from '../../server/db/database.ts';
import { capacityHistoryDefaults } from '../../server/db/queries/capacityHistory.ts';
import { ensureDailyRollup } from '../../server/db/queries/dailyRollup.ts';
import { timeBest, timeOnce, type Bench } from './harness.ts';
import { kpisDatabase, TZ } from './kpis.ts';

const load = () => `load ${loadavg()[0]!.toFixed(1)}`;

export default async function capacity(b: Bench): Promise<void> {
  const dbPath = await kpisDatabase(b);
  const db = await Database.open(dbPath);
  try {
    await db.withConnection(ensureDailyRollup);
    const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::DOUBLE AS n FROM contacts');
    const size = `${(n / 1e6).toFixed(1)} M contacts`;
    b.record('history from the rollups, first call after opening', await timeOnce(() => capacityHistoryDefaults(db, TZ)), 'ms', `${size}, ${load()}`);
    b.record('history from the rollups, warm (best of 3)', await timeBest(() => capacityHistoryDefaults(db, TZ), 3), 'ms', `${size}, ${load()}`);
    b.record('history from the contact rows, warm (best of 3)', await timeBest(() => capacityHistoryDefaults(db, TZ, 'contacts'), 3), 'ms', `${size}, ${load()}: the query before`);
  } finally {
    db.close();
  }
}
