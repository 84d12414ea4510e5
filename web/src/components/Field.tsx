import { useId, type ReactNode } from 'react';
import { titleCase } from '../lib/names.ts';

/** A labelled control; the visible label is the accessible name. */
export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="field">
      <span>{label}</span>
      {children}
    </label>
  );
}

/** A select of `options` with an "all" choice that maps to ''. */
export function Select({
  label,
  value,
  options,
  onChange,
  allLabel,
  format = (v) => v,
}: {
  label: string;
  value: string;
  options: readonly string[];
  onChange: (value: string) => void;
  allLabel?: string;
  format?: (v: string) => string;
}) {
  return (
    <Field label={label}>
      <select value={value} onChange={(e) => onChange(e.target.value)} name={label.toLowerCase()}>
        {allLabel !== undefined && <option value="">{allLabel}</option>}
        {options.map((o) => (
          <option key={o} value={o}>
            {format(o)}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** Buttons of which one is pressed, for small mutually exclusive choices. */
export function Segmented<T extends string>({ label, value, options, onChange }: { label: string; value: T; options: readonly { value: T; label: string }[]; onChange: (value: T) => void }) {
  const id = useId();
  return (
    <div className="field">
      <span id={id}>{label}</span>
      <div className="segmented" role="group" aria-labelledby={id}>
        {options.map((o) => (
          <button key={o.value} type="button" aria-pressed={o.value === value} onClick={() => onChange(o.value)}>
            {o.label}
          </button>
        ))}
      </div>
    </div>
  );
}

/**
 * Human label of an identifier: `medicare-advantage` -> `Medicare Advantage`, `chip` ->
 * `CHIP` (web/src/lib/names.ts; `displayName` there also spells out states and tiers).
 */
export function humanize(value: string): string {
  return titleCase(value);
}
