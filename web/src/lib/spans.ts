/**
 * Opening hours as a person types them: `08:00–20:00, 21:00–23:00` ⇄ spans. An empty text
 * is closed. The text is checked by the calendar's own validation (server/wfm/siteCalendar.ts
 * parseSiteCalendar) when the whole draft is checked; here only the shape is read.
 */
import type { Span } from '../../../server/wfm/siteCalendar.ts';

/** `[{08:00, 20:00}]` → `08:00–20:00`; several spans joined by `, `; none → ''. */
export function spansToText(spans: readonly Span[] | undefined): string {
  return (spans ?? []).map((s) => `${s.start}–${s.end}`).join(', ');
}

/**
 * `08:00-20:00, 21:00–23:00` → spans (hyphen, en dash or "to" between the times). A piece
 * that is not two times is kept as written in `start`, so the calendar's validation names it.
 */
export function textToSpans(text: string): Span[] {
  return text
    .split(/[,;]/)
    .map((piece) => piece.trim())
    .filter((piece) => piece !== '')
    .map((piece) => {
      const m = /^(\S+)\s*(?:-|–|—|to)\s*(\S+)$/i.exec(piece);
      return m ? { start: padTime(m[1]!), end: padTime(m[2]!) } : { start: piece, end: '' };
    });
}

/** `8:00` → `08:00`; anything else unchanged. */
function padTime(t: string): string {
  return /^\d:\d{2}$/.test(t) ? `0${t}` : t;
}
