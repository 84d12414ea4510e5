import type { Command } from 'commander';

/** `staffcast serve` (placeholder until that area lands). */
export function registerServe(program: Command): void {
  program.command('serve').description('(not yet implemented)');
}
