/**
 * A schedule a planner pastes or uploads: CSV with a `period` column (local
 * `YYYY-MM-DD HH:MM`, or the API's ISO form with offset) and a `scheduled` column (agents
 * on the phones in that interval). Parsed in the browser and matched to forecast intervals
 * by local date and wall-clock time.
 */
import { periodDate, periodTime } from './periods.ts';

export interface ScheduleParse {
  /** `YYYY-MM-DD HH:MM` -> agents. */
  byInterval: Map<string, number>;
  errors: string[];
}

/** The key a period string is matched on: local date and wall-clock time. */
export function intervalKey(period: string): string {
  return `${periodDate(period)} ${periodTime(period)}`;
}

const PERIOD_RE = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}/;

export function parseSchedule(text: string): ScheduleParse {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/).filter((l) => l.trim() !== '');
  const errors: string[] = [];
  const byInterval = new Map<string, number>();
  if (lines.length === 0) return { byInterval, errors: ['invalid schedule: the file is empty'] };
  const header = lines[0]!.split(',').map((h) => h.trim().replace(/^"|"$/g, '').toLowerCase());
  const pi = header.indexOf('period');
  const si = header.indexOf('scheduled');
  if (pi < 0 || si < 0) return { byInterval, errors: ['invalid schedule: the header needs the columns period and scheduled'] };
  for (let n = 1; n < lines.length; n++) {
    const cells = lines[n]!.split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
    const period = cells[pi] ?? '';
    const agents = Number(cells[si]);
    if (!PERIOD_RE.test(period)) {
      errors.push(`invalid period on row ${n + 1}: expected YYYY-MM-DD HH:MM`);
      continue;
    }
    if (cells[si] === '' || !Number.isFinite(agents) || agents < 0) {
      errors.push(`invalid scheduled on row ${n + 1}: expected a number of agents ≥ 0`);
      continue;
    }
    byInterval.set(`${period.slice(0, 10)} ${period.slice(11, 16)}`, agents);
  }
  return { byInterval, errors };
}
