import type { Command } from 'commander';

/** `staffcast kpis` (placeholder until that area lands). */
export function registerKpis(program: Command): void {
  program.command('kpis').description('(not yet implemented)');
}
