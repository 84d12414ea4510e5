import { useState } from 'react';
import { errorMessage, invalidate, sendJson, apiUrl } from '../api/client.ts';
import type { Dimensions, MetricDefinition, Target, TargetOverride } from '../api/types.ts';
import { useApi } from '../api/useApi.ts';
import { displayName, displayUnit } from '../lib/names.ts';
import { describeAmber, describeTarget } from '../lib/targets.ts';
import { DataTable, type Column } from './DataTable.tsx';
import { Field } from './Field.tsx';

interface TargetsAnswer {
  defaults: { metric: string; target: Target }[];
  tierDefaults: TargetOverride[];
  overrides: TargetOverride[];
}

type Row = TargetOverride & { builtIn: boolean };

const ANY = '*';

/** A band value as typed: percent for rates, minutes for AHT, the API's unit otherwise. */
function inputScale(metric: string, unit: MetricDefinition['unit']): { factor: number; suffix: string } {
  if (unit === 'fraction') return { factor: 100, suffix: '%' };
  const d = displayUnit(metric, unit);
  if (d.unit === 'minutes') return { factor: d.factor, suffix: 'min' };
  if (d.unit === 'seconds') return { factor: 1, suffix: 's' };
  return { factor: 1, suffix: '' };
}

const FIELDS: Record<Target['kind'], { key: string; label: string }[]> = {
  higher: [
    { key: 'green', label: 'Green at or above' },
    { key: 'amber', label: 'Amber at or above' },
  ],
  lower: [
    { key: 'green', label: 'Green at or below' },
    { key: 'amber', label: 'Amber at or below' },
  ],
  range: [
    { key: 'low', label: 'Green from' },
    { key: 'high', label: 'Green to' },
    { key: 'amberLow', label: 'Amber from' },
    { key: 'amberHigh', label: 'Amber to' },
  ],
};

const scopeText = (v: string, dim: string) => (v === ANY ? 'Any' : displayName(dim, v));

/**
 * Targets: the overrides stored in the database (per queue, channel and tier, `Any` = '*')
 * and the built-in tier defaults, with a form to set one and a button to clear one. The
 * most specific target that matches a row wins (server/kpi/targets.ts); the page says so.
 */
