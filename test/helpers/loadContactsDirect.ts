/**
 * Loads a canonical contact CSV straight into `contacts` with the derivations done in SQL,
 * bypassing the ingest pipeline, so the KPI engine can be tested on its own. Only for
 * clean fixtures: no validation happens here.
 */
import type { Database } from '../../server/db/database.ts';

export async function loadContactsDirect(db: Database, csvPath: string, timezone: string): Promise<void> {
  await db.query(
    `INSERT INTO contacts BY NAME
     WITH raw AS (SELECT * FROM read_csv($path, all_varchar = true, header = true)),
     typed AS (
       SELECT 'default' AS source, contact_id, 0 AS batch_id, queue, channel, plan, state,
         tier::TINYINT AS tier, reason,
         offered_at::TIMESTAMPTZ AS offered_at, answered_at::TIMESTAMPTZ AS answered_at,
         ended_at::TIMESTAMPTZ AS ended_at,
         talk_s::DOUBLE AS talk_s, hold_s::DOUBLE AS hold_s, acw_s::DOUBLE AS acw_s, agent_id,
         CASE WHEN member_id IS NULL THEN NULL ELSE sha256(member_id) END AS member_key,
         transferred::BOOLEAN AS transferred, coalesce(ivr_contained::BOOLEAN, false) AS ivr_contained,
         resolved::BOOLEAN AS resolved, csat::TINYINT AS csat, nps::TINYINT AS nps
       FROM raw)
     SELECT *,
       CASE WHEN answered_at IS NOT NULL THEN epoch(answered_at) - epoch(offered_at)
            WHEN NOT ivr_contained THEN epoch(ended_at) - epoch(offered_at) END AS wait_s,
       (NOT ivr_contained AND answered_at IS NULL) AS abandoned,
       CASE WHEN answered_at IS NOT NULL AND talk_s + hold_s + acw_s > 0 AND talk_s + hold_s + acw_s <= 28800
            THEN talk_s + hold_s + acw_s END AS handle_s,
       (offered_at AT TIME ZONE $tz)::DATE AS local_date,
       time_bucket(INTERVAL '15 minutes', offered_at, $tz) AS interval15,
       time_bucket(INTERVAL '30 minutes', offered_at, $tz) AS interval30,
       lead(offered_at) OVER (PARTITION BY member_key ORDER BY offered_at) AS next_contact_at,
       lead(offered_at) OVER (PARTITION BY member_key, reason ORDER BY offered_at) AS next_same_reason_at,
       []::VARCHAR[] AS flags
     FROM typed`,
    { path: csvPath, tz: timezone },
  );
}
