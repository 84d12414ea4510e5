/**
 * Errors of the forecast service that callers turn into their own answers: the API into a
 * 400 or 404 naming the field, the CLI into a usage error naming the flag.
 */

/** A request value that is well-formed but unusable (e.g. a start before the history). */
export class ForecastInputError extends Error {
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`invalid ${field}: ${problem}`);
    this.name = 'ForecastInputError';
  }
}

/** The series has no history to forecast from. */
export class NoHistoryError extends ForecastInputError {
  constructor(queue: string, channel: string | null | undefined) {
    super('queue', `no offered contacts for ${queue}${channel ? ` on ${channel}` : ''}`);
    this.name = 'NoHistoryError';
  }
}

/** An AHT forecast asked of a series with no handle time in its history (e.g. every contact abandoned). */
export class NoAhtHistoryError extends ForecastInputError {
  constructor(queue: string, channel: string | null | undefined, through: string) {
    super(
      'metric',
      `no handled contacts with a handle time for ${queue}${channel ? ` on ${channel}` : ''} in the history through ${through}, so there is no AHT to forecast`,
    );
    this.name = 'NoAhtHistoryError';
  }
}
