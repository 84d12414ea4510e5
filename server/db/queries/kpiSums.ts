/**
 * The additive KPI sums: one declarative list (`SUMS`) from which everything that handles
 * them is generated — the KPI query's SELECT over the contacts (kpis.ts), the rollups'
 * columns, their build and refresh SQL and the version that rebuilds them when the list
 * changes (dailyRollup.ts), the SELECT that reads a rollup back, the adding of rollup and
 * contact sums, and the `KpiSums` type and `ZERO_SUMS` of the KPI formulas (server/wfm/kpi.ts).
 *
 * Adding a KPI: add its sums here, and its definition and formula to server/wfm/kpi.ts.
 * Nothing else changes (docs/architecture.md, "How to add a KPI").
 */

/** An offered contact that was answered. */
export const ANSWERED = 'NOT coalesce(ivr_contained, false) AND answered_at IS NOT NULL';

/**
 * What a sum's SQL may use besides the contact row's columns, as SQL text: a $parameter in
 * the KPI query, a literal in the rollups (their fixed default thresholds).
 */
export interface SumContext {
  /** Service-level threshold T, seconds. */
  readonly sl: string;
  /** Abandons with wait < this are short, seconds. */
  readonly short: string;
  /** The FCR window, µs. */
  readonly fcrMicros: string;
  /** The next-contact column an FCR repeat is read from (any reason, or the same reason). */
  readonly fcrNext: 'next_contact_at' | 'next_same_reason_at';
  /** epoch µs of the last offered_at whose FCR window is known (latest offered_at − window). */
  readonly fcrKnownUntil: string;
}

/** The part of the context a rollup column may use: its thresholds are fixed. */
export type RollupContext = Pick<SumContext, 'sl' | 'short' | 'fcrMicros'>;

export interface SumDef {
  /** What it counts or adds up. */
  readonly of: string;
  /** An aggregate over contact rows (DuckDB SQL). NULL (nothing to add) reads as 0. */
  readonly sql: (c: SumContext) => string;
  /**
   * How the rollups keep it. Omitted: a column of the same name holding `sql` at the
   * rollups' thresholds. Otherwise the columns it adds to the rollups (aggregates over
   * contact rows) and the expression over one rollup row that gives it back; the rollup
   * rows it is read from are whole days whose FCR windows are all known.
   */
  readonly rollup?: {
    readonly columns: Readonly<Record<string, (c: RollupContext) => string>>;
    readonly read: (o: { fcrSameReason: boolean }) => string;
  };
}

const member = (c: SumContext) => `member_key IS NOT NULL AND epoch_us(offered_at) <= ${c.fcrKnownUntil}::BIGINT`;
const noRepeat = (c: SumContext) => `(${c.fcrNext} IS NULL OR epoch_us(${c.fcrNext}) - epoch_us(offered_at) > ${c.fcrMicros}::BIGINT)`;
const memberRepeat = (next: string) => (c: RollupContext) =>
  `count(*) FILTER (WHERE ${ANSWERED} AND member_key IS NOT NULL AND ${next} IS NOT NULL
       AND epoch_us(${next}) - epoch_us(offered_at) <= ${c.fcrMicros})`;

/**
 * The sums, in the order the queries return them. FCR of an answered contact: with a
 * member, eligible when its window ends by the latest offered_at in the database, resolved
 * when the member's next contact (any queue/channel/IVR, or the next with the same reason)
 * comes more than the window later; without a member, the resolved disposition when there
 * is one. epoch_us() reads the stored integer directly, several times cheaper than epoch()
 * or interval arithmetic on TIMESTAMPTZ.
 */
