/**
 * Scenario defaults filled from the history: AHT by channel and tier, the tier shares, the
 * seasonal shape, each queued channel's weekly and intraday shape, and — where enrollment by
 * month is stored — contacts per member per month by channel. Pure: the rows come from
 * server/db/queries/capacityHistory.ts.
 *
 * - AHT = Σ handle seconds ÷ handled contacts (a ratio of sums): Tier 1 per channel over Tier-1
 *   (and untiered) contacts; Tiers 2 and 3 over every channel and per channel; null with no
 *   handled contact.
 * - tier2Share, tier3Share = contacts of that tier ÷ all contacts with a tier (null with none).
 * - seasonality: only whole months count (data on their first and last day); with at least 12,
 *   the index of a calendar month = the mean contacts of its whole months ÷ the mean over the
 *   twelve, so the shape keeps the annual total; null with fewer than 12 whole months or a
 *   calendar month missing.
 * - contactRates (per member per month, the year's mean, by channel) over the whole months with
 *   enrolled members: rate = Σ contacts ÷ Σ (members × season index of the month), the index
 *   being the history's shape when there is one, else the default shape. Over a full year of
 *   constant enrollment that is contacts ÷ member-months; over part of a year it is
 *   deseasonalised, so the plan (members × rate × index) gives back exactly the contacts of the
 *   months it was estimated from. Null when no whole month has enrollment: `enrollmentHistory`
 *   false, and the rates stay entered.
 * - shapes (voice, chat): from at least SHAPE_MIN_CONTACTS of the channel's contacts, weekday
 *   shares = its contacts on each ISO weekday ÷ all of them; the intraday profile = its
 *   contacts in each 30-minute interval of the day ÷ all, from the first interval with contacts
 *   (the opening time) to the last. Otherwise null: the default shape, said in the note.
 */
import { CAPACITY_DEFAULTS, CHANNELS, type Channel } from './defaults.ts';
import type { EnrollmentRow } from './enrollment.ts';
import type { ScenarioInput } from './scenario.ts';

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

/** Offered contacts of a channel on an ISO weekday (1 = Monday) in the 30-minute interval starting at `time` (HH:MM, local). */
export interface ShapeHistoryRow {
  channel: string;
  weekday: number;
  time: string;
  contacts: number;
}

export interface ChannelShape {
  /** Monday first, sum 1. */
  weekdayShares: number[];
  openingTime: string;
  intervalMinutes: 30;
  /** Sum 1, from openingTime. */
  intradayProfile: number[];
  /** Contacts it was made from. */
  contacts: number;
}

export interface HistoryDefaults {
  /** True when some whole month of contacts has enrollment stored. */
  enrollmentHistory: boolean;
  /** Months with any contact, and the whole ones among them. */
  months: number;
  wholeMonths: number;
  contacts: number;
  aht: Record<Channel, number | null>;
  tier2AhtSeconds: number | null;
  tier3AhtSeconds: number | null;
  /** Tier-2 and Tier-3 AHT by the channel the contact came in on (null where none handled). */
  tierAht: { tier2: Record<Channel, number | null>; tier3: Record<Channel, number | null> };
  tier2Share: number | null;
  tier3Share: number | null;
  seasonality: number[] | null;
  /** Contacts per member per month by channel (the year's mean), or null without enrollment history. */
  contactRates: Record<Channel, number> | null;
  /** The whole months the rates come from (with enrollment), and their member-months. */
  rateMonths: string[];
  rateMemberMonths: number;
  /** Each queued channel's weekly and intraday shape, or null (the default shape). */
  shapes: { voice: ChannelShape | null; chat: ChannelShape | null };
  note: string;
}

/** Contacts a channel needs in the history before its weekly and intraday shape is taken from it. */
export const SHAPE_MIN_CONTACTS = 500;

