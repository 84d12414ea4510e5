/**
 * Configuration, parsed once from the environment (and CLI overrides) and checked with zod,
 * so a bad setting fails fast with the name of the variable.
 */
import { z } from 'zod';
import { isValidTimeZone } from './wfm/timezone.ts';

const ConfigSchema = z.object({
  dbPath: z.string().min(1),
  timezone: z.string().refine(isValidTimeZone, { message: 'not an IANA time zone name' }),
  host: z.string().min(1),
  port: z.coerce.number().int().min(0).max(65535),
  /** File that holds the HMAC key for member-ID pseudonyms (outside the database file). */
  keyFile: z.string().min(1),
  /** The key itself (64 hex digits, or any text of at least 32 characters; see decodeHmacKey); overrides keyFile. */
  hmacKey: z.string().min(32).optional(),
  uploadLimitBytes: z.coerce.number().int().positive(),
  /** Seed an empty database with generated sample data on first start. */
  seedOnEmpty: z.boolean(),
  sampleDays: z.coerce.number().int().positive(),
});

export type Config = z.infer<typeof ConfigSchema>;

const ENV_NAMES: Record<keyof Config, string> = {
  dbPath: 'STAFFCAST_DB',
  timezone: 'STAFFCAST_TIMEZONE',
  host: 'STAFFCAST_HOST',
  port: 'STAFFCAST_PORT',
  keyFile: 'STAFFCAST_KEY_FILE',
  hmacKey: 'STAFFCAST_HMAC_KEY',
  uploadLimitBytes: 'STAFFCAST_UPLOAD_LIMIT_BYTES',
  seedOnEmpty: 'STAFFCAST_SEED',
  sampleDays: 'STAFFCAST_SAMPLE_DAYS',
};

export class ConfigError extends Error {}

/** Builds the configuration from `env`, with `overrides` (from CLI flags) taking precedence. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const dbPath = overrides.dbPath ?? env.STAFFCAST_DB ?? 'data/staffcast.duckdb';
  const raw = {
    dbPath,
    timezone: env.STAFFCAST_TIMEZONE ?? 'America/Los_Angeles',
    host: env.STAFFCAST_HOST ?? '127.0.0.1',
    port: env.STAFFCAST_PORT ?? 3000,
    keyFile: env.STAFFCAST_KEY_FILE ?? defaultKeyFile(dbPath),
    hmacKey: env.STAFFCAST_HMAC_KEY || undefined,
    uploadLimitBytes: env.STAFFCAST_UPLOAD_LIMIT_BYTES ?? 512 * 1024 * 1024,
    seedOnEmpty: (env.STAFFCAST_SEED ?? 'true') !== 'false',
    sampleDays: env.STAFFCAST_SAMPLE_DAYS ?? 800,
    ...stripUndefined(overrides),
  };
  const parsed = ConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = String(issue.path[0]) as keyof Config;
    throw new ConfigError(`invalid ${ENV_NAMES[key] ?? key}: ${issue.message}`);
  }
  return parsed.data;
}

/** The key lives beside the database file, never inside it: `data/staffcast.key`. */
function defaultKeyFile(dbPath: string): string {
  if (dbPath === ':memory:') return 'data/staffcast.key';
  return dbPath.replace(/\.duckdb$/, '') + '.key';
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
