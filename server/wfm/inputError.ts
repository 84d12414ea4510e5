/**
 * The one field error: an input that cannot be answered, naming the field —
 * `invalid patience: …`. Thrown by the WFM math, the KPI and forecast parameters, the
 * ingest options and the API's own checks (`badRequest`); the API answers it with 400
 * `{ error, field }` (server/api/errors.ts) and the CLI exits 2 with the same message
 * (server/cli/errors.ts). It extends RangeError so plain callers can treat it as one.
 */
export class InputError extends RangeError {
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`invalid ${field}: ${problem}`);
    this.name = 'InputError';
  }
}
