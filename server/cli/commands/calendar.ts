/**
 * `staffcast calendar [show]` prints the site calendar (stored, or the default);
 * `staffcast calendar set FILE.json` checks and stores one (`-` reads standard input);
 * `staffcast calendar propose [--queue Q] [--channel C]` prints the closed days learned from
 * the history beside the calendar, for confirmation. `--json` prints what the API answers
 * (GET /api/calendar, GET /api/calendar/proposals).
 */
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { openForCli } from '../database.ts';
import { action, UsageError } from '../errors.ts';
import type { CalendarProposals } from '../../calendar/service.ts';
import type { SiteCalendar, Span } from '../../wfm/siteCalendar.ts';

const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

const spanText = (spans: readonly Span[]) => (spans.length ? spans.map((s) => `${s.start}–${s.end}`).join(', ') : 'closed');

/** The calendar as text: weekly hours per queue and channel, holidays, exceptions. */
export function formatCalendar(cal: SiteCalendar, source: string, updatedAt: string | null, holidayNames: Map<string, string>): string {
  const lines = [`Site calendar (${source === 'stored' ? `stored ${updatedAt}` : 'default: none stored'}), zone ${cal.timeZone}`, 'Weekly hours (queue / channel):'];
  for (const h of cal.hours) {
    lines.push(`  ${h.queue} / ${h.channel}`);
    DAY_NAMES.forEach((d, i) => lines.push(`    ${d}  ${spanText(h.weekly[String(i + 1) as '1'] ?? [])}`));
  }
  lines.push(`Holidays closed: ${cal.holidays.length ? cal.holidays.map((id) => holidayNames.get(id) ?? id).join(', ') : 'none'}`);
  lines.push(cal.exceptions.length ? 'Exceptions by date:' : 'Exceptions by date: none');
  for (const e of [...cal.exceptions].sort((a, b) => a.date.localeCompare(b.date))) lines.push(`  ${e.date}  ${e.queue} / ${e.channel}  ${e.name}: ${spanText(e.open)}`);
  return `${lines.join('\n')}\n`;
}

/** The proposals as text: each weekday and holiday, what the history says, what the calendar says. */
export function formatProposals(p: CalendarProposals): string {
  const lines = [`Closed days learned from ${p.from ? `${p.from} to ${p.to}` : 'no history'} (queue ${p.queue}, channel ${p.channel}); ${p.differences} differ from the calendar`];
  const row = (label: string, x: { proposal: string; calendar: string; reason: string }) =>
    `  ${x.proposal === x.calendar ? ' ' : '*'} ${label.padEnd(28)} history: ${x.proposal.padEnd(6)} calendar: ${x.calendar.padEnd(6)} ${x.reason}`;
  for (const w of p.weekdays) lines.push(row(DAY_NAMES[w.weekday - 1]!, w));
  for (const h of p.holidays) lines.push(row(h.name, h));
  return `${lines.join('\n')}\n`;
}

export function registerCalendar(program: Command): void {
  program
    .command('calendar')
    .description('the site calendar: hours of operation, observed holidays, closures (show | set FILE.json | propose)')
    .argument('[action]', 'show (default), set, or propose', 'show')
    .argument('[file]', 'for set: a calendar JSON file, or - for standard input')
    .option('--queue <q>', 'for propose: one queue (default: the whole site)')
    .option('--channel <c>', 'for propose: one channel (default: every channel)')
    .option('--json', 'print JSON, as the API answers')
    .action(
      action(async (verb: string, file: string | undefined, opts: { json?: boolean; queue?: string; channel?: string }) => {
        if (verb !== 'show' && verb !== 'set' && verb !== 'propose') throw new UsageError(`invalid action: expected show, set or propose, got "${verb}"`);
        if (verb === 'set' && !file) throw new UsageError('invalid file: calendar set needs a JSON file (or - for standard input)');
        if (verb !== 'set' && file) throw new UsageError(`invalid file: calendar ${verb} takes no file`);
        if (verb !== 'propose' && (opts.queue || opts.channel)) throw new UsageError(`invalid ${opts.queue ? '--queue' : '--channel'}: only for calendar propose`);
        let input: unknown;
        if (verb === 'set') {
          let text: string;
          try {
            text = readFileSync(file === '-' ? 0 : file!, 'utf8');
          } catch {
            throw new UsageError(`invalid file: cannot read ${file}`);
          }
          try {
            input = JSON.parse(text);
          } catch {
            throw new UsageError(`invalid file: ${file} is not valid JSON`);
          }
        }
        // Imported here, not above: they load DuckDB, which `--help` does not need.
        const [{ calendarProposals, loadSiteCalendar, saveSiteCalendar }, { HOLIDAY_CATALOGUE }] = await Promise.all([import('../../calendar/service.ts'), import('../../wfm/holidays.ts')]);
        const { db, config } = await openForCli(program, { readOnly: verb !== 'set' });
        try {
          if (verb === 'propose') {
            const p = await calendarProposals(db, config.timezone, { queue: opts.queue, channel: opts.channel });
            process.stdout.write(opts.json ? `${JSON.stringify(p, null, 2)}\n` : formatProposals(p));
            return;
          }
          const answer = verb === 'set' ? await saveSiteCalendar(db, config.timezone, input) : await loadSiteCalendar(db, config.timezone);
          if (opts.json) process.stdout.write(`${JSON.stringify(answer, null, 2)}\n`);
          else {
            const names = new Map<string, string>([...HOLIDAY_CATALOGUE.map((h) => [h.id, h.name] as const), ...answer.calendar.customHolidays.map((c) => [c.id, c.name] as const)]);
            process.stdout.write(formatCalendar(answer.calendar, answer.source, answer.updatedAt, names));
          }
        } finally {
          db.close();
        }
      }),
    );
}