export function TargetsEditor({ dims, metrics }: { dims: Dimensions | undefined; metrics: MetricDefinition[] }) {
  const targets = useApi<TargetsAnswer>('/api/targets');
  const targetable = metrics.filter((m) => m.target);
  const [metric, setMetric] = useState('aht');
  const [queue, setQueue] = useState(ANY);
  const [channel, setChannel] = useState(ANY);
  const [tier, setTier] = useState(ANY);
  const [values, setValues] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const def = targetable.find((m) => m.name === metric) ?? targetable[0];
  if (!def) return null;
  const kind = def.target!.kind;
  const scale = inputScale(def.name, def.unit);
  const unitOf = (name: string) => metrics.find((m) => m.name === name)?.unit ?? 'count';
  const labelOf = (name: string) => metrics.find((m) => m.name === name)?.label ?? name;

  // Start the form from the target that applies to the chosen key.
  const current: Target = (() => {
    const all = [...(targets.data?.overrides ?? []), ...(targets.data?.tierDefaults ?? [])];
    const same = all.find((o) => o.metric === def.name && o.queue === queue && o.channel === channel && o.tier === tier);
    return same?.target ?? def.target!;
  })();
  const shown = (key: string) => {
    if (values[key] !== undefined) return values[key]!;
    const v = (current as unknown as Record<string, number>)[key];
    return v === undefined ? '' : String(Math.round(v * scale.factor * 100) / 100);
  };

  const rows: Row[] = [...(targets.data?.overrides ?? []).map((o) => ({ ...o, builtIn: false })), ...(targets.data?.tierDefaults ?? []).map((o) => ({ ...o, builtIn: true }))];

  const save = async () => {
    const target: Record<string, unknown> = { kind };
    for (const f of FIELDS[kind]) {
      const raw = shown(f.key).trim();
      const n = Number(raw);
      if (raw === '' || !Number.isFinite(n)) {
        setMessage({ error: true, text: `${f.label}: enter a number` });
        return;
      }
      target[f.key] = n / scale.factor;
    }
    try {
      await sendJson('PUT', '/api/targets', { metric: def.name, queue, channel, tier, target });
      setMessage({ error: false, text: `Saved the ${def.label} target for ${describeKey(queue, channel, tier)}.` });
      setValues({});
      invalidate('/api/targets', '/api/scorecard');
    } catch (e) {
      setMessage({ error: true, text: errorMessage(e) });
    }
  };

  const clear = async (o: TargetOverride) => {
    try {
      await sendJson('DELETE', apiUrl('/api/targets', { metric: o.metric, queue: o.queue, channel: o.channel, tier: o.tier }));
      setMessage({ error: false, text: `Cleared the ${labelOf(o.metric)} target for ${describeKey(o.queue, o.channel, o.tier)}.` });
      invalidate('/api/targets', '/api/scorecard');
    } catch (e) {
      setMessage({ error: true, text: errorMessage(e) });
    }
  };

  const columns: Column<Row>[] = [
    { key: 'metric', label: 'Metric', header: true, render: (r) => labelOf(r.metric) },
    { key: 'queue', label: 'Queue', render: (r) => scopeText(r.queue, 'queue') },
    { key: 'channel', label: 'Channel', render: (r) => scopeText(r.channel, 'channel') },
    { key: 'tier', label: 'Tier', render: (r) => scopeText(r.tier, 'tier') },
    { key: 'green', label: 'Green', render: (r) => describeTarget(r.target, unitOf(r.metric), r.metric) },
    { key: 'amber', label: 'Amber / red', render: (r) => describeAmber(r.target, unitOf(r.metric), r.metric) },
    {
      key: 'action',
      label: 'Source',
      render: (r) =>
        r.builtIn ? (
          <span className="muted">Built-in default</span>
        ) : (
          <button type="button" onClick={() => void clear(r)} aria-label={`Clear the ${labelOf(r.metric)} target for ${describeKey(r.queue, r.channel, r.tier)}`}>
            Clear
          </button>
        ),
    },
  ];

  return (
    <div data-testid="targets-editor">
      <p className="small muted">
        A target applies to a row or tile that is one queue, channel or tier (grouped by it, or filtered to it). The most specific target wins: more named keys beat fewer; on a tie queue beats tier,
        tier beats channel; a saved target beats a built-in one. Otherwise the metric's default applies (Metric definitions page).
      </p>
      {rows.length > 0 && <DataTable columns={columns} rows={rows} rowKey={(r) => `${r.builtIn}|${r.metric}|${r.queue}|${r.channel}|${r.tier}`} testId="targets-table" />}
      <form
        className="filters"
        aria-label="Set a target"
        style={{ marginTop: 12 }}
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Field label="Metric">
          <select
            name="target-metric"
            value={def.name}
            onChange={(e) => {
              setMetric(e.target.value);
              setValues({});
            }}
          >
            {targetable.map((m) => (
              <option key={m.name} value={m.name}>
                {m.label}
              </option>
            ))}
          </select>
        </Field>
        <KeySelect
          label="For queue"
          name="target-queue"
          value={queue}
          options={dims?.queue ?? []}
          dim="queue"
          onChange={(v) => {
            setQueue(v);
            setValues({});
          }}
        />
        <KeySelect
          label="For channel"
          name="target-channel"
          value={channel}
          options={dims?.channel ?? []}
          dim="channel"
          onChange={(v) => {
            setChannel(v);
            setValues({});
          }}
        />
        <KeySelect
          label="For tier"
          name="target-tier"
          value={tier}
          options={(dims?.tier ?? []).map(String)}
          dim="tier"
          onChange={(v) => {
            setTier(v);
            setValues({});
          }}
        />
        {FIELDS[kind].map((f) => (
          <Field key={f.key} label={`${f.label}${scale.suffix ? ` (${scale.suffix})` : ''}`}>
            <input name={`target-${f.key}`} inputMode="decimal" size={6} value={shown(f.key)} onChange={(e) => setValues({ ...values, [f.key]: e.target.value })} />
          </Field>
        ))}
        <div className="field">
          <span aria-hidden>&nbsp;</span>
          <button type="submit">Save target</button>
        </div>
      </form>
      {message && (
        <p role={message.error ? 'alert' : 'status'} className={message.error ? 'state-error small' : 'small'} data-testid="target-message">
          {message.text}
        </p>
      )}
    </div>
  );
}

function KeySelect({ label, name, value, options, dim, onChange }: { label: string; name: string; value: string; options: readonly string[]; dim: string; onChange: (v: string) => void }) {
  return (
    <Field label={label}>
      <select name={name} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value={ANY}>Any</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {displayName(dim, o)}
          </option>
        ))}
      </select>
    </Field>
  );
}

function describeKey(queue: string, channel: string, tier: string): string {
  const parts = [queue !== ANY && displayName('queue', queue), channel !== ANY && displayName('channel', channel), tier !== ANY && displayName('tier', tier)].filter(Boolean);
  return parts.length ? parts.join(' · ') : 'every queue, channel and tier';
}
