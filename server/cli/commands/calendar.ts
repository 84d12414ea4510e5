/**
 * `staffcast calendar [show]` prints the site calendar (stored, or the default);
 * `staffcast calendar set FILE.json` checks and stores one (`-` reads standard input).
 * `--json` prints `{ calendar, source, updatedAt }`, the answer of GET /api/calendar.
 */
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { openForCli } from '../database.ts';
import { action, UsageError } from '../errors.ts';
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

export function registerCalendar(program: Command): void {
  program
    .command('calendar')
    .description('the site calendar: hours of operation, observed holidays, closures (show | set FILE.json)')
    .argument('[action]', 'show (default) or set', 'show')
    .argument('[file]', 'for set: a calendar JSON file, or - for standard input')
    .option('--json', 'print JSON ({ calendar, source, updatedAt })')
    .action(
      action(async (verb: string, file: string | undefined, opts: { json?: boolean }) => {
        if (verb !== 'show' && verb !== 'set') throw new UsageError(`invalid action: expected show or set, got "${verb}"`);
        if (verb === 'set' && !file) throw new UsageError('invalid file: calendar set needs a JSON file (or - for standard input)');
        if (verb === 'show' && file) throw new UsageError('invalid file: calendar show takes no file');
        let input: unknown;
        if (verb === 'set') {
          const text = readFileSync(file === '-' ? 0 : file!, 'utf8');
          try {
            input = JSON.parse(text);
          } catch {
            throw new UsageError(`invalid file: ${file} is not valid JSON`);
          }
        }
        // Imported here, not above: they load DuckDB, which `--help` does not need.
        const [{ getSiteCalendar, putSiteCalendar }, { defaultCalendar, HOLIDAY_CATALOGUE }, { InputError }] = await Promise.all([
          import('../../db/queries/calendar.ts'),
          import('../../wfm/siteCalendar.ts'),
          import('../../wfm/inputError.ts'),
        ]);
        const { db, config } = await openForCli(program, { readOnly: verb === 'show' });
        try {
          if (verb === 'set') {
            const zone = (input as { timeZone?: unknown } | null)?.timeZone;
            if (typeof zone === 'string' && zone !== config.timezone) {
              throw new InputError('timeZone', `${zone} is not the site time zone ${config.timezone} (STAFFCAST_TIMEZONE)`);
            }
            await putSiteCalendar(db, input);
          }
          const stored = await getSiteCalendar(db);
          const answer = stored ? { calendar: stored.calendar, source: 'stored', updatedAt: stored.updatedAt } : { calendar: defaultCalendar(config.timezone), source: 'default', updatedAt: null };
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
