/**
 * A first guess at a mapping from a file's header: each canonical column matched to the
 * header whose name, letters and digits only, is the column's own or a common export name
 * for it. Only a starting point for the person mapping the file; it never loads anything.
 */
import { CANONICAL_COLUMNS } from '../canonical.ts';

const ALIASES: Record<string, string[]> = {
  contact_id: ['contactid', 'callid', 'interactionid', 'sessionid', 'conversationid', 'ticketid', 'id', 'callkey', 'uniqueid'],
  queue: ['queue', 'queuename', 'skill', 'skillname', 'split', 'splitname', 'campaign', 'vq', 'type'],
  channel: ['channel', 'media', 'mediatype', 'contacttype'],
  plan: ['plan', 'lineofbusiness', 'lob', 'product'],
  state: ['state', 'memberstate'],
  tier: ['tier', 'level'],
  reason: ['reason', 'callreason', 'disposition', 'wrapcode', 'category'],
  offered_at: ['offeredat', 'offered', 'starttime', 'start', 'calltime', 'arrival', 'arrivaltime', 'queuestart', 'createdat', 'timestamp', 'datetime', 'vruentry'],
  answered_at: ['answeredat', 'answered', 'answer', 'answertime', 'connected', 'connecttime', 'qend', 'serverstart'],
  ended_at: ['endedat', 'ended', 'endtime', 'end', 'disconnect', 'disconnecttime', 'hangup', 'serverexit'],
  talk_s: ['talks', 'talk', 'talktime', 'talkduration', 'sertime', 'handletalk'],
  hold_s: ['holds', 'hold', 'holdtime', 'holdduration'],
  acw_s: ['acws', 'acw', 'wrap', 'wrapup', 'wrapuptime', 'aftercallwork', 'acwtime'],
  agent_id: ['agentid', 'agent', 'agentname', 'server', 'user', 'username'],
  member_id: ['memberid', 'member', 'customerid', 'customer', 'ani', 'caller', 'callerid', 'callernumber'],
  transferred: ['transferred', 'transfer', 'xfer'],
  ivr_contained: ['ivrcontained', 'selfservice', 'ivronly'],
  resolved: ['resolved', 'fcr', 'firstcallresolution'],
  abandoned: ['abandoned', 'abandon', 'outcome'],
  csat: ['csat', 'satisfaction', 'survey', 'surveyscore'],
  nps: ['nps', 'netpromoter', 'likelytorecommend'],
};

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Canonical column → header of the file, for the columns a header name suggests. */
export function suggestColumns(header: readonly string[]): Record<string, string> {
  const byNorm = new Map<string, string>();
  for (const h of header) if (!byNorm.has(norm(h))) byNorm.set(norm(h), h.trim());
  const used = new Set<string>();
  const out: Record<string, string> = {};
  for (const c of CANONICAL_COLUMNS) {
    for (const alias of [norm(c.name), ...(ALIASES[c.name] ?? [])]) {
      const h = byNorm.get(alias);
      if (h !== undefined && !used.has(h)) {
        out[c.name] = h;
        used.add(h);
        break;
      }
    }
  }
  return out;
}

/** The delimiter a header line most likely uses: the most frequent of tab, semicolon, pipe, comma. */
export function guessDelimiter(firstLine: string): 'comma' | 'semicolon' | 'tab' | 'pipe' {
  const counts: ['comma' | 'semicolon' | 'tab' | 'pipe', number][] = [
    ['tab', firstLine.split('\t').length - 1],
    ['semicolon', firstLine.split(';').length - 1],
    ['pipe', firstLine.split('|').length - 1],
    ['comma', firstLine.split(',').length - 1],
  ];
  const best = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
  return best[1] > 0 ? best[0] : 'comma';
}
