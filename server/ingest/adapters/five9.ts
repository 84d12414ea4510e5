/**
 * Five9 "Call Log" reports, CSV: one row per call leg, columns by name in any subset (saved
 * reports differ), times as local wall-clock text without a zone (`Fri, 21 Aug 2026
 * 09:00:12`, in the account's reporting zone: declared, else the site zone), durations as
 * `HH:MM:SS` or `HH:MM:SS.mmm`, `[None]` for no agent.
 *
 * - Exact repeats of a row are folded. Rows sharing a `CALL ID` are legs of one call: the
 *   contact comes from the earliest leg that is not a `3rd party transfer` leg; the other
 *   legs fold into it and mark it transferred.
 * - Outbound rows (`CALL TYPE` Outbound, Autodial, Preview, Manual, Agent, Internal, Test)
 *   are excluded with the reason: not offers to a queue, so never in inbound KPIs. Without
 *   a `CALL TYPE` column (an inbound call log) every row is inbound.
 * - queue = `SKILL`, else `CAMPAIGN`; offered_at = `TIMESTAMP` + `IVR TIME`; answered_at =
 *   offered_at + `QUEUE WAIT TIME` + `RING TIME` when an agent took the call; ended_at =
 *   `TIMESTAMP` + `CALL TIME`. talk/hold/ACW = Σ `TALK TIME` / `HOLD TIME` /
 *   `AFTER CALL WORK TIME` over the call's inbound legs; a column the report does not have
 *   is null (unknown), never 0.
 * - abandoned = `ABANDONED` 1. No agent and `ABANDONED` 0: IVR-contained when the call never
 *   queued (queue wait 0), else rejected (the report contradicts itself). `ABANDONED` empty
 *   or absent: derived — queued without an agent = abandoned, else IVR-contained.
 * - transferred = more than one leg, or `TRANSFERS` > 0; unknown (null) when the report has
 *   no `TRANSFERS` column and the call has one leg.
 * - A wall time in the daylight-saving gap rejects the row; one in the repeated fall-back
 *   hour is passed on as wall time, so the ingest flags it (`ambiguous_local_time`) and
 *   takes the earlier instant, as for any file.
 * - member_id = `ANI` (the caller's number: PHI, keyed by the ingest); agent_id = `AGENT`
 *   (the login; `AGENT NAME` is a display name).
 */
import { IngestRefusal } from '../refusal.ts';
import { localParts, localToUtc } from '../../wfm/timezone.ts';
import type { AdaptedContact, AdapterOutput, AdapterReject, AdapterOptions, ContactAdapter, ContactRow, Converter, VendorRecord } from './types.ts';
import { bool, Excluded, isoUtc, RecordProblem } from './values.ts';

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const OUTBOUND = new Set(['outbound', 'autodial', 'preview', 'outbound preview', 'manual', 'agent', 'internal', 'test']);
const THIRD_PARTY = '3rd party transfer';

export const five9: ContactAdapter = {
  name: 'five9',
  label: 'Five9 call log report (CSV)',
  target: 'contacts',
  syntax: 'csv',
  columns: ['contact_id', 'queue', 'channel', 'offered_at', 'answered_at', 'ended_at', 'talk_s', 'hold_s', 'acw_s', 'agent_id', 'member_id', 'transferred', 'ivr_contained', 'abandoned'],
  detect({ text }) {
    const header = text.split(/\r?\n/, 1)[0]!.toUpperCase();
    if (!/(^|,)\s*"?CALL ID"?\s*(,|$)/.test(header)) return 0;
    // CALL ID alone: possibly Five9 (declared, it is read and refused for what it lacks).
    if (!header.includes('TIMESTAMP')) return 0.3;
    return /QUEUE WAIT TIME|TALK TIME|CAMPAIGN|AFTER CALL WORK TIME/.test(header) ? 1 : 0.6;
  },
  start(options) {
    return new Five9Converter(options);
  },
};

type Row = Record<string, string>;

interface Leg {
  n: number;
  /** The row's values in column order (`Five9Converter.get` reads one by name): an array of a million rows takes a fraction of the memory of as many objects keyed by name. */
  values: string[];
}

