/**
 * The SQL that turns the text rows of one file (a reader subquery whose every value is
 * VARCHAR) into typed, derived contact rows with a reject reason per row (`ingest_parsed`),
 * in one pass: the file is read and parsed by the same statement.
 *
 * Building the SQL is pure. Identifiers come only from the canonical column list; every
 * value (time zones, bounds) is a bound parameter:
 *   $tz       declared zone for timestamps without an offset (NULL: none declared)
 *   $latest   ISO instant bounding offered_at (the far-future rule; there is no earliest date)
 *
 * Each value is parsed explicitly (DuckDB's own casts accept too much, and its CSV reader
 * turns a bad TIMESTAMPTZ into NULL silently), a failure yields the row's first failing rule
 * as `invalid <field>: <problem>`, and survey scores out of range are dropped with a flag.
 */
import { CANONICAL_COLUMNS, ENUM_VALUES, FALSE_TOKENS, FLAGS, LIMITS, SCORE_RANGE, SENTINEL_DATES, TRUE_TOKENS, type CanonicalColumn } from '../../wfm/canonical.ts';

// ISO 8601 date-time: date, 'T' or space, hh:mm[:ss[.fraction]], optional Z or ±hh[[:]mm].
// Tested as two full matches, with the offset first (the usual case: one regex per value):
// the local form ends in a digit, so no value matches both.
const ISO_LOCAL = String.raw`\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?`;
const ISO_OFFSET = String.raw`${ISO_LOCAL}([Zz]|[+-]\d{2}(:?\d{2})?)`;
const NUMBER = String.raw`[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?`;
const CONTROL = String.raw`[\x00-\x1f\x7f]`;
const PRINTABLE = String.raw`[\x20-\x7e]*`;
const INVISIBLE = String.raw`[\x{200B}-\x{200F}\x{202A}-\x{202E}\x{2060}-\x{2069}\x{FEFF}]`;

/**
 * The 1-based data row of a parsed row: carried by a repaired copy (`__rn`), else the
 * table's insertion order (preserve_insertion_order keeps file order).
 */
export const rnSql = (alias: string) => `coalesce(${alias}.__rn, ${alias}.rowid + 1)`;

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const list = (xs: readonly string[]) => `[${xs.map(lit).join(', ')}]`;
const q = (name: string) => `"${name}"`;

/** Canonical column names present in the file: the staged table has exactly these. */
export type PresentColumns = ReadonlySet<string>;

/** Free-text columns: checked for control characters and normalized (NFC, no invisibles). */
const isText = (c: CanonicalColumn) => c.kind === 'id' || c.kind === 'text' || c.kind === 'member';

/**
 * Level 0: each column trimmed once (NULL when empty or absent), and the control-character
 * check of free-text columns. Coded, numeric and time columns need no such check: a
 * control character fails their format rule.
 */
function level0(present: PresentColumns, from: string, carry: string[]): string {
  const out: string[] = ['r.__rn AS __rn'];
  // Fast path: one test over the free-text columns together; when they are all printable
  // ASCII (the usual row) no column has a control character or needs normalizing.
  const texts = CANONICAL_COLUMNS.filter((c) => isText(c) && present.has(c.name)).map((c) => `r.${q(c.name)}`);
  const plain = texts.length ? `regexp_full_match(concat(${texts.join(', ')}), '${PRINTABLE}')` : 'true';
  out.push(`${plain} AS __plain`);
  for (const c of CANONICAL_COLUMNS) {
    const n = c.name;
    out.push(present.has(n) ? `nullif(trim(r.${q(n)}), '') AS ${q(n)}` : `NULL::VARCHAR AS ${q(n)}`);
    if (isText(c)) {
      const ctl = present.has(n) ? `CASE WHEN ${plain} THEN false ELSE regexp_matches(r.${q(n)}, '${CONTROL}') END` : 'false';
      out.push(`${ctl} AS ${q(`${n}__ctl`)}`);
    }
  }
  for (const n of carry) out.push(`r.${q(n.startsWith('__raw_') ? n.slice(6) : n)} AS ${q(n)}`);
  return `SELECT ${out.join(',\n  ')} FROM ${from} r`;
}

