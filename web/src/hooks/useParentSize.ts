import { useLayoutEffect, useRef, useState } from 'react';

/**
 * The width and height of the element `ref` points at, followed with a ResizeObserver
 * (the visx habit): charts size themselves to their container instead of fixed pixels.
 * Until the first measurement the given fallbacks are used.
 */
export function useParentSize<E extends HTMLElement = HTMLDivElement>(initialWidth = 600, initialHeight = 240): [React.RefObject<E | null>, { width: number; height: number }] {
  const ref = useRef<E | null>(null);
  const [size, setSize] = useState({ width: initialWidth, height: initialHeight });

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const r = el.getBoundingClientRect();
      const width = Math.max(0, Math.floor(r.width));
      const height = Math.max(0, Math.floor(r.height));
      setSize((s) => (s.width === width && s.height === height ? s : { width, height: height || s.height }));
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  return [ref, size];
}
