/**
 * Reading stored cases: the facts the deadline math needs (instants as epoch ms), the
 * latest instant in the case data, arrivals by tier and type over a range, and the
 * pseudonymized case list for the drill-down. Member keys only, never an ID.
 */
import type { Database } from '../database.ts';
import type { CaseFacts } from '../../wfm/cases/caseRecord.ts';

const FACTS = `case_id AS "caseId", type, priority, program, plan, state, tier::INTEGER AS tier,
  epoch_ms(received_at)::DOUBLE AS "receivedAt", epoch_ms(acknowledged_at)::DOUBLE AS "acknowledgedAt",
  epoch_ms(resolved_at)::DOUBLE AS "resolvedAt", extended`;

const factsCache = new WeakMap<Database, { version: string; facts: CaseFacts[] }>();

/**
 * Every stored case (all sources), as the timeliness and backlog math reads it; kept in
 * memory per database until a case batch commits (cases change only through the ingest).
 */
export async function allCaseFacts(db: Database): Promise<CaseFacts[]> {
  const [v] = await db.query<{ v: string }>("SELECT concat(max(batch_id), ':', count(*)) AS v FROM case_batches WHERE outcome = 'committed'");
  const hit = factsCache.get(db);
  if (hit && hit.version === v!.v) return hit.facts;
  const facts = await readCaseFacts(db);
  factsCache.set(db, { version: v!.v, facts });
  return facts;
}

async function readCaseFacts(db: Database): Promise<CaseFacts[]> {
  // One JSON text for all the rows: several times faster to read than row objects.
  const [r] = await db.query<{ j: string | null }>(
    `SELECT to_json(list(struct_pack("caseId" := case_id, type := type, priority := priority, program := program, plan := plan, state := state,
        tier := tier::INTEGER, "receivedAt" := epoch_ms(received_at)::DOUBLE, "acknowledgedAt" := epoch_ms(acknowledged_at)::DOUBLE,
        "resolvedAt" := epoch_ms(resolved_at)::DOUBLE, extended := extended) ORDER BY received_at, source, case_id))::VARCHAR AS j
     FROM cases`,
  );
  return r?.j ? (JSON.parse(r.j) as CaseFacts[]) : [];
}

/** The latest instant recorded in the cases (receipt, acknowledgement or resolution), epoch ms; null without cases. */
export async function latestCaseInstant(db: Database): Promise<number | null> {
  const [r] = await db.query<{ t: number | null }>('SELECT epoch_ms(max(greatest(received_at, coalesce(acknowledged_at, received_at), coalesce(resolved_at, received_at))))::DOUBLE AS t FROM cases');
  return r?.t ?? null;
}

export type CaseListRow = CaseFacts & { source: string; memberKey: string | null; outcome: string | null };

export interface CaseListFilter {
  /** Received in [fromMs, toMs). */
  fromMs: number;
  toMs: number;
  /** Only cases open at this instant: received before it, not resolved before it. */
  openAt?: number;
  type?: string;
  program?: string;
  priority?: string;
}

/** The cases received in the range that match the filter, oldest first (member keys only). */
export async function listCases(db: Database, f: CaseListFilter): Promise<CaseListRow[]> {
  const rows = await db.query(
    `SELECT source, ${FACTS}, member_key AS "memberKey", outcome FROM cases
     WHERE received_at >= to_timestamp($from / 1000.0) AND received_at < to_timestamp($to / 1000.0)
       AND ($type IS NULL OR type = $type) AND ($program IS NULL OR program = $program) AND ($priority IS NULL OR priority = $priority)
       AND ($open IS NULL OR (received_at < to_timestamp($open / 1000.0) AND (resolved_at IS NULL OR resolved_at >= to_timestamp($open / 1000.0))))
     ORDER BY received_at, source, case_id`,
    { from: f.fromMs, to: f.toMs, type: f.type ?? null, program: f.program ?? null, priority: f.priority ?? null, open: f.openAt ?? null },
  );
  return rows as unknown as CaseListRow[];
}

/** Cases received in [fromMs, toMs), by tier ('unassigned' without one) and type. */
export async function caseArrivals(db: Database, fromMs: number, toMs: number): Promise<{ tier: string; type: string; count: number }[]> {
  return db.query(
    `SELECT coalesce(tier::VARCHAR, 'unassigned') AS tier, type, count(*)::INTEGER AS count FROM cases
     WHERE received_at >= to_timestamp($from / 1000.0) AND received_at < to_timestamp($to / 1000.0)
     GROUP BY ALL ORDER BY tier, type`,
    { from: fromMs, to: toMs },
  );
}