/** Level 1a: each pattern test once per value. */
function level1a(): string {
  const out: string[] = ['a.*'];
  for (const c of CANONICAL_COLUMNS) {
    const x = `a.${q(c.name)}`;
    const n = c.name;
    if (c.kind === 'timestamp') {
      // __iso: either form; __off: with an offset (OR evaluates its right side only where
      // the left one is false).
      const off = `regexp_full_match(${x}, '${ISO_OFFSET}')`;
      out.push(`(${off} OR regexp_full_match(${x}, '${ISO_LOCAL}')) AS ${q(`${n}__iso`)}`, `${off} AS ${q(`${n}__off`)}`);
    } else if (c.kind === 'seconds' || c.kind === 'tier' || c.kind === 'score') {
      out.push(`regexp_full_match(${x}, '${NUMBER}') AS ${q(`${n}__isnum`)}`);
    }
  }
  return `SELECT ${out.join(',\n  ')} FROM (${level0Placeholder}) a`;
}
const level0Placeholder = '__LEVEL0__';

/** Level 1: typed values and per-field problems. */
function level1(present: PresentColumns, from: string, carry: string[]): string {
  const out: string[] = ['b.__rn', ...carry.map((n) => `b.${q(n)}`)];
  for (const c of CANONICAL_COLUMNS) {
    const n = c.name;
    const x = `b.${q(n)}`;
    if (isText(c)) out.push(`b.${q(`${n}__ctl`)}`);
    switch (c.kind) {
      case 'id':
      case 'text':
        // NFC and invisible characters only matter outside printable ASCII (the usual case).
        out.push(`CASE WHEN NOT b.__plain AND regexp_matches(${x}, '[^\\x20-\\x7e]') THEN trim(regexp_replace(nfc_normalize(${x}), '${INVISIBLE}', '', 'g')) ELSE ${x} END AS ${q(n)}`);
        break;
      case 'member':
        // Normalized and keyed in Node (pseudonym.ts); here only the raw text is carried.
        out.push(`${x} AS ${q(n)}`);
        break;
      case 'enum': {
        const v = `replace(replace(lower(${x}), ' ', '_'), '-', '_')`;
        out.push(`${v} AS ${q(n)}`, `(${x} IS NOT NULL AND NOT list_contains(${list(ENUM_VALUES[n]!)}, ${v})) AS ${q(`${n}__bad`)}`);
        break;
      }
      case 'timestamp': {
        const iso = `coalesce(b.${q(`${n}__iso`)}, false)`;
        const off = `coalesce(b.${q(`${n}__off`)}, false)`;
        // With an offset: the instant. Without: local time, resolved in $tz at level 2.
        out.push(
          `(${x} IS NULL) AS ${q(`${n}__empty`)}`,
          `(${x} IS NOT NULL AND NOT ${iso}) AS ${q(`${n}__shape`)}`,
          `(${iso} AND NOT ${off}) AS ${q(`${n}__naive`)}`,
          `CASE WHEN ${iso} AND ${off} THEN TRY_CAST(${x} AS TIMESTAMPTZ) END AS ${q(`${n}__tz`)}`,
          `CASE WHEN ${iso} AND NOT ${off} THEN TRY_CAST(${x} AS TIMESTAMP) END AS ${q(`${n}__local`)}`,
        );
        break;
      }
      case 'seconds':
      case 'tier':
      case 'score': {
        // A numeral that overflows a double (1e400) is not a number either.
        const v = `CASE WHEN coalesce(b.${q(`${n}__isnum`)}, false) THEN TRY_CAST(${x} AS DOUBLE) END`;
        const finite = `CASE WHEN NOT isinf(${v}) THEN ${v} END`;
        out.push(`${finite} AS ${q(n)}`, `(${x} IS NOT NULL AND ${finite} IS NULL) AS ${q(`${n}__nan`)}`);
        break;
      }
      case 'boolean': {
        const v = `lower(${x})`;
        out.push(
          `CASE WHEN list_contains(${list(TRUE_TOKENS)}, ${v}) THEN true WHEN list_contains(${list(FALSE_TOKENS)}, ${v}) THEN false END AS ${q(n)}`,
          `(${x} IS NOT NULL AND NOT list_contains(${list([...TRUE_TOKENS, ...FALSE_TOKENS])}, ${v})) AS ${q(`${n}__bad`)}`,
        );
        break;
      }
    }
  }
  return `SELECT ${out.join(',\n  ')} FROM (${level1a().replace(level0Placeholder, () => level0(present, from, carry))}) b`;
}

/**
 * Level 2: resolve local times in the declared zone (gap -> problem, fall-back hour -> the
 * earlier instant and a flag). DuckDB's timezone() shifts a gap time forward and picks the
 * later of two fall-back instants, so both are detected by converting back.
 */
