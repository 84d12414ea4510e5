import type { Status } from '../api/types.ts';

const TEXT: Record<Status | 'none', string> = {
  green: 'On target',
  amber: 'Watch',
  red: 'Off target',
  none: 'No target',
};

/**
 * Red/amber/green status as color, icon and word together, so it reads in grayscale and
 * for color-blind users: a check in a circle, an exclamation in a triangle, a cross in a
 * square (three different shapes as well as three colors).
 */
export function StatusBadge({ status, compact = false }: { status: Status | null; compact?: boolean }) {
  const key = status ?? 'none';
  return (
    <span className={`status status-${key}`} data-status={key}>
      <StatusIcon status={status} />
      {compact ? <span className="visually-hidden">{TEXT[key]}</span> : TEXT[key]}
    </span>
  );
}

/**
 * In place of a status for a figure that is not final yet (FCR while repeat windows are
 * open): a hollow circle and the word, with the date it becomes final.
 */
export function ProvisionalBadge({ maturesOn, compact = false }: { maturesOn: string | null; compact?: boolean }) {
  const text = maturesOn ? `Provisional until ${shortDate(maturesOn)}` : 'Provisional';
  return (
    <span className="status status-none" data-status="provisional" title="Not scored: some contacts' repeat windows are still open">
      <svg width={12} height={12} viewBox="0 0 12 12" aria-hidden focusable={false}>
        <circle cx="6" cy="6" r="4.6" fill="none" stroke="currentColor" strokeWidth="1.4" strokeDasharray="2 1.5" />
      </svg>
      {compact ? <span className="visually-hidden">{text}</span> : text}
    </span>
  );
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** `2026-12-14` → `14 Dec`. */
export function shortDate(date: string): string {
  return `${+date.slice(8, 10)} ${MONTHS[+date.slice(5, 7) - 1]}`;
}

export function statusText(status: Status | null): string {
  return TEXT[status ?? 'none'];
}

export function StatusIcon({ status, size = 12 }: { status: Status | null; size?: number }) {
  const common = { width: size, height: size, viewBox: '0 0 12 12', 'aria-hidden': true as const, focusable: false as const };
  switch (status) {
    case 'green':
      return (
        <svg {...common}>
          <circle cx="6" cy="6" r="5.5" fill="currentColor" />
          <path d="M3.2 6.2 5.2 8.1 8.9 4.1" stroke="#fff" strokeWidth="1.6" fill="none" />
        </svg>
      );
    case 'amber':
      return (
        <svg {...common}>
          <path d="M6 0.6 11.6 11H0.4Z" fill="currentColor" />
          <path d="M6 4v3.6M6 8.8v1" stroke="#fff" strokeWidth="1.5" />
        </svg>
      );
    case 'red':
      return (
        <svg {...common}>
          <rect x="0.5" y="0.5" width="11" height="11" rx="1.5" fill="currentColor" />
          <path d="M3.5 3.5 8.5 8.5M8.5 3.5 3.5 8.5" stroke="#fff" strokeWidth="1.6" />
        </svg>
      );
    default:
      return (
        <svg {...common}>
          <circle cx="6" cy="6" r="5" fill="none" stroke="currentColor" strokeWidth="1.2" />
          <path d="M3.5 6h5" stroke="currentColor" strokeWidth="1.4" />
        </svg>
      );
  }
}
