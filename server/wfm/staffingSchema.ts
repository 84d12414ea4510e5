/**
 * The zod schema of a staffing input, for the API and the CLI. Kept apart from
 * staffing.ts so the browser's what-if calculator does not bundle zod.
 */
import { z } from 'zod';
import { crossFieldProblem, MAX_AGENTS, SL_VARIANTS, STAFFING_MODELS, type StaffingInput } from './staffing.ts';

const finite = () => z.number({ error: 'must be a number' }).finite();

const StaffingSchema = z
  .object({
    calls: finite().min(0, 'must be ≥ 0'),
    intervalMinutes: finite().gt(0, 'must be > 0').max(1440, 'must be at most 1440 (a day)'),
    aht: finite().gt(0, 'must be > 0 seconds'),
    answerWithin: finite().min(0, 'must be ≥ 0 seconds'),
    serviceLevel: finite().min(0, 'must be in [0, 1)').lt(1, 'must be below 1: no finite staffing answers every contact within the threshold').optional(),
    asa: finite().gt(0, 'must be > 0 seconds').optional(),
    maxOccupancy: finite().gt(0, 'must be in (0, 1]').max(1, 'must be in (0, 1]').optional(),
    maxAbandon: finite().gt(0, 'must be in (0, 1)').lt(1, 'must be in (0, 1)').optional(),
    model: z.enum(STAFFING_MODELS, { error: `must be one of ${STAFFING_MODELS.join(', ')}` }).optional(),
    patience: finite().gt(0, 'must be > 0 seconds').optional(),
    shrinkage: finite().min(0, 'must be in [0, 1)').lt(1, 'must be in [0, 1)').optional(),
    agents: finite().int('must be a whole number').min(0, 'must be ≥ 0').max(MAX_AGENTS, `must be at most ${MAX_AGENTS}`).optional(),
    slVariant: z.enum(SL_VARIANTS, { error: `must be one of ${SL_VARIANTS.join(', ')}` }).optional(),
    shortAbandon: finite().min(0, 'must be ≥ 0 seconds').optional(),
    maxBlocking: finite().gt(0, 'must be in (0, 1)').lt(1, 'must be in (0, 1)').optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    const problem = crossFieldProblem(input);
    if (problem) ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.problem });
  });

/**
 * Checks an unknown value (a request body, parsed CLI flags) and returns it typed. Throws a
 * ZodError whose first issue names the field: negative calls, AHT 0, a service-level target
 * of 1 or more, Erlang A without patience, …
 */
export function validateStaffingInput(input: unknown): StaffingInput {
  const parsed = StaffingSchema.safeParse(input);
  if (parsed.success) return parsed.data as StaffingInput;
  // Name an unknown field itself (zod reports it on the object, with no path).
  const issue = parsed.error.issues[0]!;
  if (issue.code === 'unrecognized_keys' && issue.path.length === 0 && issue.keys.length) {
    throw new z.ZodError([{ code: 'custom', path: [issue.keys[0]!], message: 'unknown field', input }]);
  }
  throw parsed.error;
}

/** The zod schema, for routes that embed a staffing input in a larger body. */
export const staffingInputSchema = StaffingSchema;
