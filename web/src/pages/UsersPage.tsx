import { type FormEvent, useState } from 'react';
import type { Role } from '../../../server/auth/roles.ts';
import type { UserView } from '../../../server/auth/users.ts';
import { errorMessage, invalidate, sendJson } from '../api/client.ts';
import { useApi } from '../api/useApi.ts';
import { StateMessage } from '../components/ChartFrame.tsx';
import { type Column, DataTable } from '../components/DataTable.tsx';
import { Field } from '../components/Field.tsx';

const ROLES: Role[] = ['admin', 'planner', 'executive', 'viewer'];

/** The message once the request has succeeded. */
const done = async (request: Promise<unknown>, message: string): Promise<string> => {
  await request;
  return message;
};

const stateOf = (u: UserView) => (u.disabled ? 'disabled' : u.lockedUntil ? `locked until ${u.lockedUntil.slice(11, 16)} UTC` : u.mustChangePassword ? 'must set a password' : 'active');

/**
 * Users, for admins: add one (with a one-time password to hand over), change a role,
 * disable or enable, unlock, reset a password. Every change is in the audit trail.
 */
export function UsersPage() {
  const list = useApi<{ users: UserView[] }>('/api/users');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const act = async (work: () => Promise<string>) => {
    setMessage(null);
    try {
      setMessage({ kind: 'ok', text: await work() });
    } catch (e) {
      setMessage({ kind: 'error', text: errorMessage(e) });
    }
    invalidate('/api/users');
  };

  const add = (e: FormEvent) => {
    e.preventDefault();
    void act(async () => {
      const r = await sendJson<{ name: string; oneTimePassword: string }>('POST', '/api/users', { name: name.trim(), role });
      setName('');
      return `Added ${r.name} (${role}). One-time password, shown once: ${r.oneTimePassword}`;
    });
  };
  const path = (u: UserView) => `/api/users/${encodeURIComponent(u.name)}`;

  const columns: Column<UserView>[] = [
    { key: 'name', label: 'User', render: (u) => u.name, header: true },
    {
      key: 'role',
      label: 'Role',
      render: (u) => (
        <select aria-label={`Role of ${u.name}`} value={u.role} onChange={(e) => act(() => done(sendJson('PATCH', path(u), { role: e.target.value }), `${u.name} is now ${e.target.value}.`))}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      ),
    },
    { key: 'state', label: 'State', render: stateOf },
    { key: 'last', label: 'Last sign-in (UTC)', render: (u) => (u.lastSignInAt ? u.lastSignInAt.replace('T', ' ').slice(0, 16) : 'never') },
    {
      key: 'actions',
      label: 'Actions',
      render: (u) => (
        <div className="row">
          <button type="button" onClick={() => act(() => done(sendJson('PATCH', path(u), { disabled: !u.disabled }), `${u.name} ${u.disabled ? 'enabled' : 'disabled'}.`))}>
            {u.disabled ? 'Enable' : 'Disable'}
          </button>
          {u.lockedUntil && (
            <button type="button" onClick={() => act(() => done(sendJson('POST', `${path(u)}/unlock`), `${u.name} unlocked.`))}>
              Unlock
            </button>
          )}
          <button
            type="button"
            onClick={() =>
              act(async () => {
                const r = await sendJson<{ oneTimePassword: string }>('POST', `${path(u)}/reset-password`);
                return `New one-time password for ${u.name}, shown once: ${r.oneTimePassword}`;
              })
            }
          >
            Reset password
          </button>
        </div>
      ),
    },
  ];

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Users</h1>
          <p>Who may sign in, and with which role (docs/security.md). A new or reset user gets a one-time password and must choose their own at the next sign-in.</p>
        </div>
      </div>
      <form className="card filters" onSubmit={add} aria-label="Add a user">
        <Field label="User name">
          <input name="name" value={name} onChange={(e) => setName(e.target.value)} required pattern="[a-z0-9][a-z0-9._\-]{0,63}" />
        </Field>
        <Field label="Role">
          <select name="role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </Field>
        <button type="submit" className="button">
          Add user
        </button>
      </form>
      {message && (
        <p className={`notice ${message.kind === 'ok' ? 'notice-ok' : 'notice-error'}`} role={message.kind === 'ok' ? 'status' : 'alert'} data-testid="users-message">
          {message.text}
        </p>
      )}
      {list.data ? (
        <div className="card">
          <DataTable columns={columns} rows={list.data.users} rowKey={(u) => u.name} testId="users-table" />
        </div>
      ) : (
        <StateMessage state={list.state === 'idle' ? 'loading' : list.state} error={list.error} />
      )}
    </>
  );
}
