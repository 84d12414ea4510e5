import type { Command } from 'commander';

/** `staffcast sample-data` (placeholder until that area lands). */
export function registerSampleData(program: Command): void {
  program.command('sample-data').description('(not yet implemented)');
}