/** `[Fri, ]21 Aug 2026 09:00:12` → wall-clock parts, or null. */
export function parseFive9Time(text: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } | null {
  const m = /^(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\s+(\d{1,2}):(\d{2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const month = MONTHS[m[2]!.toLowerCase()];
  const [day, year, hour, minute, second] = [m[1], m[3], m[4], m[5], m[6]].map(Number) as [number, number, number, number, number];
  if (!month || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate() || hour > 23 || minute > 59 || second > 59) return null;
  return { year, month, day, hour, minute, second };
}

/** `HH:MM:SS[.mmm]` → milliseconds; null when empty; RecordProblem otherwise. */
export function parseFive9Duration(text: string | undefined, column: string): number | null {
  const t = (text ?? '').trim();
  if (t === '') return null;
  const m = /^(\d+):([0-5]\d):([0-5]\d)(?:\.(\d{1,3}))?$/.exec(t);
  if (!m) throw new RecordProblem(column, 'not a duration (HH:MM:SS or HH:MM:SS.mmm)');
  return (Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3])) * 1000 + (m[4] ? Number(m[4].padEnd(3, '0')) : 0);
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

class Five9Converter implements Converter {
  private readonly calls = new Map<string, Leg[]>();
  /** Rows without a CALL ID, by their values: an exact repeat of one folds. */
  private readonly seenWithoutId = new Set<string>();
  private readonly rejects: AdapterReject[] = [];
  private folded = 0;
  private columns: Set<string> | null = null;
  /** Every header name is already in upper case: a row is used as read, without a copy. */
  private upperCase = false;
  /** Column (upper case) → its place in a leg's values: every valid row has the same names in the same order. */
  private index: Map<string, number> | null = null;
  constructor(private readonly options: AdapterOptions) {}

  add(r: VendorRecord): void {
    const raw = r.value as Row;
    if (this.columns === null) {
      this.columns = this.checkHeader(raw);
      this.upperCase = Object.keys(raw).every((k) => k === '__fieldCount' || k === k.toUpperCase());
    }
    if (raw.__fieldCount !== undefined) {
      const n = Number(raw.__fieldCount);
      return void this.rejects.push({ record: r.n, reason: `invalid row: ${n < this.columns.size ? 'too few' : 'too many'} fields` });
    }
    let row: Row = raw;
    if (!this.upperCase) {
      row = {};
      for (const [k, v] of Object.entries(raw)) row[k.toUpperCase()] = v;
    }
    // An exact repeat of a row (every value the same) folds. A repeat has the same CALL ID,
    // so it is looked for among that call's rows only, instead of keeping every row's
    // values as one more text (a million of them).
    const id = (row['CALL ID'] ?? '').trim();
    const legs = id === '' ? undefined : this.calls.get(id);
    if (id === '') {
      const key = JSON.stringify(Object.values(row));
      if (this.seenWithoutId.has(key)) {
        this.folded++;
        return;
      }
      this.seenWithoutId.add(key);
      return void this.rejects.push({ record: r.n, reason: 'invalid CALL ID: empty' });
    }
    if (this.index === null) this.index = new Map(Object.keys(row).map((k, i) => [k, i]));
    const values = Object.values(row);
    if (legs) {
      if (legs.some((l) => sameValues(l.values, values))) {
        this.folded++;
        return;
      }
      legs.push({ n: r.n, values });
    } else this.calls.set(id, [{ n: r.n, values }]);
  }

  private checkHeader(first: Row): Set<string> {
    const cols = new Set(
      Object.keys(first)
        .filter((k) => k !== '__fieldCount')
        .map((k) => k.toUpperCase()),
    );
    const missing = ['CALL ID', 'TIMESTAMP'].filter((c) => !cols.has(c));
    if (!cols.has('SKILL') && !cols.has('CAMPAIGN')) missing.push('SKILL or CAMPAIGN');
    if (missing.length) throw new IngestRefusal('missing_columns', `missing required column${missing.length > 1 ? 's' : ''} for a Five9 call log: ${missing.join(', ')}`);
    return cols;
  }

  finish(): AdapterOutput {
    const contacts: AdaptedContact[] = [];
    const excluded: AdapterReject[] = [];
    const cols = this.columns ?? new Set<string>();
    for (const [id, legs] of this.calls) {
      const primary = legs.find((l) => (this.get(l.values, 'CALL TYPE') ?? '').trim().toLowerCase() !== THIRD_PARTY) ?? legs[0]!;
      this.folded += legs.length - 1;
      try {
        contacts.push({ record: primary.n, row: this.callContact(id, primary, legs, cols) });
      } catch (e) {
        if (e instanceof Excluded) excluded.push({ record: primary.n, reason: e.message });
        else if (e instanceof RecordProblem) this.rejects.push({ record: primary.n, reason: e.message });
        else throw e;
      }
    }
    const order = (a: { record: number }, b: { record: number }) => a.record - b.record;
    return { contacts: contacts.sort(order), rejects: this.rejects.sort(order), excluded: excluded.sort(order), folded: this.folded };
  }

  /** The value of `column` in a leg, or undefined when the report has no such column. */
  private get(values: string[], column: string): string | undefined {
    const k = this.index?.get(column);
    return k === undefined ? undefined : values[k];
  }

  private callContact(id: string, primary: Leg, legs: Leg[], cols: Set<string>): ContactRow {
    const r = primary.values;
    const type = (this.get(r, 'CALL TYPE') ?? '').trim();
    if (OUTBOUND.has(type.toLowerCase())) throw new Excluded(`outbound call (CALL TYPE ${type}), not an offer to a queue`);
    const parts = parseFive9Time(this.get(r, 'TIMESTAMP') ?? '');
    if (!parts) throw new RecordProblem('TIMESTAMP', 'not a Five9 time (e.g. Fri, 21 Aug 2026 09:00:12)');
    const local = localToUtc(parts, this.options.timezone);
    if (local.status === 'gap') throw new RecordProblem('TIMESTAMP', `nonexistent local time (daylight-saving gap in ${this.options.timezone})`);
    const start = local.utcMs;
    const dur = (col: string) => (cols.has(col) ? parseFive9Duration(this.get(r, col), col) : null);
    const ivr = dur('IVR TIME') ?? 0;
    const queueWait = dur('QUEUE WAIT TIME');
    const ring = dur('RING TIME') ?? 0;
    const callTime = dur('CALL TIME');
    const skill = clean(this.get(r, 'SKILL'));
    const queue = skill ?? clean(this.get(r, 'CAMPAIGN'));
    if (queue === null) throw new RecordProblem(cols.has('SKILL') ? 'SKILL' : 'CAMPAIGN', 'empty');
    const agent = clean(this.get(r, 'AGENT'));
    const abandonedText = (this.get(r, 'ABANDONED') ?? '').trim();
    if (abandonedText !== '' && abandonedText !== '0' && abandonedText !== '1') throw new RecordProblem('ABANDONED', 'not 1, 0 or empty');
    const stated = abandonedText === '' ? null : abandonedText === '1';
    const queued = (queueWait ?? 0) > 0;
    let answered = agent !== null && stated !== true;
    let abandoned = false;
    let contained = false;
    if (!answered) {
      if (stated === true) abandoned = true;
      else if (stated === false && queued) throw new RecordProblem('ABANDONED', '0 but the call queued and reached no agent');
      else if (queued) abandoned = true;
      else contained = true;
    }
    // Handle time over the call's inbound legs (a 3rd-party leg is the outside party's time).
    const sum = (col: string): number | null => {
      if (!cols.has(col) || !answered) return null;
      let total: number | null = null;
      for (const l of legs) {
        if ((this.get(l.values, 'CALL TYPE') ?? '').trim().toLowerCase() === THIRD_PARTY) continue;
        const v = parseFive9Duration(this.get(l.values, col), col);
        if (v !== null) total = (total ?? 0) + v;
      }
      return total;
    };
    const talk = sum('TALK TIME');
    const hold = sum('HOLD TIME');
    const acw = sum('AFTER CALL WORK TIME');
    let transfers = 0;
    for (const l of legs) {
      const t = (this.get(l.values, 'TRANSFERS') ?? '').trim();
      if (t !== '' && !/^\d+$/.test(t)) throw new RecordProblem('TRANSFERS', 'not a whole number');
      transfers += t === '' ? 0 : Number(t);
    }
    const transferred = legs.length > 1 || transfers > 0 ? true : cols.has('TRANSFERS') ? false : null;
    const offered = contained ? start : start + ivr;
    answered = answered && queueWait !== null;
    if (agent !== null && stated !== true && queueWait === null) throw new RecordProblem('QUEUE WAIT TIME', 'empty on a call an agent took (the wait is unknown)');
    return {
      contact_id: id,
      queue,
      channel: 'voice',
      // In the repeated fall-back hour: wall time, so the ingest flags the ambiguity.
      offered_at: local.status === 'ambiguous' ? wallTime(offered, this.options.timezone) : isoUtc(offered),
      answered_at: answered ? isoUtc(offered + queueWait! + ring) : null,
      ended_at: callTime === null ? null : isoUtc(start + callTime),
      talk_s: seconds(talk),
      hold_s: seconds(hold),
      acw_s: seconds(acw),
      agent_id: answered ? agent : null,
      member_id: clean(this.get(r, 'ANI')),
      transferred: bool(transferred),
      ivr_contained: bool(contained),
      abandoned: bool(abandoned),
    };
  }
}

/** Whether two rows of the file hold the same values in the same columns. */
function sameValues(x: string[], y: string[]): boolean {
  if (x.length !== y.length) return false;
  for (let k = 0; k < x.length; k++) if (x[k] !== y[k]) return false;
  return true;
}

const seconds = (ms: number | null) => (ms === null ? null : String(ms / 1000));

/** A Five9 value, or null for empty and `[None]`. */
function clean(v: string | undefined): string | null {
  const t = (v ?? '').trim();
  return t === '' || t === '[None]' ? null : t;
}

/** Wall-clock text (no offset) of an instant in `zone`, with milliseconds when any. */
function wallTime(ms: number, zone: string): string {
  const p = localParts(ms, zone);
  const frac = ms % 1000 === 0 ? '' : `.${pad(((ms % 1000) + 1000) % 1000, 3)}`;
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${frac}`;
}
