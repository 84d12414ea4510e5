import { type FormEvent, useEffect, useState } from 'react';
import { errorMessage } from '../api/client.ts';

const MIN_LENGTH = 12;

/** Replacing a one-time password (first start, reset) before anything else; also reachable to change one's own. */
export function SetPasswordPage({ name, required, onSubmit, onCancel }: { name: string; required: boolean; onSubmit: (current: string, next: string) => Promise<void>; onCancel?: () => void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    document.title = 'Set a new password · Staffcast';
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (next.length < MIN_LENGTH) return setError(`The new password needs at least ${MIN_LENGTH} characters.`);
    if (next !== again) return setError('The two new passwords differ.');
    setBusy(true);
    setError(null);
    try {
      await onSubmit(current, next);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="auth-page">
      <form className="card auth-card" onSubmit={submit} aria-labelledby="password-title">
        <h1 id="password-title">Set a new password</h1>
        <p className="muted">
          {required ? (
            <>
              Signed in as <strong>{name}</strong> with a one-time password: choose your own before going on.
            </>
          ) : (
            <>
              Signed in as <strong>{name}</strong>.
            </>
          )}{' '}
          At least {MIN_LENGTH} characters; a few unrelated words make a good one.
        </p>
        <label className="field">
          <span>{required ? 'One-time password' : 'Current password'}</span>
          <input name="currentPassword" type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} required />
        </label>
        <label className="field">
          <span>New password</span>
          <input name="newPassword" type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} required minLength={MIN_LENGTH} />
        </label>
        <label className="field">
          <span>New password again</span>
          <input name="newPasswordAgain" type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} required />
        </label>
        {error && (
          <p className="notice notice-error" role="alert" data-testid="password-error">
            {error}
          </p>
        )}
        <div className="row">
          <button type="submit" className="button" disabled={busy}>
            {busy ? 'Saving…' : 'Set password'}
          </button>
          {onCancel && (
            <button type="button" onClick={onCancel}>
              Cancel
            </button>
          )}
        </div>
      </form>
    </div>
  );
}
