/**
 * A capacity plan as CSV, one row per month (the CLI's `--format csv` and the API's
 * `?format=csv`): figures unrounded (10 significant digits), an empty cell for null.
 */
import { csvCell } from '../csv.ts';
import type { CapacityPlan } from './plan.ts';

const CSV_COLUMNS = [
  'month',
  'surge',
  'members',
  'voice',
  'chat',
  'email',
  'portal',
  'fteTier1',
  'fteTier2',
  'fteTier3',
  'fteTotal',
  'bindingConstraint',
  'bindingTier3',
  'caseHoursTier2',
  'caseHoursTier3',
  'effectiveFte',
  'gap',
  'membersPerTier1Rep',
  'hiresPosted',
  'hiresStarting',
  'surgeTemps',
  'costInHouse',
  'costOutsourced',
  'costBlended',
  'costPerContact',
  'costPmpm',
] as const;

export function monthRows(plan: CapacityPlan): Record<(typeof CSV_COLUMNS)[number], string | number | boolean | null>[] {
  return plan.months.map((m) => ({
    month: m.month,
    surge: m.surge,
    members: m.members,
    voice: m.contacts.voice,
    chat: m.contacts.chat,
    email: m.contacts.email,
    portal: m.contacts.portal,
    fteTier1: m.requiredFte.tier1,
    fteTier2: m.requiredFte.tier2,
    fteTier3: m.requiredFte.tier3,
    fteTotal: m.requiredFte.total,
    bindingConstraint: m.bindingConstraint,
    bindingTier3: m.bindingByTier.tier3,
    caseHoursTier2: m.caseHours.tier2,
    caseHoursTier3: m.caseHours.tier3,
    effectiveFte: m.effectiveFte,
    gap: m.gap,
    membersPerTier1Rep: m.membersPerTier1Rep,
    hiresPosted: m.hires.posted,
    hiresStarting: m.hires.starting,
    surgeTemps: m.surgeTemps,
    costInHouse: m.cost.inHouse,
    costOutsourced: m.cost.outsourced,
    costBlended: m.cost.blended,
    costPerContact: m.costPerContact,
    costPmpm: m.costPmpm,
  }));
}

export function capacityToCsv(plan: CapacityPlan): string {
  const cell = (v: unknown) => {
    if (v === null || v === undefined) return '';
    if (typeof v === 'number') return String(Number(v.toPrecision(10)));
    // Text through the shared writer: quoted, and a formula start (= + - @ tab CR) made inert.
    return csvCell(v);
  };
  const lines = [CSV_COLUMNS.join(',')];
  for (const row of monthRows(plan)) lines.push(CSV_COLUMNS.map((c) => cell(row[c])).join(','));
  return `${lines.join('\n')}\n`;
}
