import type { Command } from 'commander';

/** `staffcast forecast` (placeholder until that area lands). */
export function registerForecast(program: Command): void {
  program.command('forecast').description('(not yet implemented)');
}
