/**
 * The fields an interval report can carry, and the header names that stand for each: the
 * generic interval report (canonical names, every value a count or a sum) and the Avaya CMS
 * split/skill interval report, both its `hsplit` column names and the display names of the
 * exported report (exports/avaya-cms.md). Headers are compared normalized: lower case with
 * everything but letters and digits removed (`% Within Service Level` → `withinservicelevel`).
 */

export type IntervalFormat = 'interval' | 'avaya-cms';
export const INTERVAL_FORMATS: readonly IntervalFormat[] = ['interval', 'avaya-cms'];

export type IntervalField =
  | 'queue'
  | 'channel'
  | 'interval_start'
  | 'date'
  | 'start_time'
  | 'interval_minutes'
  | 'offered'
  | 'answered'
  | 'abandoned'
  | 'answered_within'
  | 'sl_percent'
  | 'sl_threshold_s'
  | 'answered_wait_sum_s'
  | 'asa_s'
  | 'abandoned_wait_sum_s'
  | 'avg_abandon_s'
  | 'talk_sum_s'
  | 'avg_talk_s'
  | 'hold_sum_s'
  | 'acw_sum_s'
  | 'avg_acw_s'
  | 'handle_sum_s';

/** Normalized header → field, per format. The first name listed wins when a file has two. */
export const HEADER_NAMES: Record<IntervalFormat, Partial<Record<IntervalField, readonly string[]>>> = {
  interval: {
    queue: ['queue'],
    channel: ['channel'],
    interval_start: ['intervalstart'],
    interval_minutes: ['intervalminutes'],
    offered: ['offered'],
    answered: ['answered'],
    abandoned: ['abandoned'],
    answered_within: ['answeredwithin'],
    sl_threshold_s: ['slthresholds'],
    answered_wait_sum_s: ['answeredwaitsums'],
    abandoned_wait_sum_s: ['abandonedwaitsums'],
    talk_sum_s: ['talksums'],
    hold_sum_s: ['holdsums'],
    acw_sum_s: ['acwsums'],
    handle_sum_s: ['handlesums'],
  },
  'avaya-cms': {
    queue: ['split', 'splitskill', 'skill'],
    date: ['rowdate', 'date'],
    start_time: ['starttime', 'time', 'interval'],
    interval_minutes: ['intrvl', 'intervallength'],
    offered: ['callsoffered'],
    answered: ['acdcalls'],
    abandoned: ['abncalls', 'abancalls', 'abandonedcalls'],
    answered_within: ['acceptable'],
    sl_percent: ['withinservicelevel', 'percentwithinservicelevel'],
    sl_threshold_s: ['servicelevel', 'acceptableservicelevel'],
    answered_wait_sum_s: ['anstime'],
    asa_s: ['avgspeedans', 'avgspeedofanswer'],
    abandoned_wait_sum_s: ['abntime'],
    avg_abandon_s: ['avgabantime', 'avgabandontime'],
    // The plain family (ACDTIME, ACWTIME) first; the I_ items count time differently and
    // are read only when the plain ones are absent (one family per file).
    talk_sum_s: ['acdtime', 'iacdtime'],
    avg_talk_s: ['avgacdtime'],
    hold_sum_s: ['holdtime'],
    acw_sum_s: ['acwtime', 'iacwtime'],
    avg_acw_s: ['avgacwtime'],
  },
};

/** What a file must carry to be read at all, per format (one of each inner list). */
export const REQUIRED: Record<IntervalFormat, readonly (readonly IntervalField[])[]> = {
  interval: [['queue'], ['interval_start'], ['interval_minutes'], ['offered'], ['answered'], ['abandoned']],
  'avaya-cms': [['queue'], ['date'], ['start_time'], ['offered'], ['answered'], ['abandoned']],
};

/** How a required field is named in a message: its header names in the file's format. */
export function namesOf(format: IntervalFormat, field: IntervalField): string {
  const display: Partial<Record<IntervalField, string>> =
    format === 'avaya-cms'
      ? {
          queue: 'SPLIT (Split/Skill)',
          date: 'ROW_DATE (Date)',
          start_time: 'STARTTIME (Start Time)',
          interval_minutes: 'INTRVL',
          offered: 'CALLSOFFERED (Calls Offered)',
          answered: 'ACDCALLS (ACD Calls)',
          abandoned: 'ABNCALLS (Aban Calls)',
        }
      : {};
  return display[field] ?? field;
}

export const normalizeHeader = (h: string): string =>
  h
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
