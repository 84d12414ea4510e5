/**
 * `detectIntervalReport(header)`: how sure we are that a file with this header is an
 * interval report, and of which format — for the adapter registry (server/ingest/adapters/)
 * to weigh against the call-level formats. Content only: the file name plays no part.
 */
import { dsvFormat } from 'd3-dsv';
import { type IntervalFormat, normalizeHeader } from './fields.ts';

/** Names only an Avaya CMS split/skill interval table or report uses. */
const AVAYA_SIGNS = [
  'acdcalls',
  'abncalls',
  'abancalls',
  'callsoffered',
  'rowdate',
  'starttime',
  'intrvl',
  'splitskill',
  'anstime',
  'acceptable',
  'avgspeedans',
  'withinservicelevel',
  'acdtime',
  'acwtime',
];

/** Columns of a call-level contact log: a file with them is not an interval report. */
const CONTACT_SIGNS = ['contactid', 'offeredat', 'answeredat'];

export interface IntervalDetection {
  format: IntervalFormat;
  /** 0..1: 1 = every sign of the format present. */
  confidence: number;
}

/** The interval format a header most likely belongs to, or null when it is none of them. */
export function detectIntervalReport(header: readonly string[]): IntervalDetection | null {
  const names = new Set(header.map(normalizeHeader));
  if (CONTACT_SIGNS.some((n) => names.has(n))) return null;
  if (names.has('intervalstart') && names.has('offered') && names.has('queue')) {
    return { format: 'interval', confidence: names.has('intervalminutes') ? 0.95 : 0.6 };
  }
  const hits = AVAYA_SIGNS.filter((n) => names.has(n)).length;
  if (names.has('acdcalls') && hits >= 2) return { format: 'avaya-cms', confidence: Math.min(1, hits / 5) };
  return null;
}

/**
 * The interval format of a file from its first bytes, or null: the header may follow a few
 * title lines (an exported CMS report), and be comma-, semicolon- or tab-separated. Used when
 * no `--format` is given, so an interval report is never read as a broken contact log.
 */
export function detectIntervalSample(text: string): IntervalFormat | null {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .slice(0, 12);
  for (const line of lines) {
    for (const d of [',', ';', '\t']) {
      if (!line.includes(d)) continue;
      const found = detectIntervalReport(dsvFormat(d).parseRows(line)[0] ?? []);
      if (found && found.confidence >= 0.5) return found.format;
    }
  }
  return null;
}
