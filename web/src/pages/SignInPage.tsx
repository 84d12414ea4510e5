import { type FormEvent, useEffect, useState } from 'react';
import { errorMessage } from '../api/client.ts';

/** The sign-in form; `notice` says why it is shown (signed out after inactivity, …). */
export function SignInPage({ notice, onSignIn }: { notice: string | null; onSignIn: (name: string, password: string) => Promise<void> }) {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    document.title = 'Sign in · Staffcast';
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSignIn(name.trim(), password);
    } catch (err) {
      setError(errorMessage(err));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="auth-page">
      <form className="card auth-card" onSubmit={submit} aria-labelledby="sign-in-title">
        <div className="brand">
          Staff<span>cast</span>
        </div>
        <h1 id="sign-in-title">Sign in</h1>
        {notice && (
          <p className="notice notice-info" role="status" data-testid="sign-in-notice">
            {notice}
          </p>
        )}
        <label className="field">
          <span>User name</span>
          <input name="name" autoComplete="username" value={name} onChange={(e) => setName(e.target.value)} required />
        </label>
        <label className="field">
          <span>Password</span>
          <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </label>
        {error && (
          <p className="notice notice-error" role="alert" data-testid="sign-in-error">
            {error}
          </p>
        )}
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        <p className="muted small">Three wrong passwords in a row lock the account for a while; an administrator can unlock it.</p>
      </form>
    </div>
  );
}
