/**
 * The additive KPI sums as SQL over contact rows, shared by the KPI query and the daily
 * rollup so both count a contact the same way.
 */

/** An offered contact that was answered. */
export const ANSWERED = 'NOT ivr_contained AND answered_at IS NOT NULL';

/** The additive sums of KpiSums, in order; the FCR pair and the percentiles come apart. */
export const ADDITIVE_SUMS = [
  'offered',
  'answered',
  'abandoned',
  'shortAbandoned',
  'answeredWithinThreshold',
  'abandonedWithinThreshold',
  'answeredWaitSum',
  'longAbandonWaitSum',
  'handled',
  'handleSum',
  'csatResponses',
  'csatSatisfied',
  'csatSum',
  'npsResponses',
  'npsPromoters',
  'npsDetractors',
  'transferred',
  'ivrContained',
] as const;

/**
 * The additive sums over contact rows, as SQL select items in ADDITIVE_SUMS order, with the
 * service-level threshold and the short-abandon threshold given as SQL (a $parameter, or a
 * literal for the rollup's fixed defaults).
 */
export function additiveSumsSql(sl: string, short: string): string[] {
  return [
    `count(*) FILTER (WHERE NOT ivr_contained)::DOUBLE AS "offered"`,
    `count(*) FILTER (WHERE ${ANSWERED})::DOUBLE AS "answered"`,
    `count(*) FILTER (WHERE abandoned)::DOUBLE AS "abandoned"`,
    `count(*) FILTER (WHERE abandoned AND wait_s < ${short})::DOUBLE AS "shortAbandoned"`,
    `count(*) FILTER (WHERE ${ANSWERED} AND wait_s <= ${sl})::DOUBLE AS "answeredWithinThreshold"`,
    `count(*) FILTER (WHERE abandoned AND wait_s <= ${sl})::DOUBLE AS "abandonedWithinThreshold"`,
    `coalesce(sum(wait_s) FILTER (WHERE ${ANSWERED}), 0)::DOUBLE AS "answeredWaitSum"`,
    `coalesce(sum(wait_s) FILTER (WHERE abandoned AND wait_s >= ${short}), 0)::DOUBLE AS "longAbandonWaitSum"`,
    `count(handle_s) FILTER (WHERE ${ANSWERED})::DOUBLE AS "handled"`,
    `coalesce(sum(handle_s) FILTER (WHERE ${ANSWERED}), 0)::DOUBLE AS "handleSum"`,
    `count(csat)::DOUBLE AS "csatResponses"`,
    `count(*) FILTER (WHERE csat >= 4)::DOUBLE AS "csatSatisfied"`,
    `coalesce(sum(csat), 0)::DOUBLE AS "csatSum"`,
    `count(nps)::DOUBLE AS "npsResponses"`,
    `count(*) FILTER (WHERE nps >= 9)::DOUBLE AS "npsPromoters"`,
    `count(*) FILTER (WHERE nps <= 6)::DOUBLE AS "npsDetractors"`,
    `count(*) FILTER (WHERE ${ANSWERED} AND transferred)::DOUBLE AS "transferred"`,
    `count(*) FILTER (WHERE ivr_contained)::DOUBLE AS "ivrContained"`,
  ];
}

