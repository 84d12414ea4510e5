import type { ReactNode } from 'react';

/**
 * A tooltip placed beside a point of the chart, flipped to the left half when the point
 * is in the right half so it never leaves the chart. Announced politely for keyboard users.
 */
export function Tooltip({ x, y, width, children }: { x: number; y: number; width: number; children: ReactNode }) {
  const right = x > width / 2;
  return (
    <div className="tooltip" role="status" aria-live="polite" style={{ top: Math.max(0, y), ...(right ? { right: width - x + 12 } : { left: x + 12 }) }}>
      {children}
    </div>
  );
}
