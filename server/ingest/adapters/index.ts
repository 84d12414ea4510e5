/**
 * The registry of source formats an ingest can read besides the canonical CSV/Parquet
 * columns: a plain list of `{ name, label, detect(sample) → confidence, … }`. Detection is
 * by content, never by file name: the format whose detector is surest (≥ 0.5) wins.
 * Declared with `--format NAME`, a file whose content another format claims, and the
 * declared one does not, is refused with a message naming both.
 */
import type { IntervalFormat } from '../intervals/fields.ts';
import { IngestRefusal } from '../refusal.ts';
import { amazonConnect } from './amazon-connect.ts';
import { asteriskQueueLog } from './asterisk-queue-log.ts';
import { five9 } from './five9.ts';
import { genesysCloud } from './genesys-cloud.ts';
import { niceCxone } from './nice-cxone.ts';
import { twilioTaskRouter } from './twilio-taskrouter.ts';
import { zendeskTalk } from './zendesk-talk.ts';
import type { AdapterOptions, AdapterOutput, ContactAdapter, FileSample, VendorRecord } from './types.ts';

export type { ContactAdapter } from './types.ts';

/** Every adapter, in the order lists show them. */
export const ADAPTERS: readonly ContactAdapter[] = [amazonConnect, genesysCloud, five9, niceCxone, zendeskTalk, twilioTaskRouter, asteriskQueueLog];

/** The names `--format` accepts: the canonical readers, then each adapter. */
export const CANONICAL_FORMATS = ['csv', 'parquet'] as const;
export const FORMAT_NAMES: readonly string[] = [...CANONICAL_FORMATS, ...ADAPTERS.map((a) => a.name)];

/** Interval reports (counts per queue and interval, not contacts): server/ingest/intervals. */
export const INTERVAL_FORMAT_LIST: readonly { name: IntervalFormat; label: string }[] = [
  { name: 'avaya-cms', label: 'Avaya CMS split/skill interval report (counts per queue and interval)' },
  { name: 'interval', label: 'interval report in the generic columns (counts per queue and interval)' },
];

/** Every name `--format` accepts: contact formats, then interval reports. */
export const ALL_FORMAT_NAMES: readonly string[] = [...FORMAT_NAMES, ...INTERVAL_FORMAT_LIST.map((f) => f.name)];

/** Lines for help texts and the Data page: `name  label`. */
export function formatList(): { name: string; label: string }[] {
  return [
    { name: 'csv', label: 'canonical contact columns, CSV (or any CSV through a column mapping)' },
    { name: 'parquet', label: 'canonical contact columns, Parquet' },
    ...ADAPTERS.map((a) => ({ name: a.name, label: a.label })),
    ...INTERVAL_FORMAT_LIST,
  ];
}

export function adapterByName(name: string): ContactAdapter | undefined {
  return ADAPTERS.find((a) => a.name === name);
}

const DETECTED = 0.5;

/** The adapter the content belongs to (the surest detector at ≥ 0.5), or null. */
export function detectAdapter(sample: FileSample): ContactAdapter | null {
  let best: ContactAdapter | null = null;
  let bestScore = 0;
  for (const a of ADAPTERS) {
    const s = a.detect(sample);
    if (s >= DETECTED && s > bestScore) {
      best = a;
      bestScore = s;
    }
  }
  return best;
}

/**
 * The adapter for a file: the declared one (checked against the content), else the one
 * detected, else null (the canonical reader). `declared` is a format name or undefined.
 */
export function chooseAdapter(sample: FileSample, declared: string | undefined): ContactAdapter | null {
  const detected = detectAdapter(sample);
  if (declared === undefined) return detected;
  const chosen = adapterByName(declared);
  if (chosen === undefined) {
    // Declared csv/parquet: refused when the content is plainly a vendor export.
    if (detected) throw mislabelled(declared, detected);
    return null;
  }
  if (chosen.detect(sample) > 0) return chosen;
  if (detected) throw mislabelled(chosen.name, detected, chosen.label);
  throw new IngestRefusal('unsupported_type', `unsupported type: the file was declared ${chosen.label} (${chosen.name}), but its content is not that format`);
}

function mislabelled(declared: string, detected: ContactAdapter, declaredLabel?: string): IngestRefusal {
  const what = declaredLabel ? `${declaredLabel} (${declared})` : declared;
  return new IngestRefusal(
    'unsupported_type',
    `unsupported type: the file was declared ${what}, but its content is ${detected.label} (${detected.name}); declare ${detected.name} or let the format be detected`,
  );
}

/** Runs an adapter over records already read (tests, and small files). */
export function convertRecords(adapter: ContactAdapter, records: Iterable<VendorRecord>, options: AdapterOptions): AdapterOutput {
  const c = adapter.start(options);
  for (const r of records) c.add(r);
  return c.finish();
}
