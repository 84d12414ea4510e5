/**
 * The parameters of a database forecast, shared by `GET /api/forecast` and
 * `staffcast forecast`. `horizon` and `history` count periods of the granularity (days, or
 * 15/30-minute intervals), like the `--series` mode.
 */
import { z } from 'zod';
import { CHANNELS } from '../wfm/canonical.ts';
import { MODEL_CHOICES, type ModelChoice } from '../wfm/forecast/types.ts';
import { parseDate } from '../wfm/timezone.ts';

export const GRANULARITIES = ['day', 'interval15', 'interval30'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/** Longest horizons: 18 months of days, 8 weeks of intervals. */
export const MAX_DAY_HORIZON = 548;
export const MAX_INTERVAL_DAYS = 56;

/** Periods per ordinary day of a granularity. */
export function periodsPerDay(g: Granularity): number {
  return g === 'day' ? 1 : g === 'interval15' ? 96 : 48;
}

const emptyToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

const dateString = z.string().refine((s) => parseDate(s) !== null, { message: 'expected a date YYYY-MM-DD' });

export const ForecastQuerySchema = z
  .object({
    queue: z.string({ message: 'required' }).min(1, { message: 'required' }),
    channel: z.preprocess(emptyToUndefined, z.enum(CHANNELS, { message: `expected one of ${CHANNELS.join(', ')}` }).optional()),
    granularity: z.preprocess(emptyToUndefined, z.enum(GRANULARITIES, { message: `expected one of ${GRANULARITIES.join(', ')}` }).default('day')),
    horizon: z.coerce.number({ message: 'expected a whole number' }).int({ message: 'expected a whole number' }).min(1, {
      message: 'must be at least 1',
    }),
    metric: z.preprocess(emptyToUndefined, z.enum(['volume', 'aht'], { message: 'expected volume or aht' }).default('volume')),
    model: z.preprocess(emptyToUndefined, z.enum(MODEL_CHOICES as [ModelChoice, ...ModelChoice[]], { message: `expected one of ${MODEL_CHOICES.join(', ')}` }).default('auto')),
    history: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number({ message: 'expected a whole number' })
        .int({ message: 'expected a whole number' })
        .min(0, {
          message: 'must be at least 0',
        })
        .optional(),
    ),
    start: z.preprocess(emptyToUndefined, dateString.optional()),
  })
  .superRefine((q, ctx) => {
    const perDay = periodsPerDay(q.granularity);
    const max = q.granularity === 'day' ? MAX_DAY_HORIZON : MAX_INTERVAL_DAYS * perDay;
    if (q.horizon > max) {
      ctx.addIssue({
        code: 'custom',
        path: ['horizon'],
        message: q.granularity === 'day' ? `must be at most ${MAX_DAY_HORIZON} days (18 months)` : `must be at most ${max} intervals (8 weeks of ${q.granularity})`,
      });
    }
    if (q.history !== undefined && q.history > 3 * 366 * perDay) {
      ctx.addIssue({ code: 'custom', path: ['history'], message: `must be at most ${3 * 366 * perDay} periods (3 years)` });
    }
  });

export type ForecastQuery = z.infer<typeof ForecastQuerySchema>;

/** Default periods of history shown: 8 weeks of days, 7 days of intervals. */
export function defaultHistory(g: Granularity): number {
  return g === 'day' ? 56 : 7 * periodsPerDay(g);
}
