import type { Command } from 'commander';

/** `staffcast ingest` (placeholder until that area lands). */
export function registerIngest(program: Command): void {
  program.command('ingest').description('(not yet implemented)');
}
