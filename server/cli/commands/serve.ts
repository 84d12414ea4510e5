import type { Command } from 'commander';
import { cliOverrides } from '../database.ts';
import { action, UsageError } from '../errors.ts';

/** `staffcast serve`: the API and the dashboard, on 127.0.0.1 unless told otherwise. */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the dashboard and the API (seeds an empty database with sample data first)')
    .option('--port <n>', 'port (default $STAFFCAST_PORT or 3000; 0 picks a free one)')
    .option('--host <h>', 'address to bind (default $STAFFCAST_HOST or 127.0.0.1)')
    .option('--no-seed', 'do not seed an empty database')
    .option('--tls-cert <file>', 'serve over https with this certificate (PEM); needs --tls-key')
    .option('--tls-key <file>', 'the private key (PEM) of --tls-cert')
    .option('--behind-tls-proxy', 'a TLS-terminating proxy on this machine is in front (allows --host other than loopback without --tls-cert)')
    .action(
      action(async (opts: { port?: string; host?: string; seed: boolean; tlsCert?: string; tlsKey?: string; behindTlsProxy?: boolean }) => {
        if (opts.port !== undefined && !/^\d+$/.test(opts.port)) throw new UsageError('invalid --port: expected a number');
        // Imported here, not above: the server (Express, DuckDB) is not needed for `--help`.
        const [{ loadConfig }, { startServer }] = await Promise.all([import('../../config.ts'), import('../../server.ts')]);
        const config = loadConfig(process.env, {
          ...cliOverrides(program),
          ...(opts.port !== undefined ? { port: Number(opts.port) } : {}),
          ...(opts.host ? { host: opts.host } : {}),
          ...(opts.seed === false ? { seedOnEmpty: false } : {}),
          ...(opts.tlsCert ? { tlsCert: opts.tlsCert } : {}),
          ...(opts.tlsKey ? { tlsKey: opts.tlsKey } : {}),
          ...(opts.behindTlsProxy ? { behindTlsProxy: true } : {}),
        });
        const server = await startServer({ config });
        process.stdout.write(`Staffcast is serving ${server.url}  (database ${config.dbPath}, site time zone ${config.timezone})\n`);
        let closing = false;
        const shutdown = (signal: string) => {
          if (closing) return;
          closing = true;
          process.stderr.write(`${signal}: closing…\n`);
          server.close().then(
            () => process.exit(0),
            () => process.exit(1),
          );
        };
        process.on('SIGINT', () => shutdown('SIGINT'));
        process.on('SIGTERM', () => shutdown('SIGTERM'));
      }),
    );
}
