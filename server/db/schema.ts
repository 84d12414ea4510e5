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
    version: 10,
    description: 'users, sessions, audit trail',
    sql: `
      -- Users (server/auth/users.ts): scrypt hash with its parameters; failed_sign_ins and
      -- locked_until for the lockout after 3 failures; must_change_password after a
      -- one-time password (first start, reset).
      CREATE SEQUENCE IF NOT EXISTS user_id_seq START 1;
      CREATE TABLE IF NOT EXISTS users (
        user_id INTEGER PRIMARY KEY DEFAULT nextval('user_id_seq'),
        name VARCHAR NOT NULL UNIQUE,
        role VARCHAR NOT NULL,
        password_hash VARCHAR NOT NULL,
        must_change_password BOOLEAN NOT NULL DEFAULT false,
        disabled BOOLEAN NOT NULL DEFAULT false,
        failed_sign_ins INTEGER NOT NULL DEFAULT 0,
        locked_until TIMESTAMPTZ,
        last_sign_in_at TIMESTAMPTZ,
        created_at TIMESTAMPTZ NOT NULL,
        updated_at TIMESTAMPTZ NOT NULL
      );
      -- Sessions: the SHA-256 of the random session id, never the id itself.
      CREATE TABLE IF NOT EXISTS sessions (
        id_hash VARCHAR PRIMARY KEY,
        user_id INTEGER NOT NULL,
        address VARCHAR,
        created_at TIMESTAMPTZ NOT NULL,
        last_seen_at TIMESTAMPTZ NOT NULL,
        expires_at TIMESTAMPTZ NOT NULL
      );
      -- The audit trail: rows are only ever inserted, and deleted only by the retention
      -- purge (server/db/queries/audit.ts), which records itself.
      CREATE SEQUENCE IF NOT EXISTS audit_id_seq START 1;
      CREATE TABLE IF NOT EXISTS audit_log (
        audit_id BIGINT PRIMARY KEY DEFAULT nextval('audit_id_seq'),
        occurred_at TIMESTAMPTZ NOT NULL,
        actor VARCHAR,
        role VARCHAR,
        address VARCHAR,
        action VARCHAR NOT NULL,
        method VARCHAR,
        path VARCHAR,
        filters VARCHAR,
        status INTEGER,
        outcome VARCHAR NOT NULL,
        detail VARCHAR
      );
    `,
  },
  {
    version: 11,
    description: 'case logs (appeals, grievances, claim research, escalations), their batches and rejects, deadline rule overrides',
    sql: `
      -- A case log file's ingest (server/cases/ingest.ts): the same outcomes as ingest_batches.
      CREATE SEQUENCE IF NOT EXISTS case_batch_id_seq START 1;
      CREATE TABLE IF NOT EXISTS case_batches (
        batch_id INTEGER PRIMARY KEY DEFAULT nextval('case_batch_id_seq'),
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
        rows_accepted INTEGER NOT NULL DEFAULT 0,   -- inserted + updated
        rows_updated INTEGER NOT NULL DEFAULT 0,
        rows_rejected INTEGER NOT NULL DEFAULT 0,
        rows_already_present INTEGER NOT NULL DEFAULT 0,
        unknown_columns VARCHAR[]
      );
      CREATE TABLE IF NOT EXISTS case_rejects (
        batch_id INTEGER NOT NULL,
        row_number INTEGER NOT NULL,       -- 1-based data row (the header is row 0)
        reason VARCHAR NOT NULL,
        raw VARCHAR                        -- JSON of the row's raw values, member_id redacted
      );
      -- One row per case; key (source, case_id), kept by the ingest. member_key: keyed HMAC.
      CREATE TABLE IF NOT EXISTS cases (
        source VARCHAR NOT NULL,
        case_id VARCHAR NOT NULL,
        batch_id INTEGER NOT NULL,
        member_key VARCHAR,
        type VARCHAR NOT NULL,
        priority VARCHAR NOT NULL,
        program VARCHAR NOT NULL,
        plan VARCHAR,
        state VARCHAR,
        tier TINYINT,
        received_at TIMESTAMPTZ NOT NULL,
        acknowledged_at TIMESTAMPTZ,
        resolved_at TIMESTAMPTZ,
        extended BOOLEAN NOT NULL DEFAULT false,
        outcome VARCHAR
      );
      -- A plan's own deadline values (server/wfm/cases/deadlineRules.ts), one per key.
      CREATE TABLE IF NOT EXISTS case_deadline_overrides (
        milestone VARCHAR NOT NULL,
        type VARCHAR NOT NULL,
        program VARCHAR NOT NULL,
        priority VARCHAR NOT NULL,
        plan VARCHAR NOT NULL,
        rule VARCHAR NOT NULL,             -- the rule as JSON, checked by parseDeadlineRule
        updated_at TIMESTAMPTZ NOT NULL
      );
    `,
  },
  {
    version: 12,
    description: 'SLA definitions and editable compliance-template copies',
    sql: `
      -- The site's SLA definitions (server/wfm/sla/definition.ts), JSON, checked by
      -- parseSlaDefinition on the way in and out (server/db/queries/slaDefinitions.ts), in
      -- list order. No rows: the defaults in code (DEFAULT_SLAS).
      CREATE TABLE IF NOT EXISTS sla_definitions (
        id VARCHAR PRIMARY KEY,
        position INTEGER NOT NULL,
        definition VARCHAR NOT NULL,
        updated_at TIMESTAMPTZ NOT NULL
      );
      -- Editable copies of the compliance templates shipped as JSON in the repository
      -- (server/compliance/templates/); a copy with a template's name is used instead of it.
      CREATE TABLE IF NOT EXISTS compliance_templates (
        name VARCHAR PRIMARY KEY,
        template VARCHAR NOT NULL,
        updated_at TIMESTAMPTZ NOT NULL
      );
    `,
  },
  {
    version: 13,
    description: 'interval aggregates from interval reports (Avaya CMS split/skill, generic)',
    sql: `
      -- One row per queue × channel × report interval, from a report that has no contact
      -- rows (server/ingest/intervals/). Counts and sums, never averages or percentages:
      -- the reader turns those back into sums where the report allows, else NULL (unknown).
      -- Key: (source, queue, channel, interval_start); a re-delivered interval replaces the
      -- stored one. A row whose queue and channel have contacts offered inside its interval
      -- is not counted by the KPI queries (contacts win: server/db/queries/intervalSums.ts).
      -- IF NOT EXISTS: safe to run again.
      CREATE TABLE IF NOT EXISTS interval_aggregates (
        source VARCHAR NOT NULL,
        batch_id INTEGER NOT NULL,
        row_number INTEGER NOT NULL,         -- the file's data row it came from
        queue VARCHAR NOT NULL,
        channel VARCHAR NOT NULL,            -- voice | chat | email | portal
        interval_start TIMESTAMPTZ NOT NULL, -- the instant the report interval starts
        interval_minutes SMALLINT NOT NULL,  -- its length: 5, 10, 15, 30 or 60
        local_date DATE NOT NULL,            -- site-local date of interval_start
        interval15 TIMESTAMPTZ NOT NULL,     -- the local 15/30-minute interval holding interval_start
        interval30 TIMESTAMPTZ NOT NULL,
        offered INTEGER NOT NULL,
        answered INTEGER NOT NULL,
        abandoned INTEGER NOT NULL,          -- offered may exceed answered + abandoned (outflows, busies)
        answered_within INTEGER,             -- answered with wait <= sl_threshold_s; NULL: unknown
        sl_threshold_s DOUBLE,               -- the report's own service-level threshold
        answered_wait_sum DOUBLE,            -- seconds, over the answered
        abandoned_wait_sum DOUBLE,           -- seconds, over the abandoned
        talk_sum DOUBLE,
        hold_sum DOUBLE,
        acw_sum DOUBLE,
        handle_sum DOUBLE,                   -- talk + hold + acw as the report defines handle time
        flags VARCHAR[]                      -- e.g. a sum rebuilt from a rounded average
      );
    `,
  },
  {
    version: 14,
    description: 'enrollment history per plan per month',
    sql: `
      -- Members enrolled per plan and month (YYYY-MM), as loaded by the capacity planner
      -- (PUT /api/capacity/enrollment-history): the denominator of contacts per member per
      -- month (server/wfm/capacity/history.ts). A later load replaces a plan's month.
      CREATE TABLE IF NOT EXISTS enrollment_history (
        month VARCHAR NOT NULL,
        plan VARCHAR NOT NULL,
        members DOUBLE NOT NULL,
        loaded_at TIMESTAMPTZ NOT NULL,
        PRIMARY KEY (month, plan)
      );
    `,
  },
  {
    version: 18,
    description: 'batches can be undone: replaced-row count, undo time and note',
    sql: `
      -- rows_replaced: stored contacts the batch replaced (an undo cannot restore them);
      -- NULL on batches from before this was recorded.
      ALTER TABLE ingest_batches ADD COLUMN IF NOT EXISTS rows_replaced INTEGER;
      -- outcome 'undone': the batch's contacts were removed; the row and its rejects stay.
      ALTER TABLE ingest_batches ADD COLUMN IF NOT EXISTS undone_at TIMESTAMPTZ;
      ALTER TABLE ingest_batches ADD COLUMN IF NOT EXISTS undo_note VARCHAR;
    `,
  },
  {
    version: 19,
    description: 'named mapping profiles for contact exports in no known format',
    sql: `
      -- The profile is the JSON of a MappingProfile (server/wfm/mapping/profile.ts), checked on
      -- the way in and out (server/db/queries/mappingProfiles.ts).
      CREATE TABLE IF NOT EXISTS mapping_profiles (
        name VARCHAR PRIMARY KEY,
        profile VARCHAR NOT NULL,
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
  {
    version: 20,
    description: 'ivr_contained may be unknown: a source without the column has no IVR containment',
    sql: `
      -- Empty = the source does not say (IVR containment is then null, not 0). Rows stored
      -- before hold false where their file said nothing; the ingest compares empty and false
      -- as equal (ingest-plan.ts), so reloading them adds no conflicts.
      ALTER TABLE contacts ALTER COLUMN ivr_contained DROP NOT NULL;
      ALTER TABLE contacts ALTER COLUMN ivr_contained DROP DEFAULT;
    `,
  },
  {
    version: 21,
    description: 'who loaded each batch: only they or an admin may undo it',
    sql: `
      -- The signed-in user's name, os:<user> for the command line on the file, sample-data for
      -- the first-start seed; NULL for batches loaded before it was recorded (an admin's to undo).
      ALTER TABLE ingest_batches ADD COLUMN IF NOT EXISTS loaded_by VARCHAR;
    `,
  },
];

/** The versions a database has not run yet (every one when it has no schema_version table). */
export async function pendingMigrations(conn: DuckDBConnection): Promise<number[]> {
  const exists = await conn.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name = 'schema_version'`);
  if (Number(exists.getRowObjectsJS()[0]?.n ?? 0) === 0) return MIGRATIONS.map((m) => m.version);
  const reader = await conn.runAndReadAll('SELECT version::INTEGER AS v FROM schema_version');
  const applied = new Set(reader.getRowObjectsJS().map((r) => Number(r.v)));
  return MIGRATIONS.map((m) => m.version).filter((v) => !applied.has(v));
}

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
  const pending = MIGRATIONS.filter((x) => !applied.has(x.version)).sort((a, b) => a.version - b.version);
  for (const m of pending) {
    await transaction(conn, async () => {
      await conn.run(m.sql);
      await conn.run('INSERT INTO schema_version VALUES ($v, $d, now())', { v: m.version, d: m.description });
    });
  }
  // The new schema goes into the database file itself, not only its write-ahead log: DuckDB
  // 1.5 failed to replay the log of a file killed during its first ingest, before any
  // checkpoint ("GetDefaultDatabase with no default database set", docs/reliability.md).
  if (pending.length > 0) await conn.run('CHECKPOINT');
  return MIGRATIONS.at(-1)!.version;
}
