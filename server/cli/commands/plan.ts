import type { Command } from 'commander';

/** `staffcast plan` (placeholder until that area lands). */
export function registerPlan(program: Command): void {
  program.command('plan').description('(not yet implemented)');
}
