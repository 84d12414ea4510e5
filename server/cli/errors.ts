import { InputError } from '../wfm/inputError.ts';

/**
 * An error in what the user typed, with the message the command composed (usually naming
 * the flag): printed without a stack, exit code 2. The engine's field error, InputError,
 * exits 2 the same way with its own message.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * Wraps a command action: a UsageError, an InputError (the API's 400) or a zod error exits
 * 2 with its message, the same message the API answers with; any other error exits 1 with
 * its message only, never a stack trace.
 */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<void> | void) {
  return async (...args: A): Promise<void> => {
    try {
      await fn(...args);
    } catch (e) {
      const err = e as Error;
      if (err instanceof UsageError || err instanceof InputError || err?.name === 'ZodError') {
        process.stderr.write(`staffcast: ${zodOrMessage(err)}\n`);
        process.exitCode = 2;
      } else {
        process.stderr.write(`staffcast: ${err?.message ?? String(e)}\n`);
        process.exitCode = 1;
      }
    }
  };
}

function zodOrMessage(err: Error): string {
  const issues = (err as { issues?: { path: PropertyKey[]; message: string }[] }).issues;
  if (issues?.length) {
    const i = issues[0]!;
    return `invalid ${i.path.map(String).join('.') || 'input'}: ${i.message}`;
  }
  return err.message;
}
