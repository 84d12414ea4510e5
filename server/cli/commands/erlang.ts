import type { Command } from 'commander';

/** `staffcast erlang` (placeholder until that area lands). */
export function registerErlang(program: Command): void {
  program.command('erlang').description('(not yet implemented)');
}
