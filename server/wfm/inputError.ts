/**
 * An input the staffing math cannot answer, naming the field: `invalid patience: …`. The
 * API turns it into a 400 and the CLI into exit 2 (with the flag's name), as it does for
 * zod errors; it extends RangeError so plain callers can treat it as one.
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