function level2(): string {
  const out: string[] = ['p.*'];
  for (const n of ['offered_at', 'answered_at', 'ended_at']) {
    const local = `p.${q(`${n}__local`)}`;
    const inst = `timezone($tz::VARCHAR, ${local})`;
    out.push(
      `CASE WHEN ${local} IS NULL OR $tz::VARCHAR IS NULL THEN NULL
            WHEN timezone($tz::VARCHAR, ${inst}) <> ${local} THEN 'gap'
            WHEN timezone($tz::VARCHAR, ${inst} - INTERVAL 1 HOUR) = ${local} THEN 'ambiguous' END AS ${q(`${n}__dst`)}`,
      `coalesce(p.${q(`${n}__tz`)}, CASE WHEN ${local} IS NOT NULL AND $tz::VARCHAR IS NOT NULL THEN
         CASE WHEN timezone($tz::VARCHAR, ${inst} - INTERVAL 1 HOUR) = ${local} THEN ${inst} - INTERVAL 1 HOUR ELSE ${inst} END END) AS ${q(n)}`,
    );
  }
  return `SELECT ${out.join(',\n  ')} FROM (${level1Placeholder}) p`;
}
const level1Placeholder = '__LEVEL1__';

const TIMESTAMPS = ['offered_at', 'answered_at', 'ended_at'] as const;
const sentinelReason = (n: string) => `invalid ${n}: a sentinel date (${SENTINEL_DATES.join(', ')} or 1970-01-01T00:00:00Z), not a recorded time`;
const zoneRequiredReason = (n: string) => `invalid ${n}: no UTC offset and no declared time zone`;
/**
 * Reasons that mean "this row needs the file's time zone": no row is stored with one, the
 * file is refused instead (time zone required).
 */
export const ZONE_REQUIRED_REASONS: readonly string[] = TIMESTAMPS.map(zoneRequiredReason);

