/**
 * `staffcast users add NAME --role ROLE` (password from standard input), `users list`,
 * `users disable|enable|unlock NAME`, `users reset-password NAME` (the new password from
 * standard input, or a one-time one printed when standard input is a terminal or empty;
 * either must be replaced at the next sign-in), `users role NAME ROLE`.
 *
 * The command opens the database file directly, so it acts as the operating-system user
 * that can read and write that file; each change is audited as `os:<user>` from `cli`.
 * While the server runs it holds the file: use the Users API (admin) instead.
 */
import type { Command } from 'commander';
import { openForCli } from '../database.ts';
import { action, UsageError } from '../errors.ts';

const VERBS = ['add', 'list', 'disable', 'enable', 'unlock', 'reset-password', 'role'] as const;

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  // One password: the first line, without its line ending.
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

export function registerUsers(program: Command): void {
  program
    .command('users')
    .description('manage who may sign in: add NAME --role ROLE | list | disable NAME | enable NAME | unlock NAME | reset-password NAME | role NAME ROLE')
    .argument('<action>', VERBS.join(', '))
    .argument('[name]', 'the user name')
    .argument('[role]', 'for role: the new role')
    .option('--role <role>', 'for add: admin, planner, executive or viewer')
    .option('--json', 'for list: print JSON')
    .action(
      action(async (verb: string, name: string | undefined, newRole: string | undefined, opts: { role?: string; json?: boolean }) => {
        if (!(VERBS as readonly string[]).includes(verb)) throw new UsageError(`invalid action: expected ${VERBS.join(', ')}, got "${verb}"`);
        if (verb !== 'list' && !name) throw new UsageError(`invalid name: users ${verb} needs a user name`);
        if (verb === 'add' && !opts.role) throw new UsageError('invalid --role: users add needs --role admin|planner|executive|viewer');
        if (verb === 'role' && !newRole) throw new UsageError('invalid role: users role NAME ROLE needs the new role');
        const password = verb === 'add' || verb === 'reset-password' ? await readStdin() : '';
        if (verb === 'add' && password === '') throw new UsageError('invalid password: give it on standard input, e.g. `printf %s "$PW" | staffcast users add NAME --role ROLE`');
        const [users, { recordAudit, cliActor }] = await Promise.all([import('../../auth/users.ts'), import('../../auth/audit.ts')]);
        const { db } = await openForCli(program, { readOnly: verb === 'list' });
        try {
          const now = new Date();
          if (verb === 'list') {
            const list = await users.listUsers(db, now);
            if (opts.json) {
              process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
              return;
            }
            const lines = list.map((u) =>
              [
                u.name.padEnd(20),
                u.role.padEnd(10),
                u.disabled ? 'disabled' : u.lockedUntil ? `locked until ${u.lockedUntil}` : u.mustChangePassword ? 'must set a password' : 'active',
                u.lastSignInAt ? `last sign-in ${u.lastSignInAt}` : 'never signed in',
              ].join('  '),
            );
            process.stdout.write(`${['name'.padEnd(20), 'role'.padEnd(10), 'state'].join('  ')}\n${lines.join('\n')}${lines.length ? '\n' : ''}`);
            return;
          }
          const n = name!;
          let detail: string | null = null;
          if (verb === 'add') {
            await users.addUser(db, n, opts.role, password, now);
            detail = `role ${opts.role}`;
          } else if (verb === 'disable' || verb === 'enable') await users.disableUser(db, n, verb === 'disable', now);
          else if (verb === 'unlock') await users.unlock(db, n, now);
          else if (verb === 'role') {
            await users.changeRole(db, n, newRole, now);
            detail = `role ${newRole}`;
          } else {
            const generated = await users.resetPassword(db, n, password === '' ? undefined : password, now);
            if (generated) process.stdout.write(`One-time password for ${n} (to be replaced at the next sign-in): ${generated}\n`);
          }
          await recordAudit(db, { at: now, actor: cliActor(), address: 'cli', action: `user.${verb}`, path: n, outcome: 'ok', detail });
          process.stdout.write(`users ${verb} ${n}: done\n`);
        } finally {
          db.close();
        }
      }),
    );
}
