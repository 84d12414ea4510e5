/**
 * Scenario defaults filled from the contact history: AHT by channel (Tier 1) and of Tiers 2 and
 * 3, the tier shares, and — from twelve or more whole months — the seasonal shape. Pure: the
 * rows come from server/db/queries/capacityHistory.ts.
 *
 * - AHT = Σ handle seconds ÷ handled contacts (a ratio of sums), per channel over Tier-1 (and
 *   untiered) contacts, and per tier over every channel; null with no handled contact.
 * - tier2Share, tier3Share = contacts of that tier ÷ all contacts with a tier (null with none).
 * - seasonality: only whole months count (data on their first and last day); with at least 12,
 *   the index of a calendar month = the mean contacts of its whole months ÷ the mean over the
 *   calendar months present, so the shape keeps the annual total; null with fewer than 12 whole
 *   months or a calendar month missing.
 * - Contact rates per member need enrollment by month, which the database does not hold:
 *   `enrollmentHistory` is false and the rates stay entered.
 */
import { CHANNELS, type Channel } from './defaults.ts';

export interface MonthHistoryRow {
  /** YYYY-MM (site-local). */
  month: string;
  channel: string;
  /** 1–3, or null when the contact has no tier. */
  tier: number | null;
  offered: number;
  handled: number;
  handleSum: number;
  /** First and last local dates with contacts in the month (any channel). */
  firstDate: string;
  lastDate: string;
}

export interface HistoryDefaults {
  enrollmentHistory: false;
  /** Months with any contact, and the whole ones among them. */
  months: number;
  wholeMonths: number;
  contacts: number;
  aht: Record<Channel, number | null>;
  tier2AhtSeconds: number | null;
  tier3AhtSeconds: number | null;
  tier2Share: number | null;
  tier3Share: number | null;
  seasonality: number[] | null;
  note: string;
}

function lastDayOf(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(days).padStart(2, '0')}`;
}

const ratio = (num: number, den: number) => (den > 0 ? num / den : null);

export function historyDefaults(rows: readonly MonthHistoryRow[]): HistoryDefaults {
  const byChannel = new Map<string, { handled: number; sum: number }>();
  const byTier = new Map<number, { handled: number; sum: number; offered: number }>();
  const byMonth = new Map<string, { offered: number; first: string; last: string }>();
  let tiered = 0;
  let contacts = 0;
  for (const r of rows) {
    contacts += r.offered;
    if (r.tier === null || r.tier === 1) {
      const c = byChannel.get(r.channel) ?? { handled: 0, sum: 0 };
      c.handled += r.handled;
      c.sum += r.handleSum;
      byChannel.set(r.channel, c);
    }
    if (r.tier !== null) {
      const t = byTier.get(r.tier) ?? { handled: 0, sum: 0, offered: 0 };
      t.handled += r.handled;
      t.sum += r.handleSum;
      t.offered += r.offered;
      byTier.set(r.tier, t);
      tiered += r.offered;
    }
    const m = byMonth.get(r.month) ?? { offered: 0, first: r.firstDate, last: r.lastDate };
    m.offered += r.offered;
    if (r.firstDate < m.first) m.first = r.firstDate;
    if (r.lastDate > m.last) m.last = r.lastDate;
    byMonth.set(r.month, m);
  }
  const aht = {} as Record<Channel, number | null>;
  for (const c of CHANNELS) {
    const v = byChannel.get(c);
    aht[c] = v ? ratio(v.sum, v.handled) : null;
  }
  const whole = [...byMonth].filter(([month, m]) => m.first === `${month}-01` && m.last === lastDayOf(month));
  let seasonality: number[] | null = null;
  if (whole.length >= 12) {
    const perCalendar = Array.from({ length: 12 }, () => ({ sum: 0, n: 0 }));
    for (const [month, m] of whole) {
      const c = perCalendar[Number(month.slice(5, 7)) - 1]!;
      c.sum += m.offered;
      c.n += 1;
    }
    if (perCalendar.every((c) => c.n > 0)) {
      const means = perCalendar.map((c) => c.sum / c.n);
      const overall = means.reduce((a, b) => a + b, 0) / 12;
      if (overall > 0) seasonality = means.map((v) => v / overall);
    }
  }
  const t2 = byTier.get(2);
  const t3 = byTier.get(3);
  const note = `No enrollment by month in the database, so contacts per member cannot be estimated: contact rates are entered. ${
    seasonality ? `Seasonal shape from ${whole.length} whole months.` : `Seasonal shape needs 12 whole months of contacts (${whole.length} here): the default shape is kept.`
  }`;
  return {
    enrollmentHistory: false,
    months: byMonth.size,
    wholeMonths: whole.length,
    contacts,
    aht,
    tier2AhtSeconds: t2 ? ratio(t2.sum, t2.handled) : null,
    tier3AhtSeconds: t3 ? ratio(t3.sum, t3.handled) : null,
    tier2Share: t2 ? ratio(t2.offered, tiered) : null,
    tier3Share: t3 ? ratio(t3.offered, tiered) : null,
    seasonality,
    note,
  };
}
