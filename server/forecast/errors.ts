/**
 * Errors of the forecast service. An unusable request value (e.g. a start before the
 * history) is the field error, InputError (server/wfm/inputError.ts): the API answers 400,
 * the CLI exits 2. A series without history is one too, answered 404 by the API.
 */
import { InputError } from '../wfm/inputError.ts';

/** The series has no history to forecast from. */
export class NoHistoryError extends InputError {
  constructor(queue: string, channel: string | null | undefined) {
    super('queue', `no offered contacts for ${queue}${channel ? ` on ${channel}` : ''}`);
    this.name = 'NoHistoryError';
  }
}

/** An AHT forecast asked of a series with no handle time in its history (e.g. every contact abandoned). */
export class NoAhtHistoryError extends InputError {
  constructor(queue: string, channel: string | null | undefined, through: string) {
    super('metric', `no handled contacts with a handle time for ${queue}${channel ? ` on ${channel}` : ''} in the history through ${through}, so there is no AHT to forecast`);
    this.name = 'NoAhtHistoryError';
  }
}