export const SUMS = {
  offered: { of: 'contacts that reached a queue', sql: () => `count(*) FILTER (WHERE NOT coalesce(ivr_contained, false))` },
  answered: { of: 'offered contacts answered', sql: () => `count(*) FILTER (WHERE ${ANSWERED})` },
  abandoned: { of: 'offered contacts not answered', sql: () => `count(*) FILTER (WHERE abandoned)` },
  shortAbandoned: { of: 'abandons with wait < the short threshold', sql: (c) => `count(*) FILTER (WHERE abandoned AND wait_s < ${c.short})` },
  answeredWithinThreshold: { of: 'answered contacts with wait ≤ T', sql: (c) => `count(*) FILTER (WHERE ${ANSWERED} AND wait_s <= ${c.sl})` },
  abandonedWithinThreshold: { of: 'abandons with wait ≤ T', sql: (c) => `count(*) FILTER (WHERE abandoned AND wait_s <= ${c.sl})` },
  answeredWaitSum: { of: 'waits of answered contacts, s', sql: () => `sum(wait_s) FILTER (WHERE ${ANSWERED})` },
  longAbandonWaitSum: { of: 'waits of abandons that are not short, s', sql: (c) => `sum(wait_s) FILTER (WHERE abandoned AND wait_s >= ${c.short})` },
  handled: { of: 'answered contacts with a usable handle time', sql: () => `count(handle_s) FILTER (WHERE ${ANSWERED})` },
  handleSum: { of: 'their handle times, s', sql: () => `sum(handle_s) FILTER (WHERE ${ANSWERED})` },
  holdReported: {
    of: 'answered contacts with a usable handle time and a hold time',
    sql: () => `count(hold_s) FILTER (WHERE ${ANSWERED} AND handle_s IS NOT NULL)`,
  },
  holdSum: { of: 'their hold times, s', sql: () => `sum(hold_s) FILTER (WHERE ${ANSWERED} AND handle_s IS NOT NULL)` },
  fcrEligible: {
    of: 'answered contacts whose FCR outcome is known',
    sql: (c) => `count(*) FILTER (WHERE ${ANSWERED} AND ((${member(c)}) OR (member_key IS NULL AND resolved IS NOT NULL)))`,
    rollup: {
      columns: {
        fcr_member_answered: () => `count(*) FILTER (WHERE ${ANSWERED} AND member_key IS NOT NULL)`,
        fcr_nomember_eligible: () => `count(*) FILTER (WHERE ${ANSWERED} AND member_key IS NULL AND resolved IS NOT NULL)`,
      },
      read: () => `"fcr_member_answered" + "fcr_nomember_eligible"`,
    },
  },
  fcrResolved: {
    of: 'of those, the resolved',
    sql: (c) => `count(*) FILTER (WHERE ${ANSWERED} AND ((${member(c)} AND ${noRepeat(c)}) OR (member_key IS NULL AND resolved)))`,
    rollup: {
      columns: {
        fcr_member_repeat: memberRepeat('next_contact_at'),
        fcr_member_repeat_same_reason: memberRepeat('next_same_reason_at'),
        fcr_nomember_resolved: () => `count(*) FILTER (WHERE ${ANSWERED} AND member_key IS NULL AND resolved)`,
      },
      read: (o) => `"fcr_member_answered" - "${o.fcrSameReason ? 'fcr_member_repeat_same_reason' : 'fcr_member_repeat'}" + "fcr_nomember_resolved"`,
    },
  },
  csatResponses: { of: 'contacts with a CSAT score', sql: () => `count(csat)` },
  csatSatisfied: { of: 'CSAT scores of 4 or 5', sql: () => `count(*) FILTER (WHERE csat >= 4)` },
  csatSum: { of: 'CSAT scores', sql: () => `sum(csat)` },
  npsResponses: { of: 'contacts with an NPS score', sql: () => `count(nps)` },
  npsPromoters: { of: 'NPS scores 9–10', sql: () => `count(*) FILTER (WHERE nps >= 9)` },
  npsDetractors: { of: 'NPS scores 0–6', sql: () => `count(*) FILTER (WHERE nps <= 6)` },
  transferred: { of: 'answered contacts marked transferred', sql: () => `count(*) FILTER (WHERE ${ANSWERED} AND transferred)` },
  transferReported: { of: 'answered contacts that say whether they were transferred', sql: () => `count(transferred) FILTER (WHERE ${ANSWERED})` },
  ivrContained: { of: 'contacts resolved in the IVR', sql: () => `count(*) FILTER (WHERE ivr_contained)` },
  ivrReported: { of: 'contacts that say whether they were contained in the IVR', sql: () => 'count(ivr_contained)' },
} as const satisfies Record<string, SumDef>;

export type SumName = keyof typeof SUMS;
export const SUM_NAMES = Object.keys(SUMS) as SumName[];

/**
 * Numerators and denominators per period and group, as the database sums them: one number
 * per sum of the list above (what each counts is written there), and the wait percentiles.
 * The KPI formulas (server/wfm/kpi.ts) read them.
 */
export type KpiSums = Record<SumName, number> & {
  /** Percentiles of answered waits; null when there are none or they were not asked for. */
  waitP50: number | null;
  waitP90: number | null;
};

const defs = (): [SumName, SumDef][] => Object.entries(SUMS) as [SumName, SumDef][];

/** The sums over contact rows as SQL select items, in SUM_NAMES order. */
export function contactSumsSql(c: SumContext): string[] {
  return defs().map(([name, def]) => `coalesce(${def.sql(c)}, 0)::DOUBLE AS "${name}"`);
}

/** The rollups' sum columns: name and aggregate over contact rows, in a fixed order. */
export function rollupColumnsSql(c: RollupContext): { column: string; sql: string }[] {
  const ctx: SumContext = { ...c, fcrNext: 'next_contact_at', fcrKnownUntil: 'NULL' };
  return defs().flatMap(([name, def]) => (def.rollup ? Object.entries(def.rollup.columns).map(([column, sql]) => ({ column, sql: sql(c) })) : [{ column: name, sql: def.sql(ctx) }]));
}

/** The sums read back from rollup rows (summed over them), as select items in SUM_NAMES order. */
export function rollupSumsSql(o: { fcrSameReason: boolean }): string[] {
  return defs().map(([name, def]) => `coalesce(sum(${def.rollup ? def.rollup.read(o) : `"${name}"`}), 0)::DOUBLE AS "${name}"`);
}

/**
 * The options of the KPI query that the sums depend on (so a rollup serves only queries
 * with these at its own values): found by rendering every sum with a context that records
 * what is read.
 */
export function sumOptionsUsed(): Set<'slSeconds' | 'shortAbandonSeconds' | 'fcrDays'> {
  const used = new Set<'slSeconds' | 'shortAbandonSeconds' | 'fcrDays'>();
  const ctx: SumContext = {
    get sl() {
      used.add('slSeconds');
      return '0';
    },
    get short() {
      used.add('shortAbandonSeconds');
      return '0';
    },
    get fcrMicros() {
      used.add('fcrDays');
      return '0';
    },
    get fcrKnownUntil() {
      used.add('fcrDays');
      return '0';
    },
    fcrNext: 'next_contact_at',
  };
  for (const [, def] of defs()) {
    def.sql(ctx);
    for (const col of Object.values(def.rollup?.columns ?? {})) col(ctx);
  }
  return used;
}

/** Every sum at zero, and no percentiles: a period without contacts. */
export const ZERO_SUMS: KpiSums = {
  ...(Object.fromEntries(SUM_NAMES.map((n) => [n, 0])) as Record<SumName, number>),
  waitP50: null,
  waitP90: null,
};

/** Adds `b`'s sums into `a` (rows of the same period and group). */
export function addSumsInto(a: Record<SumName, number>, b: Record<SumName, number>): void {
  for (const n of SUM_NAMES) a[n] += b[n];
}
