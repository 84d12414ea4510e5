/** Writes docs/metrics.md from the metric registry (`npm run docs:metrics`). */
import { writeFileSync } from 'node:fs';
import { metricsMarkdown } from '../server/wfm/metricsDoc.ts';

writeFileSync(new URL('../docs/metrics.md', import.meta.url), metricsMarkdown());
