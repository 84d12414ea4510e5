/**
 * The `staffcast` command line. Each command lives in ./commands/<name>.ts and registers
 * itself on the program. A command module imports at the top only what declaring its flags
 * needs; DuckDB, Express, zod and the engines are imported inside its action, so that
 * `--help` and the pure commands start fast (test/integration/cli-startup.test.ts).
 */
import { Command } from 'commander';
import { registerBatches } from './commands/batches.ts';
import { registerCalendar } from './commands/calendar.ts';
import { registerCapacity } from './commands/capacity.ts';
import { registerCases } from './commands/cases.ts';
import { registerCompliance } from './commands/compliance.ts';
import { registerErlang } from './commands/erlang.ts';
import { registerForecast } from './commands/forecast.ts';
import { registerIngest } from './commands/ingest.ts';
import { registerKpis } from './commands/kpis.ts';
import { registerPlan } from './commands/plan.ts';
import { registerSampleData } from './commands/sample-data.ts';
import { registerServe } from './commands/serve.ts';
import { registerSimulate } from './commands/simulate.ts';
import { registerSla } from './commands/sla.ts';
import { registerUsers } from './commands/users.ts';

const program = new Command('staffcast')
  .description('Workforce-management forecasting and SLA analytics for health-plan contact centers')
  .option('--db <path>', 'DuckDB database file (default $STAFFCAST_DB or data/staffcast.duckdb)')
  .showHelpAfterError()
  .exitOverride((err) => {
    // commander's own usage errors (unknown option, missing argument) exit 2.
    process.exit(err.exitCode === 0 ? 0 : 2);
  });

for (const register of [
  registerServe,
  registerIngest,
  registerKpis,
  registerSampleData,
  registerErlang,
  registerPlan,
  registerSimulate,
  registerForecast,
  registerCapacity,
  registerCalendar,
  registerUsers,
  registerBatches,
  registerCases,
  registerSla,
  registerCompliance,
]) {
  register(program);
}

await program.parseAsync(process.argv);
