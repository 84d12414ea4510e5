/** The repository root (with a trailing separator). */
export const ROOT: string;
/** dist/cli/main.js, the compiled CLI. */
export const MAIN: string;
/** null when dist/ is usable, else why not, ending with the fix. */
export function buildProblem(): string | null;