function lastDayOf(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(days).padStart(2, '0')}`;
}

const ratio = (num: number, den: number) => (den > 0 ? num / den : null);

function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

function channelShape(rows: readonly ShapeHistoryRow[], channel: Channel): ChannelShape | null {
  const mine = rows.filter((r) => r.channel === channel && r.contacts > 0);
  const total = mine.reduce((a, r) => a + r.contacts, 0);
  if (total < SHAPE_MIN_CONTACTS) return null;
  const weekday = Array.from({ length: 7 }, () => 0);
  const bySlot = new Map<number, number>();
  for (const r of mine) {
    weekday[r.weekday - 1]! += r.contacts;
    const slot = Math.floor(minutesOf(r.time) / 30);
    bySlot.set(slot, (bySlot.get(slot) ?? 0) + r.contacts);
  }
  const slots = [...bySlot.keys()];
  const first = Math.min(...slots);
  const last = Math.max(...slots);
  const intradayProfile = Array.from({ length: last - first + 1 }, (_, k) => (bySlot.get(first + k) ?? 0) / total);
  const open = first * 30;
  return {
    weekdayShares: weekday.map((v) => v / total),
    openingTime: `${String(Math.floor(open / 60)).padStart(2, '0')}:${String(open % 60).padStart(2, '0')}`,
    intervalMinutes: 30,
    intradayProfile,
    contacts: total,
  };
}

export function historyDefaults(rows: readonly MonthHistoryRow[], enrollment: readonly EnrollmentRow[] = [], shapeRows: readonly ShapeHistoryRow[] = []): HistoryDefaults {
  const byChannel = new Map<string, { handled: number; sum: number }>();
  const byTier = new Map<number, { handled: number; sum: number; offered: number }>();
  const byTierChannel = new Map<string, { handled: number; sum: number }>();
  const byMonth = new Map<string, { offered: number; first: string; last: string; channels: Map<string, number> }>();
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
      const key = `${r.tier}|${r.channel}`;
      const tc = byTierChannel.get(key) ?? { handled: 0, sum: 0 };
      tc.handled += r.handled;
      tc.sum += r.handleSum;
      byTierChannel.set(key, tc);
    }
    const m = byMonth.get(r.month) ?? { offered: 0, first: r.firstDate, last: r.lastDate, channels: new Map<string, number>() };
    m.offered += r.offered;
    m.channels.set(r.channel, (m.channels.get(r.channel) ?? 0) + r.offered);
    if (r.firstDate < m.first) m.first = r.firstDate;
    if (r.lastDate > m.last) m.last = r.lastDate;
    byMonth.set(r.month, m);
  }
  const aht = {} as Record<Channel, number | null>;
  const tierAht = { tier2: {} as Record<Channel, number | null>, tier3: {} as Record<Channel, number | null> };
  for (const c of CHANNELS) {
    const v = byChannel.get(c);
    aht[c] = v ? ratio(v.sum, v.handled) : null;
    for (const t of [2, 3] as const) {
      const tc = byTierChannel.get(`${t}|${c}`);
      tierAht[`tier${t}`][c] = tc ? ratio(tc.sum, tc.handled) : null;
    }
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

  // Contacts per member: whole months with members enrolled (Σ over the plans stored).
  const membersByMonth = new Map<string, number>();
  for (const e of enrollment) membersByMonth.set(e.month, (membersByMonth.get(e.month) ?? 0) + e.members);
  const defaultSum = CAPACITY_DEFAULTS.seasonality.reduce((a, b) => a + b, 0);
  const index = seasonality ?? CAPACITY_DEFAULTS.seasonality.map((v) => (v * 12) / defaultSum);
  const rateMonths = whole.filter(([month]) => (membersByMonth.get(month) ?? 0) > 0).map(([month]) => month);
  rateMonths.sort();
  let contactRates: Record<Channel, number> | null = null;
  let rateMemberMonths = 0;
  if (rateMonths.length > 0) {
    let weighted = 0;
    for (const month of rateMonths) {
      const members = membersByMonth.get(month)!;
      rateMemberMonths += members;
      weighted += members * index[Number(month.slice(5, 7)) - 1]!;
    }
    contactRates = {} as Record<Channel, number>;
    for (const c of CHANNELS) contactRates[c] = rateMonths.reduce((a, month) => a + (byMonth.get(month)!.channels.get(c) ?? 0), 0) / weighted;
  }

  const shapes = { voice: channelShape(shapeRows, 'voice'), chat: channelShape(shapeRows, 'chat') };
  const t2 = byTier.get(2);
  const t3 = byTier.get(3);
  const enrolledMonths = membersByMonth.size;
  const rateNote = contactRates
    ? `Contacts per member per month from ${rateMonths.length} whole month${rateMonths.length === 1 ? '' : 's'} with enrollment (${rateMonths[0]} to ${rateMonths.at(-1)}), ${seasonality ? "on the history's seasonal shape" : 'on the default seasonal shape'}.`
    : enrolledMonths > 0
      ? `Enrollment is stored for ${enrolledMonths} month${enrolledMonths === 1 ? '' : 's'}, but none is a whole month of contacts, so contacts per member cannot be estimated: contact rates are entered.`
      : 'No enrollment history is stored, so contacts per member cannot be estimated: contact rates are entered (load enrollment by plan and month to estimate them).';
  const seasonNote = seasonality ? `Seasonal shape from ${whole.length} whole months.` : `Seasonal shape needs 12 whole months of contacts (${whole.length} here): the default shape is kept.`;
  const shapeNote = (['voice', 'chat'] as const)
    .map((c) =>
      shapes[c]
        ? `${c}: weekly and intraday shape from ${shapes[c]!.contacts.toLocaleString('en-US')} contacts`
        : `${c}: default weekly and intraday shape (fewer than ${SHAPE_MIN_CONTACTS} contacts)`,
    )
    .join('; ');
  return {
    enrollmentHistory: contactRates !== null,
    months: byMonth.size,
    wholeMonths: whole.length,
    contacts,
    aht,
    tier2AhtSeconds: t2 ? ratio(t2.sum, t2.handled) : null,
    tier3AhtSeconds: t3 ? ratio(t3.sum, t3.handled) : null,
    tierAht,
    tier2Share: t2 ? ratio(t2.offered, tiered) : null,
    tier3Share: t3 ? ratio(t3.offered, tiered) : null,
    seasonality,
    contactRates,
    rateMonths,
    rateMemberMonths,
    shapes,
    note: `${rateNote} ${seasonNote} ${shapeNote[0]!.toUpperCase()}${shapeNote.slice(1)}.`,
  };
}

/**
 * The scenario fields the history fills (a scenario's own fields override them): contact rates
 * when enrollment history gave them, Tier-1 AHT by channel, Tier-2/3 AHT overall and by channel
 * (whole seconds), tier shares, the seasonal shape, and each queued channel's shape (which plans
 * on 30-minute intervals). Figures the history does not have are left out, so defaults stay.
 */
export function scenarioFromHistory(h: HistoryDefaults): ScenarioInput {
  const out: ScenarioInput = {};
  if (h.contactRates) out.contactRates = { ...h.contactRates };
  const aht: NonNullable<ScenarioInput['aht']> = {};
  for (const c of CHANNELS) if (h.aht[c] !== null && h.aht[c]! > 0) aht[c] = Math.round(h.aht[c]!);
  if (Object.keys(aht).length) out.aht = aht;
  const tiers: NonNullable<ScenarioInput['tiers']> = {};
  if (h.tier2AhtSeconds) tiers.tier2AhtSeconds = Math.round(h.tier2AhtSeconds);
  if (h.tier3AhtSeconds) tiers.tier3AhtSeconds = Math.round(h.tier3AhtSeconds);
  if (h.tier2Share !== null) tiers.tier2Share = h.tier2Share;
  if (h.tier3Share !== null) tiers.tier3Share = h.tier3Share;
  if (Object.keys(tiers).length) out.tiers = tiers;
  const tierAht: NonNullable<ScenarioInput['tierAht']> = {};
  for (const t of ['tier2', 'tier3'] as const) {
    const byChannel: Partial<Record<Channel, number>> = {};
    for (const c of CHANNELS) if (h.tierAht[t][c]) byChannel[c] = Math.round(h.tierAht[t][c]!);
    if (Object.keys(byChannel).length) tierAht[t] = byChannel;
  }
  if (Object.keys(tierAht).length) out.tierAht = tierAht;
  if (h.seasonality) out.seasonality = [...h.seasonality];
  const shapes: NonNullable<ScenarioInput['shapes']> = {};
  for (const c of ['voice', 'chat'] as const) {
    const shape = h.shapes[c];
    if (shape) shapes[c] = { weekdayShares: [...shape.weekdayShares], openingTime: shape.openingTime, intradayProfile: [...shape.intradayProfile] };
  }
  if (Object.keys(shapes).length) {
    out.shapes = shapes;
    out.intervalMinutes = 30;
  }
  return out;
}
