import { useEffect, useMemo, useState } from 'react';
import { apiUrl, errorMessage, invalidate, sendJson } from '../api/client.ts';
import { useDimensions } from '../api/dimensions.ts';
import { useApi } from '../api/useApi.ts';
import { StateMessage } from '../components/ChartFrame.tsx';
import { Field } from '../components/Field.tsx';
import { displayName } from '../lib/names.ts';
import { spansToText, textToSpans } from '../lib/spans.ts';
import type { CalendarComparison } from '../../../server/wfm/proposeClosures.ts';
import { holidaysFor } from '../../../server/wfm/holidays.ts';
import { ANY, type DateException, type HoursRule, hoursOn, parseSiteCalendar, type SiteCalendar, type WeekdayKey, weeklyOpenDays } from '../../../server/wfm/siteCalendar.ts';

interface CalendarAnswer {
  calendar: SiteCalendar;
  source: 'stored' | 'default';
  updatedAt: string | null;
}

interface Proposals extends CalendarComparison {
  queue: string;
  channel: string;
  from: string | null;
  to: string | null;
}

const WEEKDAYS: { key: WeekdayKey; label: string }[] = [
  { key: '1', label: 'Mon' },
  { key: '2', label: 'Tue' },
  { key: '3', label: 'Wed' },
  { key: '4', label: 'Thu' },
  { key: '5', label: 'Fri' },
  { key: '6', label: 'Sat' },
  { key: '7', label: 'Sun' },
];

/** The draft's problem in words, or null when the calendar is valid (the server's own check). */
function draftProblem(draft: SiteCalendar): string | null {
  try {
    parseSiteCalendar(draft);
    return null;
  } catch (e) {
    return errorMessage(e);
  }
}

const scopeLabel = (v: string, label = (x: string) => x) => (v === ANY ? 'every' : label(v));

/**
 * The site calendar (docs/calendar.md): weekly hours per queue and channel, the holidays the
 * site closes for, one-off closures and short days, edited as a draft and saved whole
 * (`PUT /api/calendar`); a month view of the hours the draft gives a queue; and the closed
 * days learned from history beside what the draft says, to confirm or apply.
 */
