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
