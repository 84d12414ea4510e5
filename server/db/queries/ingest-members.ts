/**
 * Member keys of a file: the distinct raw member IDs of its valid rows (`ingest_member_raw`)
 * and their HMAC keys (`ingest_members`). Raw IDs never leave these TEMP tables.
 */
import type { DuckDBConnection } from '@duckdb/node-api';

/**
 * Member IDs of printable ASCII (the usual case) are normalized and keyed in SQL: for them
 * normalizeMemberId is exactly "remove spaces, upper-case", and the HMAC is two SHA-256
 * calls with the padded keys ($ipad, $opad: pseudonym.ts hmacPads). Anything else (NFC,
 * invisible characters, non-ASCII case rules) goes through Node: `distinctMemberIds`.
 */
const ASCII_ID = String.raw`[\x20-\x7e]*`;

/**
 * TEMP `ingest_member_raw`: the distinct raw member IDs of valid rows (one scan of the
 * parsed rows; the ASCII test below then runs once per member, not once per row).
 */
export async function stageMemberIds(conn: DuckDBConnection): Promise<void> {
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE ingest_member_raw AS
     SELECT DISTINCT member_raw FROM ingest_parsed WHERE reject IS NULL AND member_raw IS NOT NULL`,
  );
}

/** Raw member IDs of valid rows that need Node's normalization (not printable ASCII). */
export async function distinctMemberIds(conn: DuckDBConnection): Promise<string[]> {
  const reader = await conn.runAndReadAll(`SELECT member_raw FROM ingest_member_raw WHERE NOT regexp_full_match(member_raw, '${ASCII_ID}')`);
  return reader.getColumns()[0]?.map((v) => String(v)) ?? [];
}

/**
 * TEMP `ingest_members(member_raw, member_key)`: the distinct printable-ASCII IDs keyed in
 * SQL (once per member, not per row), plus the pairs computed in Node for the others.
 */
export async function loadMemberKeys(conn: DuckDBConnection, pads: { ipad: string; opad: string }, nodePairs: Iterable<[string, string | null]>): Promise<void> {
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE ingest_members AS
     SELECT member_raw,
       CASE WHEN replace(member_raw, ' ', '') <> '' THEN
         sha256(unhex($opad) || unhex(sha256(unhex($ipad) || encode(upper(replace(member_raw, ' ', '')))))) END AS member_key
     FROM ingest_member_raw WHERE regexp_full_match(member_raw, '${ASCII_ID}')`,
    { ipad: pads.ipad, opad: pads.opad },
  );
  const appender = await conn.createAppender('ingest_members', 'main', 'temp');
  try {
    for (const [raw, key] of nodePairs) {
      appender.appendVarchar(raw);
      if (key === null) appender.appendNull();
      else appender.appendVarchar(key);
      appender.endRow();
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}