export function CalendarPage() {
  const stored = useApi<CalendarAnswer>('/api/calendar');
  const dims = useDimensions();
  const [draft, setDraft] = useState<SiteCalendar | null>(null);
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  // The draft starts from what is stored, and starts again after a save or a discard.
  useEffect(() => {
    if (stored.state === 'ready') setDraft(structuredClone(stored.data.calendar));
  }, [stored.state, stored.data]);

  if (stored.state !== 'ready' || !draft) return <StateMessage state={stored.state === 'ready' ? 'loading' : stored.state} error={stored.error} />;

  const dirty = JSON.stringify(draft) !== JSON.stringify(stored.data.calendar);
  const problem = draftProblem(draft);
  const edit = (change: (c: SiteCalendar) => void) => {
    const next = structuredClone(draft);
    change(next);
    setDraft(next);
    setMessage(null);
  };

  const save = async () => {
    setSaving(true);
    try {
      await sendJson('PUT', '/api/calendar', draft);
      invalidate('/api/calendar', '/api/forecast');
      setMessage({ kind: 'ok', text: 'Calendar saved. Forecasts and business-hour figures now use it.' });
    } catch (e) {
      setMessage({ kind: 'error', text: errorMessage(e) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Site calendar</h1>
          <p>
            Hours of operation per queue and channel, the holidays the site closes for, and one-off closures or short days, in the site zone <strong>{draft.timeZone}</strong>.{' '}
            {stored.data.source === 'default'
              ? 'Nothing is saved yet: this is the default calendar (Monday–Friday 08:00–20:00, Saturday 09:00–14:00, federal holidays closed).'
              : `Saved ${new Date(stored.data.updatedAt ?? '').toLocaleString()}.`}
          </p>
        </div>
        <div className="button-row">
          <button type="button" disabled={!dirty || saving} onClick={() => setDraft(structuredClone(stored.data.calendar))}>
            Discard changes
          </button>
          <button type="button" className="primary" disabled={!dirty || saving || problem !== null} onClick={save} data-testid="calendar-save">
            {saving ? 'Saving…' : 'Save calendar'}
          </button>
        </div>
      </div>
      {problem && (
        <p className="state-error" role="alert" data-testid="calendar-problem">
          Not saved yet — {problem}
        </p>
      )}
      {message && (
        <p className={message.kind === 'error' ? 'state-error' : 'note-ok'} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      {dirty && !problem && !message && <p className="filter-summary">Unsaved changes.</p>}

      <WeeklyHours draft={draft} edit={edit} />
      <div className="grid-2">
        <Holidays draft={draft} edit={edit} />
        <Exceptions draft={draft} edit={edit} />
      </div>
      <MonthView draft={draft} queues={dims.data?.queue ?? []} channels={dims.data?.channel ?? []} />
      <LearnedClosures draft={draft} edit={edit} queues={dims.data?.queue ?? []} channels={dims.data?.channel ?? []} />
    </>
  );
}

type Edit = (change: (c: SiteCalendar) => void) => void;

function WeeklyHours({ draft, edit }: { draft: SiteCalendar; edit: Edit }) {
  const setRule = (i: number, change: (r: HoursRule) => void) => edit((c) => change(c.hours[i]!));
  return (
    <section className="card" aria-labelledby="weekly-hours">
      <div className="card-head">
        <div>
          <h2 id="weekly-hours">Weekly hours</h2>
          <p>
            Local times, e.g. “08:00–20:00” or “08:00–12:00, 13:00–17:00”; an empty day is closed; “22:00–06:00” runs past midnight. The most specific rule for a queue and channel applies (“*” means
            every one).
          </p>
        </div>
        <button type="button" onClick={() => edit((c) => c.hours.push({ queue: ANY, channel: ANY, weekly: structuredClone(c.hours[0]?.weekly ?? {}) }))}>
          Add a rule
        </button>
      </div>
      <div className="table-wrap">
        <table className="data" data-testid="weekly-hours">
          <thead>
            <tr>
              <th>Queue</th>
              <th>Channel</th>
              {WEEKDAYS.map((d) => (
                <th key={d.key}>{d.label}</th>
              ))}
              <th />
            </tr>
          </thead>
          <tbody>
            {draft.hours.map((rule, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rules have no id; the row is its position
              <tr key={i}>
                <td>
                  <input type="text" aria-label={`Rule ${i + 1} queue`} value={rule.queue} size={10} onChange={(e) => setRule(i, (r) => (r.queue = e.target.value))} />
                </td>
                <td>
                  <input type="text" aria-label={`Rule ${i + 1} channel`} value={rule.channel} size={6} onChange={(e) => setRule(i, (r) => (r.channel = e.target.value))} />
                </td>
                {WEEKDAYS.map((d) => (
                  <td key={d.key}>
                    <SpansInput
                      label={`Rule ${i + 1} ${d.label}`}
                      spans={rule.weekly[d.key]}
                      onChange={(spans) => setRule(i, (r) => (spans.length ? (r.weekly[d.key] = spans) : delete r.weekly[d.key]))}
                    />
                  </td>
                ))}
                <td>
                  <button type="button" aria-label={`Remove rule ${i + 1}`} disabled={draft.hours.length === 1} onClick={() => edit((c) => c.hours.splice(i, 1))}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/**
 * A text box of spans that keeps what the user types until it loses focus (so "08:0" is not
 * rewritten mid-word), then hands the spans up.
 */
function SpansInput({ label, spans, onChange }: { label: string; spans: DateException['open'] | undefined; onChange: (spans: DateException['open']) => void }) {
  const [text, setText] = useState(spansToText(spans));
  useEffect(() => setText(spansToText(spans)), [spans]);
  return (
    <input
      type="text"
      aria-label={label}
      value={text}
      placeholder="closed"
      size={11}
      onChange={(e) => setText(e.target.value)}
      onBlur={() => {
        if (text !== spansToText(spans)) onChange(textToSpans(text));
      }}
    />
  );
}

function Holidays({ draft, edit }: { draft: SiteCalendar; edit: Edit }) {
  const [year, setYear] = useState(new Date().getFullYear());
  const choices = holidaysFor(draft.customHolidays);
  const closed = new Set(draft.holidays);
  const toggle = (id: string, close: boolean) => edit((c) => (c.holidays = close ? [...c.holidays, id] : c.holidays.filter((h) => h !== id)));
  return (
    <section className="card" aria-labelledby="holidays">
      <div className="card-head">
        <div>
          <h2 id="holidays">Holidays observed</h2>
          <p>A ticked holiday closes every queue all day (observed dates: Saturday → Friday, Sunday → Monday). To open one queue on it, add a date exception.</p>
        </div>
        <Field label="Dates in">
          <input type="number" min={1990} max={2100} value={year} onChange={(e) => setYear(Number(e.target.value) || year)} style={{ width: '6rem' }} />
        </Field>
      </div>
      <table className="data" data-testid="holidays">
        <thead>
          <tr>
            <th>Closed</th>
            <th>Holiday</th>
            <th>Kind</th>
            <th>Date in {year}</th>
          </tr>
        </thead>
        <tbody>
          {choices.map((h) => (
            <tr key={h.id}>
              <td>
                <input type="checkbox" aria-label={`Closed on ${h.name}`} checked={closed.has(h.id)} onChange={(e) => toggle(h.id, e.target.checked)} />
              </td>
              <td>{h.name}</td>
              <td>{h.kind}</td>
              <td>{h.datesIn(year).join(', ') || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <CustomHolidayForm edit={edit} taken={choices.map((c) => c.id)} />
    </section>
  );
}

function CustomHolidayForm({ edit, taken }: { edit: Edit; taken: string[] }) {
  const [name, setName] = useState('');
  const [dates, setDates] = useState('');
  const id = name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
  const list = dates
    .split(/[\s,;]+/)
    .map((d) => d.trim())
    .filter(Boolean);
  const why = !id ? 'give a name' : taken.includes(id) ? `“${id}” is taken` : list.length === 0 ? 'give dates as YYYY-MM-DD' : null;
  return (
    <div className="filters" style={{ marginTop: 'var(--space-3)', marginBottom: 0 }}>
      <Field label="Plan closure">
        <input type="text" value={name} placeholder="Plan retreat" onChange={(e) => setName(e.target.value)} />
      </Field>
      <Field label="Dates">
        <input type="text" value={dates} placeholder="2026-05-14, 2027-05-13" onChange={(e) => setDates(e.target.value)} />
      </Field>
      <button
        type="button"
        disabled={why !== null}
        title={why ?? undefined}
        onClick={() => {
          edit((c) => {
            c.customHolidays.push({ id, name: name.trim(), dates: list });
            c.holidays.push(id);
          });
          setName('');
          setDates('');
        }}
      >
        Add closure
      </button>
    </div>
  );
}

function Exceptions({ draft, edit }: { draft: SiteCalendar; edit: Edit }) {
  const set = (i: number, change: (x: DateException) => void) => edit((c) => change(c.exceptions[i]!));
  const sorted = draft.exceptions.map((x, i) => ({ x, i })).sort((a, b) => a.x.date.localeCompare(b.x.date));
  return (
    <section className="card" aria-labelledby="exceptions">
      <div className="card-head">
        <div>
          <h2 id="exceptions">Closures, short days and open holidays</h2>
          <p>The hours of one date for a queue and channel: empty hours close it. An exception beats a holiday and the weekly hours.</p>
        </div>
        <button type="button" onClick={() => edit((c) => c.exceptions.push({ date: new Date().toISOString().slice(0, 10), queue: ANY, channel: ANY, name: 'Closure', open: [] }))}>
          Add a date
        </button>
      </div>
      {sorted.length === 0 ? (
        <p className="filter-summary">No date exceptions.</p>
      ) : (
        <div className="table-wrap">
          <table className="data" data-testid="exceptions">
            <thead>
              <tr>
                <th>Date</th>
                <th>Queue</th>
                <th>Channel</th>
                <th>What</th>
                <th>Hours</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {sorted.map(({ x, i }) => (
                <tr key={i}>
                  <td>
                    <input type="date" aria-label={`Exception ${i + 1} date`} value={x.date} onChange={(e) => set(i, (v) => (v.date = e.target.value))} />
                  </td>
                  <td>
                    <input type="text" aria-label={`Exception ${i + 1} queue`} size={8} value={x.queue} onChange={(e) => set(i, (v) => (v.queue = e.target.value))} />
                  </td>
                  <td>
                    <input type="text" aria-label={`Exception ${i + 1} channel`} size={6} value={x.channel} onChange={(e) => set(i, (v) => (v.channel = e.target.value))} />
                  </td>
                  <td>
                    <input type="text" aria-label={`Exception ${i + 1} name`} size={12} value={x.name} onChange={(e) => set(i, (v) => (v.name = e.target.value))} />
                  </td>
                  <td>
                    <SpansInput label={`Exception ${i + 1} hours`} spans={x.open} onChange={(spans) => set(i, (v) => (v.open = spans))} />
                  </td>
                  <td>
                    <button type="button" aria-label={`Remove exception ${i + 1}`} onClick={() => edit((c) => c.exceptions.splice(i, 1))}>
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The hours a queue and channel get on each date of a month, from the draft, and why. */
function MonthView({ draft, queues, channels }: { draft: SiteCalendar; queues: string[]; channels: string[] }) {
  const [month, setMonth] = useState(new Date().toISOString().slice(0, 7));
  const [queue, setQueue] = useState(ANY);
  const [channel, setChannel] = useState(ANY);
  const valid = draftProblem(draft) === null;
  const days = useMemo(() => {
    if (!valid || !/^\d{4}-\d{2}$/.test(month)) return [];
    const [y, m] = month.split('-').map(Number) as [number, number];
    const count = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return Array.from({ length: count }, (_, i) => hoursOn(draft, queue, channel, `${month}-${String(i + 1).padStart(2, '0')}`));
  }, [draft, month, queue, channel, valid]);
  const firstWeekday = days.length ? (new Date(`${days[0]!.date}T12:00:00Z`).getUTCDay() + 6) % 7 : 0;
  return (
    <section className="card" aria-labelledby="month-view" style={{ marginTop: 'var(--space-4)' }}>
      <div className="card-head">
        <div>
          <h2 id="month-view">Month at a glance</h2>
          <p>
            The hours the draft gives {scopeLabel(queue)} queue, {scopeLabel(channel, (c) => displayName('channel', c))} channel, each day, and why.
          </p>
        </div>
        <div className="button-row">
          <Field label="Month">
            <input type="month" value={month} onChange={(e) => e.target.value && setMonth(e.target.value)} />
          </Field>
          <Field label="Queue">
            <select value={queue} onChange={(e) => setQueue(e.target.value)}>
              <option value={ANY}>Any</option>
              {queues.map((q) => (
                <option key={q}>{q}</option>
              ))}
            </select>
          </Field>
          <Field label="Channel">
            <select value={channel} onChange={(e) => setChannel(e.target.value)}>
              <option value={ANY}>Any</option>
              {channels.map((c) => (
                <option key={c} value={c}>
                  {displayName('channel', c)}
                </option>
              ))}
            </select>
          </Field>
        </div>
      </div>
      {!valid ? (
        <p className="filter-summary">Fix the calendar above to see its month.</p>
      ) : (
        <div className="month-grid" data-testid="month-grid">
          {WEEKDAYS.map((d) => (
            <div key={d.key} className="month-head">
              {d.label}
            </div>
          ))}
          {Array.from({ length: firstWeekday }, (_, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: blank cells before the 1st
            <div key={`blank${i}`} />
          ))}
          {days.map((d) => (
            <div key={d.date} className={`month-day ${d.open.length ? 'open' : 'closed'} source-${d.source}`} data-date={d.date}>
              <strong>{Number(d.date.slice(8))}</strong>
              <span>{d.open.length ? spansToText(d.open) : 'Closed'}</span>
              {d.name && <small>{d.name}</small>}
            </div>
          ))}
        </div>
      )}
    </section>
  );
}

/** Closed weekdays and holidays learned from the contacts, beside the draft, with "apply". */
function LearnedClosures({ draft, edit, queues, channels }: { draft: SiteCalendar; edit: Edit; queues: string[]; channels: string[] }) {
  const [queue, setQueue] = useState('');
  const [channel, setChannel] = useState('');
  const answer = useApi<Proposals>(apiUrl('/api/calendar/proposals', { queue, channel }));
  const closed = new Set(draft.holidays);
  const draftOpenDays = weeklyOpenDays(draft, queue || ANY, channel || ANY);
  const rows = answer.data ? answer.data.holidays.filter((h) => h.proposal !== (closed.has(h.id) ? 'closed' : 'open') || h.datesSeen > 0) : [];
  return (
    <section className="card" aria-labelledby="learned" style={{ marginTop: 'var(--space-4)' }}>
      <div className="card-head">
        <div>
          <h2 id="learned">Learned from history</h2>
          <p>
            A weekday or holiday with no contacts on every date seen is proposed closed; one with contacts, open. Dates without data are unknown, not zero. Compare with the draft and apply what is
            right{answer.data?.from ? ` (history ${answer.data.from} to ${answer.data.to})` : ''}.
          </p>
        </div>
        <div className="button-row">
          <Field label="Queue">
            <select value={queue} onChange={(e) => setQueue(e.target.value)}>
              <option value="">Whole site</option>
              {queues.map((q) => (
                <option key={q}>{q}</option>
              ))}
            </select>
          </Field>
          <Field label="Channel">
            <select value={channel} onChange={(e) => setChannel(e.target.value)}>
              <option value="">All</option>
              {channels.map((c) => (
                <option key={c} value={c}>
                  {displayName('channel', c)}
                </option>
              ))}
            </select>
          </Field>
        </div>
      </div>
      {answer.state === 'error' || !answer.data ? (
        <StateMessage state={answer.state} error={answer.error} />
      ) : (
        <div className={`table-wrap${answer.state === 'loading' ? ' is-stale' : ''}`}>
          <table className="data" data-testid="learned-closures">
            <thead>
              <tr>
                <th>Day</th>
                <th>History says</th>
                <th>Draft says</th>
                <th>Why</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {answer.data.weekdays.map((w) => {
                const draftSays = draftOpenDays.includes(w.weekday) ? 'open' : 'closed';
                return (
                  <tr key={`w${w.weekday}`}>
                    <td>Every {WEEKDAYS[w.weekday - 1]!.label}</td>
                    <td>{w.proposal}</td>
                    <td>{draftSays}</td>
                    <td>{w.reason}</td>
                    <td>{w.proposal !== draftSays && <span className="filter-summary">differs: edit the weekly hours</span>}</td>
                  </tr>
                );
              })}
              {rows.map((h) => {
                const draftSays = closed.has(h.id) ? 'closed' : 'open';
                return (
                  <tr key={h.id}>
                    <td>{h.name}</td>
                    <td>{h.proposal}</td>
                    <td>{draftSays}</td>
                    <td>{h.reason}</td>
                    <td>
                      {h.proposal !== draftSays && (
                        <button type="button" onClick={() => edit((c) => (c.holidays = h.proposal === 'closed' ? [...c.holidays, h.id] : c.holidays.filter((x) => x !== h.id)))}>
                          Apply: {h.proposal}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
