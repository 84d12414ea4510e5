/**
 * Display names and display units: what a person reads instead of an identifier.
 *
 * Dimension values arrive as identifiers (`medicare-advantage`, `chip`, `CA`, tier `2`).
 * Words are title-cased, known acronyms kept in capitals (CHIP, PCP, ID, IVR), US states
 * spelled out, tiers written `Tier 2`. The scorecard reads each metric in one display unit
 * everywhere (tile, table, change, target, trend): AHT in minutes, waits in seconds.
 */
import { formatValue, type Unit } from './format.ts';

const ACRONYMS: Record<string, string> = {
  chip: 'CHIP',
  pcp: 'PCP',
  id: 'ID',
  ivr: 'IVR',
  aep: 'AEP',
  oep: 'OEP',
  sep: 'SEP',
  hmo: 'HMO',
  ppo: 'PPO',
  dsnp: 'D-SNP',
  ma: 'MA',
  mapd: 'MAPD',
  faq: 'FAQ',
  sms: 'SMS',
  aht: 'AHT',
  fcr: 'FCR',
};

/** Words that stay lower case inside a name. */
const SMALL = new Set(['and', 'or', 'of', 'the', 'for', 'to', 'in', 'on', 'a']);

const STATES: Record<string, string> = {
  AL: 'Alabama',
  AK: 'Alaska',
  AZ: 'Arizona',
  AR: 'Arkansas',
  CA: 'California',
  CO: 'Colorado',
  CT: 'Connecticut',
  DE: 'Delaware',
  DC: 'District of Columbia',
  FL: 'Florida',
  GA: 'Georgia',
  HI: 'Hawaii',
  ID: 'Idaho',
  IL: 'Illinois',
  IN: 'Indiana',
  IA: 'Iowa',
  KS: 'Kansas',
  KY: 'Kentucky',
  LA: 'Louisiana',
  ME: 'Maine',
  MD: 'Maryland',
  MA: 'Massachusetts',
  MI: 'Michigan',
  MN: 'Minnesota',
  MS: 'Mississippi',
  MO: 'Missouri',
  MT: 'Montana',
  NE: 'Nebraska',
  NV: 'Nevada',
  NH: 'New Hampshire',
  NJ: 'New Jersey',
  NM: 'New Mexico',
  NY: 'New York',
  NC: 'North Carolina',
  ND: 'North Dakota',
  OH: 'Ohio',
  OK: 'Oklahoma',
  OR: 'Oregon',
  PA: 'Pennsylvania',
  RI: 'Rhode Island',
  SC: 'South Carolina',
  SD: 'South Dakota',
  TN: 'Tennessee',
  TX: 'Texas',
  UT: 'Utah',
  VT: 'Vermont',
  VA: 'Virginia',
  WA: 'Washington',
  WV: 'West Virginia',
  WI: 'Wisconsin',
  WY: 'Wyoming',
  PR: 'Puerto Rico',
  GU: 'Guam',
  VI: 'US Virgin Islands',
};

/** An identifier in words: `medicare_advantage` → `Medicare Advantage`, `chip` → `CHIP`. */
export function titleCase(value: string): string {
  const words = value.replace(/[-_]+/g, ' ').trim().split(/\s+/).filter(Boolean);
  return words
    .map((w, i) => {
      const lower = w.toLowerCase();
      if (ACRONYMS[lower]) return ACRONYMS[lower];
      if (i > 0 && SMALL.has(lower)) return lower;
      // Words already mixed- or upper-case (`CalOptima`) are kept as written.
      if (w !== lower) return w;
      return lower.charAt(0).toUpperCase() + lower.slice(1);
    })
    .join(' ');
}

/** Written where a value is missing (a contact with no plan or no state). */
export const NOT_RECORDED = 'Not recorded';

/**
 * The display name of a dimension's value. States are spelled out (`CA` → `California`),
 * tiers are `Tier 2`, everything else is title-cased with acronyms kept.
 */
export function displayName(dimension: string | null, value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return NOT_RECORDED;
  const s = String(value);
  if (dimension === 'state') return STATES[s.toUpperCase()] ?? s;
  if (dimension === 'tier') return /^\d+$/.test(s) ? `Tier ${s}` : s;
  return titleCase(s);
}

/** Dimension names as headings: `queue` → `Queue`. */
export function dimensionLabel(dimension: string): string {
  return titleCase(dimension);
}

/** How a metric is read on the scorecard: its unit and the factor from the API's value. */
export interface DisplayUnit {
  unit: Unit;
  factor: number;
}

/**
 * The one unit a metric is shown in. AHT is minutes everywhere (a 95-second AHT reads
 * `1.6 min`, not `95 s` next to `7.4 min`); waits such as ASA keep the shared seconds
 * format (format.ts: seconds under two minutes, minutes above).
 */
export function displayUnit(metric: string, unit: Unit): DisplayUnit {
  if (metric === 'aht' && unit === 'seconds') return { unit: 'minutes', factor: 1 / 60 };
  return { unit, factor: 1 };
}

/** A metric's value in its display unit: AHT `7.4 min`, ASA `27 s`, rates `81.2%`. */
export function formatMetric(metric: string, value: number | null | undefined, unit: Unit): string {
  const d = displayUnit(metric, unit);
  if (value === null || value === undefined || !Number.isFinite(value)) return formatValue(null, d.unit);
  return formatValue(value * d.factor, d.unit);
}