/** The reject reason of a row: its first failing rule, or NULL. */
function reasonSql(present: PresentColumns): string {
  const w: string[] = [];
  const rule = (cond: string, reason: string) => w.push(`WHEN ${cond} THEN ${lit(reason)}`);
  for (const c of CANONICAL_COLUMNS) {
    if (present.has(c.name) && isText(c)) rule(`${q(`${c.name}__ctl`)}`, `invalid ${c.name}: control character`);
  }
  const maxLen = LIMITS.maxTextLength;
  for (const n of ['contact_id', 'queue']) {
    rule(`coalesce(${q(n)}, '') = ''`, `invalid ${n}: empty`);
  }
  for (const n of ['contact_id', 'queue', 'agent_id', 'member_id']) {
    rule(`length(${q(n)}) > ${maxLen}`, `invalid ${n}: longer than ${maxLen} characters`);
  }
  rule(`channel__bad`, `invalid channel: not one of ${ENUM_VALUES.channel!.join(', ')}`);
  rule(`plan__bad`, `invalid plan: not one of ${ENUM_VALUES.plan!.join(', ')}`);
  rule(`state__bad`, 'invalid state: not a two-letter US state or territory code');
  rule(`reason__bad`, 'invalid reason: not a canonical contact reason');
  rule(`tier__nan OR (tier IS NOT NULL AND NOT list_contains([1.0, 2.0, 3.0], tier))`, 'invalid tier: not 1, 2 or 3');
  // Every timestamp is classified (shape, then a valid date and time) before any of them is
  // resolved in a zone: an impossible time (25:99) rejects its row, and only rows whose
  // first problem is a valid offset-less time without a declared zone make the file need
  // one (ZONE_REQUIRED_REASONS, the `naive` column).
  for (const n of TIMESTAMPS) {
    if (n === 'offered_at') rule(`offered_at__empty`, 'invalid offered_at: empty');
    rule(`${n}__shape`, `invalid ${n}: not an ISO 8601 timestamp (YYYY-MM-DDTHH:MM[:SS][±HH:MM|Z])`);
    rule(`NOT ${n}__empty AND ${n}__tz IS NULL AND ${n}__local IS NULL`, `invalid ${n}: not a valid date and time`);
  }
  for (const n of TIMESTAMPS) rule(`${n}__dst = 'gap'`, `invalid ${n}: nonexistent local time (daylight-saving gap)`);
  for (const n of TIMESTAMPS) rule(`${n}__naive AND $tz::VARCHAR IS NULL`, zoneRequiredReason(n));
  // Sentinels, not a date floor: a time on a placeholder date as written (its wall clock, so
  // an offset cannot move it off the date), or the Unix epoch as an instant or a wall clock.
  for (const n of TIMESTAMPS) {
    const written = `strftime(coalesce(${q(`${n}__local`)}, ${q(`${n}__tz`)}::TIMESTAMP), '%Y-%m-%d')`;
    const epoch = `(epoch_us(${q(`${n}__tz`)}) = 0 OR ${q(`${n}__local`)} = TIMESTAMP '1970-01-01 00:00:00')`;
    rule(`${written} IN (${SENTINEL_DATES.map(lit).join(', ')}) OR ${epoch}`, sentinelReason(n));
  }
  rule(`offered_at > $latest::TIMESTAMPTZ`, 'invalid offered_at: in the future');
  // Instants compared as epoch microseconds: TIMESTAMPTZ ± INTERVAL goes through ICU's
  // calendar per row (a large share of this CASE's cost); in UTC (the ingest connection's
  // zone) a day is exactly 86 400 s, so the results are the same.
  const us = (n: string) => `epoch_us(${n})`;
  const skew = LIMITS.clockSkewSeconds * 1_000_000;
  const span = LIMITS.maxSpanDays * 86_400 * 1_000_000;
  rule(`${us('answered_at')} < ${us('offered_at')} - ${skew}`, 'invalid answered_at: before offered_at');
  rule(`${us('ended_at')} < ${us('offered_at')} - ${skew}`, 'invalid ended_at: before offered_at');
  rule(`${us('ended_at')} < ${us('answered_at')} - ${skew}`, 'invalid ended_at: before answered_at');
  rule(`${us('answered_at')} > ${us('offered_at')} + ${span}`, `invalid answered_at: more than ${LIMITS.maxSpanDays} days after offered_at`);
  rule(`${us('ended_at')} > ${us('offered_at')} + ${span}`, `invalid ended_at: more than ${LIMITS.maxSpanDays} days after offered_at`);
  for (const n of ['talk_s', 'hold_s', 'acw_s']) {
    rule(`${n}__nan`, `invalid ${n}: not a number`);
    rule(`${n} < 0`, `invalid ${n}: negative`);
    rule(`${n} > ${LIMITS.maxDurationSeconds}`, `invalid ${n}: over ${LIMITS.maxDurationSeconds} s`);
  }
  for (const n of ['transferred', 'ivr_contained', 'resolved', 'abandoned']) {
    rule(`${n}__bad`, `invalid ${n}: not a boolean (true/false, yes/no, y/n, t/f, 1/0)`);
  }
  for (const n of ['csat', 'nps']) rule(`${n}__nan`, `invalid ${n}: not a number`);
  rule(`coalesce(ivr_contained, false) AND answered_at IS NOT NULL`, 'invalid answered_at: set on an IVR-contained contact');
  rule(`abandoned AND answered_at IS NOT NULL`, 'invalid abandoned: true but answered_at is set');
  rule(`abandoned = false AND answered_at IS NULL AND NOT coalesce(ivr_contained, false)`, 'invalid abandoned: false but the contact was neither answered nor contained in the IVR');
  rule(`answered_at IS NULL AND NOT coalesce(ivr_contained, false) AND ended_at IS NULL`, 'invalid ended_at: empty for an unanswered contact (the wait is unknown)');
  return `CASE ${w.join('\n    ')} END`;
}

function scoreOk(n: 'csat' | 'nps'): string {
  const [lo, hi] = SCORE_RANGE[n]!;
  return `(${n} >= ${lo} AND ${n} <= ${hi} AND ${n} = round(${n}))`;
}

/**
 * `CREATE TEMP TABLE ingest_parsed AS …`: one row per staged row with `reject` (reason or
 * NULL), the typed and derived columns of `contacts`, `flags`, and `member_raw`.
 */
