import { useCallback, useState } from 'react';

/**
 * The slot (period index or x value index) under the pointer, also driven by the keyboard
 * when the chart has focus: arrows move one slot, Home/End jump, Escape clears. This is
 * what makes exact figures reachable without a mouse.
 */
export function useHover(count: number, slotAt: (px: number) => number, marginLeft: number) {
  const [index, setIndex] = useState<number | null>(null);
  const clamp = (i: number) => Math.max(0, Math.min(count - 1, i));

  const onMouseMove = useCallback(
    (e: React.MouseEvent<SVGSVGElement>) => {
      const box = e.currentTarget.getBoundingClientRect();
      const i = slotAt(e.clientX - box.left - marginLeft);
      setIndex(count ? Math.max(0, Math.min(count - 1, i)) : null);
    },
    [count, slotAt, marginLeft],
  );
  const onMouseLeave = useCallback(() => setIndex(null), []);
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (!count) return;
    const step = e.shiftKey ? 10 : 1;
    if (e.key === 'ArrowRight') setIndex((i) => clamp((i ?? -1) + step));
    else if (e.key === 'ArrowLeft') setIndex((i) => clamp((i ?? count) - step));
    else if (e.key === 'Home') setIndex(0);
    else if (e.key === 'End') setIndex(count - 1);
    else if (e.key === 'Escape') setIndex(null);
    else return;
    e.preventDefault();
  };
  const onBlur = () => setIndex(null);
  return { index, setIndex, handlers: { onMouseMove, onMouseLeave }, keyHandlers: { onKeyDown, onBlur } };
}
