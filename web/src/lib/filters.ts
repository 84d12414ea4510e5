/**
 * Page filters as they travel: in the page URL (one query parameter per dimension) and to
 * the API (`where=queue=X,channel=voice`). Only known dimensions pass, in a fixed order,
 * so the same view always asks the same URL (and hits the same cache entry).
 */
import { DIMENSIONS, type Dimension } from '../../../server/wfm/canonical.ts';
import { dimensionLabel, displayName } from './names.ts';

export const FILTER_KEYS = DIMENSIONS;
export type FilterKey = Dimension;
export type Filters = Partial<Record<FilterKey, string>>;

/** The API's `where` parameter, or '' when nothing is filtered. */
export function whereParam(filters: Filters): string {
  return FILTER_KEYS.filter((k) => filters[k])
    .map((k) => `${k}=${filters[k]}`)
    .join(',');
}

/** Filters read from URL query parameters; `defaults` fill keys that are absent. */
export function filtersFromSearch(search: URLSearchParams, keys: readonly FilterKey[], defaults: Filters = {}): Filters {
  const out: Filters = {};
  for (const k of keys) {
    const v = search.has(k) ? search.get(k)! : defaults[k];
    if (v) out[k] = v;
  }
  return out;
}

/** The filters in words, with display names: `Queue: Medicare Advantage · Channel: Voice`, or `all contacts`. */
export function describeFilters(filters: Filters): string {
  const parts = FILTER_KEYS.filter((k) => filters[k]).map((k) => `${dimensionLabel(k)}: ${displayName(k, filters[k]!)}`);
  return parts.length ? parts.join(' · ') : 'all contacts';
}
