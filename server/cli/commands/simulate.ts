import type { Command } from 'commander';

/** `staffcast simulate` (placeholder until that area lands). */
export function registerSimulate(program: Command): void {
  program.command('simulate').description('(not yet implemented)');
}
