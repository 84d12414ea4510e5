/** Migration 6: target overrides per queue carry over to the queue × channel × tier key. */
import { DuckDBInstance } from '@duckdb/node-api';
import { expect, it } from 'vitest';
import { migrate, MIGRATIONS } from '../../server/db/schema.ts';

it('keeps every override per queue, with channel and tier * (any)', async () => {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    // A database at version 4, with two overrides in the old (metric, queue) table.
    await conn.run('CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description VARCHAR, applied_at TIMESTAMPTZ NOT NULL)');
    for (const m of MIGRATIONS.filter((x) => x.version <= 4)) {
      await conn.run(m.sql);
      await conn.run('INSERT INTO schema_version VALUES ($v, $d, now())', { v: m.version, d: m.description });
    }
    await conn.run(`INSERT INTO metric_targets VALUES
      ('serviceLevel', 'medicare', '{"kind":"higher","green":0.7,"amber":0.6}', now()),
      ('aht', '*', '{"kind":"range","low":300,"high":600,"amberLow":240,"amberHigh":660}', now())`);
    expect(await migrate(conn)).toBe(MIGRATIONS.at(-1)!.version);
    const rows = (await conn.runAndReadAll('SELECT metric, queue, channel, tier, target FROM metric_targets ORDER BY metric')).getRowObjectsJS();
    expect(rows).toEqual([
      { metric: 'aht', queue: '*', channel: '*', tier: '*', target: '{"kind":"range","low":300,"high":600,"amberLow":240,"amberHigh":660}' },
      { metric: 'serviceLevel', queue: 'medicare', channel: '*', tier: '*', target: '{"kind":"higher","green":0.7,"amber":0.6}' },
    ]);
    // The new key is the primary key: the same override for a channel is a second row.
    await conn.run(`INSERT INTO metric_targets VALUES ('serviceLevel', 'medicare', 'chat', '*', '{}', now())`);
    await expect(conn.run(`INSERT INTO metric_targets VALUES ('serviceLevel', 'medicare', 'chat', '*', '{}', now())`)).rejects.toThrow(/constraint/i);
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
});
