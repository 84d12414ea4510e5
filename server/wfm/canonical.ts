/**
 * The canonical contact record as an ingest reads it (see docs/ingest.md and
 * ../shared/DESIGN.md): column names, which are required, the allowed values of the coded
 * columns, and the boolean token map. Everything the validator accepts is listed here, so
 * the rules can be read (and documented) in one place.
 */

export type ColumnKind = 'id' | 'text' | 'enum' | 'timestamp' | 'seconds' | 'boolean' | 'tier' | 'score' | 'member';

export interface CanonicalColumn {
  name: string;
  kind: ColumnKind;
  required: boolean;
}

export const CANONICAL_COLUMNS: readonly CanonicalColumn[] = [
  { name: 'contact_id', kind: 'id', required: true },
  { name: 'queue', kind: 'id', required: true },
  { name: 'channel', kind: 'enum', required: false },
  { name: 'plan', kind: 'enum', required: false },
  { name: 'state', kind: 'enum', required: false },
  { name: 'tier', kind: 'tier', required: false },
  { name: 'reason', kind: 'enum', required: false },
  { name: 'offered_at', kind: 'timestamp', required: true },
  { name: 'answered_at', kind: 'timestamp', required: false },
  { name: 'ended_at', kind: 'timestamp', required: false },
  { name: 'talk_s', kind: 'seconds', required: false },
  { name: 'hold_s', kind: 'seconds', required: false },
  { name: 'acw_s', kind: 'seconds', required: false },
  { name: 'agent_id', kind: 'id', required: false },
  { name: 'member_id', kind: 'member', required: false },
  { name: 'transferred', kind: 'boolean', required: false },
  { name: 'ivr_contained', kind: 'boolean', required: false },
  { name: 'resolved', kind: 'boolean', required: false },
  // Optional cross-check from ACD exports: must agree with answered_at (see docs/ingest.md).
  { name: 'abandoned', kind: 'boolean', required: false },
  { name: 'csat', kind: 'score', required: false },
  { name: 'nps', kind: 'score', required: false },
];

export const CANONICAL_NAMES: ReadonlySet<string> = new Set(CANONICAL_COLUMNS.map((c) => c.name));

export const CHANNELS = ['voice', 'chat', 'email', 'portal'] as const;

/** The columns a KPI can be grouped by and filtered on, in the order every view lists them. */
export const DIMENSIONS = ['queue', 'channel', 'plan', 'state', 'tier', 'reason'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export const PLANS = ['medicaid', 'chip', 'medicare_advantage', 'marketplace', 'commercial', 'other'] as const;
export const REASONS = ['eligibility', 'claims', 'billing', 'id_card', 'prior_auth', 'appeal_grievance', 'pcp_change', 'pharmacy', 'behavioral_health', 'other'] as const;
/** US states, DC and the territories a health plan serves (USPS codes). */
export const STATES = [
  'AL',
  'AK',
  'AZ',
  'AR',
  'CA',
  'CO',
  'CT',
  'DE',
  'FL',
  'GA',
  'HI',
  'ID',
  'IL',
  'IN',
  'IA',
  'KS',
  'KY',
  'LA',
  'ME',
  'MD',
  'MA',
  'MI',
  'MN',
  'MS',
  'MO',
  'MT',
  'NE',
  'NV',
  'NH',
  'NJ',
  'NM',
  'NY',
  'NC',
  'ND',
  'OH',
  'OK',
  'OR',
  'PA',
  'RI',
  'SC',
  'SD',
  'TN',
  'TX',
  'UT',
  'VT',
  'VA',
  'WA',
  'WV',
  'WI',
  'WY',
  'DC',
  'PR',
  'GU',
  'VI',
  'AS',
  'MP',
] as const;

/** Allowed values per coded column, after trimming, lower-casing, and ' '/'-' -> '_'. */
export const ENUM_VALUES: Record<string, readonly string[]> = {
  channel: CHANNELS,
  plan: PLANS,
  reason: REASONS,
  state: STATES.map((s) => s.toLowerCase()),
};

/** Boolean tokens (case-insensitive, trimmed); anything else rejects the row. */
export const TRUE_TOKENS = ['true', 't', 'yes', 'y', '1'] as const;
export const FALSE_TOKENS = ['false', 'f', 'no', 'n', '0'] as const;

/** Survey score ranges; a score outside (or fractional) is dropped with a flag. */
export const SCORE_RANGE: Record<string, [number, number]> = { csat: [1, 5], nps: [0, 10] };

/** Limits that reject a row (see docs/ingest.md). */
export const LIMITS = {
  /** Longest identifier or text value, in characters. */
  maxTextLength: 256,
  /** Largest talk / hold / after-call-work value: one day. */
  maxDurationSeconds: 86_400,
  /** answered_at and ended_at must fall within this many days after offered_at. */
  maxSpanDays: 31,
  /** A handle time of 0 s or above this is flagged and left out of AHT (8 hours). */
  maxHandleSeconds: 8 * 3600,
  /** answered/ended up to this many seconds before offered/answered are clamped and flagged. */
  clockSkewSeconds: 2,
  /** offered_at more than this many days after the ingest is rejected as far in the future. */
  futureDays: 1,
} as const;

/**
 * Placeholder dates that systems write where a time is unknown; a timestamp on one of these
 * local dates (as written in the file) rejects its row. There is no earliest date: real
 * history of any age loads (the 1999 Anonymous Bank log). 0001-01-01: .NET/Java minimum;
 * 1753-01-01: SQL Server `datetime` minimum; 1899-12-30: OLE Automation / Excel-on-Windows
 * day 0; 1899-12-31: Excel's day 0 as shown; 1900-01-01: Excel day 1 and many ACDs' "no date".
 */
export const SENTINEL_DATES = ['0001-01-01', '1753-01-01', '1899-12-30', '1899-12-31', '1900-01-01'] as const;
/** The Unix epoch: a sentinel as an instant (1970-01-01T00:00:00Z) or as an offset-less wall-clock time. */
export const SENTINEL_EPOCH = '1970-01-01T00:00:00Z';

/** Row flags: the row is kept; the metric that cannot use a value excludes it. */
export const FLAGS = {
  csatOutOfRange: 'csat_out_of_range',
  npsOutOfRange: 'nps_out_of_range',
  ambiguousLocalTime: 'ambiguous_local_time',
  handleTimeOutlier: 'handle_time_outlier',
  clockSkewClamped: 'clock_skew_clamped',
} as const;
