/** What an undo did, in words: stored as the batch's undo note and printed by the CLI. No imports, so `--help` stays fast. */
export interface UndoCountsLike {
  contactsRemoved: number;
  linksRecomputed: number;
  daysRefreshed: number;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function undoSummary(c: UndoCountsLike): string {
  return `${plural(c.contactsRemoved, 'contact', 'contacts')} removed; ${plural(c.linksRecomputed, "other contact's next-contact link", "other contacts' next-contact links")} recomputed; ${plural(c.daysRefreshed, 'day', 'days')} of rollups rebuilt`;
}
