/**
 * The parameters of an SLA (and compliance) report, from the API's query string or the CLI's
 * flags: from and to (local dates, required; to exclusive), group and where as for the KPIs
 * (server/kpi/params.ts), and period (day, week, month, quarter or total; default: each
 * definition's own). A bad value is a 400 / exit 2 naming the field.
 */
import { badRequest } from '../api/errors.ts';
import { parseKpiParams } from '../kpi/params.ts';
import { SLA_PERIODS, type SlaPeriod } from '../wfm/sla/definition.ts';
import type { SlaQuery } from './service.ts';

export const SLA_PARAM_NAMES = ['from', 'to', 'group', 'where', 'period'] as const;
const PERIOD_CHOICES = [...SLA_PERIODS, 'total'] as const;

export function parseSlaParams(raw: Record<string, unknown>, allowed: readonly string[] = SLA_PARAM_NAMES): SlaQuery {
  for (const key of Object.keys(raw)) {
    if (!allowed.includes(key)) throw badRequest(key, `unknown parameter; expected one of ${allowed.join(', ')}`);
  }
  const { period, from, to, group, where } = raw;
  const present = Object.entries({ from, to, group, where }).filter(([, v]) => v !== undefined);
  const base = parseKpiParams(Object.fromEntries(present), ['from', 'to', 'group', 'where']);
  if (!base.from) throw badRequest('from', 'required: the first local date, YYYY-MM-DD');
  if (!base.to) throw badRequest('to', 'required: the local date after the last, YYYY-MM-DD (exclusive)');
  if (period !== undefined && (typeof period !== 'string' || !(PERIOD_CHOICES as readonly string[]).includes(period))) {
    throw badRequest('period', `expected one of ${PERIOD_CHOICES.join(', ')}`);
  }
  return { from: base.from, to: base.to, group: base.group, where: base.where, period: period as SlaPeriod | 'total' | undefined };
}
