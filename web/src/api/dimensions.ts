import { useApi } from './useApi.ts';
import type { Dimensions } from './types.ts';

/** The filter choices and the data's date span (every page's default range starts here). */
export function useDimensions() {
  return useApi<Dimensions>('/api/dimensions');
}
