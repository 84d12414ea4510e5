/**
 * When FCR figures become final: the latest offered_at of the answered contacts with a
 * member ID (the only ones whose FCR waits for a window to close), per group, in a range
 * with the KPI filters. A figure is provisional while that instant plus the FCR window is
 * after the latest offered_at in the database.
 */
import type { Database } from '../database.ts';
import { DIMENSION_SQL, filterSql, type Dimension, type KpiParams, type SqlParams } from './kpis.ts';
import { ANSWERED } from './kpiSums.ts';

export type LatestAnsweredRow = Partial<Record<Dimension, string | number | null>> & { latestUs: number | null };

export async function queryLatestAnsweredByGroup(db: Database, q: Pick<KpiParams, 'from' | 'to' | 'where' | 'group'>): Promise<LatestAnsweredRow[]> {
  const params: SqlParams = {};
  const where = filterSql(q, params);
  const keys = q.group.map((d) => `${DIMENSION_SQL[d]} AS "${d}"`);
  const sql = `
    SELECT ${[...keys, `epoch_us(max(offered_at) FILTER (WHERE ${ANSWERED} AND member_key IS NOT NULL))::DOUBLE AS "latestUs"`].join(', ')}
    FROM contacts
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ${keys.length ? 'GROUP BY ALL' : ''}`;
  return db.query<LatestAnsweredRow>(sql, params);
}