export function buildParseSql(present: PresentColumns, from: string, extraCarry: readonly string[] = []): string {
  // Raw text of the present columns rides along for the reject record (built only for
  // rejected rows), with any extra column that must be read (e.g. Parquet's __check).
  const rawCols = CANONICAL_COLUMNS.filter((c) => present.has(c.name)).map((c) => `__raw_${c.name}`);
  const carry = [...rawCols, ...extraCarry];
  const l2 = level2().replace(level1Placeholder, () => level1(present, from, carry));
  // A rejected row keeps its raw text for the rejects page, each value cut to the longest
  // text a field may have (an overlong queue name is not stored whole even as a reject).
  const maxRaw = LIMITS.maxTextLength;
  const bounded = (col: string) => `CASE WHEN length(${col}) > ${maxRaw} THEN left(${col}, ${maxRaw}) || '…[' || length(${col})::VARCHAR || ' characters]' ELSE ${col} END`;
  const rawJson = CANONICAL_COLUMNS.filter((c) => present.has(c.name)).map((c) =>
    c.kind === 'member' ? `${q(c.name)} := CASE WHEN coalesce(trim(${q(`__raw_${c.name}`)}), '') = '' THEN NULL ELSE '[redacted]' END` : `${q(c.name)} := ${bounded(q(`__raw_${c.name}`))}`,
  );
  const answered = `CASE WHEN answered_at < offered_at THEN offered_at ELSE answered_at END`;
  const ended = `CASE WHEN ended_at < coalesce(${answered}, offered_at) THEN coalesce(${answered}, offered_at) ELSE ended_at END`;
  const flagList = [
    `CASE WHEN csat IS NOT NULL AND NOT ${scoreOk('csat')} THEN '${FLAGS.csatOutOfRange}' END`,
    `CASE WHEN nps IS NOT NULL AND NOT ${scoreOk('nps')} THEN '${FLAGS.npsOutOfRange}' END`,
    `CASE WHEN offered_at__dst = 'ambiguous' OR answered_at__dst = 'ambiguous' OR ended_at__dst = 'ambiguous' THEN '${FLAGS.ambiguousLocalTime}' END`,
    `CASE WHEN answered_at < offered_at OR ended_at < coalesce(${answered}, offered_at) THEN '${FLAGS.clockSkewClamped}' END`,
    `CASE WHEN answered_at IS NOT NULL AND (hsum = 0 OR hsum > ${LIMITS.maxHandleSeconds}) THEN '${FLAGS.handleTimeOutlier}' END`,
  ];
  return `CREATE OR REPLACE TEMP TABLE ingest_parsed AS
WITH l2 AS (${l2}),
v AS (
  SELECT *, coalesce(talk_s, 0) + coalesce(hold_s, 0) + coalesce(acw_s, 0) AS hsum, ${reasonSql(present)} AS reject
  FROM l2
),
d AS (
  SELECT __rn, reject, ${carry.map(q).join(', ')},
    contact_id, queue, coalesce(channel, 'voice') AS channel, plan, upper(state) AS state, CASE WHEN list_contains([1.0, 2.0, 3.0], tier) THEN tier::TINYINT END AS tier, reason,
    offered_at, ${answered} AS answered_at, ${ended} AS ended_at,
    talk_s, hold_s, acw_s, agent_id, member_id AS member_raw,
    transferred, ivr_contained, resolved,
    CASE WHEN ${scoreOk('csat')} THEN csat::TINYINT END AS csat,
    CASE WHEN ${scoreOk('nps')} THEN nps::TINYINT END AS nps,
    hsum, coalesce(list_contains(${list(ZONE_REQUIRED_REASONS)}, reject), false) AS naive,
    list_filter([${flagList.join(',\n      ')}], f -> f IS NOT NULL) AS flags
  FROM v
)
SELECT __rn, reject, contact_id, queue, channel, plan, state, tier, reason, offered_at, answered_at, ended_at,
  talk_s, hold_s, acw_s, agent_id, member_raw, transferred, ivr_contained, resolved, csat, nps,
  CASE WHEN ivr_contained THEN NULL
       WHEN answered_at IS NOT NULL THEN (epoch_us(answered_at) - epoch_us(offered_at)) / 1e6
       ELSE (epoch_us(ended_at) - epoch_us(offered_at)) / 1e6 END AS wait_s,
  (NOT coalesce(ivr_contained, false) AND answered_at IS NULL) AS abandoned,
  CASE WHEN answered_at IS NOT NULL AND hsum > 0 AND hsum <= ${LIMITS.maxHandleSeconds} THEN hsum END AS handle_s,
  flags, naive,
  CASE WHEN reject IS NOT NULL THEN to_json(struct_pack(${rawJson.join(', ')}))::VARCHAR END AS raw_json
  ${extraCarry.map((n) => `, ${q(n)}`).join('')}
FROM d`;
}

/**
 * Rows that need a declared time zone (a valid time without UTC offset, no other problem
 * found first): their count, and the first 20 with the rule (which timestamp).
 */
export const NAIVE_ROWS_SQL = `
  SELECT count(*)::INTEGER AS n, coalesce(list(rn ORDER BY rn)[1:20], []) AS rows,
    coalesce(list(reject ORDER BY rn)[1:20], []) AS rules
  FROM (SELECT coalesce(__rn, rowid + 1)::INTEGER AS rn, reject FROM ingest_parsed WHERE naive)`;
