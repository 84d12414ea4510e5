/**
 * The database schema as a list of forward migrations. A migration is never edited once
 * released: add a new one. `schema_version` records which have run.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { transaction } from './transaction.ts';

interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    description: 'contacts, ingest batches and rejects, settings, forecast events',
    sql: `
      CREATE TABLE settings (
        key VARCHAR PRIMARY KEY,
        value VARCHAR NOT NULL
      );

      CREATE SEQUENCE batch_id_seq START 1;
      CREATE TABLE ingest_batches (
        batch_id INTEGER PRIMARY KEY DEFAULT nextval('batch_id_seq'),
        source VARCHAR NOT NULL,
        file_name VARCHAR NOT NULL,
        file_size BIGINT,
        sha256 VARCHAR,
        format VARCHAR,
        started_at TIMESTAMPTZ NOT NULL,
        finished_at TIMESTAMPTZ,
        outcome VARCHAR NOT NULL,          -- committed | refused | duplicate_file | failed
        message VARCHAR,
        rows_read INTEGER NOT NULL DEFAULT 0,
        rows_accepted INTEGER NOT NULL DEFAULT 0,
        rows_rejected INTEGER NOT NULL DEFAULT 0,
        rows_already_present INTEGER NOT NULL DEFAULT 0,
        rows_flagged INTEGER NOT NULL DEFAULT 0,
        unknown_columns VARCHAR[],
        duplicate_of INTEGER
      );

      CREATE TABLE ingest_rejects (
        batch_id INTEGER NOT NULL,
        row_number INTEGER NOT NULL,       -- 1-based data row (the header is row 0)
        reason VARCHAR NOT NULL,
        raw VARCHAR                        -- JSON of the row's raw values, member_id redacted
      );

      -- One row per contact that reached a queue or was contained in the IVR.
      -- Key: (source, contact_id), enforced by the ingest (anti-join), not by an index,
      -- so bulk loads stay fast.
      CREATE TABLE contacts (
        source VARCHAR NOT NULL,
        contact_id VARCHAR NOT NULL,
        batch_id INTEGER NOT NULL,
        queue VARCHAR NOT NULL,
        channel VARCHAR NOT NULL,          -- voice | chat | email | portal
        plan VARCHAR,
        state VARCHAR,
        tier TINYINT,
        reason VARCHAR,
        offered_at TIMESTAMPTZ NOT NULL,
        answered_at TIMESTAMPTZ,
        ended_at TIMESTAMPTZ,
        talk_s DOUBLE,
        hold_s DOUBLE,
        acw_s DOUBLE,
        agent_id VARCHAR,
        member_key VARCHAR,                -- keyed HMAC-SHA256 of the normalized member id
        transferred BOOLEAN,
        ivr_contained BOOLEAN NOT NULL DEFAULT false,
        resolved BOOLEAN,
        csat TINYINT,                      -- 1..5, null when absent or dropped as out of range
        nps TINYINT,                       -- 0..10, likewise
        -- derived at ingest
        wait_s DOUBLE,                     -- answered: answered-offered; abandoned: ended-offered
        abandoned BOOLEAN NOT NULL,        -- reached the queue and was not answered
        handle_s DOUBLE,                   -- talk+hold+acw of answered contacts; null when flagged
        local_date DATE NOT NULL,          -- site-local date of offered_at
        interval15 TIMESTAMPTZ NOT NULL,   -- instant that starts the local 15-minute interval
        interval30 TIMESTAMPTZ NOT NULL,
        next_contact_at TIMESTAMPTZ,       -- same member's next contact (any queue/channel)
        next_same_reason_at TIMESTAMPTZ,   -- same member's next contact with the same reason
        flags VARCHAR[]
      );

      CREATE TABLE forecast_events (
        event_id VARCHAR PRIMARY KEY,
        name VARCHAR NOT NULL,
        queue VARCHAR,                     -- null: every queue
        channel VARCHAR,                   -- null: every channel
        start_date DATE NOT NULL,
        end_date DATE NOT NULL,            -- inclusive
        lift DOUBLE NOT NULL,              -- multiplier on volume, e.g. 1.2 = +20%
        created_at TIMESTAMPTZ NOT NULL
      );
    `,
  },
  {
    version: 2,
    description: 'metric targets per queue',
    sql: `
      -- Overrides of the metric registry's default targets; queue '*' = every queue.
      CREATE TABLE metric_targets (
        metric VARCHAR NOT NULL,
        queue VARCHAR NOT NULL,
        target VARCHAR NOT NULL,           -- JSON of a Target (server/wfm/kpi.ts)
        updated_at TIMESTAMPTZ NOT NULL,
        PRIMARY KEY (metric, queue)
      );
    `,
  },
  {
    version: 3,
    description: 'daily KPI rollup',
    sql: `
      -- KPI sums per local day and queue/channel/plan/state/tier at the default thresholds
      -- (server/db/queries/dailyRollup.ts builds and refreshes it; a settings key records
      -- the definition it was built with, and a stale rollup is rebuilt at start).
      CREATE TABLE daily_rollup (
        local_date DATE NOT NULL,
        queue VARCHAR NOT NULL,
        channel VARCHAR NOT NULL,
        plan VARCHAR,
        state VARCHAR,
        tier TINYINT,
        offered DOUBLE, answered DOUBLE, abandoned DOUBLE, "shortAbandoned" DOUBLE,
        "answeredWithinThreshold" DOUBLE, "abandonedWithinThreshold" DOUBLE,
        "answeredWaitSum" DOUBLE, "longAbandonWaitSum" DOUBLE, handled DOUBLE, "handleSum" DOUBLE,
        "csatResponses" DOUBLE, "csatSatisfied" DOUBLE, "csatSum" DOUBLE,
        "npsResponses" DOUBLE, "npsPromoters" DOUBLE, "npsDetractors" DOUBLE,
        transferred DOUBLE, "ivrContained" DOUBLE,
        fcr_member_answered DOUBLE, fcr_member_repeat DOUBLE, fcr_member_repeat_same_reason DOUBLE,
        fcr_nomember_eligible DOUBLE, fcr_nomember_resolved DOUBLE
      );
    `,
  },
  {
    version: 4,
    description: 'interval KPI rollup',
    sql: `
      -- The same sums per local 15-minute interval × queue × channel (dailyRollup.ts).
      CREATE TABLE interval_rollup AS SELECT * EXCLUDE (plan, state, tier) FROM daily_rollup WHERE false;
      ALTER TABLE interval_rollup ADD COLUMN interval15 TIMESTAMPTZ;
      ALTER TABLE interval_rollup ADD COLUMN interval30 TIMESTAMPTZ;
    `,
  },
  {
    version: 5,
    description: 'refused batches say why, which rows, and whether the rows were read',
    sql: `
      -- read_rows: the rows were read and classified (rows_read = accepted + rejected +
      -- already present); NULL on batches from before: read as outcome = 'committed'.
      ALTER TABLE ingest_batches ADD COLUMN read_rows BOOLEAN;
      -- JSON {code, rowCount, rows: [{row, line, rule}]} of a refused batch (no values: PHI).
      ALTER TABLE ingest_batches ADD COLUMN refusal VARCHAR;
    `,
  },
  {
    version: 6,
    description: 'metric targets per queue, channel and tier',
    sql: `
      -- Target overrides keyed by queue, channel and tier, each '*' for any value
      -- (server/kpi/targets.ts: the most specific override that matches a row wins).
      -- The overrides per queue carry over with channel and tier '*'.
      CREATE TABLE metric_targets_v6 (
        metric VARCHAR NOT NULL,
        queue VARCHAR NOT NULL DEFAULT '*',
        channel VARCHAR NOT NULL DEFAULT '*',
        tier VARCHAR NOT NULL DEFAULT '*',     -- '1'..'9' or '*'
        target VARCHAR NOT NULL,               -- JSON of a Target (server/wfm/kpi.ts)
        updated_at TIMESTAMPTZ NOT NULL,
        PRIMARY KEY (metric, queue, channel, tier)
      );
      INSERT INTO metric_targets_v6 SELECT metric, queue, '*', '*', target, updated_at FROM metric_targets;
      DROP TABLE metric_targets;
      ALTER TABLE metric_targets_v6 RENAME TO metric_targets;
    `,
  },
  {
    version: 7,
    description: 'KPI rollups defined by the list of sums',
    sql: `
      -- The rollup tables are now made by server/db/queries/dailyRollup.ts from the list of
      -- KPI sums (kpiSums.ts), and made anew whenever that list changes; drop the fixed ones
      -- of versions 3 and 4 and forget the version they were built with.
      DROP TABLE IF EXISTS interval_rollup;
      DROP TABLE IF EXISTS daily_rollup;
      DELETE FROM settings WHERE key = 'daily_rollup_version';
    `,
  },
  {
    version: 8,
    description: 'saved capacity scenarios',
    sql: `
      -- A capacity scenario (server/wfm/capacity/scenario.ts) as the planner entered it, JSON,
      -- stored unchanged; baseline_id: the scenario it was cloned from. Names are unique
      -- (checked by server/db/queries/scenarios.ts, not by an index: DuckDB refuses an UPDATE
      -- of an indexed column in some cases). IF NOT EXISTS: safe to run again.
      CREATE SEQUENCE IF NOT EXISTS scenario_id_seq START 1;
      CREATE TABLE IF NOT EXISTS scenarios (
        id INTEGER PRIMARY KEY DEFAULT nextval('scenario_id_seq'),
        name VARCHAR NOT NULL,
        scenario VARCHAR NOT NULL,
        baseline_id INTEGER,
        created_at TIMESTAMPTZ NOT NULL,
        updated_at TIMESTAMPTZ NOT NULL
      );
    `,
  },
  {
    version: 9,
    description: 'site calendar: hours of operation, observed holidays, closures',
    sql: `
      -- One calendar per site, as the JSON of a SiteCalendar (server/wfm/siteCalendar.ts),
      -- checked by parseSiteCalendar on the way in and out (server/db/queries/calendar.ts).
      -- No row: the default calendar.
      -- IF NOT EXISTS: a test re-runs the migrations after 4 on a database that has this one.
      CREATE TABLE IF NOT EXISTS site_calendar (
        site VARCHAR PRIMARY KEY,
        calendar VARCHAR NOT NULL,
        updated_at TIMESTAMPTZ NOT NULL
      );
    `,
  },
  {
    version: 16,
    description: 'ingests in progress, so a crash leaves a failed batch on record',
    sql: `
      -- One row per ingest that has started and not ended, written before its transaction
      -- and deleted inside it (committed) or after it (refused, failed). A row found at start
      -- belongs to a process that was killed: it becomes a failed batch (server/ingest/recover.ts).
      CREATE SEQUENCE IF NOT EXISTS ingest_running_seq START 1;
      CREATE TABLE IF NOT EXISTS ingest_running (
        id INTEGER PRIMARY KEY DEFAULT nextval('ingest_running_seq'),
        source VARCHAR NOT NULL,
        file_name VARCHAR NOT NULL,
        file_size BIGINT,
        format VARCHAR,
        started_at TIMESTAMPTZ NOT NULL
      );
    `,
  },
];

/**
 * Applies every migration the database has not run, in version order, each in its own
 * transaction. By the set of versions run, not the highest: two branches may number their
 * migrations 8 and 9, and a database made on the branch with 9 still gets 8 after a merge.
 */
export async function migrate(conn: DuckDBConnection): Promise<number> {
  await conn.run(`CREATE TABLE IF NOT EXISTS schema_version (
    version INTEGER PRIMARY KEY, description VARCHAR, applied_at TIMESTAMPTZ NOT NULL)`);
  const reader = await conn.runAndReadAll('SELECT version::INTEGER AS v FROM schema_version');
  const applied = new Set(reader.getRowObjectsJS().map((r) => Number(r.v)));
  for (const m of MIGRATIONS.filter((x) => !applied.has(x.version)).sort((a, b) => a.version - b.version)) {
    await transaction(conn, async () => {
      await conn.run(m.sql);
      await conn.run('INSERT INTO schema_version VALUES ($v, $d, now())', { v: m.version, d: m.description });
    });
  }
  return MIGRATIONS.at(-1)!.version;
}
